"""``manage.py update_translations``: the German strings of the code into the English catalogue, compiled.

The code speaks German (``LANGUAGE_CODE``); ``locale/en`` makes the admin, and the mails of subscribers who
chose English, speak English. This command is the one way the catalogue is extracted — ``make messages``
and the test that keeps the catalogue complete (``tests/cms/test_translations.py``) both run it — so both
see the same strings: Python, templates, plain-text templates and the MJML mail template. New strings
arrive untranslated (or, when a similar one existed, marked fuzzy) in ``locale/en/LC_MESSAGES/django.po``;
translate them there and run the command again to compile.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

LOCALE = "en"
EXTENSIONS = ["html", "txt", "py", "mjml"]
# Hidden directories (.venv, .git) hold other projects' catalogues; tests and benchmarks speak to developers.
IGNORED = [".*", "venv/*", "tests/*", "bench/*", "docs/*", "var/*", "build/*", "node_modules/*"]


class Command(BaseCommand):
    help = "Überträgt die deutschen Texte des Codes in den englischen Katalog (locale/en) und kompiliert ihn."

    def handle(self, *args, **options) -> None:
        call_command(
            "makemessages",
            locale=[LOCALE],
            extensions=EXTENSIONS,
            ignore_patterns=IGNORED,
            add_location="file",
            no_obsolete=True,
            verbosity=options["verbosity"],
        )
        call_command(
            "compilemessages", locale=[LOCALE], ignore_patterns=IGNORED, verbosity=options["verbosity"]
        )
