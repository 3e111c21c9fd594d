"""What independent mail validators look at in a sent newsletter: the ``Date`` in RFC 5322's own UTC form
(``+0000``, not the obsolete ``GMT``), and a preheader hidden without white-on-light text (SpamAssassin's
``HTML_FONT_LOW_CONTRAST``)."""

import re
from email.utils import parsedate_to_datetime

from campaigns.sending.inline import send_inline
from tests.campaigns.subscribing import signup_data


def assert_utc_date(data: bytes) -> None:
    raw = re.search(rb"^Date: (.+?)\r?$", data, re.MULTILINE).group(1).decode()
    assert raw.endswith(" +0000") and "GMT" not in raw
    assert parsedate_to_datetime(raw).utcoffset().total_seconds() == 0


def test_date_is_written_with_plus_0000_and_parses(newsletter, smtp_sink):
    send_inline(newsletter.campaign.pk)
    for received in smtp_sink.messages:
        assert_utc_date(received.data)


def test_preheader_is_not_white_on_the_light_background(newsletter, smtp_sink):
    newsletter.campaign.preheader = "Neue MINT-Angebote und Geschichten aus dem Landkreis"
    newsletter.campaign.save()
    send_inline(newsletter.campaign.pk)
    html = next(
        part.get_content()
        for part in smtp_sink.messages[0].message.iter_parts()
        if part.get_content_type() == "text/html"
    )
    [hidden] = re.findall(r'<div style="([^"]*)">Neue MINT-Angebote und Geschichten', html)
    assert "display:none" in hidden
    colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", hidden).group(1).lower()
    assert colour not in ("#ffffff", "#f2f4f7")
    assert int(colour[1:3], 16) < 0x80, "dark text, as on the rest of the light background"


def test_confirmation_mails_carry_the_same_date_form(
    smtp_sink, inline_mail, visitor, newsletter_channels, django_capture_on_commit_callbacks
):
    """Transactional mails too: Django alone would write ``-0000`` ("local offset unknown")."""
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post("/newsletter/", signup_data("datum@example.org"))
    [received] = smtp_sink.handler.to("datum@example.org")
    assert_utc_date(received.data)
