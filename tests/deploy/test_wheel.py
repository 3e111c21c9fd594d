"""The built wheel is a release others can install: everything the site reads at run time ships in it. A
fresh virtualenv outside the repository — with only the wheel, its locked dependencies and gunicorn — passes
the deployment check, collects its static files and renders the host's and the plugins' templates in
English; and from there, on PostgreSQL and Redis, it migrates, bootstraps a site, serves it with gunicorn
(static files through WhiteNoise) and a qcluster worker, signs a German and an English reader up through the
public form, mails each the confirmation in their language and delivers an issue to both.

Built from a copy of the tracked files and run from a directory without the repository on the path, so that
nothing in the working tree can shadow a file the wheel forgot. The build and the install (45–70 s, mostly
the dependencies from uv's cache) happen once for the module, and its tests stay together on one xdist
worker. They run once, in the PostgreSQL pass of ``.ci/run``, which the service run needs anyway; the SQLite
pass skips them.
"""

import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from tests.cms.test_deploy_check import documented_environment
from tests.e2e.live_site import LiveSite, links_in, running_site, text_of
from tests.processes import ROOT, Installation, django_json, installed_release, manage, production_env
from tests.services import require

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
STYLESHEET = re.compile(r'href="(/static/cms/site\.[0-9a-f]{12}\.css)"')

# Runs inside the installed virtualenv: where things come from, and what the templates say in English.
RENDER = """
import cms
from django.contrib.staticfiles import finders
from django.template.loader import get_template, render_to_string
from django.utils import translation
from page_types.geography import CENTRES_FILE

with translation.override("en"):
    result = {
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
    }
"""

# The readers who sign up on the installed site, by the language they choose in the form.
READERS = {"de": "greta.lehmann@example.org", "en": "oliver.hughes@example.net"}
CHANNEL = "wirtschaft-im-landkreis"  # one of the standard channels bootstrap_site creates
# The confirmation mail's subject and greeting, in each reader's language.
CONFIRMATION_SUBJECTS = {
    "de": "Bitte bestätigen Sie Ihre Newsletter-Anmeldung",
    "en": "Please confirm your newsletter subscription",
}
GREETINGS = {"de": "Guten Tag,", "en": "Hello,"}
# The confirmation link leads to the newsletter pages in the reader's language, which thank in it.
CONFIRM_PATHS = {"de": "/newsletter/confirm/", "en": "/en/newsletter/confirm/"}
THANKS = {"de": "Vielen Dank für Ihre Bestätigung", "en": "Thank you for confirming"}
ISSUE_SUBJECT = "Die Wirtschaftsförderung stellt sich vor"
# The footer link of an issue's text, in the frame of each reader's language.
UNSUBSCRIBE = {"de": "Newsletter abbestellen:", "en": "Unsubscribe:"}
# An issue with an editorial introduction and no pages goes to every reader; the channel's approval
# ("Freigabe") is given as an editor would (shown in tests/campaigns/admin).
ISSUE = f"""
from campaigns.approval import approve
from campaigns.models import Campaign, Channel
campaign = Campaign.objects.create(
    channel=Channel.objects.get(slug={CHANNEL!r}),
    subject={ISSUE_SUBJECT!r},
    intro="<p>Wir beraten Unternehmen und Gründungen im Landkreis.</p>",
)
approve(campaign, None)
result = campaign.pk
"""


@dataclass(frozen=True)
class Release:
    """The release built from the tracked files and installed into a fresh virtualenv outside the
    repository, its static files collected as a deployment does before it starts any process."""

    dist: Path
    venv: Path
    installation: Installation
    static_root: Path

    @property
    def wheel(self) -> Path:
        """The built wheel."""
        return next(self.dist.glob("leuchtturm-*.whl"))

    def env(self, var_dir: Path) -> dict[str, str]:
        """The production environment of a host that runs this release (nothing from the repository)."""
        return production_env(var_dir, self.installation, STATIC_ROOT=str(self.static_root))


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


@pytest.mark.once
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


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Release:
    """Build the source archive and, from it, the wheel (as uv does by default: so the sdist is complete as
    well); install the wheel with its locked dependencies and gunicorn into a new virtualenv."""
    root = tmp_path_factory.mktemp("release")
    dist = root / "dist"
    succeeded(run(UV, "build", "--quiet", "--out-dir", dist, source_copy(root / "source")), "uv build")
    venv = root / "venv"
    python = venv / "bin" / "python"
    succeeded(run(UV, "venv", "--quiet", "--python", sys.executable, venv), "uv venv")
    workdir = root / "elsewhere"
    workdir.mkdir()
    installed = Release(dist, venv, installed_release(venv, workdir), root / "static")
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
            f"{installed.wheel}[postgres,redis,s3]",
            "gunicorn",
        ),
        "uv pip install",
    )
    collected = manage(
        "collectstatic", "--noinput", env=installed.env(root / "var"), installation=installed.installation
    )
    assert collected.returncode == 0, collected.stderr
    return installed


