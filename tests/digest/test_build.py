"""Pure digest rules: the window, counting, spikes, safe links, source health."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feeds.problems import PROBLEMS
from sejuk.digest.build import (
    DigestInputs,
    FlaggedRow,
    SourceFacts,
    Window,
    build_digest,
    digest_spikes,
    digest_to_dict,
    digest_window,
    due_day,
    label_counts,
    next_cutoff,
    parse_cutoff,
    source_problems,
)
from sejuk.errors import InputError
from sejuk.phrases import Said
from sejuk.signals import test_day
from sejuk.timeutil import WIB, WIT, WITA

SIX = time(6, 0)
WINDOW = digest_window(date(2026, 11, 26), SIX, WIB)


def row(item_id: int, at: datetime, flags: tuple[str, ...] = ("hoaks",),
        codes: tuple[str, ...] = ("32.09.18.2001",), p: float = 0.9,
        link: str | None = "https://example.org/a") -> FlaggedRow:
    return FlaggedRow(item_id=item_id, title=f"item {item_id}", link=link, source="S",
                      published_at=at, flags=flags, scores=dict.fromkeys(flags, p),
                      reasons={f: ["kata"] for f in flags}, region_codes=codes)


@pytest.mark.parametrize(("zone", "start_utc"), [
    (WIB, datetime(2026, 11, 24, 23, 0, tzinfo=UTC)),
    (WITA, datetime(2026, 11, 24, 22, 0, tzinfo=UTC)),
    (WIT, datetime(2026, 11, 24, 21, 0, tzinfo=UTC)),
])
def test_window_is_24h_before_the_local_cutoff(zone, start_utc) -> None:
    window = digest_window(date(2026, 11, 26), SIX, zone)
    assert window.start == start_utc
    assert window.end - window.start == timedelta(hours=24)
    assert window.end.astimezone(zone).time() == SIX


def test_cutoff_parsing_names_the_setting() -> None:
    assert parse_cutoff("07:30") == time(7, 30)
    with pytest.raises(InputError, match=r"digest\.cutoff"):
        parse_cutoff("7 pagi")


def test_due_day_and_next_cutoff() -> None:
    before = datetime(2026, 11, 25, 22, 59, tzinfo=UTC)  # 05:59 WIB on the 26th
    after = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)  # 06:00 WIB on the 26th
    assert due_day(before, SIX, WIB) == date(2026, 11, 25)
    assert due_day(after, SIX, WIB) == date(2026, 11, 26)
    assert next_cutoff(before, SIX, WIB) == after
    assert next_cutoff(after, SIX, WIB) == after + timedelta(days=1)


def test_counts_today_previous_and_baseline_with_edges() -> None:
    rows = [
        row(1, WINDOW.start),  # first instant: today
        row(2, WINDOW.end - timedelta(seconds=1), ("hoaks", "provokasi")),
        row(3, WINDOW.end),  # after the cut-off: not in this digest
        row(4, WINDOW.start - timedelta(seconds=1)),  # previous window
        *[row(10 + d, WINDOW.start - timedelta(days=d) + timedelta(hours=1))
          for d in range(1, 8)],
        row(30, WINDOW.start - timedelta(days=8, hours=1)),  # beyond the baseline
    ]
    counts = {c.label: c for c in label_counts(rows, WINDOW, ("hoaks", "provokasi"))}
    assert (counts["hoaks"].today, counts["hoaks"].previous) == (2, 2)
    assert counts["hoaks"].baseline == round(8 / 7, 2)
    assert counts["hoaks"].daily[-1] == 2 and len(counts["hoaks"].daily) == 8
    assert (counts["provokasi"].today, counts["provokasi"].previous) == (1, 0)


@given(st.lists(st.integers(min_value=-9 * 24 * 60, max_value=2 * 24 * 60), max_size=60))
def test_every_row_in_the_eight_windows_is_counted_once(offsets: list[int]) -> None:
    rows = [row(i, WINDOW.end + timedelta(minutes=m)) for i, m in enumerate(offsets)]
    (count,) = label_counts(rows, WINDOW, ("hoaks",))
    inside = sum(1 for m in offsets if -8 * 24 * 60 <= m < 0)
    assert sum(count.daily) == inside
    assert count.today == sum(1 for m in offsets if -24 * 60 <= m < 0)


def test_spikes_are_the_one_rules_and_say_if_new() -> None:
    """The digest lists the areas the rule's tests mark on the reported day (the local
    day before the digest day), labels from that day's rows; ``new`` when the day before
    did not spike."""
    at = WINDOW.start + timedelta(hours=2)  # 25 Nov 08:00 WIB: the reported local day
    day = at.astimezone(WIB).date()
    quiet = [row(i, at, codes=("32.09.18.2001",)) for i in range(4)]
    earlier = [row(50, at - timedelta(days=1), codes=("32.09.18.2001",))]
    ongoing = [row(100 + i, at, codes=("73.71.10",)) for i in range(9)]
    tests = {  # quiet kecamatan: 4 against nothing; ongoing: spiked yesterday too
        "32.09.18": [test_day(day - timedelta(days=1), 1, []), test_day(day, 4, [0] * 28)],
        "73.71.10": [test_day(day - timedelta(days=1), 9, [1] * 28),
                     test_day(day, 9, [1] * 27 + [9])],
        "32.08.12": [test_day(day - timedelta(days=1), 0, []),
                     test_day(day, 4, [2] * 28)],  # steady 2 a day, then 4: chance
    }
    assert [t[-1].spike for t in tests.values()] == [True, True, False]
    spikes = digest_spikes(tests, quiet + earlier + ongoing, {"32.09.18": "Plumbon"})
    assert [(s.code, s.name, s.today, s.new) for s in spikes] == [
        ("32.09.18", "Plumbon", 4, True), ("73.71.10", "73.71.10", 9, False)]
    assert spikes[0].labels == {"hoaks": 4} and spikes[0].baseline == 0.1


def test_source_problems_failing_and_stale() -> None:
    now = WINDOW.end
    facts = [
        SourceFacts("ok", "news", 0, 200, None, now - timedelta(hours=1), now),
        SourceFacts("down", "news", 3, 503, "HTTP 503", now - timedelta(days=2), now),
        SourceFacts("silent", "social", 0, 304, None, now - timedelta(days=2), now),
        SourceFacts("new", "news", 0, None, None, None, None),  # never fetched yet
    ]
    problems = source_problems(facts, WINDOW)
    assert [(p.name, p.problem) for p in problems] == [("down", "failing"),
                                                       ("silent", "stale")]


def _inputs(rows: list[FlaggedRow], **kw) -> DigestInputs:
    return DigestInputs(day=date(2026, 11, 26), jurisdiction="all", jurisdiction_name="all",
                        window=WINDOW, labels=("hoaks", "provokasi"), rows=rows,
                        region_names={}, generated_at=WINDOW.end, **kw)


def test_digest_lists_most_confident_first_and_caps_the_list() -> None:
    at = WINDOW.start + timedelta(hours=1)
    rows = [row(i, at, p=0.5 + i / 100, link="javascript:alert(1)" if i == 3 else
                f"https://x.org/{i}") for i in range(6)]
    digest = build_digest(_inputs(rows, item_limit=4))
    assert [i.id for i in digest.items] == [5, 4, 3, 2]
    assert digest.items_total == 6 and digest.items_omitted == 2
    assert next(i for i in digest.items if i.id == 3).url is None


def test_a_claim_match_without_a_model_flag_is_listed_and_counted_under_hoaks() -> None:
    """The one signal rule (sejuk.signals): a claim match is a hoaks signal in the counts
    too, as on the overview and in ``sejuk status``; the item shows no model label."""
    from dataclasses import replace

    from sejuk.digest.render import render

    at = WINDOW.start + timedelta(hours=2)
    lead = replace(row(7, at, flags=()), claim_similarity=0.8, debunk_title="Hoaks TPS")
    digest = build_digest(_inputs([row(1, at, p=0.6), lead]))
    assert [i.id for i in digest.items] == [7, 1]  # ranked by similarity beside probability
    assert digest.items[0].labels == [] and digest.items[0].claim_similarity == 0.8
    assert next(c for c in digest.counts if c.label == "hoaks").today == 2
    # where hoaks is not configured a match is no signal, so it counts under no label
    unconfigured = replace(lead, claims=False)
    assert unconfigured.labels == () and replace(lead, flags=("provokasi",)).labels == (
        "hoaks", "provokasi")
    for fmt in ("txt", "md", "html"):
        assert "mirip klaim terbantah 80%" in render(digest, fmt), fmt


def test_empty_day_is_empty_and_json_has_the_contract_keys() -> None:
    digest = build_digest(_inputs([]))
    assert digest.empty
    data = digest_to_dict(digest)
    assert next(iter(data)) == "date" and data["date"] == "2026-11-26"
    for key in ("jurisdiction", "window", "counts", "narratives", "spikes", "priorities",
                "items"):
        assert key in data
    assert data["window"] == {"start": WINDOW.start.isoformat(), "end": WINDOW.end.isoformat(),
                              "zone": "Asia/Jakarta"}
    assert data["counts"]["hoaks"]["today"] == 0
    assert set(data["counts"]["hoaks"]) >= {"today", "previous", "baseline"}


def test_window_contains_is_half_open() -> None:
    window = Window(WINDOW.start, WINDOW.end, "Asia/Jakarta")
    assert window.contains(WINDOW.start) and not window.contains(WINDOW.end)


def test_a_failing_source_and_the_figures_read_in_the_digest_language() -> None:
    """The source's recorded problem is stored in English; the digest says it (and its
    figures) in its own language, while JSON keeps what was stored."""
    from dataclasses import replace

    from feeds.problems import problem
    from sejuk.digest.render import render

    now = WINDOW.end
    error = problem("http", status="503 Service Unavailable", hint=Said(PROBLEMS, "hint_503"))
    failing = SourceFacts("down", "news", 3, 503, error, now - timedelta(days=2), now)
    before = [row(i, WINDOW.start - timedelta(days=1, hours=i)) for i in range(1, 4)]
    inputs = _inputs([row(9, WINDOW.start + timedelta(hours=1)), *before], sources=[failing])
    indonesian, english = build_digest(inputs), build_digest(replace(inputs, language="en"))
    baseline = next(c for c in indonesian.counts if c.label == "hoaks").baseline
    assert 0 < baseline < 1, "a decimal figure to write"
    for fmt in ("txt", "md", "html"):
        said = render(indonesian, fmt)
        assert "situs sedang mati atau menangkis bot" in said, fmt
        assert "the site is down" not in said, fmt
        assert f"{baseline:g}".replace(".", ",") in said, fmt
        assert "the site is down or shielding itself" in render(english, fmt), fmt
        assert f"{baseline:g}" in render(english, fmt), fmt
    assert json.loads(render(indonesian, "json"))["source_problems"][0]["last_error"] == error

def test_english_digest_counts_one_in_the_singular() -> None:
    """"1 areas", "1 signals", "1 items today", "1 sources" were what a first week's
    digest said in English; Indonesian has no plural and is unchanged."""
    from dataclasses import replace

    from sejuk.digest.build import NarrativeFacts, Priority
    from sejuk.digest.render import render

    at = WINDOW.start + timedelta(hours=2)
    story = NarrativeFacts(id=9, title="Surat suara dicoblos", size=2, first_seen=at,
                           last_seen=at, sources=1, area_codes=("32.09.18.2001",))
    area = Priority(code="32.09.18", name="Weru", score=1.5, worst_level="Rawan",
                    vulnerable_tps=1, signals=1, components={}, leaders=[], topics=[],
                    recommendation="")
    inputs = replace(_inputs([replace(row(1, at), narrative_id=9)], narratives=[story],
                             priorities=[area]), region_names={"32.09.18.2001": "Weru"})
    for fmt in ("txt", "md", "html"):
        english = render(build_digest(replace(inputs, language="en")), fmt)
        for wrong in ("1 items today", "1 sources", "1 areas", "1 signals"):
            assert wrong not in english, (fmt, wrong)
        for right in ("1 item today", "1 source", "1 area", "1 signal"):
            assert right in english, (fmt, right)
        assert "1 item hari ini" in render(build_digest(inputs), fmt)


def test_many_failing_sources_show_the_worst_five_and_a_count() -> None:
    """38 unreachable catalogue feeds were most of a first digest: it lists the five that
    fail longest (most consecutive failures, then oldest success) and counts the rest,
    saying where to see them; JSON keeps every one."""
    from dataclasses import replace

    from sejuk.digest.render import render

    now = WINDOW.end
    facts = [SourceFacts(f"Katalog {n:02d}", "news", 1 + n % 4, None, "connection refused",
                         now - timedelta(days=2), now) for n in range(36)]
    facts += [SourceFacts("Lama sekali", "news", 4, None, "timeout", None, now),
              SourceFacts("Senyap", "social", 0, 304, None, now - timedelta(days=3), now)]
    inputs = _inputs([row(1, WINDOW.start + timedelta(hours=1))], sources=facts)
    worst = ["Lama sekali", "Katalog 03", "Katalog 07", "Katalog 11", "Katalog 15"]
    for language, more in (("id", "33 sumber lain bermasalah"),
                           ("en", "33 more sources with problems")):
        digest = build_digest(replace(inputs, language=language))
        assert [p.name for p in digest.source_problems[:5]] == worst
        for fmt in ("html", "md", "txt"):
            said = render(digest, fmt)
            assert all(name in said for name in worst), (language, fmt)
            assert "Katalog 19" not in said and "Senyap" not in said, (language, fmt)
            assert more in said and "sejuk sources list" in said, (language, fmt)
        assert len(json.loads(render(digest, "json"))["source_problems"]) == 38
    one_more = replace(inputs, language="en", sources=facts[:5] + facts[-1:])
    assert "1 more source with problems" in render(build_digest(one_more), "txt")
    few = build_digest(replace(inputs, sources=facts[:5]))
    assert "lain bermasalah" not in render(few, "txt")
