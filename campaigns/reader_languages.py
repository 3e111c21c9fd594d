"""The languages readers can receive newsletters in: the site's content languages.

A newsletter speaks the languages its content can be written in, so a language added to the site
(``WAGTAIL_CONTENT_LANGUAGES`` with its translations) is offered on sign-up forms, in the API and in the
admin without a change here. Readers who chose none get the default content language.
"""

from wagtail.coreutils import get_content_languages

from page_types.translations import default_language


def reader_languages() -> list[tuple[str, str]]:
    """``(code, name)`` of each language a reader may choose, the default first as the settings list it."""
    return list(get_content_languages().items())


def reader_language(code: str | None) -> str:
    """``code`` if readers can receive newsletters in it, else the default language."""
    return code if code in get_content_languages() else default_language()


def language_name(code: str) -> str:
    """The name of a reader language in the active language; the code itself for one no longer offered."""
    return str(get_content_languages().get(code, code))
