"""The daily rollup ``area_day_signals``: per model version, local day and area.

One row per area prefix at kab/kota, kecamatan and desa width, under the synthetic label
:data:`ANY`: the distinct items the version scored, the distinct items it flagged for any
label, and the weight of their flagged predictions (confidence x source reach, once per
label an item is flagged for). An item flagged for two labels or tagged with two desa of a
kecamatan is one item there and weighs once: these rows are the baseline of the spike rule
(:mod:`sejuk.signals.spikes`) and the priority score's intensity (:mod:`sejuk.priorities`).

Maintained when items are scored (:func:`add_to_rollup` for new items,
:func:`refresh_rollup` for re-scored ones), so readers cost areas x days, not items. A day
is the area's local day (WIB, WITA or WIT by province; Indonesia keeps no DST).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Date,
    and_,
    case,
    cast,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
    text,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from sejuk.db.models import AreaDaySignal, Item, ItemRegion, ItemSource, Prediction, Source
from sejuk.signals.areas import prefix_filter
from sejuk.timeutil import _WIT_PROVINCES, _WITA_PROVINCES, zone_for_region

#: Synthetic label of the per-area rows: distinct items, whatever their labels.
ANY = "*"
#: Widths of the per-area rows: kab/kota, kecamatan, desa.
AREA_WIDTHS = (5, 8, 13)
KIND_REACH = {"news": 1.0, "official": 1.0, "social": 0.7, "factcheck": 0.5}


def _hours_expr(code: Any) -> ColumnElement[Any]:
    prov = func.substr(code, 1, 2)
    return case((prov.in_(sorted(_WIT_PROVINCES)), 9),
                (prov.in_(sorted(_WITA_PROVINCES)), 8), else_=7)


def _local_day_expr(session: Session, ts: Any, code: Any) -> ColumnElement[Any]:
    """The item's calendar day in the area's own zone (Indonesia keeps no DST)."""
    hours = _hours_expr(code)
    if session.get_bind().dialect.name == "sqlite":
        return func.date(ts, func.printf("+%d hours", hours))
    return cast(func.timezone("UTC", ts) + hours * text("interval '1 hour'"), Date)


def _version_where(query: Any, version_id: int, where: ColumnElement[bool] | None) -> Any:
    if where is None:
        return query.where(Prediction.model_version_id == version_id)
    # A few (day, area) cells: "+ 0" keeps the planner off the version's index (a walk
    # of every prediction the version ever made) and on the cells' own rows.
    return query.where(Prediction.model_version_id + 0 == version_id, where)


def _reach_expr(session: Session) -> ColumnElement[Any]:
    """An item's source reach, for a query over ``Item`` outer-joined to its ``Source``:
    kind weight x ``min(1 + 0.5 x (outlets that carried it - 1), 3)``."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    least, greatest = (func.min, func.max) if sqlite else (func.least, func.greatest)
    outlets = (select(func.count()).where(ItemSource.item_id == Item.id)
               .correlate(Item).scalar_subquery())
    kind_reach = case(*[(Source.kind == k, v) for k, v in KIND_REACH.items()], else_=1.0)
    return kind_reach * least(1.0 + 0.5 * (greatest(outlets, 1) - 1), 3.0)


def item_reach(session: Session, item_ids: Sequence[int]) -> dict[int, float]:
    """item -> source reach, as the rollup weighs a flagged prediction's confidence (a
    claim match's similarity is weighed by the same reach). Read in chunks of 500 ids."""
    ids = list(dict.fromkeys(item_ids))
    reach = _reach_expr(session)
    out: dict[int, float] = {}
    for start in range(0, len(ids), 500):
        out.update((item_id, float(value)) for item_id, value in session.execute(
            select(Item.id, reach).outerjoin(Source, Source.id == Item.source_id)
            .where(Item.id.in_(ids[start:start + 500]))))
    return out


def _area_select(session: Session, version_id: int, width: int,
                 where: ColumnElement[bool] | None) -> Any:
    """Per-area :data:`ANY` rows at ``width``: distinct items scored and flagged, and the
    weight of the distinct flagged predictions (confidence x reach): an item tagged with
    two desa of a kecamatan is one item there, and weighs once."""
    code = func.substr(ItemRegion.region_code, 1, width).label("code")
    day = _local_day_expr(session, Item.published_at, ItemRegion.region_code).label("day")
    cells = _version_where(
        select(Prediction.model_version_id.label("version"), day, code,
               Prediction.item_id.label("item_id"), Prediction.label.label("label"),
               Prediction.flagged.label("flagged"),
               (Prediction.probability * _reach_expr(session)).label("weight"))
        .select_from(Prediction)
        .join(Item, Item.id == Prediction.item_id)
        .join(ItemRegion, ItemRegion.item_id == Prediction.item_id)
        .outerjoin(Source, Source.id == Item.source_id)
        .where(func.length(ItemRegion.region_code) >= width), version_id, where
    ).distinct().subquery()  # one row per (area, day, item, label), however many tags
    flagged_id = case((cells.c.flagged.is_(True), cells.c.item_id))
    return (select(cells.c.version, cells.c.day, cells.c.code, literal(ANY),
                   func.count(func.distinct(cells.c.item_id)),
                   func.count(func.distinct(flagged_id)),
                   func.coalesce(func.sum(case((cells.c.flagged.is_(True), cells.c.weight),
                                               else_=0.0)), 0.0))
            .group_by(cells.c.version, cells.c.day, cells.c.code))


