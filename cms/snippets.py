"""The project's base snippet viewset: its chooser widget survives an id that is not one.

Wagtail's snippet chooser looks up the submitted value again to re-render an invalid form and only expects
"no such row": a hand-made or tampered POST such as ``channel=abc`` raised ValueError there and answered
500 instead of the form with its field error. Every snippet viewset of the project derives from
``SnippetViewSet`` below, so every foreign key to a snippet gets the tolerant widget (Wagtail registers a
viewset's chooser widget as the form field override for foreign keys to its model).
"""

from django.core.exceptions import ValidationError
from wagtail.snippets.views import snippets
from wagtail.snippets.widgets import AdminSnippetChooser


class SnippetChooser(AdminSnippetChooser):
    """Shows "nothing chosen" for a value that is no valid id; the form field reports the error."""

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (TypeError, ValueError, ValidationError):
            return None


class SnippetChooserViewSet(snippets.SnippetChooserViewSet):
    base_widget_class = SnippetChooser


class SnippetViewSet(snippets.SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet
