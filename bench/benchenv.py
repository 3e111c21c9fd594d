"""The environment every benchmark runs Leuchtturm in: a throw-away database in a temporary directory.

Each benchmark configures ``cms.settings`` (or a variant of it) for itself and for the processes it starts;
what they share is here, so that no benchmark can reach a real installation's database, and
``BENCH_DATABASE_URL`` points all of them at another database alike.
"""

import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.processes import LOOPBACK_SILENCED_CHECKS  # noqa: E402
from tests.smtp_sink import free_port  # noqa: E402

__all__ = ["LOOPBACK_SILENCED_CHECKS", "ROOT", "bench_env", "demo_site", "free_port"]


def bench_env(var_dir: str, **variables: str) -> dict[str, str]:
    """This process's environment with the benchmark database under ``var_dir``, quiet logs and
    ``variables``; applied to this process too, and returned for its children."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings",
        LEUCHTTURM_VAR_DIR=var_dir,
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{var_dir}/bench.sqlite3",
        LOG_LEVEL="WARNING",
        # A throw-away installation on loopback: SQLite, local mail, 127.0.0.1 (cms/checks.py refuses them).
        SILENCED_SYSTEM_CHECKS=LOOPBACK_SILENCED_CHECKS,
        PYTHONPATH=str(ROOT),
    )
    env.update(variables)
    os.environ.update(env)
    return env


def demo_site(var_dir: str):
    """Django set up on a throw-away database under ``var_dir`` holding the demo (``migrate``, ``load_demo``)
    with collected static files for the production storage; returns a test client of the site, which
    requests through the whole middleware in this process."""
    bench_env(
        var_dir,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECRET_KEY=secrets.token_urlsafe(48),
        STATIC_ROOT=f"{var_dir}/static",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    return Client(HTTP_HOST="127.0.0.1")
