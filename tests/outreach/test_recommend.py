"""Ranking areas, choosing leaders and talking points: the pure rules and the whole path."""

from __future__ import annotations

from datetime import date, timedelta

from sejuk.outreach import plan_recommendations
from sejuk.outreach.recommend import (
    DEFAULT_FACT,
    AreaRank,
    DebunkRef,
    LeaderCandidate,
    NarrativeSignal,
    build_recommendations,
    counter_facts,
    rank_areas,
    suggest_leaders,
    talking_points,
)
from tests.outreach.conftest import CALM, HOT, HOT_DESA, OTHER_DESA, World

DAY = date(2026, 11, 20)


# -- areas ----------------------------------------------------------------------------------
def test_ranking_is_deterministic_and_drops_areas_with_nothing() -> None:
    a = AreaRank("32.09.02", "B", 1.0, {}, ())
    b = AreaRank("32.09.01", "A", 1.0, {}, ())
    zero = AreaRank("32.09.03", "C", 0.0, {}, ())
    assert [r.code for r in rank_areas([a, zero, b])] == ["32.09.01", "32.09.02"]
    assert [r.code for r in rank_areas([b, a])] == ["32.09.01", "32.09.02"]


# -- leaders --------------------------------------------------------------------------------
def _lead(i: int, kind: str, region: str, last: date | None = None) -> LeaderCandidate:
    return LeaderCandidate(i, f"Tokoh {i:02d}", kind, "", region, region, last)


def test_leaders_same_desa_first_then_kecamatan_then_other_desa() -> None:
    leaders = [_lead(1, "tokoh_agama", OTHER_DESA), _lead(2, "tokoh_agama", HOT),
               _lead(3, "tokoh_agama", HOT_DESA), _lead(4, "tokoh_agama", "32.09.21.2003")]
    chosen = suggest_leaders(leaders, HOT, [HOT_DESA], DAY)
    assert [s.leader.id for s in chosen] == [3, 2, 1]  # 4 is in another kecamatan
    assert "desa dengan sinyal" in chosen[0].reasons[0]
    assert "tingkat kecamatan" in chosen[1].reasons[0]


def test_leaders_not_met_recently_come_before_those_met_recently() -> None:
    leaders = [_lead(1, "tokoh_agama", HOT_DESA, DAY - timedelta(days=5)),
               _lead(2, "tokoh_agama", HOT_DESA, DAY - timedelta(days=90)),
               _lead(3, "tokoh_agama", HOT_DESA, None),
               _lead(4, "tokoh_agama", HOT_DESA, DAY - timedelta(days=60))]
    chosen = suggest_leaders(leaders, HOT, [HOT_DESA], DAY)
    assert [s.leader.id for s in chosen] == [3, 2, 4, 1]
    assert "belum pernah" in chosen[0].reasons[1]
    assert "90 hari lalu" in chosen[1].reasons[1]
    assert chosen[3].recently_met and not chosen[0].recently_met
    assert "tokoh lain" in chosen[3].reasons[1]


def test_a_leader_invited_to_a_planned_dialogue_says_so_and_comes_last() -> None:
    leaders = [LeaderCandidate(1, "Tokoh 01", "tokoh_agama", "", HOT_DESA, HOT_DESA, None,
                               DAY + timedelta(days=2)),
               LeaderCandidate(2, "Tokoh 02", "tokoh_agama", "", HOT_DESA, HOT_DESA,
                               DAY - timedelta(days=90), DAY),
               _lead(3, "tokoh_agama", HOT_DESA, DAY - timedelta(days=90))]
    chosen = suggest_leaders(leaders, HOT, [HOT_DESA], DAY)
    assert [s.leader.id for s in chosen] == [3, 1, 2]
    assert [s.engaged for s in chosen] == [False, True, True]
    assert chosen[1].reasons[1:] == (
        "sudah diundang ke dialog yang direncanakan 22/11/2026; belum terlaksana",)
    # met long ago and invited again: both are said
    assert chosen[2].reasons[1].startswith("sudah diundang")
    assert chosen[2].reasons[2].startswith("dialog terakhir 90 hari lalu")
    everyone_engaged = build_recommendations(
        [AreaRank(HOT, "Kec. Uji", 1.0, {}, ())], leaders[:2], {}, DAY)[0]
    assert any("sudah diundang" in note for note in everyone_engaged.notes)


def test_when_a_leader_was_met_reads_right_in_english() -> None:
    """"met 1 days ago" and "met 0 days ago" were what an English reader met."""
    leaders = [_lead(1, "tokoh_agama", HOT_DESA, DAY), _lead(2, "tokoh_adat", HOT_DESA,
                                                             DAY - timedelta(days=1))]
    reasons = {s.leader.id: s.reasons[1]
               for s in suggest_leaders(leaders, HOT, [HOT_DESA], DAY, lang="en")}
    assert reasons == {1: "met today; consider other leaders first",
                       2: "met 1 day ago (19/11/2026); consider other leaders first"}
    today = suggest_leaders(leaders[:1], HOT, [HOT_DESA], DAY)[0]
    assert today.reasons[1] == "baru ditemui hari ini; pertimbangkan tokoh lain dulu"


