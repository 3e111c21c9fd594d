"""The outreach plugin's Wagtail admin: one module per viewset, and the views each one adds."""
