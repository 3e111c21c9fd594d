"""Builders for a small content tree, shared by the tests of every package.

They create real pages through Wagtail's tree API (``add_child`` and a published revision), so the tests
see exactly what an editor's publish produces.
"""

from datetime import timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.users.models import UserProfile

from page_types.models import (
    ContactPointIndexPage,
    ContactPointPage,
    GradeBand,
    HomePage,
    InnovationHistoryPage,
    InnovationMilestonePage,
    InternalNewsIndexPage,
    InternalNewsPage,
    Language,
    LighthouseIndexPage,
    LighthouseStoryPage,
    MintIndexPage,
    MintOccurrence,
    MintOfferPage,
    MintSubject,
    Municipality,
    Topic,
)


def make_image(title: str = "Testbild", colour: str = "#1d4f91", size=(320, 180)):
    """A real PNG image in Wagtail's image library."""
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(BytesIO(buffer.getvalue()), name=f"{title}.png")
    )


def make_site() -> dict:
    """A home page with one index per content family, set as the default site's root."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Startseite", slug="start"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Leuchtturm"},
    )
    Page.objects.filter(pk__in=root.get_children().exclude(pk=home.pk).values("pk")).delete()
    indexes = {
        "lighthouse": home.add_child(instance=LighthouseIndexPage(title="Leuchttürme", slug="leuchttuerme")),
        "mint": home.add_child(instance=MintIndexPage(title="MINT-Angebote", slug="mint")),
        "history": home.add_child(
            instance=InnovationHistoryPage(title="Innovationsgeschichte", slug="geschichte")
        ),
        "news": home.add_child(instance=InternalNewsIndexPage(title="Nachrichten", slug="nachrichten")),
    }
    for page in indexes.values():
        page.show_in_menus = True
        page.save_revision().publish()
    return {"home": home, **indexes}


def _publish(
    parent: Page, page: Page, *, topics=(), municipalities=(), reach: str = "district", **relations
) -> Page:
    parent.add_child(instance=page)
    page.topics.set(Topic.objects.filter(slug__in=topics))
    page.municipalities.set(Municipality.objects.filter(slug__in=municipalities))
    page.reach = reach
    for name, slugs in relations.items():
        related_model = {"subjects": MintSubject, "grade_bands": GradeBand, "languages": Language}[name]
        getattr(page, name).set(related_model.objects.filter(slug__in=slugs))
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_story(parent: Page, title: str = "Eine Leuchtturm-Geschichte", **facets) -> LighthouseStoryPage:
    page = LighthouseStoryPage(
        title=title,
        teaser=f"Teaser: {title}",
        body=[("paragraph", f"<p>Text über {title}.</p>")],
    )
    return _publish(parent, page, **facets)


def make_offer(
    parent: Page,
    title: str = "Robotik-Workshop",
    *,
    starts_in: timedelta | None = timedelta(days=14),
    subjects=("informatik",),
    grade_bands=("klasse-8-10",),
    **facets,
) -> MintOfferPage:
    page = MintOfferPage(
        title=title,
        teaser=f"Teaser: {title}",
        kind="workshop",
        location="Ludwigsburg",
        cost="kostenlos",
    )
    if starts_in is not None:
        start = timezone.now() + starts_in
        page.occurrences = [MintOccurrence(start=start, end=start + timedelta(hours=3), place="Raum 1")]
    return _publish(parent, page, subjects=subjects, grade_bands=grade_bands, **facets)


def make_milestone(parent: Page, title: str = "Erste Fabrik", year: int = 1900, **facets):
    page = InnovationMilestonePage(title=title, teaser=f"Teaser: {title}", year=year)
    return _publish(parent, page, **facets)


def make_news(parent: Page, title: str = "Neues aus der Wirtschaft", **facets) -> InternalNewsPage:
    page = InternalNewsPage(title=title, teaser=f"Teaser: {title}", body=[("paragraph", "<p>Text.</p>")])
    return _publish(parent, page, **facets)


def make_contact_index(home: Page) -> ContactPointIndexPage:
    """The published "Anlaufstellen" index below ``home`` (not part of ``make_site``)."""
    index = home.add_child(instance=ContactPointIndexPage(title="Anlaufstellen", slug="anlaufstellen"))
    index.save_revision().publish()
    return index


def make_contact_point(
    parent: Page,
    title: str = "Welcome Center",
    *,
    languages=("de",),
    municipalities=("ludwigsburg",),
    **facets,
) -> ContactPointPage:
    page = ContactPointPage(
        title=title,
        teaser=f"Teaser: {title}",
        street_address="Hindenburgstraße 40, 71638 Ludwigsburg",
        opening_hours="Mo–Do 9–12 Uhr",
        phone="07141 000-1000",
        email="info@anlaufstelle.example.org",
    )
    return _publish(parent, page, languages=languages, municipalities=municipalities, **facets)


def translate(page: Page, language: str = "en", **fields) -> Page:
    """The page's translation into ``language`` as an editor makes it ("Übersetzen"), with ``fields`` (title,
    teaser …) changed and published; untranslated parents become aliases of theirs, as in the admin."""
    locale = Locale.objects.get(language_code=language)
    translation = page.specific.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def make_admin(language: str, username: str = "editor"):
    """A superuser whose Wagtail admin speaks ``language`` (chosen under "Konto")."""
    user = get_user_model().objects.create_superuser(username, f"{username}@example.org", "x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user
