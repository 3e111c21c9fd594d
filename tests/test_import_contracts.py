"""`make check` refuses what the house rules forbid: a plugin importing the host, ``page_types`` importing
``campaigns``, and an import cycle inside a package — also one closed by an import inside a function.

Each case runs ``lint-imports`` with the project's own contracts (from ``pyproject.toml``) over a small tree
of packages named like the project's, in a fresh interpreter: the real packages are already imported here.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# A tree that keeps every contract: the host imports both plugins, campaigns imports page_types.
GOOD_TREE = {
    "cms/__init__.py": "",
    "cms/urls.py": "import campaigns.views\nimport page_types.models\n",
    "campaigns/__init__.py": "",
    "campaigns/views.py": "from campaigns import models\n",
    "campaigns/models.py": "import page_types.models\n",
    "page_types/__init__.py": "",
    "page_types/models.py": "from page_types import blocks\n",
    "page_types/blocks.py": "",
}


def lint(tmp_path: Path, changes: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``lint-imports`` over the good tree with ``changes`` (file path: source)."""
    files = {**GOOD_TREE, **(changes or {})}
    for name, source in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_good_tree_keeps_every_contract(tmp_path):
    result = lint(tmp_path)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("module", "source", "contract"),
    [
        (
            "page_types/blocks.py",
            "def f():\n    import cms.urls\n",
            "The plugins import nothing from the host",
        ),
        ("campaigns/models.py", "from cms import urls\n", "The plugins import nothing from the host"),
        ("page_types/blocks.py", "def f():\n    from campaigns import views\n", "Layers"),
    ],
    ids=["page_types imports cms in a function", "campaigns imports cms", "page_types imports campaigns"],
)
def test_a_plugin_leaning_on_what_it_must_not_breaks_the_check(tmp_path, module, source, contract):
    result = lint(tmp_path, {module: source})
    assert result.returncode == 1
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout


def test_a_cycle_closed_inside_a_function_breaks_the_check(tmp_path):
    result = lint(tmp_path, {"page_types/blocks.py": "def f():\n    from page_types import models\n"})
    assert result.returncode == 1
    assert "No import cycles inside a package" in result.stdout and "BROKEN" in result.stdout


def test_a_cycle_between_subpackages_breaks_the_check(tmp_path):
    result = lint(
        tmp_path,
        {
            "campaigns/sending/__init__.py": "",
            "campaigns/sending/batch.py": "import campaigns.rendering.mail\n",
            "campaigns/rendering/__init__.py": "",
            "campaigns/rendering/mail.py": "def f():\n    import campaigns.sending.batch\n",
        },
    )
    assert result.returncode == 1
    assert "BROKEN" in result.stdout


def test_an_import_for_type_checking_only_is_no_cycle(tmp_path):
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from page_types import models\n"
    result = lint(tmp_path, {"page_types/blocks.py": source})
    assert result.returncode == 0, result.stdout
