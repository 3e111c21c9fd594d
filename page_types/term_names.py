"""Vocabulary names in the reader's language: a term's name in German, and its name in each further content
language where an editor gave one.

The names live on the term itself (``translated_names``: language code → name) rather than in a translated
copy of the row, as Wagtail's ``TranslatableMixin`` would keep them: a term is one thing in every language,
and its slug — what filters, feeds, sign-ups and the API refer to — must stay one. Editors fill in one field
per further language (``WAGTAIL_CONTENT_LANGUAGES``) beside the German name; where none is given, the German
name is shown.
"""

import json

from django import forms
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_content_languages

from page_types.translations import default_language


def further_languages() -> list[tuple[str, str]]:
    """The content languages besides the default one: (code, name)."""
    return [(code, name) for code, name in get_content_languages().items() if code != default_language()]


class TranslatedNamesWidget(forms.MultiWidget):
    """One text field per further content language, read and written as the JSON the model field keeps.

    ``multiline`` gives text areas, for translations of a whole text rather than of a name.
    """

    template_name = "page_types/widgets/translated_names.html"

    def __init__(self, attrs: dict | None = None, multiline: bool = False) -> None:
        self.languages = further_languages()
        field = forms.Textarea if multiline else forms.TextInput
        super().__init__([field(attrs={"lang": code}) for code, _name in self.languages], attrs)

    def decompress(self, value) -> list[str]:
        names = json.loads(value) if isinstance(value, str) and value else (value or {})
        return [names.get(code, "") for code, _name in self.languages]

    def value_from_datadict(self, data, files, name) -> str:
        values = super().value_from_datadict(data, files, name)
        names = {
            code: (value or "").strip() for (code, _name), value in zip(self.languages, values, strict=True)
        }
        return json.dumps({code: value for code, value in names.items() if value}, ensure_ascii=False)

    def get_context(self, name, value, attrs) -> dict:
        context = super().get_context(name, value, attrs)
        for subwidget, (_code, language) in zip(context["widget"]["subwidgets"], self.languages, strict=True):
            subwidget["language"] = language
        return context


class TranslatedName(models.Model):
    """A term whose name readers may read in their language (``translated_name``; ``str()`` gives it)."""

    translated_names = models.JSONField(
        _("Name in weiteren Sprachen"),
        null=True,
        default=dict,
        blank=True,
        help_text=_("Leer: Leserinnen und Leser dieser Sprache sehen den deutschen Namen."),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.translated_name

    @property
    def translated_name(self) -> str:
        """The name in the active language, or the German one."""
        return (self.translated_names or {}).get(get_language() or "", "") or self.name


def term_name(term: models.Model) -> str:
    """A vocabulary term's name for readers: in the active language where the term can be translated
    (``TranslatedName``), else its one name (municipalities, languages)."""
    return term.translated_name if isinstance(term, TranslatedName) else term.name
