"""Scheduling, the dialogue lifecycle, follow-ups and the overdue query."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sejuk.access import audit
from sejuk.access.auth import AccessDenied
from sejuk.errors import InputError, NotFound
from sejuk.outreach import (
    add_follow_up,
    cancel_dialogue,
    complete_follow_up,
    follow_ups,
    get_dialogue,
    list_dialogues,
    overdue_follow_ups,
    plan_recommendations,
    record_outcome,
    schedule_dialogue,
)
from sejuk.outreach.gather import last_met
from sejuk.outreach.leaders import set_active
from tests.outreach.conftest import ADMIN, ANALYST, CALM_DESA, HOT, VIEWER, World, at_local


def _schedule(world: World, region: str = HOT, days: int = -3, **kwargs: object) -> int:
    values: dict[str, object] = dict(
        region_code=region, scheduled_at=at_local(world.day + timedelta(days=days), 9),
        place="Balai Desa Uji", participants=["Kapolsek Uji", "Camat Uji", "Kapolsek Uji"],
        leader_ids=[world.leaders["agama_desa"], world.leaders["pemuda_desa"]],
        topics=["Surat suara dicoblos"], principal=ANALYST)
    values.update(kwargs)
    with world.workspace.session() as session:
        return schedule_dialogue(session, **values)  # type: ignore[arg-type]


def test_planned_to_held_with_attendance_and_commitments(world: World) -> None:
    outreach_id = _schedule(world)
    with world.workspace.session() as session:
        view = get_dialogue(session, outreach_id)
        assert view.status == "planned" and view.participants == ("Kapolsek Uji", "Camat Uji")
        record_outcome(session, ANALYST, outreach_id, outcome="Tokoh sepakat menenangkan warga",
                       commitments="Imbauan di masjid", attended=[world.leaders["agama_desa"]])
    with world.workspace.session() as session:
        view = get_dialogue(session, outreach_id)
        assert view.status == "held" and view.commitments == "Imbauan di masjid"
        attendance = {i.id: i.attended for i in view.leaders}
        assert attendance == {world.leaders["agama_desa"]: True,
                              world.leaders["pemuda_desa"]: False}
        # Only who came counts as met: the no-show is still "never met".
        met = last_met(session)
        assert met == {world.leaders["agama_desa"]: world.day - timedelta(days=3)}
        with pytest.raises(InputError, match="is held; only a planned"):
            cancel_dialogue(session, ANALYST, outreach_id, reason="x")
        with pytest.raises(InputError, match="is held; only a planned"):
            record_outcome(session, ANALYST, outreach_id, outcome="again")
        actions = [e.action for e in audit.recent(session)]
    assert actions[:2] == ["outreach.held", "outreach.schedule"]


def test_met_leaders_drop_back_in_the_suggestions(world: World) -> None:
    outreach_id = _schedule(world)
    with world.workspace.session() as session:
        record_outcome(session, ANALYST, outreach_id, outcome="ok", attended=None)
    with world.workspace.session() as session:
        plan = plan_recommendations(session, world.workspace.settings, day=world.day)
    top = plan.recommendations[0]
    order = [s.leader.id for s in top.leaders]
    ids = world.leaders
    # Unmet first (hot desa, then kecamatan level, then another desa), met ones last.
    assert order == [ids["agama_desa2"], ids["masyarakat_kec"], ids["adat_other"],
                     ids["pemuda_desa"], ids["agama_desa"]]
    assert [s.recently_met for s in top.leaders] == [False, False, False, True, True]
    assert "baru ditemui 3 hari lalu" in top.leaders[-1].reasons[1]


def test_leaders_invited_to_a_planned_dialogue_are_not_called_never_invited(world: World
                                                                           ) -> None:
    """A leader on a planned dialogue's list was "never invited to a dialogue" in the plan
    and was ticked to be invited again: now they say which dialogue and come last, until
    its outcome is recorded (then "met"), or it is cancelled (then invitable again)."""
    ids = world.leaders
    outreach_id = _schedule(world, days=2)
    with world.workspace.session() as session:
        plan = plan_recommendations(session, world.workspace.settings, day=world.day)
    top = plan.recommendations[0]
    assert [s.leader.id for s in top.leaders] == [
        ids["agama_desa2"], ids["masyarakat_kec"], ids["adat_other"], ids["pemuda_desa"],
        ids["agama_desa"]]
    when = f"{world.day + timedelta(days=2):%d/%m/%Y}"
    invited = top.leaders[-1]
    assert invited.invited and invited.engaged and not invited.recently_met
    assert f"sudah diundang ke dialog yang direncanakan {when}" in invited.reasons[1]
    assert not any("belum pernah" in reason for reason in invited.reasons)
    assert not top.leaders[0].engaged
    with world.workspace.session() as session:
        english = plan_recommendations(session, world.workspace.settings, day=world.day,
                                       lang="en").recommendations[0].leaders[-1]
        assert f"already invited to the dialogue planned for {when}" in english.reasons[1]
        cancel_dialogue(session, ANALYST, outreach_id, reason="ditunda")
    with world.workspace.session() as session:
        plan = plan_recommendations(session, world.workspace.settings, day=world.day)
    assert not any(s.invited for s in plan.recommendations[0].leaders)


def test_the_invitation_named_is_the_next_dialogue_else_the_latest_unrecorded_one(
        world: World) -> None:
    """Three planned dialogues for one leader: the plan names the next one; with only past
    ones whose outcome is not recorded, the latest (and says the outcome is missing);
    one planned more than 30 days ago no longer counts."""
    from sejuk.outreach.gather import leader_candidates, planned_invitations
    from sejuk.outreach.recommend import suggest_leaders

    leader = world.leaders["agama_desa"]
    for days in (-40, -5, -2, 3, 9):
        _schedule(world, days=days, leader_ids=[leader])
    with world.workspace.session() as session:
        assert planned_invitations(session, world.day)[leader] == world.day + timedelta(3)
        assert planned_invitations(session, world.day + timedelta(10))[leader] == \
            world.day + timedelta(9)
        later = world.day + timedelta(days=20)  # the latest past one, not yet recorded
        assert planned_invitations(session, later)[leader] == world.day + timedelta(9)
        assert leader not in planned_invitations(session, world.day + timedelta(days=45))
        candidates = leader_candidates(session, [HOT], later)
    invited = next(s for s in suggest_leaders(candidates, HOT, [], later)
                   if s.leader.id == leader)
    when = f"{world.day + timedelta(days=9):%d/%m/%Y}"
    assert invited.reasons[1] == (f"sudah diundang ke dialog yang direncanakan {when}; "
                                  "hasilnya belum dicatat")


def test_cancel_keeps_the_reason_and_refuses_follow_ups(world: World) -> None:
    outreach_id = _schedule(world)
    with world.workspace.session() as session:
        with pytest.raises(InputError, match="reason: must not be empty"):
            cancel_dialogue(session, ANALYST, outreach_id, reason="  ")
        cancel_dialogue(session, ANALYST, outreach_id, reason="Bentrok jadwal rakor")
    with world.workspace.session() as session:
        assert get_dialogue(session, outreach_id).outcome == "Bentrok jadwal rakor"
        with pytest.raises(InputError, match="cancelled; it takes no follow-ups"):
            add_follow_up(session, ANALYST, outreach_id, description="x", owner="y",
                          due_date=world.day)


def test_follow_up_lifecycle_and_overdue(world: World) -> None:
    hot = _schedule(world)
    calm = _schedule(world, region=CALM_DESA, days=-6, leader_ids=[world.leaders["calm"]])
    today = world.day
    with world.workspace.session() as session:
        late = add_follow_up(session, ANALYST, hot, description="Imbauan Jumat", owner="Bhabin Uji",
                             due_date=today - timedelta(days=2))
        due_today = add_follow_up(session, ANALYST, hot, description="Rapat RT",
                                  owner="Kanit Binmas", due_date=today)
        calm_late = add_follow_up(session, ANALYST, calm, description="Kunjungan ulang",
                                  owner="Bhabin Dua", due_date=today - timedelta(days=5))
    with world.workspace.session() as session:
        overdue = overdue_follow_ups(session, today)
        assert [f.id for f in overdue] == [calm_late, late]  # most overdue first
        assert overdue[0].days_overdue(today) == 5
        assert [f.id for f in overdue_follow_ups(session, today, HOT)] == [late]
        assert [f.id for f in overdue_follow_ups(session, today, "Polsek Gunung Jati")] == \
            [calm_late]
        complete_follow_up(session, ANALYST, late, note="sudah disampaikan")
    with world.workspace.session() as session:
        with pytest.raises(InputError, match="already done"):
            complete_follow_up(session, ANALYST, late)
        with pytest.raises(NotFound):
            complete_follow_up(session, ANALYST, 9999)
        assert [f.id for f in overdue_follow_ups(session, today, HOT)] == []
        assert [f.id for f in follow_ups(session, jurisdiction=HOT)] == [due_today, late]
        done = next(f for f in follow_ups(session) if f.id == late)
        assert done.done_by == "analis1" and not done.is_open and done.days_overdue(today) == 0
        entry = audit.recent(session, action="outreach.follow_up.done")[0]
    assert entry.actor == "analis1" and entry.details == {"note": "sudah disampaikan"}


def test_a_follow_up_is_not_due_before_its_dialogue(world: World) -> None:
    """A follow-up due before the dialogue it follows (a typo in the date, last year's
    date) was accepted and at once "overdue" on the overview and in the digest."""
    tomorrow = _schedule(world, days=1)
    with world.workspace.session() as session:
        with pytest.raises(InputError, match="is due before dialogue"):
            add_follow_up(session, ANALYST, tomorrow, description="Imbauan", owner="Bhabin",
                          due_date=world.day - timedelta(days=1))
        with pytest.raises(InputError) as refused:
            add_follow_up(session, ANALYST, tomorrow, description="Imbauan", owner="Bhabin",
                          due_date=world.day)
        assert refused.value.in_language("id") == (
            f"tindak lanjut jatuh tempo {world.day:%d/%m/%Y}, sebelum dialog {tomorrow} "
            f"({world.day + timedelta(days=1):%d/%m/%Y})")
        add_follow_up(session, ANALYST, tomorrow, description="Imbauan", owner="Bhabin",
                      due_date=world.day + timedelta(days=1))
        assert overdue_follow_ups(session, world.day) == []


def test_cancelled_dialogue_follow_ups_are_not_overdue(world: World) -> None:
    outreach_id = _schedule(world)
    with world.workspace.session() as session:
        add_follow_up(session, ANALYST, outreach_id, description="x", owner="y",
                      due_date=world.day - timedelta(days=1))
        cancel_dialogue(session, ANALYST, outreach_id, reason="ditunda")
    with world.workspace.session() as session:
        assert overdue_follow_ups(session, world.day) == []


@pytest.mark.parametrize(("changes", "error", "message"), [
    ({"region_code": "32.09"}, InputError, "not a kecamatan or desa"),
    ({"scheduled_at": datetime(2026, 11, 20, 9)}, InputError, "needs a time zone"),
    ({"place": " "}, InputError, "place: must not be empty"),
    ({"leader_ids": [99999]}, NotFound, "no leader with id 99999"),
    ({"principal": VIEWER}, AccessDenied, "requires role analyst"),
])
def test_schedule_refuses_bad_input(world: World, changes: dict[str, object],
                                    error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        _schedule(world, **changes)
    with world.workspace.session() as session:
        assert list_dialogues(session) == []


def test_schedule_refuses_inactive_leaders_in_both_languages(world: World) -> None:
    gone = [world.leaders["agama_desa"], world.leaders["pemuda_desa"]]
    with world.workspace.session() as session:
        for leader in gone:
            set_active(session, ADMIN, leader, False, reason="pindah domisili")
    with pytest.raises(InputError) as info:
        _schedule(world)
    ids = f"{gone[0]}, {gone[1]}"
    assert str(info.value) == f"leaders {ids} are inactive"
    assert info.value.in_language("id") == f"tokoh {ids} tidak aktif"
    with pytest.raises(InputError, match=f"^leader {gone[0]} is inactive$"):
        _schedule(world, leader_ids=[gone[0]])
    with world.workspace.session() as session:
        assert list_dialogues(session) == []


def test_record_refuses_strangers_and_viewers(world: World) -> None:
    outreach_id = _schedule(world)
    with world.workspace.session() as session:
        with pytest.raises(InputError, match="was not invited") as info:
            record_outcome(session, ANALYST, outreach_id, outcome="ok",
                           attended=[world.leaders["calm"]])
        assert info.value.in_language("id") == (
            f"tokoh {world.leaders['calm']} tidak diundang ke dialog {outreach_id}")
        with pytest.raises(AccessDenied):
            record_outcome(session, VIEWER, outreach_id, outcome="ok")
        with pytest.raises(AccessDenied):
            add_follow_up(session, VIEWER, outreach_id, description="x", owner="y",
                          due_date=world.day)
        with pytest.raises(InputError, match="status 'done'"):
            list_dialogues(session, status="done")


def test_a_dialogue_planned_for_a_later_day_cannot_be_recorded_as_held(world: World) -> None:
    """Its effect would count days not yet lived as "before" (and none after)."""
    tomorrow = _schedule(world, days=1)
    with world.workspace.session() as session:
        with pytest.raises(InputError, match=r"is planned for \d\d/\d\d/\d{4}; record it") \
                as refused:
            record_outcome(session, ANALYST, tomorrow, outcome="Tertib", today=world.day)
        # the command line and the page speak the reader's language (it was English only)
        assert refused.value.in_language("id").startswith(f"dialog {tomorrow} direncanakan pada ")
        assert get_dialogue(session, tomorrow).status == "planned"
        record_outcome(session, ANALYST, tomorrow, outcome="Tertib",
                       today=world.day + timedelta(days=1))
        assert get_dialogue(session, tomorrow).status == "held"
