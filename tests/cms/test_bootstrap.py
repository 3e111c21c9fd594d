"""``manage.py bootstrap_site`` gives a production installation what its mails and pages need, without demo
content: the site at the configured host, home, Impressum and Datenschutz, the channels — and nobody
subscribed. A second run changes nothing and keeps what editors changed."""

from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from campaigns.models import Campaign, Channel, ConsentText, Subscriber
from page_types.models import HomePage, StandardPage


def test_a_first_start_without_demo_content(db, settings, capsys):
    settings.WAGTAILADMIN_BASE_URL = "https://leuchtturm.landkreis-ludwigsburg.de"
    call_command("bootstrap_site")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("leuchtturm.landkreis-ludwigsburg.de", 443)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(slug="home", depth=2).exists()  # Wagtail's "Welcome" page is gone
    legal = StandardPage.objects.child_of(site.root_page).live()
    assert set(legal.values_list("slug", flat=True)) == {"impressum", "datenschutz"}
    assert Channel.objects.count() == 3
    assert ConsentText.objects.current() is not None
    assert not Subscriber.objects.exists() and not Campaign.objects.exists()
    assert not get_image_model().objects.exists()
    assert not Collection.objects.filter(depth=2).exists()
    assert "Platzhaltertext" in capsys.readouterr().out


def test_a_second_run_changes_nothing_and_keeps_editors_work(db, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://leuchtturm.landkreis-ludwigsburg.de"
    call_command("bootstrap_site")
    impressum = StandardPage.objects.get(slug="impressum")
    impressum.title = "Impressum des Landratsamts"
    impressum.save_revision().publish()
    pages, channels = Page.objects.count(), Channel.objects.count()

    call_command("bootstrap_site")
    assert (Page.objects.count(), Channel.objects.count()) == (pages, channels)
    assert StandardPage.objects.get(slug="impressum").title == "Impressum des Landratsamts"
