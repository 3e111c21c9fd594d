"""A channel's name and description in further languages are edited on the channel's own admin page."""

from django.urls import reverse

from campaigns.models import Channel, ChannelText
from tests.factories import make_admin


def test_the_channel_form_offers_its_texts_in_further_languages(client, db):
    channel = Channel.objects.create(name="MINT-Update", slug="mint-update")
    ChannelText.objects.create(channel=channel, language="en", name="STEM update")
    client.force_login(make_admin("de"))
    response = client.get(reverse(channel.snippet_viewset.get_url_name("edit"), args=[channel.pk]))
    assert response.status_code == 200
    page = " ".join(response.content.decode().split())
    assert "Name und Beschreibung in weiteren Sprachen" in page and 'value="STEM update"' in page
