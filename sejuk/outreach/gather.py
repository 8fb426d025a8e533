"""Reads the database into the plain inputs of :mod:`sejuk.outreach.recommend`.

The I/O half of the recommendations: which kecamatan have TPS or signals in the
jurisdiction, their flagged items over the recent and baseline windows, their narratives
and debunks, the leaders registered there and when each was last met. Areas are ranked by
the priority engine (:func:`sejuk.priorities.compute_priorities`), the same ranking the
overview, the map and the digest show.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from sejuk.db.models import (
    Item,
    ItemRegion,
    Leader,
    Narrative,
    Outreach,
    OutreachLeader,
    Prediction,
    Region,
    Source,
    Tps,
)
from sejuk.outreach.recommend import (
    RECENT_DAYS,
    AreaRank,
    DebunkRef,
    LeaderCandidate,
    NarrativeSignal,
    Recommendation,
    build_recommendations,
)
from sejuk.phrases import one_line
from sejuk.priorities import compute_priorities
from sejuk.priorities import reasons as priority_reasons
from sejuk.regions.jurisdictions import optional_areas
from sejuk.settings import Settings
from sejuk.signals import (
    active_version_id,
    area_of,
    best_claim_links,
    claims_count,
    overlaps,
    prefix_filter,
    signal_labels,
    signalled_clause,
)
from sejuk.timeutil import local_day_bounds, zone_for_region

#: Days of the recent window; a narrative rises when it outgrows the same days before.
RECENT_WINDOW = 3
SUMMARY_CHARS = 280


@dataclass(frozen=True)
class Plan:
    """The recommendations for one day and jurisdiction."""

    day: date
    jurisdiction: str | None
    recommendations: list[Recommendation]


def _window(day: date, zone: ZoneInfo) -> tuple[datetime, datetime, datetime]:
    """(earlier window start, recent start, end): the recent window ends with ``day``."""
    _, end = local_day_bounds(day, zone)
    recent_start = end - timedelta(days=RECENT_WINDOW)
    return recent_start - timedelta(days=RECENT_WINDOW), recent_start, end


def signalled_rows(session: Session, version_id: int | None, claims: bool, since: datetime,
                   until: datetime, prefixes: list[str] | None
                   ) -> list[tuple[int, str, datetime, int | None, str]]:
    """(item id, region code, published, narrative id, label) of signalled items
    (:mod:`sejuk.signals`: flagged by the version, or claim-matched under ``hoaks``)
    tagged at kecamatan or desa level, one row per label the item counts under."""
    signalled = signalled_clause(Item.id, version_id, claims=claims)
    if signalled is None:
        return []
    query = (select(Item.id, ItemRegion.region_code, Item.published_at, Item.narrative_id)
             .join(ItemRegion, ItemRegion.item_id == Item.id)
             .where(signalled, Item.published_at >= since, Item.published_at < until,
                    ItemRegion.level.in_(["kecamatan", "desa"])))
    clause = prefix_filter(ItemRegion.region_code, prefixes)
    if clause is not None:
        query = query.where(clause)
    found = session.execute(query).all()
    ids = sorted({row[0] for row in found})
    flags: dict[int, set[str]] = defaultdict(set)
    for start in range(0, len(ids) if version_id is not None else 0, 500):
        for item_id, label in session.execute(
                select(Prediction.item_id, Prediction.label).where(
                    Prediction.model_version_id == version_id, Prediction.flagged.is_(True),
                    Prediction.item_id.in_(ids[start:start + 500]))):
            flags[item_id].add(label)
    matched = best_claim_links(session, ids) if claims else {}
    return [(item_id, code, published, narrative_id, label)
            for item_id, code, published, narrative_id in found
            for label in signal_labels(flags[item_id], item_id in matched, claims=claims)]


def _very_vulnerable_desa(session: Session, prefixes: list[str] | None
                          ) -> dict[str, set[str]]:
    """The desa holding Sangat Rawan TPS, per kecamatan: where a visit should focus."""
    query = select(Tps.region_code).where(Tps.level == 3).distinct()
    clause = prefix_filter(Tps.region_code, prefixes)
    if clause is not None:
        query = query.where(clause)
    very: dict[str, set[str]] = defaultdict(set)
    for (code,) in session.execute(query):
        kec = area_of(code, "kecamatan")
        if kec is not None:
            very[kec].add(code)
    return very


def _debunk_ref(item: Item, source: str, similarity: float | None) -> DebunkRef:
    text = " ".join((item.text or "").split())
    summary = text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS - 1] + "…"
    return DebunkRef(item.id, item.title or summary[:80], summary, item.link, source,
                     similarity)


def _debunks(session: Session, narrative_ids: set[int], item_ids: set[int]
             ) -> tuple[dict[int, DebunkRef], dict[int, DebunkRef]]:
    """Debunks per narrative (its own link: :func:`classifiers.claims.link_narratives`
    gives one only where half its members repeat the debunk's claim; one member's match
    once answered a whole call to gather with a denial about ballots) and per unclustered
    item (its best claim match)."""
    by_narrative: dict[int, tuple[int, float | None]] = {}
    if narrative_ids:
        for nid, debunk_id in session.execute(
                select(Narrative.id, Narrative.debunk_item_id)
                .where(Narrative.id.in_(narrative_ids), Narrative.debunk_item_id.is_not(None))):
            if debunk_id is not None:
                by_narrative[nid] = (debunk_id, None)
    by_item: dict[int, tuple[int, float | None]] = dict(
        best_claim_links(session, sorted(item_ids)))
    wanted = {d for d, _ in by_narrative.values()} | {d for d, _ in by_item.values()}
    items = {item.id: (item, name or "-") for item, name in session.execute(
        select(Item, Source.name).outerjoin(Source, Source.id == Item.source_id)
        .where(Item.id.in_(wanted)))} if wanted else {}

    def ref(pair: tuple[int, float | None]) -> DebunkRef | None:
        found = items.get(pair[0])
        return _debunk_ref(found[0], found[1], pair[1]) if found else None

    return ({k: r for k, v in by_narrative.items() if (r := ref(v))},
            {k: r for k, v in by_item.items() if (r := ref(v))})


def _narratives(session: Session, rows: list[tuple[int, str, datetime, int | None, str]],
                recent_start: datetime) -> dict[str, list[NarrativeSignal]]:
    """Per kecamatan: narratives (or unclustered flagged items) of the last two recent
    windows, counted per window. A narrative is worded by its latest flagged item in the
    area (the claim people are forwarding there now), not by its first member."""
    rising_start = recent_start - timedelta(days=RECENT_WINDOW)
    counts: dict[tuple[str, str], list[set[int]]] = defaultdict(lambda: [set(), set()])
    labels: dict[tuple[str, str], set[str]] = defaultdict(set)
    latest: dict[tuple[str, str], tuple[datetime, int]] = {}
    for item_id, code, published, narrative_id, label in rows:
        kec = area_of(code, "kecamatan")
        if kec is None or published < rising_start:
            continue
        key = f"narasi:{narrative_id}" if narrative_id else f"item:{item_id}"
        counts[(kec, key)][0 if published >= recent_start else 1].add(item_id)
        labels[(kec, key)].add(label)
        if published >= recent_start:
            latest[(kec, key)] = max(latest.get((kec, key), (published, item_id)),
                                     (published, item_id))
    narrative_ids = {int(k.split(":")[1]) for _, k in counts if k.startswith("narasi:")}
    item_ids = {int(k.split(":")[1]) for _, k in counts if k.startswith("item:")}
    wording_ids = {item_id for _, item_id in latest.values()}
    wording = {iid: (headline(title, text), (text or "")[:400])
               for iid, title, text in session.execute(
                   select(Item.id, Item.title, Item.text).where(Item.id.in_(wording_ids)))
               } if wording_ids else {}
    by_narrative, by_item = _debunks(session, narrative_ids, item_ids)
    out: dict[str, list[NarrativeSignal]] = defaultdict(list)
    for (kec, key), (recent, before) in sorted(counts.items()):
        if not recent:
            continue
        kind, raw_id = key.split(":")
        debunk = (by_narrative if kind == "narasi" else by_item).get(int(raw_id))
        title, sample = wording.get(latest[(kec, key)][1], (key, ""))
        out[kec].append(NarrativeSignal(key, title, len(recent), len(before),
                                        tuple(sorted(labels[(kec, key)])), debunk, sample))
    return out


def _priority_ranks(session: Session, settings: Settings, day: date,
                    jurisdiction: str | None, lang: str = "id") -> list[AreaRank]:
    """Kecamatan ranked by the priority engine over the recent window."""
    ranks = []
    for area in compute_priorities(session, settings, day=day, jurisdiction=jurisdiction,
                                   window_days=RECENT_WINDOW, level="kecamatan"):
        components = {"signal": round(area.signal_part, 3), "spike": round(area.spike_part, 3),
                      "vulnerability_factor": round(area.vulnerability_factor, 3)}
        ranks.append(AreaRank(area.code, area.name, round(area.score, 3), components,
                              priority_reasons(area, RECENT_WINDOW, lang)))
    return ranks


def _dialogue_days(session: Session, *where: ColumnElement[bool]
                   ) -> Iterator[tuple[int, date]]:
    """(leader id, local date) of each dialogue a leader is on the list of, among those
    ``where`` selects (the date on the dialogue's own clock: WIB, WITA or WIT)."""
    for leader_id, region_code, when in session.execute(
            select(OutreachLeader.leader_id, Outreach.region_code, Outreach.scheduled_at)
            .join(Outreach, Outreach.id == OutreachLeader.outreach_id).where(*where)):
        yield leader_id, when.astimezone(zone_for_region(region_code)).date()


def last_met(session: Session) -> dict[int, date]:
    """The local date of each leader's latest held dialogue (not counting no-shows)."""
    out: dict[int, date] = {}
    for leader_id, local in _dialogue_days(session, Outreach.status == "held",
                                           OutreachLeader.attended.is_not(False)):
        if leader_id not in out or local > out[leader_id]:
            out[leader_id] = local
    return out


def planned_invitations(session: Session, day: date,
                        recent_days: int = RECENT_DAYS) -> dict[int, date]:
    """The local date of the planned dialogue each leader is invited to: the next one on or
    after ``day``, else the latest of the last ``recent_days`` days whose outcome is not
    recorded yet (the leader may well have come: the log will say)."""
    out: dict[int, date] = {}
    since = datetime.combine(day - timedelta(days=recent_days + 1), time(), UTC)
    for leader_id, local in _dialogue_days(session, Outreach.status == "planned",
                                           Outreach.scheduled_at >= since):
        if (day - local).days > recent_days:
            continue
        known = out.get(leader_id)
        if known is None or _sooner(local, known, day):
            out[leader_id] = local
    return out


def _sooner(a: date, b: date, day: date) -> bool:
    """Whether ``a`` is the better date to name than ``b``: the nearest upcoming one, and
    among past ones the latest."""
    if (a >= day) != (b >= day):
        return a >= day
    return a < b if a >= day else a > b


def leader_candidates(session: Session, prefixes: list[str] | None,
                      day: date | None = None) -> list[LeaderCandidate]:
    """Active leaders under ``prefixes`` with their last held dialogue and, when ``day`` is
    given, the planned dialogue they are already invited to."""
    met = last_met(session)
    invited = planned_invitations(session, day) if day is not None else {}
    query = (select(Leader, Region.name).outerjoin(Region, Region.code == Leader.region_code)
             .where(Leader.active.is_(True)))
    clause = prefix_filter(Leader.region_code, prefixes)
    if clause is not None:
        query = query.where(clause)
    return [LeaderCandidate(lead.id, lead.name, lead.kind, lead.organisation,
                            lead.region_code, name or lead.region_code, met.get(lead.id),
                            invited.get(lead.id))
            for lead, name in session.execute(query)]


def plan_recommendations(session: Session, settings: Settings, *, day: date,
                         jurisdiction: str | None = None, limit: int = 10,
                         recent_days: int = RECENT_DAYS, lang: str = "id") -> Plan:
    """Recommended dialogues for ``day`` in ``jurisdiction`` (everything when None), their
    reasons and notes in ``lang`` (the printed plan and the CLI keep Indonesian)."""
    prefixes = optional_areas(session, jurisdiction)
    zone = ZoneInfo(settings.timezone)
    earlier_start, recent_start, end = _window(day, zone)
    rows = signalled_rows(session, active_version_id(session),
                          claims_count(settings.classifier.labels), earlier_start, end,
                          prefixes)
    narratives = _narratives(session, rows, recent_start)
    very = _very_vulnerable_desa(session, prefixes)

    hot_desa: dict[str, set[str]] = defaultdict(set)
    for _item_id, code, published, _nid, _label in rows:
        kec = area_of(code, "kecamatan")
        if kec is not None and code != kec and published >= recent_start:
            hot_desa[kec].add(code)

    ranks = [r for r in _priority_ranks(session, settings, day, jurisdiction, lang)
             if overlaps(r.code, prefixes)]  # covering it or a desa in it
    ranks = [AreaRank(r.code, r.name, r.score, r.components, r.reasons,
                      tuple(sorted(set(r.focus_desa) | hot_desa[r.code] | very[r.code])))
             for r in ranks]
    ranks = sorted(ranks, key=lambda a: (-a.score, a.code))[:limit]
    leaders = leader_candidates(session, [r.code for r in ranks], day) if ranks else []
    recs = build_recommendations(ranks, leaders, narratives, day, recent_days=recent_days,
                                 lang=lang)
    return Plan(day, jurisdiction, recs)


def headline(title: str | None, text: str | None, limit: int = 160) -> str:
    """What a talking point says an item says: its title, else its text on one line, cut
    with an ellipsis (cut bare, "bawa massa seban" read like the item's own words)."""
    if title and title.strip():
        return " ".join(title.split())
    return one_line(text or "", limit)
