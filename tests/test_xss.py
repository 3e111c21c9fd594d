"""The XSS detector finds the payload wherever it would run, and only there."""

from django.utils.html import escape

from tests.xss import PAYLOAD, executable_payloads, shown_as_text


def test_raw_payload_is_found_in_every_executable_form():
    sinks = executable_payloads(f"<p>{PAYLOAD}</p>")
    assert len(sinks) == 4
    assert [sink.split()[0] for sink in sinks] == ["<script>alert('XSS-7f3a')</script>", "<img", "<a", "<svg"]
    assert not shown_as_text(f"<p>{PAYLOAD}</p>")


def test_escaped_payload_is_text_and_nothing_else():
    html = f'<p title="{escape(PAYLOAD)}">{escape(PAYLOAD)}</p><script>var own = 1;</script>'
    assert executable_payloads(html) == []
    assert shown_as_text(html)
