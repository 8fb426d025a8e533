"""The rules of :mod:`sejuk.signals` one by one: links, areas, labels, the SQL clauses,
the spike rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from sejuk.db.models import AreaDaySignal, ClaimMatch, Item, ItemRegion, Prediction
from sejuk.signals import (
    LEVEL_WIDTH,
    RULE,
    active_version,
    active_version_id,
    area_day_counts,
    area_of,
    best_claim_links,
    claim_only_clause,
    claims_count,
    in_prefixes,
    overlaps,
    prefix_filter,
    safe_url,
    signal_labels,
    signalled_clause,
    spike_tests,
    test_day,
    within,
)
from sejuk.signals.rollup import rebuild_rollup, refresh_rollup
from sejuk.workspace import Workspace
from tests.signals.world import K1, K1_DESA, K1_DESA2, K2, KAB, build_agreement_world


def test_safe_url_allows_only_absolute_http_without_attribute_breakers() -> None:
    assert safe_url("https://demo.sejuk.example/a?b=1") == "https://demo.sejuk.example/a?b=1"
    assert safe_url(" https://ok.example/x ") == "https://ok.example/x"  # feeds pad links
    # the dashboard's, the printed plan's and the field-report reply's own checks let
    # these through; the one check refuses them everywhere
    for bad in ["https://a b.org", "https://x.org/\"onmouseover=alert(1)", "http://",
                "https://x.org/'onclick='x'", "https://x.org/`x`", "https://x.org/\tx"]:
        assert safe_url(bad) is None, bad
    for bad in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "/relative",
                None, "", " javascript:alert(1)", "https://x.org/<script>", "vbscript:x",
                "ftp://x.org/a", "https://x.org/\x00", "http://[::1"]:
        assert safe_url(bad) is None, bad


def test_areas_nest_by_prefix_and_an_empty_list_holds_nothing() -> None:
    assert within(K1_DESA, K1) and within(K1, K1) and not within("32.09.180", "32.09.18")
    assert in_prefixes(K1_DESA, None)  # no restriction
    assert not in_prefixes(K1_DESA, [])  # a jurisdiction covering nothing
    assert in_prefixes(K1_DESA, [K2, KAB]) and not in_prefixes(K1_DESA, [K2])
    assert overlaps(K1, [K1_DESA]) and overlaps(K1_DESA, [K1]) and not overlaps(K2, [K1])
    assert overlaps(K2, None) and not overlaps(K2, [])
    assert area_of(K1_DESA, "kecamatan") == K1 and area_of(K1_DESA, "kabkota") == KAB
    assert area_of(KAB, "kecamatan") is None and area_of(K1_DESA, "desa") == K1_DESA
    assert list(LEVEL_WIDTH.values()) == [2, 5, 8, 13]


def test_signal_labels_add_hoaks_for_a_claim_match_only_where_configured() -> None:
    assert claims_count(("hoaks", "provokasi")) and not claims_count(("provokasi",))
    assert signal_labels(["provokasi"], True, claims=True) == ("hoaks", "provokasi")
    assert signal_labels(["provokasi"], True, claims=False) == ("provokasi",)
    assert signal_labels([], False, claims=True) == ()
    assert signal_labels(["hoaks", "hoaks"], True, claims=True) == ("hoaks",)


def test_clauses_select_what_the_rule_says(workspace: Workspace) -> None:
    world = build_agreement_world(workspace)
    ids = world.ids
    with workspace.session() as s:
        def matching(clause: object) -> set[int]:
            wanted = {ids[k] for k in ("b", "c", "d", "e", "noise", "debunk")}
            return set(s.scalars(select(Item.id).where(clause, Item.id.in_(wanted))))

        vid = active_version_id(s)
        version = active_version(s)
        assert version is not None and vid == version.id == world.version_id
        assert signalled_clause(Item.id, None, claims=False) is None  # nothing can signal
        assert matching(signalled_clause(Item.id, vid, claims=True)) == {
            ids["b"], ids["c"], ids["d"], ids["e"]}
        assert matching(signalled_clause(Item.id, vid, claims=False)) == {
            ids["b"], ids["d"], ids["e"]}
        assert matching(signalled_clause(Item.id, None, claims=True)) == {ids["c"]}
        # under a label: flagged for it, or claim-matched and the label is hoaks
        assert matching(signalled_clause(Item.id, vid, claims=True, labels=("hoaks",))) == {
            ids["b"], ids["c"]}
        assert matching(signalled_clause(Item.id, vid, claims=True,
                                         labels=("provokasi",))) == {
            ids["b"], ids["d"], ids["e"]}
        # what claim matching adds to the model's flags (for hoaks; for any label)
        assert matching(claim_only_clause(Item.id, vid, "hoaks")) == {ids["c"]}
        assert matching(claim_only_clause(Item.id, vid)) == {ids["c"]}
        assert matching(claim_only_clause(Item.id, None)) == {ids["c"]}
        # a confidence floor applies to the claim similarity (0.8) as to probabilities
        assert ids["c"] not in matching(signalled_clause(Item.id, vid, claims=True,
                                                         min_confidence=0.85))
        # prefix_filter: None is no filter, [] matches nothing, a range matches the area
        assert prefix_filter(Item.id, None) is None
        count = func.count(func.distinct(ItemRegion.item_id))
        assert s.scalar(select(count).where(prefix_filter(ItemRegion.region_code, []))) == 0
        in_k1 = s.scalar(select(count).where(prefix_filter(ItemRegion.region_code, [K1])))
        like = s.scalar(select(count).where((ItemRegion.region_code == K1)
                                            | ItemRegion.region_code.like(K1 + ".%")))
        assert in_k1 == like > 0
        with_kab = s.scalar(select(count).where(
            prefix_filter(ItemRegion.region_code, [K1], ancestors=True)))
        assert with_kab == in_k1 + 1  # the item tagged with the kabupaten only


@pytest.mark.parametrize("similarities", [(0.7, 0.9), (0.9, 0.9)])
def test_best_claim_link_is_the_most_similar_then_the_lowest_debunk(
        workspace: Workspace, similarities: tuple[float, float]) -> None:
    world = build_agreement_world(workspace)
    ids = world.ids
    with workspace.session() as s:
        s.add(ClaimMatch(item_id=ids["b"], debunk_item_id=ids["noise"],
                         similarity=similarities[0]))
        s.add(ClaimMatch(item_id=ids["b"], debunk_item_id=ids["debunk"],
                         similarity=similarities[1]))
        s.flush()
        links = best_claim_links(s, [ids["b"], ids["c"], ids["d"], ids["b"]])
    low = min(ids["noise"], ids["debunk"])
    assert links[ids["b"]] == (ids["debunk"] if similarities[0] < similarities[1] else low,
                               0.9)
    assert links[ids["c"]] == (ids["debunk"], pytest.approx(0.8))
    assert ids["d"] not in links


D = date(2026, 11, 20)


@pytest.mark.parametrize(("per_day", "smallest"), [
    (0, 3), (0.1, 3), (0.5, 4), (1, 5), (2, 7), (5, 12), (10, 19), (20, 32), (50, 68)])
def test_smallest_spiking_count_follows_the_baseline(per_day: float, smallest: int) -> None:
    """The table of the README: a steady baseline, then the smallest count that spikes.
    At least 3 items always; a doubling is chance at 1-3 a day, far from it at 20."""
    history = [per_day] * RULE.baseline_days
    counts = [n for n in range(0, 200) if test_day(D, n, history).spike]  # type: ignore[arg-type]
    assert counts[0] == smallest
    assert counts == list(range(smallest, 200))  # the tail only shrinks as n grows


def test_day_uses_the_ewma_of_the_28_days_before_floored() -> None:
    quiet = test_day(D, 0, [])
    assert quiet.expected == RULE.prior_per_day and quiet.p_value == 1.0 and not quiet.spike
    recent = test_day(D, 4, [0] * 27 + [10])  # one busy yesterday weighs 0.2 x 10
    assert recent.expected == pytest.approx(2.0)
    old = test_day(D, 4, [10] + [0] * 28)  # 29 days ago is outside the baseline
    assert old.expected == RULE.prior_per_day and old.spike
    assert recent.surprise < old.surprise


def test_spike_tests_test_each_day_of_the_window_against_the_days_before_it() -> None:
    series = {"steady": [2] * 28 + [4], "rising": [0] * 27 + [6, 3], "short": [5]}
    tests = spike_tests(series, D, 2)
    assert [t.day for t in tests["steady"]] == [D - timedelta(days=1), D]
    assert [t.count for t in tests["steady"]] == [2, 4]
    assert [t.spike for t in tests["steady"]] == [False, False]
    assert [t.spike for t in tests["rising"]] == [True, False]  # day 2: 3 against 1.2
    assert [(t.count, t.spike) for t in tests["short"]] == [(0, False), (5, True)]


def test_refreshing_cells_keeps_the_per_area_rows_distinct(workspace: Workspace) -> None:
    """Re-scoring items recounts their (day, area) cells: the result is what a rebuild
    gives, and the kecamatan's distinct count follows the new flags."""
    world = build_agreement_world(workspace)
    with workspace.session() as s:
        changed = [world.ids["b"], world.ids["d"]]
        s.execute(update(Prediction).where(Prediction.item_id.in_(changed))
                  .values(flagged=False))
        s.add(ItemRegion(item_id=world.ids["a1"], region_code=K1_DESA2, level="desa"))
        refresh_rollup(s, world.version_id, [*changed, world.ids["a1"]])
        rows = set(s.execute(select(AreaDaySignal.day, AreaDaySignal.region_code,
                                    AreaDaySignal.label, AreaDaySignal.items,
                                    AreaDaySignal.flagged, AreaDaySignal.weight)).all())
        rebuild_rollup(s, world.version_id)
        assert set(s.execute(select(AreaDaySignal.day, AreaDaySignal.region_code,
                                    AreaDaySignal.label, AreaDaySignal.items,
                                    AreaDaySignal.flagged, AreaDaySignal.weight)).all()) == rows
        counts = area_day_counts(s, world.version_id, first=D, last=D)
        assert counts[K1] == [6 - 2]  # b and d no longer flagged; a1 in two desa once
