"""Opt-in open and click measurement: only with the channel's switch *and* the subscriber's consent.

Mails go through a real SMTP server and are parsed from the received bytes; links are followed with the
test client, as a mail client's browser would.
"""

import re
from datetime import timedelta
from email.message import EmailMessage
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.models import Schedule
from mjml import mjml2html

from campaigns.models import ConsentEvent, Delivery, Subscriber, TrackingEvent, Variant
from campaigns.rendering.campaign import CampaignRenderer
from campaigns.rendering.content import campaign_page_ids
from campaigns.rendering.tracking import add_tracking, without_tracking
from campaigns.sending import control, freeze
from campaigns.sending.inline import send_inline
from campaigns.subscriptions import export_subscriber
from campaigns.subscriptions.preferences import set_tracking_consent
from campaigns.tokens import PREFERENCES, UNSUBSCRIBE, make_token, make_tracking_token
from tests.campaigns.engine import make_campaign, make_reader

BASE = "https://leuchtturm.example"
CLICK = f"{BASE}/newsletter/link/"
PIXEL = f"{BASE}/newsletter/open/"
Kind = TrackingEvent.Kind


@pytest.fixture
def base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE


def measure(newsletter, *consenting: str, channel: bool = True) -> None:
    """Switch the channel's measurement and let the named readers consent."""
    newsletter.channel.tracking_enabled = channel
    newsletter.channel.save()
    Subscriber.objects.filter(pk__in=[newsletter.readers[name].pk for name in consenting]).update(
        tracking_consent=True
    )


def parts(message: EmailMessage) -> dict[str, str]:
    return {part.get_content_type(): part.get_content() for part in message.iter_parts()}


def received(smtp_sink, email: str) -> dict[str, str]:
    (message,) = smtp_sink.handler.to(email)
    return parts(message.message)


def measured_links(html: str) -> dict[str, str]:
    """The measured links of a mail's HTML: link text (or image) → redirect URL."""
    links = {}
    for href, label in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', html, re.DOTALL):
        if href.startswith(CLICK):
            links.setdefault(re.sub(r"<[^>]+>", "", label).strip() or "image", href)
    return links


def path_of(url: str) -> str:
    assert url.startswith(BASE), url
    return url[len(BASE) :]


@pytest.mark.parametrize("channel,consent", [(False, True), (True, False)], ids=["channel off", "no consent"])
def test_untracked_recipients_get_no_redirect_and_no_pixel(newsletter, smtp_sink, base_url, channel, consent):
    measure(newsletter, *(newsletter.readers if consent else ()), channel=channel)
    send_inline(newsletter.campaign.pk)

    for reader in newsletter.readers.values():
        for content in received(smtp_sink, reader.email).values():
            assert "/newsletter/link/" not in content and "/newsletter/open/" not in content
            assert not re.search(r'<img alt=""', content)
        html = received(smtp_sink, reader.email)["text/html"]
        assert f'href="{BASE}/{newsletter.pages["story"].url.strip("/")}/"' in html
    assert not Variant.objects.filter(tracked=True).exists()
    assert Variant.objects.exclude(links=[]).count() == 0


@pytest.mark.parametrize("change", ["consent withdrawn", "channel switched off"])
def test_a_change_after_the_freeze_sends_the_tracked_variant_unmeasured(
    newsletter, smtp_sink, base_url, change
):
    measure(newsletter, "teacher", "asperg")
    control.begin(newsletter.campaign.pk)
    freeze.prepare(newsletter.campaign.pk)
    teacher = Subscriber.objects.get(pk=newsletter.readers["teacher"].pk)
    assert Delivery.objects.get(campaign=newsletter.campaign, subscriber=teacher).variant.tracked
    if change == "consent withdrawn":
        assert set_tracking_consent(teacher, False, source="form")
    else:
        newsletter.channel.tracking_enabled = False
        newsletter.channel.save()

    send_inline(newsletter.campaign.pk)
    html = received(smtp_sink, teacher.email)["text/html"]
    assert "/newsletter/link/" not in html and "/newsletter/open/" not in html
    assert f'href="{BASE}/{newsletter.pages["offer_it"].url.strip("/")}/"' in html
    still_measured = (
        "/newsletter/open/" in received(smtp_sink, newsletter.readers["asperg"].email)["text/html"]
    )
    assert still_measured == (change == "consent withdrawn")


