"""English translations in the demo: the home page, two index pages, three MINT offers and two lighthouse
stories, made as an editor makes them ("Übersetzen", then the English text, then "Veröffentlichen"), and the
MINT channel's name and description, which frame its English mails and feeds.

The other pages stay German only, so the English readers' demo mail shows both: translated items, and
German ones marked "(in German)". A translation exists once; a second run adds none.
"""

from dataclasses import dataclass, field

from wagtail.models import Locale, Page

from campaigns.models import Channel, ChannelText
from cms.demo.context import DemoContext
from cms.demo.pages import publish

LANGUAGE = "en"


@dataclass(frozen=True)
class TranslationSpec:
    """The English text of one page: where it is (index key, slug below it; none: the index page itself)."""

    index: str
    slug: str
    title: str
    teaser: str = ""
    intro: str = ""
    body: tuple[str, ...] = field(default=())


TRANSLATIONS = (
    TranslationSpec(
        "home",
        "",
        "The economy of the district of Ludwigsburg",
        intro="<p>Lighthouses, STEM activities for young people, the history of innovation and news from the "
        "39 towns and municipalities of the district of Ludwigsburg – compiled by its business development "
        "agency.</p>",
    ),
    TranslationSpec(
        "mint",
        "",
        "STEM activities",
        intro="<p>Workshops, internships, holiday programmes and competitions in mathematics, computing, "
        "science and technology – for children, young people, teachers and parents.</p>",
    ),
    TranslationSpec(
        "lighthouse",
        "",
        "Lighthouses",
        intro="<p>Companies, universities and projects that show what is possible in the district of "
        "Ludwigsburg.</p>",
    ),
    TranslationSpec(
        "mint",
        "robotik-ag-maehroboter",
        "Robotics club: we build a robotic lawnmower",
        teaser="For four afternoons young people design, wire and program a small robotic lawnmower together "
        "with apprentices – no previous knowledge needed.",
        body=(
            "You learn how an electric motor works, solder your first circuit board and program the robot so "
            "that it avoids obstacles. At the last session every team competes on the lawn course.",
            "Bring curiosity and sturdy shoes. The company provides tools, materials and food.",
        ),
    ),
    TranslationSpec(
        "mint",
        "mathe-knobelnachmittag",
        "Maths puzzle afternoon for primary school children and parents",
        teaser="Riddles, patterns and dice games: an afternoon on which children and their parents discover "
        "how much fun mathematics is.",
        body=(
            "Puzzles at three levels of difficulty wait at ten stations. Parents puzzle along – and take "
            "ideas home with them.",
        ),
    ),
    TranslationSpec(
        "mint",
        "technikcamp-solarboote",
        "Holiday technology camp: building solar boats",
        teaser="A holiday week on the Neckar: the participants build solar-powered boats, test them on the "
        "water and race each other in a regatta at the end.",
        body=(
            "The school's pupil company runs the camp. The children learn how solar cells make electricity, "
            "how a propeller creates thrust and why some boats capsize.",
        ),
    ),
    TranslationSpec(
        "lighthouse",
        "antriebe-fuer-die-energiewende",
        "Drives for the energy transition from Bietigheim-Bissingen",
        teaser="A locksmith's shop on the Enz has become a specialist in efficient electric drives. Today "
        "motors from Bietigheim-Bissingen run in heat pumps, lifts and solar plants all over Europe.",
        body=(
            "Cycling along the Enz, you pass the bright workshops of Neckartal Antriebstechnik. What began "
            "as a locksmith's shop in 1910 is now a family business in its fourth generation that develops "
            "and builds electric drives – from small geared motors to drives for large heat pumps.",
            "Development, production and service are under one roof. With the Technische Hochschule "
            "Neckar-Enz the company researches motors that need fewer rare earths.",
        ),
    ),
    TranslationSpec(
        "lighthouse",
        "sensoren-aus-dem-strohgaeu",
        "Sensors from the Strohgäu for the whole world",
        teaser="Optical sensors from Ditzingen check bottles in Brazil and measure blood values in Japan. A "
        "visit to a world market leader that hardly anybody in the district knows.",
        body=(
            "In 1985 two engineers built their first light-barrier prototype in a garage in Ditzingen. Today "
            "Strohgäu Sensorik, with 260 employees, develops sensors for packaging lines, laboratories and "
            "vehicles and delivers to more than 40 countries.",
            "Many people do not know that such a lighthouse is based in the district – which is exactly what "
            "the business development agency wants to change. On Girls' Day the company shows every year how "
            "varied the jobs in sensor technology are.",
        ),
    ),
)


# Channel slug: (name, description) in English.
CHANNEL_TEXTS = {
    "mint-update": (
        "STEM update",
        "New STEM activities for children, young people, teachers and parents – matching grade, subjects "
        "and home town.",
    ),
}


def load_translations(ctx: DemoContext) -> int:
    """Translate the pages of ``TRANSLATIONS`` and the channels of ``CHANNEL_TEXTS`` into English where not
    done yet; return how many were new."""
    locale = Locale.objects.get(language_code=LANGUAGE)
    created = 0
    for slug, (name, description) in CHANNEL_TEXTS.items():
        channel = Channel.objects.get(slug=slug)
        _text, is_new = ChannelText.objects.get_or_create(
            channel=channel, language=LANGUAGE, defaults={"name": name, "description": description}
        )
        created += is_new
    for spec in TRANSLATIONS:
        page = ctx.pages[spec.index]
        if spec.slug:
            page = page.get_children().get(slug=spec.slug)
        if page.get_translations().filter(locale=locale).exists():
            continue
        translation = page.specific.copy_for_translation(locale, copy_parents=True)
        _write(translation, spec)
        publish(translation)
        created += 1
    return created


def _write(page: Page, spec: TranslationSpec) -> None:
    page.title = spec.title
    if spec.teaser:
        page.teaser = spec.teaser
    if spec.intro:
        page.intro = spec.intro
    if spec.body:
        page.body = [("paragraph", f"<p>{text}</p>") for text in spec.body]
