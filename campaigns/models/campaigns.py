"""Campaigns — the issues of a channel — and the editor's adjustments of their automatically selected content.

A campaign's content is what its channel's rule selects for the campaign's period, plus the pages an editor
picked (in the order given), minus the pages they removed. When sending starts, that content is frozen on
the campaign (``frozen_page_ids``) so that a page published during the send changes nothing.
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    Workflow,
    WorkflowMixin,
    WorkflowState,
)

from campaigns.models.channels import content_languages

INTRO_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class CampaignQuerySet(models.QuerySet):
    def last_sent(self, channel_id: int) -> "Campaign | None":
        """The channel's most recent campaign that was sent."""
        return self.filter(channel_id=channel_id, status=Campaign.Status.SENT).order_by("-started_at").first()


def _default_in_the_database(mixin: type[models.Model], name: str) -> models.BooleanField:
    """Wagtail's boolean field ``name`` of ``mixin``, its default stated in the database as well.

    The previous release does not know Wagtail's state columns; with database defaults it can still insert
    issues while a rolling upgrade runs (the expand/contract rule, docs/OPERATIONS.md section 10).
    """
    _name, _path, args, kwargs = mixin._meta.get_field(name).deconstruct()
    return models.BooleanField(*args, **kwargs, db_default=kwargs["default"])


