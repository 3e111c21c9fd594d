"""The welcome mail: once per confirmed subscription, what the channel sends and what fits the reader now."""
