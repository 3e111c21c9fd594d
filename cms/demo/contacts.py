"""Contact points (Anlaufstellen) of the demo and the settlement guide's profiles.

The contact points are invented (plausible services at real municipalities, addresses and numbers made up,
mail on a reserved domain); every title says "(Demo)" so that nobody takes one for a real service.
"""

from dataclasses import dataclass

from cms.demo.context import DemoContext
from cms.demo.images import Motif
from cms.demo.specs import PageSpec, Paragraph
from page_types.models import ContactPointPage, GradeBand, GuideProfile, Language, Organisation, Topic

DEMO_NOTE = (
    "Dies ist ein Demo-Eintrag: Die Anlaufstelle, ihre Adresse und ihre Kontaktdaten sind erfunden und "
    "zeigen nur, wie der Wegweiser funktioniert."
)


@dataclass(frozen=True, kw_only=True)
class ContactSpec(PageSpec):
    languages: tuple[str, ...]
    address: str
    opening_hours: str
    phone: str
    email: str
    organisation: str = ""
    accessibility: str = ""

    model = ContactPointPage
    motif = Motif.WAVES

    def build(self, ctx: DemoContext) -> ContactPointPage:
        page = super().build(ctx)
        page.languages = ctx.terms(Language, self.languages)
        return page

    def specific_fields(self, ctx: DemoContext) -> dict:
        return {
            "organisation": ctx.term(Organisation, self.organisation),
            "street_address": self.address,
            "opening_hours": self.opening_hours,
            "phone": self.phone,
            "email": self.email,
            "website": f"https://anlaufstellen.example.org/{self.slug}/",
            "accessibility_notes": self.accessibility,
        }


def contact(slug: str, title: str, teaser: str, **fields) -> ContactSpec:
    """A demo contact point: its title marked "(Demo)", its body the demo note."""
    return ContactSpec(
        slug=slug,
        title=f"{title} (Demo)",
        teaser=teaser,
        label="Anlaufstelle",
        body=(Paragraph(DEMO_NOTE),),
        email=f"{slug}@anlaufstellen.example.org",
        **fields,
    )


CONTACTS = (
    contact(
        "welcome-center-landkreis",
        "Welcome Center Landkreis Ludwigsburg",
        "Erste Anlaufstelle für internationale Fachkräfte und ihre Familien: Arbeit, Aufenthalt, Wohnen "
        "und Ankommen im Landkreis.",
        organisation="landratsamt-wirtschaftsfoerderung",
        topics=("arbeit", "anerkennung-von-abschluessen", "wohnen", "fachkraeftegewinnung"),
        municipalities=("ludwigsburg",),
        languages=("de", "en", "fr", "es", "tr", "ar"),
        address="Hindenburgstraße 40, 71638 Ludwigsburg",
        opening_hours="Mo–Do 9–12 Uhr, Di 14–18 Uhr, sonst nach Vereinbarung",
        phone="07141 000-1000",
        accessibility="Stufenloser Zugang, Aufzug, barrierefreies WC.",
    ),
    contact(
        "anerkennungsberatung-ludwigsburg",
        "Anerkennungsberatung für ausländische Abschlüsse",
        "Welche Unterlagen brauche ich, wer erkennt meinen Berufsabschluss an, was kostet es? Kostenlose "
        "Beratung vor und während des Verfahrens.",
        topics=("anerkennung-von-abschluessen", "arbeit"),
        municipalities=("ludwigsburg",),
        languages=("de", "en", "ru", "uk", "ar", "fa"),
        address="Solitudestraße 12, 71638 Ludwigsburg",
        opening_hours="Di und Do 9–16 Uhr nach Terminvereinbarung",
        phone="07141 000-1200",
        days_ago=2,
    ),
    contact(
        "migrationsberatung-bietigheim-bissingen",
        "Migrationsberatung für Erwachsene Bietigheim-Bissingen",
        "Beratung zu Sprachkursen, Behörden, Kita und Schule, Wohnungssuche und Familiennachzug.",
        topics=("sprache", "familie", "wohnen"),
        municipalities=("bietigheim-bissingen",),
        languages=("de", "tr", "ar", "ku"),
        address="Bahnhofstraße 30, 74321 Bietigheim-Bissingen",
        opening_hours="Mo, Mi 9–12 Uhr offene Sprechstunde",
        phone="07142 000-300",
        accessibility="Erdgeschoss, stufenloser Zugang.",
        days_ago=3,
    ),
    contact(
        "jugendmigrationsdienst-kornwestheim",
        "Jugendmigrationsdienst Kornwestheim",
        "Für junge Menschen von 12 bis 27 Jahren: Schule, Ausbildung, Studium und Sprachkurse.",
        topics=("arbeit", "sprache"),
        municipalities=("kornwestheim",),
        languages=("de", "en", "uk", "ru"),
        address="Güterbahnhofstraße 5, 70806 Kornwestheim",
        opening_hours="Mo–Fr 10–16 Uhr",
        phone="07154 000-500",
        days_ago=4,
    ),
    contact(
        "sprachcafe-vaihingen",
        "Sprachcafé und Kursberatung Vaihingen an der Enz",
        "Deutsch üben beim Kaffee, Beratung zu Integrations- und Berufssprachkursen in der Nähe.",
        topics=("sprache",),
        municipalities=("vaihingen-an-der-enz",),
        languages=("de", "en", "ar", "ti", "fa"),
        address="Marktplatz 3, 71665 Vaihingen an der Enz",
        opening_hours="Do 15–18 Uhr",
        phone="07042 000-700",
        days_ago=5,
    ),
    contact(
        "familienzentrum-marbach",
        "Familienzentrum Marbach am Neckar",
        "Kinderbetreuung, Schulanmeldung, Elterncafé und Hilfe bei Anträgen für Familien, die neu im "
        "Bottwartal sind.",
        topics=("familie",),
        municipalities=("marbach-am-neckar",),
        languages=("de", "en", "it", "el"),
        address="Schillerhöhe 8, 71672 Marbach am Neckar",
        opening_hours="Mo–Fr 8–13 Uhr, Mi 14–17 Uhr",
        phone="07144 000-800",
        accessibility="Kinderwagengerecht, Spielecke, Wickelraum.",
        days_ago=6,
    ),
    contact(
        "wohnraumberatung-ditzingen",
        "Wohnraumberatung Strohgäu",
        "Hilfe bei der Wohnungssuche, beim Mietvertrag und beim Wohnberechtigungsschein in Ditzingen, "
        "Gerlingen und Korntal-Münchingen.",
        topics=("wohnen",),
        municipalities=("ditzingen",),
        languages=("de", "en", "pl", "ro"),
        address="Am Laien 1, 71254 Ditzingen",
        opening_hours="Di 9–12 Uhr und 14–17 Uhr",
        phone="07156 000-900",
        days_ago=7,
    ),
    contact(
        "welcome-point-asperg",
        "Welcome Point Asperg und Tamm",
        "Ankommen in Asperg und Tamm: Arbeitsuche, Vereine, Kita und Schule – mit Ehrenamtlichen, die selbst "
        "zugewandert sind.",
        topics=("arbeit", "familie"),
        municipalities=("asperg",),
        languages=("de", "en", "hr", "sr", "bs"),
        address="Marktplatz 1, 71679 Asperg",
        opening_hours="Sa 10–13 Uhr",
        phone="07141 000-1600",
        days_ago=8,
    ),
    contact(
        "gruendungsberatung-remseck",
        "Gründungsberatung für Zugewanderte",
        "Vom Businessplan bis zur Gewerbeanmeldung: Beratung für Gründerinnen und Gründer mit "
        "ausländischem Abschluss.",
        topics=("arbeit", "wirtschaftsfoerderung"),
        municipalities=("remseck-am-neckar",),
        languages=("de", "en", "tr", "vi"),
        address="Marktplatz 1, 71686 Remseck am Neckar",
        opening_hours="Nach Vereinbarung",
        phone="07146 000-200",
        days_ago=9,
    ),
    contact(
        "ukraine-hilfe-sachsenheim",
        "Ankommen in Sachsenheim – Hilfe für Geflüchtete aus der Ukraine",
        "Wohnen, Sprachkurse und Behördengänge: Ehrenamtliche begleiten Familien aus der Ukraine.",
        topics=("wohnen", "sprache", "familie"),
        municipalities=("sachsenheim",),
        languages=("de", "uk", "ru"),
        address="Äußerer Schlosshof 3, 74343 Sachsenheim",
        opening_hours="Mi 16–19 Uhr",
        phone="07147 000-400",
        days_ago=10,
    ),
)


