"""The vocabulary under ``/api/v2/vocabulary/``: the terms a front end filters and labels by.

Every term has one shape, ``{slug, name, …}``: the slug is what the content API's filters, the feeds and the
subscription API take, the name is what readers read. Each kind adds what belongs to it — municipalities
their centre, interests their sentence and the editorial topics they gather, topics their parent and the
interests they belong to (none: an internal topic no reader sees). ``municipalities/?near=asperg&radius=10``
lists the municipalities around one, nearest first, with their distance, as "in der Nähe" counts it.
``?locale=en`` gives the names of interests, topics, subjects and grade bands in that content language where
an editor translated them (the German name otherwise), as the site shows them to its readers.
Answers revalidate like the rest of the content API (``page_types.caching``).
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from page_types import caching
from page_types.api.errors import NOT_FOUND_MESSAGE, error_response
from page_types.api.parameters import SiteQuery
from page_types.forms import NEARBY_RADII_KM
from page_types.geography import centres, distance_km, nearby
from page_types.json_schemas import STRING, Schema, closed, nullable
from page_types.models import GradeBand, Interest, Language, MintSubject, Municipality, Topic
from page_types.public_urls import public_url
from page_types.term_names import term_name
from page_types.translations import default_language

Term = dict[str, Any]


class VocabularyQuery(forms.Form):
    """``locale`` (the names' language); for municipalities ``near`` (a municipality's slug) and ``radius``
    (km, one of the site's radii; default the widest)."""

    locale = SiteQuery.base_fields["locale"]

    near = forms.SlugField(
        required=False, help_text="Nur die Kommunen um diese (Kürzel), die nächste zuerst, mit Entfernung."
    )
    radius = forms.TypedChoiceField(
        required=False,
        coerce=int,
        choices=[(km, km) for km in NEARBY_RADII_KM],
        empty_value=None,
        help_text="Umkreis um `near` in km (Abstand der Ortsmitten); ohne Angabe der größte.",
    )

    def clean_near(self) -> Municipality | None:
        slug = self.cleaned_data["near"]
        if not slug:
            return None
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            raise forms.ValidationError(_("Diese Kommune gibt es nicht."))
        return municipality

    def clean(self) -> dict:
        data = super().clean()
        if data.get("radius") and not data.get("near"):
            self.add_error("radius", _("Ein Umkreis braucht eine Kommune (near)."))
        return data


def _term(term: Any, **more: Any) -> Term:
    return {"slug": term.slug, "name": term_name(term), **more}


def _coordinates(slug: str) -> dict[str, float] | None:
    centre = centres().get(slug)
    return {"latitude": centre[0], "longitude": centre[1]} if centre else None


def municipalities(query: VocabularyQuery) -> list[Term]:
    """The 39 municipalities in German order, or those around ``near``, nearest first."""
    towns = {town.slug: town for town in Municipality.objects.all()}
    near = query.cleaned_data.get("near")
    if near is None:
        return [_term(town, coordinates=_coordinates(slug)) for slug, town in towns.items()]
    radius = query.cleaned_data.get("radius") or max(NEARBY_RADII_KM)
    return [
        _term(towns[slug], coordinates=_coordinates(slug), distance_km=round(distance_km(near.slug, slug), 1))
        for slug in nearby(near.slug, radius)
        if slug in towns
    ]


def interests(query: VocabularyQuery) -> list[Term]:
    """What readers choose and see, with the editorial topics each gathers."""
    gathered = Interest.objects.topic_slugs()
    return [
        _term(interest, description=interest.description, topics=sorted(gathered[interest.slug]))
        for interest in Interest.objects.all()
    ]


def topics(query: VocabularyQuery) -> list[Term]:
    """The editorial topics with their parent and the interests they belong to (none: internal)."""
    by_topic = Interest.objects.by_topic()
    return [
        _term(
            topic,
            parent=topic.parent.slug if topic.parent_id else None,
            interests=[interest.slug for interest in by_topic.get(topic.pk, ())],
        )
        for topic in Topic.objects.select_related("parent")
    ]


def _plain(model: type) -> Callable[[VocabularyQuery], list[Term]]:
    return lambda query: [_term(term) for term in model.objects.all()]


KINDS: dict[str, Callable[[VocabularyQuery], list[Term]]] = {
    "municipalities": municipalities,
    "interests": interests,
    "topics": topics,
    "subjects": _plain(MintSubject),
    "grade_bands": _plain(GradeBand),
    "languages": _plain(Language),
}
# The parameters each kind takes; any other is refused, as everywhere in the content API.
PARAMETERS = {**dict.fromkeys(KINDS, ("locale",)), "municipalities": ("locale", "near", "radius")}

NUMBER: Schema = {"type": "number"}
SLUGS: Schema = {"type": "array", "items": STRING}
TERM = {"slug": STRING, "name": STRING}
# Each kind's item as JSON Schema, for the OpenAPI document (``page_types.api.openapi``).
ITEM_SCHEMAS: dict[str, Schema] = {
    "municipalities": closed(
        {
            **TERM,
            "coordinates": nullable(closed({"latitude": NUMBER, "longitude": NUMBER})),
            "distance_km": NUMBER,
        },
        required=["slug", "name", "coordinates"],
    ),
    "interests": closed({**TERM, "description": STRING, "topics": SLUGS}),
    "topics": closed({**TERM, "parent": nullable(STRING), "interests": SLUGS}),
    "subjects": closed(TERM),
    "grade_bands": closed(TERM),
    "languages": closed(TERM),
}


def index(request: HttpRequest) -> HttpResponseBase:
    """``/api/v2/vocabulary/``: the address of each kind."""
    return JsonResponse({kind: public_url(reverse("wagtailapi:vocabulary", args=[kind])) for kind in KINDS})


def listing(request: HttpRequest, kind: str) -> HttpResponseBase:
    """The terms of one kind as ``{"meta": {"total_count"}, "items": [...]}``."""
    if kind not in KINDS:
        return error_response(404, NOT_FOUND_MESSAGE)
    allowed = PARAMETERS[kind]
    for name in request.GET:
        if name not in allowed:
            message = _("Unbekannter Parameter: %(names)s.") % {"names": name[:60]}
            return error_response(400, message, name[:60])
    query = VocabularyQuery(request.GET)
    if not query.is_valid():
        name, messages = next(iter(query.errors.items()))
        return error_response(400, " ".join(messages), name)
    validators = caching.validators_for(request)
    if (answer := caching.conditional_response(request, validators)) is not None:
        return answer
    with override(query.cleaned_data["locale"] or default_language()):
        items = KINDS[kind](query)
    response = JsonResponse({"meta": {"total_count": len(items)}, "items": items})
    caching.mark_cacheable(response, validators)
    return response
