"""The settlement guide (Wegweiser, "Leitsystem"): what a newcomer finds in the district for their case."""
