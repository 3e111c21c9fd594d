"""``manage.py check --deploy`` reports nothing for the production environment file that
docs/OPERATIONS.md documents: the operator's checklist and the code agree."""

import re
import secrets

import pytest

from tests.processes import ROOT, manage, production_env

ENV_BLOCK = re.compile(r"### The environment file.*?```sh\n(.*?)```", re.DOTALL)


def documented_environment() -> dict[str, str]:
    """The variables of the documented ``/etc/leuchtturm/env``, placeholders filled in."""
    block = ENV_BLOCK.search((ROOT / "docs" / "OPERATIONS.md").read_text()).group(1)
    env = {}
    for line in block.splitlines():
        line = re.sub(r"\s+#.*$", "", line).strip()
        if not line or line.startswith("#"):
            continue
        name, _sep, value = line.partition("=")
        env[name] = re.sub(r"<[^>]*>", "platzhalter", value.strip('"'))
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    return env


@pytest.mark.once
def test_the_documented_production_environment_passes_the_deployment_check(tmp_path):
    documented = documented_environment()
    assert {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "ANYMAIL_WEBHOOK_SECRET", "TRUSTED_PROXIES"} <= set(
        documented
    )
    env = production_env(tmp_path, **documented, SILENCED_SYSTEM_CHECKS="")
    completed = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert completed.returncode == 0, completed.stderr
    assert "no issues" in completed.stdout
