"""The outreach demo: three channels, a consent text that names them, and subscribers with proof of consent.

Each demo subscriber went through the double opt-in on the sign-up form: every subscription is active and
has its "requested" and "confirmed" events in the consent log, under the demo's consent text. The rows are
written with ``bulk_create`` (a few thousand in all), so the step takes well under a second.
"""

from dataclasses import dataclass
from datetime import time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from campaigns.addresses import email_hash
from campaigns.models import Channel, ConsentEvent, ConsentText, Subscriber, Subscription
from campaigns.models.consent import CHANNELS_PLACEHOLDER
from campaigns.recurrence import Simple, compose
from cms.demo.context import DemoContext
from cms.demo.subscribers import DemoSubscriber, demo_subscribers
from page_types.models import (
    ContentPage,
    GradeBand,
    InnovationMilestonePage,
    Interest,
    InternalNewsPage,
    LighthouseStoryPage,
    MintOfferPage,
    MintSubject,
    Municipality,
)

Event = ConsentEvent.Event


@dataclass(frozen=True)
class ChannelSpec:
    slug: str
    name: str
    description: str
    page_types: tuple[type[ContentPage], ...]
    # Recurring issues (``campaigns.recurrence``) and deadline reminders, as an editor would set them.
    recurrence: Simple | None = None
    offers_reminders: bool = False


CHANNELS = (
    ChannelSpec(
        "mint-update",
        "MINT-Update",
        "Neue MINT-Angebote für Kinder, Jugendliche, Lehrkräfte und Eltern – passend zu Klassenstufe, "
        "Fächern und Wohnort.",
        (MintOfferPage,),
        recurrence=Simple("biweekly", 3, time(7, 0)),
        offers_reminders=True,
    ),
    ChannelSpec(
        "wirtschaft-im-landkreis",
        "Wirtschaft im Landkreis",
        "Nachrichten und Erklärstücke darüber, was die Wirtschaft für den Landkreis und Ihre Kommune "
        "bedeutet, dazu Meilensteine aus der Innovationsgeschichte.",
        (InternalNewsPage, InnovationMilestonePage),
    ),
    ChannelSpec(
        "leuchttuerme",
        "Leuchttürme & Innovation",
        "Geschichten von Unternehmen, Hochschulen und Projekten, die den Landkreis voranbringen, und ihre "
        "Wurzeln in der Innovationsgeschichte.",
        (LighthouseStoryPage, InnovationMilestonePage),
    ),
)


def quoted_channel_names() -> str:
    """The channel names as a German enumeration: „A“, „B“ und „C“."""
    quoted = [f"„{channel.name}“" for channel in CHANNELS]
    return f"{', '.join(quoted[:-1])} und {quoted[-1]}"


# A new version rather than a change of "2025-02", which named every channel whatever the reader chose: a
# consent text that the log may refer to is evidence and must not change. The placeholder stands for exactly
# the channels chosen (campaigns.models.consent.CHANNELS_PLACEHOLDER).
CONSENT_VERSION = "2026-12"
CONSENT_TEXT = (
    "Ich möchte diese Newsletter des Landratsamts Ludwigsburg (Wirtschaftsförderung, Hindenburgstraße 40, "
    f"71638 Ludwigsburg) per E-Mail erhalten: {CHANNELS_PLACEHOLDER}. Das Landratsamt verwendet meine "
    "Angaben nur für den Versand und für die Auswahl passender Inhalte. Ich kann meine Einwilligung "
    "jederzeit widerrufen – über den Abmeldelink in jeder E-Mail oder auf der Einstellungsseite. "
    "Einzelheiten stehen in der Datenschutzerklärung."
)
# The same version for English readers: the translation is part of the version, as fixed as its German text.
CONSENT_TEXT_ENGLISH = (
    "I would like to receive these newsletters of the Landratsamt Ludwigsburg (business development, "
    f"Hindenburgstraße 40, 71638 Ludwigsburg) by e-mail: {CHANNELS_PLACEHOLDER}. The Landratsamt uses my "
    "details only to send them and to choose content that suits me. I can withdraw my consent at any "
    "time – with the unsubscribe link in every e-mail or on the preferences page. The privacy notice gives "
    "the details."
)


