"""Active learning: which items an analyst should label next.

Used by ``sejuk label-queue`` and the dashboard's labelling page. The queue favours:

- **uncertainty**: items whose probability sits closest to a label's threshold (in
  logit distance, so 0.48 vs 0.5 is closer than 0.02 vs 0.04), where one label moves
  the decision boundary the most;
- **diversity**: a greedy pick that penalises a narrative or a region already in the
  queue, so ten near-copies of one hoax do not fill it (one label teaches as much);
- **a random share**: every other place in the queue goes to an item drawn at random
  (a fixed pseudo-random order of the candidates, so the queue does not reshuffle on
  every page load). A model that has never seen the district's text is unsure about the
  wrong items; labels drawn at random keep the labelled set like the district's stream
  and correct that. ``benchmarks/adaptation`` (k = 25 to 200 labels, hoax and hate-speech
  tweets as the new district, model started without them): pure uncertainty sampling
  beat random labels on hate speech (+0.036 macro-F1 on average, one seed) but not on
  hoax tweets (-0.005, three seeds); half and half, with the cold start below, leads
  on hoax tweets and where the class is rare;
- **a cold start**: until the active model has learnt from :data:`COLD_START` of the
  district's own labels (files and dashboard; the starter corpus and fact-check claims
  are not the district's stream), every place is drawn at random: the starter's
  uncertainty is about text it has never seen, and its uncertain picks were worse than a
  random draw (23 hoaxes of 25 labels on hoax tweets, too few negatives; 2.5 hate-speech
  tweets of 25 against 4.6 drawn at random). Eight seeds of ``benchmarks/adaptation``,
  queue minus random labels, mean over 25 to 200 labels: hoax tweets -0.005 before,
  +0.012 with the cold start; hate speech -0.014 / -0.008; hate speech thinned to 10 %,
  as in a district's stream, +0.003 / +0.017;
- **novelty**: items labelled for every label, debunks and fact-check sources' items
  (rules decide those, :mod:`classifiers.scoring`), plainly English text (never
  flagged) and exact duplicates are skipped. An item labelled for some labels only
  stays, proposed for a label it still lacks.

It reads the active model's stored predictions, so it is cheap; items the model has not
scored yet are scored with ``model`` when one is given.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from classifiers import cues
from classifiers.dataset import is_local
from classifiers.scoring import item_text
from classifiers.selftrain import ITEM_CHARS
from classifiers.training import NOT_THE_STREAM
from feeds.normalize import looks_english
from sejuk.db.models import Item, ItemRegion, Label, ModelVersion, Prediction, Source
from sejuk.phrases import Phrases, say
from sejuk.settings import Settings
from sejuk.signals import active_version
from sejuk.timeutil import utc_now

#: How much a repeat of the same narrative / region costs, in logit units.
NARRATIVE_PENALTY = 1.5
REGION_PENALTY = 0.5
#: The share of the queue drawn at random (see the module doc).
EXPLORE = 0.5
#: District labels the active model must have learnt from before the queue ranks by its
#: uncertainty (see the module doc): one round of the adaptation benchmark.
COLD_START = 25
CANDIDATES = 2000
#: Region code lengths: 32.09 (kabupaten/kota), 32.09.15 (kecamatan).
_KABUPATEN, _KECAMATAN = 5, 8


@dataclass(frozen=True)
class QueueItem:
    """One item proposed for labelling and why."""

    item_id: int
    label: str  # the label the model is least sure about
    probability: float
    threshold: float
    uncertainty: float  # 1 at the threshold, towards 0 far from it
    narrative_id: int | None
    region_code: str | None  # the diversity key (kabupaten, or kecamatan in one regency)
    reason: str
    place_code: str | None = None  # the most specific region the item is tagged with
    #: "uncertain" (closest to a threshold), "sample" (drawn at random beside them),
    #: "cold" (drawn at random: the model has not yet learnt from the district's labels)
    #: or "cue" (drawn, cold, among the items a cue lexicon votes for the label)
    why: str = "uncertain"


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return float(np.log(p / (1 - p)))


def label_queue(
    session: Session,
    version: ModelVersion | None = None,
    model: Any | None = None,
    n: int = 20,
    *,
    settings: Settings | None = None,
    thresholds: dict[str, float] | None = None,
    days: int = 30,
    now: datetime | None = None,
    limit: int | None = None,
    skip: Collection[int] = (),
) -> list[QueueItem]:
    """Up to ``n`` (or ``limit``) items worth labelling next, in the order to label them
    (a random sample while the model is cold, see the module doc).

    ``skip``: items the analyst passed over, left out before ranking (left out after, a
    skipped item would keep its place at the head of its alternation, and that kind of
    pick would never come first again).

    ``version`` is the model version whose predictions to use (the active one when None).
    ``model`` (a :class:`~classifiers.model.TextModel`) scores
    candidates without stored predictions and supplies thresholds. ``thresholds`` (or
    the settings' ``classifier.thresholds``) override the model's own per label.
    Only items published in the last ``days`` are considered.
    """
    if limit is not None:
        n = limit
    if version is None:
        version = active_version(session)
    if version is None or n <= 0:
        return []
    overrides: dict[str, float] = dict(
        thresholds if thresholds is not None else
        (settings.classifier.thresholds if settings else {}))
    own: dict[str, float] = dict((version.card or {}).get("thresholds", {}))
    if model is not None:
        own.update(getattr(model, "thresholds", {}))

    def cut(label: str) -> float:
        return float(overrides.get(label, own.get(label, 0.5)))

    since = (now or utc_now()) - timedelta(days=days)
    warm = warm_labels(version.card or {})
    skipped = set(skip)
    candidates = [c for c in _candidates(session, version, model, since, with_cues=not warm)
                  if c.key not in skipped]
    places = {c.key: c.place for c in candidates}
    queue = []
    for pick in rank_for_labelling(candidates, n, cut, ranked=warm,
                                   turn=_turn(session, version)):
        why = pick.why if warm or pick.why == "cue" else "cold"
        queue.append(QueueItem(
            item_id=pick.key, label=pick.label, probability=round(pick.probability, 4),
            threshold=round(pick.threshold, 4),
            uncertainty=round(float(np.exp(-pick.distance)), 4), narrative_id=pick.group,
            region_code=pick.region,
            reason=queue_reason(why, pick.label, pick.probability, pick.threshold),
            place_code=places.get(pick.key), why=why))
    return queue


def _turn(session: Session, version: ModelVersion) -> int:
    """How many items the analysts have labelled from the queue (their labels say how it
    drew them) since ``version`` was trained: where the queue's alternations stand. The
    labelling page shows the first item of a queue ranked afresh after each one, so
    without it every item would open
    the alternations again: only uncertain picks, never the random share, and in the cold
    start only the stratum the cue lexicons vote for."""
    return int(session.scalar(
        select(func.count(func.distinct(Label.item_id)))
        .where(Label.origin == "dashboard", Label.drawn.is_not(None),
               Label.created_at > version.trained_at)) or 0)


def district_labels(card: Mapping[str, Any]) -> dict[str, int]:
    """Per label, how many of the district's own labels the model's component learnt
    from: rows of the workspace's files and dashboard labels, not the starter corpus nor
    fact-check claims (which are not the district's stream). A kept component keeps the
    counts of the version it came from."""
    components = card.get("components") or {}
    return {label: sum(int(n) for origin, n in (part.get("sources") or {}).items()
                       if is_local(origin) and origin not in NOT_THE_STREAM)
            for label, part in components.items()}


def warm_labels(card: Mapping[str, Any]) -> frozenset[str]:
    """The labels past the cold start: their component learnt from at least
    :data:`COLD_START` of the district's labels, so the model's doubts about them rank
    the queue. None of them: the queue is a random sample (see the module doc)."""
    return frozenset(label for label, n in district_labels(card).items() if n >= COLD_START)


def queue_reason(why: str, label: str, probability: float, threshold: float,
                 lang: str = "id") -> str:
    """Why an item is in the queue, in an analyst's words."""
    return say(_QUEUE, why, lang, label=label, p=probability, cut=threshold,
               n=COLD_START)


_QUEUE: Phrases = {
    "uncertain": {"id": "{label} {p:.2f} dekat ambang {cut:.2f} (model ragu)",
                  "en": "{label} {p:.2f} near the threshold {cut:.2f} (the model is unsure)"},
    "sample": {"id": "contoh acak dari item terbaru ({label} {p:.2f}): menjaga label tetap "
                     "mewakili wilayah",
               "en": "random sample of recent items ({label} {p:.2f}): keeps the labels "
                     "like the district's stream"},
    "cue": {"id": "cocok dengan kata isyarat {label} ({label} {p:.2f}): model belum belajar "
                  "dari {n} label wilayah ini, kata isyarat membantu menemukan contoh "
                  "{label} lebih awal",
            "en": "matches the cue words of {label} ({label} {p:.2f}): the model has not yet "
                  "learnt from {n} of this district's labels, and the cue words find "
                  "{label} examples sooner"},
    "cold": {"id": "contoh acak ({label} {p:.2f}): model belum belajar dari {n} label "
                   "wilayah ini, keraguannya belum berarti",
             "en": "random sample ({label} {p:.2f}): the model has not yet learnt from {n} "
                   "of this district's labels, so its doubts mean little"},
}


def _candidates(session: Session, version: ModelVersion, model: Any | None,
                since: datetime, with_cues: bool = False) -> list[Candidate]:
    """Recent items still lacking a label, with the probabilities of the labels they
    lack (stored predictions, else ``model``'s), their narrative and region, and
    ``with_cues`` (the cold start, which draws by them) the cue lexicons' votes."""
    labels = tuple(version.labels)
    items = recent_items(session, since, unlabelled=labels)
    if not items:
        return []
    ids = [r.id for r in items]
    given: dict[int, set[str]] = {}
    for item_id, label in session.execute(select(Label.item_id, Label.label)
                                          .where(Label.item_id.in_(ids))):
        given.setdefault(item_id, set()).add(label)
    proba: dict[int, dict[str, float]] = {}
    for item_id, label, p in session.execute(
            select(Prediction.item_id, Prediction.label, Prediction.probability)
            .where(Prediction.model_version_id == version.id, Prediction.item_id.in_(ids))):
        proba.setdefault(item_id, {})[label] = float(p)
    missing = [r for r in items if r.id not in proba]
    if missing and model is not None:
        scores = model.predict_proba([item_text(r.title, r.text) for r in missing])
        for r, row in zip(missing, scores, strict=True):
            proba[r.id] = {lab: float(v) for lab, v in zip(model.labels, row, strict=True)}
    tags: dict[int, list[str]] = {}
    for item_id, code in session.execute(select(ItemRegion.item_id, ItemRegion.region_code)
                                         .where(ItemRegion.item_id.in_(ids))
                                         .order_by(ItemRegion.region_code)):
        tags.setdefault(item_id, []).append(code)
    regions = _diversity_keys(tags)
    candidates = []
    seen_hash: set[str] = set()
    for r in items:
        if r.id not in proba or r.content_hash in seen_hash:
            continue
        seen_hash.add(r.content_hash)
        open_labels = {lab: p for lab, p in proba[r.id].items()
                       if lab not in given.get(r.id, ())}
        if open_labels:
            candidates.append(Candidate(
                r.id, open_labels, r.narrative_id, regions.get(r.id),
                _most_specific(tags.get(r.id, [])),
                cue_votes(item_text(r.title, r.text)[:ITEM_CHARS], open_labels)
                if with_cues else {}))
    return candidates


def recent_items(session: Session, since: datetime, unlabelled: Sequence[str] = (),
                 spread: int | None = None) -> list[Any]:
    """The stream the queue draws from: up to :data:`CANDIDATES` items published since
    ``since``, newest first, without debunks, fact-check sources' items and plainly
    English text (rules decide those, and they are never flagged); with ``unlabelled``,
    without the items labelled for all of those labels; with ``spread``, about that many
    spread evenly over the span (every n-th id) instead of the newest. Rows: id, title,
    text, narrative_id, content_hash."""
    factcheck = select(Source.id).where(Source.kind == "factcheck")
    query = (select(Item.id, Item.title, Item.text, Item.narrative_id, Item.content_hash)
             .where(Item.published_at >= since, Item.is_debunk.is_(False),
                    or_(Item.source_id.is_(None), Item.source_id.not_in(factcheck))))
    if spread:
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        step = max(1, -(-int(total) // spread))
        if step > 1:
            query = query.where(Item.id % step == 0)
    if unlabelled:
        done = (select(Label.item_id)
                .where(Label.item_id.is_not(None), Label.label.in_(unlabelled))
                .group_by(Label.item_id)
                .having(func.count(func.distinct(Label.label)) >= len(unlabelled)))
        query = query.where(Item.id.not_in(done))
    return [r for r in session.execute(
        query.order_by(Item.published_at.desc()).limit(CANDIDATES)).all()
        if not looks_english(item_text(r.title, r.text)[:2000])]  # as the scorer reads it


def cue_votes(text: str, labels: Collection[str]) -> dict[str, int]:
    """The cue lexicons' votes on ``text`` for ``labels`` that have one, the label whose
    cues it matches most first: a threat against poll workers that starts "Awas" matches
    a hoax warning and two unrest categories, and is proposed for ``provokasi``."""
    found = {label: cues.categories(text, label) for label in labels
             if label in cues.LEXICONS}
    return {label: cues.decide(label, found[label])
            for label in sorted(found, key=lambda label: -len(found[label]))}


def _diversity_keys(tags: dict[int, list[str]]) -> dict[int, str]:
    """Each item's region for diversity, not detail: its kabupaten/kota, or its kecamatan
    when every tagged item lies in one kabupaten (a one-regency workspace, where a
    kabupaten key is the same for all and spreads nothing). Codes are sorted; the first
    one at least that deep gives the key."""
    kabupaten = {code[:_KABUPATEN] for codes in tags.values() for code in codes
                 if len(code) >= _KABUPATEN}
    width = _KECAMATAN if len(kabupaten) == 1 else _KABUPATEN
    return {item: next((c for c in codes if len(c) >= width), codes[0])[:width]
            for item, codes in tags.items()}


def _most_specific(codes: Sequence[str]) -> str | None:
    """The deepest region of ``codes`` (a desa before its kecamatan before its kabupaten),
    the one to show an analyst."""
    return min(codes, key=lambda c: (-len(c), c)) if codes else None


@dataclass(frozen=True)
class Candidate:
    """An unlabelled text: its key, the probability of each label it still lacks, and
    what it shares with others (a narrative or copy group, a region)."""

    key: int
    proba: dict[str, float]
    group: int | None = None
    region: str | None = None
    place: str | None = None  # the most specific tagged region, shown, never ranked on
    #: per label it lacks with a cue lexicon, the lexicon's vote (:mod:`classifiers.cues`)
    cues: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Pick:
    key: int
    label: str
    probability: float
    threshold: float
    distance: float
    group: int | None
    region: str | None
    #: "uncertain" (closest to a threshold), "sample" (drawn at random) or "cue" (drawn,
    #: cold, among the candidates a cue lexicon votes for the label)
    why: str = "uncertain"


def rank_for_labelling(candidates: Sequence[Candidate], n: int,
                       cut: Callable[[str], float], explore: float = EXPLORE,
                       salt: str = "", ranked: Collection[str] | None = None,
                       turn: int = 0) -> list[Pick]:
    """Up to ``n`` candidates worth labelling next: places alternate between the
    candidates closest to a threshold (in logit distance, each repeat of a group or region
    already picked costing :data:`NARRATIVE_PENALTY` / :data:`REGION_PENALTY`) and, for an
    ``explore`` share of them, candidates in a fixed pseudo-random order (``salt`` picks
    another order: the benchmark averages several). Only the ``ranked`` labels' doubts
    rank (all when None; none: every place is drawn, the cold start). ``turn``: items
    labelled since the alternations began, so the first place goes to whose turn it is
    (a queue ranked afresh after each label continues them instead of restarting).
    The dashboard's queue and ``benchmarks/adaptation`` both rank with this function."""
    scored = [_closest(c, cut, None) for c in candidates]
    rankable = scored if ranked is None else [
        e for e in (_closest(c, cut, ranked) for c in candidates) if e[2]]
    if not rankable:
        explore = 1.0
    n_random = min(len(scored), round(n * explore))
    uncertain = _least_sure(rankable, min(len(rankable), n - n_random), cut)
    drawn = _drawn(scored, n_random, uncertain, cut, salt, by_cues=not rankable, turn=turn)
    picked: list[Pick] = []
    while uncertain or drawn:
        for queue in ((uncertain, drawn) if turn % 2 == 0 else (drawn, uncertain)):
            if queue:
                picked.append(queue.pop(0))
    return picked[:n]


def _closest(c: Candidate, cut: Callable[[str], float], labels: Collection[str] | None
             ) -> tuple[float, Candidate, str]:
    """(distance in logits, candidate, label) for the candidate's label nearest its
    threshold, of ``labels`` when given (label ``""`` when it lacks none of them)."""
    near = [(abs(_logit(p) - _logit(cut(lab))), lab) for lab, p in c.proba.items()
            if labels is None or lab in labels]
    distance, label = min(near) if near else (float("inf"), "")
    return distance, c, label


def _drawn(scored: list[tuple[float, Candidate, str]], n: int, picked: list[Pick],
           cut: Callable[[str], float], salt: str, by_cues: bool = False,
           turn: int = 0) -> list[Pick]:
    """``n`` candidates in the fixed pseudo-random order, one per group (narrative) as
    long as groups not yet in the queue remain: a random draw of narratives, not of
    copies. ``by_cues`` (the cold start): drawn in turn from the candidates a cue lexicon
    votes for, those it votes against and the rest (:func:`_by_cues`, from the stratum
    whose ``turn`` it is)."""
    taken = {p.key for p in picked}
    groups = {p.group for p in picked if p.group is not None}
    order = sorted((e for e in scored if e[1].key not in taken),
                   key=lambda e: _draw_order(e[1].key, salt))
    if by_cues:
        order = _by_cues(order, cut, turn)
    fresh = [e for e in order if e[1].group is None or e[1].group not in groups]
    seen: set[int] = set()
    first = []
    for entry in fresh:
        if entry[1].group is None or entry[1].group not in seen:
            first.append(entry)
            if entry[1].group is not None:
                seen.add(entry[1].group)
    chosen = {e[1].key for e in first[:n]}
    rest = [e for e in order if e[1].key not in chosen]
    return [Pick(c.key, label, c.proba[label], cut(label), distance, c.group, c.region,
                 "cue" if by_cues and c.cues.get(label) == cues.YES else "sample")
            for distance, c, label in (first + rest)[:n]]


def _by_cues(order: list[tuple[float, Candidate, str]], cut: Callable[[str], float],
             turn: int = 0) -> list[tuple[float, Candidate, str]]:
    """The candidates in turn from three strata, each in ``order``: a cue lexicon votes
    for one of its labels (proposed for that label, the first the candidate's votes name,
    with its distance to that label's threshold), against one and for none, neither (an
    exhausted stratum passes its turn). Why: a district's first labels come at random
    while the model is cold, and a random draw holds few of a rare class (25 labels of a
    hate-speech stream: one to four positives) or few negatives (hoax tweets: four); the
    lexicons find positives at three to four times their share and negatives at twice
    theirs (benchmarks/README.md, *cue lexicons label the items*)."""
    strata: list[list[tuple[float, Candidate, str]]] = [[], [], []]
    for distance, c, label in order:
        which = stratum(c.cues)
        if which == FOR:
            lab = next(lab for lab, v in c.cues.items() if v == cues.YES)
            strata[FOR].append((abs(_logit(c.proba[lab]) - _logit(cut(lab))), c, lab))
        else:
            strata[which].append((distance, c, label))
    first = turn % len(strata)  # the stratum whose turn it is leads
    strata = strata[first:] + strata[:first]
    out: list[tuple[float, Candidate, str]] = []
    while any(strata):
        for part in strata:
            if part:
                out.append(part.pop(0))
    return out


#: The cold start's strata (:func:`stratum`).
FOR, AGAINST, NEITHER = 0, 1, 2


def stratum(votes: Mapping[str, int]) -> int:
    """The cold start's stratum of an item given its cue votes (:func:`cue_votes`): a
    lexicon votes for one of its labels (:data:`FOR`), against one and for none
    (:data:`AGAINST`), or neither. :mod:`classifiers.live` weighs the labels of each
    stratum by its share of the stream, since the cold start draws them in equal turns."""
    if any(v == cues.YES for v in votes.values()):
        return FOR
    return AGAINST if any(v == cues.NO for v in votes.values()) else NEITHER


def _draw_order(key: int, salt: str = "") -> bytes:
    """A fixed pseudo-random position for a candidate (stable across page loads)."""
    return hashlib.blake2b(f"{salt}:{key}".encode(), digest_size=8).digest()


def _least_sure(scored: list[tuple[float, Candidate, str]], n: int,
                cut: Callable[[str], float]) -> list[Pick]:
    pool = sorted(scored, key=lambda x: (x[0], -x[1].key))[: max(10 * n, 200)]
    picked: list[Pick] = []
    used_group: dict[int, int] = {}
    used_region: dict[str, int] = {}

    def cost(entry: tuple[float, Candidate, str]) -> float:
        distance, c, _ = entry
        group = used_group.get(c.group, 0) if c.group is not None else 0
        region = used_region.get(c.region, 0) if c.region is not None else 0
        return float(distance + NARRATIVE_PENALTY * group + REGION_PENALTY * region)

    while pool and len(picked) < n:
        best = min(pool, key=cost)
        pool.remove(best)
        distance, c, label = best
        if c.group is not None:
            used_group[c.group] = used_group.get(c.group, 0) + 1
        if c.region is not None:
            used_region[c.region] = used_region.get(c.region, 0) + 1
        picked.append(Pick(c.key, label, c.proba[label], cut(label), distance, c.group,
                           c.region))
    return picked
