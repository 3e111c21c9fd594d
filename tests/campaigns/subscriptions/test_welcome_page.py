"""The page after a confirmation welcomes the reader: it repeats what they chose, by the names they saw, and
links to current items that fit them — the same ones their welcome mail leads with."""

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.models import Subscriber
from page_types.models import GradeBand, MintSubject, Municipality
from tests.campaigns.subscribing import confirm_token, run_queued_tasks, signup_data
from tests.page_types.markup import soup

pytestmark = pytest.mark.django_db


def test_the_welcome_page_names_the_choices_and_links_to_a_fitting_current_item(newsletter, visitor):
    data = signup_data(
        "mia@example.org",
        channels=["wirtschaft-mint"],
        municipality="ludwigsburg",
        subjects=["mathematik"],
        grade_bands=["klasse-5-7"],
    )
    visitor.post("/newsletter/", data)
    run_queued_tasks()
    subscriber = Subscriber.objects.get(email="mia@example.org")

    page = soup(visitor.post(reverse("newsletter:confirm", kwargs={"token": confirm_token(subscriber)})))

    choices = {
        term.get_text(strip=True): term.find_next("dd").get_text(strip=True) for term in page.select("dt")
    }
    assert choices == {
        "Kommune": Municipality.objects.get(slug="ludwigsburg").name,
        "Klassenstufen": GradeBand.objects.get(slug="klasse-5-7").name,
        "MINT-Fächer": MintSubject.objects.get(slug="mathematik").name,
        "Sprache": "Deutsch",
    }
    assert "Wirtschaft & MINT" in page.get_text()
    links = {a.get_text(strip=True): a["href"] for a in page.select("ul.nl-items a")}
    assert links["Mathe-Olympiade"].endswith(newsletter.pages["offer_math"].url)
    # Local news of another town never fits her, whatever else the list has room for.
    assert "Neues Gewerbegebiet in Asperg" not in links
    assert len(links) <= 3


def test_an_english_reader_sees_german_items_marked_as_german(newsletter, visitor):
    data = signup_data(
        "sam@example.org", channels=["wirtschaft-mint"], subjects=["mathematik"], language="en"
    )
    visitor.post("/en/newsletter/", data)
    run_queued_tasks()
    subscriber = Subscriber.objects.get(email="sam@example.org")
    with translation.override("en"):
        url = reverse("newsletter:confirm", kwargs={"token": confirm_token(subscriber)})
    page = soup(visitor.post(url))
    items = page.select("ul.nl-items > li")
    assert items, "the fixture's pages fit an English reader too"
    for item in items:  # the fixture's pages exist in German only
        assert item["lang"] == "de"
        marker = item.find("span", attrs={"lang": "en"})
        assert marker.get_text() == "(in German)"
