"""Taxonomy snippets: the shared vocabulary that pages, feeds and newsletters filter by.

They are plain models registered as snippets (see ``wagtail_hooks``) so that editors can extend the vocabulary
without a deployment; every term has a stable ``slug`` because API clients, feeds and subscriber facets refer
to terms by slug, never by id.
"""

from collections.abc import Iterable

from django.core.validators import RegexValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from page_types.slugs import german_sort_key
from page_types.term_names import TranslatedName, TranslatedNamesWidget


class TaxonomyTerm(index.Indexed, models.Model):
    """Common fields of every vocabulary: a display name, a stable slug and an editorial order."""

    name = models.CharField(_("Name"), max_length=120)
    slug = models.SlugField(_("Kürzel"), max_length=120, unique=True, allow_unicode=False)
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Topic(TranslatedName, TaxonomyTerm):
    """A topic of the strategy workshop: one of the four success factors or one of their sub-topics."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("Übergeordnetes Thema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("Beschreibung"), blank=True)

    panels = [
        *TaxonomyTerm.panels,
        FieldPanel("translated_names", widget=TranslatedNamesWidget()),
        FieldPanel("parent"),
        FieldPanel("description"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")

    def __str__(self) -> str:
        name = self.translated_name
        return f"{self.parent.translated_name} › {name}" if self.parent_id else name

    def with_descendants(self) -> list["Topic"]:
        """Return this topic and its sub-topics; filtering by a success factor includes its sub-topics."""
        return [self, *self.children.all()]


class InterestQuerySet(models.QuerySet):
    def by_topic(self) -> dict[int, tuple["Interest", ...]]:
        """Each topic's id with the interests that gather it: those naming the topic or its parent topic.

        The one rule of which pages belong to which interest; a topic no interest gathers is internal.
        """
        named: dict[int, list[Interest]] = {}
        rows = Interest.topics.through.objects.filter(interest__in=self).select_related("interest")
        for row in rows.order_by("interest__sort_order", "interest__name"):
            named.setdefault(row.topic_id, []).append(row.interest)
        return {
            pk: tuple(dict.fromkeys([*named.get(pk, ()), *named.get(parent_id, ())]))
            for pk, parent_id in Topic.objects.values_list("pk", "parent_id")
        }

    def topic_slugs(self) -> dict[str, frozenset[str]]:
        """Each interest's slug with the slugs of the topics it gathers (``by_topic`` read the other way)."""
        gathered: dict[str, set[str]] = {interest.slug: set() for interest in self}
        slugs = dict(Topic.objects.values_list("pk", "slug"))
        for topic_id, interests in self.by_topic().items():
            for interest in interests:
                gathered[interest.slug].add(slugs[topic_id])
        return {slug: frozenset(topics) for slug, topics in gathered.items()}


def shown_interests(topics: Iterable[Topic], by_topic: dict[int, tuple["Interest", ...]]) -> list["Interest"]:
    """The interests readers see for a page with these topics, in the interests' order; ``by_topic`` is
    ``Interest.objects.by_topic()``, read once for a whole list of pages."""
    found = {interest for topic in topics for interest in by_topic.get(topic.pk, ())}
    return sorted(found, key=lambda interest: (interest.sort_order, interest.name))


