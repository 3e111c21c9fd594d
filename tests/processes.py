"""Run Leuchtturm in child processes, configured only by environment variables, as an operator would —
from the repository's checkout or from a release installed into a virtualenv (``Installation``).

Settings are read once per process, so what an environment variable switches (database, cache, broker,
security headers) is observed in a fresh interpreter rather than faked with ``override_settings``. Loaded as a
pytest plugin by ``tests/conftest.py`` for its fixtures.
"""

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Variables that select backends, modes or tuning; a child starts without them unless a test passes them.
CONFIGURATION_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "Q_BROKER",
    "DEBUG",
    "TRUSTED_PROXIES",
    "SILENCED_SYSTEM_CHECKS",
    "ALLOW_SQLITE_IN_PRODUCTION",
)
CONFIGURATION_PREFIXES = ("AWS_", "ANYMAIL_", "CAMPAIGNS_", "SECURE_", "EMAIL_")
PRODUCTION_SECRET_KEY = "production-like-Vb8Kq2Zx7RmT4wNc9JpL3sYh6Df1Ga5E"
# The production checks of cms/checks.py that a child on loopback cannot pass (SQLite, no Redis, mail to files
# or a local sink, links to 127.0.0.1); tests of those checks pass SILENCED_SYSTEM_CHECKS="" to see them.
LOOPBACK_SILENCED_CHECKS = "cms.E001,cms.E002,cms.E003,cms.E004,cms.E005"


@dataclass(frozen=True)
class Installation:
    """Where a child runs Leuchtturm from: its interpreter, how that calls Django's commands, and the working
    directory — the repository's checkout, or a release installed into a virtualenv elsewhere."""

    python: Path
    django: tuple[str, ...]
    cwd: Path

    def command(self, *arguments: str) -> list[str]:
        """The command line of the management command ``arguments``."""
        return [str(self.python), *self.django, *arguments]

    @property
    def gunicorn(self) -> Path:
        """The gunicorn installed beside the interpreter."""
        return self.python.with_name("gunicorn")

    @property
    def is_checkout(self) -> bool:
        """Whether it runs the repository's own modules."""
        return self.cwd == ROOT


# The repository itself, as `make run` and the suite use it.
CHECKOUT = Installation(Path(sys.executable), ("manage.py",), ROOT)


def installed_release(venv: Path, cwd: Path) -> Installation:
    """A release installed into the virtualenv ``venv`` and run from ``cwd``, as a host without a checkout
    runs it (docs/OPERATIONS.md section 2): ``python -m django`` instead of ``manage.py``."""
    return Installation(venv / "bin" / "python", ("-m", "django"), cwd)


def production_env(var_dir: Path, installation: Installation = CHECKOUT, **variables: str) -> dict[str, str]:
    """An environment for ``cms.settings`` with ``DEBUG`` off, the given variables and nothing inherited
    that would choose a backend; the repository is on the path only for its own checkout."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in CONFIGURATION_VARIABLES and not name.startswith(CONFIGURATION_PREFIXES)
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings",
        SECRET_KEY=PRODUCTION_SECRET_KEY,
        LEUCHTTURM_VAR_DIR=str(var_dir),
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        SILENCED_SYSTEM_CHECKS=LOOPBACK_SILENCED_CHECKS,
    )
    if installation.is_checkout:
        env["PYTHONPATH"] = str(ROOT)
    env.update(variables)
    return env


def run_django(
    code: str, env: dict[str, str], timeout: float = 60, installation: Installation = CHECKOUT
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` after ``django.setup()`` in a fresh interpreter."""
    return subprocess.run(
        [str(installation.python), "-c", f"import django\ndjango.setup()\n{code}"],
        env=env,
        cwd=installation.cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def manage(
    *arguments: str, env: dict[str, str], timeout: float = 300, installation: Installation = CHECKOUT
) -> subprocess.CompletedProcess[str]:
    """Run the management command ``arguments`` in a fresh interpreter, as an operator would from a shell."""
    return subprocess.run(
        installation.command(*arguments),
        env=env,
        cwd=installation.cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def django_json(
    code: str, env: dict[str, str], timeout: float = 60, installation: Installation = CHECKOUT
) -> dict:
    """Run ``code`` (which binds ``result``) in a fresh interpreter and return ``result`` as JSON data."""
    completed = run_django(f"{code}\nimport json\nprint(json.dumps(result))", env, timeout, installation)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """A ``STATIC_ROOT`` filled by ``collectstatic`` with the production storage (hashed, compressed names),
    as a deployment does before starting web processes. Compressing Wagtail's assets costs about a minute
    of CPU, so the tests using it share the xdist group ``collected_static``: it is built on one worker."""
    static_root = tmp_path_factory.mktemp("static")
    env = production_env(tmp_path_factory.mktemp("var"), STATIC_ROOT=str(static_root))
    completed = manage("collectstatic", "--noinput", env=env)
    assert completed.returncode == 0, completed.stderr
    return static_root


@pytest.fixture(scope="session")
def migrated_sqlite_file(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """A SQLite file holding a copy of the worker's migrated test database, for child processes that need a
    database of their own but test nothing about migrating it: the copy takes milliseconds where a child's
    ``migrate`` of every Wagtail and Leuchtturm migration costs half a minute of CPU. SQLite pass only; a
    test using it carries the ``django_db`` mark (so that the database exists) and copies the file before
    writing to it."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("copies the SQLite pass's in-memory test database")
    path = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)
    return path


def start_qcluster(env: dict[str, str], log: Path, installation: Installation = CHECKOUT) -> subprocess.Popen:
    """Start ``qcluster`` in its own process group (it forks workers, a monitor and a pusher)."""
    with log.open("ab") as output:
        return subprocess.Popen(
            installation.command("qcluster"),
            env=env,
            cwd=installation.cwd,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_process_group(process: subprocess.Popen, grace_seconds: float = 30) -> None:
    """Stop a process started with ``start_new_session``: SIGTERM to it (a qcluster then stops its workers
    gracefully), SIGKILL to its whole group after the grace period."""
    if process.poll() is None:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace_seconds)
    # Children a SIGTERM left behind (or a killed parent orphaned) go with the group.
    kill_process_group(process)


def kill_process_group(process: subprocess.Popen) -> None:
    """SIGKILL a process started with ``start_new_session`` and its whole group at once, as when its host
    dies (no process gets to finish anything), and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until something accepts connections on 127.0.0.1:``port``; fail if ``process`` dies first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before listening on {port}")
        with socket.socket() as probe:
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def start_gunicorn(
    env: dict[str, str], port: int, log: Path, workers: int = 4, installation: Installation = CHECKOUT
) -> subprocess.Popen:
    """Serve ``cms.wsgi`` with gunicorn on loopback as a production web host does; return once it listens."""
    with log.open("ab") as output:
        process = subprocess.Popen(
            [
                str(installation.gunicorn),
                "cms.wsgi",
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                "--timeout=60",
                "--graceful-timeout=10",
            ],
            env=env,
            cwd=installation.cwd,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_port(port, process)
    except (RuntimeError, TimeoutError):
        stop_process_group(process)
        raise
    return process
