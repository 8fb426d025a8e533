"""Settings: one immutable object built from ``sejuk.toml`` and ``SEJUK_*`` variables.

Read once at the edges (CLI callback, dashboard loader) and passed down, so that no module
reads configuration at import time and tests can build any configuration in memory.
Precedence: built-in defaults < ``sejuk.toml`` < environment.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sejuk.errors import SejukError, SettingsError, WorkspaceError
from sejuk.fsutil import load_toml
from sejuk.phrases import Phrases, Said

SETTINGS_FILE = "sejuk.toml"
_NOT_A_WORKSPACE: Phrases = {"missing": {
    "id": "{home}: bukan ruang kerja Sejuk (tidak ada {file}); jalankan `sejuk init --home {home}`",
    "en": "{home}: not a Sejuk workspace (no {file}); run `sejuk init --home {home}`",
}}
#: Why a setting cannot be used; ``where`` is the key, then where it came from (the
#: variable or the file: :func:`load_settings` restates it).
_SETTINGS: Phrases = {
    "time_zone": {"id": "{where}: zona waktu tidak dikenal: {value!r} (misalnya Asia/Jakarta, "
                        "Asia/Makassar, Asia/Jayapura)",
                  "en": "{where}: unknown time zone {value!r} (e.g. Asia/Jakarta, "
                        "Asia/Makassar, Asia/Jayapura)"},
    "wrong_type": {"id": "{where}: seharusnya {expected}, tertulis {value!r}",
                   "en": "{where}: expected {expected}, got {value!r}"},
    "bool": {"id": "true atau false", "en": "true or false"},
    "int": {"id": "bilangan bulat", "en": "an integer"},
    "float": {"id": "angka", "en": "a number"},
    "str": {"id": "teks", "en": "text"},
    "list": {"id": "daftar", "en": "a list"},
    "table": {"id": "tabel", "en": "a table"},
    "unknown": {"id": "{where}: pengaturan tidak dikenal", "en": "{where}: unknown setting"},
    "not_table": {"id": "{where}: seharusnya tabel", "en": "{where}: expected a table"},
    "above_0_at_most_1": {"id": "{where}: harus di atas 0 dan paling besar 1",
                          "en": "{where}: must be above 0 and at most 1"},
    "at_least_0_below_1": {"id": "{where}: harus paling kecil 0 dan di bawah 1",
                           "en": "{where}: must be at least 0 and below 1"},
    "not_label": {"id": "{where}: bukan label yang diatur ({labels})",
                  "en": "{where}: not a configured label ({labels})"},
    "between_0_1": {"id": "{where}: harus di antara 0 dan 1",
                    "en": "{where}: must be between 0 and 1"},
    "either": {"id": "{where}: harus {a} atau {b}", "en": "{where}: must be {a} or {b}"},
    "at_least": {"id": "{where}: minimal {minimum}", "en": "{where}: must be at least {minimum}"},
    "seconds": {"id": "{where}: harus di atas 0 detik", "en": "{where}: must be above 0 seconds"},
    "port": {"id": "{where}: harus nomor port dari 1 sampai 65535",
             "en": "{where}: must be a port number from 1 to 65535"},
    "not_toml": {"id": "{path}: bukan berkas pengaturan TOML yang valid ({why})",
                 "en": "{path}: not a valid TOML settings file ({why})"},
}
DEFAULT_DB_FILE = "sejuk.db"

#: Bawaslu-style TPS vulnerability indicators and their default weights. A TPS's score is
#: the sum of the weights of its indicators; the cut-offs below turn it into a level.
DEFAULT_INDICATOR_WEIGHTS: dict[str, float] = {
    "psu_history": 3.0,
    "violence_history": 3.0,
    "intimidation": 3.0,
    "sara_incitement": 3.0,
    "money_politics": 2.0,
    "non_neutral_officials": 2.0,
    "logistics_issue": 2.0,
    "hard_to_reach": 1.5,
    "no_signal": 1.0,
    "no_electricity": 1.0,
    "near_campaign_post": 1.0,
    "disaster_prone": 1.5,
    "many_additional_voters": 1.0,
}


@dataclass(frozen=True)
class DatabaseSettings:
    """Where the store lives; empty ``url`` means ``sqlite:///<home>/sejuk.db``."""

    url: str = ""


