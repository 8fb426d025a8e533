"""The digest's database side: fetch what :func:`sejuk.digest.build.build_digest` needs.

Only this module (and :mod:`sejuk.digest.deliver`) touches the database. Reads are
bounded by the digest window and the seven windows before it, so a digest costs the same
whatever the size of the archive.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from classifiers.figures import reported
from feeds.narratives import narrative_summaries
from feeds.platforms import outside_link
from sejuk.db.models import (
    Item,
    ItemRegion,
    ItemSource,
    ModelVersion,
    Narrative,
    Prediction,
    Region,
    Source,
)
from sejuk.digest.build import (
    ALL_JURISDICTIONS,
    BASELINE_DAYS,
    DAY,
    DEFAULT_ITEM_LIMIT,
    DigestInputs,
    FlaggedRow,
    FollowUpRow,
    ModelInfo,
    NarrativeFacts,
    Priority,
    SourceFacts,
    Window,
    area_key,
    digest_window,
    parse_cutoff,
)
from sejuk.phrases import one_line
from sejuk.priorities import compute_priorities
from sejuk.settings import Settings
from sejuk.signals import (
    CLAIM_LABEL,
    active_version,
    best_claim_links,
    claims_count,
    in_prefixes,
    signalled_clause,
    spikes,
    within,
)
from sejuk.timeutil import zone_for_region

log = logging.getLogger(__name__)


def resolve_jurisdiction(session: Session, name: str | None) -> tuple[str, list[str] | None]:
    """(canonical name, area code prefixes); ``None``/"all" is the whole workspace."""
    if not name or name.strip().lower() == ALL_JURISDICTIONS:
        return ALL_JURISDICTIONS, None
    from sejuk.regions.jurisdictions import resolve

    unit = resolve(session, name)
    return unit.name, list(unit.codes)


def jurisdiction_zone(prefixes: Sequence[str] | None, settings: Settings) -> ZoneInfo:
    """WIB/WITA/WIT of the jurisdiction's first area, else the workspace zone."""
    if prefixes:
        return zone_for_region(prefixes[0])
    return ZoneInfo(settings.timezone)


def model_info(session: Session, version: ModelVersion | None) -> ModelInfo | None:
    if version is None:
        return None
    metrics: dict[str, Any] = reported(session, version)
    kept = {name: values for name, values in (metrics.get("kept") or {}).items()
            if values.get("f1") is not None}
    figures = {**(metrics.get("labels") or {}), **kept}
    labels = {name: {k: float(v) for k, v in figures[name].items()
                     if isinstance(v, int | float) and k not in ("kept_from", "measured_in")}
              for name in version.labels if name in figures}
    macro = metrics.get("macro_f1")
    n = metrics.get("n")
    return ModelInfo(version=version.id, trained_at=version.trained_at,
                     macro_f1=float(macro) if macro is not None else None,
                     n=int(n) if n is not None else None, labels=labels,
                     kept={name: int(values["kept_from"]) for name, values in kept.items()})


