"""The cooling-system leader registry: tokoh masyarakat, agama, adat and pemuda.

Contact details are personal data of people who help the police voluntarily: only
analysts and administrators see them, and the one function that returns them
(:func:`list_leaders` with ``with_contact=True``) checks the caller's role and writes an
audit entry naming every leader whose contact was shown. Every change (import, add, edit,
deactivation) is audited in the same transaction.

Import is all-or-nothing and idempotent: a leader is identified by name (case-insensitive)
and area, so re-importing a corrected file updates the existing rows instead of doubling
them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sejuk.access import audit
from sejuk.access.auth import Principal, guarded, require
from sejuk.db.engine import lock_for_writing
from sejuk.db.models import Leader, Region
from sejuk.errors import InputError, NotFound, invalid_rows, row_problem
from sejuk.fsutil import read_user_text
from sejuk.phones import normalise_phone
from sejuk.phrases import Listing, Phrases, Said
from sejuk.signals import prefix_filter
from sejuk.tables import NO_NAME, TABLE_PHRASES, header_key, read_table, template_example
from sejuk.timeutil import utc_now

LEADER_KINDS = {
    "tokoh_masyarakat": "Tokoh masyarakat",
    "tokoh_agama": "Tokoh agama",
    "tokoh_adat": "Tokoh adat",
    "tokoh_pemuda": "Tokoh pemuda",
}
LEADER_KINDS_EN = {
    "tokoh_masyarakat": "Community leader",
    "tokoh_agama": "Religious leader",
    "tokoh_adat": "Customary leader",
    "tokoh_pemuda": "Youth leader",
}
COLUMNS = ("name", "kind", "organisation", "region_code", "phone", "affiliation", "notes")
REQUIRED_COLUMNS = ("name", "kind", "region_code")

#: The lowest role that sees contact details and may change the registry.
CONTACT_ROLE = "analyst"

_MAX_LENGTH = {"name": 200, "organisation": 200, "phone": 64, "affiliation": 200,
               "notes": 4000}


@dataclass(frozen=True)
class LeaderRow:
    """One validated leader as read from a file or a form (no database identity)."""

    name: str
    kind: str
    organisation: str
    region_code: str
    phone: str
    affiliation: str
    notes: str


@dataclass(frozen=True)
class LeaderView:
    """A leader as shown to a user; ``phone`` is None unless the role may see contacts."""

    id: int
    name: str
    kind: str
    kind_label: str
    organisation: str
    region_code: str
    region_name: str
    region_level: str
    affiliation: str
    notes: str
    active: bool
    phone: str | None


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int

    @property
    def total(self) -> int:
        return self.added + self.updated


def _valid_regions(session: Session, codes: Iterable[str]) -> dict[str, str]:
    wanted = {c for c in codes if c}
    if not wanted:
        return {}
    return {code: level for code, level in session.execute(
        select(Region.code, Region.level).where(Region.code.in_(wanted),
                                                Region.level.in_(["kecamatan", "desa"])))}


def _checked(values: Mapping[str, str], regions: Mapping[str, str]
             ) -> tuple[dict[str, str], list[object]]:
    """One row with its phone number in the stored form (:mod:`sejuk.phones`), and
    everything wrong with it, in column order (empty when valid)."""
    errors: list[object] = []
    clean = dict(values)
    if not values["name"]:
        errors.append(Said(_LEADERS, "empty_name"))
    if values["kind"] not in LEADER_KINDS:
        errors.append(Said(TABLE_PHRASES, "not_one_of", {
            "column": "kind", "value": values["kind"], "choices": ", ".join(LEADER_KINDS)}))
    if values["region_code"] not in regions:
        errors.append(Said(_LEADERS, "bad_region", {"code": values["region_code"]}))
    try:
        clean["phone"] = normalise_phone(values["phone"])
    except ValueError as exc:
        errors.append(exc)
    for column, limit in _MAX_LENGTH.items():
        if len(values[column]) > limit:
            errors.append(Said(_LEADERS, "too_long", {"column": column, "limit": limit}))
    return clean, errors


def _identity(name: str, region_code: str) -> tuple[str, str]:
    return " ".join(name.casefold().split()), region_code


def parse_leaders(content: str, session: Session, name: str = "<csv>") -> list[LeaderRow]:
    """Validate a leader CSV; raise one :class:`InputError` naming every bad row."""
    table = read_table(content, name)
    header = [header_key(h) for h in table.header]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError.said(TABLE_PHRASES, "missing_columns", name=name,
                              columns=", ".join(missing))
    unknown = [h or NO_NAME for h in header if h not in COLUMNS]
    if unknown:  # a misspelt column ("telepon") would silently leave its values out
        raise InputError.said(TABLE_PHRASES, "unknown_columns", name=name,
                              columns=Listing(unknown, ", "), expected=", ".join(COLUMNS),
                              template="sejuk leaders template")
    raw_rows = [(line_no, {c: (raw.get(c) or "").strip() for c in COLUMNS}
                 | {"kind": header_key(raw.get("kind") or "")}, extra)  # "Tokoh Agama"
                for line_no, raw, extra in table.records(header)]
    if not raw_rows:
        raise InputError.said(_LEADERS, "no_rows", name=name)
    regions = _valid_regions(session, (v["region_code"] for _, v, _ in raw_rows))
    rows: list[LeaderRow] = []
    errors: list[Said] = []
    seen: dict[tuple[str, str], int] = {}
    example = template_example(template_csv())
    for line_no, values, extra in raw_rows:
        if values == example:  # a fictional leader, and a phone number nobody answers
            errors.append(row_problem(line_no, Said(TABLE_PHRASES, "example_row",
                                                    {"template": "sejuk leaders template"})))
            continue
        values, problems = _checked(values, regions)
        if extra:  # an unquoted comma in a cell shifts every column after it
            problems.insert(0, table.too_many(len(header) + len(extra)))
        key = _identity(values["name"], values["region_code"])
        if not problems and key in seen:
            problems.append(Said(_LEADERS, "same_as", {"row": seen[key]}))
        if problems:
            errors.append(row_problem(line_no, Listing(problems)))
            continue
        seen[key] = line_no
        rows.append(LeaderRow(**values))
    if errors:
        raise invalid_rows(name, errors)
    return rows


def store_leaders(session: Session, rows: Sequence[LeaderRow], *,
                  actor: str = audit.SYSTEM_ACTOR, origin: str = "") -> ImportResult:
    """Add new leaders and update known ones (same name and area) in the caller's
    transaction; audited as one import. Another import waits until this one is stored
    (:func:`~sejuk.db.engine.lock_for_writing`), then updates what it added."""
    lock_for_writing(session, Leader.__table__)
    existing = {_identity(leader.name, leader.region_code): leader
                for leader in session.scalars(select(Leader))}
    added = updated = 0
    now = utc_now()
    for row in rows:
        leader = existing.get(_identity(row.name, row.region_code))
        if leader is None:
            session.add(Leader(**row.__dict__, created_at=now, updated_at=now))
            added += 1
            continue
        for column in ("kind", "organisation", "phone", "affiliation", "notes"):
            setattr(leader, column, getattr(row, column))
        leader.active = True
        leader.updated_at = now
        updated += 1
    audit.record(session, actor, "leaders.import", origin, added=added, updated=updated)
    return ImportResult(added, updated)


@guarded(CONTACT_ROLE, "leaders.import")
def import_leaders(session: Session, principal: Principal, path: Path) -> ImportResult:
    """Read, validate and store a leader CSV: all rows or none."""
    rows = parse_leaders(read_user_text(path), session, name=str(path))
    return store_leaders(session, rows, actor=principal.username, origin=path.name)


def template_csv() -> str:
    """The header and one fictional example row, for people preparing an import file."""
    example = ("Ustaz Contoh,tokoh_agama,Majelis Taklim Contoh,32.09.21.2003,0812-0000-0000,"
               "netral,Contoh baris; hapus sebelum impor.")
    return ",".join(COLUMNS) + "\n" + example + "\n"


def validate_leader(session: Session, values: Mapping[str, Any]) -> LeaderRow:
    """A form's values as a :class:`LeaderRow`, or one InputError listing what is wrong."""
    unknown = set(values) - set(COLUMNS)
    if unknown:
        raise InputError.said(_LEADERS, "unknown_fields", fields=", ".join(sorted(unknown)))
    clean = {c: str(values.get(c) or "").strip() for c in COLUMNS}
    clean, problems = _checked(clean, _valid_regions(session, [clean["region_code"]]))
    if problems:
        raise InputError.said(_LEADERS, "invalid", problems=Listing(problems))
    return LeaderRow(**clean)


