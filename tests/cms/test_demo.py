"""The demo content (``load_demo``).

The module shares one load of the demo (the ``demo`` fixture of ``tests/conftest.py``).
"""

import re
from collections import Counter
from io import StringIO
from itertools import pairwise

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site

from campaigns.models import Campaign, Channel, ConsentEvent, ConsentText, Subscriber, Subscription
from campaigns.models.consent import CHANNELS_PLACEHOLDER
from campaigns.recurrence import local, upcoming
from campaigns.selection import select_content
from page_types.models import (
    ContactPointPage,
    ContentPage,
    Era,
    GradeBand,
    GuideProfile,
    HomePage,
    InnovationMilestonePage,
    InternalNewsPage,
    LighthouseStoryPage,
    MintOfferPage,
    MintSubject,
    Organisation,
    StandardPage,
)

INDEX_SLUGS = ("leuchttuerme", "mint", "geschichte", "nachrichten")


def row_counts() -> dict[str, int]:
    """Rows per page type and per demo-related model."""
    pages = Counter(page.specific_class.__name__ for page in Page.objects.all())
    return {
        **pages,
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "organisations": Organisation.objects.count(),
        "sites": Site.objects.count(),
        "channels": Channel.objects.count(),
        "consent texts": ConsentText.objects.count(),
        "subscribers": Subscriber.objects.count(),
        "subscriptions": Subscription.objects.count(),
        "consent events": ConsentEvent.objects.count(),
        "interests": sum(
            getattr(Subscriber, relation).through.objects.count()
            for relation in ("grade_bands", "subjects", "interests")
        ),
    }


def test_a_second_run_changes_nothing(demo, db):
    before = row_counts()
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert row_counts() == before
    created = re.search(r"\(neu: (.*)\)", output.getvalue()).group(1)
    assert set(re.findall(r"\d+", created)) == {"0"}, created


def test_the_minimum_amount_of_content_is_published(demo, db):
    assert LighthouseStoryPage.objects.live().count() >= 6
    assert MintOfferPage.objects.live().count() >= 12
    assert InnovationMilestonePage.objects.live().count() >= 10
    assert InternalNewsPage.objects.live().count() >= 6
    assert Organisation.objects.values("kind").distinct().count() == 5


def test_every_page_is_published_through_a_revision(demo, db):
    pages = Page.objects.filter(depth__gt=1)
    published = set(PageLogEntry.objects.filter(action="wagtail.publish").values_list("page_id", flat=True))
    for page in pages:
        assert page.live and page.live_revision_id and not page.has_unpublished_changes, page.title
        assert page.pk in published, page.title


def test_every_mint_offer_is_ongoing_or_has_a_future_date(demo, db):
    now = timezone.now()
    for offer in MintOfferPage.objects.prefetch_related("occurrences"):
        assert offer.ongoing or any(o.start > now for o in offer.occurrences.all()), offer.title
    assert MintOfferPage.objects.filter(ongoing=True).exists()
    assert MintOfferPage.objects.filter(registration_deadline__gte=timezone.localdate()).exists()


def test_mint_offers_cover_every_subject_grade_band_and_eight_municipalities(demo, db):
    offers = MintOfferPage.objects.all()
    assert set(MintSubject.objects.filter(offers__in=offers).values_list("slug", flat=True)) == set(
        MintSubject.objects.values_list("slug", flat=True)
    )
    assert set(GradeBand.objects.filter(offers__in=offers).values_list("slug", flat=True)) == set(
        GradeBand.objects.values_list("slug", flat=True)
    )
    municipalities = {m.pk for offer in offers for m in offer.municipalities.all()}
    assert len(municipalities) >= 8


def test_milestones_cover_every_era(demo, db):
    eras = {milestone.era for milestone in InnovationMilestonePage.objects.all()}
    assert eras == {slug for slug, _label in Era.choices()}


def test_news_concern_single_municipalities_and_the_whole_district(demo, db):
    news = list(InternalNewsPage.objects.prefetch_related("municipalities"))
    for_municipalities = {m.slug for item in news for m in item.municipalities.all()}
    assert len(for_municipalities) >= 3
    assert any(not item.municipalities.all() for item in news)


def test_content_pages_have_teaser_topics_and_images_with_alt_text(demo, db):
    for page in ContentPage.objects.originals().prefetch_related("topics"):
        assert page.teaser and page.topics.exists(), page.title
        assert page.listing_image_id and page.listing_image_alt.strip(), page.title
    for story in LighthouseStoryPage.objects.originals():
        assert story.hero_image_id and story.hero_image_alt.strip()
        assert {"paragraph", "quote", "key_figures", "gallery", "call_to_action"} <= {
            b.block_type for b in story.body
        }
        for block in story.body:
            if block.block_type == "gallery":
                assert all(picture["alt_text"].strip() for picture in block.value["images"])