def test_tracked_recipient_follows_a_link_once_recorded_and_redirected(
    newsletter, smtp_sink, base_url, client
):
    measure(newsletter, "teacher")
    send_inline(newsletter.campaign.pk)

    teacher = received(smtp_sink, "lehrerin@example.org")
    links = measured_links(teacher["text/html"])
    assert {"Robotik-Workshop", "Der Landkreis in Zahlen", "Weiterlesen", "image"} <= set(links)
    personal = (f"{BASE}/newsletter/preferences/", f"{BASE}/newsletter/unsubscribe/")
    # The Impressum and the web version ("Im Browser ansehen") are never measured.
    unmeasured = (f"{BASE}/impressum/", f"{BASE}/newsletter/wirtschaft-mint/{newsletter.campaign.pk}/")
    for href in re.findall(r'<a [^>]*href="([^"]+)"', teacher["text/html"]):
        assert href.startswith((CLICK, *personal, *unmeasured)), href
    assert re.search(rf'<img alt="" src="{re.escape(PIXEL)}[^"]+/"', teacher["text/html"])
    assert (
        "/newsletter/link/" not in teacher["text/plain"] and "/newsletter/open/" not in teacher["text/plain"]
    )
    for name in ("asperg", "ludwigsburg", "pupil"):
        html = received(smtp_sink, newsletter.readers[name].email)["text/html"]
        assert "/newsletter/link/" not in html and "/newsletter/open/" not in html, name

    response = client.get(path_of(links["Robotik-Workshop"]))
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{newsletter.pages['offer_it'].url}"
    assert response["Cache-Control"] == "no-store"
    event = TrackingEvent.objects.get()
    number = int(links["Robotik-Workshop"].rstrip("/").rsplit("/", 1)[1])
    assert (event.subscriber, event.kind, event.link, event.count) == (
        newsletter.readers["teacher"],
        Kind.CLICK,
        number,
        1,
    )
    client.get(path_of(links["Robotik-Workshop"]))
    assert TrackingEvent.objects.get().count == 2, "one row per link, with a counter"

    pixel = re.search(rf'src="({re.escape(PIXEL)}[^"]+)"', teacher["text/html"]).group(1)
    opened = client.get(path_of(pixel))
    assert (opened.status_code, opened["Content-Type"], opened["Cache-Control"]) == (
        200,
        "image/gif",
        "no-store",
    )
    assert opened.content.startswith(b"GIF89a")
    assert TrackingEvent.objects.filter(kind=Kind.OPEN).count() == 1


def test_a_head_request_of_a_link_scanner_redirects_but_records_nothing(
    newsletter, smtp_sink, base_url, client
):
    measure(newsletter, "teacher")
    send_inline(newsletter.campaign.pk)
    link = next(iter(measured_links(received(smtp_sink, "lehrerin@example.org")["text/html"]).values()))

    assert client.head(path_of(link)).status_code == 302
    assert not TrackingEvent.objects.exists()