@guarded(CONTACT_ROLE, "leaders.add")
def add_leader(session: Session, principal: Principal, values: Mapping[str, Any]) -> int:
    """Register one leader (analyst/admin); refuses a duplicate of name and area."""
    actor = principal.username
    row = validate_leader(session, values)
    lock_for_writing(session, Leader.__table__)  # an import may be adding the same leader
    key = _identity(row.name, row.region_code)
    for leader in session.scalars(select(Leader).where(Leader.region_code == row.region_code)):
        if _identity(leader.name, leader.region_code) == key:
            raise InputError.said(_LEADERS, "registered", name=row.name,
                                  code=row.region_code, id=leader.id)
    now = utc_now()
    leader = Leader(**row.__dict__, created_at=now, updated_at=now)
    session.add(leader)
    session.flush()
    audit.record(session, actor, "leaders.add", f"leader:{leader.id}",
                 name=row.name, kind=row.kind, region_code=row.region_code,
                 contact_set=bool(row.phone))
    return leader.id


def _get(session: Session, leader_id: int) -> Leader:
    leader = session.get(Leader, leader_id)
    if leader is None:
        raise NotFound.said(_LEADERS, "no_leader", id=leader_id)
    return leader


@guarded(CONTACT_ROLE, "leaders.update")
def update_leader(session: Session, principal: Principal, leader_id: int,
                  changes: Mapping[str, Any]) -> list[str]:
    """Change some fields of a leader (analyst/admin); returns the changed field names.

    The audit entry lists old and new values, except for the phone number, whose values
    are not copied into the log (the log is readable more widely than the registry)."""
    actor = principal.username
    leader = _get(session, leader_id)
    current = {c: getattr(leader, c) for c in COLUMNS}
    # A number stored before it was checked (or normalised) as it is today stays as it
    # is unless it is what is being changed: editing the notes must not be refused for it
    # (the dashboard's form sends the number shown back unchanged).
    new_phone = "phone" in changes and str(changes["phone"] or "").strip() != current["phone"]
    row = validate_leader(session, {**current, **changes} if new_phone
                          else {**current, **changes, "phone": ""})
    if not new_phone:
        row = replace(row, phone=current["phone"])
    changed = [c for c in COLUMNS if getattr(row, c) != current[c]]
    if not changed:
        return []
    diff: dict[str, Any] = {}
    for column in changed:
        setattr(leader, column, getattr(row, column))
        diff[column] = ("(diubah)" if column == "phone"
                        else {"old": current[column], "new": getattr(row, column)})
    leader.updated_at = utc_now()
    audit.record(session, actor, "leaders.update", f"leader:{leader_id}", changes=diff)
    return changed


