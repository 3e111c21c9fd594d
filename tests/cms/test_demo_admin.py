"""The demo administrator (``ensure_demo_admin``): created once with a generated password, never beside an
existing superuser."""

import re
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command


def create_demo_admin() -> str:
    """Run ``ensure_demo_admin``; return what it printed."""
    output = StringIO()
    call_command("ensure_demo_admin", stdout=output)
    return output.getvalue()


def printed_password(output: str) -> str:
    return re.search(r"Passwort:\s+(\S+)", output).group(1)


def test_ensure_demo_admin_creates_one_superuser_with_a_generated_password(db):
    users = get_user_model().objects
    first = printed_password(create_demo_admin())
    admin = users.get(is_superuser=True)
    assert admin.username == "admin" and admin.check_password(first)
    assert len(first) >= 20
    admin.delete()
    second = printed_password(create_demo_admin())
    assert second != first


def test_ensure_demo_admin_does_nothing_when_a_superuser_exists(db):
    get_user_model().objects.create_superuser("chefin", "chefin@example.org", "irrelevant-passwort-123")
    output = create_demo_admin()
    assert "Passwort" not in output
    assert get_user_model().objects.count() == 1
