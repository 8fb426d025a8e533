"""Did the cooling work? Flagged items per day in an area before and after a dialogue.

For each held dialogue, flagged (non-debunk) items tagged in its area (the kecamatan and
its desa) are counted per local day in the ``days`` days before the dialogue day and the
``days`` days after it (the dialogue day itself is left out: it belongs to neither side).
The verdict compares daily rates and says so plainly when there are too few days after
the dialogue, or too few items, to tell. Counts are always shown next to the verdict so
that a unit judges for itself; this is a trend, not proof of cause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sejuk.db.models import Item, ItemRegion
from sejuk.outreach.plan import list_dialogues
from sejuk.phrases import Phrases, say
from sejuk.signals import active_version_id, prefix_filter, signalled_clause
from sejuk.timeutil import local_day_bounds, zone_for_region

DEFAULT_DAYS = 7
MIN_DAYS_AFTER = 2
MIN_ITEMS = 3

#: A verdict's words, in both languages (the CLI, the dialogue log and the printed plan).
VERDICTS: Phrases = {
    "down": {"id": "Turun", "en": "Down"},
    "up": {"id": "Naik", "en": "Up"},
    "flat": {"id": "Stabil", "en": "Flat"},
    "quiet": {"id": "Tidak ada sinyal", "en": "No signal"},
    "too_early": {"id": "Belum cukup hari", "en": "Too early to tell"},
}


@dataclass(frozen=True)
class Effect:
    outreach_id: int
    region_code: str
    region_name: str
    day: date
    before: tuple[int, ...]
    after: tuple[int, ...]
    verdict: str

    @property
    def before_total(self) -> int:
        return sum(self.before)

    @property
    def after_total(self) -> int:
        return sum(self.after)

    @property
    def before_rate(self) -> float:
        return self.before_total / len(self.before) if self.before else 0.0

    @property
    def after_rate(self) -> float:
        return self.after_total / len(self.after) if self.after else 0.0

    def verdict_text(self, lang: str = "id") -> str:
        return say(VERDICTS, self.verdict, lang)


def verdict(before: Sequence[int], after: Sequence[int]) -> str:
    """``down``/``up``/``flat`` by daily rate (a change under 25 % is flat), ``quiet``
    when both sides have fewer than :data:`MIN_ITEMS`, ``too_early`` with fewer than
    :data:`MIN_DAYS_AFTER` days after."""
    if len(after) < MIN_DAYS_AFTER:
        return "too_early"
    if sum(before) < MIN_ITEMS and sum(after) < MIN_ITEMS:
        return "quiet"
    rate_before = sum(before) / max(1, len(before))
    rate_after = sum(after) / len(after)
    if rate_after < rate_before * 0.75:
        return "down"
    if rate_after > rate_before * 1.25:
        return "up"
    return "flat"


def daily_flagged(session: Session, version_id: int | None, region_code: str,
                  first: date, last: date, *, claims: bool = True) -> list[int]:
    """Distinct signalled items (:mod:`sejuk.signals`) about ``region_code`` (or below it)
    per local day."""
    if last < first:
        return []
    zone = zone_for_region(region_code)
    start, _ = local_day_bounds(first, zone)
    _, end = local_day_bounds(last, zone)
    counts = [set[int]() for _ in range((last - first).days + 1)]
    signalled = signalled_clause(Item.id, version_id, claims=claims)
    if signalled is None:
        return [0] * len(counts)
    rows = session.execute(
        select(Item.id, Item.published_at)
        .join(ItemRegion, ItemRegion.item_id == Item.id)
        .where(signalled, Item.published_at >= start, Item.published_at < end,
               prefix_filter(ItemRegion.region_code, [region_code])))
    for item_id, published in rows:
        index = (published.astimezone(zone).date() - first).days
        if 0 <= index < len(counts):
            counts[index].add(item_id)
    return [len(c) for c in counts]


def dialogue_effects(session: Session, today: date, *, jurisdiction: str | None = None,
                     days: int = DEFAULT_DAYS, limit: int = 50,
                     claims: bool = True) -> list[Effect]:
    """Before/after trend of signalled items for each held dialogue (newest first);
    ``claims`` as :func:`sejuk.signals.claims_count` of the configured labels."""
    version = active_version_id(session)
    out = []
    for dialogue in list_dialogues(session, jurisdiction=jurisdiction, status="held",
                                   limit=limit):
        day = dialogue.local_date
        before = daily_flagged(session, version, dialogue.region_code,
                               day - timedelta(days=days), day - timedelta(days=1),
                               claims=claims)
        last_after = min(day + timedelta(days=days), today)
        after = daily_flagged(session, version, dialogue.region_code,
                              day + timedelta(days=1), last_after, claims=claims)
        out.append(Effect(dialogue.id, dialogue.region_code, dialogue.region_name, day,
                          tuple(before), tuple(after), verdict(before, after)))
    return out
