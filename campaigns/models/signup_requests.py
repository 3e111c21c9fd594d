"""Sign-up requests: what a sign-up asked for, kept apart from the person until it is confirmed.

Anybody can sign up any address, so a request changes nothing about an existing person: its channels,
facets and consent text wait here, and only the click in the confirmation mail to that address applies them
— this request's, not whichever came last. The public forms store a request and nothing else, the same
work for every address; a worker processes it (``campaigns.subscriptions.signup``). A person under 16 needs
a parent or guardian to confirm as well (GDPR Art. 8), by a second mail to the address they gave.

A request holds personal data only as long as it waits: it is deleted once confirmed, when its person leaves
the channels, and after the retention period for unconfirmed sign-ups.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models.consent import ConsentEvent


class SignupRequest(models.Model):
    """One sign-up (or re-activation) waiting to be processed or confirmed."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Eingegangen")
        OPEN = "open", _("Wartet auf Bestätigung")
        AWAITING_GUARDIAN = "awaiting_guardian", _("Wartet auf Zustimmung der Eltern")

    subscriber = models.ForeignKey(
        "campaigns.Subscriber",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signup_requests",
    )
    email = models.CharField(_("E-Mail-Adresse"), max_length=254)
    channel_ids = models.JSONField(_("Kanäle"), default=list)
    # The facets as the forms state them (terms by slug): applied at confirmation.
    facets = models.JSONField(_("Angaben"), default=dict)
    consent_text = models.ForeignKey(
        "campaigns.ConsentText", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("Quelle"), max_length=20)
    # The language the form and its consent text were shown in: the consent log keeps the wording in it.
    language = models.CharField(
        _("Sprache des Formulars"), max_length=10, blank=True, default="", db_default=""
    )
    ip_address = models.GenericIPAddressField(_("IP-Adresse"), null=True, blank=True)
    # Asked of pupils only (None: not asked): GDPR Art. 8 and § 8 BDSG-neu keep 16 as the age of consent.
    at_least_16 = models.BooleanField(_("Mindestens 16 Jahre alt"), null=True, blank=True)
    guardian_email = models.CharField(_("E-Mail-Adresse der Eltern"), max_length=254, blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    created_at = models.DateTimeField(_("Angelegt"), default=timezone.now, editable=False, db_index=True)

    class Meta:
        verbose_name = _("Anmeldeanfrage")
        verbose_name_plural = _("Anmeldeanfragen")

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.created_at:%d.%m.%Y %H:%M})"

    @property
    def needs_guardian(self) -> bool:
        """Whether a parent or guardian must agree before the channels start."""
        return self.at_least_16 is False

    def requested_events(self) -> list[ConsentEvent]:
        """The request's log entries (requested or imported), one per channel it will start."""
        return list(
            self.consent_events.select_related("channel", "consent_text")
            .filter(event__in=[ConsentEvent.Event.REQUESTED, ConsentEvent.Event.IMPORTED])
            .order_by("pk")
        )
