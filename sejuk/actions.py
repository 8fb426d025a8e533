"""Everything the dashboard can change, each guarded by a role check and audited.

The check lives here, in the function that performs the action, not in the page: a
hidden button is a convenience, and a crafted request (or a future page) that calls the
action still meets the role that :func:`sejuk.access.auth.guarded` declares. Each function takes
the caller's session (one transaction: the change and its audit entry commit together)
and the acting :class:`~sejuk.access.auth.Principal`. The leader registry
(:mod:`sejuk.outreach.leaders`), dialogues (:mod:`sejuk.outreach.plan`) and users
(:mod:`sejuk.access.auth`) declare their changes the same way beside their data.

    reporter submit field reports, see one's own
    viewer   read, export what a page shows
    analyst  + label, undo a label, triage items, override a TPS level
    admin    + train / promote / roll back models, add / disable sources, define operations
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sejuk import exports
from sejuk.access import audit
from sejuk.access.auth import Principal, guarded, require
from sejuk.db.models import Item, Operation, Source, Tps
from sejuk.errors import InputError, NotFound
from sejuk.phrases import Phrases
from sejuk.reads.items import TRIAGE_STATES
from sejuk.timeutil import utc_now
from sejuk.tps.roster import Level

if TYPE_CHECKING:
    from classifiers.dataset import LabelledSet
    from classifiers.registry import Activation
    from classifiers.workflow import DebunkSettled, TrainOutcome
    from sejuk.reports import ReportInput, ReportOutcome
    from sejuk.settings import Settings, TpsSettings
    from sejuk.workspace import Workspace

MAX_EXPORT_ROWS = 100_000


@guarded("analyst", "item.triage")
def set_triage(session: Session, principal: Principal, item_id: int, state: str | None) -> None:
    """Mark an item verified / false alarm / urgent (``None`` clears the mark)."""
    if state is not None and state not in TRIAGE_STATES:
        raise InputError.said(_REFUSALS, "triage", state=state, states=", ".join(TRIAGE_STATES))
    item = session.get(Item, item_id)
    if item is None:
        raise NotFound.said(_REFUSALS, "no_item", id=item_id)
    previous = item.triage
    item.triage = state
    item.triage_by = principal.username if state else None
    item.triage_at = utc_now() if state else None
    audit.record(session, principal.username, "item.triage", f"item:{item_id}",
                 state=state, previous=previous)


@guarded("analyst", "claim.set_debunk")
def set_debunk(session: Session, principal: Principal, item_id: int, verdict: bool | None,
               reason: str, settings: Settings) -> DebunkSettled:
    """An analyst's word on whether an item is a debunk (``None``: the rules decide
    again), with a reason; the item's flags and claim links follow in the same
    transaction (:func:`classifiers.workflow.settle_debunk`)."""
    from classifiers.workflow import settle_debunk

    return settle_debunk(session, principal.username, item_id, verdict, reason, settings)


@guarded("analyst", "label.add")
def add_label(session: Session, principal: Principal, item_id: int, label: str, value: int, *,
              labels: Sequence[str], drawn: str | None = None) -> int:
    """An analyst's 0/1 judgement for one label (the classifier's audited function);
    ``drawn`` says how the labelling queue drew the item, if it did."""
    from classifiers.labels import add_label as store_label

    return store_label(session, item_id, label, value, principal.username, labels=tuple(labels),
                       drawn=drawn)


@guarded("analyst", "label.undo")
def undo_label(session: Session, principal: Principal, label_id: int) -> None:
    from classifiers.labels import undo_label as remove_label

    remove_label(session, label_id, principal.username)


@guarded("analyst", "tps.override", "tps.override_clear")
def override_tps(session: Session, principal: Principal, tps_id: int,
                 level: int | str | None, reason: str,
                 settings: TpsSettings | None = None) -> Tps:
    """Set (or with ``None`` clear) an analyst's level for a TPS; a reason is required.
    ``level`` is 1-3 or a level's name ("Sangat Rawan"); with ``settings`` the computed
    level is refreshed too, so the explanation shown next is current."""
    from sejuk.tps.roster import set_override

    tps = session.get(Tps, tps_id)
    if tps is None:
        raise NotFound.said(_REFUSALS, "no_tps", id=tps_id)
    if isinstance(level, int) and level not in {int(lv) for lv in Level}:
        raise InputError.said(_REFUSALS, "level", level=level)
    return set_override(session, tps, Level(level) if isinstance(level, int) else level,
                        reason=reason, actor=principal.username, settings=settings)


@guarded("admin", "model.promote")
def promote_model(session: Session, principal: Principal, version_id: int, settings: Settings,
                  *, force: bool = False) -> Activation:
    from classifiers.registry import promote

    return promote(session, version_id, settings.models_dir, settings.classifier,
                   actor=principal.username, force=force)


@guarded("admin", "model.train", "model.promote")
def train_model(session: Session, principal: Principal, workspace: Workspace,
                data: LabelledSet | None = None, *, self_training: bool = True
                ) -> TrainOutcome:
    """Train a new version from ``data`` (by default the labels analysts gave in the
    dashboard on top of the starter corpus, what the Model page trains; ``sejuk train``
    passes its files): the labels the data judge are retrained, the others kept; the
    report and card are written, and the training is audited."""
    from classifiers.workflow import train_from_set, training_data

    if data is None:
        data = training_data(workspace, bundled=True, include_stored=True)
    return train_from_set(workspace, data, actor=principal.username, write_report=True,
                          self_training=self_training)


@guarded("admin", "model.rollback")
def rollback_model(session: Session, principal: Principal, settings: Settings) -> Activation:
    from classifiers.registry import rollback

    return rollback(session, settings.models_dir, settings.classifier, actor=principal.username)


@guarded("admin", "source.add")
def add_source(session: Session, principal: Principal, url: str, name: str, kind: str, *,
               region_code: str | None = None, interval_minutes: int = 15,
               **options: Any) -> Source:
    """Register a feed; ``options`` are :func:`feeds.sources.add_source`'s (timezone,
    platform, full_text, terms), which the command line offers."""
    from feeds.sources import add_source as register

    source = register(session, url.strip(), name.strip(), kind,
                      region_code=region_code or None, interval_minutes=interval_minutes,
                      **options)
    audit.record(session, principal.username, "source.add", source.name, url=source.url,
                 kind=kind)
    return source


@guarded("admin", "source.enable", "source.disable")
def set_source_enabled(session: Session, principal: Principal, name: str, enabled: bool
                       ) -> Source:
    from feeds.sources import set_enabled

    source = set_enabled(session, name, enabled)
    audit.record(session, principal.username, "source.enable" if enabled else "source.disable",
                 name)
    return source


@guarded("admin", "source.add_catalog")
def add_catalog_sources(session: Session, principal: Principal, *, province: str | None,
                        kind: str | None, min_confidence: str, default_interval: int
                        ) -> tuple[list[str], int]:
    """Add the shipped catalogue's entries for a province (national ones included);
    returns (names added, how many were already there). Audited."""
    from feeds.catalog import add_from_catalog, check_province, load_catalog, select_entries

    catalog = load_catalog()
    check_province(province)
    entries = select_entries(catalog, province=province, kind=kind,
                             min_confidence=min_confidence)
    result = add_from_catalog(session, entries, default_interval=default_interval)
    audit.record(session, principal.username, "source.add_catalog",
                 f"catalog:{catalog.version}", province=province, kind=kind,
                 min_confidence=min_confidence, added=result.added,
                 skipped=len(result.skipped))
    return result.added, len(result.skipped)


@guarded("reporter", "report.add")
def submit_report(workspace: Workspace, principal: Principal, report: ReportInput
                  ) -> list[ReportOutcome]:
    """A field report from the signed-in user (any role from reporter up): one answer
    per post (a pasted chat's messages are posts of their own)."""
    from sejuk.reports import submit_report as submit

    return submit(workspace, report, reporter=principal.username)


def my_reports(session: Session, principal: Principal, labels: Sequence[str]
               ) -> list[ReportOutcome]:
    """The signed-in user's own reports, and no one else's."""
    from sejuk.reports import reports_of

    require(principal, "reporter")
    return reports_of(session, principal.username, labels)


@guarded("admin", "operation.add")
def define_operation(session: Session, principal: Principal, name: str, starts_at: datetime,
                     ends_at: datetime) -> int:
    """Name a police operation period that every page can filter to."""
    name = " ".join(name.split())
    if not name:
        raise InputError.said(_REFUSALS, "no_name")
    if ends_at <= starts_at:
        raise InputError.said(_REFUSALS, "end_first", name=name)
    if session.scalar(select(Operation).where(Operation.name == name)) is not None:
        raise InputError.said(_REFUSALS, "operation_exists", name=name)
    operation = Operation(name=name, starts_at=starts_at, ends_at=ends_at)
    session.add(operation)
    session.flush()
    audit.record(session, principal.username, "operation.add", name,
                 starts_at=starts_at.isoformat(), ends_at=ends_at.isoformat())
    return operation.id


@guarded("viewer", "export")
def export_table(session: Session, principal: Principal, page: str,
                 rows: Sequence[Mapping[str, Any]], fmt: str, *,
                 filters: Mapping[str, Any] | None = None) -> bytes:
    """The rows a page shows, as CSV or XLSX; who exported what is audited."""
    if fmt not in exports.FORMATS:
        raise InputError.said(_REFUSALS, "export_format", fmt=fmt)
    if len(rows) > MAX_EXPORT_ROWS:
        raise InputError.said(_REFUSALS, "export_size", n=len(rows), limit=MAX_EXPORT_ROWS)
    data = exports.render(rows, fmt)
    audit.record(session, principal.username, "export", page, format=fmt, rows=len(rows),
                 filters={k: str(v) for k, v in (filters or {}).items()})
    return data


__all__ = ["MAX_EXPORT_ROWS", "add_catalog_sources", "add_label", "add_source",
           "define_operation", "export_table", "my_reports", "override_tps", "promote_model",
           "rollback_model", "set_source_enabled", "set_triage", "submit_report",
           "train_model", "undo_label"]


_REFUSALS: Phrases = {
    "triage": {"id": "triase {state!r}: harus salah satu dari {states}",
               "en": "triage {state!r}: must be one of {states}"},
    "no_item": {"id": "tidak ada item {id}", "en": "no item {id}"},
    "no_tps": {"id": "tidak ada TPS {id}", "en": "no TPS {id}"},
    "level": {"id": "tingkat {level!r}: harus 1, 2 atau 3",
              "en": "level {level!r}: must be 1, 2 or 3"},
    "no_name": {"id": "operasi perlu nama", "en": "an operation needs a name"},
    "end_first": {"id": "operasi {name!r}: akhirnya harus sesudah awalnya",
                  "en": "operation {name!r}: the end must be after the start"},
    "operation_exists": {"id": "operasi {name!r} sudah ada",
                         "en": "operation {name!r} already exists"},
    "export_format": {"id": "format ekspor {fmt!r}: harus csv atau xlsx",
                      "en": "export format {fmt!r}: must be csv or xlsx"},
    "export_size": {"id": "ekspor {n:,} baris ditolak: paling banyak {limit:,}",
                    "en": "export of {n} rows refused: at most {limit}"},
}
