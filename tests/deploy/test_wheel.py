"""The built wheel is a release others can install: everything the site reads at run time ships in it, and a
fresh virtualenv outside the repository — with only the wheel and its locked dependencies — passes the
deployment check, collects its static files and renders the host's and the plugins' templates in English.

Built from a copy of the tracked files and run from a directory without the repository on the path, so that
nothing in the working tree can shadow a file the wheel forgot. One build and one install (45–70 s, mostly the
dependencies from uv's cache); the SQLite pass of ``.ci/run`` runs it, the PostgreSQL pass would repeat it.
"""

import json
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.cms.test_deploy_check import documented_environment
from tests.processes import ROOT, production_env
from tests.services import require

pytestmark = pytest.mark.once

UV = Path(sys.executable).with_name("uv")
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
# What uv prints when it cannot reach the package index (a developer's machine offline).
OFFLINE = re.compile(r"dns error|tcp connect error|error sending request|Could not connect|Failed to fetch")
# The host's own directories, which pyproject maps into the `cms` package.
HOST_DIRECTORIES = {"templates": "cms/templates", "locale": "cms/locale"}
# What the source archive of a release holds beside the packages (MANIFEST.in).
SDIST_EXTRAS = {
    "CHANGELOG.md",
    "manage.py",
    "requirements/constraints.txt",
    "deploy/env.example",
    "docs/OPERATIONS.md",
}

# Runs inside the installed virtualenv: where things come from, and what the templates say in English.
RENDER = """
import json
from pathlib import Path

import django

django.setup()
import cms
from django.contrib.staticfiles import finders
from django.template.loader import get_template, render_to_string
from django.utils import translation
from page_types.geography import CENTRES_FILE

with translation.override("en"):
    print(json.dumps({
        "cms": cms.__file__,
        "base": get_template("base.html").origin.name,
        "signup": get_template("campaigns/subscriptions/signup.html").origin.name,
        "static": finders.find("campaigns/newsletter.css"),
        "centres": str(CENTRES_FILE) if CENTRES_FILE.is_file() else None,
        "error_page": render_to_string("500.html"),
        "unavailable": render_to_string("campaigns/subscriptions/unavailable_text.html"),
        "widen": render_to_string(
            "page_types/includes/empty_result.html",
            {"empty_result": {"sentence": "", "widenings": [{"query": "?", "label": "", "count": 2}]}},
        ),
    }))
"""


def run(*command: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=300, **kwargs
    )


def succeeded(completed: subprocess.CompletedProcess[str], step: str) -> None:
    """Fail with the step's output; skip instead when the package index was out of reach outside CI."""
    if completed.returncode == 0:
        return
    output = completed.stdout + completed.stderr
    if OFFLINE.search(output):
        require(f"the package index cannot be reached ({step})")
    pytest.fail(f"{step} failed:\n{output[-4000:]}", pytrace=False)


def tracked_files(*directories: str) -> list[str]:
    completed = run("git", "ls-files", *directories, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    return [name for name in completed.stdout.splitlines() if (ROOT / name).is_file()]


def wheel_path_of(name: str) -> str:
    """Where the repository's file ``name`` lies in the wheel."""
    top, _sep, rest = name.partition("/")
    return f"{HOST_DIRECTORIES.get(top, top)}/{rest}"


def source_copy(target: Path) -> Path:
    """The repository's tracked files as the working tree has them: what a release is built from, without
    untracked files that could slip into the archives and without build output left in the working tree."""
    for name in tracked_files():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    return target


def test_every_python_package_is_listed_for_the_wheel():
    """pyproject.toml names the packages one by one (setuptools' ``find`` cannot add the host's directories),
    so a new package must be added there; this says which, without building anything."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    packages = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("cms", "campaigns", "page_types")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert packages - listed == set(), "add them to [tool.setuptools] packages in pyproject.toml"
    host = {directory.replace("/", ".") for directory in HOST_DIRECTORIES.values()}
    assert listed - packages == host, "listed packages that are gone"


@pytest.mark.slow
def test_the_wheel_installs_into_a_fresh_virtualenv_and_runs_there(tmp_path):
    dist = tmp_path / "dist"
    # From the source archive, as uv builds by default: so the sdist is complete as well.
    succeeded(run(UV, "build", "--quiet", "--out-dir", dist, source_copy(tmp_path / "source")), "uv build")
    wheel = next(dist.glob("leuchtturm-*.whl"))
    with tarfile.open(next(dist.glob("leuchtturm-*.tar.gz"))) as sdist:
        archived = {name.partition("/")[2] for name in sdist.getnames()}
    assert archived >= SDIST_EXTRAS and not any(name.startswith("tests/") for name in archived)

    shipped = set(zipfile.ZipFile(wheel).namelist())
    missing = [
        name
        for name in tracked_files("cms", "campaigns", "page_types", *HOST_DIRECTORIES)
        if wheel_path_of(name) not in shipped
    ]
    assert missing == [], "tracked files the wheel does not carry (pyproject's [tool.setuptools])"

    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    succeeded(run(UV, "venv", "--quiet", "--python", sys.executable, venv), "uv venv")
    succeeded(
        run(
            UV,
            "pip",
            "install",
            "--quiet",
            "--python",
            python,
            "-c",
            CONSTRAINTS,
            f"{wheel}[postgres,redis,s3]",
        ),
        "uv pip install",
    )

    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = production_env(tmp_path / "var", STATIC_ROOT=str(tmp_path / "static"))
    del env["PYTHONPATH"]  # nothing from the repository: the virtualenv alone

    deploy_env = {**env, **documented_environment(), "SILENCED_SYSTEM_CHECKS": ""}
    checked = run(
        python, "-m", "django", "check", "--deploy", "--fail-level", "WARNING", env=deploy_env, cwd=workdir
    )
    assert checked.returncode == 0, checked.stderr
    assert "no issues" in checked.stdout

    collected = run(python, "-m", "django", "collectstatic", "--noinput", env=env, cwd=workdir)
    assert collected.returncode == 0, collected.stderr
    assert next((tmp_path / "static" / "cms").glob("site.*.css"))

    rendered = run(python, "-c", RENDER, env=env, cwd=workdir)
    assert rendered.returncode == 0, rendered.stderr
    found = json.loads(rendered.stdout)
    site_packages = Path(found["cms"]).parent.parent
    assert site_packages.is_relative_to(venv)
    for name in ("base", "signup", "static", "centres"):
        assert found[name] and Path(found[name]).is_relative_to(site_packages), name
    assert Path(found["base"]) == site_packages / "cms" / "templates" / "base.html"
    # The host's catalogue (cms/locale) and the plugins' (campaigns/locale, page_types/locale) in English.
    assert "Technical error" in found["error_page"]
    assert re.search(r'href="/static/cms/site\.[0-9a-f]{12}\.css"', found["error_page"])
    assert "Sign-up is not possible at the moment." in found["unavailable"]
    assert "Widen the search" in found["widen"]
