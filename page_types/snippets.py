"""The base of every snippet viewset of the plugins: a chooser widget that survives an id that is not one,
with labels in the language of each request.

Wagtail's snippet chooser looks up the submitted value again to re-render an invalid form and expects only
"no such row"; a tampered POST such as ``channel=abc`` must re-render the form with its field error, not
fail. Every viewset deriving from ``SnippetViewSet`` below gets the tolerant widget (Wagtail registers a
viewset's chooser widget as the form field for foreign keys to its model). Wagtail also fixes the widget's
labels ("Kanal auswählen") in the language active when the form class is built; here they are translated
when they are shown, so each editor reads them in their own admin language.
"""

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext
from wagtail.snippets.views import snippets
from wagtail.snippets.widgets import AdminSnippetChooser

# Wagtail's own messages, translated by Wagtail's catalogues (passed by name, so that they are not
# extracted into the project's).
CHOOSE_ONE = "Choose %(object)s"
CHOOSE_ANOTHER = "Choose another %(object)s"
EDIT_CHOSEN = "Edit this %(object)s"


def _label(message: str, model: type[Model]) -> str:
    return gettext(message) % {"object": model._meta.verbose_name}


_lazy_label = lazy(_label, str)


class SnippetChooser(AdminSnippetChooser):
    """Shows "nothing chosen" for a value that is no valid id; the form field reports the error."""

    def __init__(self, model: type[Model] | None = None, **kwargs) -> None:
        super().__init__(model, **kwargs)
        self.choose_one_text: Promise = _lazy_label(CHOOSE_ONE, self.model)
        self.choose_another_text: Promise = _lazy_label(CHOOSE_ANOTHER, self.model)
        self.link_to_chosen_text: Promise = _lazy_label(EDIT_CHOSEN, self.model)

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (TypeError, ValueError, ValidationError):
            return None


class SnippetChooserViewSet(snippets.SnippetChooserViewSet):
    base_widget_class = SnippetChooser


class SnippetViewSet(snippets.SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet
