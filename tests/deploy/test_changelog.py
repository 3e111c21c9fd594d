"""CHANGELOG.md keeps the shape the release procedure (docs/OPERATIONS.md, section 13) relies on: an
``Unreleased`` section on top, released versions below it with their dates, newest first, and a version in
pyproject.toml that is the newest release or the one being prepared."""

import datetime
import re
import tomllib

import pytest
from packaging.version import Version

from tests.processes import ROOT

pytestmark = pytest.mark.once

SECTION = re.compile(r"^## (.*)$", re.MULTILINE)
RELEASE = re.compile(r"^\[(?P<version>\d+\.\d+\.\d+)\] - (?P<date>\d{4}-\d{2}-\d{2})$")


def test_the_changelog_has_unreleased_on_top_and_dated_releases_newest_first():
    sections = SECTION.findall((ROOT / "CHANGELOG.md").read_text())
    assert sections[0] == "Unreleased"
    releases = [RELEASE.match(heading) for heading in sections[1:]]
    assert all(releases), [
        heading for heading, match in zip(sections[1:], releases, strict=True) if not match
    ]
    versions = [Version(match["version"]) for match in releases]
    dates = [datetime.date.fromisoformat(match["date"]) for match in releases]
    assert versions == sorted(versions, reverse=True) and dates == sorted(dates, reverse=True)
    project = Version(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"])
    assert not versions or project >= versions[0], "pyproject.toml is behind the newest release"
