"""A Django shell kept open beside a live site, running the tests' code blocks on the site's database.

``django_json`` starts a fresh interpreter for each block, and setting up Django and Wagtail costs about 1.5 s
of CPU each time; the browser journeys ask the site's database about thirty times. One interpreter set up
once answers them all: each block runs in a fresh namespace, binds ``result``, and gets a fresh database
connection, as a block run by ``manage.py shell`` would.
"""

import json
import select
import subprocess
from pathlib import Path
from typing import Any

from tests.processes import CHECKOUT, Installation

# The child: one JSON-encoded block per line in, one JSON answer per line out. What a block prints goes to
# the shell's log, so that it cannot be mistaken for an answer.
LOOP = """
import json, sys, traceback
import django
django.setup()
from django.db import connections
answers, sys.stdout = sys.stdout, sys.stderr
for line in sys.stdin:
    namespace = {}
    try:
        exec(json.loads(line), namespace)
        answer = json.dumps({"result": namespace["result"]})
    except Exception:
        answer = json.dumps({"error": traceback.format_exc()})
    finally:
        connections.close_all()
    answers.write(answer + "\\n")
    answers.flush()
"""


class DjangoShell:
    """One interpreter with Django set up in ``env``, started on the first block and kept for the next."""

    def __init__(self, env: dict[str, str], log: Path, installation: Installation = CHECKOUT) -> None:
        self.env = env
        self.log = log
        self.installation = installation
        self.process: subprocess.Popen | None = None

    def run(self, code: str, timeout: float = 120) -> Any:
        """Run ``code`` (which binds ``result``) and return ``result`` as JSON data; fail with the block's
        traceback, or after ``timeout`` seconds (the shell is then stopped, and the next block starts
        another)."""
        process = self.process or self._start()
        process.stdin.write(json.dumps(code).encode() + b"\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], timeout)
        line = process.stdout.readline() if ready else b""
        if not line:
            self.close()
            raise AssertionError(f"the Django shell gave no answer within {timeout} s; see {self.log}")
        answer = json.loads(line)
        assert "error" not in answer, answer.get("error")
        return answer["result"]

    def close(self) -> None:
        """End the shell (it leaves at the end of its input)."""
        if self.process is None:
            return
        process, self.process = self.process, None
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()

    def _start(self) -> subprocess.Popen:
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                [str(self.installation.python), "-c", LOOP],
                env=self.env,
                cwd=self.installation.cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=output,
            )
        return self.process
