"""The subscription API for other front ends: sign up, confirm, read and change preferences, unsubscribe.

Same semantics as the public pages, validated by the same forms: a sign-up is answered ``202`` whenever
the input is valid — new, pending, active and suppressed addresses alike, after the same work — and ``422``
with German messages per field otherwise. Everything after the sign-up is reached by the signed tokens from
the mails; an unsubscribe link reveals nothing about the person (it travels in every newsletter), only the
channels' states.
"""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict, StrictBool

from campaigns.api.errors import MessageOut, ProblemOut, failure, form_errors, invalid
from campaigns.api.relay import KEY_OPTIONAL, RelayKey
from campaigns.models import Channel, ConsentEvent, ConsentText, Role, Subscriber, Suppression
from campaigns.reader_languages import reader_languages
from campaigns.subscriptions import ratelimit
from campaigns.subscriptions.facets import Facets
from campaigns.subscriptions.forms import PreferencesForm, SignupForm, is_slug
from campaigns.subscriptions.preferences import new_channels, unsubscribe, update_preferences
from campaigns.subscriptions.signup import confirm
from campaigns.tokens import (
    CONFIRM,
    PREFERENCES,
    UNSUBSCRIBE,
    ExpiredToken,
    InvalidToken,
    RevokedToken,
    read_request_token,
    read_token,
)
from page_types.models import GradeBand, Interest, MintSubject, Municipality, Topic
from page_types.term_names import term_name

router = Router(tags=["Newsletter"], auth=RelayKey())
Source = ConsentEvent.Source
# Every operation may be refused for a relay's key (401, 403) or its unreadable Visitor-IP (400).
KEY_ERRORS = {400: ProblemOut, 401: ProblemOut, 403: ProblemOut}
TOKEN_ERRORS = {**KEY_ERRORS, 410: ProblemOut}
BODY_ERRORS = {415: ProblemOut, 422: ProblemOut}


TOPICS_IN = Field(
    None,
    deprecated=True,
    description="Veraltet (bis 2027-06): Kürzel redaktioneller Themen; sie werden zu den Interessen, "
    "die sie zusammenfassen.",
)


class SubscriptionIn(Schema):
    """A sign-up. Terms are referred to by slug (see ``GET /api/subscriptions/options``)."""

    model_config = ConfigDict(extra="forbid")

    email: str = Field(..., description="E-Mail-Adresse; die Domain darf internationalisiert sein.")
    channels: list[str] = Field(..., description="Kürzel der gewünschten Newsletter (mindestens einer).")
    consent: StrictBool = Field(..., description="Muss true sein: Einwilligung in den angezeigten Text.")
    consent_version: str | None = Field(None, description="Fassung des angezeigten Einwilligungstexts.")
    name: str = ""
    language: str = Field("", description="Sprache der Newsletter (siehe options.languages); leer: Deutsch.")
    role: str = ""
    municipality: str | None = None
    grade_bands: list[str] = []
    subjects: list[str] = []
    interests: list[str] = Field([], description="Kürzel der Interessen (siehe ``options``).")
    topics: list[str] | None = TOPICS_IN
    at_least_16: StrictBool | None = Field(
        None, description="Nur für die Rolle „student“ und dort Pflicht: mindestens 16 Jahre alt?"
    )
    guardian_email: str = Field(
        "", description="Bei at_least_16 = false Pflicht: Adresse eines Elternteils, das zustimmen muss."
    )


class PreferencesIn(Schema):
    """A change of preferences; fields left out stay as they are. ``channels`` is the complete new set."""

    model_config = ConfigDict(extra="forbid")

    channels: list[str] | None = None
    consent: StrictBool = Field(False, description="Nötig, wenn ``channels`` neue Newsletter enthält.")
    consent_version: str | None = None
    tracking_consent: StrictBool = Field(
        None,
        description="Einwilligung in die Öffnungs- und Klickmessung geben (true) oder widerrufen (false); "
        "ohne Angabe bleibt sie, wie sie ist.",
    )
    name: str | None = None
    language: str | None = None
    role: str | None = None
    municipality: str | None = None
    grade_bands: list[str] | None = None
    subjects: list[str] | None = None
    interests: list[str] | None = None
    topics: list[str] | None = TOPICS_IN


class UnsubscribeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    channel: str | None = Field(None, description="Nur diesen Newsletter abbestellen; ohne Angabe alle.")


class ChannelStatusOut(Schema):
    slug: str
    name: str
    status: str


class SubscriptionOut(Schema):
    email: str
    name: str
    language: str
    role: str
    municipality: str | None
    grade_bands: list[str]
    subjects: list[str]
    interests: list[str]
    topics: list[str] = Field(
        deprecated=True, description="Veraltet (bis 2027-06): die Themen, die die Interessen zusammenfassen."
    )
    tracking_consent: bool
    channels: list[ChannelStatusOut]


class UnsubscribedOut(Schema):
    detail: str
    channels: list[ChannelStatusOut]


