"""Audiences (Segmente): saved filters over subscriber facets, with a live count."""

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from campaigns.models.subscribers import Subscriber, Subscription

# The subscriber relations an audience filters by, with the term column of their through table.
MULTI_VALUED_FACETS = {
    "grade_bands": "gradeband_id",
    "subjects": "mintsubject_id",
    "interests": "interest_id",
}


class Audience(ClusterableModel):
    """A segment of a channel's active subscribers; an empty criterion means "any value".

    A subscriber matches a multi-valued criterion (grade bands, subjects, interests) when they share at least
    one value with it.
    """

    name = models.CharField(_("Name"), max_length=120)
    description = models.TextField(_("Beschreibung"), blank=True)
    channel = models.ForeignKey(
        "campaigns.Channel",
        verbose_name=_("Kanal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="audiences",
        help_text=_("Leer: aktive Abonnements aller Kanäle."),
    )
    roles = models.JSONField(_("Rollen"), default=list, blank=True)
    languages = models.JSONField(_("Sprachen"), default=list, blank=True)
    municipalities = ParentalManyToManyField(
        "page_types.Municipality", verbose_name=_("Kommunen"), blank=True, related_name="+"
    )
    grade_bands = ParentalManyToManyField(
        "page_types.GradeBand", verbose_name=_("Klassenstufen"), blank=True, related_name="+"
    )
    subjects = ParentalManyToManyField(
        "page_types.MintSubject", verbose_name=_("MINT-Fächer"), blank=True, related_name="+"
    )
    interests = ParentalManyToManyField(
        "page_types.Interest", verbose_name=_("Interessen"), blank=True, related_name="+"
    )
    # Replaced by ``interests`` (migration 0019); kept, unread, for the previous release during a rolling
    # upgrade until a contract migration drops it (tests/test_migration_safety.py).
    topics = ParentalManyToManyField(
        "page_types.Topic", verbose_name=_("Themen"), blank=True, related_name="+"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("channel"),
        MultiFieldPanel(
            [
                FieldPanel("municipalities", widget=CheckboxSelectMultiple),
                FieldPanel("grade_bands", widget=CheckboxSelectMultiple),
                FieldPanel("subjects", widget=CheckboxSelectMultiple),
                FieldPanel("interests", widget=CheckboxSelectMultiple),
            ],
            heading=_("Filter"),
        ),
    ]

    class Meta:
        verbose_name = _("Zielgruppe (Segment)")
        verbose_name_plural = _("Zielgruppen (Segmente)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def _facet_conditions(self, prefix: str, subscriber: str) -> list:
        """The criteria as filter conditions; ``prefix`` leads to the subscriber's fields ("" on a subscriber
        queryset, "subscriber__" on a subscription queryset), ``subscriber`` names its id for subqueries."""
        conditions = []
        if self.roles:
            conditions.append(Q(**{f"{prefix}role__in": self.roles}))
        if self.languages:
            conditions.append(Q(**{f"{prefix}language__in": self.languages}))
        if self.pk:
            municipality_ids = [m.pk for m in self.municipalities.all()]
            if municipality_ids:
                conditions.append(Q(**{f"{prefix}municipality_id__in": municipality_ids}))
            for relation, column in MULTI_VALUED_FACETS.items():
                ids = [term.pk for term in getattr(self, relation).all()]
                if ids:
                    through = getattr(Subscriber, relation).through.objects
                    matching = through.filter(subscriber_id=OuterRef(subscriber), **{f"{column}__in": ids})
                    conditions.append(Exists(matching))
        return conditions

    def subscribers(self) -> QuerySet[Subscriber]:
        """The matching subscribers with an active subscription (to the channel, if one is set)."""
        active = Subscription.objects.filter(subscriber=OuterRef("pk"), status=Subscription.Status.ACTIVE)
        if self.channel_id:
            active = active.filter(channel_id=self.channel_id)
        return Subscriber.objects.filter(Exists(active), *self._facet_conditions("", "pk"))

    def count(self) -> int:
        """The live number of matching subscribers.

        With a channel it counts that channel's active subscriptions (one per subscriber, by constraint):
        the (channel, status) index finds them directly, instead of testing every subscriber.
        """
        if not self.channel_id:
            return self.subscribers().count()
        active = Subscription.objects.filter(channel_id=self.channel_id, status=Subscription.Status.ACTIVE)
        return active.filter(*self._facet_conditions("subscriber__", "subscriber_id")).count()