@guarded(CONTACT_ROLE, "leaders.activate", "leaders.deactivate")
def set_active(session: Session, principal: Principal, leader_id: int, active: bool, *,
               reason: str = "") -> None:
    """Deactivate (or reactivate) a leader: kept for history, no longer suggested."""
    actor = principal.username
    leader = _get(session, leader_id)
    if leader.active == active:
        return
    leader.active = active
    leader.updated_at = utc_now()
    audit.record(session, actor, "leaders.activate" if active else "leaders.deactivate",
                 f"leader:{leader_id}", reason=reason)


def list_leaders(session: Session, *, principal: Principal, with_contact: bool = False,
                 region_prefixes: Sequence[str] | None = None, kind: str | None = None,
                 include_inactive: bool = False, ids: Sequence[int] | None = None,
                 purpose: str = "") -> list[LeaderView]:
    """Leaders in the given areas; the phone number only when asked for and allowed.

    Asking for contacts with a role that may not see them raises
    :class:`~sejuk.access.auth.AccessDenied` (the caller should not offer the option) rather
    than silently hiding them, so a bug cannot look like an empty
    phone book. Each call that returns contacts is audited with the leaders shown."""
    require(principal, CONTACT_ROLE if with_contact else "viewer")
    if kind is not None and kind not in LEADER_KINDS:
        raise InputError.said(TABLE_PHRASES, "not_one_of", column="kind", value=kind,
                              choices=", ".join(LEADER_KINDS))
    query = select(Leader, Region.name, Region.level).outerjoin(
        Region, Region.code == Leader.region_code)
    if not include_inactive:
        query = query.where(Leader.active.is_(True))
    if kind:
        query = query.where(Leader.kind == kind)
    if ids is not None:
        query = query.where(Leader.id.in_(list(ids)))
    area = prefix_filter(Leader.region_code, list(region_prefixes)
                         if region_prefixes is not None else None)
    if area is not None:
        query = query.where(area)
    query = query.order_by(Leader.region_code, Leader.name, Leader.id)
    views = [
        LeaderView(id=leader.id, name=leader.name, kind=leader.kind,
                   kind_label=LEADER_KINDS.get(leader.kind, leader.kind),
                   organisation=leader.organisation, region_code=leader.region_code,
                   region_name=region_name or leader.region_code,
                   region_level=region_level or "", affiliation=leader.affiliation,
                   notes=leader.notes, active=leader.active,
                   phone=leader.phone if with_contact else None)
        for leader, region_name, region_level in session.execute(query)
    ]
    if with_contact and views:
        audit.record(session, principal.username, "leaders.contact_view",
                     purpose or "registry", role=principal.role,
                     leader_ids=[v.id for v in views])
    return views



_LEADERS: Phrases = {
    "empty_name": {"id": "nama kosong", "en": "empty name"},
    "no_leader": {"id": "tidak ada tokoh dengan id {id}", "en": "no leader with id {id}"},
    "bad_region": {"id": "region_code {code!r} bukan kode kecamatan atau desa",
                   "en": "region_code {code!r} is not a kecamatan or desa code"},
    "too_long": {"id": "{column} lebih dari {limit} karakter",
                 "en": "{column} longer than {limit} characters"},
    "no_rows": {"id": "{name}: tidak ada baris tokoh", "en": "{name}: no leader rows"},
    "same_as": {"id": "nama dan wilayah sama dengan baris {row}",
                "en": "same name and region as row {row}"},
    "unknown_fields": {"id": "isian tokoh tidak dikenal: {fields}",
                       "en": "unknown leader field(s): {fields}"},
    "invalid": {"id": "tokoh: {problems}", "en": "leader: {problems}"},
    "registered": {"id": "tokoh {name!r} sudah terdaftar di {code} (id {id})",
                   "en": "leader {name!r} is already registered in {code} (id {id})"},
}
