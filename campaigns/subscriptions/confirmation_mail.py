"""The mails a person asks for without a login: the double opt-in confirmation, a parent's or guardian's
confirmation for a pupil under 16, a fresh preference link, and the link that confirms erasing all their data.

They are plain text, carry no advertising (a confirmation request with promotional content would itself
need consent), no tracking and nothing a sign-up typed. They are sent from a django-q2 worker by default
(``campaigns.subscriptions.outbox``), so an answer never waits for SMTP; only ids travel through the queue.
"""

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from campaigns import app_settings
from campaigns.mail_date import mail_date
from campaigns.models import SignupRequest, Subscriber, Suppression
from campaigns.pacing import Pacer
from campaigns.page_links import page_path
from campaigns.tokens import (
    CONFIRM,
    CONFIRMATION_MAX_AGE,
    ERASE,
    GUARDIAN,
    PREFERENCES,
    UNSUBSCRIBE,
    make_token,
)
from page_types.public_urls import public_url

SEND_TASK = "campaigns.subscriptions.confirmation_mail.send_confirmation"
GUARDIAN_TASK = "campaigns.subscriptions.confirmation_mail.send_guardian_confirmation"
LINK_TASK = "campaigns.subscriptions.confirmation_mail.send_preference_link"
ERASE_TASK = "campaigns.subscriptions.confirmation_mail.send_erasure_link"
TEMPLATES = "campaigns/subscriptions/email"


def absolute_url(path: str) -> str:
    """A path made absolute with the site's public base URL (mails have no request to take it from)."""
    return public_url(path)


def _send(subscriber: Subscriber, to: str, template: str, language: str, context: dict) -> None:
    """Render ``<template>.txt`` and ``<template>_subject.txt`` in ``language`` and send them to ``to``.

    The mail takes the installation's next send slot ahead of any newsletter (``campaigns.pacing``). A
    failed delivery lifts the subscriber's cool-down, so that a new request can ask again, and re-raises
    for the worker's retry.
    """
    with translation.override(language):
        subject = render_to_string(f"{TEMPLATES}/{template}_subject.txt", context).strip()
        body = render_to_string(f"{TEMPLATES}/{template}.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": language, "Date": mail_date()},
    )
    Pacer(priority=True).wait()
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        Subscriber.objects.filter(pk=subscriber.pk).update(last_confirmation_sent_at=None)
        raise


def _waiting(request_id: int, status: str) -> SignupRequest | None:
    """The request if it still waits in ``status`` for an address that may be mailed."""
    request = SignupRequest.objects.select_related("subscriber").filter(pk=request_id, status=status).first()
    if request is None or request.subscriber is None or Suppression.objects.is_suppressed(request.email):
        return None
    return request


def _link(name: str, token: str, language: str) -> str:
    return absolute_url(page_path(name, language, token=token))


def send_confirmation(request_id: int) -> bool:
    """Send the confirmation mail of a registered sign-up request; return whether one was sent.

    Nothing is sent when the request was confirmed, ended or erased, or the address suppressed meanwhile.
    """
    request = _waiting(request_id, SignupRequest.Status.OPEN)
    if request is None:
        return False
    channels = [event.channel for event in request.requested_events()]
    if not channels:
        return False
    subscriber = request.subscriber
    language = request.facets.get("language") or subscriber.language
    context = {
        "channels": channels,
        "confirm_url": _link("newsletter:confirm", make_token(subscriber, CONFIRM, request.pk), language),
        "valid_until": timezone.localtime() + CONFIRMATION_MAX_AGE,
        "retention_days": app_settings.pending_retention().days,
        "needs_guardian": request.needs_guardian,
    }
    _send(subscriber, subscriber.email, "confirmation", language, context)
    return True


def send_guardian_confirmation(request_id: int) -> bool:
    """Ask the parent or guardian a pupil under 16 named to agree (after the pupil confirmed)."""
    request = _waiting(request_id, SignupRequest.Status.AWAITING_GUARDIAN)
    if request is None or not request.guardian_email:
        return False
    language = app_settings.content_language()
    context = {
        "channels": [event.channel for event in request.requested_events()],
        "address": request.email,
        "confirm_url": _link(
            "newsletter:guardian", make_token(request.subscriber, GUARDIAN, request.pk), language
        ),
        "valid_until": timezone.localtime() + CONFIRMATION_MAX_AGE,
    }
    _send(request.subscriber, request.guardian_email, "guardian", language, context)
    return True


def _mail_links(subscriber_id: int, template: str, links: dict[str, tuple[str, str]]) -> bool:
    """Mail a subscriber ``template`` with signed links — each context name maps to its URL name and token
    purpose — valid as long as a preference link; nothing when the subscriber was erased or suppressed."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or Suppression.objects.is_suppressed(subscriber.email):
        return False
    context = {
        name: _link(url, make_token(subscriber, purpose), subscriber.language)
        for name, (url, purpose) in links.items()
    }
    context["valid_days"] = app_settings.preference_link_days().days
    _send(subscriber, subscriber.email, template, subscriber.language, context)
    return True


def send_erasure_link(subscriber_id: int) -> bool:
    """Mail a subscriber the link that erases all their data: only the mailbox's owner may delete it."""
    return _mail_links(subscriber_id, "erase_link", {"erase_url": ("newsletter:erase", ERASE)})


def send_preference_link(subscriber_id: int) -> bool:
    """Mail a subscriber fresh preference and unsubscribe links (their old ones ran out)."""
    links = {
        "preferences_url": ("newsletter:preferences", PREFERENCES),
        "unsubscribe_url": ("newsletter:unsubscribe", UNSUBSCRIBE),
    }
    return _mail_links(subscriber_id, "preference_link", links)
