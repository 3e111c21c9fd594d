"""PostgreSQL and Redis for the tests that need them: found, or skipped with a clear reason — failed in CI.

A pytest plugin (loaded by ``tests/conftest.py``) with these markers:

- ``needs_postgres``: a PostgreSQL server must answer (the suite's database if it is PostgreSQL, else
  ``TEST_DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/test``);
- ``needs_redis``: a Redis server must answer (``REDIS_URL``, else ``TEST_REDIS_URL``, default
  ``redis://127.0.0.1:6379/0``);
- ``needs_chromium``: Debian's Chromium and Playwright must be installed (``.ci/run`` installs Chromium);
  browser tests run once, in ``make test-postgres`` (the site they drive is then configured like production);
- ``needs_gettext``: GNU gettext's tools must be installed (``.ci/run`` installs them);
- ``needs_node``: Node.js 20 or newer must be installed (``.ci/run`` installs ``nodejs``);
- ``on_postgres``: runs only in ``make test-postgres``, the second pass of ``.ci/run``: the suite's own
  database must be PostgreSQL (real concurrency, several processes on one database), or the test runs
  child processes on the PostgreSQL server that pass provides (``own_backends``: the installed wheel of
  ``tests/deploy/test_wheel.py``).

An unreachable service skips the test on a developer's machine. With ``CI`` set it fails the test instead, so
a broken CI machine can never turn into a green run that tested nothing. A suite pointed at PostgreSQL that
cannot reach it stops at once with the reason.
"""

import functools
import os
import shutil
import subprocess
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest

DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
PROBE_TIMEOUT_SECONDS = 3
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# The samples of docs/API.md use the global ``fetch`` of Node 18 and the syntax of Node 20.
NODE_MAJOR = 20


def in_ci() -> bool:
    """True where a missing service is an error rather than a reason to skip."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def suite_on_postgres() -> bool:
    """True when the suite's own database is PostgreSQL."""
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def postgres_url() -> str:
    """The PostgreSQL server that ``needs_postgres`` tests use."""
    if suite_on_postgres():
        return os.environ["DATABASE_URL"]
    return os.environ.get("TEST_DATABASE_URL") or DEFAULT_POSTGRES_URL


def postgres_database_url(name: str) -> str:
    """The URL of database ``name`` on the PostgreSQL server of ``postgres_url()``."""
    return urlsplit(postgres_url())._replace(path=f"/{name}").geturl()


def redis_url() -> str:
    """The Redis server that ``needs_redis`` tests use."""
    return os.environ.get("REDIS_URL") or os.environ.get("TEST_REDIS_URL") or DEFAULT_REDIS_URL


@functools.cache
def postgres_problem() -> str | None:
    """Why the PostgreSQL server cannot be used, or ``None`` when it answers a query.

    The probe uses the maintenance database ``postgres``, as Django's test runner does: the named database
    itself need not exist, since the tests run in a ``test_<name>`` database created for them.
    """
    import psycopg

    url = postgres_url()
    try:
        with psycopg.connect(url, dbname="postgres", connect_timeout=PROBE_TIMEOUT_SECONDS) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as error:
        return f"PostgreSQL at {_without_password(url)} is unreachable ({error.__class__.__name__}: {error})"
    return None


@functools.cache
def redis_problem() -> str | None:
    """Why the Redis server cannot be used, or ``None`` when it answers PING."""
    import redis

    url = redis_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=PROBE_TIMEOUT_SECONDS).ping()
    except redis.RedisError as error:
        return f"Redis at {_without_password(url)} is unreachable ({error.__class__.__name__}: {error})"
    return None


def chromium_executable() -> str | None:
    """Debian's Chromium: Playwright never downloads a browser of its own."""
    return next((path for path in CHROMIUM_PATHS if os.access(path, os.X_OK)), shutil.which("chromium"))


def browser_problem() -> str | None:
    """Why a test cannot drive a browser here, or ``None``."""
    if chromium_executable() is None:
        return "Chromium is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[dev]')"
    return None


def node_problem() -> str | None:
    """Why the front-end samples of docs/API.md cannot run here (they need Node 20), or ``None``."""
    node = shutil.which("node")
    if node is None:
        return "Node.js is not installed (apt-get install nodejs)"
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout
    if int(version.lstrip("v").partition(".")[0] or 0) < NODE_MAJOR:
        return f"Node.js {version.strip()} is older than {NODE_MAJOR}"
    return None


def gettext_problem() -> str | None:
    """Why the translation catalogue cannot be extracted and compiled here, or ``None``."""
    missing = [tool for tool in ("xgettext", "msgmerge", "msgfmt", "msgattrib") if shutil.which(tool) is None]
    if missing:
        return f"GNU gettext is not installed (apt-get install gettext): no {', '.join(missing)}"
    return None


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
    return parts.geturl()


