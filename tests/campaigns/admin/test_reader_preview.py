"""The admin's preview "as a reader" shows the mail the real ranking gives a reader with the chosen facets."""

from django.urls import reverse


def test_a_pupil_sees_the_offers_matching_their_choice_first(newsletter, manager, client):
    url = reverse("campaigns_campaign:reader_preview", args=[newsletter.campaign.pk])
    query = "?municipality=ludwigsburg&subjects=mathematik&grade_bands=klasse-5-7&language=de"
    page = client.get(url + query).content.decode()
    assert page.index("Passend zu Ihren Angaben</td><td>Mathe-Olympiade") < page.index(
        "Weitere Angebote</td><td>Robotik-Workshop"
    )
    assert "Neues Gewerbegebiet in Asperg" not in page  # local to Asperg
    mail = client.get(reverse("campaigns_campaign:reader_mail", args=[newsletter.campaign.pk]) + query)
    assert mail["Content-Security-Policy"].startswith("sandbox")
    html = mail.content.decode()
    assert html.index("Mathe-Olympiade") < html.index("Robotik-Workshop")


def test_a_reader_of_asperg_gets_the_local_news_in_english(newsletter, manager, client):
    query = "?municipality=asperg&language=en"
    page = client.get(reverse("campaigns_campaign:reader_preview", args=[newsletter.campaign.pk]) + query)
    assert "Aus Ihrer Kommune</td><td>Neues Gewerbegebiet in Asperg" in page.content.decode()
    mail = client.get(reverse("campaigns_campaign:reader_mail", args=[newsletter.campaign.pk]) + query)
    assert "From your municipality" in mail.content.decode()


def test_bad_facets_are_a_form_error_not_a_500(newsletter, manager, client):
    url = reverse("campaigns_campaign:reader_preview", args=[newsletter.campaign.pk])
    assert client.get(url + "?municipality=atlantis").status_code == 200
    mail = reverse("campaigns_campaign:reader_mail", args=[newsletter.campaign.pk])
    assert client.get(mail + "?mint_radius_km=7").status_code == 400


def test_a_named_subscriber_is_previewed_with_their_stored_facets(newsletter, manager, client):
    url = reverse("campaigns_campaign:reader_preview", args=[newsletter.campaign.pk])
    page = client.get(url + "?email=Schueler@example.org&subjects=technik").content.decode()
    # The pupil's stored facets (Mathematik, Klasse 5–7) rank, not the "technik" ticked in the form.
    assert page.index("Passend zu Ihren Angaben</td><td>Mathe-Olympiade") < page.index(
        "Weitere Angebote</td><td>Robotik-Workshop"
    )
    unknown = client.get(url + "?email=niemand@example.org").content.decode()
    assert "Unter dieser Adresse ist niemand eingetragen." in unknown


def test_the_mail_is_shown_as_wide_as_a_desktop_or_a_phone(newsletter, manager, client):
    url = reverse("campaigns_campaign:reader_preview", args=[newsletter.campaign.pk])
    assert 'width="640"' in client.get(url + "?language=de").content.decode()
    mobile = client.get(url + "?language=de&ansicht=mobil").content.decode()
    assert 'width="375"' in mobile and 'aria-current="true">Mobil</a>' in mobile
