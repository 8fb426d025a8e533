"""``sejuk import FILE``: public posts exported by other tools, as CSV or JSONL.

Schema (one post per CSV row or JSON line; column names are case-insensitive):

=============  ========  ==============================================================
column         required  meaning
=============  ========  ==============================================================
text           yes*      the post's text (plain text or HTML)
title          no        a title, when the platform has one (*text or title required)
source         yes       name of the channel/account/group it came from; a source of
                         that name is reused, or created (disabled, ``import:`` URL)
published_at   yes       ISO 8601 (``2024-11-25T19:20:00+07:00``) or RFC 822; a time
                         without zone is read in the region's zone, else WIB
url            no        the post's address (deduplicated by its canonical form)
id             no        the post's id in the exporting tool (dedup key with source)
author         no        handle; stored as a salted hash unless handles are kept
platform       no        mastodon, bluesky, youtube, reddit, telegram or empty
region         no        Kemendagri code where the post was seen (e.g. ``32.09``)
hashtags       no        space- or comma-separated (CSV) or a list (JSONL)
kind           no        source kind for a new source: social (default), news, ...
=============  ========  ==============================================================

A file with any bad row is refused whole with the row numbers at fault (CSV rows count
the header as row 1; JSONL rows are line numbers), before anything is stored; so is a
file over the size cap (``[imports] max_bytes``, ``max_rows``). A valid file is stored in
batches of ``[imports] batch_rows`` rows, one transaction each (:func:`import_file`),
reading it a row at a time. Importing the same file again adds nothing: a post is found
again by (source, id), by canonical URL, or, without either, by its content; so an import
killed mid-way is finished by running it again.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from feeds.normalize import clean_text, content_hash, extract_hashtags, html_to_text
from feeds.parse import FeedEntry, outside_years, parse_datetime
from feeds.platforms import PLATFORMS, adapt_entry
from feeds.sources import SOURCE_KINDS
from feeds.store import store_entries
from sejuk.access.audit import record
from sejuk.db.models import Region, Source
from sejuk.errors import BadValue, InputError, invalid_rows, row_problem
from sejuk.fsutil import ENCODING_NAMES, FILE_PHRASES, user_file_encoding
from sejuk.phrases import Phrases, Said, say
from sejuk.regions.gazetteer import code_from_cell
from sejuk.regions.tagger import RegionTagger
from sejuk.settings import ImportSettings
from sejuk.tables import SCIENTIFIC, TABLE_PHRASES, header_key, read_table
from sejuk.timeutil import YEARS, as_utc, utc_now, zone_for_region
from sejuk.workspace import Workspace

COLUMNS = ("text", "title", "source", "published_at", "url", "id", "author", "platform",
           "region", "hashtags", "kind")
IMPORT_SCHEME = "import:"

#: ``progress(step, done, total)``; ``total`` is 0 while unknown.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ImportRow:
    """One validated post of an import file."""

    row: int
    source: str
    kind: str
    platform: str | None
    region: str | None
    entry: FeedEntry


@dataclass
class ImportResult:
    rows: int = 0
    new: int = 0
    duplicates: int = 0
    linked: int = 0
    sources_created: list[str] = field(default_factory=list)

    def summary(self, lang: str = "id") -> str:
        """The import in one sentence, in ``lang`` (``id`` or ``en``)."""
        return say(_SUMMARY, "read", lang, rows=self.rows, new=self.new,
                   known=self.duplicates + self.linked)


#: Why a posts import is refused: the file, or a row (CSV) or line (JSONL) and its value.
_ROWS: Phrases = {
    "line": {"id": "baris {line}: {problem}", "en": "line {line}: {problem}"},
    "not_text_list": {"id": "{field}: daftarnya berisi sesuatu yang bukan teks",
                      "en": "{field}: the list holds something that is not text"},
    "not_text": {"id": "{field} harus teks (hashtags: teks atau daftar teks), bukan {kind}",
                 "en": "{field} must be text (hashtags: text or a list of texts), not {kind}"},
    "header": {"id": "baris judul: perlu kolom source (atau beri --source), published_at dan "
                     "text (atau title); tertulis {found}",
               "en": "header: needs the columns source (or give --source), published_at and "
                     "text (or title); found {found}"},
    "not_json": {"id": "bukan JSON yang valid ({why})", "en": "not valid JSON ({why})"},
    "too_deep": {"id": "bukan JSON yang valid (bersarang terlalu dalam)",
                 "en": "not valid JSON (nested too deeply)"},
    "not_object": {"id": "bukan objek JSON", "en": "not a JSON object"},
    "format": {"id": "{name}: format harus csv atau jsonl, bukan {fmt!r}",
               "en": "{name}: format must be csv or jsonl, not {fmt!r}"},
    "too_many": {"id": "{name}: lebih dari {limit:,} baris (imports.max_rows); pecah berkasnya",
                 "en": "{name}: more than {limit:,} rows (imports.max_rows); split the file"},
    "empty": {"id": "{name}: berkas kosong; tidak ada baris untuk diimpor",
              "en": "{name}: the file is empty; no rows to import"},
    "no_rows": {"id": "{name}: tidak ada baris untuk diimpor", "en": "{name}: no rows to import"},
    "not_regular": {"id": "{path}: bukan berkas biasa", "en": "{path}: not a regular file"},
    "too_big": {"id": "{name}: {size:,.1f} MB melebihi batas impor {cap:,.1f} MB "
                      "(imports.max_bytes di sejuk.toml); pecah berkasnya atau naikkan batasnya",
                "en": "{name}: {size:,.1f} MB is over the import size cap of {cap:,.1f} MB "
                      "(imports.max_bytes in sejuk.toml); split the file or raise the cap"},
    "not_encoding": {"id": "{name}: bukan teks {encoding} (setelah baris {line}); tidak ada "
                           "yang diimpor",
                     "en": "{name}: not {encoding} text (after line {line}); nothing imported"},
    "no_source": {"id": "source kosong", "en": "source is empty"},
    "scientific_id": {
        "id": "id {value!r} ditulis dalam notasi ilmiah: Excel membacanya sebagai angka dan "
              "digit terakhirnya hilang, sehingga posting berbeda tampak sama; format kolom "
              "sebagai Teks dan ekspor ulang id-nya dari alat asalnya",
        "en": "id {value!r} is in scientific notation: Excel read it as a number and its "
              "last digits are lost, so different posts would look the same; format the "
              "column as Text and export the ids again from the tool they came from"},
    "no_text": {"id": "text dan title sama-sama kosong", "en": "text and title are both empty"},
    "no_date": {"id": "published_at kosong", "en": "published_at is empty"},
    "date_years": {"id": "published_at {value!r} di luar tahun {first}-{last}",
                   "en": "published_at {value!r} is outside the years {first}-{last}"},
    "bad_date": {"id": "published_at {value!r} bukan tanggal dan jam (ISO 8601, mis. "
                       "2024-11-25T19:20:00+07:00)",
                 "en": "published_at {value!r} is not a date and time (ISO 8601, e.g. "
                       "2024-11-25T19:20:00+07:00)"},
    "bad_url": {"id": "url {url!r} bukan alamat http(s)",
                "en": "url {url!r} is not an http(s) address"},
}


def _line(number: int, problem: object) -> Said:
    """``line N: problem`` for a JSONL import (a CSV's are rows: :func:`row_problem`)."""
    return Said(_ROWS, "line", {"line": number, "problem": problem})


_SUMMARY: Phrases = {"read": {"id": "{rows} baris dibaca: {new} item baru, {known} sudah ada",
                              "en": "{rows:|row|rows} read: {new:|new item|new items}, "
                                    "{known} already there"}}


def detect_format(name: str, content: str) -> str:
    """``jsonl`` or ``csv`` from the file name, else from the first character."""
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if lower.endswith(".csv"):
        return "csv"
    return "jsonl" if content.lstrip("\ufeff \t\r\n")[:1] == "{" else "csv"


def _records(lines: Iterable[str], fmt: str, errors: list[Said], name: str, *,
             need_source: bool = True
             ) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row or line number, lower-cased record) per CSV row or JSON line, one at a time.
    ``need_source`` is false when ``--source`` names the source of rows without one."""
    if fmt == "csv":
        table = read_table(lines, name)
        fields = [header_key(f) for f in table.header]
        if (("source" not in fields and need_source) or "published_at" not in fields
                or not {"text", "title"} & set(fields)):
            errors.append(Said(_ROWS, "header", {"found": ", ".join(fields) or "-"}))
            return
        for number, values, extra in table.records(fields):
            if extra:
                errors.append(row_problem(number, table.too_many(len(fields) + len(extra))))
                continue
            yield number, values
        return
    for number, line_text in enumerate(lines, start=1):
        if not line_text.strip():
            continue
        try:
            value = json.loads(line_text.lstrip("\ufeff"))
        except json.JSONDecodeError as exc:
            errors.append(_line(number, Said(_ROWS, "not_json", {"why": exc.msg})))
            continue
        except RecursionError:  # [[[[... thousands deep: Python's parser gives up
            errors.append(_line(number, Said(_ROWS, "too_deep")))
            continue
        if not isinstance(value, dict):
            errors.append(_line(number, Said(_ROWS, "not_object")))
            continue
        yield number, {str(k).strip().lower(): v for k, v in value.items()}


def iter_rows(lines: Iterable[str], session: Session, *, name: str, fmt: str,
              errors: list[Said], default_source: str | None = None,
              max_rows: int = ImportSettings.max_rows) -> Iterator[ImportRow]:
    """Validated rows, one at a time; a bad row is added to ``errors`` instead.

    Raises :class:`InputError` when the file holds more than ``max_rows`` rows.
    """
    if fmt not in {"csv", "jsonl"}:
        raise InputError.said(_ROWS, "format", name=name, fmt=fmt)
    known_regions: dict[str, bool] = {}
    where = row_problem if fmt == "csv" else _line  # README: CSV rows or JSONL lines
    for count, (number, record_) in enumerate(
            _records(lines, fmt, errors, name, need_source=default_source is None), start=1):
        if count > max_rows:
            raise InputError.said(_ROWS, "too_many", name=name, limit=max_rows)
        try:
            yield _row(number, record_, session, known_regions, default_source)
        except ValueError as exc:
            errors.append(where(number, exc))


def parse_import(content: str, session: Session, *, name: str = "import",
                 fmt: str | None = None, default_source: str | None = None
                 ) -> list[ImportRow]:
    """Validate every row of an import held in memory; raise one :class:`InputError`
    naming the bad rows."""
    if not content.strip():
        raise InputError.said(_ROWS, "empty", name=name)
    errors: list[Said] = []
    rows = list(iter_rows(io.StringIO(content.lstrip("\ufeff"), newline=""), session,
                          name=name, fmt=fmt or detect_format(name, content), errors=errors,
                          default_source=default_source))
    if errors:
        raise invalid_rows(name, errors)
    if not rows:
        raise InputError.said(_ROWS, "no_rows", name=name)
    return rows


def _text(record_: Mapping[str, Any], key: str) -> str:
    """A field as text: a JSONL list or object where text belongs is refused, naming the
    field (``{"source": ["a"]}`` made a source named "['a']"); a number reads as typed."""
    value = record_.get(key)
    if isinstance(value, (list, dict, bool)):
        raise BadValue.said(_ROWS, "not_text", field=key, kind=type(value).__name__)
    return "" if value is None else str(value).strip()


def _row(number: int, record_: Mapping[str, Any], session: Session,
         known_regions: dict[str, bool], default_source: str | None) -> ImportRow:
    source = _text(record_, "source") or (default_source or "")
    if not source:
        raise BadValue.said(_ROWS, "no_source")
    raw_text = _text(record_, "text")
    text = html_to_text(raw_text) if "<" in raw_text else clean_text(raw_text)
    title = html_to_text(_text(record_, "title"))
    if not (text or title):
        raise BadValue.said(_ROWS, "no_text")
    published_raw = _text(record_, "published_at")
    if not published_raw:
        raise BadValue.said(_ROWS, "no_date")
    published = parse_datetime(published_raw)
    if published is None:
        raise BadValue.said(_ROWS, "date_years" if outside_years(published_raw) else
                            "bad_date", value=published_raw, first=YEARS[0], last=YEARS[1])
    region = code_from_cell(_text(record_, "region")) or None  # 32.1: Excel's 32.10
    if region:
        if region not in known_regions:
            known_regions[region] = session.get(Region, region) is not None
        if not known_regions[region]:
            raise BadValue.said(TABLE_PHRASES, "unknown_region", code=region)
    if published.tzinfo is None:
        published = as_utc(published, zone_for_region(region))
    platform = _text(record_, "platform").lower() or None
    if platform is not None and platform not in PLATFORMS:
        raise BadValue.said(TABLE_PHRASES, "not_one_of", column="platform", value=platform,
                            choices=", ".join(PLATFORMS))
    kind = _text(record_, "kind").lower() or "social"
    if kind not in SOURCE_KINDS:
        raise BadValue.said(TABLE_PHRASES, "not_one_of", column="kind", value=kind,
                            choices=", ".join(SOURCE_KINDS))
    url = _text(record_, "url") or None
    if url and not re.match(r"^https?://[^\s/]+", url):
        raise BadValue.said(_ROWS, "bad_url", url=url)
    hashtags_raw = record_.get("hashtags")
    if isinstance(hashtags_raw, list):
        if not all(isinstance(t, str) for t in hashtags_raw):
            raise BadValue.said(_ROWS, "not_text_list", field="hashtags")
        tags = list(hashtags_raw)
    else:
        tags = re.split(r"[\s,;]+", _text(record_, "hashtags"))
    hashtags = [t.lstrip("#").lower() for t in tags if t.strip("# ")]
    hashtags += [h for h in extract_hashtags(f"{title} {text}") if h not in hashtags]
    post_id = _text(record_, "id")
    if SCIENTIFIC.match(post_id):  # posts whose ids share the digits left would be one post
        raise BadValue.said(_ROWS, "scientific_id", value=post_id)
    guid = post_id or url or "content:" + content_hash(title, text)
    entry = FeedEntry(guid=guid, link=url, title=title, text=text, published=published,
                      author=_text(record_, "author") or None, hashtags=tuple(hashtags))
    return ImportRow(row=number, source=source, kind=kind, platform=platform, region=region,
                     entry=adapt_entry(entry, platform) if platform else entry)


def store_import(session: Session, rows: list[ImportRow], *, salt: str, keep_handles: bool,
                 tagger: RegionTagger | None, actor: str, name: str,
                 now: datetime | None = None, audit: bool = True) -> ImportResult:
    """Store validated rows in the caller's transaction, creating missing sources; the
    import is audited in the same transaction unless ``audit`` is false (a later batch
    of an import audited with its first)."""
    now = now or utc_now()
    result = ImportResult(rows=len(rows))
    by_source: dict[str, list[ImportRow]] = {}
    for row in rows:
        by_source.setdefault(row.source, []).append(row)
    for source_name, group in by_source.items():
        source = session.scalar(select(Source).where(Source.name == source_name))
        if source is None:
            source = Source(name=source_name, url=IMPORT_SCHEME + _slug(source_name),
                            kind=group[0].kind, enabled=False, consecutive_failures=0,
                            interval_minutes=15, platform=group[0].platform, full_text=False)
            session.add(source)
            session.flush()
            result.sources_created.append(source_name)
        regions = {r.entry.guid: r.region for r in group if r.region}
        # Rows that are public posts lose the account name from their address whatever
        # kind of source they are filed under (an existing news source, say).
        for posts in (False, True):
            part = [r.entry for r in group if (r.kind == "social" or bool(r.platform)) == posts]
            if not part:
                continue
            stats = store_entries(session, source, part, salt=salt, keep_handles=keep_handles,
                                  tagger=tagger, now=now, entry_regions=regions, posts=posts)
            result.new += stats.new
            result.duplicates += stats.duplicates
            result.linked += stats.linked
    if audit:
        record(session, actor, "items.import", name, rows=result.rows, new=result.new,
               sources_created=result.sources_created)
    return result


def check_file(path: Path, limits: ImportSettings) -> int:
    """The file's size in bytes; refuses a missing, empty or over-large file before a
    byte of it is read."""
    try:
        if not path.is_file():
            raise InputError.said(FILE_PHRASES, "no_file", path=path) if not path.exists() \
                else InputError.said(_ROWS, "not_regular", path=path)
        size = path.stat().st_size
    except OSError as exc:
        raise InputError.said(FILE_PHRASES, "unreadable", path=path, why=exc.strerror) from None
    if size == 0:
        raise InputError.said(_ROWS, "empty", name=path.name)
    if size > limits.max_bytes:
        raise InputError.said(_ROWS, "too_big", name=path.name, size=size / 1e6,
                              cap=limits.max_bytes / 1e6)
    return size


def _lines(handle: IO[str], name: str, where: list[int]) -> Iterator[str]:
    """The file's lines; a byte its encoding cannot read becomes one clear error."""
    try:
        for line in handle:
            where[0] += 1
            yield line
    except UnicodeDecodeError:
        encoding = ENCODING_NAMES.get(str(handle.encoding), "UTF-8")
        raise InputError.said(_ROWS, "not_encoding", name=name, encoding=encoding,
                              line=where[0]) from None


