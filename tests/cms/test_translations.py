"""The English catalogues (one per plugin, one of the host): complete for the code, compiled, and in use.

The code speaks German; English comes only from the catalogues, so a string added without a translation
would appear in German in the English admin or an English subscriber's mail. The catalogues are extracted
afresh from a copy of the code exactly as ``make messages`` does it (``manage.py update_translations``).
"""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import make_admin

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [
    Path(package, "locale", "en", "LC_MESSAGES", "django.po") for package in ("page_types", "campaigns", ".")
]
CODE = ("cms", "campaigns", "page_types", "templates", "locale")


@pytest.mark.needs_gettext
@pytest.mark.once
def test_every_string_of_the_code_has_an_english_translation(tmp_path):
    copy = tmp_path / "project"
    for name in CODE:
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", copy)
    environment = {**os.environ, "LEUCHTTURM_VAR_DIR": str(tmp_path / "var"), "DEBUG": "1"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(
        [sys.executable, "manage.py", "update_translations", "--verbosity", "0"],
        cwd=copy,
        env=environment,
        check=True,
        timeout=120,
    )
    for catalogue in CATALOGUES:
        for problem in ("--untranslated", "--only-fuzzy"):
            found = subprocess.run(
                ["msgattrib", problem, "--no-obsolete", str(copy / catalogue)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            # msgattrib prints nothing at all when no entry matches
            assert found == "", f"{problem[2:]} strings in {catalogue} (translate, `make messages`):\n{found}"


@pytest.mark.needs_gettext
@pytest.mark.once
@pytest.mark.parametrize("catalogue", CATALOGUES, ids=str)
def test_the_compiled_catalogue_says_what_its_source_says(tmp_path, catalogue):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(ROOT / catalogue)], check=True)
    with fresh.open("rb") as compiled, (ROOT / catalogue).with_suffix(".mo").open("rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(compiled)._catalog, (
            f"{catalogue.with_suffix('.mo')} is out of date: run `make messages`"
        )


def test_the_admin_speaks_english_to_a_user_who_chose_it(client, db):
    client.force_login(make_admin("en"))
    page = client.get("/admin/", headers={"accept-language": "de"}).content.decode()
    assert "Campaigns" in page and "Kampagnen" not in page