class Interest(TranslatedName, TaxonomyTerm):
    """What a reader may choose to hear about, in plain words ("Ausbildung & Beruf").

    The editorial topics are the strategy's success factors ("Politik & Verwaltung › Innenkommunikation"),
    words for the district's staff, not for readers. Editors map each interest to the topics it gathers;
    readers choose interests, and pages show the interests their topics belong to. A topic no interest
    gathers stays internal: no reader ever sees it.
    """

    description = models.CharField(
        _("Kurzbeschreibung"),
        max_length=200,
        blank=True,
        help_text=_("Ein Satz, den Leserinnen und Leser bei der Auswahl sehen."),
    )
    topics = models.ManyToManyField(
        Topic,
        verbose_name=_("Redaktionelle Themen"),
        blank=True,
        related_name="interests",
        help_text=_("Seiten mit einem dieser Themen (oder einem Unterthema) gehören zu diesem Interesse."),
    )

    objects = InterestQuerySet.as_manager()

    panels = [
        *TaxonomyTerm.panels,
        FieldPanel("translated_names", widget=TranslatedNamesWidget()),
        FieldPanel("description"),
        FieldPanel("topics", widget=CheckboxSelectMultiple),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Leserinteresse")
        verbose_name_plural = _("Leserinteressen")


class Municipality(TaxonomyTerm):
    """One of the 39 towns and municipalities of the district (loaded by a data migration).

    Lists are ordered by the transliterated slug ("loechgau"), not by the name: a database orders "Löchgau"
    after "Ludwigsburg" and "Möglingen" after "Murr", where a reader looks for them in German order.
    """

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["slug"]


class OrganisationQuerySet(models.QuerySet):
    """Bulk writes keep ``sort_name`` in step with ``name``, as ``Organisation.save()`` does."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for organisation in objs:
            organisation.update_sort_name()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if "name" in fields:
            for organisation in objs:
                organisation.update_sort_name()
            fields = [*fields, "sort_name"]
        return super().bulk_update(objs, fields, *args, **kwargs)


class Organisation(TaxonomyTerm):
    """A company, school, university, association or authority that stories and offers refer to.

    Lists are ordered by ``sort_name``, the German sort key of the name ("aerztekammer …"): a database
    orders "Ärztekammer" after "Zeppelin GmbH" and "Öko-Institut" after "Zweckverband". Unlike for
    municipalities the slug cannot serve: editors type it, and it stays when the name changes, as API clients
    refer to it.
    """

    class Kind(models.TextChoices):
        COMPANY = "company", _("Unternehmen")
        SCHOOL = "school", _("Schule")
        UNIVERSITY = "university", _("Hochschule")
        ASSOCIATION = "association", _("Verein/Verband")
        AUTHORITY = "authority", _("Behörde/Kommune")
        OTHER = "other", _("Sonstige")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.COMPANY)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("Sitz"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    sort_name = models.CharField(_("Sortiername"), max_length=120, editable=False, db_index=True)

    objects = OrganisationQuerySet.as_manager()

    panels = [
        *TaxonomyTerm.panels,
        FieldPanel("kind"),
        FieldPanel("municipality"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    search_fields = [*TaxonomyTerm.search_fields, index.FilterField("kind")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["sort_name", "name"]

    def save(self, *args, **kwargs) -> None:
        self.update_sort_name()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)

    def update_sort_name(self) -> None:
        """Derive ``sort_name`` from ``name`` (cut to the field's length; ``name`` breaks ties)."""
        self.sort_name = german_sort_key(self.name)[: self._meta.get_field("sort_name").max_length]


class MintSubject(TranslatedName, TaxonomyTerm):
    """A MINT subject: Mathematik, Informatik, Naturwissenschaften, Technik."""

    panels = [*TaxonomyTerm.panels, FieldPanel("translated_names", widget=TranslatedNamesWidget())]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("MINT-Fach")
        verbose_name_plural = _("MINT-Fächer")


class GradeBand(TranslatedName, TaxonomyTerm):
    """A target group of MINT offers: a grade band (Klasse 5–7), Ausbildung/Studium, Lehrkräfte, Eltern."""

    panels = [*TaxonomyTerm.panels, FieldPanel("translated_names", widget=TranslatedNamesWidget())]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Klassenstufe")
        verbose_name_plural = _("Klassenstufen")


class Language(TaxonomyTerm):
    """A language a contact point speaks: its ISO 639-1 code as the slug and its own name ("Türkçe").

    Readers look for help in their own language, so every language is named in itself, not in German; the
    code goes into the ``lang`` attribute wherever the name is shown.
    """

    slug = models.SlugField(
        _("ISO-639-1-Code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[a-z]{2}$", _("Zwei Kleinbuchstaben nach ISO 639-1, z. B. „tr“."))],
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")
