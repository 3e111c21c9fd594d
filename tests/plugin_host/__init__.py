"""A Wagtail site other than Leuchtturm's that installs the two plugins as a stranger would (no ``cms``)."""
