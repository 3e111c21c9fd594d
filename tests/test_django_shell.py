"""The Django shell the browser journeys keep open answers block after block in one interpreter."""

import pytest

from tests.django_shell import DjangoShell
from tests.processes import production_env

pytestmark = pytest.mark.once

FIRST = "import os\nfrom django.conf import settings\nresult = [os.getpid(), settings.DEBUG]"


def test_blocks_run_one_after_another_in_one_interpreter_each_in_a_namespace_of_its_own(tmp_path):
    shell = DjangoShell(production_env(tmp_path), tmp_path / "shell.log")
    try:
        first = shell.run(FIRST)
        # What a block prints goes to the log, not into the answer.
        second = shell.run("import os\nprint('noise')\nresult = [os.getpid(), 'settings' in dir()]")
        with pytest.raises(AssertionError, match="ZeroDivisionError"):
            shell.run("result = 1 / 0")
        third = shell.run("result = 'still there'")
    finally:
        shell.close()
    assert first[0] == second[0] and first[1] is False
    assert second[1] is False  # the first block's names are gone
    assert third == "still there"
    assert "noise" in (tmp_path / "shell.log").read_text()
