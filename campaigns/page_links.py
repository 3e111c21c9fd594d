"""The addresses of the newsletter's own pages in a reader's language.

The host mounts the newsletter pages with a language prefix (``/newsletter/…`` in the site's language,
``/en/newsletter/…`` in English, Django's ``i18n_patterns``), and each page speaks the language of its
address. A mail is written in its reader's language, so the links it carries are reversed in that language,
whichever language the worker that renders it has active.
"""

from django.urls import reverse
from django.utils import translation


def page_path(name: str, language: str, **kwargs: object) -> str:
    """The path of the newsletter page ``name`` (e.g. ``newsletter:confirm``) in ``language``."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)