def own_backends(name: str) -> tuple[dict[str, str], Callable[[], None]]:
    """Variables that give Leuchtturm in child processes backends of its own, and a function that removes
    them afterwards.

    On the SQLite pass the children keep the default file in their data directory. On the PostgreSQL pass
    (``make test-postgres``) they get a fresh database ``name`` on the suite's server and the suite's Redis
    as cache and django-q2 broker, under a key prefix of their own, so they also run on the scaled-out stack.
    """
    if not suite_on_postgres():
        return {}, lambda: None
    import psycopg

    server = postgres_url()
    with psycopg.connect(server, dbname="postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    variables = {"DATABASE_URL": postgres_database_url(name)}
    prefix = f"leuchtturm-test-{name}"
    if redis_problem() is None:
        variables.update(REDIS_URL=redis_url(), Q_BROKER="redis", REDIS_KEY_PREFIX=prefix)

    def remove() -> None:
        with psycopg.connect(server, dbname="postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if "REDIS_URL" in variables:
            delete_redis_keys(prefix)

    return variables, remove


def delete_redis_keys(prefix: str) -> None:
    """Remove an installation's keys (cache entries, django-q2 queues and statistics) from the shared Redis,
    given its ``REDIS_KEY_PREFIX``."""
    import redis

    client = redis.Redis.from_url(redis_url())
    for pattern in (f"{prefix}*", f"django_q:{prefix}*"):
        for key in client.scan_iter(match=pattern, count=500):
            client.delete(key)


def require(problem: str | None) -> None:
    """Skip (or, in CI, fail) the running test when ``problem`` says a service is missing."""
    if problem is None:
        return
    if in_ci():
        pytest.fail(f"{problem}; CI must provide it (see .ci/run)", pytrace=False)
    pytest.skip(f"{problem}; start it to run this test")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_postgres: needs a reachable PostgreSQL server")
    config.addinivalue_line("markers", "needs_redis: needs a reachable Redis server")
    config.addinivalue_line("markers", "needs_chromium: drives Debian's Chromium through Playwright")
    config.addinivalue_line("markers", "needs_gettext: extracts or compiles the translation catalogue")
    config.addinivalue_line("markers", "needs_node: runs JavaScript samples with Node.js")
    config.addinivalue_line(
        "markers", "search_index: (on a module) saving a page indexes it for search, as in production"
    )
    config.addinivalue_line(
        "markers",
        "once: uses none of the suite's database or services (its own SQLite file, files, tools), so the "
        "PostgreSQL pass would repeat it exactly; it runs in the SQLite pass (make test) only",
    )
    config.addinivalue_line(
        "markers",
        "on_postgres: runs in the PostgreSQL pass only (make test-postgres): needs the suite's database, or "
        "the backends own_backends gives child processes there, to be PostgreSQL",
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    if suite_on_postgres() and postgres_problem():
        pytest.exit(f"DATABASE_URL points at PostgreSQL, but {postgres_problem()}", returncode=3)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every browser journey (``tests/e2e``) drives Chromium, whether or not its module says so, and they all
    run on one xdist worker (``--dist loadgroup``): the demo site they share is then prepared once. The
    hook runs first, since xdist reads the group markers in its own hook of the same name."""
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.xdist_group("e2e"))
            if not item.get_closest_marker("needs_chromium"):
                item.add_marker(pytest.mark.needs_chromium)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Refuse a parallel run in which xdist did not group the browser journeys: each worker would start a demo
    site of its own, and the two sites' start-up on a loaded machine times the first pages out."""
    if not getattr(session.config.option, "loadgroup", False):
        return
    ungrouped = [item.nodeid for item in session.items if "e2e" in item.path.parts and "@" not in item.nodeid]
    if ungrouped:
        raise pytest.UsageError(f"pytest-xdist did not group the browser journeys: {ungrouped[0]}")


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("on_postgres") and not suite_on_postgres():
        pytest.skip("runs only on PostgreSQL: `make test-postgres` (the second pass of .ci/run)")
    if item.get_closest_marker("once") and suite_on_postgres():
        pytest.skip("runs once, in the SQLite pass (`make test`): nothing in it uses the suite's database")
    if item.get_closest_marker("needs_chromium") and not suite_on_postgres():
        pytest.skip("browser tests run once, in `make test-postgres` (the second pass of .ci/run)")
    if item.get_closest_marker("needs_postgres"):
        require(postgres_problem())
    if item.get_closest_marker("needs_redis"):
        require(redis_problem())
    if item.get_closest_marker("needs_chromium"):
        require(browser_problem())
    if item.get_closest_marker("needs_gettext"):
        require(gettext_problem())
    if item.get_closest_marker("needs_node"):
        require(node_problem())


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Remove this run's keys (cache entries, django-q2 queues and statistics) from a shared Redis."""
    prefix = os.environ.get("REDIS_KEY_PREFIX", "")
    if prefix.startswith("leuchtturm-test-") and not redis_problem():
        delete_redis_keys(prefix)
