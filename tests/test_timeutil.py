"""The local day: what a digest, a follow-up or a demo means by "today"."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sejuk.timeutil import WIT, local_today


def test_the_local_day_turns_at_local_midnight_not_at_utc_midnight() -> None:
    before = datetime(2026, 11, 26, 16, 59, tzinfo=UTC)  # 23:59 WIB
    after = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)  # 00:00 WIB, still the 26th in UTC
    assert local_today("Asia/Jakarta", before) == date(2026, 11, 26)
    assert local_today("Asia/Jakarta", after) == date(2026, 11, 27)
    assert local_today(WIT, datetime(2026, 11, 26, 15, 0, tzinfo=UTC)) == date(2026, 11, 27)
