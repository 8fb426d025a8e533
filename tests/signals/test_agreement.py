"""Every reader of signals agrees: the same workspace fed to the item list, the overview's
reads, the trend, the digest, the priorities, the map, outreach (talking points and the
dialogue effect), the export and ``sejuk status`` gives the same items, the same count per
area and the same count per label, and every reader of spikes (the overview's list, the
trend chart, the digest, the priorities and the map) the same spiking areas
(:mod:`sejuk.signals` decides, once).

The world (:mod:`tests.signals.world`) holds the cases where the copies used to disagree:
a multi-label item, an item tagged with two desa, an item only a claim match signals, a
fact-check wording flagged provokasi, an item tagged with the kabupaten only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from feeds.export import iter_records
from sejuk import reads
from sejuk.digest.build import build_digest
from sejuk.digest.query import gather_inputs
from sejuk.maps import view as mapview
from sejuk.maps.view import map_data
from sejuk.outreach.effect import daily_flagged
from sejuk.outreach.gather import signalled_rows
from sejuk.priorities import compute_priorities, reasons
from sejuk.reads import trend
from sejuk.reads.status import workspace_status
from sejuk.settings import Settings
from sejuk.signals import (
    RULE,
    active_version,
    area_day_counts,
    claims_count,
    spikes,
    test_day,
    within,
)
from sejuk.timeutil import WIB, local_day_bounds
from sejuk.workspace import Workspace
from tests.signals.world import (
    EXPECTED,
    EXPECTED_LABELS,
    K1,
    K2,
    KAB,
    LABELS,
    AgreementWorld,
    D,
    build_agreement_world,
)

D0, D1 = local_day_bounds(D, WIB)
NOW = datetime.combine(D, time(18), tzinfo=WIB)


@pytest.fixture
def world(workspace: Workspace) -> AgreementWorld:
    return build_agreement_world(workspace)


def _listed(session: Session, settings: Settings, **filters: object) -> set[int]:
    """The item list (the Item page, its export and the map drill-down) on day D."""
    version = active_version(session)
    flt = reads.ItemFilter(since=D0, until=D1,
                           claim_signal=claims_count(settings.classifier.labels),
                           **filters)  # type: ignore[arg-type]
    return {i.id for i in reads.flagged_items(session, version, flt, limit=1000)}


def _expected(settings: Settings) -> dict[str, int]:
    """Without ``hoaks`` configured the claim-only item (c) is no signal anywhere."""
    if claims_count(settings.classifier.labels):
        return EXPECTED
    return {code: n - 1 if code in (K1, KAB) else n for code, n in EXPECTED.items()}


def _check_every_reader(ws: Workspace, settings: Settings, world: AgreementWorld) -> None:
    expected = _expected(settings)
    claims = claims_count(settings.classifier.labels)
    labels = settings.classifier.labels
    with ws.session() as s:
        version = active_version(s)
        assert version is not None and version.id == world.version_id
        listed = {code: _listed(s, settings, region_prefix=code) for code in expected}
        assert {code: len(ids) for code, ids in listed.items()} == expected
        assert world.ids["noise"] not in listed[KAB] and world.ids["debunk"] not in listed[KAB]
        assert (world.ids["c"] in listed[K1]) is claims
        assert world.ids["e"] in listed[K1]  # scoring alone decides what a debunk carries

        # overview: kab/kota table, map areas, per-label metrics, trend
        overlay = {r.code: r for r in reads.area_overlay(s, version, D0, claims=claims)}
        assert overlay[KAB].flagged == expected[KAB]
        kec = {a.code: a for a in mapview.area_signals(s, version, D0, D1, claims=claims)}
        assert {k: kec[k].flagged for k in (K1, K2)} == {K1: expected[K1], K2: expected[K2]}
        [kab] = mapview.area_signals(s, version, D0, D1, level="kabkota", claims=claims)
        assert kab.flagged == expected[KAB]
        per_label = {label: len(_listed(s, settings, labels=(label,))) for label in labels}
        assert per_label == {label: EXPECTED_LABELS[label] - (label == "hoaks" and not claims)
                             for label in labels}
        trends = {t.label: t.today for t in reads.label_trends(s, version, labels, NOW,
                                                                  claims=claims)}
        assert trends == per_label
        days = trend.daily_trend(s, version, labels, NOW, WIB, days=RULE.baseline_days + 1,
                                 claims=claims)
        today = days[-1]
        assert today.day == world.day and today.flagged == per_label
        assert set(today.spikes) == {  # the chart marks what the one rule says
            label for label in labels if test_day(world.day, today.flagged[label], [
                d.flagged[label] for d in days[:-1]]).spike}

        # spikes: the rule's own counts, the overview's list (quiet K1 spikes, steady K2
        # with 2 a day then 4 does not: 4 against 2 happens one day in seven)
        vid = version.id
        assert {k: c[-1] for k, c in area_day_counts(
            s, vid, first=world.day, last=world.day, claims=claims).items()} == {
            K1: expected[K1], K2: expected[K2]}
        assert area_day_counts(s, vid, first=world.day, last=world.day, level="kabkota",
                               claims=claims) == {KAB: [expected[KAB]]}
        listed_spikes = reads.area_spikes(s, version, NOW, zone=WIB, claims=claims)
        assert [(a.code, a.today) for a in listed_spikes] == [(K1, expected[K1])]
        assert {k for k, t in spikes(s, vid, day=world.day, claims=claims).items()
                if t[-1].spike} == {K1}

        # digest of D + 1 (window D 06:00 .. D+1 06:00 WIB: every item of day D)
        digest = build_digest(gather_inputs(s, settings, world.day + timedelta(days=1),
                                            now=NOW + timedelta(hours=14)))
        assert digest.items_total == len(_listed(s, settings)) == expected[KAB]
        assert [(sp.code, sp.today, sp.new) for sp in digest.spikes] == [
            (K1, expected[K1], True)]
        # (the digest also lists labels the model flags beyond the configured ones)
        assert {c.label: c.today for c in digest.counts if c.label in labels} == per_label

        # priorities (overview, map colours, digest ranking, plan), at two levels
        ranked = {p.code: p for p in compute_priorities(s, settings, day=world.day)}
        assert {k: ranked[k].flagged for k in (K1, K2)} == {K1: expected[K1], K2: expected[K2]}
        assert ranked[K1].spike and not ranked[K2].spike
        plan = {p.code: p for p in compute_priorities(s, settings, day=world.day,
                                                      window_days=3)}  # the plan's window
        assert any("lonjakan" in r for r in reasons(plan[K1], 3))
        assert not any("lonjakan" in r for r in reasons(plan[K2], 3))
        assert ranked[K1].p_value == spikes(s, vid, day=world.day, claims=claims)[K1][-1].p_value
        configured = {k: n for k, n in ranked[K1].flagged_by_label.items() if k in labels}
        assert configured == {
            label: len(listed[K1] & _listed(s, settings, labels=(label,))) for label in labels}
        [by_kab] = compute_priorities(s, settings, day=world.day, level="kabkota")
        assert by_kab.code == KAB and by_kab.flagged == expected[KAB]
        areas = {a.code: a for a in map_data(s, settings, scope=KAB, day=world.day,
                                             window_days=1, level="kecamatan").areas}
        assert {k: areas[k].flagged for k in (K1, K2)} == {K1: expected[K1], K2: expected[K2]}
        assert areas[K1].spike and not areas[K2].spike

        # outreach: talking points' rows and the dialogue effect
        rows = signalled_rows(s, version.id, claims, D0, D1, [KAB])
        by_kec: dict[str, set[int]] = {}
        for item_id, code, _, _, _ in rows:
            by_kec.setdefault(code[:8], set()).add(item_id)
        assert by_kec[K1] == listed[K1] and by_kec[K2] == listed[K2]
        assert daily_flagged(s, version.id, K1, world.day, world.day, claims=claims) == [
            expected[K1]]

        # export: the records' flags, and sejuk status
        exported = [r for r in iter_records(s, D0, claims=claims)
                    if r["flags"] and datetime.fromisoformat(r["published_at"]) < D1]
        assert {r["id"] for r in exported
                if any(within(c, K1) for c in r["regions"])} == listed[K1]
        assert Counter(label for r in exported for label in r["flags"]
                       if label in labels) == Counter(per_label)
        status = workspace_status(s, settings)
        everything = reads.ItemFilter(claim_signal=claims)
        assert status["signalled"] == len(reads.flagged_items(s, version, everything,
                                                              limit=10_000))
        configured_status = {k: n for k, n in status["flagged"].items() if k in labels}
        assert configured_status == {label: len(reads.flagged_items(
            s, version, replace(everything, labels=(label,)), limit=10_000))
            for label in labels}


def test_every_reader_counts_the_same_items(workspace: Workspace,
                                            world: AgreementWorld) -> None:
    _check_every_reader(workspace, workspace.settings, world)


def test_without_hoaks_configured_claim_matches_count_nowhere(
        workspace: Workspace, world: AgreementWorld) -> None:
    settings = workspace.settings
    only = replace(settings, classifier=replace(settings.classifier, labels=("provokasi",)))
    _check_every_reader(workspace, only, world)


def test_the_world_pins_the_old_disagreements(workspace: Workspace,
                                              world: AgreementWorld) -> None:
    """The cases the copies counted differently are really in the world: without them
    the agreement above would prove little."""
    with workspace.session() as s:
        version = active_version(s)
        items = {i.id: i for i in reads.items_by_id(s, version, list(world.ids.values()))}
    assert items[world.ids["b"]].flags == ["hoaks", "provokasi"]
    assert items[world.ids["c"]].flags == [] and items[world.ids["c"]].debunk_similarity
    assert len(items[world.ids["d"]].regions) == 2
    assert items[world.ids["e"]].is_debunk and items[world.ids["e"]].flags == ["provokasi"]
    assert set(LABELS) == {"hoaks", "provokasi"}


def test_the_demo_spikes_alike_everywhere(demo_workspace: Workspace, demo_day: date) -> None:
    """The real demo (collection, claim matching, multi-label items): on the last
    complete day the priorities, the overview's list, the digest and the map name the
    same spiking kecamatan, among them the planted rise in Plumbon and Tamalate."""
    day = demo_day - timedelta(days=1)
    settings = demo_workspace.settings
    zone = ZoneInfo(settings.timezone)
    with demo_workspace.session() as s:
        version = active_version(s)
        ranked = {p.code for p in compute_priorities(s, settings, day=day) if p.spike}
        listed = {a.code for a in reads.area_spikes(
            s, version, datetime.combine(day, time(23, 59), tzinfo=zone), zone=zone)}
        digest = build_digest(gather_inputs(s, settings, demo_day))
        mapped = {a.code for a in map_data(s, settings, scope=None, day=day, window_days=1,
                                           level="kecamatan").areas if a.spike}
    assert {"32.09.18", "73.71.10"} <= ranked
    assert ranked == listed == {sp.code for sp in digest.spikes} == mapped


def test_a_claim_only_item_weighs_what_it_counts(workspace: Workspace,
                                                 world: AgreementWorld) -> None:
    """The claim-only item (c) is counted in K1's signal under ``hoaks``, so it weighs
    there too: its similarity (0.8) x its reach (a news item of one outlet, 1.0), as a
    flagged item weighs its confidence x reach. Without ``hoaks`` configured it is no
    signal and weighs nothing."""
    settings = workspace.settings
    only = replace(settings, classifier=replace(settings.classifier, labels=("provokasi",)))
    with workspace.session() as s:
        ranked = {p.code: p for p in compute_priorities(s, settings, day=world.day)}
        without = {p.code: p for p in compute_priorities(s, only, day=world.day)}
    assert ranked[K1].flagged_by_label["hoaks"] == without[K1].flagged_by_label["hoaks"] + 1
    assert ranked[K1].weighted == pytest.approx(without[K1].weighted + 0.8)
    assert ranked[K2].weighted == without[K2].weighted  # no claim match there


def test_an_item_tagged_with_two_desa_weighs_once(workspace: Workspace,
                                                 world: AgreementWorld) -> None:
    """(d) is tagged with two desa of K1: counted once there, it weighed twice (6.3).
    Every flagged prediction of K1's items on D is confidence 0.9 x reach 1.0 (a news
    item of one outlet): a1, a2 (hoaks), b (hoaks and provokasi), d and e (provokasi)
    weigh 6 x 0.9; with ``hoaks`` configured the claim-only item c adds 0.8."""
    settings = workspace.settings
    only = replace(settings, classifier=replace(settings.classifier, labels=("provokasi",)))
    with workspace.session() as s:
        k1 = {p.code: p for p in compute_priorities(s, only, day=world.day)}[K1]
        both = {p.code: p for p in compute_priorities(s, settings, day=world.day)}[K1]
        kab = {p.code: p for p in compute_priorities(s, settings, day=world.day,
                                                      level="kabkota")}
    assert k1.weighted == pytest.approx(6 * 0.9)
    assert both.weighted == pytest.approx(6 * 0.9 + 0.8)
    # the kab/kota holds K1 and K2 (four flagged hoaks on D) and the kab-only item
    assert kab["32.09"].weighted == pytest.approx(6 * 0.9 + 0.8 + 4 * 0.9 + 0.9)


def test_an_upgraded_workspace_rebuilds_the_rollup_with_area_weights(
        workspace: Workspace, world: AgreementWorld) -> None:
    """A rollup written before revision 0011 has no weight on its per-area rows; the
    revision empties the derived table and the first priority read rebuilds it, so an
    upgraded workspace's areas do not read as weightless."""
    from alembic import command
    from sqlalchemy import func, select, update

    from sejuk.db.migrate import alembic_config, upgrade
    from sejuk.db.models import AreaDaySignal
    from sejuk.signals.rollup import ANY, rebuild_rollup

    command.downgrade(alembic_config(workspace.engine), "0010_leader_phones")
    with workspace.session() as s:  # the rollup as the code before 0011 wrote it
        rebuild_rollup(s, world.version_id)
        s.execute(update(AreaDaySignal).where(AreaDaySignal.label == ANY).values(weight=0.0))
    upgrade(workspace.engine)
    with workspace.session() as s:
        assert s.scalar(select(func.count()).select_from(AreaDaySignal)) == 0
        k1 = {p.code: p for p in compute_priorities(s, workspace.settings, day=world.day)}[K1]
    assert k1.weighted == pytest.approx(6 * 0.9 + 0.8)
