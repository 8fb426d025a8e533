"""Reads of the item list and labelling pages: flagged items with why they are flagged,
paged and filtered, and the labels analysts gave them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from feeds.platforms import outside_link
from sejuk.db.models import (
    Item,
    ItemRegion,
    Label,
    ModelVersion,
    Narrative,
    Prediction,
    Region,
    Source,
)
from sejuk.signals import (
    best_claim_links,
    prefix_filter,
    signalled_clause,
)

TRIAGE_STATES: tuple[str, ...] = ("verified", "false_alarm", "urgent")


@dataclass(frozen=True)
class FlaggedItem:
    """One item as every list shows it: text, link, scores, reasons, debunk, narrative."""

    id: int
    title: str
    text: str
    link: str | None
    source: str
    source_kind: str
    published_at: datetime
    scores: dict[str, float]
    flags: list[str]
    reasons: dict[str, list[str]]
    regions: list[str]
    is_debunk: bool
    triage: str | None
    triage_by: str | None = None
    narrative_id: int | None = None
    narrative: str | None = None
    debunk_title: str | None = None
    debunk_link: str | None = None
    debunk_similarity: float | None = None
    #: The address lists and exports show (:func:`feeds.platforms.outside_link`); ``link``
    #: is the item page's source button, as published.
    outside_link: str | None = None
    #: The analyst who settled ``is_debunk`` (None: the rules recognised it).
    debunk_by: str | None = None

    @property
    def urgent(self) -> bool:
        return self.triage == "urgent"

    @property
    def confidence(self) -> float:
        return max(self.scores.values(), default=0.0)


@dataclass(frozen=True)
class ItemFilter:
    """What the item page (and exports) can narrow by; every field is optional.

    ``region_prefixes`` holds a jurisdiction's codes or one chosen area: an item matches
    when one of its regions is, or lies inside, one of them. ``only_flagged`` keeps the
    items the model flags *or* that match a debunked claim (a ``hoaks`` signal; with
    ``min_confidence``, its similarity must reach it).
    """

    labels: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    region_prefix: str | None = None
    min_confidence: float = 0.0
    source_kind: str | None = None
    only_flagged: bool = True
    region_prefixes: tuple[str, ...] = ()
    narrative_id: int | None = None
    triage: str | None = None
    search: str = ""
    debunk: bool | None = None
    #: Whether debunked-claim matches count as a signal: only where ``hoaks`` is a
    #: configured label (pages set it from the settings).
    claim_signal: bool = True


def _item_query(version: ModelVersion | None, flt: ItemFilter) -> Any:
    query = select(Item, Source.name, Source.kind).outerjoin(Source, Source.id == Item.source_id)
    # Conditions on other tables are correlated EXISTS probes of their primary keys (which
    # start with item_id), so the query walks items.published_at and stops after one page;
    # an IN (subquery) would first collect every matching id of the whole history.
    needs_prediction = flt.only_flagged or flt.labels or flt.min_confidence
    if needs_prediction:
        # The claim-matching signal stands beside the model's (and works without one):
        # an item repeating a debunked claim is a hoax lead even when the model is unsure.
        clause = signalled_clause(Item.id, version.id if version is not None else None,
                                  claims=flt.claim_signal, labels=flt.labels,
                                  min_confidence=flt.min_confidence,
                                  flagged_only=flt.only_flagged)
        if clause is None:
            return None
        query = query.where(clause)
    if flt.since:
        query = query.where(Item.published_at >= flt.since)
    if flt.until:
        query = query.where(Item.published_at < flt.until)
    if flt.source_kind:
        query = query.where(Item.source_id.in_(
            select(Source.id).where(Source.kind == flt.source_kind)))
    prefixes = [*flt.region_prefixes, *([flt.region_prefix] if flt.region_prefix else [])]
    if prefixes:
        areas = select(ItemRegion.item_id).where(
            ItemRegion.item_id == Item.id, prefix_filter(ItemRegion.region_code, prefixes))
        query = query.where(areas.exists())
    if flt.narrative_id is not None:
        query = query.where(Item.narrative_id == flt.narrative_id)
    if flt.triage == "none":
        query = query.where(Item.triage.is_(None))
    elif flt.triage:
        query = query.where(Item.triage == flt.triage)
    if flt.debunk is not None:
        query = query.where(Item.is_debunk.is_(flt.debunk))
    if flt.search.strip():
        pattern = f"%{flt.search.strip()}%"
        query = query.where(Item.title.ilike(pattern) | Item.text.ilike(pattern))
    return query


def flagged_items(session: Session, version: ModelVersion | None, flt: ItemFilter,
                  *, limit: int = 50, offset: int = 0) -> list[FlaggedItem]:
    """A page of items, newest first, with their scores and reasons under ``version``.

    The query walks ``items.published_at`` backwards and stops after ``limit`` rows, so
    a page costs the same with a thousand or a million items.
    """
    query = _item_query(version, flt)
    if query is None:
        return []
    query = query.order_by(Item.published_at.desc(), Item.id.desc()).limit(limit).offset(offset)
    return _build_items(session, version, session.execute(query).all())


def _build_items(session: Session, version: ModelVersion | None, rows: Sequence[Any]
                 ) -> list[FlaggedItem]:
    if not rows:
        return []
    ids = [row[0].id for row in rows]
    predictions: dict[int, list[Prediction]] = defaultdict(list)
    if version is not None:
        for p in session.scalars(select(Prediction).where(
                Prediction.model_version_id == version.id, Prediction.item_id.in_(ids))):
            predictions[p.item_id].append(p)
    names = dict(session.execute(
        select(Region.code, Region.name).join(ItemRegion, ItemRegion.region_code == Region.code)
        .where(ItemRegion.item_id.in_(ids))).all())
    narrative_ids = {row[0].narrative_id for row in rows if row[0].narrative_id}
    narratives = {n.id: n for n in session.scalars(
        select(Narrative).where(Narrative.id.in_(narrative_ids)))}
    matches = best_claim_links(session, ids)
    for narrative in narratives.values():  # a narrative's debunk serves its items too
        if narrative.debunk_item_id:
            for row in rows:
                if row[0].narrative_id == narrative.id and row[0].id not in matches:
                    matches[row[0].id] = (narrative.debunk_item_id, float("nan"))
    debunks = {i.id: i for i in session.scalars(
        select(Item).where(Item.id.in_({d for d, _ in matches.values()})))}
    out = []
    for item, source_name, source_kind in rows:
        preds = predictions[item.id]
        match = matches.get(item.id)
        debunk = debunks.get(match[0]) if match else None
        narrative = narratives.get(item.narrative_id or -1)
        similarity = match[1] if match and match[1] == match[1] else None
        out.append(FlaggedItem(
            id=item.id, title=item.title, text=item.text, link=item.link,
            source=source_name or "-", source_kind=source_kind or "-",
            published_at=item.published_at,
            scores={p.label: p.probability for p in preds},
            flags=[p.label for p in preds if p.flagged],
            reasons={p.label: list(p.reasons or []) for p in preds},
            regions=[names.get(r.region_code, r.region_code) for r in item.regions],
            is_debunk=item.is_debunk, debunk_by=item.debunk_by,
            triage=item.triage, triage_by=item.triage_by,
            narrative_id=item.narrative_id, narrative=narrative.title if narrative else None,
            debunk_title=debunk.title if debunk else None,
            debunk_link=debunk.link if debunk else None, debunk_similarity=similarity,
            outside_link=outside_link(item.link, item.url),
        ))
    return out


def urgent_items(session: Session, version: ModelVersion | None, *, limit: int = 10
                 ) -> list[FlaggedItem]:
    """Items an analyst marked urgent, newest first (``items.triage`` is indexed)."""
    return flagged_items(session, version, ItemFilter(only_flagged=False, triage="urgent"),
                         limit=limit)


def items_by_id(session: Session, version: ModelVersion | None, ids: Sequence[int]
                ) -> list[FlaggedItem]:
    """The given items with their scores, in the given order."""
    if not ids:
        return []
    rows = session.execute(select(Item, Source.name, Source.kind)
                           .outerjoin(Source, Source.id == Item.source_id)
                           .where(Item.id.in_(list(ids)))).all()
    built = {r.id: r for r in _build_items(session, version, rows)}
    return [built[i] for i in ids if i in built]


def item_labels(session: Session, item_ids: Sequence[int]) -> dict[int, list[tuple[int, str, int,
                                                                                 str]]]:
    """Labels already given: item id -> [(label id, label, value, by)]."""
    out: dict[int, list[tuple[int, str, int, str]]] = defaultdict(list)
    for row in session.scalars(select(Label).where(Label.item_id.in_(list(item_ids)))
                               .order_by(Label.id)):
        if row.item_id is not None:
            out[row.item_id].append((row.id, row.label, row.value, row.created_by))
    return out
