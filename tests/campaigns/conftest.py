"""Fixtures of the campaigns tests: most are defined in the modules imported below, the staff login here."""

import pytest
from django.contrib.auth.models import Group

from tests.campaigns.engine import newsletter, newsletter_keys  # noqa: F401
from tests.campaigns.feeding import feed_site, feed_site_keys  # noqa: F401
from tests.campaigns.subscribing import inline_mail, newsletter_channels, visitor  # noqa: F401
from tests.campaigns.webhooking import mount_esp  # noqa: F401


@pytest.fixture
def manager(django_user_model, client):
    """A member of the "Kampagnen" group, logged in with the test client."""
    user = django_user_model.objects.create_user("manager", password="pw")
    user.groups.add(Group.objects.get(name="Kampagnen"))
    client.force_login(user)
    return user