def test_tampered_tokens_and_link_numbers_answer_a_german_404_and_record_nothing(
    newsletter, smtp_sink, base_url, client
):
    measure(newsletter, "teacher")
    send_inline(newsletter.campaign.pk)
    teacher = newsletter.readers["teacher"]
    link = path_of(next(iter(measured_links(received(smtp_sink, teacher.email)["text/html"]).values())))
    token = link.split("/")[3]
    links = Variant.objects.get(tracked=True).links
    other_issue = make_tracking_token(teacher, newsletter.campaign.pk + 1)
    untracked_reader = make_tracking_token(newsletter.readers["asperg"], newsletter.campaign.pk)

    for path in (
        link.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB")),
        link.replace(token, make_token(teacher, UNSUBSCRIBE)),
        link.replace(token, make_token(teacher, PREFERENCES)),
        link.replace(token, other_issue),
        link.replace(token, untracked_reader),
        f"/newsletter/link/{token}/{len(links) + 1}/",
        f"/newsletter/link/{token}/0/",
        f"/newsletter/link/{'x' * 600}/1/",
        f"/newsletter/open/{token[:-1]}/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Dieser Link ist ungültig" in response.content.decode(), path
    assert not TrackingEvent.objects.exists()


@pytest.mark.parametrize("withdrawn_by", ["subscriber", "channel"])
def test_after_withdrawal_links_still_redirect_but_nothing_more_is_recorded(
    newsletter, smtp_sink, base_url, client, visitor, withdrawn_by
):
    measure(newsletter, "teacher")
    send_inline(newsletter.campaign.pk)
    teacher = newsletter.readers["teacher"]
    html = received(smtp_sink, teacher.email)["text/html"]
    link = path_of(measured_links(html)["Robotik-Workshop"])
    pixel = path_of(re.search(rf'src="({re.escape(PIXEL)}[^"]+)"', html).group(1))
    assert client.get(link).status_code == 302
    assert TrackingEvent.objects.count() == 1

    if withdrawn_by == "subscriber":
        preferences = reverse("newsletter:preferences", kwargs={"token": make_token(teacher, PREFERENCES)})
        form = {"channels": ["wirtschaft-mint"], "subjects": ["informatik"], "grade_bands": ["klasse-8-10"]}
        assert visitor.post(preferences, {**form, "name": teacher.name, "language": "de"}).status_code == 200
        teacher.refresh_from_db()
        assert not teacher.tracking_consent
    else:
        newsletter.channel.tracking_enabled = False
        newsletter.channel.save()

    # a withdrawal deletes what was measured (consent was its only basis); switching the channel off does not
    kept = 0 if withdrawn_by == "subscriber" else 1
    assert TrackingEvent.objects.count() == kept
    response = client.get(link)
    assert (response.status_code, response["Location"]) == (302, f"{BASE}{newsletter.pages['offer_it'].url}")
    assert client.get(pixel).status_code == 200
    assert list(TrackingEvent.objects.values_list("count", flat=True)) == [1] * kept


def test_mjml_renders_once_per_variant_with_tracked_and_untracked_readers(newsletter, base_url):
    measure(newsletter, "teacher", "asperg")
    twin = make_reader(
        newsletter.channel,
        "zweite-lehrerin@example.org",
        subjects=["informatik"],
        grade_bands=["klasse-8-10"],
    )
    control.begin(newsletter.campaign.pk)
    with mock.patch("campaigns.rendering.mjml.mjml2html", wraps=mjml2html) as renders:
        freeze.prepare(newsletter.campaign.pk)

    variants = Variant.objects.filter(campaign=newsletter.campaign)
    assert variants.count() == 5  # four contents; the two teachers split by consent
    assert renders.call_count == variants.count()
    of = {
        d.subscriber_id: d.variant
        for d in Delivery.objects.filter(campaign=newsletter.campaign).select_related("variant")
    }
    teacher = of[newsletter.readers["teacher"].pk]
    assert teacher.tracked and teacher.links and CLICK in teacher.html
    assert of[twin.pk] != teacher and of[twin.pk].page_ids == teacher.page_ids
    assert of[newsletter.readers["asperg"].pk].tracked
    for variant in variants.filter(tracked=False):
        assert CLICK not in variant.html and PIXEL not in variant.html and variant.links == []
    for variant in variants:
        assert "/newsletter/link/" not in variant.text


def test_previews_and_test_mails_of_a_tracked_variant_carry_no_measurement(newsletter, base_url):
    page_ids = campaign_page_ids(newsletter.campaign)
    rendered = CampaignRenderer(newsletter.campaign, page_ids)
    plain = rendered.render(page_ids, "de")
    tracked = rendered.render(page_ids, "de", tracked=True)

    assert tracked.html != plain.html and len(tracked.links) == len(set(tracked.links)) > 0
    assert tracked.text == plain.text
    assert without_tracking(tracked.html, list(tracked.links)) == plain.html
    html, links = add_tracking(
        '<a href="mailto:x@example.org">x</a><a href="https://a.example/?b=1&amp;c=2">'
    )
    assert links == ["https://a.example/?b=1&c=2"] and "mailto:x@example.org" in html


def test_consent_is_off_by_default_and_every_change_is_logged(newsletter, visitor):
    lea = newsletter.readers["ludwigsburg"]
    url = reverse("newsletter:preferences", kwargs={"token": make_token(lea, PREFERENCES)})
    page = visitor.get(url).content.decode()
    box = re.search(r'<input type="checkbox" name="tracking_consent"[^>]*>', page).group(0)
    assert "checked" not in box
    assert "keine IP-Adresse" in page
    form = {"channels": ["wirtschaft-mint"], "name": "Lea", "language": "de", "municipality": "ludwigsburg"}

    visitor.post(url, {**form, "tracking_consent": "on"})
    lea.refresh_from_db()
    assert lea.tracking_consent
    granted = lea.consent_events.get(event=ConsentEvent.Event.TRACKING_CONSENTED)
    assert (granted.source, granted.channel) == ("form", None)
    assert granted.detail.startswith("Ja, die Wirtschaftsförderung darf messen")
    assert 'checked aria-describedby="messung-hinweis"' in visitor.get(url).content.decode()

    visitor.post(url, {**form, "tracking_consent": "on"})  # unchanged: nothing new to log
    visitor.post(url, form)
    lea.refresh_from_db()
    assert not lea.tracking_consent
    assert list(lea.consent_events.values_list("event", flat=True)) == [
        ConsentEvent.Event.TRACKING_CONSENTED,
        ConsentEvent.Event.TRACKING_WITHDRAWN,
    ]


def test_the_api_reads_gives_and_withdraws_consent(newsletter, visitor):
    lea = newsletter.readers["ludwigsburg"]
    url = f"/api/subscriptions/preferences/{make_token(lea, PREFERENCES)}"
    assert visitor.get(url).json()["tracking_consent"] is False

    given = visitor.patch(url, {"tracking_consent": True}, content_type="application/json")
    assert given.status_code == 200 and given.json()["tracking_consent"] is True
    kept = visitor.patch(url, {"name": "Lea L."}, content_type="application/json")
    assert kept.json()["tracking_consent"] is True, "left out, it stays as it is"
    refused = visitor.patch(url, {"tracking_consent": "ja"}, content_type="application/json")
    assert refused.status_code == 422
    withdrawn = visitor.patch(url, {"tracking_consent": False}, content_type="application/json")
    assert withdrawn.json()["tracking_consent"] is False
    events = lea.consent_events.filter(event__startswith="tracking_").values_list("event", "source")
    assert list(events) == [("tracking_consented", "api"), ("tracking_withdrawn", "api")]


def test_export_contains_the_events_and_erasure_removes_them(newsletter, smtp_sink, base_url, client):
    measure(newsletter, "teacher")
    send_inline(newsletter.campaign.pk)
    link = next(iter(measured_links(received(smtp_sink, "lehrerin@example.org")["text/html"]).values()))
    client.get(path_of(link))

    exported = export_subscriber(newsletter.readers["teacher"])["tracking_events"]
    assert [(row["campaign_id"], row["kind"], row["count"]) for row in exported] == [
        (newsletter.campaign.pk, "click", 1)
    ]
    call_command("erase_subscriber", "lehrerin@example.org", interactive=False, stdout=StringIO())
    assert not TrackingEvent.objects.exists()
    assert client.get(path_of(link)).status_code == 404  # the erased person's links are revoked


def test_report_shows_unique_opens_and_clicks_of_consenting_recipients_only(
    newsletter, smtp_sink, base_url, manager, client, visitor
):
    measure(newsletter, "teacher", "asperg", "ludwigsburg")
    send_inline(newsletter.campaign.pk)
    for name in ("teacher", "asperg", "ludwigsburg"):
        html = received(smtp_sink, newsletter.readers[name].email)["text/html"]
        link = measured_links(html)["Robotik-Workshop"]
        visitor.get(path_of(link))
        visitor.get(path_of(link))
    teacher_html = received(smtp_sink, "lehrerin@example.org")["text/html"]
    visitor.get(path_of(re.search(rf'src="({re.escape(PIXEL)}[^"]+)"', teacher_html).group(1)))
    # who withdraws after the send leaves the figures and the denominator
    lea = Subscriber.objects.get(pk=newsletter.readers["ludwigsburg"].pk)
    assert set_tracking_consent(lea, False, source="form")

    page = client.get(reverse("campaigns_campaign:dispatch", args=[newsletter.campaign.pk])).content.decode()
    assert "Gemessen werden nur Empfängerinnen und Empfänger, die in die Öffnungs- und Klickmessung" in page
    assert re.search(r'data-measured="recipients">2<', page)
    assert re.search(r'data-measured="opened">1 \(50[,.]0 %\)<', page)
    assert re.search(r'data-measured="clicked">2 \(100[,.]0 %\)<', page)
    robotik = f"{BASE}{newsletter.pages['offer_it'].url}"
    assert re.search(rf"<td>{re.escape(robotik)}</td><td>2</td><td>100[,.]0 %</td>", page)


def test_report_without_measured_recipients_shows_no_measurement(newsletter, smtp_sink, manager, client):
    measure(newsletter, channel=True)
    send_inline(newsletter.campaign.pk)
    page = client.get(reverse("campaigns_campaign:dispatch", args=[newsletter.campaign.pk])).content.decode()
    assert "4 von 4 Zustellungen versendet." in page and "Öffnungen und Klicks" not in page


def test_measured_opens_and_clicks_are_deleted_daily_after_the_retention_period(newsletter, settings):
    settings.CAMPAIGNS_TRACKING_RETENTION_DAYS = 180
    schedule = Schedule.objects.get(name="campaigns-purge-tracking")
    assert (schedule.schedule_type, schedule.repeats) == (Schedule.DAILY, -1)
    now = timezone.now()
    issues = {
        "old": make_campaign(newsletter.channel, finished_at=now - timedelta(days=181)),
        "recent": make_campaign(newsletter.channel, finished_at=now - timedelta(days=179)),
        "sending": make_campaign(newsletter.channel),
    }
    reader = next(iter(newsletter.readers.values()))
    for campaign in issues.values():
        TrackingEvent.objects.create(campaign=campaign, subscriber=reader, kind=Kind.OPEN)
        TrackingEvent.objects.create(campaign=campaign, subscriber=reader, kind=Kind.CLICK, link=1)

    assert import_string(schedule.func)() == 2
    assert set(TrackingEvent.objects.values_list("campaign__pk", flat=True)) == {
        issues["recent"].pk,
        issues["sending"].pk,
    }