def flagged_rows(session: Session, version: ModelVersion | None, window: Window,
                 prefixes: Sequence[str] | None, labels: Sequence[str] = (CLAIM_LABEL,)
                 ) -> list[FlaggedRow]:
    """Items signalled (:mod:`sejuk.signals`: flagged under ``version``, or matching a
    debunked claim when ``hoaks`` is among the ``labels``) in the window and the seven
    before it, tagged with a region in the jurisdiction (collection already tags an item
    with its source's region when its text names none)."""
    start = window.start - BASELINE_DAYS * DAY
    claims = claims_count(labels)
    signal = signalled_clause(Item.id, version.id if version is not None else None,
                              claims=claims)
    if signal is None:
        return []
    items = session.execute(
        select(Item.id, Item.title, func.substr(Item.text, 1, 400).label("snippet"), Item.link,
               Item.url, Item.published_at, Item.narrative_id, Source.name)
        .outerjoin(Source, Source.id == Item.source_id)
        .where(signal, Item.published_at >= start,
               Item.published_at < window.end)
    ).all()
    if not items:
        return []
    ids = [row.id for row in items]
    regions: dict[int, list[str]] = defaultdict(list)
    predictions: dict[int, list[Prediction]] = defaultdict(list)
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start:chunk_start + 500]
        for item_id, code in session.execute(
                select(ItemRegion.item_id, ItemRegion.region_code)
                .where(ItemRegion.item_id.in_(chunk)).order_by(ItemRegion.region_code)):
            regions[item_id].append(code)
        if version is not None:
            for p in session.scalars(select(Prediction).where(
                    Prediction.model_version_id == version.id, Prediction.item_id.in_(chunk))):
                predictions[p.item_id].append(p)
    links = best_claim_links(session, ids)
    debunks: dict[int, tuple[str, str | None, float]] = {}
    found = sorted({debunk_id for debunk_id, _ in links.values()})
    for chunk_start in range(0, len(found), 500):
        debunk_items = {d.id: d for d in session.scalars(
            select(Item).where(Item.id.in_(found[chunk_start:chunk_start + 500])))}
        for item_id, (debunk_id, similarity) in links.items():
            if (d := debunk_items.get(debunk_id)) is not None:
                debunks[item_id] = (headline(d.title, d.text), d.link, similarity)
    out = []
    for row in items:
        codes = regions.get(row.id, [])
        if not any(in_prefixes(code, prefixes) for code in codes) and prefixes is not None:
            continue
        preds = sorted(predictions[row.id], key=lambda p: p.label)
        debunk_title, debunk_link, similarity = debunks.get(row.id, (None, None, None))
        out.append(FlaggedRow(
            item_id=row.id, title=headline(row.title, row.snippet),
            link=outside_link(row.link, row.url),
            source=row.name or "-",
            published_at=row.published_at,
            flags=tuple(p.label for p in preds if p.flagged),
            scores={p.label: float(p.probability) for p in preds},
            reasons={p.label: list(p.reasons or []) for p in preds},
            region_codes=tuple(codes), narrative_id=row.narrative_id,
            debunk_title=debunk_title, debunk_link=debunk_link, claim_similarity=similarity,
            claims=claims))
    return out


def headline(title: str | None, text: str | None, limit: int = 140) -> str:
    """The title, or for untitled posts the first line of their text, shortened."""
    line = (title or "").strip() or next(
        (part.strip() for part in (text or "").splitlines() if part.strip()), "")
    return one_line(line, limit)


def _debunk_link(session: Session, item_id: int | None) -> tuple[str | None, str | None]:
    if item_id is None:
        return None, None
    debunk = session.get(Item, item_id)
    if debunk is None:
        return None, None
    return headline(debunk.title, debunk.text), debunk.link


def narrative_facts(session: Session, ids: Sequence[int], since: datetime
                    ) -> list[NarrativeFacts]:
    """Size, spread (distinct sources and areas) and debunk of the given narratives."""
    if not ids:
        return []
    wanted = set(ids)
    facts = []
    for n in narrative_summaries(session, since, limit=max(200, 4 * len(wanted))):
        if n.id not in wanted:
            continue
        debunk_title, debunk_link = _debunk_link(session, n.debunk_item_id)
        facts.append(NarrativeFacts(id=n.id, title=n.title, size=n.size,
                                    first_seen=n.first_seen, last_seen=n.last_seen,
                                    sources=len(n.sources), area_codes=tuple(n.regions),
                                    debunk_title=debunk_title, debunk_link=debunk_link))
    found = {f.id for f in facts}
    if len(found) < len(wanted):
        facts.extend(_narrative_facts_direct(session, sorted(wanted - found)))
    return facts


def _narrative_facts_direct(session: Session, ids: Sequence[int]) -> list[NarrativeFacts]:
    """The same facts read from the tables (narratives beyond the summary's limit)."""
    facts = []
    for n in session.scalars(select(Narrative).where(Narrative.id.in_(ids))):
        members = select(Item.id).where(Item.narrative_id == n.id)
        sources = session.scalar(select(func.count(func.distinct(ItemSource.source_id)))
                                 .where(ItemSource.item_id.in_(members))) or 0
        codes = tuple(session.scalars(select(ItemRegion.region_code).distinct()
                                      .where(ItemRegion.item_id.in_(members))))
        # the narrative's own link (classifiers.claims.link_narratives), never one
        # member's match: that answered a whole call to gather with a ballot denial
        debunk_title, debunk_link = _debunk_link(session, n.debunk_item_id)
        facts.append(NarrativeFacts(id=n.id, title=n.title, size=n.size,
                                    first_seen=n.first_seen, last_seen=n.last_seen,
                                    sources=int(sources), area_codes=codes,
                                    debunk_title=debunk_title, debunk_link=debunk_link))
    return facts