@dataclass(frozen=True)
class ClassifierSettings:
    """Labels and per-label thresholds; an item above no threshold is neutral."""

    labels: tuple[str, ...] = ("hoaks", "provokasi")
    #: Per-label overrides; a label without one uses the threshold stored with the model
    #: (its class-balanced operating point, chosen for macro-F1 at training).
    thresholds: dict[str, float] = field(default_factory=dict)
    #: How similar an item must be to a debunk's claim to be linked to it (0-1; chosen in
    #: benchmarks/claims: most forwards linked to their own debunk with at most 2% linked
    #: to a wrong one and 2% of unrelated texts linked).
    claim_match_threshold: float = 0.53
    #: 0 (off) or how far a best claim below classifiers.claims.SURE must be ahead of the
    #: best claim that does not restate it to be linked. Measured in benchmarks/claims
    #: (``--rules``): threshold 0.46 with margin 0.12 links 72.8% of forwards to their own
    #: debunk at 2.1% wrong (0.53 alone: 63.5%), but 4.9% of texts without a debunk link
    #: (1.9%), so it is off by default.
    claim_match_margin: float = 0.0
    #: How many of the workspace's most recent unlabelled items training may self-train
    #: on (classifiers.selftrain; 0 = never). Measured in benchmarks/adaptation.
    self_training_pool: int = 3000


@dataclass(frozen=True)
class PrivacySettings:
    """Authors are salted hashes unless an administrator opts in; raw text is kept only
    for ``retention_days``."""

    store_author_handles: bool = False
    retention_days: int = 180


DEFAULT_USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Chrome/131.0.0.0 Safari/537.36")


@dataclass(frozen=True)
class CollectorSettings:
    """Limits that keep one badly run source from hurting the others."""

    #: Browser-like by default: news sites answer bots and unknown clients with 403 or an
    #: anti-bot 502 (see the catalogue's notes). Set your own in ``[collector]``.
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 30.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    concurrency: int = 8
    default_interval_minutes: int = 15


@dataclass(frozen=True)
class ImportSettings:
    """``sejuk import``: a file over ``max_bytes`` or ``max_rows`` is refused before
    anything is read; valid files are stored ``batch_rows`` rows per transaction."""

    max_bytes: int = 200_000_000
    max_rows: int = 1_000_000
    batch_rows: int = 2000


@dataclass(frozen=True)
class DashboardSettings:
    """How the dashboard is served; bound to loopback unless configured otherwise."""

    address: str = "127.0.0.1"
    port: int = 8501
    language: str = "id"
    session_timeout_minutes: int = 60
    tile_url: str = ""
    login_required: bool = True
    #: Addresses of reverse proxies whose X-Forwarded-For is believed: login lockouts
    #: count per client address, and behind a proxy every client is the proxy otherwise.
    trusted_proxies: tuple[str, ...] = ()


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    user: str = ""
    password: str = ""
    tls: str = "starttls"
    sender: str = "sejuk@localhost"


@dataclass(frozen=True)
class DigestSettings:
    cutoff: str = "06:00"
    recipients: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class TpsSettings:
    """Transparent TPS scoring: indicator weights and the score at which a level starts."""

    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_INDICATOR_WEIGHTS))
    rawan_at: float = 2.0
    sangat_rawan_at: float = 5.0


@dataclass(frozen=True)
class ReportSettings:
    """Field reports: which OCR engine reads screenshots, and what is too big to read."""

    ocr_engine: str = "tesseract"
    max_image_mb: int = 10
    max_pixels: int = 40_000_000


