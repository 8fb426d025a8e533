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
        ("[classifier]\nself_training_pool = -1\n",
         "classifier.self_training_pool: must be at least 0"),
        ('[collector]\nconcurrency = "many"\n', "collector.concurrency: expected an integer"),
        ('[smtp]\ntls = "maybe"\n', "smtp.tls"),
        ("[privacy]\nretention_days = 0\n", "privacy.retention_days"),
        ('[dashboard]\nlanguage = "fr"\n', "dashboard.language"),
        ("[collector]\nread_timeout = 0\n", "collector.read_timeout: must be above 0"),
        ("[collector]\ndeadline = -5\n", "collector.deadline: must be above 0"),
        ("[collector]\nmax_bytes = 0\n", "collector.max_bytes: must be at least 1"),
        ("[collector]\ndefault_interval_minutes = -15\n",
         "collector.default_interval_minutes"),
        ("[collector]\nmax_redirects = -1\n", "collector.max_redirects"),
        ("[dashboard]\nsession_timeout_minutes = 0\n", "dashboard.session_timeout_minutes"),
        ("[dashboard]\nport = 70000\n", "dashboard.port: must be a port number"),
        ("[smtp]\nport = 0\n", "smtp.port: must be a port number"),
        ("privacy = 3\n", "privacy: expected a table"),
        ('[privacy]\nstore_author_handles = "perhaps"\n', "expected true or false"),
        # every command reads it: these were a ZoneInfoNotFoundError traceback
        ('timezone = "Mars/Base"\n', "timezone: unknown time zone 'Mars/Base'"),
        ('timezone = ""\n', "timezone: unknown time zone ''"),
        ('timezone = "../../etc/passwd"\n', "timezone: unknown time zone"),
    ],
)
def test_invalid_values_are_named(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "sejuk.toml").write_text(toml)
    with pytest.raises(SettingsError, match=message.replace(".", r"\.")):
        load_settings(tmp_path, env={})


@pytest.mark.parametrize(("env", "message", "indonesian"), [
    ({"SEJUK_LANGUAGE": "fr"}, "SEJUK_LANGUAGE (dashboard.language): must be id or en",
     "SEJUK_LANGUAGE (dashboard.language): harus id atau en"),
    ({"SEJUK_SMTP_PORT": "abc"}, "SEJUK_SMTP_PORT (smtp.port): expected an integer, got 'abc'",
     "SEJUK_SMTP_PORT (smtp.port): seharusnya bilangan bulat, tertulis 'abc'"),
])
def test_a_bad_environment_value_names_its_variable(tmp_path: Path, env: dict[str, str],
                                                    message: str, indonesian: str) -> None:
    """The operator set a variable, not the dotted setting the message used to name; both
    languages name it, and the value."""
    (tmp_path / "sejuk.toml").write_text(DEFAULT_SETTINGS_TOML)
    with pytest.raises(SettingsError) as caught:
        load_settings(tmp_path, env=env)
    assert str(caught.value) == message
    assert caught.value.in_language("id") == indonesian


@pytest.mark.parametrize(("toml", "message", "indonesian"), [
    ('[dashboard]\nlanguage = "fr"\n', "dashboard.language: must be id or en",
     "dashboard.language: harus id atau en"),
    ("[collector]\nmax_bytes = 0\n", "collector.max_bytes: must be at least 1",
     "collector.max_bytes: minimal 1"),
    ('[privacy]\nstore_author_handles = "perhaps"\n',
     "privacy.store_author_handles: expected true or false, got 'perhaps'",
     "privacy.store_author_handles: seharusnya true atau false, tertulis 'perhaps'"),
    ("[privacy]\nretention = 30\n", "privacy.retention: unknown setting",
     "privacy.retention: pengaturan tidak dikenal"),
])
def test_a_bad_file_value_names_the_file(tmp_path: Path, toml: str, message: str,
                                         indonesian: str) -> None:
    (tmp_path / "sejuk.toml").write_text(toml)
    with pytest.raises(SettingsError) as caught:
        load_settings(tmp_path, env={})
    assert str(caught.value) == f"{tmp_path / 'sejuk.toml'}: {message}"
    assert caught.value.in_language("id") == f"{tmp_path / 'sejuk.toml'}: {indonesian}"


def test_a_bad_setting_is_said_in_the_cli_language(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sejuk.cli import app

    (tmp_path / "sejuk.toml").write_text("[collector]\nconcurrency = 0\n")
    runner = CliRunner()
    result = runner.invoke(app, ["status", "--home", str(tmp_path)], env={"SEJUK_LANGUAGE": ""})
    assert result.stderr == f"error: {tmp_path / 'sejuk.toml'}: collector.concurrency: minimal 1\n"
    result = runner.invoke(app, ["--lang", "en", "status", "--home", str(tmp_path)])
    assert result.stderr == (f"error: {tmp_path / 'sejuk.toml'}: collector.concurrency: must be "
                             "at least 1\n")


def test_hostile_nesting_is_a_bad_settings_file_not_a_traceback(tmp_path: Path) -> None:
    """`a = [[[[...` thousands deep made Python's TOML parser raise RecursionError."""
    from sejuk.errors import WorkspaceError

    (tmp_path / "sejuk.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(WorkspaceError,
                       match=r"not a valid TOML settings file \(nested too deeply\)"):
        load_settings(tmp_path, env={})
