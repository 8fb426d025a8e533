"""Jurisdiction files: where police borders differ from administrative ones.

A TOML (``[[jurisdiction]]`` tables, with an optional personnel rule) or CSV file
(``name,kind,parent,region_code,exclude``) is checked whole against the gazetteer and
imported all or nothing (:func:`import_jurisdictions`), audited. Apart from
:mod:`sejuk.regions.jurisdictions` (resolving names to areas) because a file carries personnel
rules (:mod:`sejuk.tps.personnel`), which themselves read jurisdictions: imports run
jurisdiction_files -> personnel -> jurisdictions, one way.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from sejuk.access import audit
from sejuk.access.auth import Principal, guarded
from sejuk.db.models import Jurisdiction, JurisdictionArea
from sejuk.errors import InputError
from sejuk.fsutil import load_toml, read_user_text
from sejuk.regions.gazetteer import gazetteer_index, within
from sejuk.regions.jurisdictions import KINDS, name_key, stored_jurisdiction, subtract
from sejuk.tables import header_key, parse_flag, read_table
from sejuk.tps.personnel import parse_rule_table


@dataclass(frozen=True)
class JurisdictionSpec:
    name: str
    kind: str
    codes: tuple[str, ...]
    parent: str | None = None
    personnel: dict[str, Any] = field(default_factory=dict)


def _check_codes(codes: Iterable[str], where: str, errors: list[str]) -> list[str]:
    index = gazetteer_index()
    good = []
    for code in codes:
        code = str(code).strip()
        if code in index:
            good.append(code)
        else:
            errors.append(f"{where}: unknown region code {code!r}")
    return good


def _code_list(table: dict[str, Any], key: str, where: str, errors: list[str]) -> list[str]:
    """``areas``/``exclude`` as a list; a bare string would be read letter by letter."""
    value = table.get(key) or []
    if isinstance(value, list):
        return value
    errors.append(f'{where}: {key} must be a list of region codes, e.g. {key} = ["{value}"]')
    return []


def parse_toml(text: str, name: str) -> list[JurisdictionSpec]:
    """``[[jurisdiction]]`` tables: name, kind, areas, optional exclude, parent, personnel."""
    try:
        data = load_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{name}: not valid TOML ({exc})") from None
    tables = data.get("jurisdiction")
    if not isinstance(tables, list) or not tables:
        raise InputError(f"{name}: expected one or more [[jurisdiction]] tables")
    errors: list[str] = []
    specs = []
    for i, table in enumerate(tables, start=1):
        where = f"jurisdiction {i} ({table.get('name', '?')})"
        unknown = set(table) - {"name", "kind", "areas", "exclude", "parent", "personnel"}
        if unknown:
            errors.append(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        jname = str(table.get("name", "")).strip()
        kind = str(table.get("kind", "")).strip().lower()
        if not jname:
            errors.append(f"{where}: name is required")
        if kind not in KINDS:
            errors.append(f"{where}: kind must be one of {', '.join(KINDS)}")
        areas = _check_codes(_code_list(table, "areas", where, errors), where, errors)
        exclude = _check_codes(_code_list(table, "exclude", where, errors), where, errors)
        if not areas and not table.get("areas"):
            errors.append(f"{where}: areas is required (region codes)")
        personnel: dict[str, Any] = {}
        if "personnel" in table:
            try:
                personnel = parse_rule_table(table["personnel"])
            except ValueError as exc:
                errors.append(f"{where}: personnel: {exc}")
        codes = subtract(areas, exclude)
        if areas and not codes:
            errors.append(f"{where}: exclude removes every area")
        specs.append(JurisdictionSpec(jname, kind, tuple(codes),
                                      (str(table["parent"]).strip() if table.get("parent")
                                       else None), personnel))
    if errors:
        raise InputError(f"{name}: {len(errors)} error(s), nothing imported: "
                         + "; ".join(errors[:10]))
    return specs


#: File names read as CSV (Excel saves "Unicode Text" as .txt); anything else is TOML.
TABLE_SUFFIXES = (".csv", ".tsv", ".txt")


def parse_csv(text: str, name: str) -> list[JurisdictionSpec]:
    """Rows ``name,kind,parent,region_code,exclude``: one row per area (exclude 0/1)."""
    table = read_table(text, name)
    header = [header_key(h) for h in table.header]
    required = {"name", "kind", "region_code"}
    if not required <= set(header):
        raise InputError(f"{name}: needs columns name, kind, region_code (optional parent, "
                         f"exclude); got {', '.join(table.header) or 'none'}")
    errors: list[str] = []
    grouped: dict[str, dict[str, Any]] = {}
    index = gazetteer_index()
    for line_no, row, extra in table.records(header):
        jname = (row.get("name") or "").strip()
        kind = (row.get("kind") or "").strip().lower()
        code = (row.get("region_code") or "").strip()
        if extra:
            errors.append(f"row {line_no}: {table.too_many(len(header) + len(extra))}")
            continue
        try:
            excluded = parse_flag(row.get("exclude") or "")
        except ValueError as exc:
            errors.append(f"row {line_no}: exclude: {exc}")
            continue
        if not jname:
            errors.append(f"row {line_no}: name is empty")
            continue
        if kind not in KINDS:
            errors.append(f"row {line_no}: kind {kind!r} is not one of {', '.join(KINDS)}")
            continue
        if code not in index:
            errors.append(f"row {line_no}: unknown region code {code!r}")
            continue
        g = grouped.setdefault(jname, {"kind": kind, "parent": None, "in": [], "out": [],
                                       "line": line_no})
        if g["kind"] != kind:
            errors.append(f"row {line_no}: {jname} has kind {kind}, row {g['line']} says "
                          f"{g['kind']}")
            continue
        if (row.get("parent") or "").strip():
            g["parent"] = row["parent"].strip()
        (g["out"] if excluded else g["in"]).append(code)
    if errors:
        raise InputError(f"{name}: {len(errors)} invalid row(s), nothing imported: "
                         + "; ".join(errors[:10]))
    specs = []
    for jname, g in grouped.items():
        codes = subtract(g["in"], g["out"])
        if not codes:
            raise InputError(f"{name}: {jname} covers no area (row {g['line']})")
        specs.append(JurisdictionSpec(jname, g["kind"], tuple(codes), g["parent"]))
    if not specs:
        raise InputError(f"{name}: no jurisdiction rows")
    return specs


def _overlaps(specs: Sequence[JurisdictionSpec]) -> list[str]:
    problems = []
    for i, a in enumerate(specs):
        for b in specs[i + 1:]:
            if a.kind != b.kind:
                continue
            shared = [x for x in a.codes for y in b.codes if within(x, y) or within(y, x)]
            if shared:
                problems.append(f"{a.name} and {b.name} both cover {shared[0]}")
    return problems


@guarded("admin", "jurisdictions.import")
def import_jurisdictions(session: Session, principal: Principal, path: Path) -> list[str]:
    """Create or replace the jurisdictions in a TOML or CSV file; all or nothing."""
    text = read_user_text(path)
    specs = parse_csv(text, str(path)) if path.suffix.lower() in TABLE_SUFFIXES else \
        parse_toml(text, str(path))
    names = [name_key(s.name) for s in specs]
    dupes = sorted({s.name for s in specs if names.count(name_key(s.name)) > 1})
    if dupes:
        raise InputError(f"{path}: jurisdiction named twice: {', '.join(dupes)}")
    overlaps = _overlaps(specs)
    if overlaps:
        raise InputError(f"{path}: overlapping jurisdictions of the same kind, nothing "
                         f"imported: {'; '.join(overlaps[:5])}")
    by_name: dict[str, Jurisdiction] = {}
    for spec in specs:
        row = stored_jurisdiction(session, spec.name)
        if row is None:
            row = Jurisdiction(name=spec.name, kind=spec.kind)
            session.add(row)
        else:
            session.execute(delete(JurisdictionArea)
                            .where(JurisdictionArea.jurisdiction_id == row.id))
            session.flush()
            session.expire(row, ["areas"])
        row.kind = spec.kind
        row.personnel = dict(spec.personnel)
        row.areas = [JurisdictionArea(region_code=c) for c in spec.codes]
        by_name[name_key(spec.name)] = row
    session.flush()
    for spec in specs:
        if spec.parent:
            parent = by_name.get(name_key(spec.parent)) or stored_jurisdiction(session, spec.parent)
            if parent is None:
                raise InputError(f"{path}: {spec.name}: parent {spec.parent!r} is not a "
                                 "stored jurisdiction (import it in the same file)")
            by_name[name_key(spec.name)].parent_id = parent.id
    audit.record(session, principal.username, "jurisdictions.import", path.name,
                 names=[s.name for s in specs])
    return [s.name for s in specs]


__all__ = ["JurisdictionSpec", "import_jurisdictions", "parse_csv", "parse_toml"]