class TermOut(Schema):
    slug: str
    name: str


class InterestOut(TermOut):
    description: str


class ChannelOut(TermOut):
    description: str


class ChoiceOut(Schema):
    """A role or a language in the vocabulary's one shape, ``{slug, name}``."""

    slug: str
    name: str
    value: str = Field(deprecated=True, description="Veraltet (bis 2027-06): wie ``slug``.")
    label: str = Field(deprecated=True, description="Veraltet (bis 2027-06): wie ``name``.")


class ConsentTextOut(Schema):
    version: str
    text: str


class OptionsOut(Schema):
    channels: list[ChannelOut]
    municipalities: list[TermOut]
    grade_bands: list[TermOut]
    subjects: list[TermOut]
    interests: list[InterestOut]
    topics: list[TermOut] = Field(
        deprecated=True, description="Veraltet (bis 2027-06): die Themen, die ein Interesse zusammenfasst."
    )
    roles: list[ChoiceOut]
    languages: list[ChoiceOut]
    consent_text: ConsentTextOut | None


def _gathered(interests: QuerySet[Interest]) -> set[str]:
    """The slugs of the editorial topics these interests gather."""
    return set().union(*interests.topic_slugs().values())


def topics_as_interests(data: dict) -> dict[str, list[str]]:
    """Move the deprecated ``topics`` of ``data`` into its ``interests``: each topic (a success factor with
    its sub-topics) becomes the interests gathering it. Unknown slugs are errors (by field); nothing moves."""
    slugs = data.pop("topics", None)
    if not slugs:
        return {}
    topics = list(Topic.objects.filter(slug__in=slugs))
    if unknown := sorted(set(slugs) - {topic.slug for topic in topics}):
        return {"topics": [_("Unbekanntes Thema: „%(value)s“.") % {"value": unknown[0][:60]}]}
    topics += Topic.objects.filter(parent__in=[topic for topic in topics if topic.parent_id is None])
    by_topic = Interest.objects.by_topic()
    gathered = [interest.slug for topic in topics for interest in by_topic.get(topic.pk, ())]
    data["interests"] = list(dict.fromkeys([*(data.get("interests") or []), *gathered]))
    return {}


def _terms(terms: QuerySet) -> list[dict]:
    return [{"slug": term.slug, "name": term_name(term)} for term in terms]


def _choices(choices) -> list[dict]:
    return [
        {"slug": value, "name": str(label), "value": value, "label": str(label)} for value, label in choices
    ]


def _channel_states(subscriber: Subscriber) -> list[dict]:
    return [
        {"slug": s.channel.slug, "name": s.channel.name, "status": s.status}
        for s in subscriber.subscriptions.select_related("channel").order_by("channel__sort_order")
    ]


def _subscription_out(subscriber: Subscriber) -> dict:
    return {
        "email": subscriber.email,
        **Facets.of(subscriber).as_slugs(),
        "topics": sorted(_gathered(Interest.objects.filter(pk__in=subscriber.interests.values("pk")))),
        "tracking_consent": subscriber.tracking_consent,
        "channels": _channel_states(subscriber),
    }


def _read(token: str, purpose: str):
    """The subscriber (and, for a confirmation, the request id) a token names, or the error answer."""
    reader = read_request_token if purpose == CONFIRM else read_token
    try:
        return reader(token[:500], purpose)
    except ExpiredToken:
        return failure(410, _("Der Link ist abgelaufen. Bitte fordern Sie einen neuen an."))
    except RevokedToken:
        return failure(410, _("Der Link gilt nicht mehr."))
    except InvalidToken:
        return failure(400, _("Der Link ist ungültig oder unvollständig."))


@router.get(
    "/options",
    response={200: OptionsOut, **KEY_ERRORS},
    summary="Newsletter, Auswahlwerte und Einwilligungstext",
    openapi_extra=KEY_OPTIONAL,
)
def options(request: HttpRequest):
    """Everything a front end needs to build the sign-up form, named in the language it asks for
    (``Accept-Language``): the consent text in it is what a sign-up in that language agrees to."""
    consent_text = ConsentText.objects.current()
    return {
        "channels": [
            {"slug": channel.slug, "name": channel.reader_name, "description": channel.reader_description}
            for channel in Channel.objects.filter(is_public=True).prefetch_related("texts")
        ],
        "municipalities": _terms(Municipality.objects.all()),
        "grade_bands": _terms(GradeBand.objects.all()),
        "subjects": _terms(MintSubject.objects.all()),
        "interests": [
            {"slug": interest.slug, "name": term_name(interest), "description": interest.description}
            for interest in Interest.objects.all()
        ],
        "topics": _terms(Topic.objects.filter(slug__in=_gathered(Interest.objects.all()))),
        "roles": _choices(Role.choices),
        "languages": _choices(reader_languages()),
        "consent_text": {"version": consent_text.version, "text": consent_text.reader_text}
        if consent_text
        else None,
    }


