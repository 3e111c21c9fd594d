"""CSV import (legal basis declared; without documented opt-in: pending plus confirmation mail) and export."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from campaigns.models import ConsentEvent, Subscriber, Subscription, Suppression
from campaigns.subscriptions.csv_io import csv_lines, export_queryset, export_rows, import_subscribers

pytestmark = pytest.mark.django_db

Status = Subscription.Status
BASIS = "Double-Opt-in im bisherigen Newslettersystem, Nachweise im Export vom 31.01.2025"
NS = "wagtailsnippets_campaigns_subscriber"


def statuses() -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for email, slug, status in Subscription.objects.values_list(
        "subscriber__email", "channel__slug", "status"
    ):
        result.setdefault(email, {})[slug] = status
    return result


def test_rows_with_documented_opt_in_become_active_the_others_pending_with_a_mail(
    newsletter_channels, smtp_sink, inline_mail, django_capture_on_commit_callbacks
):
    csv = (
        b"email;name;municipality;subjects;channels;double_opt_in_at\n"
        b"anna@example.org;Anna;asperg;informatik,technik;;2024-03-01 10:15\n"
        b"ben@example.org;Ben;;;wirtschaft-im-landkreis;\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = import_subscribers(csv, channels=[newsletter_channels["mint"]], legal_basis=BASIS)
    assert result.errors == []
    assert (result.created, result.activated, result.pending) == (2, 1, 1)
    assert statuses() == {
        "anna@example.org": {"mint-update": Status.ACTIVE},
        "ben@example.org": {"wirtschaft-im-landkreis": Status.PENDING},
    }
    anna = Subscriber.objects.get(email="anna@example.org")
    assert sorted(anna.subjects.values_list("slug", flat=True)) == ["informatik", "technik"]
    assert anna.subscriptions.get().confirmed_at.strftime("%Y-%m-%d") == "2024-03-01"
    event = anna.consent_events.get()
    assert (event.event, event.source, event.legal_basis) == ("imported", "import", BASIS)
    assert "01.03.2024 10:15" in event.detail
    assert smtp_sink.handler.to("anna@example.org") == []
    [mail] = smtp_sink.handler.to("ben@example.org")
    assert "/newsletter/confirm/" in mail.message.get_content()


def test_a_file_with_any_bad_row_imports_nothing_and_names_every_problem(newsletter_channels):
    csv = (
        b"email,channels,double_opt_in_at,municipality\n"
        b"ok@example.org,mint-update,,\n"
        b"kaputt,mint-update,,\n"
        b"c@example.org,gibt-es-nicht,,\n"
        b"d@example.org,mint-update,2999-01-01,\n"
        b"e@example.org,mint-update,gestern,atlantis\n"
        b"OK@example.org,mint-update,,\n"
    )
    result = import_subscribers(csv, legal_basis=BASIS)
    lines = [line for line, _message in result.errors]
    assert lines == [3, 4, 5, 6, 6, 7]
    messages = " ".join(message for _line, message in result.errors)
    for expected in (
        "gültige E-Mail-Adresse",
        "gibt-es-nicht",
        "Zukunft",
        "Datumsformat",
        "Kommune",
        "Zeile 2",
    ):
        assert expected in messages
    assert not Subscriber.objects.exists() and not ConsentEvent.objects.exists()


@pytest.mark.parametrize(
    "raw,message",
    [
        (b"name;vorname\nA;B\n", "email"),
        (b"email;passwort\na@example.org;x\n", "Unbekannte Spalten: passwort"),
    ],
)
def test_unusable_files_are_explained(newsletter_channels, raw, message):
    result = import_subscribers(raw, legal_basis=BASIS)
    assert message in " ".join(text for _line, text in result.errors)
    assert not Subscriber.objects.exists()


def test_a_row_without_any_channel_is_an_error(newsletter_channels):
    result = import_subscribers(b"email\na@example.org\n", legal_basis=BASIS)
    assert result.errors == [(2, "Newsletter: Bitte wählen Sie mindestens einen Newsletter.")]


def test_import_never_resubscribes_the_unsubscribed_or_suppressed(
    newsletter_channels, inline_mail, mailoutbox
):
    left = Subscriber.objects.create(email="weg@example.org")
    Subscription.objects.create(
        subscriber=left, channel=newsletter_channels["mint"], status=Status.UNSUBSCRIBED
    )
    Suppression.suppress("gesperrt@example.org", Suppression.Reason.COMPLAINT)
    csv = b"email;double_opt_in_at\nweg@example.org;2024-01-01\ngesperrt@example.org;\n"
    result = import_subscribers(csv, channels=[newsletter_channels["mint"]], legal_basis=BASIS)
    assert (result.unchanged, result.suppressed) == (1, 1)
    assert statuses() == {"weg@example.org": {"mint-update": Status.UNSUBSCRIBED}}
    assert mailoutbox == []


def test_excel_style_files_are_read(newsletter_channels):
    csv = "\ufeffEmail;Name;Channels\r\njörg@bücher.de;Jörg Müller;mint-update\r\n".replace("jörg@", "joerg@")
    result = import_subscribers(csv.encode("utf-8"), legal_basis=BASIS)
    assert result.errors == []
    latin = "email;name;channels\r\nx@example.org;Jörg Müller;mint-update\r\n".encode("cp1252")
    assert import_subscribers(latin, legal_basis=BASIS).errors == []
    assert set(Subscriber.objects.values_list("name", flat=True)) == {"Jörg Müller"}


def test_export_then_import_round_trip_keeps_facets_channels_and_opt_in(newsletter_channels):
    csv = (
        b"email;name;role;municipality;grade_bands;interests;channels;double_opt_in_at\n"
        b'anna@example.org;=HYPERLINK("x");teacher;asperg;klasse-5-7,klasse-8-10;leben-ankommen;mint-update,intern;'
        b"2024-03-01T10:15:00+01:00\n"
    )
    assert import_subscribers(csv, legal_basis=BASIS).errors == []
    exported = "".join(csv_lines(export_rows(export_queryset())))
    assert exported.startswith("\ufeffemail;name;")
    assert "'=HYPERLINK" in exported, "a formula must not run when the file is opened"

    Subscriber.objects.all().delete()
    assert import_subscribers(exported.encode(), legal_basis=BASIS).errors == []
    anna = Subscriber.objects.get()
    assert (anna.name, anna.role, anna.municipality.slug) == ('=HYPERLINK("x")', "teacher", "asperg")
    assert sorted(anna.grade_bands.values_list("slug", flat=True)) == ["klasse-5-7", "klasse-8-10"]
    assert statuses() == {"anna@example.org": {"mint-update": Status.ACTIVE, "intern": Status.ACTIVE}}
    assert anna.subscriptions.first().confirmed_at.isoformat() == "2024-03-01T09:15:00+00:00"


def test_export_lists_active_subscribers_only_and_by_channel(newsletter_channels):
    for email, status in (("aktiv@example.org", Status.ACTIVE), ("wartend@example.org", Status.PENDING)):
        subscriber = Subscriber.objects.create(email=email)
        Subscription.objects.create(subscriber=subscriber, channel=newsletter_channels["mint"], status=status)
    everyone = "".join(csv_lines(export_rows(export_queryset())))
    assert "aktiv@example.org" in everyone and "wartend@example.org" not in everyone
    other = "".join(csv_lines(export_rows(export_queryset(newsletter_channels["wirtschaft"]))))
    assert "aktiv@example.org" not in other


def test_export_query_count_does_not_grow_with_the_subscribers(
    newsletter_channels, django_assert_num_queries
):
    def export() -> None:
        list(export_rows(export_queryset()))

    for n in range(3):
        subscriber = Subscriber.objects.create(email=f"s{n}@example.org")
        Subscription.objects.create(
            subscriber=subscriber, channel=newsletter_channels["mint"], status=Status.ACTIVE
        )
    with django_assert_num_queries(5):
        export()
    for n in range(3, 30):
        subscriber = Subscriber.objects.create(email=f"s{n}@example.org")
        Subscription.objects.create(
            subscriber=subscriber, channel=newsletter_channels["mint"], status=Status.ACTIVE
        )
    with django_assert_num_queries(5):
        export()


def test_admin_import_and_export(client, django_user_model, newsletter_channels, inline_mail):
    manager = django_user_model.objects.create_user("kampagne")
    manager.groups.add(Group.objects.get(name="Kampagnen"))
    client.force_login(manager)
    upload = SimpleUploadedFile("liste.csv", b"email;double_opt_in_at\nanna@example.org;2024-01-01\n")
    page = client.post(
        reverse(f"{NS}:import"),
        {"file": upload, "legal_basis": BASIS, "channels": ["mint-update"]},
    )
    assert page.status_code == 200
    assert "Import abgeschlossen" in page.content.decode()
    event = ConsentEvent.objects.get()
    assert "liste.csv" in event.detail and "kampagne" in event.detail

    bad = client.post(
        reverse(f"{NS}:import"),
        {"file": SimpleUploadedFile("x.csv", b"email\nkaputt\n"), "legal_basis": BASIS},
    )
    assert bad.status_code == 400
    assert "Zeile 2" in bad.content.decode()
    no_basis = client.post(
        reverse(f"{NS}:import"), {"file": SimpleUploadedFile("x.csv", b"email\na@example.org\n")}
    )
    assert no_basis.status_code == 400

    response = client.get(reverse(f"{NS}:export_csv"), {"channel": "mint-update"})
    assert response["Content-Type"].startswith("text/csv")
    assert "anna@example.org" in b"".join(response.streaming_content).decode()


def test_management_commands_import_and_export(newsletter_channels, tmp_path, inline_mail):
    path = tmp_path / "liste.csv"
    path.write_text("email;double_opt_in_at\nanna@example.org;2024-01-01\n", encoding="utf-8")
    out = StringIO()
    call_command(
        "import_subscribers", str(path), "--legal-basis", BASIS, "--channel", "mint-update", stdout=out
    )
    assert out.getvalue().startswith("Neu: 1, aktiviert: 1")
    out = StringIO()
    call_command("export_subscribers", "--channel", "mint-update", stdout=out)
    assert "anna@example.org;" in out.getvalue()

    path.write_text("email\nkaputt\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nichts importiert"):
        call_command("import_subscribers", str(path), "--legal-basis", BASIS, stderr=StringIO())
    with pytest.raises(CommandError, match="Unbekannte Kanäle"):
        call_command("import_subscribers", str(path), "--legal-basis", BASIS, "--channel", "nope")


def test_coded_columns_take_the_names_the_admin_shows_in_any_case(newsletter_channels):
    csv = (
        "email;language;role;municipality;grade_bands;subjects;channels;double_opt_in_at\n"
        "lena@example.org;ENGLISCH;lehrkraft;Bietigheim-Bissingen;Klasse 5–7, klasse-8-10;INFORMATIK;"
        "MINT-Update;2024-01-01\n"
    ).encode()
    assert import_subscribers(csv, legal_basis=BASIS).errors == []
    lena = Subscriber.objects.get()
    assert (lena.language, lena.role, lena.municipality.slug) == ("en", "teacher", "bietigheim-bissingen")
    assert sorted(lena.grade_bands.values_list("slug", flat=True)) == ["klasse-5-7", "klasse-8-10"]
    assert list(lena.subjects.values_list("slug", flat=True)) == ["informatik"]
    assert statuses() == {"lena@example.org": {"mint-update": Status.ACTIVE}}


def test_an_unknown_name_is_still_named_in_the_error(newsletter_channels):
    csv = b"email;role;municipality;channels\nx@example.org;Astronautin;Atlantis;mint-update\n"
    messages = " ".join(message for _line, message in import_subscribers(csv, legal_basis=BASIS).errors)
    assert "Astronautin" in messages and "Kommune" in messages
    assert not Subscriber.objects.exists()


def test_the_template_imports_as_it_is_and_the_page_lists_the_allowed_values(
    client, django_user_model, newsletter_channels, inline_mail
):
    manager = django_user_model.objects.create_user("kampagne")
    manager.groups.add(Group.objects.get(name="Kampagnen"))
    client.force_login(manager)
    page = client.get(reverse(f"{NS}:import")).content.decode()
    assert reverse(f"{NS}:import_template") in page
    assert "<td>Lehrkraft</td><td><code>teacher</code></td>" in page

    response = client.get(reverse(f"{NS}:import_template"))
    assert response["Content-Disposition"] == 'attachment; filename="abonnenten-importvorlage.csv"'
    template = response.content
    assert template.decode("utf-8-sig").startswith("email;name;language;role;municipality;")
    result = import_subscribers(template, legal_basis=BASIS)
    assert result.errors == [] and result.created == 2
    by_names, by_codes = Subscriber.objects.order_by("email")
    assert by_names.email == "erika.muster@example.org" and by_names.municipality is not None
    assert by_names.municipality == by_codes.municipality
    assert by_names.grade_bands.count() == 2 and by_names.subjects.count() == 2


def test_the_template_needs_the_import_permission(client, django_user_model):
    editor = django_user_model.objects.create_user("redaktion", is_staff=True)
    client.force_login(editor)
    response = client.get(reverse(f"{NS}:import_template"))
    assert response.status_code in (302, 403)
    assert not response.get("Content-Type", "").startswith("text/csv")
