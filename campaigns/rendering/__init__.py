"""Turning a campaign into mails: its content, its variants, their MJML/HTML and text, and personal tokens."""
