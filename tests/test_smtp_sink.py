"""The SMTP sink fixture really receives mail over the wire."""

import smtplib

import pytest
from django.core.mail import send_mail


def test_mail_sent_through_django_arrives_in_the_sink(smtp_sink):
    send_mail("Betreff", "Hallo", "absender@example.org", ["empfaenger@example.org"])
    [received] = smtp_sink.handler.to("empfaenger@example.org")
    assert received.message["Subject"] == "Betreff"
    assert received.message.get_content().strip() == "Hallo"


def test_rejected_recipient_is_refused(smtp_sink):
    smtp_sink.handler.reject["weg@example.org"] = "550 5.1.1 no such user"
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        send_mail("Betreff", "Hallo", "absender@example.org", ["weg@example.org"])
    assert smtp_sink.messages == []
