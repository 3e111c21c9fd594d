"""A mail groups what it shows into sections a reader understands, in HTML and plain text alike, and in
the reader's language; a reader whose only pages are local to another municipality is skipped with the
reason."""

from campaigns.models import CampaignRemoval, Delivery, Subscriber
from campaigns.sending import control, freeze
from tests.campaigns.engine import make_reader


def _headings(text: str, headings: list[str]) -> list[str]:
    found = [(text.find(heading), heading) for heading in headings if heading in text]
    return [heading for _position, heading in sorted(found)]


GERMAN = ["Passend zu Ihren Angaben", "Weitere Angebote", "Aus Ihrer Kommune", "Aus dem Landkreis"]
ENGLISH = ["Matching your details", "More offers", "From your municipality", "From the district"]


def test_sections_in_html_and_text(newsletter):
    renderer, plans, _skipped = freeze.plan(newsletter.campaign)
    by_reader = {pk: plan for plan in plans for pk in plan.subscriber_ids}
    pupil = by_reader[newsletter.readers["pupil"].pk]
    rendered = renderer.render(pupil.page_ids, pupil.language, groups=pupil.groups)
    expected = ["Passend zu Ihren Angaben", "Weitere Angebote", "Aus dem Landkreis"]
    assert _headings(rendered.html, GERMAN) == expected
    assert _headings(rendered.text, [h.upper() for h in GERMAN]) == [h.upper() for h in expected]
    assert rendered.html.find("Mathe-Olympiade") < rendered.html.find("Robotik-Workshop")
    asperg = by_reader[newsletter.readers["asperg"].pk]
    rendered = renderer.render(asperg.page_ids, asperg.language, groups=asperg.groups)
    assert _headings(rendered.html, GERMAN) == ["Aus Ihrer Kommune", "Aus dem Landkreis"]


def test_english_readers_get_english_sections(newsletter):
    reader = make_reader(newsletter.channel, "en@example.org", municipality="asperg")
    Subscriber.objects.filter(pk=reader.pk).update(language="en")
    renderer, plans, _skipped = freeze.plan(newsletter.campaign)
    plan = next(plan for plan in plans if reader.pk in plan.subscriber_ids)
    rendered = renderer.render(plan.page_ids, plan.language, groups=plan.groups)
    assert _headings(rendered.html, ENGLISH) == ["From your municipality", "From the district"]


def test_only_local_pages_of_another_municipality_skip_a_reader_with_the_reason(newsletter):
    for name in ("offer_it", "offer_math", "news_district", "story"):
        CampaignRemoval.objects.create(campaign=newsletter.campaign, page=newsletter.pages[name])
    control.begin(newsletter.campaign.pk)
    freeze.prepare(newsletter.campaign.pk)
    deliveries = Delivery.objects.filter(campaign=newsletter.campaign)
    skipped = deliveries.filter(status=Delivery.Status.SKIPPED)
    assert set(skipped.values_list("subscriber__email", flat=True)) == {
        "lehrerin@example.org",
        "lb@example.org",
        "schueler@example.org",
    }
    assert set(skipped.values_list("error", flat=True)) == {
        "Alle Beiträge sind nur für andere Kommunen bestimmt"
    }
    assert deliveries.get(subscriber=newsletter.readers["asperg"]).status == Delivery.Status.QUEUED