@dataclass(frozen=True)
class Settings:
    """Everything configurable, for one workspace."""

    home: Path
    timezone: str = "Asia/Jakarta"
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    classifier: ClassifierSettings = field(default_factory=ClassifierSettings)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    collector: CollectorSettings = field(default_factory=CollectorSettings)
    imports: ImportSettings = field(default_factory=ImportSettings)
    dashboard: DashboardSettings = field(default_factory=DashboardSettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    digest: DigestSettings = field(default_factory=DigestSettings)
    tps: TpsSettings = field(default_factory=TpsSettings)
    reports: ReportSettings = field(default_factory=ReportSettings)

    @property
    def db_url(self) -> str:
        return self.database.url or f"sqlite:///{self.home / DEFAULT_DB_FILE}"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"


T = TypeVar("T")

_ENV_OVERRIDES: dict[str, tuple[str, str]] = {
    "SEJUK_DB_URL": ("database", "url"),
    "SEJUK_SMTP_HOST": ("smtp", "host"),
    "SEJUK_SMTP_PORT": ("smtp", "port"),
    "SEJUK_SMTP_USER": ("smtp", "user"),
    "SEJUK_SMTP_PASSWORD": ("smtp", "password"),
    "SEJUK_SMTP_TLS": ("smtp", "tls"),
    "SEJUK_DASHBOARD_ADDRESS": ("dashboard", "address"),
    "SEJUK_LANGUAGE": ("dashboard", "language"),
    "SEJUK_USER_AGENT": ("collector", "user_agent"),
    "SEJUK_OCR_ENGINE": ("reports", "ocr_engine"),
}


def _coerce(value: Any, annotation: Any, where: str) -> Any:
    """Check and convert one TOML/env value to the field's declared type."""
    origin = typing.get_origin(annotation)
    if annotation is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"1", "true", "yes", "0", "false", "no"}:
            return value.lower() in {"1", "true", "yes"}
        raise _wrong(where, "bool", value)
    if annotation is int:
        if isinstance(value, bool):
            raise _wrong(where, "int", value)
        try:
            return int(value)
        except (TypeError, ValueError):
            raise _wrong(where, "int", value) from None
    if annotation is float:
        if isinstance(value, bool):
            raise _wrong(where, "float", value)
        try:
            return float(value)
        except (TypeError, ValueError):
            raise _wrong(where, "float", value) from None
    if annotation is str:
        if not isinstance(value, str):
            raise _wrong(where, "str", value)
        return value
    if origin is tuple or origin is list:
        if not isinstance(value, list | tuple):
            raise _wrong(where, "list", value)
        (inner, *_) = typing.get_args(annotation) or (str,)
        items = [_coerce(v, inner, f"{where}[{i}]") for i, v in enumerate(value)]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        if not isinstance(value, Mapping):
            raise _wrong(where, "table", value)
        _, inner = typing.get_args(annotation)
        return {str(k): _coerce(v, inner, f"{where}.{k}") for k, v in value.items()}
    if isinstance(annotation, types.UnionType):
        return value
    return value


def _build(cls: type[T], data: Mapping[str, Any], where: str) -> T:
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise SettingsError.said(_SETTINGS, "unknown", where=f"{where}{key}")
        hint = hints[key]
        if dataclasses.is_dataclass(hint):
            if not isinstance(value, Mapping):
                raise SettingsError.said(_SETTINGS, "not_table", where=f"{where}{key}")
            kwargs[key] = _build(hint, value, f"{where}{key}.")  # type: ignore[arg-type]
        else:
            kwargs[key] = _coerce(value, hint, f"{where}{key}")
    return cls(**kwargs)


def _wrong(where: str, expected: str, value: Any) -> SettingsError:
    """A value of the wrong type, named with the key and the value found."""
    return SettingsError.said(_SETTINGS, "wrong_type", where=where, value=value,
                              expected=Said(_SETTINGS, expected))