def test_images_are_distinct_pictures_in_the_library(demo, db):
    images = get_image_model().objects.all()
    assert images.count() >= ContentPage.objects.originals().count()  # translations share theirs
    assert len({image.file_hash for image in images}) == images.count()
    assert len({image.title for image in images}) == images.count()
    assert all(image.description for image in images)


def test_home_page_replaces_the_welcome_page_on_every_local_address(demo, db, rf):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2).exact_type(Page).exists()
    for host in ("127.0.0.1:8000", "localhost:8000", "localhost", "127.0.0.1"):
        assert Site.find_for_request(rf.get("/", HTTP_HOST=host)) == site, host


def test_the_demo_site_has_the_address_make_run_serves(demo, db, client):
    """Wagtail's initial localhost:80 site becomes 127.0.0.1:8000, so the API's links lead to the demo."""
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    home = client.get("/api/v2/pages/?type=page_types.HomePage&fields=html_url").json()["items"][0]
    assert home["meta"]["html_url"] == "http://127.0.0.1:8000/"


def test_load_demo_moves_the_default_site_to_the_configured_base_url(demo, db, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://leuchtturm.example"
    call_command("load_demo", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, Site.objects.count()) == ("leuchtturm.example", 443, 1)
    cache.clear()  # the site root paths Wagtail cached for this address outlive the test's rollback


def test_home_index_and_legal_pages_render(demo, db, client):
    home = HomePage.objects.get(locale__language_code="de")
    indexes = home.get_children().filter(slug__in=INDEX_SLUGS)
    assert indexes.count() == len(INDEX_SLUGS) and all(page.show_in_menus for page in indexes)
    for page in [home, *indexes]:
        assert client.get(page.url, HTTP_HOST="127.0.0.1:8000").status_code == 200, page.url
    impressum = client.get("/impressum/")
    assert "Hindenburgstraße 40" in impressum.text and "71638 Ludwigsburg" in impressum.text
    privacy = client.get("/datenschutz/").text
    phrases = ("Double-Opt-in", "Einwilligungsprotokoll", "Zählpixel", "Abmeldelink", "Art. 15")
    for phrase in (*phrases, "löschen wir 30 Tage danach", "Datenschutzbeauftragte/r des Landratsamts"):
        assert phrase in privacy, phrase
    assert StandardPage.objects.live().count() == 2


def test_every_demo_page_opens_in_the_editor(demo, db, admin_client):
    """Rich text must be in Wagtail's storage format (``<br/>``): Draftail cannot open a bare ``<br>``."""
    for page in Page.objects.filter(depth__gt=1):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page.url_path


def test_channels_select_their_demo_content(demo, db):
    channels = {channel.slug: channel for channel in Channel.objects.all()}
    assert set(channels) == {"mint-update", "wirtschaft-im-landkreis", "leuchttuerme"}
    expected = {
        "mint-update": {MintOfferPage},
        "wirtschaft-im-landkreis": {InternalNewsPage, InnovationMilestonePage},
        "leuchttuerme": {LighthouseStoryPage, InnovationMilestonePage},
    }
    for slug, page_types in expected.items():
        selected = {page.specific_class for page in select_content(channels[slug])}
        assert selected == page_types, slug


def test_the_mint_channel_recurs_every_other_thursday_and_offers_deadline_reminders(demo, db):
    mint = Channel.objects.get(slug="mint-update")
    dates = [local(moment) for moment in upcoming(mint.recurrence, timezone.now())]
    assert [(d.isoweekday(), d.hour, d.minute) for d in dates] == [(4, 7, 0)] * 3
    assert {(later.date() - earlier.date()).days for earlier, later in pairwise(dates)} == {14}
    assert mint.offers_reminders
    readers = Subscription.objects.filter(channel=mint, status=Subscription.Status.ACTIVE)
    assert 0 < readers.filter(deadline_reminders=True).count() < readers.count()
    others = Subscription.objects.exclude(channel=mint)
    assert not others.filter(deadline_reminders=True).exists()
    assert not Channel.objects.exclude(pk=mint.pk).exclude(recurrence="").exists()


def test_demo_issues_greet_the_reader_only_once(demo, db):
    """Every mail opens with "Guten Tag …,"; an intro that greets again reads "Guten Tag, Liebe …,"."""
    assert Campaign.objects.count() == 4  # three approved issues and the MINT issue waiting in review
    for campaign in Campaign.objects.all():
        assert not re.match(r"<p>(Liebe|Hallo|Guten Tag|Sehr geehrte)", campaign.intro), campaign.subject


def test_consent_text_is_current_and_each_consent_names_exactly_the_chosen_channels(demo, db):
    text = ConsentText.objects.current()
    assert "Landratsamt" in text.text and CHANNELS_PLACEHOLDER in text.text
    names = set(Channel.objects.values_list("name", flat=True))
    for subscriber in Subscriber.objects.prefetch_related("subscriptions__channel", "consent_events")[:40]:
        chosen = {subscription.channel.name for subscription in subscriber.subscriptions.all()}
        for event in subscriber.consent_events.all():
            named = {name for name in names if f"„{name}“" in event.wording}
            assert named == chosen, subscriber.email


def test_subscribers_are_varied_and_each_consent_is_logged(demo, db):
    subscribers = Subscriber.objects.all()
    assert 250 <= subscribers.count() <= 350
    assert all(s.email.endswith("@example.org") for s in subscribers)
    assert subscribers.values("role").distinct().count() >= 6
    assert subscribers.values("municipality").distinct().count() >= 20
    assert subscribers.filter(language="de").count() > 0.8 * subscribers.count()
    assert subscribers.filter(grade_bands__isnull=False).exists()
    assert subscribers.filter(interests__isnull=False).exists()
    per_subscriber = Counter(
        Subscription.objects.filter(status=Subscription.Status.ACTIVE).values_list("subscriber_id", flat=True)
    )
    assert set(per_subscriber) == set(subscribers.values_list("pk", flat=True))
    assert set(per_subscriber.values()) == {1, 2, 3}
    current = ConsentText.objects.current()
    events = Counter(
        ConsentEvent.objects.values_list("subscriber_id", "channel_id", "event", "source", "consent_text_id")
    )
    for subscription in Subscription.objects.all():
        for event in (ConsentEvent.Event.REQUESTED, ConsentEvent.Event.CONFIRMED):
            key = (subscription.subscriber_id, subscription.channel_id, event, "form", current.pk)
            assert events[key] == 1, key


def test_every_mint_offer_names_a_street_address_and_a_contact(demo, db):
    for offer in MintOfferPage.objects.all():
        assert offer.street_address and offer.contact_name, offer.title
        assert offer.contact_email.endswith(".example") and offer.contact_phone, offer.title


def test_the_holiday_camp_reads_as_one_range_of_days(demo, db):
    camp = MintOfferPage.objects.get(slug="technikcamp-solarboote", locale__language_code="de")
    [week] = camp.upcoming_date_ranges()
    assert week.days == 5


def test_contact_points_across_the_district_are_marked_as_demo_and_the_guide_answers(demo, db, client):
    contact_points = ContactPointPage.objects.live().prefetch_related("municipalities", "languages")
    assert contact_points.count() >= 8
    assert all(page.title.endswith("(Demo)") for page in contact_points)
    assert len({m.slug for page in contact_points for m in page.municipalities.all()}) >= 8
    assert {"ar", "uk", "tr"} <= {
        language.slug for page in contact_points for language in page.languages.all()
    }
    profiles = set(GuideProfile.objects.values_list("slug", flat=True))
    assert profiles == {"fachkraft", "ausbildung-studium", "familie", "unternehmen-gruendung"}
    for query in (
        "profil=fachkraft&kommune=asperg&sprache=en",
        "profil=familie&kommune=marbach-am-neckar&kinder=1",
    ):
        response = client.get(f"/wegweiser/?{query}", HTTP_HOST="127.0.0.1:8000")
        assert response.status_code == 200, query
        assert "(Demo)" in response.text and "/newsletter/?channels=" in response.text


def test_three_offers_two_stories_and_the_mint_channel_speak_english(demo, db, client):
    offers = MintOfferPage.objects.live().filter(locale__language_code="en")
    assert offers.count() == 3
    assert LighthouseStoryPage.objects.live().filter(locale__language_code="en").count() == 2
    assert Channel.objects.get(slug="mint-update").text_in("en").name == "STEM update"
    robotics = offers.get(slug="robotik-ag-maehroboter")
    response = client.get(robotics.url, HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200 and '<html lang="en"' in response.text
    assert robotics.url.startswith("/en/mint/") and "Robotics club" in response.text
