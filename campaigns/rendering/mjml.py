"""MJML to HTML with mjml-python (MRML), configured for privacy and accessibility.

``fonts={}`` keeps MRML from linking Google Fonts (a remote asset that would tell a third party who opened
the mail); the template sets ``<mjml lang="…">``, without which MRML writes ``lang="und"``.
"""

from django.template.loader import render_to_string
from mjml import mjml2html

TEMPLATE = "campaigns/email/newsletter.mjml"


def render_html(context: dict) -> str:
    """Render the newsletter template to MJML and the MJML to e-mail HTML."""
    source = render_to_string(TEMPLATE, context)
    return mjml2html(source, fonts={})