def source_facts(session: Session) -> list[SourceFacts]:
    return [SourceFacts(name=s.name, kind=s.kind, consecutive_failures=s.consecutive_failures,
                        last_status=s.last_status, last_error=s.last_error,
                        last_success_at=s.last_success_at, last_fetch_at=s.last_fetch_at)
            for s in session.scalars(select(Source).where(Source.enabled.is_(True))
                                     .order_by(Source.name))]


def overdue_follow_ups(session: Session, day: date, jurisdiction: str | None
                       ) -> list[FollowUpRow]:
    """Open follow-ups due before ``day``, as the outreach log defines them (cancelled
    dialogues excluded), so digest, overview and outreach pages agree."""
    from sejuk.outreach.plan import overdue_follow_ups as outreach_overdue

    return [FollowUpRow(id=f.id, description=f.description, owner=f.owner,
                        due_date=f.due_date, days_overdue=f.days_overdue(day),
                        region_code=f.region_code, region_name=f.region_name)
            for f in outreach_overdue(session, day, jurisdiction)]


def _leaders_by_area(session: Session, areas: Sequence[str], day: date
                     ) -> dict[str, list[str]]:
    """Leaders to meet per area, by the outreach page's own suggestion rules (nearest,
    not met recently, a mix of kinds), so the digest and the Dialog page agree."""
    from sejuk.outreach.gather import leader_candidates
    from sejuk.outreach.recommend import suggest_leaders

    if not areas:
        return {}
    candidates = leader_candidates(session, list(areas), day)
    return {area: [f"{s.leader.name} ({s.leader.kind.replace('_', ' ')})"
                   for s in suggest_leaders(candidates, area, (), day)]
            for area in areas}


def _ranked_areas(session: Session, settings: Settings, day: date,
                  jurisdiction: str | None) -> list[dict[str, Any]]:
    """The priority engine's ranking (TPS vulnerability x signals), as the overview shows it.

    Its days are local calendar days: the digest of ``day`` (cut off in the morning)
    mostly covers the day before, so that is the day ranked.
    """
    out = []
    for p in compute_priorities(session, settings, day=day - DAY, jurisdiction=jurisdiction,
                                window_days=1):
        if p.score <= 0 or p.flagged <= 0:
            continue  # vulnerable but quiet: not a priority for today's outreach
        tps = dict(p.tps)
        worst = next((label for label in ("Sangat Rawan", "Rawan", "Kurang Rawan")
                      if tps.get(label)), None)
        out.append({"code": p.code, "name": p.name, "score": round(float(p.score), 2),
                    "worst_level": worst,
                    "vulnerable_tps": int(tps.get("Rawan", 0) + tps.get("Sangat Rawan", 0)),
                    "signals": int(p.flagged),
                    "components": {
                        "vulnerability": round(float(p.vulnerability), 3),
                        "intensity": round(float(p.intensity), 3),
                        "surprise": round(float(p.surprise), 3),
                        "signal_part": round(float(p.signal_part), 3),
                        "spike_part": round(float(p.spike_part), 3),
                        "vulnerability_factor": round(float(p.vulnerability_factor), 3)}})
    return out


def priorities(session: Session, settings: Settings, day: date, jurisdiction: str | None,
               names: dict[str, str], overdue: Sequence[FollowUpRow],
               topics_by_area: dict[str, list[str]], limit: int = 5) -> list[Priority]:
    ranked = _ranked_areas(session, settings, day, jurisdiction)[:limit]
    codes = [p["code"] for p in ranked if p["code"]]
    leaders = _leaders_by_area(session, codes, day)
    out = []
    for p in ranked:
        code = p["code"]
        area_leaders = leaders.get(code, [])[:4]
        topics = topics_by_area.get(code, [])[:3]
        out.append(Priority(
            code=code, name=p["name"] or names.get(code, code), score=p["score"],
            worst_level=p["worst_level"], vulnerable_tps=p["vulnerable_tps"],
            signals=p["signals"], components=p["components"], leaders=area_leaders,
            topics=topics, recommendation="dialog" if area_leaders else "forkopimca",
            overdue=[f for f in overdue if within(f.region_code, code)]))
    return out


