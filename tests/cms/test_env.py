"""Plugin settings from the environment: parsed by the type their plugin declares, with clear errors, and
without a second default — an unset or empty variable leaves the plugin's own default in place."""

import re

import pytest
from django.test import override_settings

from campaigns import app_settings
from cms.env import app_settings_from_environment, env_float, env_int, env_origin_patterns, env_prefixed
from page_types.conf import declared_settings

DECLARED = declared_settings(app_settings)


def test_every_setting_the_environment_gives_is_parsed_by_its_declared_type(monkeypatch):
    monkeypatch.setenv("CAMPAIGNS_BATCH_SIZE", " 50 ")
    monkeypatch.setenv("CAMPAIGNS_SEND_RATE", "2.5")
    monkeypatch.setenv("CAMPAIGNS_QUEUE_CONFIRMATION_MAILS", "off")
    monkeypatch.setenv("CAMPAIGNS_FEED_PUBLISHER", "Landratsamt")
    assert app_settings_from_environment(DECLARED) == {
        "CAMPAIGNS_BATCH_SIZE": 50,
        "CAMPAIGNS_SEND_RATE": 2.5,
        "CAMPAIGNS_QUEUE_CONFIRMATION_MAILS": False,
        "CAMPAIGNS_FEED_PUBLISHER": "Landratsamt",
    }


def test_an_unset_or_empty_variable_keeps_the_plugin_default(monkeypatch):
    monkeypatch.delenv("CAMPAIGNS_BATCH_SIZE", raising=False)
    monkeypatch.setenv("CAMPAIGNS_UNSUBSCRIBE_MAILTO", "  ")
    assert app_settings_from_environment(DECLARED) == {}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CAMPAIGNS_BATCH_SIZE", "zwanzig", "CAMPAIGNS_BATCH_SIZE must be a number (int), not 'zwanzig'"),
        ("CAMPAIGNS_SEND_RATE", "1,5", "CAMPAIGNS_SEND_RATE must be a number (float), not '1,5'"),
        ("CAMPAIGNS_QUEUE_CONFIRMATION_MAILS", "ja", "CAMPAIGNS_QUEUE_CONFIRMATION_MAILS must be one of"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_naming_the_variable(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=re.escape(message)):
        app_settings_from_environment(DECLARED)


def test_a_setting_is_held_to_its_declared_bounds():
    with override_settings(CAMPAIGNS_BATCH_SIZE=0, CAMPAIGNS_FEED_MAX_ITEMS=100, CAMPAIGNS_FEED_ITEMS=1000):
        assert app_settings.batch_size() == 1
        assert app_settings.feed_items() == 100
        assert app_settings.calendar_events() == 100  # by default, the cap


def test_every_declared_setting_says_what_it_is_for_and_what_it_defaults_to():
    assert len(DECLARED) >= 25
    for setting in DECLARED:
        assert setting.name.startswith("CAMPAIGNS_") and setting.help.strip()
        assert setting.default_text, setting.name


def test_a_default_that_is_another_setting_is_stated_by_its_name():
    assert app_settings.calendar_events.default_text == "``CAMPAIGNS_FEED_MAX_ITEMS``"


def test_numbers_of_the_host_are_refused_naming_the_variable(monkeypatch):
    monkeypatch.setenv("SECURE_HSTS_SECONDS", "ein Jahr")
    monkeypatch.setenv("Q_POLL", "0,5")
    with pytest.raises(
        ValueError, match=re.escape("SECURE_HSTS_SECONDS must be a number (int), not 'ein Jahr'")
    ):
        env_int("SECURE_HSTS_SECONDS", 0)
    with pytest.raises(ValueError, match=re.escape("Q_POLL must be a number (float), not '0,5'")):
        env_float("Q_POLL", 0.5)


def test_anymail_values_are_typed_booleans_and_json_but_tokens_stay_text(monkeypatch):
    monkeypatch.setenv("ANYMAIL_IGNORE_UNSUPPORTED_FEATURES", "false")
    monkeypatch.setenv("ANYMAIL_SEND_DEFAULTS", '{"tags": ["newsletter"]}')
    monkeypatch.setenv("ANYMAIL_POSTMARK_SERVER_TOKEN", "12345")
    monkeypatch.setenv("ANYMAIL_WEBHOOK_SECRET", "hook:secret")
    assert env_prefixed("ANYMAIL_") == {
        "IGNORE_UNSUPPORTED_FEATURES": False,
        "SEND_DEFAULTS": {"tags": ["newsletter"]},
        "POSTMARK_SERVER_TOKEN": "12345",
        "WEBHOOK_SECRET": "hook:secret",
    }
    monkeypatch.setenv("ANYMAIL_SEND_DEFAULTS", "{tags: newsletter}")
    with pytest.raises(ValueError, match="ANYMAIL_SEND_DEFAULTS must be valid JSON"):
        env_prefixed("ANYMAIL_")


def test_origin_patterns_become_anchored_expressions_of_whole_host_name_labels(monkeypatch):
    monkeypatch.setenv("CORS_ALLOWED_ORIGIN_PATTERNS", "https://*.Ludwigsburg.example/, https://app.example")
    municipal, exact = env_origin_patterns("CORS_ALLOWED_ORIGIN_PATTERNS")
    assert re.match(municipal, "https://asperg.ludwigsburg.example")
    assert re.match(municipal, "https://www.asperg.ludwigsburg.example")
    for foreign in (
        "https://ludwigsburg.example",
        "https://evil.example/.ludwigsburg.example",
        "https://a.ludwigsburg.example.evil",
    ):
        assert not re.match(municipal, foreign), foreign
    assert re.match(exact, "https://app.example") and not re.match(exact, "https://app.example.evil")