_ROLLUP_COLUMNS = ["model_version_id", "day", "region_code", "label", "items", "flagged",
                   "weight"]


def _insert_rollup(session: Session, version_id: int,
                   where: ColumnElement[bool] | None) -> None:
    for width in AREA_WIDTHS:
        session.execute(insert(AreaDaySignal).from_select(
            _ROLLUP_COLUMNS, _area_select(session, version_id, width, where)))


def add_to_rollup(session: Session, version_id: int, item_ids: Sequence[int]) -> None:
    """Add the predictions of items the version scored for the first time to their cells.

    The cost follows the items, not the cells: a busy area-day holding 100,000 items is
    not recounted for every batch of new ones (which :func:`refresh_rollup` does, and
    must, when items are scored again). Only for items without an earlier contribution:
    then adding their distinct counts to an area's :data:`ANY` row keeps it distinct.
    """
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    session.flush()
    dialect_insert = pg_insert if session.get_bind().dialect.name == "postgresql" \
        else sqlite_insert
    ids = list(item_ids)
    table = AreaDaySignal.__table__
    for start in range(0, len(ids), 500):
        chunk = Prediction.item_id.in_(ids[start:start + 500])
        selects = [_area_select(session, version_id, width, chunk) for width in AREA_WIDTHS]
        rows = [dict(zip(_ROLLUP_COLUMNS, row, strict=True))
                for query in selects for row in session.execute(query)]
        for row in rows:  # SQLite computes the local day as text
            if isinstance(row["day"], str):
                row["day"] = date.fromisoformat(row["day"])
        if not rows:
            continue
        statement = dialect_insert(table).values(rows)
        session.execute(statement.on_conflict_do_update(
            index_elements=["model_version_id", "day", "region_code", "label"],
            set_={"items": table.c["items"] + statement.excluded["items"],
                  "flagged": table.c.flagged + statement.excluded.flagged,
                  "weight": table.c.weight + statement.excluded.weight}))


def rebuild_rollup(session: Session, version_id: int) -> None:
    """Recompute the whole rollup of one model version (after a full re-score)."""
    session.execute(delete(AreaDaySignal).where(AreaDaySignal.model_version_id == version_id))
    _insert_rollup(session, version_id, None)


def _touched_cells(session: Session, item_ids: Sequence[int]) -> dict[date, set[str]]:
    """(local day -> tagged region codes) of the items."""
    cells: dict[date, set[str]] = defaultdict(set)
    ids = list(item_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for code, published in session.execute(
            select(ItemRegion.region_code, Item.published_at)
            .join(Item, Item.id == ItemRegion.item_id).where(Item.id.in_(chunk))
        ):
            cells[published.astimezone(zone_for_region(code)).date()].add(code)
    return cells


def refresh_rollup(session: Session, version_id: int, item_ids: Sequence[int] | None = None
                   ) -> None:
    """Bring the rollup up to date for ``item_ids`` (None or very many: rebuild).

    The (day, area) cells of the areas holding the regions those items are tagged with
    are deleted and recomputed from every item in them, so re-scoring or re-tagging an
    item never counts it twice. An area cell at kab/kota
    width costs the items of that kab/kota-day: this runs on re-score and reflag, not on
    every collection round (new items go through :func:`add_to_rollup`).
    """
    if item_ids is None or len(item_ids) > 50_000:
        rebuild_rollup(session, version_id)
        return
    session.flush()
    sqlite = session.get_bind().dialect.name == "sqlite"
    for day, codes in _touched_cells(session, item_ids).items():
        lo = datetime.combine(day - timedelta(days=1), datetime.min.time(),
                              tzinfo=zone_for_region(None))
        hi = lo + timedelta(days=3)
        day_sql = _local_day_expr(session, Item.published_at, ItemRegion.region_code)
        in_day = and_(Item.published_at >= lo, Item.published_at < hi,
                      day_sql == (day.isoformat() if sqlite else day))
        for width in AREA_WIDTHS:
            areas = sorted({c[:width] for c in codes if len(c) >= width})
            if not areas:
                continue
            session.execute(delete(AreaDaySignal).where(
                AreaDaySignal.model_version_id == version_id, AreaDaySignal.day == day,
                AreaDaySignal.label == ANY, AreaDaySignal.region_code.in_(areas)))
            session.execute(insert(AreaDaySignal).from_select(
                _ROLLUP_COLUMNS, _area_select(session, version_id, width, and_(
                    in_day, prefix_filter(ItemRegion.region_code, areas)))))


def ensure_rollup(session: Session, version_id: int) -> None:
    """Build the rollup once for a version scored before the rollup (or its per-area
    :data:`ANY` rows) existed: upgrades a workspace without a migration."""
    has_rollup = session.scalar(select(exists().where(
        AreaDaySignal.model_version_id == version_id, AreaDaySignal.label == ANY)))
    if has_rollup:
        return
    # Only predictions of items with a region make rollup rows: asking for those, not for
    # any prediction, keeps a version whose items are all untagged from being rebuilt
    # (to nothing) on every read.
    has_tagged = session.scalar(select(exists().where(
        Prediction.model_version_id == version_id, Prediction.item_id == ItemRegion.item_id)))
    if has_tagged:
        rebuild_rollup(session, version_id)


__all__ = ["ANY", "KIND_REACH", "add_to_rollup", "ensure_rollup", "item_reach",
           "rebuild_rollup", "refresh_rollup"]