def load_channels(ctx: DemoContext) -> int:
    """Create the standard channels and the consent text that names them, if missing; return how many."""
    _consent_text, is_new = ConsentText.objects.get_or_create(
        version=CONSENT_VERSION,
        defaults={"text": CONSENT_TEXT, "translated_texts": {"en": CONSENT_TEXT_ENGLISH}, "is_current": True},
    )
    return _load_channels() + is_new


def load_outreach(ctx: DemoContext) -> int:
    """Create the channels, the consent text and the subscribers that are missing; return how many."""
    created = load_channels(ctx)
    return created + _load_subscribers(ConsentText.objects.get(version=CONSENT_VERSION))


def _load_channels() -> int:
    existing = set(Channel.objects.values_list("slug", flat=True))
    created = 0
    for order, spec in enumerate(CHANNELS):
        if spec.slug in existing:
            continue
        channel = Channel(
            slug=spec.slug,
            name=spec.name,
            description=spec.description,
            sort_order=order,
            recurrence=compose(spec.recurrence, timezone.now()) if spec.recurrence else "",
            offers_reminders=spec.offers_reminders,
        )
        channel.page_types = list(ContentType.objects.get_for_models(*spec.page_types).values())
        channel.save()
        created += 1
    return created


def _load_subscribers(consent_text: ConsentText) -> int:
    """Store the demo subscribers not stored yet, with facets, active subscriptions and consent events."""
    people = demo_subscribers()
    stored = set(
        Subscriber.objects.filter(email__in=[p.email for p in people]).values_list("email", flat=True)
    )
    people = [person for person in people if person.email not in stored]
    if not people:
        return 0
    now = timezone.now()
    signed_up = {p.email: now - timedelta(days=p.days_ago, minutes=p.minutes_to_confirm) for p in people}
    municipalities = _ids(Municipality)
    Subscriber.objects.bulk_create(
        Subscriber(
            email=p.email,
            name=p.name,
            language=p.language,
            role=p.role,
            municipality_id=municipalities[p.municipality] if p.municipality else None,
            mint_radius_km=p.mint_radius_km,
            created_at=signed_up[p.email],
        )
        for p in people
    )
    subscriber_ids = dict(
        Subscriber.objects.filter(email__in=[p.email for p in people]).values_list("email", "pk")
    )
    _store_interests(people, subscriber_ids)
    channels = {channel.slug: channel for channel in Channel.objects.all()}
    subscriptions, events = [], []
    for person in people:
        subscriber_id, requested = subscriber_ids[person.email], signed_up[person.email]
        confirmed = requested + timedelta(minutes=person.minutes_to_confirm)
        wording = consent_text.wording_for([channels[slug].name for slug in person.channels])
        for slug in person.channels:
            subscriptions.append(
                Subscription(
                    subscriber_id=subscriber_id,
                    channel=channels[slug],
                    status=Subscription.Status.ACTIVE,
                    created_at=requested,
                    confirmed_at=confirmed,
                    # Every third reader of a channel with reminders asked for them.
                    deadline_reminders=channels[slug].offers_reminders and subscriber_id % 3 == 0,
                )
            )
            for event, at in ((Event.REQUESTED, requested), (Event.CONFIRMED, confirmed)):
                events.append(
                    ConsentEvent(
                        subscriber_id=subscriber_id,
                        email_hash=email_hash(person.email),
                        event=event,
                        channel=channels[slug],
                        source=ConsentEvent.Source.FORM,
                        consent_text=consent_text,
                        wording=wording,
                        ip_address=person.ip_address,
                        created_at=at,
                    )
                )
    Subscription.objects.bulk_create(subscriptions)
    ConsentEvent.objects.bulk_create(events)
    return len(people)


def _ids(model) -> dict[str, int]:
    return dict(model.objects.values_list("slug", "pk"))


def _store_interests(people: list[DemoSubscriber], subscriber_ids: dict[str, int]) -> None:
    """The many-to-many facets (grade bands, subjects, interests), one bulk insert per relation."""
    for relation, model in (("grade_bands", GradeBand), ("subjects", MintSubject), ("interests", Interest)):
        field = Subscriber._meta.get_field(relation)
        through, target = field.remote_field.through, f"{field.m2m_reverse_field_name()}_id"
        term_ids = _ids(model)
        through.objects.bulk_create(
            through(subscriber_id=subscriber_ids[person.email], **{target: term_ids[slug]})
            for person in people
            for slug in getattr(person, relation)
        )
