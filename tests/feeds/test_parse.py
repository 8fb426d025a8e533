"""Parser cases driven by ``tests/data/feeds/cases.toml``: each fixture says what it gives."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from feeds.parse import check_not_hostile, parse_datetime, parse_feed

FEEDS = Path(__file__).parent.parent / "data" / "feeds"
CASES: dict[str, dict[str, Any]] = tomllib.loads((FEEDS / "cases.toml").read_text())


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_parses_as_declared(name: str) -> None:
    case = CASES[name]
    content = (FEEDS / case["file"]).read_bytes()
    headers = {"content-type": case.get("content_type", "application/rss+xml")}
    parsed = parse_feed(content, headers, "https://uji.example/feed")
    assert parsed.refused == case.get("refused", False), parsed.problem
    if "entries" in case:
        assert len(parsed.entries) == case["entries"]
    if "entries_at_least" in case:
        assert len(parsed.entries) >= case["entries_at_least"]
    if "problem" in case:
        assert parsed.problem is not None
        assert case["problem"] in parsed.problem
    elif not case.get("refused"):
        assert parsed.problem is None
    if "titles" in case:
        assert [e.title for e in parsed.entries] == case["titles"]
    for needle in case.get("no_text", []):
        for entry in parsed.entries:
            assert needle not in entry.text
            assert needle not in entry.title


def test_hostile_feed_never_reaches_a_parser_or_local_files() -> None:
    content = (FEEDS / "external_entity.xml").read_bytes()
    parsed = parse_feed(content, {"content-type": "application/rss+xml"})
    assert parsed.entries == []
    assert "root:" not in repr(parsed)


def test_entity_check_sees_utf16_documents() -> None:
    content = (FEEDS / "entity_bomb.xml").read_text().encode("utf-16")
    with pytest.raises(Exception, match="declares XML entities"):
        check_not_hostile(content)


def test_zone_less_dates_stay_naive_for_the_source_zone() -> None:
    parsed = parse_feed((FEEDS / "rss2_good.xml").read_bytes(), {})
    first, second = parsed.entries
    assert first.published == datetime(2026, 11, 23, 8, 15, tzinfo=timezone(timedelta(hours=7)))
    assert second.published == datetime(2026, 11, 23, 10, 0)
    assert second.published.tzinfo is None


def test_json_feed_fields() -> None:
    parsed = parse_feed((FEEDS / "jsonfeed_good.json").read_bytes(),
                        {"content-type": "application/feed+json"})
    first, second = parsed.entries
    assert first.text == "Debat di Kuningan berjalan tertib."
    assert first.author == "Redaksi"
    assert first.hashtags == ("pilkada",)
    assert second.hashtags == ("pilkadadamai",)
    assert parsed.format == "json11"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon, 23 Nov 2026 08:15:00 +0700",
         datetime(2026, 11, 23, 1, 15, tzinfo=UTC)),
        ("2026-11-23T08:15:00Z", datetime(2026, 11, 23, 8, 15, tzinfo=UTC)),
        ("2026-11-23T08:15:00+08:00", datetime(2026, 11, 23, 0, 15, tzinfo=UTC)),
    ],
)
def test_aware_dates(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed is not None
    assert parsed.astimezone(UTC) == expected


@pytest.mark.parametrize("text", ["", "kemarin sore", "2026-13-45T99:00:00", "0001-01-01",
                                  "9999-12-31T23:59:59-05:00",
                                  "Fri, 31 Dec 9999 23:59:59 -1200"])
def test_unreadable_dates_are_none(text: str) -> None:
    assert parse_datetime(text) is None


def test_empty_body_is_refused() -> None:
    parsed = parse_feed(b"   ", {})
    assert parsed.refused
    assert parsed.problem == "empty response body"


@pytest.mark.parametrize("body", [b"{not json", b'{"version": "1"}', b'{"version": '
                                  b'"https://jsonfeed.org/version/1.1", "items": 3}'])
def test_bad_json_feeds_are_refused(body: bytes) -> None:
    parsed = parse_feed(body, {"content-type": "application/json"})
    assert parsed.refused
    assert parsed.problem


def test_a_json_feed_nested_thousands_deep_is_refused_not_raised() -> None:
    """Python's JSON parser raises RecursionError (not a JSONDecodeError) on hostile
    nesting; the collector reported it as an "internal error" with a traceback."""
    body = (b'{"version": "https://jsonfeed.org/version/1.1", "items": '
            + b"[" * 100_000 + b"]" * 100_000 + b"}")
    parsed = parse_feed(body, {"content-type": "application/feed+json"})
    assert parsed.refused
    assert parsed.problem == "not valid JSON: nested too deeply"
