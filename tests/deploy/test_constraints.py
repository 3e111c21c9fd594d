"""requirements/constraints.txt locks every dependency for reproducible installs (``make constraints`` writes
it, the Makefile and the deployment guide install with it): it names every requirement of pyproject.toml, and
the environment running the tests holds exactly the locked versions."""

import tomllib
from importlib import metadata

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.processes import ROOT

pytestmark = pytest.mark.once

CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
LOCKED_EXTRAS = ("dev", "postgres", "redis", "s3")


def pins() -> dict[str, Requirement]:
    """The pinned requirements of the constraints file that apply to this interpreter, by canonical name."""
    lines = (line.strip() for line in CONSTRAINTS.read_text().splitlines())
    requirements = (Requirement(line) for line in lines if line and not line.startswith("#"))
    return {
        canonicalize_name(requirement.name): requirement
        for requirement in requirements
        if requirement.marker is None or requirement.marker.evaluate(default_environment())
    }


def test_every_requirement_of_the_project_is_locked_within_its_bounds():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [*project["dependencies"]]
    for extra in LOCKED_EXTRAS:
        declared += project["optional-dependencies"][extra]
    locked = pins()
    unlocked, outside = [], []
    for text in declared:
        requirement = Requirement(text)
        pin = locked.get(canonicalize_name(requirement.name))
        if pin is None:
            unlocked.append(text)
        elif not requirement.specifier.contains(next(iter(pin.specifier)).version):
            outside.append(f"{text}: {pin}")
    assert unlocked == [], "run `make constraints` after changing pyproject.toml"
    assert outside == [], "pins outside the bounds of pyproject.toml: run `make constraints`"


def test_the_environment_holds_the_locked_versions():
    installed = {canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()}
    drifted = {
        name: (installed[name], str(requirement.specifier))
        for name, requirement in pins().items()
        if name in installed and not requirement.specifier.contains(installed[name])
    }
    assert drifted == {}, "install with `-c requirements/constraints.txt` (make install does)"