def region_names(session: Session, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    names: dict[str, str] = {}
    listed = sorted(codes)
    for start in range(0, len(listed), 500):
        names.update(session.execute(select(Region.code, Region.name)
                                     .where(Region.code.in_(listed[start:start + 500]))).all())
    return names


def gather_inputs(session: Session, settings: Settings, day: date,
                  jurisdiction: str | None = None, *, language: str = "id",
                  item_limit: int = DEFAULT_ITEM_LIMIT,
                  now: datetime | None = None) -> DigestInputs:
    """Everything the digest of ``day`` for ``jurisdiction`` shows, read in one session."""
    name, prefixes = resolve_jurisdiction(session, jurisdiction)
    zone = jurisdiction_zone(prefixes, settings)
    window = digest_window(day, parse_cutoff(settings.digest.cutoff), zone)
    version = active_version(session)
    rows = flagged_rows(session, version, window, prefixes, settings.classifier.labels)
    today = [r for r in rows if window.contains(r.published_at)]
    narrative_ids = sorted({r.narrative_id for r in today if r.narrative_id is not None})
    narratives = narrative_facts(session, narrative_ids, window.start)
    codes = {c for r in rows for c in r.region_codes}
    codes |= {k for c in list(codes) if (k := area_key(c))}
    codes |= {c for n in narratives for c in n.area_codes}
    codes |= {k for n in narratives for c in n.area_codes if (k := area_key(c))}
    names = region_names(session, codes)
    overdue = overdue_follow_ups(session, day, jurisdiction)
    topics: dict[str, list[str]] = defaultdict(list)
    for r in sorted(today, key=lambda r: -max(r.scores.values(), default=0.0)):
        for key in {k for k in map(area_key, r.region_codes) if k}:
            title = headline(r.debunk_title or r.title, None, limit=90)
            if title and title not in topics[key]:
                topics[key].append(title)
    ranked = priorities(session, settings, day, None if prefixes is None else name, names,
                        overdue, topics)
    picture = digest_map(session, settings, day, None if prefixes is None else name, language,
                         [p.code for p in ranked])
    # The one spike rule on the local day the priorities rank, and the day before (new?).
    area_spikes = spikes(session, version.id if version is not None else None,
                         day=day - DAY, days=2, prefixes=prefixes,
                         claims=claims_count(settings.classifier.labels))
    names.update(region_names(session, ({p.code for p in ranked} | set(area_spikes))
                              - set(names)))
    return DigestInputs(
        day=day, jurisdiction=name, jurisdiction_name=name, window=window,
        labels=tuple(settings.classifier.labels), rows=rows, region_names=names,
        narratives=narratives, priorities=ranked, overdue=overdue,
        sources=source_facts(session), model=model_info(session, version), generated_at=now,
        language=language, item_limit=item_limit, map_svg=picture, spikes=area_spikes)


def digest_map(session: Session, settings: Settings, day: date, jurisdiction: str | None,
               language: str, ranked: Sequence[str]) -> str:
    """The jurisdiction coloured by the day's priority score (the ranking the digest
    lists, same day and window: kecamatan, or kabupaten/kota for a province or more), its
    listed areas numbered as in the list, as inline SVG."""
    from sejuk.maps import svg as staticmap
    from sejuk.maps.view import map_data

    data = map_data(session, settings, scope=jurisdiction, day=day - DAY, window_days=1,
                    lang=language)
    if not data.areas:
        return ""
    title = ("Peta prioritas " if language == "id" else "Priority map ") + (
        data.scope or ("semua wilayah" if language == "id" else "all areas"))
    marks = [(code, i) for i, code in enumerate(ranked, start=1)]
    return staticmap.to_svg(staticmap.picture(data, "priority", width=640, height=400,
                                              lang=language, title=title, marks=marks))
