"""The host project: settings, URLs, API router and demo content for Leuchtturm."""
