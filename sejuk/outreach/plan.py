"""Scheduling and logging cooling-system dialogues, and their follow-ups.

Lifecycle (anything else is refused with a one-line reason, so a log cannot be rewritten
by accident):

    dialogue   planned ──record_outcome──▶ held
                  └──────cancel──────────▶ cancelled
    follow-up  open ──complete──▶ done        (only on a planned or held dialogue)

Every change is written to the audit log in the caller's transaction. Times are stored in
UTC; dates a person reads (due dates, "overdue") are local calendar dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from sejuk.access import audit
from sejuk.access.auth import Principal, guarded
from sejuk.db.models import FollowUp, Leader, Outreach, OutreachLeader, Region
from sejuk.errors import InputError, NotFound
from sejuk.phrases import Phrases, Said
from sejuk.regions.jurisdictions import optional_areas
from sejuk.signals import prefix_filter
from sejuk.timeutil import local_today, utc_now, zone_for_region

STATUSES = ("planned", "held", "cancelled")
#: A dialogue's state in words, both languages (the codes stay in the data and the JSON).
#: Refusals about a dialogue's date, leaders and follow-ups, in the reader's language.
_ERRORS: Phrases = {
    "no_leader": {"id": "tidak ada tokoh dengan id {ids}", "en": "no leader with id {ids}"},
    "inactive": {"id": "tokoh {ids} tidak aktif",
                 "en": "{n:~|leader|leaders} {ids} {n:~|is|are} inactive"},
    "due_before": {"id": "tindak lanjut jatuh tempo {due}, sebelum dialog {dialogue} ({day})",
                   "en": "a follow-up is due before dialogue {dialogue}: {due} is before "
                         "{day}"},
    "not_invited": {"id": "tokoh {ids} tidak diundang ke dialog {dialogue}",
                    "en": "{n:~|leader|leaders} {ids} {n:~|was|were} not invited to "
                          "dialogue {dialogue}"},
    "empty": {"id": "{what}: tidak boleh kosong", "en": "{what}: must not be empty"},
    "too_long": {"id": "{what}: lebih dari {limit:,} karakter",
                 "en": "{what}: longer than {limit} characters"},
    "no_dialogue": {"id": "tidak ada dialog dengan id {id}", "en": "no dialogue with id {id}"},
    "not_planned": {"id": "dialog {id} {status}; hanya dialog yang direncanakan yang bisa "
                          "{change}",
                    "en": "dialogue {id} is {status}; only a planned dialogue can be {change}"},
    "not_area": {"id": "wilayah {code!r} bukan kode kecamatan atau desa",
                 "en": "region {code!r} is not a kecamatan or desa code"},
    "no_zone": {"id": "scheduled_at: perlu zona waktu (WIB/WITA/WIT)",
                "en": "scheduled_at: needs a time zone (WIB/WITA/WIT)"},
    "not_yet": {"id": "dialog {id} direncanakan pada {day}; catat pada hari itu atau sesudahnya "
                      "(atau batalkan dan jadwalkan tanggal baru)",
                "en": "dialogue {id} is planned for {day}; record it on or after that day (or "
                      "cancel it and schedule the new date)"},
    "cancelled": {"id": "dialog {id} dibatalkan; tidak menerima tindak lanjut",
                  "en": "dialogue {id} is cancelled; it takes no follow-ups"},
    "no_follow_up": {"id": "tidak ada tindak lanjut dengan id {id}",
                     "en": "no follow-up with id {id}"},
    "done": {"id": "tindak lanjut {id} sudah selesai", "en": "follow-up {id} is already done"},
    "status": {"id": "status {status!r} bukan salah satu dari {statuses}",
               "en": "status {status!r} is not one of {statuses}"},
    # the fields a refusal names, and what a dialogue was or is to be
    "place": {"id": "tempat", "en": "place"}, "outcome": {"id": "hasil", "en": "outcome"},
    "commitments": {"id": "komitmen", "en": "commitments"},
    "reason": {"id": "alasan", "en": "reason"},
    "description": {"id": "uraian", "en": "description"},
    "owner": {"id": "penanggung jawab", "en": "owner"}, "note": {"id": "catatan", "en": "note"},
    "participant": {"id": "peserta", "en": "participant"}, "topic": {"id": "topik", "en": "topic"},
    "is_held": {"id": "sudah terlaksana", "en": "held"},
    "is_cancelled": {"id": "sudah dibatalkan", "en": "cancelled"},
    "to_record": {"id": "dicatat terlaksana", "en": "recorded as held"},
    "to_cancel": {"id": "dibatalkan", "en": "cancelled"},
}
STATUS_LABELS: Phrases = {"planned": {"id": "Direncanakan", "en": "Planned"},
                          "held": {"id": "Terlaksana", "en": "Held"},
                          "cancelled": {"id": "Dibatalkan", "en": "Cancelled"}}
_MAX_TEXT = 4000
#: Planning and logging dialogues is analyst work; viewers read the log.
EDIT_ROLE = "analyst"


@dataclass(frozen=True)
class FollowUpView:
    id: int
    outreach_id: int
    region_code: str
    region_name: str
    description: str
    owner: str
    due_date: date
    done_at: datetime | None
    done_by: str | None

    @property
    def is_open(self) -> bool:
        return self.done_at is None

    def days_overdue(self, today: date) -> int:
        return max(0, (today - self.due_date).days) if self.is_open else 0


@dataclass(frozen=True)
class InvitedLeader:
    id: int
    name: str
    kind: str
    attended: bool | None


@dataclass(frozen=True)
class DialogueView:
    id: int
    region_code: str
    region_name: str
    scheduled_at: datetime
    place: str
    status: str
    participants: tuple[str, ...]
    topics: tuple[str, ...]
    outcome: str
    commitments: str
    created_by: str
    leaders: tuple[InvitedLeader, ...]
    follow_ups: tuple[FollowUpView, ...]

    @property
    def local_date(self) -> date:
        return self.scheduled_at.astimezone(zone_for_region(self.region_code)).date()


def _text(value: str, what: str, *, required: bool = False, limit: int = _MAX_TEXT) -> str:
    clean = (value or "").strip()
    if required and not clean:
        raise InputError.said(_ERRORS, "empty", what=Said(_ERRORS, what))
    if len(clean) > limit:
        raise InputError.said(_ERRORS, "too_long", what=Said(_ERRORS, what), limit=limit)
    return clean


def _clean_list(values: Sequence[str], what: str) -> list[str]:
    out = []
    for value in values:
        clean = _text(value, what, limit=300)
        if clean and clean not in out:
            out.append(clean)
    return out


def _get(session: Session, outreach_id: int) -> Outreach:
    outreach = session.get(Outreach, outreach_id)
    if outreach is None:
        raise NotFound.said(_ERRORS, "no_dialogue", id=outreach_id)
    return outreach


def _planned(session: Session, outreach_id: int, change: str) -> Outreach:
    """The dialogue, if it is still planned: only a planned one can be held or cancelled."""
    outreach = _get(session, outreach_id)
    if outreach.status != "planned":
        raise InputError.said(_ERRORS, "not_planned", id=outreach_id,
                              status=Said(_ERRORS, f"is_{outreach.status}"),
                              change=Said(_ERRORS, change))
    return outreach


def _check_leaders(session: Session, leader_ids: Sequence[int]) -> list[int]:
    ids = list(dict.fromkeys(int(i) for i in leader_ids))
    found = {lead.id: lead for lead in session.scalars(select(Leader).where(Leader.id.in_(ids)))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound.said(_ERRORS, "no_leader", ids=", ".join(map(str, missing)))
    inactive = [i for i in ids if not found[i].active]
    if inactive:
        raise InputError.said(_ERRORS, "inactive", n=len(inactive),
                              ids=", ".join(map(str, inactive)))
    return ids


@guarded(EDIT_ROLE, "outreach.schedule")
def schedule_dialogue(session: Session, principal: Principal, *, region_code: str,
                      scheduled_at: datetime, place: str, participants: Sequence[str],
                      leader_ids: Sequence[int], topics: Sequence[str]) -> int:
    """Plan a dialogue in a kecamatan or desa; returns its id."""
    actor = principal.username
    region = session.get(Region, region_code)
    if region is None or region.level not in ("kecamatan", "desa"):
        raise InputError.said(_ERRORS, "not_area", code=region_code)
    if scheduled_at.tzinfo is None:
        raise InputError.said(_ERRORS, "no_zone")
    outreach = Outreach(region_code=region_code, scheduled_at=scheduled_at,
                        place=_text(place, "place", required=True, limit=300),
                        status="planned",
                        participants=_clean_list(participants, "participant"),
                        topics=_clean_list(topics, "topic"), outcome="", commitments="",
                        created_by=actor, created_at=utc_now())
    ids = _check_leaders(session, leader_ids)
    outreach.leaders = [OutreachLeader(leader_id=i) for i in ids]
    session.add(outreach)
    session.flush()
    audit.record(session, actor, "outreach.schedule", f"outreach:{outreach.id}",
                 region_code=region_code, scheduled_at=scheduled_at.isoformat(),
                 leaders=ids, topics=list(outreach.topics))
    return outreach.id


@guarded(EDIT_ROLE, "outreach.held")
def record_outcome(session: Session, principal: Principal, outreach_id: int, *, outcome: str,
                   commitments: str = "", attended: Sequence[int] | None = None,
                   today: date | None = None) -> None:
    """Mark a planned dialogue held: what happened, what was agreed, who came.

    ``attended`` lists the invited leaders who came (None: attendance not recorded); a
    leader not invited cannot be marked present. A dialogue planned for a later day
    than ``today`` (the region's own, by default) cannot have been held yet."""
    actor = principal.username
    outreach = _planned(session, outreach_id, "to_record")
    zone = zone_for_region(outreach.region_code)
    day = outreach.scheduled_at.astimezone(zone).date()
    if day > (today or local_today(zone)):  # its "before" days would be days not yet lived
        raise InputError.said(_ERRORS, "not_yet", id=outreach_id, day=f"{day:%d/%m/%Y}")
    outreach.outcome = _text(outcome, "outcome", required=True)
    outreach.commitments = _text(commitments, "commitments")
    if attended is not None:
        invited = {link.leader_id for link in outreach.leaders}
        strangers = sorted(set(attended) - invited)
        if strangers:
            raise InputError.said(_ERRORS, "not_invited", n=len(strangers),
                                  ids=", ".join(map(str, strangers)), dialogue=outreach_id)
        for link in outreach.leaders:
            link.attended = link.leader_id in set(attended)
    outreach.status = "held"
    audit.record(session, actor, "outreach.held", f"outreach:{outreach_id}",
                 attended=sorted(attended) if attended is not None else None)


@guarded(EDIT_ROLE, "outreach.cancel")
def cancel_dialogue(session: Session, principal: Principal, outreach_id: int, *, reason: str
                    ) -> None:
    """Cancel a planned dialogue; the reason is kept as its outcome."""
    actor = principal.username
    outreach = _planned(session, outreach_id, "to_cancel")
    outreach.outcome = _text(reason, "reason", required=True)
    outreach.status = "cancelled"
    audit.record(session, actor, "outreach.cancel", f"outreach:{outreach_id}",
                 reason=outreach.outcome)


@guarded(EDIT_ROLE, "outreach.follow_up.add")
def add_follow_up(session: Session, principal: Principal, outreach_id: int, *,
                  description: str, owner: str, due_date: date) -> int:
    """A commitment to act by a date, owned by a named person or unit."""
    actor = principal.username
    outreach = _get(session, outreach_id)
    if outreach.status == "cancelled":
        raise InputError.said(_ERRORS, "cancelled", id=outreach_id)
    day = outreach.scheduled_at.astimezone(zone_for_region(outreach.region_code)).date()
    if due_date < day:  # it would be "overdue" before the dialogue is even held
        raise InputError.said(_ERRORS, "due_before", dialogue=outreach_id,
                              due=f"{due_date:%d/%m/%Y}", day=f"{day:%d/%m/%Y}")
    follow_up = FollowUp(outreach_id=outreach_id,
                         description=_text(description, "description", required=True),
                         owner=_text(owner, "owner", required=True, limit=200),
                         due_date=due_date)
    session.add(follow_up)
    session.flush()
    audit.record(session, actor, "outreach.follow_up.add", f"follow_up:{follow_up.id}",
                 outreach_id=outreach_id, owner=follow_up.owner, due_date=due_date.isoformat())
    return follow_up.id


@guarded(EDIT_ROLE, "outreach.follow_up.done")
def complete_follow_up(session: Session, principal: Principal, follow_up_id: int, *,
                       note: str = "") -> None:
    """Close an open follow-up (done once: a second call is refused)."""
    actor = principal.username
    follow_up = session.get(FollowUp, follow_up_id)
    if follow_up is None:
        raise NotFound.said(_ERRORS, "no_follow_up", id=follow_up_id)
    if follow_up.done_at is not None:
        raise InputError.said(_ERRORS, "done", id=follow_up_id)
    follow_up.done_at = utc_now()
    follow_up.done_by = actor
    audit.record(session, actor, "outreach.follow_up.done", f"follow_up:{follow_up_id}",
                 note=_text(note, "note"))


def _follow_up_query(prefixes: list[str] | None) -> Select[FollowUp, str, str]:
    query = (select(FollowUp, Outreach.region_code, Region.name)
             .join(Outreach, Outreach.id == FollowUp.outreach_id)
             .outerjoin(Region, Region.code == Outreach.region_code)
             .where(Outreach.status != "cancelled"))
    clause = prefix_filter(Outreach.region_code, prefixes)
    return query.where(clause) if clause is not None else query


def _follow_up_view(follow_up: FollowUp, region_code: str, region_name: str | None
                    ) -> FollowUpView:
    return FollowUpView(follow_up.id, follow_up.outreach_id, region_code,
                        region_name or region_code, follow_up.description, follow_up.owner,
                        follow_up.due_date, follow_up.done_at, follow_up.done_by)


def overdue_follow_ups(session: Session, today: date, jurisdiction: str | None = None
                       ) -> list[FollowUpView]:
    """Open follow-ups due before ``today`` (most overdue first), for the overview and the
    digest."""
    query = _follow_up_query(optional_areas(session, jurisdiction)).where(
        FollowUp.done_at.is_(None), FollowUp.due_date < today
    ).order_by(FollowUp.due_date, FollowUp.id)
    return [_follow_up_view(f, code, name) for f, code, name in session.execute(query)]


def follow_ups(session: Session, *, jurisdiction: str | None = None,
               open_only: bool = False) -> list[FollowUpView]:
    """All follow-ups (open first, by due date) of non-cancelled dialogues."""
    query = _follow_up_query(optional_areas(session, jurisdiction))
    if open_only:
        query = query.where(FollowUp.done_at.is_(None))
    query = query.order_by(FollowUp.done_at.is_not(None), FollowUp.due_date, FollowUp.id)
    return [_follow_up_view(f, code, name) for f, code, name in session.execute(query)]


def list_dialogues(session: Session, *, jurisdiction: str | None = None,
                   status: str | None = None, since: datetime | None = None,
                   until: datetime | None = None, region_prefix: str | None = None,
                   ids: Sequence[int] | None = None, limit: int = 200) -> list[DialogueView]:
    """Dialogues newest first, with invited leaders (no contact data) and follow-ups."""
    if status is not None and status not in STATUSES:
        raise InputError.said(_ERRORS, "status", status=status, statuses=", ".join(STATUSES))
    query = (select(Outreach, Region.name)
             .outerjoin(Region, Region.code == Outreach.region_code))
    clause = prefix_filter(Outreach.region_code, optional_areas(session, jurisdiction))
    if clause is not None:
        query = query.where(clause)
    if region_prefix:
        query = query.where(prefix_filter(Outreach.region_code, [region_prefix]))
    if ids is not None:
        query = query.where(Outreach.id.in_(list(ids)))
    if status:
        query = query.where(Outreach.status == status)
    if since:
        query = query.where(Outreach.scheduled_at >= since)
    if until:
        query = query.where(Outreach.scheduled_at < until)
    query = query.order_by(Outreach.scheduled_at.desc(), Outreach.id.desc()).limit(limit)
    rows = session.execute(query).all()
    leader_ids = {link.leader_id for outreach, _ in rows for link in outreach.leaders}
    leaders = {lead.id: lead for lead in session.scalars(
        select(Leader).where(Leader.id.in_(leader_ids)))} if leader_ids else {}
    out = []
    for outreach, region_name in rows:
        invited = tuple(sorted(
            (InvitedLeader(link.leader_id, leaders[link.leader_id].name,
                           leaders[link.leader_id].kind, link.attended)
             for link in outreach.leaders if link.leader_id in leaders),
            key=lambda i: (i.name, i.id)))
        fus = tuple(_follow_up_view(f, outreach.region_code, region_name)
                    for f in sorted(outreach.follow_ups, key=lambda f: (f.due_date, f.id)))
        out.append(DialogueView(outreach.id, outreach.region_code,
                                region_name or outreach.region_code, outreach.scheduled_at,
                                outreach.place, outreach.status, tuple(outreach.participants),
                                tuple(outreach.topics), outreach.outcome, outreach.commitments,
                                outreach.created_by, invited, fus))
    return out


def get_dialogue(session: Session, outreach_id: int) -> DialogueView:
    found = list_dialogues(session, ids=[outreach_id], limit=1)
    if not found:
        raise NotFound.said(_ERRORS, "no_dialogue", id=outreach_id)
    return found[0]
