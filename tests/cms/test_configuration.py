"""docs/CONFIGURATION.md is generated from the code and cannot drift: the committed page is what the code
gives, every variable the host reads has a meaning, and no meaning names a variable nobody reads."""

import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cms import configuration
from cms.management.commands.configuration_table import DOCUMENT


def test_the_committed_page_is_what_the_code_gives():
    assert DOCUMENT.read_text() == configuration.table(), "run: make configuration"
    call_command("configuration_table", "--check")


def test_every_variable_read_has_a_meaning_and_every_meaning_a_variable():
    read = {variable.name for variable in configuration.host_variables()}
    assert read >= {"DATABASE_URL", "SECURE_HSTS_SECONDS", "AWS_S3_REGION_NAME", "ANYMAIL_"}
    assert {name for name in read if not configuration.MEANINGS.get(name)} == set()
    assert set(configuration.MEANINGS) - read == set()


def test_variables_read_only_in_production_are_listed_with_their_defaults():
    by_name = {variable.name: variable for variable in configuration.host_variables()}
    assert (by_name["SECURE_HSTS_SECONDS"].kind, by_name["SECURE_HSTS_SECONDS"].default) == ("integer", "`0`")
    assert by_name["EMAIL_USE_TLS"].kind == "boolean"
    assert by_name["Q_POLL"].default == "`0.5`"


def test_plugin_settings_come_with_their_declared_meaning_and_unit():
    by_name = {variable.name: variable for variable in configuration.plugin_variables()}
    horizon = by_name["CAMPAIGNS_RETRY_HORIZON"]
    assert (horizon.kind, horizon.default) == ("number (seconds)", "`86400`")
    assert by_name["CAMPAIGNS_FROM_EMAIL"].default == "`DEFAULT_FROM_EMAIL`"


def test_a_stale_page_fails_the_check(tmp_path, monkeypatch):
    stale = tmp_path / "CONFIGURATION.md"
    stale.write_text("# Configuration\n")
    monkeypatch.setattr("cms.management.commands.configuration_table.DOCUMENT", stale)
    with pytest.raises(CommandError, match="out of date"):
        call_command("configuration_table", "--check")
    call_command("configuration_table")
    assert stale.read_text() == configuration.table()
    assert os.path.getsize(stale) > 1000
