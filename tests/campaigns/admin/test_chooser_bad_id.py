"""A snippet chooser given an id that is not one (a hand-made or tampered POST) answers with the form and a
field error, not a server error."""

import pytest

from tests.factories import make_admin

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/admin/campaigns/campaigns/add/", "/admin/snippets/campaigns/audience/add/"]
)
def test_non_numeric_channel_id_re_renders_the_form_with_an_error(admin_client, url):
    response = admin_client.post(url, {"channel": "abc"})
    assert response.status_code == 200
    assert "channel" in response.context["form"].errors


def test_every_snippet_foreign_key_gets_the_tolerant_chooser():
    from wagtail.admin.forms.models import registry
    from wagtail.snippets.models import get_snippet_models

    from page_types.snippets import SnippetChooser

    for model in get_snippet_models():
        widget = registry.values_by_fk_related_model[model]["widget"]
        assert issubclass(widget, SnippetChooser), model


def test_chooser_labels_follow_each_editors_admin_language(client):
    """Wagtail wrote the labels once, in whichever language built the form first."""
    editors = {language: make_admin(language, username=f"editor-{language}") for language in ("de", "en")}
    expected = {"de": "Kanal auswählen", "en": "Choose Channel"}
    for language in ("de", "en", "de"):
        client.force_login(editors[language])
        page = client.get("/admin/snippets/campaigns/audience/add/").content.decode()
        assert expected[language] in page, language
