"""Settings: defaults, the TOML file, environment overrides and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from sejuk.errors import SettingsError
from sejuk.settings import DEFAULT_SETTINGS_TOML, load_settings


def test_defaults_file_round_trips(tmp_path: Path) -> None:
    (tmp_path / "sejuk.toml").write_text(DEFAULT_SETTINGS_TOML)
    settings = load_settings(tmp_path, env={})
    assert settings.classifier.labels == ("hoaks", "provokasi")
    assert settings.db_url == f"sqlite:///{tmp_path / 'sejuk.db'}"
    assert settings.dashboard.address == "127.0.0.1"
    assert settings.privacy.store_author_handles is False


def test_environment_overrides_file(tmp_path: Path) -> None:
    (tmp_path / "sejuk.toml").write_text('[smtp]\nhost = "mail.local"\nport = 25\n')
    settings = load_settings(tmp_path, env={"SEJUK_SMTP_PORT": "2525",
                                            "SEJUK_DB_URL": "sqlite:///x.db",
                                            "SEJUK_SMTP_TLS": "ssl"})
    assert settings.smtp.host == "mail.local"
    assert settings.smtp.port == 2525
    assert settings.smtp.tls == "ssl"
    assert settings.db_url == "sqlite:///x.db"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[classifier.thresholds]\nhoaks = 1.5\n", "classifier.thresholds.hoaks"),
        ("[classifier.thresholds]\nhoax = 0.6\n",
         "classifier.thresholds.hoax: not a configured label"),
        ("[classifier]\nclaim_match_threshold = 0\n", "classifier.claim_match_threshold"),
        ("[classifier]\nclaim_match_threshold = 1.2\n", "classifier.claim_match_threshold"),
        ("[classifier]\nclaim_match_margin = -0.1\n", "classifier.claim_match_margin"),
        ('[collector]\nconcurrency = "many"\n', "collector.concurrency: expected an integer"),
        ('[smtp]\ntls = "maybe"\n', "smtp.tls"),
        ("[privacy]\nretention_days = 0\n", "privacy.retention_days"),
        ('[dashboard]\nlanguage = "fr"\n', "dashboard.language"),
        ("privacy = 3\n", "privacy: expected a table"),
        ('[privacy]\nstore_author_handles = "perhaps"\n', "expected true or false"),
    ],
)
def test_invalid_values_are_named(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "sejuk.toml").write_text(toml)
    with pytest.raises(SettingsError, match=message.replace(".", r"\.")):
        load_settings(tmp_path, env={})