class Campaign(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """A campaign: one issue of a channel, sent to the channel's readers or one of its audiences.

    Its content is edited in Wagtail's revisions: the row holds the published ("freigegeben") version, which
    is what is sent; a draft saved after approval waits in a revision and needs approval again. The fields
    of the sending life (status, times, frozen content) belong to the issue, not to a revision.
    """

    live = _default_in_the_database(DraftStateMixin, "live")
    has_unpublished_changes = _default_in_the_database(DraftStateMixin, "has_unpublished_changes")
    expired = _default_in_the_database(DraftStateMixin, "expired")
    locked = _default_in_the_database(LockableMixin, "locked")

    #: Fields the send engine writes; publishing an older revision must not turn them back.
    LIFE_FIELDS = (
        "status",
        "paused",
        "scheduled_at",
        "started_at",
        "prepared_at",
        "finished_at",
        "frozen_page_ids",
        "error",
        "created_at",
        "created_by_id",
    )

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SCHEDULED = "scheduled", _("Geplant")
        SENDING = "sending", _("Wird versendet")
        SENT = "sent", _("Versendet")
        CANCELLED = "cancelled", _("Abgebrochen")
        FAILED = "failed", _("Fehlgeschlagen")

    channel = models.ForeignKey(
        "campaigns.Channel", verbose_name=_("Kanal"), on_delete=models.PROTECT, related_name="campaigns"
    )
    audience = models.ForeignKey(
        "campaigns.Audience",
        verbose_name=_("Zielgruppe"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
        help_text=_("Leer: alle aktiven Abonnentinnen und Abonnenten des Kanals."),
    )
    subject = models.CharField(_("Betreff"), max_length=150)
    preheader = models.CharField(
        _("Vorschautext"),
        max_length=150,
        blank=True,
        help_text=_("Erscheint im Posteingang neben dem Betreff."),
    )
    intro = RichTextField(_("Einleitung"), blank=True, features=INTRO_FEATURES)
    period_start = models.DateTimeField(
        _("Inhalte seit"),
        null=True,
        blank=True,
        help_text=_("Leer: seit der letzten versendeten Ausgabe dieses Kanals."),
    )
    period_end = models.DateTimeField(
        _("Inhalte bis"), null=True, blank=True, help_text=_("Leer: bis zum Versandbeginn.")
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    paused = models.BooleanField(_("Angehalten"), default=False)
    # Consecutive deliveries that failed without the recipient being at fault (a provider outage, a
    # refused sender): at ``CAMPAIGNS_PAUSE_AFTER_FAILURES`` the issue pauses (``campaigns.sending.streak``).
    failure_streak = models.PositiveIntegerField(_("Fehler in Folge"), default=0, editable=False)
    scheduled_at = models.DateTimeField(_("Geplanter Versand"), null=True, blank=True)
    started_at = models.DateTimeField(_("Versand begonnen"), null=True, blank=True, editable=False)
    prepared_at = models.DateTimeField(_("Empfänger eingefroren"), null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("Versand beendet"), null=True, blank=True, editable=False)
    frozen_page_ids = models.JSONField(_("Eingefrorene Inhalte"), null=True, blank=True, editable=False)
    error = models.TextField(_("Fehler"), blank=True, editable=False)
    created_at = models.DateTimeField(_("Angelegt"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CampaignQuerySet.as_manager()

    panels = [
        FieldPanel("channel"),
        FieldPanel("audience"),
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("intro"),
        InlinePanel(
            "texts",
            heading=_("In weiteren Sprachen"),
            label=_("Ausgabe in einer weiteren Sprache"),
            help_text=_(
                "Betreff, Vorschautext und Einleitung für Leserinnen und Leser einer weiteren Sprache; ohne "
                "sie erhalten diese die deutschen Texte, als deutsch gekennzeichnet."
            ),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                InlinePanel("picks", label=_("Zusätzlicher oder vorgezogener Beitrag")),
                InlinePanel("removals", label=_("Entfernter Beitrag")),
            ],
            heading=_("Inhalte"),
        ),
    ]

    class Meta:
        verbose_name = _("Newsletter-Ausgabe")
        verbose_name_plural = _("Newsletter-Ausgaben")
        ordering = ["-created_at", "-pk"]
        permissions = [("send_campaign", _("Kann Newsletter versenden"))]

    def __str__(self) -> str:
        return self.subject

    @cached_property
    def texts_by_language(self) -> dict[str, "CampaignText"]:
        """The issue's translated texts, read once per instance: every variant and mail of it asks."""
        return {text.language: text for text in self.texts.all()}

    def text_in(self, language: str) -> "CampaignText | None":
        """The issue's subject, preheader and introduction in ``language``, if an editor gave them."""
        return self.texts_by_language.get(language)

    def subject_in(self, language: str) -> str:
        """The subject a reader of ``language`` sees: its translation, else the issue's own."""
        text = self.text_in(language)
        return text.subject if text else self.subject

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)

    @property
    def is_active(self) -> bool:
        """Whether deliveries may still go out (sending and not paused)."""
        return self.status == self.Status.SENDING and not self.paused

    def with_content_json(self, content):
        """The revision's content with this issue's sending life kept, as Wagtail keeps ``live`` or locks."""
        obj = super().with_content_json(content)
        for name in self.LIFE_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def get_workflow(self) -> Workflow | None:
        """The approval workflow of this issue: none for a channel that sends without approval."""
        if self.channel_id and not self.channel.requires_approval:
            return None
        return super().get_workflow()

    @property
    def is_approved(self) -> bool:
        """Whether the version that would be sent is the current one and passed its channel's workflow.

        The workflow publishes the latest revision when it is approved: the submitted one, or the one the
        edit view saves from its form just before it carries out "Freigeben". So the live revision passed
        the workflow if it was saved no later than an approval; one saved and published after it did not.
        """
        if not self.live or self.has_unpublished_changes:
            return False
        if not self.channel.requires_approval:
            return True
        if self.live_revision is None:  # never published by a workflow
            return False
        return (
            WorkflowState.objects.for_instance(self)
            .filter(
                status=WorkflowState.STATUS_APPROVED,
                current_task_state__finished_at__gte=self.live_revision.created_at,
            )
            .exists()
        )

    def content_period(self, now: datetime | None = None) -> tuple[datetime | None, datetime]:
        """The period whose new pages the campaign carries: by default since the channel's last sent one."""
        start = self.period_start
        if start is None:
            previous = Campaign.objects.exclude(pk=self.pk).last_sent(self.channel_id)
            start = previous.started_at if previous else None
        return start, self.period_end or now or timezone.now()


class PageReference(Orderable):
    """A content page referred to by a campaign; the subclasses say what the reference means."""

    page = models.ForeignKey(
        "page_types.ContentPage", verbose_name=_("Beitrag"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        abstract = True


class CampaignPick(PageReference):
    """A page the editor added or moved up: picks come first in their section, in the order given."""

    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="picks")

    class Meta(PageReference.Meta):
        verbose_name = _("Ausgewählter Beitrag")
        verbose_name_plural = _("Ausgewählte Beiträge")


class CampaignRemoval(PageReference):
    """A page the channel rule selected that the editor does not want in this campaign."""

    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="removals")

    class Meta(PageReference.Meta):
        verbose_name = _("Entfernter Beitrag")
        verbose_name_plural = _("Entfernte Beiträge")


class CampaignText(Orderable):
    """An issue's subject, preheader and introduction in a further language, for the readers of that
    language (the German ones are the issue's own); part of the issue's revisions like its picks."""

    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("Sprache"), max_length=10, choices=content_languages)
    subject = models.CharField(_("Betreff"), max_length=150)
    preheader = models.CharField(_("Vorschautext"), max_length=150, blank=True)
    intro = RichTextField(_("Einleitung"), blank=True, features=INTRO_FEATURES)

    panels = [FieldPanel("language"), FieldPanel("subject"), FieldPanel("preheader"), FieldPanel("intro")]

    class Meta(Orderable.Meta):
        verbose_name = _("Ausgabe in einer weiteren Sprache")
        verbose_name_plural = _("Ausgabe in weiteren Sprachen")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "language"], name="one_campaign_text_per_language")
        ]
