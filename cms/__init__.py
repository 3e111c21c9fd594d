"""The host project: settings, URLs, the ninja API object and demo content for Leuchtturm."""
