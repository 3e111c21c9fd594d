"""The privacy page that ``bootstrap_site`` creates tells the truth: it states the retention periods as
configured and that leaving puts the address on no block list (``erase_departed`` erases without
suppressing), and it names the data-protection contact of ``DATA_PROTECTION_CONTACT`` under "Ihre Rechte"."""

from io import StringIO

import html5lib
import pytest
from django.core.management import call_command


def privacy_page(client) -> str:
    """The privacy page's text as a reader sees it (whitespace collapsed), created by the first start."""
    call_command("bootstrap_site", stdout=StringIO())
    response = client.get("/datenschutz/")
    assert response.status_code == 200
    document = html5lib.parse(response.content, namespaceHTMLElements=False)
    return " ".join("".join(document.find(".//main").itertext()).split())


def rights_section(text: str) -> str:
    """The text under the heading "Ihre Rechte", the last section (earlier paragraphs refer to it)."""
    return text.rpartition("Ihre Rechte")[2]


@pytest.mark.django_db
def test_the_page_names_the_configured_data_protection_contact_as_text(client, settings):
    settings.DATA_PROTECTION_CONTACT = {
        "name": "Dr. Erika Muster, <b>Stabsstelle</b> Datenschutz & IT",
        "email": "dsb@kreis.example",
        "address": "Postfach 10 07 60, 71607 Ludwigsburg",
    }
    rights = rights_section(privacy_page(client))
    assert "Dr. Erika Muster, <b>Stabsstelle</b> Datenschutz & IT" in rights  # markup stays text
    assert "Postfach 10 07 60, 71607 Ludwigsburg" in rights
    assert "E-Mail: dsb@kreis.example" in rights
    body = client.get("/datenschutz/").content.decode()
    assert 'href="mailto:dsb@kreis.example"' in body
    assert "<b>Stabsstelle" not in body


@pytest.mark.django_db
def test_the_default_contact_is_the_landkreis(client):
    rights = rights_section(privacy_page(client))
    assert "Datenschutzbeauftragte/r des Landratsamts Ludwigsburg" in rights
    assert "datenschutz@landkreis-ludwigsburg.de" in rights


@pytest.mark.django_db
def test_the_retention_statement_matches_the_settings(client, settings):
    settings.CAMPAIGNS_LEFT_RETENTION_DAYS = 14
    settings.CAMPAIGNS_BOUNCED_RETENTION_DAYS = 45
    settings.CAMPAIGNS_TRACKING_RETENTION_DAYS = 90
    text = privacy_page(client)
    assert "Melden Sie sich von allen Kanälen ab, löschen wir 14 Tage danach automatisch" in text
    assert "Ihre Adresse kommt dabei auf keine Sperrliste" in text
    assert "löschen wir Ihre Angaben ebenso nach 45 Tagen" in text
    assert "spätestens aber 90 Tage nach dem Versand der Ausgabe" in text
    # Deleting at once: "Meine Daten" in the preference centre, or a letter to the contact.
    assert "unter „Meine Daten“ mit „Alle meine Daten löschen“" in text
    assert "oder Sie schreiben uns an die unter „Ihre Rechte“ genannte Adresse" in text
