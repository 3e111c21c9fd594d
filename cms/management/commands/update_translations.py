"""``manage.py update_translations``: the German strings of the code into the English catalogues, compiled.

The code speaks German (``LANGUAGE_CODE``); English comes from catalogues. Each plugin ships its own
(``page_types/locale``, ``campaigns/locale``), so that a site that installs it gets its English too; the
host's catalogue (``locale/``) holds the strings of ``cms`` and the site templates. This command is the one
way they are extracted — ``make messages`` and the test that keeps them complete
(``tests/cms/test_translations.py``) both run it. New strings arrive untranslated (or, when a similar one
existed, marked fuzzy) in the ``django.po`` of their package; translate them there and run it again.
"""

import os
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

LOCALE = "en"
EXTENSIONS = ["html", "txt", "py", "mjml"]
PLUGINS = ("page_types", "campaigns")
# Hidden directories (.venv, .git) hold other projects' catalogues; tests and benchmarks speak to developers.
IGNORED = [".*", "venv/*", "tests/*", "bench/*", "docs/*", "var/*", "build/*", "node_modules/*"]


@contextmanager
def working_directory(path: Path):
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


class Command(BaseCommand):
    help = "Überträgt die deutschen Texte des Codes in die englischen Kataloge und kompiliert sie."

    def handle(self, *args, **options) -> None:
        root = Path(settings.BASE_DIR)
        roots = [(root / plugin, IGNORED) for plugin in PLUGINS]
        roots.append((root, [*IGNORED, *(f"{plugin}/*" for plugin in PLUGINS)]))
        for directory, ignored in roots:
            with working_directory(directory):
                call_command(
                    "makemessages",
                    locale=[LOCALE],
                    extensions=EXTENSIONS,
                    ignore_patterns=ignored,
                    add_location="file",
                    no_obsolete=True,
                    verbosity=options["verbosity"],
                )
                call_command(
                    "compilemessages",
                    locale=[LOCALE],
                    ignore_patterns=ignored,
                    verbosity=options["verbosity"],
                )
