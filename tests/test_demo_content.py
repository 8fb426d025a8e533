"""The demo's fixture entries: deterministic, and never ahead of the build's clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from sejuk.demo.content import demo_entries

BASE = "http://127.0.0.1:8765"
DAY = date(2026, 11, 27)


def _utc(entry_published: datetime) -> datetime:
    # naive timestamps in the fixture are WITA wall-clock times
    if entry_published.tzinfo is None:
        return entry_published.replace(tzinfo=timezone(timedelta(hours=8)))
    return entry_published


def test_an_early_build_keeps_todays_posts_out_of_the_future() -> None:
    # 06:00 WIB: the demo writes today's newest posts for 05:00-10:59 local time
    not_after = datetime(2026, 11, 26, 23, 0, tzinfo=UTC)
    planned = demo_entries(DAY, BASE)
    assert any(_utc(e.published) > not_after for e in planned)

    built = demo_entries(DAY, BASE, not_after=not_after)
    assert max(_utc(e.published) for e in built) <= not_after
    # only the times moved: guids, links and texts are those of the planned entries
    assert [(e.guid, e.link, e.text) for e in built] == [
        (e.guid, e.link, e.text) for e in planned]
    moved = [b for p, b in zip(planned, built, strict=True) if p.published != b.published]
    assert moved and all(_utc(b.published) >= not_after - timedelta(hours=3) for b in moved)


def test_a_late_build_changes_nothing() -> None:
    evening = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # 23:00 WIB
    assert demo_entries(DAY, BASE, not_after=evening) == demo_entries(DAY, BASE)
