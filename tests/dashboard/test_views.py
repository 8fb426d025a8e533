"""The read models on a small hand-made workspace, on every configured backend (SQLite and,
in CI, PostgreSQL): every query the pages make runs, and filters narrow as they say."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from sejuk import reads
from sejuk.db.models import (
    ClaimMatch,
    Item,
    ItemRegion,
    ModelVersion,
    Narrative,
    Prediction,
    Source,
    Tps,
)
from sejuk.maps import view as mapview
from sejuk.signals import active_version
from sejuk.timeutil import WIB, utc_now
from sejuk.workspace import Workspace

NOW = utc_now().replace(microsecond=0)


@pytest.fixture
def filled(workspace: Workspace) -> Workspace:
    with workspace.session() as session:
        news = Source(name="Kabar", url="https://kabar.example/rss", kind="news")
        social = Source(name="Forum", url="https://forum.example/rss", kind="social")
        session.add_all([news, social])
        version = ModelVersion(path="m.skops", sha256="0" * 64, labels=["hoaks", "provokasi"],
                               metrics={"macro_f1": 0.8}, card={}, status="active")
        narrative = Narrative(title="Surat suara dicoblos", first_seen=NOW - timedelta(days=2),
                              last_seen=NOW, size=3)
        session.add_all([version, narrative])
        session.flush()
        for i in range(12):
            item = Item(url=f"https://x.example/{i}", link=f"https://x.example/{i}",
                        source_id=(news if i % 2 else social).id, title=f"judul {i}",
                        text="<script>alert(1)</script>" if i == 5 else f"isi {i}",
                        published_at=NOW - timedelta(hours=3 * i), content_hash=f"h{i}",
                        is_debunk=i == 11, narrative_id=narrative.id if i < 3 else None,
                        triage="urgent" if i == 4 else None)
            session.add(item)
            session.flush()
            session.add(ItemRegion(item_id=item.id, region_code="32.09.18" if i < 6
                                   else "73.71.10", level="kecamatan"))
            for label, p in (("hoaks", 0.9 if i < 6 else 0.2), ("provokasi", 0.6 if i % 3 == 0
                                                                 else 0.1)):
                session.add(Prediction(item_id=item.id, model_version_id=version.id,
                                       label=label, probability=p, flagged=p >= 0.5,
                                       reasons=["surat suara"]))
        session.flush()
        first = session.scalar(select(Item.id).order_by(Item.id).limit(1))
        debunk = session.scalar(select(Item.id).where(Item.is_debunk.is_(True)))
        session.add(ClaimMatch(item_id=first, debunk_item_id=debunk, similarity=0.7))
        narrative.debunk_item_id = debunk
        session.add_all([Tps(region_code="32.09.18.2001", number=n, voters=200, lat=-6.7,
                             lon=108.5, level=lvl, computed_level=lvl, indicators={})
                         for n, lvl in ((1, 1), (2, 2), (3, 3), (4, 3))])
    return workspace


def test_every_read_runs_and_filters_narrow(filled: Workspace) -> None:
    with filled.session() as session:
        version = active_version(session)
        assert version is not None
        everything = reads.flagged_items(session, version, reads.ItemFilter(), limit=50)
        assert len(everything) == 8  # hoaks: i < 6; provokasi: i in {0, 3, 6, 9}
        hoaks = reads.flagged_items(session, version, reads.ItemFilter(labels=("hoaks",)))
        assert len(hoaks) == 6
        area = reads.flagged_items(session, version, reads.ItemFilter(region_prefix="73.71"))
        assert {r.regions[0] for r in area} == {"Tamalate"}
        kind = reads.flagged_items(session, version, reads.ItemFilter(source_kind="news"))
        assert kind and all(r.source == "Kabar" for r in kind)
        sure = reads.flagged_items(session, version, reads.ItemFilter(min_confidence=0.85))
        assert len(sure) == 6
        told = reads.flagged_items(session, version, reads.ItemFilter(
            only_flagged=False, narrative_id=everything[-1].narrative_id or 1))
        assert all(r.narrative == "Surat suara dicoblos" for r in told)
        urgent = reads.flagged_items(session, version, reads.ItemFilter(triage="urgent"))
        assert [r.urgent for r in urgent] == [True]
        assert reads.urgent_count(session) == 1
        found = reads.flagged_items(session, version, reads.ItemFilter(search="SCRIPT"))
        assert found[0].text == "<script>alert(1)</script>"
        juris = reads.flagged_items(session, version, reads.ItemFilter(
            region_prefixes=("32.09.18", "73.71.10")))
        assert len(juris) == 8
        matched = [r for r in everything if r.debunk_title]
        assert matched and matched[0].debunk_similarity in (0.7, None)
        debunks = reads.flagged_items(session, version, reads.ItemFilter(
            only_flagged=False, debunk=True), limit=50)
        others = reads.flagged_items(session, version, reads.ItemFilter(
            only_flagged=False, debunk=False), limit=50)
        known = set(session.scalars(select(Item.id).where(Item.is_debunk.is_(True))))
        assert debunks and {r.id for r in debunks} == known
        assert others and not {r.id for r in others} & known
        page2 = reads.flagged_items(session, version, reads.ItemFilter(), limit=5, offset=5)
        assert len(page2) == 3

        assert reads.item_volume(session, NOW + timedelta(seconds=1)).today == 8
        trends = reads.label_trends(session, version, ("hoaks", "provokasi"), NOW)
        assert {t.label for t in trends} == {"hoaks", "provokasi"}
        reads.area_spikes(session, version, NOW, zone=WIB)
        narratives = reads.top_narratives(session, version, NOW - timedelta(days=7))
        assert narratives[0].recent == 3 and narratives[0].debunk_title == "judul 11"
        assert reads.narratives_page(session, search="suara")
        detail = reads.narrative_detail(session, narratives[0].id)
        assert detail is not None and sum(n for _d, n in detail.per_day) == 3
        signals = mapview.area_signals(session, version, NOW - timedelta(days=2), NOW
                                     + timedelta(seconds=1))
        assert {s.code for s in signals} == {"32.09.18", "73.71.10"}
        plumbon = next(s for s in signals if s.code == "32.09.18")
        assert plumbon.urgent == 1 and plumbon.lat == pytest.approx(-6.7)
        assert len(mapview.tps_points(session, "32.09")) == 4
        assert [r.level for r in reads.tps_page(session, region_prefix="32.09.18")] == \
            [3, 3, 2, 1]
        assert reads.items_by_id(session, version, [everything[0].id])[0].id == everything[0].id
        assert reads.model_versions(session)[0].status == "active"
        # choices come from TPS and sources (bounded tables), not from scanning items
        assert reads.kabkota_choices(session) == [("32.09", "Kabupaten Cirebon")]
        assert reads.data_version(session)[0] > 0
        reads.area_overlay(session, version, NOW - timedelta(days=7))
        reads.overdue_follow_ups(session, NOW.date())
        reads.source_freshness(session)
        reads.audit_page(session)


def test_a_claim_match_is_a_signal_beside_the_model(filled: Workspace) -> None:
    """An item the model does not flag but that repeats a debunked claim is listed with
    the flagged ones (as a hoaks lead), also before any model exists."""
    with filled.session() as session:
        version = active_version(session)
        quiet = session.scalar(select(Item.id).where(Item.title == "judul 8"))
        debunk = session.scalar(select(Item.id).where(Item.is_debunk.is_(True)))
        session.add(ClaimMatch(item_id=quiet, debunk_item_id=debunk, similarity=0.55))
        session.flush()
        listed = reads.flagged_items(session, version, reads.ItemFilter())
        lead = next(r for r in listed if r.id == quiet)
        assert lead.flags == [] and lead.debunk_similarity == pytest.approx(0.55)
        assert quiet in {r.id for r in reads.flagged_items(
            session, version, reads.ItemFilter(labels=("hoaks",)))}
        assert quiet not in {r.id for r in reads.flagged_items(
            session, version, reads.ItemFilter(labels=("provokasi",)))}
        assert quiet not in {r.id for r in reads.flagged_items(
            session, version, reads.ItemFilter(min_confidence=0.6))}
        assert quiet in {r.id for r in reads.flagged_items(
            session, version, reads.ItemFilter(min_confidence=0.5))}
        assert quiet not in {r.id for r in reads.flagged_items(
            session, version, reads.ItemFilter(claim_signal=False))}, "no hoaks label, no lead"
        everything = reads.flagged_items(session, None, reads.ItemFilter(only_flagged=False))
        assert len(everything) == 12, "flagged-only off shows every item, model or not"
        without_model = reads.flagged_items(session, None, reads.ItemFilter())
        assert {r.id for r in without_model} == {quiet, session.scalar(
            select(Item.id).order_by(Item.id).limit(1))}


def test_top_narratives_rank_signalled_items_as_the_digest(workspace: Workspace) -> None:
    """The overview's "Narasi teratas" counts a narrative's signalled items (flagged, or a
    claim match under ``hoaks``: :mod:`sejuk.signals`, as the digest), not all its items:
    six posts of routine chatter the model did not flag are no narrative to watch."""
    with workspace.session() as session:
        news = Source(name="Kabar Sampang", url="https://sampang.example/rss", kind="news")
        version = ModelVersion(path="m.skops", sha256="0" * 64, labels=["hoaks"],
                               metrics={}, card={}, status="active")
        chatter = Narrative(title="Panen garam di Camplong", first_seen=NOW - timedelta(days=1),
                            last_seen=NOW, size=6)
        ballots = Narrative(title="Surat suara sudah dicoblos", first_seen=NOW - timedelta(
            days=1), last_seen=NOW, size=3)
        session.add_all([news, version, chatter, ballots])
        session.flush()
        ids = []
        for i, (narrative, flagged) in enumerate([(chatter, False)] * 6 + [
                (ballots, True), (ballots, False), (ballots, False)]):
            item = Item(url=f"https://sampang.example/{i}", source_id=news.id,
                        title=f"kabar {i}", text=f"isi {i}", content_hash=f"s{i}",
                        published_at=NOW - timedelta(hours=i + 1), narrative_id=narrative.id,
                        is_debunk=i == 8)
            session.add(item)
            session.flush()
            session.add(Prediction(item_id=item.id, model_version_id=version.id,
                                   label="hoaks", probability=0.9 if flagged else 0.1,
                                   flagged=flagged, reasons=[]))
            ids.append(item.id)
        # the second ballot item repeats the debunked claim (the third item debunks it)
        session.add(ClaimMatch(item_id=ids[7], debunk_item_id=ids[8], similarity=0.8))
        session.flush()
        since = NOW - timedelta(days=7)
        top = reads.top_narratives(session, version, since)
        assert [(n.title, n.recent) for n in top] == [("Surat suara sudah dicoblos", 2)]
        assert [(n.title, n.recent) for n in reads.top_narratives(
            session, version, since, claims=False)] == [("Surat suara sudah dicoblos", 1)]
        assert reads.top_narratives(session, None, since, claims=False) == []


def test_the_overview_day_is_today_or_yesterday_while_today_is_empty(filled: Workspace
                                                                     ) -> None:
    """Just after local midnight the 24-hour figures still count last evening's flags: the
    spike and priority tables then show yesterday, said so, not "no priority areas"."""
    local = NOW.astimezone(WIB)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0, 5), WIB)
    settings = filled.settings
    with filled.session() as session:
        version = active_version(session)
        now = reads.day_picture(session, settings, version, NOW + timedelta(seconds=1))
        assert now.day == local.date() and not now.fallback
        assert any(p.score > 0 for p in now.priorities)
        after = reads.day_picture(session, settings, version, midnight)
        assert after.day == local.date() and after.fallback
        assert [p.code for p in after.priorities if p.score > 0] == \
            [p.code for p in now.priorities if p.score > 0]
        quiet = reads.day_picture(session, settings, version, midnight + timedelta(days=3))
        assert quiet.day == (midnight + timedelta(days=3)).date() and not quiet.fallback
        assert not any(p.score > 0 for p in quiet.priorities) and quiet.spikes == []