def _at_least(where: str, minimum: int) -> SettingsError:
    return SettingsError.said(_SETTINGS, "at_least", where=where, minimum=minimum)


def _validate(settings: Settings) -> None:
    try:  # every command reads it: "Mars/Base" was a traceback naming no file
        ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError.said(_SETTINGS, "time_zone", where="timezone",
                                 value=settings.timezone) from None
    if not 0.0 < settings.classifier.claim_match_threshold <= 1.0:
        raise SettingsError.said(_SETTINGS, "above_0_at_most_1",
                                 where="classifier.claim_match_threshold")
    if not 0.0 <= settings.classifier.claim_match_margin < 1.0:
        raise SettingsError.said(_SETTINGS, "at_least_0_below_1",
                                 where="classifier.claim_match_margin")
    if settings.classifier.self_training_pool < 0:
        raise _at_least("classifier.self_training_pool", 0)
    for label, value in settings.classifier.thresholds.items():
        where = f"classifier.thresholds.{label}"
        if label not in settings.classifier.labels:
            raise SettingsError.said(_SETTINGS, "not_label", where=where,
                                     labels=", ".join(settings.classifier.labels))
        if not 0.0 < value < 1.0:
            raise SettingsError.said(_SETTINGS, "between_0_1", where=where)
    if settings.smtp.tls not in {"none", "starttls", "ssl"}:
        raise SettingsError.said(_SETTINGS, "either", where="smtp.tls", a="none, starttls",
                                 b="ssl")
    if settings.privacy.retention_days < 1:
        raise _at_least("privacy.retention_days", 1)
    if settings.reports.ocr_engine not in {"tesseract", "rapidocr"}:
        raise SettingsError.said(_SETTINGS, "either", where="reports.ocr_engine",
                                 a="tesseract", b="rapidocr")
    if settings.reports.max_image_mb < 1:
        raise _at_least("reports.max_image_mb", 1)
    if settings.dashboard.language not in LANGUAGES:
        raise SettingsError.said(_SETTINGS, "either", where="dashboard.language", a="id",
                                 b="en")
    for key in ("max_bytes", "max_rows", "batch_rows"):
        if getattr(settings.imports, key) < 1:
            raise _at_least(f"imports.{key}", 1)
    _validate_limits(settings)


def _validate_limits(settings: Settings) -> None:
    """Timeouts, caps and ports a run would otherwise trip over far from the setting (a
    zero read timeout showed as every source "timed out", blaming the sites)."""
    collector = settings.collector
    for key in ("connect_timeout", "read_timeout", "deadline"):
        if not getattr(collector, key) > 0:
            raise SettingsError.said(_SETTINGS, "seconds", where=f"collector.{key}")
    for key in ("max_bytes", "concurrency", "default_interval_minutes"):
        if getattr(collector, key) < 1:
            raise _at_least(f"collector.{key}", 1)
    if collector.max_redirects < 0:
        raise _at_least("collector.max_redirects", 0)
    if settings.dashboard.session_timeout_minutes < 1:
        raise _at_least("dashboard.session_timeout_minutes", 1)
    for where, port in (("dashboard.port", settings.dashboard.port),
                        ("smtp.port", settings.smtp.port)):
        if not 1 <= port <= 65535:
            raise SettingsError.said(_SETTINGS, "port", where=where)