def _read(path: Path, encoding: str, errors: str = "strict") -> IO[str]:
    try:
        return path.open(encoding=encoding, errors=errors, newline="")
    except OSError as exc:
        raise InputError.said(FILE_PHRASES, "unreadable", path=path, why=exc.strerror) from None


def import_file(workspace: Workspace, path: Path, *, fmt: str | None = None,
                default_source: str | None = None, actor: str,
                progress: Progress | None = None) -> ImportResult:
    """``sejuk import``: validate the whole file, then store it in bounded batches.

    The file is read twice, a row at a time, so memory stays bounded whatever its size:
    first every row is checked (a file with any bad row is refused whole, with the row
    numbers, before anything is stored), then rows are stored ``imports.batch_rows`` per
    transaction, each batch with its items' place in the ingest backlog. A run killed
    mid-way leaves whole batches; importing the file again adds only what is missing.
    """
    from sejuk.access.privacy import ensure_salt
    from sejuk.regions.tagger import default_tagger

    limits: ImportSettings = workspace.settings.imports
    name = path.name
    check_file(path, limits)
    encoding = user_file_encoding(path)
    with _read(path, encoding, "replace") as handle:  # a bad byte is named below, by line
        head = handle.read(4096)
    fmt = fmt or detect_format(name, head)
    report = progress or (lambda _step, _done, _total: None)
    errors: list[Said] = []
    rows = 0
    with workspace.session() as session, _read(path, encoding) as handle:
        for _ in iter_rows(_lines(handle, name, [0]), session, name=name, fmt=fmt,
                           errors=errors, default_source=default_source,
                           max_rows=limits.max_rows):
            rows += 1
            if rows % 1000 == 0:
                report("periksa", rows, 0)
    if errors:
        raise invalid_rows(name, errors)
    if not rows:
        raise InputError.said(_ROWS, "no_rows", name=name)
    report("periksa", rows, rows)
    result = ImportResult(rows=rows)
    with workspace.session() as session:
        salt = ensure_salt(session)
    keep = workspace.settings.privacy.store_author_handles
    tagger = default_tagger()
    batch: list[ImportRow] = []

    def store(batch: list[ImportRow]) -> None:
        first = not (result.new or result.duplicates or result.linked)
        with workspace.session() as session:
            part = store_import(session, batch, salt=salt, keep_handles=keep, tagger=tagger,
                                actor=actor, name=name, audit=False)
            if first:  # what is stored is audited, even if the run is killed later
                record(session, actor, "items.import", name, rows=rows, format=fmt)
        result.new += part.new
        result.duplicates += part.duplicates
        result.linked += part.linked
        result.sources_created += part.sources_created
        report("simpan", result.new + result.duplicates + result.linked, rows)

    with workspace.session() as reader, _read(path, encoding) as handle:
        for row in iter_rows(_lines(handle, name, [0]), reader, name=name, fmt=fmt,
                             errors=errors, default_source=default_source,
                             max_rows=limits.max_rows):
            batch.append(row)
            if len(batch) >= limits.batch_rows:
                store(batch)
                batch = []
        if batch:
            store(batch)
    return result


def _slug(name: str) -> str:
    """A readable, unique stand-in URL path for an imported source's name."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:80] or "sumber"
    return f"{slug}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"