def test_leaders_mix_kinds_before_a_second_of_any_kind() -> None:
    leaders = [_lead(1, "tokoh_agama", HOT_DESA), _lead(2, "tokoh_agama", HOT_DESA),
               _lead(3, "tokoh_agama", HOT_DESA), _lead(4, "tokoh_pemuda", HOT_DESA),
               _lead(5, "tokoh_adat", HOT_DESA)]
    chosen = suggest_leaders(leaders, HOT, [HOT_DESA], DAY, limit=3)
    assert [s.leader.kind for s in chosen] == ["tokoh_agama", "tokoh_pemuda", "tokoh_adat"]
    assert any("melengkapi jenis" in r for r in chosen[1].reasons)


def test_nearness_beats_kind_mix() -> None:
    leaders = [_lead(1, "tokoh_agama", HOT_DESA), _lead(2, "tokoh_agama", HOT_DESA),
               _lead(3, "tokoh_pemuda", OTHER_DESA)]
    chosen = suggest_leaders(leaders, HOT, [HOT_DESA], DAY)
    assert [s.leader.id for s in chosen] == [1, 2, 3]


# -- talking points -------------------------------------------------------------------------
def test_talking_points_carry_the_debunk_or_counter_facts() -> None:
    debunk = DebunkRef(9, "[HOAKS] Klaim", "Faktanya ...", "https://x.example/1", "Cek Uji")
    narratives = [NarrativeSignal("narasi:1", "Surat suara sudah dicoblos", 5, 0, ("hoaks",),
                                  debunk),
                  NarrativeSignal("item:7", "Besok kita geruduk kantor KPU", 2, 1,
                                  ("provokasi",)),
                  NarrativeSignal("item:8", "Kabar lama", 0, 3)]
    points = talking_points(narratives, limit=3)
    assert [p.narrative_key for p in points][:2] == ["narasi:1", "item:7"]
    assert points[0].debunk == debunk and points[0].counter_facts == ()
    assert any("dibantah oleh Cek Uji" in w for w in points[0].why)
    assert points[1].debunk is None
    assert any("pengerahan massa" in f for f in points[1].counter_facts)
    assert points[1].counter_facts[-1] == DEFAULT_FACT


def test_counter_facts_match_words_not_fragments() -> None:
    assert counter_facts("Posko pemenangan dirusak") == (DEFAULT_FACT,)
    assert "Hasil resmi" in counter_facts("Paslon 2 menang 70 persen")[0]


def test_recommendation_notes_explain_gaps() -> None:
    area = AreaRank(HOT, "Plumbon", 3.0, {}, ("x",), (HOT_DESA,))
    [rec] = build_recommendations([area], [], {}, DAY)
    assert rec.leaders == () and rec.talking_points == ()
    assert any("Belum ada tokoh" in n for n in rec.notes)
    assert any("Belum ada narasi" in n for n in rec.notes)


# -- the whole path on a database -------------------------------------------------------------
def test_plan_ranks_the_hot_area_first_with_leaders_and_debunked_topic(world: World) -> None:
    with world.workspace.session() as session:
        plan = plan_recommendations(session, world.workspace.settings, day=world.day)
    codes = [r.area.code for r in plan.recommendations]
    assert codes[0] == HOT
    if CALM in codes:
        calm = plan.recommendations[codes.index(CALM)]
        assert calm.area.score < plan.recommendations[0].area.score
    top = plan.recommendations[0]
    assert top.area.reasons
    names = [s.leader.name for s in top.leaders]
    assert names[0] in {"Kyai Uji Satu", "Ustaz Uji Dua", "Pemuda Uji Tiga"}
    assert "Tokoh Uji Enam" not in names  # another kecamatan
    kinds = [s.leader.kind for s in top.leaders[:2]]
    assert len(set(kinds)) == 2  # agama and pemuda before a second agama
    point = top.talking_points[0]
    assert point.debunk is not None and point.debunk.item_id == world.debunk_id
    assert "dicoblos" in point.claim


def test_a_narrative_is_not_answered_by_one_members_match(world: World) -> None:
    """The plan answered a narrative with the debunk any one member matched, where the
    narrative itself had none: one of fourteen copies of a call to gather at the KPU
    office read "already debunked" by a denial about ballots. The narrative's own link
    (half its members, classifiers.claims.link_narratives) is the one rule."""
    from sqlalchemy import select

    from sejuk.db.models import ClaimMatch, Item, Narrative

    with world.workspace.session() as session:
        session.get(Narrative, world.narrative_id).debunk_item_id = None
        member = session.scalar(select(Item.id).where(Item.narrative_id == world.narrative_id)
                                .limit(1))
        session.add(ClaimMatch(item_id=member, debunk_item_id=world.debunk_id,
                               similarity=0.6))
    with world.workspace.session() as session:
        plan = plan_recommendations(session, world.workspace.settings, day=world.day)
    top = plan.recommendations[0]
    assert top.area.code == HOT
    assert all(point.debunk is None for point in top.talking_points)


def test_plan_respects_the_jurisdiction(world: World) -> None:
    with world.workspace.session() as session:
        plan = plan_recommendations(session, world.workspace.settings, day=world.day,
                                    jurisdiction=CALM)
    assert {r.area.code for r in plan.recommendations} <= {CALM}


def test_a_talking_point_cut_from_a_long_text_says_it_was_cut() -> None:
    from sejuk.outreach.gather import headline

    text = "INFO KAB. CIREBON: Warga Plumbon dan sekitarnya, besok jam 9 kumpul " * 4
    line = headline(None, text)
    assert len(line) <= 160 and line.endswith("…") and text.startswith(line[:-1])
    assert headline("  Judul   berita\n", text) == "Judul berita"
    assert headline("", "pendek\nsaja") == "pendek saja"
