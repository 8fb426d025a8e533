"""``sejuk items export``: stored items as JSONL, CSV or an Excel workbook, recorded in the
audit log.

Each record carries what a reader outside Sejuk needs to judge an item: where it came
from (``source`` = the source that first delivered it, ``sources`` = all of them), when
(``published_at`` in UTC, ISO 8601), where it is about (``regions``), what the active
model thinks (``scores``: label -> probability), the narrative it belongs to, and the
debunk it repeats (``claim_match``: the best claim link, ``{"item_id", "similarity"}``, or
null), so a script can audit the links, and the labels Sejuk counts it under (``flags``,
:mod:`sejuk.signals`: the active model's flags, plus ``hoaks`` for a claim match), so an
export agrees with every count on screen. Author handles are never exported, only the
salted hash, whatever the privacy setting.

Items are read in pages of :data:`PAGE` rows, so a million-row export runs in constant
memory (the workbook too: openpyxl's write-only mode streams its rows); the audit entry
(who, when, how many, which filter) is written in its own transaction once the file is
complete.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sejuk.access.audit import record
from sejuk.db.models import (
    Item,
    ItemRegion,
    ItemSource,
    Prediction,
    Source,
)
from sejuk.exports import BOM, inert, write_xlsx
from sejuk.signals import active_version_id, best_claim_links, claims_count, signal_labels
from sejuk.workspace import Workspace

FORMATS = ("jsonl", "csv", "xlsx")
#: Rows one Excel sheet holds besides its header: a larger export is refused, not cut.
XLSX_MAX_ROWS = 1_048_575
PAGE = 1000
FIELDS = ("id", "url", "title", "text", "source", "sources", "platform", "published_at",
          "fetched_at", "language", "regions", "hashtags", "author_hash", "is_debunk",
          "narrative_id", "scores", "claim_match", "flags")


def iter_records(session: Session, since: datetime | None = None,
                 up_to_id: int | None = None, *, claims: bool = True
                 ) -> Iterator[dict[str, Any]]:
    """One dict per item (oldest first) with the fields in :data:`FIELDS`; ``up_to_id``
    leaves out items stored after an export was counted. ``flags`` are the labels Sejuk
    counts the item under (:func:`sejuk.signals.signal_labels`; ``claims`` as
    :func:`sejuk.signals.claims_count` of the configured labels)."""
    active = active_version_id(session)
    names = dict(session.execute(select(Source.id, Source.name)).all())
    platforms = dict(session.execute(select(Source.id, Source.platform)).all())
    last_key: tuple[datetime, int] | None = None
    while True:
        query = select(Item).order_by(Item.published_at, Item.id).limit(PAGE)
        if since is not None:
            query = query.where(Item.published_at >= since)
        if up_to_id is not None:
            query = query.where(Item.id <= up_to_id)
        if last_key is not None:
            query = query.where((Item.published_at > last_key[0])
                                | ((Item.published_at == last_key[0])
                                   & (Item.id > last_key[1])))
        items = list(session.scalars(query))
        if not items:
            return
        ids = [i.id for i in items]
        regions: dict[int, list[str]] = {}
        for item_id, code in session.execute(
                select(ItemRegion.item_id, ItemRegion.region_code)
                .where(ItemRegion.item_id.in_(ids)).order_by(ItemRegion.region_code)):
            regions.setdefault(item_id, []).append(code)
        sources: dict[int, list[str]] = {}
        for item_id, source_id in session.execute(
                select(ItemSource.item_id, ItemSource.source_id)
                .where(ItemSource.item_id.in_(ids)).order_by(ItemSource.seen_at)):
            sources.setdefault(item_id, []).append(names.get(source_id, "?"))
        scores: dict[int, dict[str, float]] = {}
        flagged: dict[int, list[str]] = {}
        if active is not None:
            for item_id, label, probability, is_flagged in session.execute(
                    select(Prediction.item_id, Prediction.label, Prediction.probability,
                           Prediction.flagged)
                    .where(Prediction.model_version_id == active,
                           Prediction.item_id.in_(ids))):
                scores.setdefault(item_id, {})[label] = round(float(probability), 4)
                if is_flagged:
                    flagged.setdefault(item_id, []).append(label)
        links = best_claim_links(session, ids)
        for item in items:
            yield {
                "id": item.id,
                "url": item.url or item.link,
                "title": item.title,
                "text": item.text,
                "source": names.get(item.source_id) if item.source_id else None,
                "sources": sources.get(item.id, []),
                "platform": platforms.get(item.source_id) if item.source_id else None,
                "published_at": item.published_at.isoformat(),
                "fetched_at": item.fetched_at.isoformat(),
                "language": item.language,
                "regions": regions.get(item.id, []),
                "hashtags": list(item.hashtags or []),
                "author_hash": item.author_hash,
                "is_debunk": bool(item.is_debunk),
                "narrative_id": item.narrative_id,
                "scores": scores.get(item.id, {}),
                "claim_match": ({"item_id": links[item.id][0],
                                 "similarity": round(links[item.id][1], 4)}
                                if item.id in links else None),
                "flags": list(signal_labels(flagged.get(item.id, ()), item.id in links,
                                            claims=claims)),
            }
        last_key = (items[-1].published_at, items[-1].id)
        session.expunge_all()


def write_export(session: Session, out: IO[str], fmt: str, since: datetime | None = None,
                 up_to_id: int | None = None, *, claims: bool = True, bom: bool = False
                 ) -> int:
    """Write every item (since ``since``, up to id ``up_to_id``) to ``out``; returns the
    number written. ``bom`` starts a CSV with the UTF-8 byte-order mark, for Excel."""
    count = 0
    if fmt == "jsonl":
        for row in iter_records(session, since, up_to_id, claims=claims):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt != "csv":
        raise ValueError(f"unknown export format {fmt!r}")
    if bom:
        out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=list(FIELDS), lineterminator="\n")
    writer.writeheader()
    for row in iter_records(session, since, up_to_id, claims=claims):
        writer.writerow({k: inert(v) if isinstance(v, str) else v
                         for k, v in _flat(row).items()})
        count += 1
    return count


def write_workbook(session: Session, out: IO[bytes], since: datetime | None = None,
                   up_to_id: int | None = None, *, claims: bool = True) -> int:
    """The CSV's table as one Excel sheet (:func:`sejuk.exports.write_xlsx`, as the
    dashboard's downloads): the way to hand an export to Excel in an Indonesian locale,
    which splits a CSV on ``;`` and shows a comma-separated one as a single column."""
    return write_xlsx((_flat(row) for row in iter_records(session, since, up_to_id,
                                                          claims=claims)), FIELDS, out)


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """A record as table cells: lists joined by spaces, mappings as JSON."""
    flat = dict(row)
    for key in ("sources", "regions", "hashtags", "flags"):
        flat[key] = " ".join(row[key])
    flat["scores"] = json.dumps(row["scores"], ensure_ascii=False, sort_keys=True)
    match = row["claim_match"]
    flat["claim_match"] = json.dumps(match, sort_keys=True) if match else ""
    return flat


def export_count(session: Session, since: datetime | None = None) -> tuple[int, int]:
    """How many items an export from ``since`` holds, and the newest item id to bound it
    by (``up_to_id``), so items collected while it streams are not written uncounted."""
    newest = int(session.scalar(select(func.max(Item.id))) or 0)
    query = select(func.count()).select_from(Item).where(Item.id <= newest)
    if since is not None:
        query = query.where(Item.published_at >= since)
    return int(session.scalar(query) or 0), newest


def export_to_stream(workspace: Workspace, out: IO[str], fmt: str, since: datetime | None,
                     actor: str, *, bom: bool = False) -> int:
    """Export to a stream a reader may stop early (``| head``): the audit entry, with the
    item count, is committed before a byte is written, and exactly the counted items are
    written: bounded by the newest id at count time and, on PostgreSQL (where ids are not
    committed in order), read in the count's REPEATABLE READ snapshot."""
    with workspace.session() as reader:
        if reader.get_bind().dialect.name == "postgresql":
            reader.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        count, newest = export_count(reader, since)
        with workspace.session() as writer:
            record_export(writer, actor, fmt, count, "stdout", since)
        return write_export(reader, out, fmt, since, up_to_id=newest, bom=bom,
                            claims=claims_count(workspace.settings.classifier.labels))


def record_export(session: Session, actor: str, fmt: str, count: int, target: str,
                  since: datetime | None) -> None:
    """The audit entry for an export: who took how many items where."""
    record(session, actor, "items.export", target, format=fmt, items=count,
           since=since.isoformat() if since else None)