@dataclass(frozen=True)
class ProfileSpec:
    slug: str
    name: str
    intro: str
    topics: tuple[str, ...]
    grade_bands: tuple[str, ...] = ()
    show_offers: bool = True


SCHOOL_GRADES = ("klasse-1-4", "klasse-5-7", "klasse-8-10", "klasse-11-13")

PROFILES = (
    ProfileSpec(
        "fachkraft",
        "Fachkraft",
        "Arbeit, Anerkennung Ihres Abschlusses, Wohnung und Sprache: Hier bekommen Sie Hilfe.",
        ("arbeit", "anerkennung-von-abschluessen", "wohnen", "sprache"),
        SCHOOL_GRADES,
    ),
    ProfileSpec(
        "ausbildung-studium",
        "Auszubildende und Studierende",
        "Ausbildung, Studium und Deutschkurse: Diese Stellen beraten junge Menschen.",
        ("arbeit", "sprache", "anerkennung-von-abschluessen"),
        show_offers=False,
    ),
    ProfileSpec(
        "familie",
        "Familie",
        "Kita, Schule, Wohnung und Freizeit: Das bietet der Landkreis Familien, die neu ankommen.",
        ("familie", "wohnen", "sprache"),
        SCHOOL_GRADES,
    ),
    ProfileSpec(
        "unternehmen-gruendung",
        "Unternehmen und Gründung",
        "Gründen, ansiedeln, Fachkräfte finden: Ihre Ansprechpartner im Landkreis.",
        ("arbeit", "wirtschaftsfoerderung"),
        show_offers=False,
    ),
)


def load_guide_profiles(ctx: DemoContext) -> int:
    """Create the guide's four profiles if missing; return how many were new."""
    created = 0
    for order, spec in enumerate(PROFILES):
        profile, is_new = GuideProfile.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "intro": spec.intro,
                "sort_order": order,
                "show_offers": spec.show_offers,
            },
        )
        if is_new:
            profile.topics.set(ctx.terms(Topic, spec.topics))
            profile.grade_bands.set(ctx.terms(GradeBand, spec.grade_bands))
            created += 1
    return created