def load_settings(
    home: Path, env: Mapping[str, str] | None = None, *, require_file: bool = True
) -> Settings:
    """Read ``home/sejuk.toml`` and the environment into a validated :class:`Settings`."""
    env = os.environ if env is None else env
    path = home / SETTINGS_FILE
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = load_toml(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise WorkspaceError.said(_SETTINGS, "not_toml", path=path, why=exc) from None
    elif require_file:
        raise WorkspaceError.said(_NOT_A_WORKSPACE, "missing", home=home, file=SETTINGS_FILE)
    from_env: dict[str, str] = {}
    for var, (section, key) in _ENV_OVERRIDES.items():
        if env.get(var):
            data.setdefault(section, {})[key] = env[var]
            from_env[f"{section}.{key}"] = var
    data.pop("home", None)
    try:
        settings = _build(Settings, {"home": str(home), **data}, "")
        settings = dataclasses.replace(settings, home=Path(home))
        _validate(settings)
    except SettingsError as exc:  # name where the bad value came from: variable or file
        if exc.phrase is None:  # every setting's refusal is said; none other is expected
            raise
        where = str(exc.phrase.values["where"])
        origin = f"{from_env[where]} ({where})" if where in from_env else f"{path}: {where}"
        raise SettingsError.said(exc.phrase.table, exc.phrase.key,
                                 **{**exc.phrase.values, "where": origin}) from None
    return settings


LANGUAGES = ("id", "en")


def configured_language(home: Path, env: Mapping[str, str] | None = None) -> str:
    """The language a workspace's settings ask for, read without opening it (for an error
    met before or while opening it): ``dashboard.language`` from ``SEJUK_LANGUAGE`` over
    ``sejuk.toml``; when those cannot be read, ``SEJUK_LANGUAGE`` if valid, else
    Indonesian."""
    env = os.environ if env is None else env
    try:
        return load_settings(home, env, require_file=False).dashboard.language
    except (SejukError, OSError):  # an unreadable sejuk.toml, a wrong value: not this error
        configured = env.get("SEJUK_LANGUAGE", "")
        return configured if configured in LANGUAGES else "id"


DEFAULT_SETTINGS_TOML = """\
# Sejuk workspace settings. Environment variables SEJUK_* override these.
timezone = "Asia/Jakarta"   # how times are shown (WIB); WITA: Asia/Makassar, WIT: Asia/Jayapura

[database]
# Empty means sejuk.db in this folder (SQLite). For PostgreSQL, e.g.
# url = "postgresql+psycopg://sejuk:secret@127.0.0.1/sejuk"  (or SEJUK_DB_URL)
url = ""

[classifier]
labels = ["hoaks", "provokasi"]
claim_match_threshold = 0.53   # 0-1: lower links more forwards, and more wrongly
claim_match_margin = 0.0       # 0 = off; e.g. 0.12 with threshold 0.46: more forwards linked
                               # at the same wrong links, more texts without a debunk linked
self_training_pool = 3000      # recent unlabelled items training may learn from (0 = none)

[classifier.thresholds]
# Leave empty to use each model's own threshold (shown by `sejuk models list`), e.g.
# hoaks = 0.6

[privacy]
store_author_handles = false   # true only by an administrator's decision
retention_days = 180

[collector]
# user_agent: sent with every request; a current desktop browser's by default, because
# news sites refuse bots and unknown clients (403, anti-bot 502). Or SEJUK_USER_AGENT.
# user_agent = "Mozilla/5.0 (X11; Linux x86_64) ... Chrome/131.0.0.0 Safari/537.36"
connect_timeout = 5.0
read_timeout = 10.0
deadline = 30.0
max_bytes = 10000000
concurrency = 8
default_interval_minutes = 15

[imports]
max_bytes = 200000000   # larger files are refused (split them or raise this)
max_rows = 1000000
batch_rows = 2000       # rows stored per transaction

[dashboard]
address = "127.0.0.1"
port = 8501
language = "id"
session_timeout_minutes = 60
login_required = true
tile_url = ""
# trusted_proxies = ["127.0.0.1"]   # behind nginx: count failed logins per real client

[reports]
# Field reports (Laporan): OCR engine for screenshots ("tesseract" or "rapidocr"),
# the largest screenshot accepted, and the largest picture in pixels.
ocr_engine = "tesseract"
max_image_mb = 10

[tps]
rawan_at = 2.0
sangat_rawan_at = 5.0
"""
