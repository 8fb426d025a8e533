"""The digest as plain data: what a commander reads each morning, before any rendering.

Everything here is pure: :func:`build_digest` turns :class:`DigestInputs` (rows the query
layer fetched, see :mod:`sejuk.digest.query`) into a :class:`Digest`, so the counting,
spike and ranking rules are tested without a database and every output format (HTML,
Markdown, plain text, JSON) shows the same numbers.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sejuk.errors import InputError
from sejuk.phrases import Phrases
from sejuk.signals import DayTest, area_of, safe_url, signal_labels
from sejuk.timeutil import zone_for_region

DAY = timedelta(days=1)
#: Days before the digest window that make the per-label baseline (a daily mean).
BASELINE_DAYS = 7
#: Items listed in full; the rest are counted ("and N more") to keep the mail short.
DEFAULT_ITEM_LIMIT = 50
TOP_NARRATIVES = 5
TOP_PRIORITIES = 5
#: Source problems listed; the rest are counted, with where to see them (JSON keeps all).
SOURCE_PROBLEMS_SHOWN = 5

ALL_JURISDICTIONS = "all"


# -- the window ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Window:
    """The 24 hours the digest covers, in UTC, and the zone its times are shown in."""

    start: datetime
    end: datetime
    zone: str

    def previous(self, days: int = 1) -> Window:
        return Window(self.start - days * DAY, self.end - days * DAY, self.zone)

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def parse_cutoff(text: str) -> time:
    """``"06:00"`` -> 06:00; a wrong value names the setting."""
    try:
        value = time.fromisoformat(text.strip())
    except ValueError:
        raise InputError.said(_BUILD, "cutoff", text=text) from None
    return value.replace(tzinfo=None)


def digest_window(day: date, cutoff: time, zone: ZoneInfo) -> Window:
    """The 24 hours before ``cutoff`` on ``day`` in the jurisdiction's local zone.

    The digest of 26 November with a 06:00 WIB cut-off covers 25 November 06:00 WIB up to
    (not including) 26 November 06:00 WIB: what happened overnight is in the morning mail.
    """
    end = datetime.combine(day, cutoff, tzinfo=zone)
    start = end - DAY
    return Window(start.astimezone(UTC), end.astimezone(UTC), zone.key)


def due_day(now: datetime, cutoff: time, zone: ZoneInfo) -> date:
    """The latest digest day whose cut-off has passed at ``now``: today after the cut-off,
    yesterday before it (a digest is never built for a window still open)."""
    local = now.astimezone(zone)
    return local.date() if local.time() >= cutoff else local.date() - DAY


def next_cutoff(now: datetime, cutoff: time, zone: ZoneInfo) -> datetime:
    """The next cut-off strictly after ``now``, in UTC."""
    local = now.astimezone(zone)
    candidate = datetime.combine(local.date(), cutoff, tzinfo=zone)
    if candidate <= local:
        candidate = datetime.combine(local.date() + DAY, cutoff, tzinfo=zone)
    return candidate.astimezone(UTC)


# -- inputs (what the query layer fetches) -----------------------------------------------------
@dataclass(frozen=True)
class FlaggedRow:
    """One item flagged under the active model or matching a debunked claim, with what is
    needed to count and list it (``flags`` holds the model's labels only)."""

    item_id: int
    title: str
    link: str | None
    source: str
    published_at: datetime
    flags: tuple[str, ...]
    scores: Mapping[str, float]
    reasons: Mapping[str, Sequence[str]]
    region_codes: tuple[str, ...] = ()
    narrative_id: int | None = None
    debunk_title: str | None = None
    debunk_link: str | None = None
    #: Similarity to the best-matching debunked claim, when the item matches one.
    claim_similarity: float | None = None
    #: Whether claim matches count as signals here (``hoaks`` is a configured label).
    claims: bool = True

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels the item counts under (:func:`sejuk.signals.signal_labels`): its
        flags, plus ``hoaks`` for a claim match, as every other reader counts it."""
        return signal_labels(self.flags, self.claim_similarity is not None,
                             claims=self.claims)

    @property
    def strength(self) -> float:
        """How strongly the item is signalled: its best flag's probability or its claim
        match's similarity, whichever is higher (the digest lists the strongest first)."""
        return max([self.scores.get(label, 0.0) for label in self.flags]
                   + [self.claim_similarity or 0.0])


@dataclass(frozen=True)
class NarrativeFacts:
    id: int
    title: str
    size: int
    first_seen: datetime
    last_seen: datetime
    sources: int
    area_codes: tuple[str, ...]
    debunk_title: str | None = None
    debunk_link: str | None = None


@dataclass(frozen=True)
class SourceFacts:
    name: str
    kind: str
    consecutive_failures: int
    last_status: int | None
    last_error: str | None
    last_success_at: datetime | None
    last_fetch_at: datetime | None


@dataclass(frozen=True)
class ModelInfo:
    version: int
    trained_at: datetime
    macro_f1: float | None
    n: int | None
    #: Per label, its figures: the version's own, or those of a component it kept.
    labels: dict[str, dict[str, float]]
    #: Labels whose component (and figures) the version kept: label -> that version.
    #: ``macro_f1`` covers the other labels only.
    kept: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    description: str
    owner: str
    due_date: date
    days_overdue: int
    region_code: str
    region_name: str


@dataclass(frozen=True)
class Priority:
    """An area where TPS vulnerability and today's signals coincide, and what to do there."""

    code: str
    name: str
    score: float
    worst_level: str | None
    vulnerable_tps: int
    signals: int
    components: dict[str, float]
    leaders: list[str]
    topics: list[str]
    recommendation: str
    overdue: list[FollowUpRow] = field(default_factory=list)


@dataclass(frozen=True)
class DigestInputs:
    day: date
    jurisdiction: str
    jurisdiction_name: str
    window: Window
    labels: tuple[str, ...]
    rows: Sequence[FlaggedRow]
    region_names: Mapping[str, str]
    narratives: Sequence[NarrativeFacts] = ()
    priorities: Sequence[Priority] = ()
    overdue: Sequence[FollowUpRow] = ()
    sources: Sequence[SourceFacts] = ()
    model: ModelInfo | None = None
    generated_at: datetime | None = None
    language: str = "id"
    item_limit: int = DEFAULT_ITEM_LIMIT
    #: The jurisdiction's map (inline SVG made by :mod:`sejuk.maps.svg`), top areas
    #: numbered as in ``priorities``; empty when there is nothing to draw.
    map_svg: str = ""
    #: Kecamatan -> the one spike rule's tests (:func:`sejuk.signals.spikes`) of the
    #: local day before the digest day and the day before that, oldest first.
    spikes: Mapping[str, Sequence[DayTest]] = field(default_factory=dict)


# -- the digest ------------------------------------------------------------------------------
@dataclass(frozen=True)
class LabelCount:
    """Flagged items of one label: the window, the window before, the 7-day daily mean.

    ``daily`` is the last eight windows, oldest first (the chart).
    """

    label: str
    today: int
    previous: int
    baseline: float
    daily: list[int]

    @property
    def change(self) -> int:
        return self.today - self.previous


@dataclass(frozen=True)
class NarrativeSummary:
    id: int
    title: str
    size: int
    today: int
    sources: int
    areas: int
    area_names: list[str]
    first_seen: datetime
    example_title: str
    example_url: str | None
    debunk_title: str | None
    debunk_url: str | None


@dataclass(frozen=True)
class Spike:
    code: str
    name: str
    today: int
    baseline: float
    new: bool
    labels: dict[str, int]


@dataclass(frozen=True)
class SourceProblem:
    name: str
    kind: str
    problem: str
    failures: int
    last_status: int | None
    last_error: str | None
    last_success_at: datetime | None


@dataclass(frozen=True)
class DigestItem:
    id: int
    title: str
    url: str | None
    source: str
    published_at: datetime
    labels: list[str]
    confidence: float
    scores: dict[str, float]
    reasons: dict[str, list[str]]
    regions: list[str]
    debunk_title: str | None
    debunk_url: str | None
    claim_similarity: float | None = None


@dataclass(frozen=True)
class Digest:
    day: date
    jurisdiction: str
    jurisdiction_name: str
    language: str
    window: Window
    generated_at: datetime
    counts: list[LabelCount]
    narratives: list[NarrativeSummary]
    spikes: list[Spike]
    priorities: list[Priority]
    overdue: list[FollowUpRow]
    source_problems: list[SourceProblem]
    model: ModelInfo | None
    items: list[DigestItem]
    items_total: int
    map_svg: str = ""

    @property
    def empty(self) -> bool:
        """Nothing flagged in the window: the digest says so plainly."""
        return self.items_total == 0

    @property
    def items_omitted(self) -> int:
        return self.items_total - len(self.items)


# -- pure rules ------------------------------------------------------------------------------
def area_key(code: str) -> str | None:
    """The kecamatan an item region rolls up to (kabupaten/kota when no finer code)."""
    return area_of(code, "kecamatan") or area_of(code, "kabkota")


def _windows_back(window: Window, moment: datetime) -> int | None:
    """0 for the digest window, 1 for the one before ... None outside the 8 windows."""
    if moment >= window.end:
        return None
    index = math.ceil((window.end - moment) / DAY) - 1
    return index if 0 <= index <= BASELINE_DAYS else None


def label_counts(rows: Sequence[FlaggedRow], window: Window,
                 labels: Sequence[str]) -> list[LabelCount]:
    buckets: dict[str, list[int]] = {label: [0] * (BASELINE_DAYS + 1) for label in labels}
    for row in rows:
        index = _windows_back(window, row.published_at)
        if index is None:
            continue
        for label in row.labels:
            buckets.setdefault(label, [0] * (BASELINE_DAYS + 1))[index] += 1
    return [LabelCount(label=label, today=b[0], previous=b[1],
                       baseline=round(sum(b[1:]) / BASELINE_DAYS, 2), daily=list(reversed(b)))
            for label, b in buckets.items()]


def digest_spikes(tests: Mapping[str, Sequence[DayTest]], rows: Sequence[FlaggedRow],
                  names: Mapping[str, str]) -> list[Spike]:
    """Kecamatan spiking on the day the digest reports, under the one rule every screen
    uses (``tests`` from :func:`sejuk.signals.spikes`, last day = the local day before
    the digest day, the day its priorities rank). ``new``: it did not spike the day
    before. Labels count the day's signalled rows in the area."""
    spiking = {code: t for code, t in tests.items() if t and t[-1].spike}
    per_label: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        for code in {a for c in row.region_codes if (a := area_of(c, "kecamatan")) in spiking}:
            local = row.published_at.astimezone(zone_for_region(code)).date()
            if local == spiking[code][-1].day:
                per_label[code].update(row.labels)
    out = [Spike(code=code, name=names.get(code, code), today=t[-1].count,
                 baseline=t[-1].expected, new=len(t) < 2 or not t[-2].spike,
                 labels=dict(sorted(per_label[code].items())))
           for code, t in spiking.items()]
    surprise = {code: t[-1].surprise for code, t in spiking.items()}
    return sorted(out, key=lambda s: (not s.new, -surprise[s.code], s.name))


def source_problems(sources: Sequence[SourceFacts], window: Window) -> list[SourceProblem]:
    """Sources failing now, or silent (no successful fetch) for the whole window, the
    longest failing first: most consecutive failures, then the oldest success (never
    first). The rendered digest shows the first :data:`SOURCE_PROBLEMS_SHOWN`."""
    out = []
    for s in sources:
        if s.consecutive_failures > 0:
            problem = "failing"
        elif s.last_fetch_at is not None and (
                s.last_success_at is None or s.last_success_at < window.start):
            problem = "stale"
        else:
            continue
        out.append(SourceProblem(name=s.name, kind=s.kind, problem=problem,
                                 failures=s.consecutive_failures, last_status=s.last_status,
                                 last_error=(s.last_error or None) and s.last_error[:200],
                                 last_success_at=s.last_success_at))
    return sorted(out, key=lambda p: (-p.failures, p.last_success_at is not None,
                                      p.last_success_at or window.start, p.name))


def _digest_item(row: FlaggedRow, names: Mapping[str, str]) -> DigestItem:
    confidence = max((row.scores.get(label, 0.0) for label in row.flags), default=0.0)
    return DigestItem(
        id=row.item_id, title=row.title.strip() or "-", url=safe_url(row.link),
        source=row.source, published_at=row.published_at, labels=list(row.flags),
        confidence=round(confidence, 3),
        scores={k: round(v, 3) for k, v in row.scores.items()},
        reasons={label: list(row.reasons.get(label, [])) for label in row.flags},
        regions=[names.get(code, code) for code in row.region_codes],
        debunk_title=row.debunk_title, debunk_url=safe_url(row.debunk_link),
        claim_similarity=(round(row.claim_similarity, 3)
                          if row.claim_similarity is not None else None),
    )


def top_narratives(today_rows: Sequence[FlaggedRow], narratives: Sequence[NarrativeFacts],
                   names: Mapping[str, str], limit: int = TOP_NARRATIVES
                   ) -> list[NarrativeSummary]:
    """Narratives active in the window, most items in the window first, then largest."""
    by_id = {n.id: n for n in narratives}
    members: dict[int, list[FlaggedRow]] = defaultdict(list)
    for row in today_rows:
        if row.narrative_id is not None and row.narrative_id in by_id:
            members[row.narrative_id].append(row)
    ranked = sorted(members, key=lambda i: (-len(members[i]), -by_id[i].size, i))[:limit]
    out = []
    for nid in ranked:
        facts = by_id[nid]
        example = max(members[nid], key=lambda r: (max(r.scores.values(), default=0.0),
                                                    r.published_at))
        areas = sorted({k for k in map(area_key, facts.area_codes) if k})
        out.append(NarrativeSummary(
            id=nid, title=facts.title.strip() or example.title, size=facts.size,
            today=len(members[nid]), sources=facts.sources, areas=len(areas),
            area_names=[names.get(a, a) for a in areas[:5]], first_seen=facts.first_seen,
            example_title=example.title, example_url=safe_url(example.link),
            debunk_title=facts.debunk_title or example.debunk_title,
            debunk_url=safe_url(facts.debunk_link or example.debunk_link)))
    return out


def build_digest(inputs: DigestInputs) -> Digest:
    """Count, rank and select: the whole digest from what the query layer fetched."""
    window = inputs.window
    today_rows = [r for r in inputs.rows if window.contains(r.published_at)]
    ranked = sorted(today_rows, key=lambda r: (-r.strength, r.published_at, r.item_id))
    names = inputs.region_names
    return Digest(
        day=inputs.day,
        jurisdiction=inputs.jurisdiction,
        jurisdiction_name=inputs.jurisdiction_name,
        language=inputs.language,
        window=window,
        generated_at=inputs.generated_at or datetime.now(UTC),
        counts=label_counts(inputs.rows, window, inputs.labels),
        narratives=top_narratives(today_rows, inputs.narratives, names),
        spikes=digest_spikes(inputs.spikes, inputs.rows, names),
        priorities=list(inputs.priorities)[:TOP_PRIORITIES],
        overdue=sorted(inputs.overdue, key=lambda f: (-f.days_overdue, f.id)),
        source_problems=source_problems(inputs.sources, window),
        model=inputs.model,
        items=[_digest_item(r, names) for r in ranked[:inputs.item_limit]],
        items_total=len(today_rows),
        map_svg=inputs.map_svg,
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def digest_to_dict(digest: Digest) -> dict[str, Any]:
    """The JSON contract of ``sejuk digest --format json`` (see README)."""
    data = {"date": digest.day, **asdict(digest)}
    del data["day"]
    del data["map_svg"]  # a picture of ``priorities`` and ``spikes``, not data
    data["counts"] = {c.label: {"today": c.today, "previous": c.previous,
                                "baseline": c.baseline, "daily": c.daily}
                      for c in digest.counts}
    data["window"] = {"start": digest.window.start.isoformat(),
                      "end": digest.window.end.isoformat(), "zone": digest.window.zone}
    data["empty"] = digest.empty
    data["items_omitted"] = digest.items_omitted
    return _jsonable(data)  # type: ignore[no-any-return]


_BUILD: Phrases = {"cutoff": {"id": "digest.cutoff: bukan jam (HH:MM): {text!r}",
                              "en": "digest.cutoff: not a time of day (HH:MM): {text!r}"}}
