"""The "Kampagnen" admin: subscriber data for the group only, proof of consent, erasure, suppressions."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from campaigns.addresses import email_hash
from campaigns.models import Audience, ConsentEvent, ConsentText, Subscriber, Subscription, Suppression
from campaigns.subscriptions import confirm, request_subscription
from campaigns.subscriptions.facets import Facets
from page_types.models import Municipality
from tests.campaigns.subscribing import run_queued_tasks
from tests.page_types.markup import soup

pytestmark = pytest.mark.django_db

NS = "wagtailsnippets_campaigns_subscriber"


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user("kampagne", password="pw")
    user.groups.add(Group.objects.get(name="Kampagnen"))
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("redaktion", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def lena(newsletter_channels) -> Subscriber:
    request_subscription(
        "lena@example.org",
        [newsletter_channels["mint"]],
        Facets(name="Lena Beispiel", municipality=Municipality.objects.get(slug="asperg")),
        source=ConsentEvent.Source.FORM,
        consent_text=ConsentText.objects.current(),
        ip_address="192.0.2.7",
    )
    run_queued_tasks()
    subscriber = Subscriber.objects.get(email="lena@example.org")
    request = subscriber.signup_requests.get()
    confirm(subscriber, request.pk, source=ConsentEvent.Source.FORM, ip_address="192.0.2.8")
    return subscriber


def test_kampagnen_group_holds_the_subscriber_rights():
    codenames = set(Group.objects.get(name="Kampagnen").permissions.values_list("codename", flat=True))
    assert {"view_subscriber", "change_subscriber", "export_subscriber", "erase_subscriber"} <= codenames
    assert {
        "import_subscriber",
        "access_admin",
        "view_audience",
        "add_channel",
        "add_consenttext",
    } <= codenames
    assert "delete_subscriber" not in codenames, "deleting is erasure, with its own right"


def test_campaign_manager_sees_the_menu_the_list_and_the_filters(client, manager, lena, newsletter_channels):
    client.force_login(manager)
    dashboard = client.get("/admin/").content.decode()
    assert "Kampagnen" in dashboard and "Abonnent/innen" in dashboard
    listing = client.get(reverse(f"{NS}:list"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "lena@example.org" in html
    for action in ("proof", "export_json", "delete"):
        assert reverse(f"{NS}:{action}", args=[lena.pk]) in html
    mint = newsletter_channels["mint"].pk
    assert (
        "lena@example.org"
        in client.get(reverse(f"{NS}:list"), {"status": "active", "channel": mint}).content.decode()
    )
    wirtschaft = newsletter_channels["wirtschaft"].pk
    filtered = client.get(reverse(f"{NS}:list"), {"status": "active", "channel": wirtschaft}).content.decode()
    assert "lena@example.org" not in filtered
    assert "lena@example.org" in client.get(reverse(f"{NS}:list"), {"q": "Beispiel"}).content.decode()


def test_editor_without_the_group_sees_no_subscriber_data(client, editor, lena):
    client.force_login(editor)
    assert "Abonnent/innen" not in client.get("/admin/").content.decode()
    urls = [
        reverse(f"{NS}:list"),
        reverse(f"{NS}:edit", args=[lena.pk]),
        reverse(f"{NS}:proof", args=[lena.pk]),
        reverse(f"{NS}:export_json", args=[lena.pk]),
        reverse(f"{NS}:export_csv"),
        reverse(f"{NS}:import"),
        reverse(f"{NS}:delete", args=[lena.pk]),
        reverse("wagtailsnippets_campaigns_audience:list"),
        reverse("wagtailsnippets_campaigns_suppression:list"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"lena@example.org" not in response.content
    assert client.post(reverse(f"{NS}:delete", args=[lena.pk])).status_code in (302, 403)
    assert Subscriber.objects.filter(pk=lena.pk).exists()


def test_proof_of_consent_shows_every_event_with_its_consent_text(client, manager, lena):
    client.force_login(manager)
    response = client.get(reverse(f"{NS}:proof", args=[lena.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for expected in (
        "Einwilligungsnachweis",
        "lena@example.org",
        "Anmeldung angefordert",
        "Anmeldung bestätigt",
        "192.0.2.7",
        "192.0.2.8",
        "Fassung 2025-01",
        ConsentText.objects.get(version="2025-01").text[:60],
        "campaigns/proof.css",
    ):
        assert expected in html, expected


def test_admin_export_gives_the_subscribers_data_as_json(client, manager, lena):
    client.force_login(manager)
    response = client.get(reverse(f"{NS}:export_json", args=[lena.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="abonnent-{lena.pk}.json"'
    data = json.loads(response.content)
    assert data["subscriber"]["municipality"] == "asperg"
    assert [event["event"] for event in data["consent_log"]] == ["requested", "confirmed"]


def test_admin_delete_is_the_gdpr_erasure(client, manager, lena):
    client.force_login(manager)
    page = client.get(reverse(f"{NS}:delete", args=[lena.pk]))
    assert page.status_code == 200
    assert "unwiderruflich" in page.content.decode()
    response = client.post(reverse(f"{NS}:delete", args=[lena.pk]))
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert Suppression.objects.get().email_hash == email_hash("lena@example.org")
    assert ConsentEvent.objects.filter(event=ConsentEvent.Event.ERASED, source="admin").count() == 1


def test_admin_edit_is_logged_and_the_address_cannot_be_changed(client, manager, lena):
    client.force_login(manager)
    url = reverse(f"{NS}:edit", args=[lena.pk])
    response = client.post(url, {"email": "other@example.org", "name": "Lena B.", "language": "de"})
    assert response.status_code == 302
    lena.refresh_from_db()
    assert (lena.email, lena.name) == ("lena@example.org", "Lena B.")
    event = lena.consent_events.get(event=ConsentEvent.Event.PREFERENCES_CHANGED)
    assert event.source == "admin" and "name" in event.detail and "kampagne" in event.detail


def test_wagtails_add_leads_to_adding_one_person_with_a_legal_basis(client, manager):
    client.force_login(manager)
    response = client.get(reverse(f"{NS}:add"))
    assert response.status_code == 302 and response["Location"] == reverse(f"{NS}:add_person")
    page = client.get(response["Location"]).content.decode()
    assert 'name="legal_basis"' in page and 'name="double_opt_in_at"' in page


def test_consent_text_in_use_cannot_be_reworded(client, manager, lena):
    client.force_login(manager)
    text = ConsentText.objects.get(version="2025-01")
    url = reverse("wagtailsnippets_campaigns_consenttext:edit", args=[text.pk])
    response = client.post(url, {"version": "2025-01", "text": "Etwas anderes.", "is_current": "on"})
    assert response.status_code == 200
    assert "neue Fassung" in response.content.decode()
    text.refresh_from_db()
    assert text.text != "Etwas anderes."


def test_a_new_current_consent_text_retires_the_old_one(client, manager):
    client.force_login(manager)
    url = reverse("wagtailsnippets_campaigns_consenttext:add")
    response = client.post(url, {"version": "2026-01", "text": "Neuer Wortlaut.", "is_current": "on"})
    assert response.status_code == 302
    assert ConsentText.objects.current().version == "2026-01"
    assert ConsentText.objects.filter(is_current=True).count() == 1


def test_manual_suppression_is_entered_as_address_and_stored_as_hash(client, manager):
    client.force_login(manager)
    url = reverse("wagtailsnippets_campaigns_suppression:add")
    response = client.post(url, {"address": "Sperre@Beispiel.de", "reason": "manual"})
    assert response.status_code == 302
    assert Suppression.objects.get().email_hash == email_hash("Sperre@beispiel.de")
    listing = client.get(reverse("wagtailsnippets_campaigns_suppression:list"), {"q": "sperre@beispiel.de"})
    assert email_hash("Sperre@beispiel.de")[:12] in listing.content.decode()


def test_audience_list_shows_the_live_count(client, manager, lena, newsletter_channels):
    client.force_login(manager)
    Audience.objects.create(name="MINT in Asperg", channel=newsletter_channels["mint"])
    html = client.get(reverse("wagtailsnippets_campaigns_audience:list")).content.decode()
    assert "MINT in Asperg" in html
    assert ">1<" in html.replace(" ", "").replace("\n", "")


def test_channel_list_counts_active_subscriptions(client, manager, lena, newsletter_channels):
    client.force_login(manager)
    pending = Subscriber.objects.create(email="b@example.org")
    Subscription.objects.create(subscriber=pending, channel=newsletter_channels["mint"])
    html = client.get(reverse("wagtailsnippets_campaigns_channel:list")).content.decode()
    row = html.split("MINT-Update", 1)[1].split("</tr>", 1)[0]
    assert ">1<" in row.replace(" ", "").replace("\n", "")


def test_yes_no_columns_say_ja_and_nein_not_true_and_false(client, manager, newsletter_channels):
    client.force_login(manager)
    ConsentText.objects.create(version="2019-01", text="Alter Wortlaut.", is_current=False)
    cells = []
    for name in ("channel", "consenttext"):
        listing = soup(client.get(reverse(f"wagtailsnippets_campaigns_{name}:list")))
        cells += [cell.get_text(strip=True) for cell in listing.select("table.listing td")]
    assert "Ja" in cells and "Nein" in cells
    assert "True" not in cells and "False" not in cells


PERSON = {"email": "paul@example.org", "name": "Paul", "role": "teacher", "channels": ["mint-update"]}


def test_one_person_without_documented_opt_in_is_pending_and_gets_the_confirmation_mail(
    client, manager, newsletter_channels, smtp_sink, inline_mail, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(f"{NS}:add_person"), {**PERSON, "legal_basis": "Anruf am 02.12."})
    paul = Subscriber.objects.get(email="paul@example.org")
    assert response.status_code == 302 and response["Location"] == reverse(f"{NS}:edit", args=[paul.pk])
    assert paul.subscriptions.get().status == Subscription.Status.PENDING
    assert (paul.name, paul.role) == ("Paul", "teacher")
    event = paul.consent_events.get()
    assert (event.source, event.legal_basis) == ("import", "Anruf am 02.12.")
    assert "kampagne" in event.detail
    [mail] = smtp_sink.handler.to("paul@example.org")
    assert "/newsletter/confirm/" in mail.message.get_content()
    followed = client.get(response["Location"]).content.decode()
    assert "erhält eine Bestätigungsmail" in followed


def test_one_person_with_documented_opt_in_is_active_and_a_missing_basis_is_refused(
    client, manager, newsletter_channels
):
    client.force_login(manager)
    refused = client.post(reverse(f"{NS}:add_person"), PERSON)
    assert refused.status_code == 400 and not Subscriber.objects.exists()
    data = {**PERSON, "legal_basis": "Papierformular", "double_opt_in_at": "01.12.2026"}
    assert client.post(reverse(f"{NS}:add_person"), data).status_code == 302
    assert Subscriber.objects.get().subscriptions.get().status == Subscription.Status.ACTIVE


def test_a_suppressed_person_is_not_added_again(client, manager, newsletter_channels):
    Suppression.objects.create(email_hash=email_hash("paul@example.org"), reason="unsubscribed")
    client.force_login(manager)
    response = client.post(reverse(f"{NS}:add_person"), {**PERSON, "legal_basis": "Anruf"}, follow=True)
    assert "ist gesperrt" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_the_form_shows_subscriptions_and_leaves_one_channel_logged(
    client, manager, lena, newsletter_channels
):
    Subscription.objects.create(
        subscriber=lena, channel=newsletter_channels["wirtschaft"], status=Subscription.Status.ACTIVE
    )
    client.force_login(manager)
    edit = client.get(reverse(f"{NS}:edit", args=[lena.pk])).content.decode()
    leave_mint = reverse(f"{NS}:unsubscribe_channel", args=[lena.pk, newsletter_channels["mint"].pk])
    assert f'formaction="{leave_mint}"' in edit
    assert "Anmeldung bestätigt" in edit, "the consent log's confirmation is listed"

    assert client.get(leave_mint).status_code == 405
    response = client.post(leave_mint)

    assert response.status_code == 302 and response["Location"] == reverse(f"{NS}:edit", args=[lena.pk])
    assert dict(lena.subscriptions.values_list("channel__slug", "status")) == {
        "mint-update": Subscription.Status.UNSUBSCRIBED,
        "wirtschaft-im-landkreis": Subscription.Status.ACTIVE,
    }
    event = lena.consent_events.filter(event=ConsentEvent.Event.UNSUBSCRIBED).get()
    assert (event.source, event.channel.slug) == ("admin", "mint-update") and "kampagne" in event.detail
    assert not Suppression.objects.is_suppressed("lena@example.org"), "leaving one channel is no erasure"


def test_leaving_a_channel_needs_the_change_right(client, editor, lena, newsletter_channels):
    client.force_login(editor)
    leave = reverse(f"{NS}:unsubscribe_channel", args=[lena.pk, newsletter_channels["mint"].pk])
    assert client.post(leave).status_code in (302, 403)  # Wagtail answers a refusal with the dashboard
    assert lena.subscriptions.get().status == Subscription.Status.ACTIVE
    add = client.post(reverse(f"{NS}:add_person"), {**PERSON, "legal_basis": "x"})
    assert add.status_code in (302, 403) and add.get("Location") != reverse(f"{NS}:list")
    assert not Subscriber.objects.filter(email="paul@example.org").exists()
