"""deploy/ holds what an operator installs, and it is checked, not only described: the systemd units pass
``systemd-analyze verify``, the environment example reads the same under systemd's rules as in a shell and
gives a production configuration that ``check --deploy`` passes, and ``nginx -t`` accepts the site."""

import re
import secrets
import shutil
import subprocess

import pytest

from tests.processes import ROOT, manage, production_env

pytestmark = pytest.mark.once

DEPLOY = ROOT / "deploy"
UNITS = ["leuchtturm-web.service", "leuchtturm-worker.service"]
# Paths that exist only on the target host (the release directory); systemd-analyze reports them here.
HOST_ONLY = re.compile(r"^\S+: Command /srv/leuchtturm/\S+ is not executable: No such file or directory$")


def systemd_environment_file(text: str) -> dict[str, str]:
    """systemd's reading of an ``EnvironmentFile``: comments only on lines of their own, one pair of
    surrounding quotes removed — and anything after the value, including an inline ``#``, kept."""
    env = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        name, _sep, value = line.partition("=")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        env[name.strip()] = value
    return env


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_units_verify():
    completed = subprocess.run(
        ["systemd-analyze", "verify", *(str(DEPLOY / unit) for unit in UNITS)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    problems = [line for line in completed.stderr.splitlines() if line and not HOST_ONLY.match(line)]
    assert problems == []
    for unit in UNITS:
        text = (DEPLOY / unit).read_text()
        assert "EnvironmentFile=/etc/leuchtturm/env" in text
        assert "--max-requests" not in text.partition("ExecStart=")[2]


def test_the_environment_example_needs_no_shell_to_read(tmp_path):
    text = (DEPLOY / "env.example").read_text()
    env = systemd_environment_file(text)
    assert not [name for name, value in env.items() if "#" in value], "inline comments become values"
    assert env["SECURE_HSTS_SECONDS"].isdigit()
    completed = subprocess.run(
        ["sh", "-c", f"set -a; . {DEPLOY / 'env.example'}; env"], capture_output=True, text=True, timeout=30
    )
    shell = dict(line.split("=", 1) for line in completed.stdout.splitlines() if "=" in line)
    assert {name: shell[name] for name in env} == env


def test_the_environment_example_passes_the_deployment_check(tmp_path):
    env = {
        name: (secrets.token_urlsafe(50) if value.startswith("replace") else value.replace("replace-", "x"))
        for name, value in systemd_environment_file((DEPLOY / "env.example").read_text()).items()
    }
    env["LEUCHTTURM_VAR_DIR"] = str(tmp_path)
    env["STATIC_ROOT"] = str(tmp_path / "static")
    completed = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(tmp_path, **env, SILENCED_SYSTEM_CHECKS=""),
    )
    assert completed.returncode == 0, completed.stderr


def test_the_guide_shows_the_nginx_site_of_deploy():
    site = (DEPLOY / "nginx-leuchtturm.conf").read_text()
    guide = (ROOT / "docs" / "OPERATIONS.md").read_text()
    block = guide.split("```nginx\n", 1)[1].split("```", 1)[0]
    assert block.split("map $uri", 1)[1] == site.split("map $uri", 1)[1]


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed (.ci/run installs it)")
def test_nginx_accepts_the_site(tmp_path):
    site = (DEPLOY / "nginx-leuchtturm.conf").read_text()
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=leuchtturm.example",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
            "-days",
            "1",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    site = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {certificate};", site)
    site = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", site)
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\naccess_log {tmp_path}/access.log;\n{site}\n}}\n"
    )
    completed = subprocess.run(["nginx", "-t", "-c", str(config)], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