@router.post(
    "",
    response={202: MessageOut, **KEY_ERRORS, **BODY_ERRORS, 429: ProblemOut, 503: ProblemOut},
    summary="Newsletter abonnieren (Double-Opt-in)",
    openapi_extra=KEY_OPTIONAL,
)
def subscribe(request: HttpRequest, response: HttpResponse, payload: SubscriptionIn):
    """Record a sign-up and have a confirmation mail sent; the answer never says if the address is known."""
    data = payload.model_dump()
    if errors := topics_as_interests(data):
        return invalid(errors)
    form = SignupForm(data)
    if (wait := ratelimit.admit(request, form.is_valid)) is not None:
        response["Retry-After"] = str(wait)
        detail = _("Zu viele Anmeldungen von Ihrem Netzwerk. Bitte versuchen Sie es später erneut.")
        return failure(429, detail)
    if not form.is_valid():
        return invalid(form_errors(form))
    if not form.save(source=Source.API, ip_address=ratelimit.client_address(request)):
        return failure(503, _("Die Anmeldung ist gerade nicht möglich."))
    detail = _(
        "Vielen Dank! Falls für diese Adresse noch keine bestätigte Anmeldung besteht, "
        "erhält sie eine E-Mail mit einem Bestätigungslink."
    )
    return Status(202, {"detail": detail})


@router.post(
    "/confirm/{token}",
    response={200: SubscriptionOut, **TOKEN_ERRORS},
    summary="Anmeldung bestätigen (Token aus der Bestätigungsmail)",
    openapi_extra=KEY_OPTIONAL,
)
def confirm_subscription(request: HttpRequest, token: str):
    resolved = _read(token, CONFIRM)
    if isinstance(resolved, Status):
        return resolved
    subscriber, request_id = resolved
    confirm(subscriber, request_id, source=Source.API, ip_address=ratelimit.client_address(request))
    subscriber.refresh_from_db()
    return Status(200, _subscription_out(subscriber))


@router.get(
    "/preferences/{token}",
    response={200: SubscriptionOut, **TOKEN_ERRORS},
    summary="Einstellungen lesen (Token aus dem Einstellungslink)",
    openapi_extra=KEY_OPTIONAL,
)
def read_preferences(request: HttpRequest, token: str):
    subscriber = _read(token, PREFERENCES)
    if isinstance(subscriber, Status):
        return subscriber
    return Status(200, _subscription_out(subscriber))


@router.patch(
    "/preferences/{token}",
    response={200: SubscriptionOut, **BODY_ERRORS, 409: ProblemOut, **TOKEN_ERRORS},
    summary="Einstellungen ändern",
    openapi_extra=KEY_OPTIONAL,
)
def change_preferences(request: HttpRequest, token: str, payload: PreferencesIn):
    subscriber = _read(token, PREFERENCES)
    if isinstance(subscriber, Status):
        return subscriber
    data = PreferencesForm.initial_for(subscriber)
    data.update(payload.model_dump(exclude_unset=True))
    if errors := topics_as_interests(data):
        return invalid(errors)
    form = PreferencesForm(data, subscriber=subscriber)
    if not form.is_valid():
        return invalid(form_errors(form))
    channels = list(form.cleaned_data["channels"])
    asks_for_more = "channels" in payload.model_fields_set and new_channels(subscriber, channels)
    if asks_for_more and Suppression.objects.is_suppressed(subscriber.email):
        detail = _(
            "An diese Adresse dürfen keine Newsletter mehr gehen (unzustellbar, Beschwerde oder gelöscht); "
            "neue können nicht beginnen. Nichts wurde geändert."
        )
        return failure(409, detail)
    update_preferences(
        subscriber,
        form.facets(),
        channels,
        source=Source.API,
        consent_text=form.consent_text(),
        ip_address=ratelimit.client_address(request),
        tracking_consent=form.cleaned_data["tracking_consent"],
    )
    return Status(200, _subscription_out(subscriber))


@router.post(
    "/unsubscribe/{token}",
    response={200: UnsubscribedOut, **BODY_ERRORS, **TOKEN_ERRORS},
    summary="Abmelden (Token aus dem Abmeldelink)",
    openapi_extra=KEY_OPTIONAL,
)
def unsubscribe_subscription(request: HttpRequest, token: str, payload: UnsubscribeIn | None = None):
    subscriber = _read(token, UNSUBSCRIBE)
    if isinstance(subscriber, Status):
        return subscriber
    channel = None
    if payload and payload.channel is not None:
        channel = Channel.objects.filter(slug=payload.channel).first() if is_slug(payload.channel) else None
        if channel is None:
            return invalid(
                {"channel": [_("Unbekannter Newsletter: „%(value)s“.") % {"value": payload.channel[:60]}]}
            )
    unsubscribe(subscriber, channel, source=Source.API)
    return Status(200, {"detail": _("Sie sind abgemeldet."), "channels": _channel_states(subscriber)})
