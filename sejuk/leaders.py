"""The cooling-system leader registry: tokoh masyarakat, agama, adat and pemuda.

Contact details are personal data: only analysts and administrators see them, and every
view or change of them is audited by the callers that show them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sejuk import audit
from sejuk.db.models import Leader, Region
from sejuk.errors import InputError, invalid_rows

LEADER_KINDS = {
    "tokoh_masyarakat": "Tokoh masyarakat",
    "tokoh_agama": "Tokoh agama",
    "tokoh_adat": "Tokoh adat",
    "tokoh_pemuda": "Tokoh pemuda",
}
COLUMNS = ("name", "kind", "organisation", "region_code", "phone", "affiliation", "notes")


@dataclass(frozen=True)
class LeaderRow:
    name: str
    kind: str
    organisation: str
    region_code: str
    phone: str
    affiliation: str
    notes: str


def parse_leaders(content: str, session: Session, name: str = "<csv>") -> list[LeaderRow]:
    reader = csv.DictReader(io.StringIO(content))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in ("name", "kind", "region_code") if c not in header]
    if missing:
        raise InputError(f"{name}: missing column(s) {', '.join(missing)}")
    reader.fieldnames = header
    regions = {code: level for code, level in session.execute(
        select(Region.code, Region.level).where(Region.level.in_(["kecamatan", "desa"])))}
    rows: list[LeaderRow] = []
    errors: list[str] = []
    for line_no, raw in enumerate(reader, start=2):
        values = {c: (raw.get(c) or "").strip() for c in COLUMNS}
        if not values["name"]:
            errors.append(f"row {line_no}: empty name")
        elif values["kind"] not in LEADER_KINDS:
            errors.append(f"row {line_no}: kind {values['kind']!r} is not one of "
                          f"{', '.join(LEADER_KINDS)}")
        elif values["region_code"] not in regions:
            errors.append(f"row {line_no}: region_code {values['region_code']!r} is not a "
                          "kecamatan or desa code")
        else:
            rows.append(LeaderRow(**values))
    if errors:
        raise invalid_rows(name, errors)
    return rows


def import_leaders(session: Session, path: Path, *, actor: str = audit.SYSTEM_ACTOR) -> int:
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read as UTF-8 text ({exc})") from None
    rows = parse_leaders(content, session, name=str(path))
    for row in rows:
        session.add(Leader(**row.__dict__))
    audit.record(session, actor, "leaders.import", path.name, count=len(rows))
    return len(rows)
