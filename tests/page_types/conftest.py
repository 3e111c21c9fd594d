"""Fixtures of the content plugin's tests: a published site tree."""

import pytest

from tests.factories import make_site


@pytest.fixture
def site(db) -> dict:
    """The home page and one published index page per content family (keys: home, lighthouse, mint,
    history, news)."""
    return make_site()
