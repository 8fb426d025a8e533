"""Managing sources: add, list with health, enable, disable, remove."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from feeds.fetch import check_url
from feeds.platforms import PLATFORMS, detect_platform
from feeds.terms import TERMS
from sejuk.db.models import ItemSource, Region, Source
from sejuk.errors import InputError, NotFound, invalid_rows, row_problem
from sejuk.fsutil import load_toml
from sejuk.phrases import Phrases, Said
from sejuk.regions.gazetteer import code_from_cell
from sejuk.tables import TABLE_PHRASES, header_key, read_table

SOURCE_KINDS = ("news", "factcheck", "social", "official")


@dataclass(frozen=True)
class SourceHealth:
    """A source as the health table and ``sources list --json`` show it."""

    name: str
    url: str
    kind: str
    region: str | None
    platform: str | None
    enabled: bool
    terms: str
    catalog_id: str | None
    interval_minutes: int
    items: int
    last_status: int | None
    last_error: str | None
    last_fetch_at: datetime | None
    last_success_at: datetime | None
    consecutive_failures: int
    next_due_at: datetime | None


#: A week: the longest a source may wait between polls.
MAX_INTERVAL = 7 * 24 * 60
#: Widths of the ``sources`` columns (PostgreSQL refuses longer text).
MAX_NAME, MAX_URL = 200, 2000


def add_source(
    session: Session,
    url: str,
    name: str,
    kind: str,
    *,
    region_code: str | None = None,
    interval_minutes: int = 15,
    timezone: str | None = None,
    platform: str | None = None,
    full_text: bool = False,
    terms: str = "full",
) -> Source:
    """Register a feed; the URL, kind and region are checked before anything is stored.

    The public-post platform is detected from the URL unless given, so that Mastodon,
    Bluesky, YouTube, Reddit and Telegram-bridge feeds get their specifics.
    """
    if not url.strip():
        raise _refused(name, Said(_SOURCES, "no_url"))
    reason = check_url(url)
    if reason:
        raise _refused(name, reason)
    if kind not in SOURCE_KINDS:
        raise _refused(name, _must_be("kind", SOURCE_KINDS))
    if not name.strip():
        raise InputError.said(_SOURCES, "no_name")
    if not 1 <= interval_minutes <= MAX_INTERVAL:  # a huge one overflowed every collect
        raise _refused(name, Said(_SOURCES, "interval", {"most": MAX_INTERVAL}))
    if len(name) > MAX_NAME or len(url) > MAX_URL:  # the database's column widths
        raise _refused(name[:60], Said(_SOURCES, "too_long", {"name": MAX_NAME,
                                                              "url": MAX_URL}))
    if any(ch < " " or ch == "\x7f" for ch in name):
        raise _refused(name.encode("unicode_escape").decode()[:60],
                       Said(_SOURCES, "control"))
    if terms not in TERMS:
        raise _refused(name, _must_be("terms", TERMS))
    if full_text and terms != "full":
        raise _refused(name, Said(_SOURCES, "full_text", {"terms": terms}))
    if platform is not None and platform not in PLATFORMS:
        raise _refused(name, _must_be("platform", PLATFORMS))
    if timezone:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise _refused(name, Said(_SOURCES, "time_zone", {"zone": timezone})) from None
    if region_code and session.get(Region, region_code) is None:
        raise _refused(name, Said(TABLE_PHRASES, "unknown_region", {"code": region_code}))
    clash = session.scalar(select(Source).where((Source.name == name) | (Source.url == url)))
    if clash is not None:
        raise _refused(name, Said(_SOURCES, "name_exists" if clash.name == name else
                                  "url_exists", {"other": clash.name}))
    source = Source(url=url, name=name.strip(), kind=kind, region_code=region_code,
                    interval_minutes=interval_minutes, timezone=timezone, enabled=True,
                    consecutive_failures=0, platform=platform or detect_platform(url),
                    full_text=full_text, terms=terms)
    session.add(source)
    try:
        session.flush()
    except IntegrityError:
        raise _refused(name, Said(_SOURCES, "exists")) from None
    return source


def get_source(session: Session, name: str) -> Source:
    source = session.scalar(select(Source).where(Source.name == name))
    if source is None:
        raise NotFound.said(_SOURCES, "no_source", name=name)
    return source


def set_enabled(session: Session, name: str, enabled: bool) -> Source:
    source = get_source(session, name)
    if enabled and source.url.startswith(("import:", "laporan:")):
        raise _refused(name, Said(_SOURCES, "no_feed"))
    source.enabled = enabled
    if enabled:
        source.next_due_at = None
    return source


def remove_source(session: Session, name: str) -> None:
    """Remove a source; its items stay (other sources or exports may need them)."""
    session.delete(get_source(session, name))


def source_health(session: Session) -> list[SourceHealth]:
    counts = dict(session.execute(
        select(ItemSource.source_id, func.count()).group_by(ItemSource.source_id)
    ).all())
    return [
        SourceHealth(
            name=s.name, url=s.url, kind=s.kind, region=s.region_code, platform=s.platform,
            enabled=s.enabled, terms=s.terms or "full", catalog_id=s.catalog_id,
            interval_minutes=s.interval_minutes, items=counts.get(s.id, 0),
            last_status=s.last_status, last_error=s.last_error, last_fetch_at=s.last_fetch_at,
            last_success_at=s.last_success_at, consecutive_failures=s.consecutive_failures,
            next_due_at=s.next_due_at,
        )
        for s in session.scalars(select(Source).order_by(Source.name))
    ]


SOURCE_FILE_COLUMNS = ("name", "url", "kind", "region", "interval", "timezone", "platform",
                       "full_text", "terms")


def read_sources_file(content: str, name: str) -> list[tuple[int, dict[str, Any]]]:
    """Rows of a sources file, each with its number for error messages.

    TOML: an array of tables ``[[source]]`` with the keys in
    :data:`SOURCE_FILE_COLUMNS` (the row number is the table's position, from 1). CSV:
    a header with those columns (the header is row 1).
    """
    if name.lower().endswith(".toml"):
        try:
            data = load_toml(content)
        except tomllib.TOMLDecodeError as exc:
            raise InputError.said(_SOURCES, "not_toml", name=name, why=exc) from None
        tables = data.get("source", data.get("sources"))
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise InputError.said(_SOURCES, "no_tables", name=name)
        wrong = [row_problem(i, Said(_SOURCES, _TOML_TYPES.get(key, ((), "quotes"))[1],
                                     {"key": key, "value": value}))
                 for i, t in enumerate(tables, start=1) for key, value in t.items()
                 if not _toml_type_ok(key, value)]
        if wrong:  # `url = ["..."]` said "scheme '(none)' is not allowed"
            raise invalid_rows(name, wrong)
        return [(i, dict(t)) for i, t in enumerate(tables, start=1)]
    table = read_table(content, name)
    fields = [header_key(f) for f in table.header]
    missing = [c for c in ("name", "url") if c not in fields]
    if missing:
        raise InputError.said(_SOURCES, "missing_columns", name=name,
                              columns=", ".join(missing),
                              expected=", ".join(SOURCE_FILE_COLUMNS))
    return [(number, {k: v.strip() for k, v in raw.items()}
             | {f"(column {len(fields) + i} has no name)": "" for i, _ in enumerate(extra, 1)})
            for number, raw, extra in table.records(fields)]


#: ``[[source]]`` keys that take more than text: the types they take and what a value of
#: another type is told (an interval of 30.5 was told to be "text in quotes").
_TOML_TYPES: dict[str, tuple[tuple[type, ...], str]] = {
    "interval": ((int, str), "whole_minutes"), "full_text": ((bool, str), "true_false")}


def _toml_type_ok(key: str, value: Any) -> bool:
    """Whether a ``[[source]]`` value has a type its key takes: text everywhere, or a type
    :data:`_TOML_TYPES` names (true/false is no number of minutes; unknown keys are
    refused later, with every other problem of their row)."""
    if key in _TOML_TYPES:
        types = _TOML_TYPES[key][0]
        return isinstance(value, types) and (bool in types or not isinstance(value, bool))
    return isinstance(value, str) or key not in SOURCE_FILE_COLUMNS


def add_sources(session: Session, rows: list[tuple[int, dict[str, Any]]], name: str,
                default_interval: int = 15) -> list[Source]:
    """Add every row or none: all rows are checked, and one error lists the bad ones."""
    errors: list[Said] = []
    added: list[Source] = []
    for number, row in rows:
        unknown = set(row) - set(SOURCE_FILE_COLUMNS)
        if unknown:
            errors.append(row_problem(number, Said(_SOURCES, "unknown_fields",
                                                   {"fields": ", ".join(sorted(unknown))})))
            continue
        try:
            given = row.get("interval")  # 0 is a value to refuse, not "use the default"
            raw_interval = str(default_interval if given in (None, "") else given).strip()
            if not raw_interval.isdigit():
                raise InputError.said(_SOURCES, "not_minutes", value=raw_interval)
            interval = int(raw_interval)
            full_text = str(row.get("full_text", "")).strip().lower() in {
                "1", "true", "yes", "ya"}
            # add_source checks everything before it adds anything, so a bad row leaves
            # no trace and the good rows are rolled back with the whole file.
            added.append(add_source(
                session, str(row.get("url") or "").strip(), str(row.get("name") or ""),
                str(row.get("kind") or "news").strip(),
                region_code=code_from_cell(str(row.get("region") or "")) or None,
                interval_minutes=interval,
                timezone=str(row.get("timezone") or "").strip() or None,
                platform=str(row.get("platform") or "").strip() or None,
                full_text=full_text,
                terms=str(row.get("terms") or "full").strip().lower()))
        except (InputError, ValueError) as exc:
            errors.append(row_problem(number, exc))
    if errors:
        raise invalid_rows(name, errors)
    if not added:
        raise InputError.said(_SOURCES, "no_sources", name=name)
    return added


def _refused(name: str, problem: Said) -> InputError:
    """``source 'NAME': problem``: a source refused, named."""
    return InputError.said(_SOURCES, "source", name=name, problem=problem)


def _must_be(field: str, choices: Sequence[str]) -> Said:
    return Said(_SOURCES, "must_be", {"field": field, "choices": ", ".join(choices)})


_SOURCES: Phrases = {
    "source": {"id": "sumber {name!r}: {problem}", "en": "source {name!r}: {problem}"},
    "no_url": {"id": "url wajib diisi (alamat feed-nya)",
               "en": "url is required (the feed's address)"},
    "must_be": {"id": "{field} harus salah satu dari {choices}",
                "en": "{field} must be one of {choices}"},
    "no_name": {"id": "nama sumber tidak boleh kosong", "en": "source name must not be empty"},
    "interval": {"id": "interval harus 1 sampai {most} menit (seminggu)",
                 "en": "interval must be 1 to {most} minutes (a week)"},
    "too_long": {"id": "nama paling panjang {name} karakter, URL {url}",
                 "en": "the name may hold at most {name} characters, the URL {url}"},
    "control": {"id": "nama berisi karakter kendali (baris baru, tab, escape)",
                "en": "the name holds control characters (line break, tab, escape)"},
    "full_text": {"id": "ketentuannya ({terms}) tidak mengizinkan menyimpan teks lengkap; "
                        "--full-text perlu ketentuan 'full'",
                  "en": "its terms ({terms}) do not allow storing the full text; --full-text "
                        "needs terms 'full'"},
    "time_zone": {"id": "zona waktu tidak dikenal: {zone!r}", "en": "unknown time zone {zone!r}"},
    "name_exists": {"id": "sudah ada sumber dengan nama ini ({other})",
                    "en": "a source with this name exists ({other})"},
    "url_exists": {"id": "sudah ada sumber dengan URL ini ({other})",
                   "en": "a source with this URL exists ({other})"},
    "exists": {"id": "sudah ada", "en": "already exists"},
    "no_source": {"id": "tidak ada sumber bernama {name!r}", "en": "no source named {name!r}"},
    "no_feed": {"id": "berisi kiriman impor atau laporan lapangan dan tidak punya feed untuk "
                      "diambil",
                "en": "holds imported posts or field reports and has no feed to poll"},
    "not_toml": {"id": "{name}: bukan TOML yang valid: {why}",
                 "en": "{name}: not valid TOML: {why}"},
    "no_tables": {"id": "{name}: seharusnya tabel [[source]] dengan name, url dan kind",
                  "en": "{name}: expected [[source]] tables with name, url and kind"},
    "quotes": {"id": "{key} harus teks dalam tanda kutip, bukan {value!r}",
               "en": "{key} must be text in quotes, not {value!r}"},
    "whole_minutes": {"id": "{key} harus bilangan bulat menit, bukan {value!r}",
                      "en": "{key} must be whole minutes, not {value!r}"},
    "true_false": {"id": "{key} harus true atau false, bukan {value!r}",
                   "en": "{key} must be true or false, not {value!r}"},
    "missing_columns": {"id": "{name}: kolom tidak ada: {columns}; seharusnya {expected}",
                        "en": "{name}: missing column(s) {columns}; expected {expected}"},
    "unknown_fields": {"id": "isian tidak dikenal: {fields}", "en": "unknown field(s) {fields}"},
    "not_minutes": {"id": "interval {value!r} bukan jumlah menit yang bulat",
                    "en": "interval {value!r} is not a whole number of minutes"},
    "no_sources": {"id": "{name}: tidak ada sumber di berkas",
                   "en": "{name}: no sources in the file"},
}