@pytest.mark.on_postgres
@pytest.mark.needs_redis
@pytest.mark.slow
@pytest.mark.xdist_group("wheel")
def test_the_wheel_installs_into_a_fresh_virtualenv_and_runs_there(release, tmp_path):
    with tarfile.open(next(release.dist.glob("leuchtturm-*.tar.gz"))) as sdist:
        archived = {name.partition("/")[2] for name in sdist.getnames()}
    assert archived >= SDIST_EXTRAS and not any(name.startswith("tests/") for name in archived)

    shipped = set(zipfile.ZipFile(release.wheel).namelist())
    missing = [
        name
        for name in tracked_files("cms", "campaigns", "page_types", *HOST_DIRECTORIES)
        if wheel_path_of(name) not in shipped
    ]
    assert missing == [], "tracked files the wheel does not carry (pyproject's [tool.setuptools])"

    env = release.env(tmp_path / "var")
    deploy_env = {**env, **documented_environment(), "SILENCED_SYSTEM_CHECKS": ""}
    checked = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=deploy_env, installation=release.installation
    )
    assert checked.returncode == 0, checked.stderr
    assert "no issues" in checked.stdout
    assert next((release.static_root / "cms").glob("site.*.css"))

    found = django_json(RENDER, env, installation=release.installation)
    site_packages = Path(found["cms"]).parent.parent
    assert site_packages.is_relative_to(release.venv)
    for name in ("base", "signup", "static", "centres"):
        assert found[name] and Path(found[name]).is_relative_to(site_packages), name
    assert Path(found["base"]) == site_packages / "cms" / "templates" / "base.html"
    # The host's catalogue (cms/locale) and the plugins' (campaigns/locale, page_types/locale) in English.
    assert "Technical error" in found["error_page"]
    assert STYLESHEET.search(found["error_page"])
    assert "Sign-up is not possible at the moment." in found["unavailable"]
    assert "Widen the search" in found["widen"]


def bootstrap(site: LiveSite) -> None:
    """A production site's first start: the schema, then the site and its channels without demo content."""
    site.manage("migrate", "--noinput")
    site.manage("bootstrap_site")


def get(site: LiveSite, path: str) -> tuple[Message, str]:
    """GET ``path`` from the site: the headers and the body (failing on an error status)."""
    with urllib.request.urlopen(f"{site.url}{path}", timeout=60) as response:
        return response.headers, response.read().decode()


def post(site_url: str, data: dict[str, str], headers: dict[str, str] | None = None) -> tuple[str, str]:
    """POST the form ``data`` to ``site_url`` (redirects followed): the final address and the page."""
    request = urllib.request.Request(
        site_url, data=urllib.parse.urlencode(data).encode(), headers=headers or {}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.url, response.read().decode()


def hidden_value(form: str, name: str) -> str:
    """The value of the form's hidden field ``name``."""
    match = re.search(rf'name="{name}" value="([^"]+)"', form)
    assert match, f"no {name} in the sign-up form"
    return match.group(1)


def sign_up(site: LiveSite, address: str, language: str) -> None:
    """Fill in the public sign-up form as a browser does: the form's page sets the CSRF cookie, the post
    sends it back with the form's token (the cookie is marked ``Secure``, which a browser behind TLS
    honours; the test talks to gunicorn directly)."""
    headers, form = get(site, "/newsletter/")
    [cookie] = [
        value.partition(";")[0] for value in headers.get_all("Set-Cookie") if value.startswith("csrftoken=")
    ]
    data = {
        "email": address,
        "channels": CHANNEL,
        "language": language,
        "consent": "on",
        "consent_version": hidden_value(form, "consent_version"),
        "csrfmiddlewaretoken": hidden_value(form, "csrfmiddlewaretoken"),
    }
    landed, _page = post(f"{site.url}/newsletter/", data, {"Cookie": cookie})
    assert landed == f"{site.url}/newsletter/danke/", site.log_tail()


@pytest.mark.on_postgres
@pytest.mark.needs_redis
@pytest.mark.slow
@pytest.mark.xdist_group("wheel")
def test_the_installed_release_signs_readers_up_and_sends_an_issue_on_postgresql_and_redis(release, tmp_path):
    with running_site(
        tmp_path / "var",
        tmp_path / "logs",
        bootstrap,
        release.installation,
        DEBUG="0",
        STATIC_ROOT=str(release.static_root),
    ) as site:
        assert site.env["DATABASE_URL"].startswith("postgres") and site.env["Q_BROKER"] == "redis"

        # The page links its stylesheet by the hashed name collectstatic gave it; WhiteNoise serves it.
        _headers, home = get(site, "/")
        stylesheet = STYLESHEET.search(home)
        assert stylesheet, "the home page links no hashed stylesheet"
        headers, css = get(site, stylesheet.group(1))
        assert headers["Content-Type"].startswith("text/css") and css

        for language, address in READERS.items():
            sign_up(site, address, language)
            confirmation = site.wait_for_mail(address)  # sent by the worker
            assert confirmation.message["Subject"] == CONFIRMATION_SUBJECTS[language]
            assert text_of(confirmation).startswith(GREETINGS[language])
            [link] = links_in(confirmation, CONFIRM_PATHS[language])
            _landed, page = post(link, {})
            assert THANKS[language] in page

        site.manage("send_campaign", str(site.query(ISSUE)))  # queued in Redis for the worker
        for language, address in READERS.items():
            issue = site.wait_for_mail(address, lambda message: message.message["Subject"] == ISSUE_SUBJECT)
            text = text_of(issue)
            assert "Wir beraten Unternehmen und Gründungen im Landkreis." in text
            assert UNSUBSCRIBE[language] in text
