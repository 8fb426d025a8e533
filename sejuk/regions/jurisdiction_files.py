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
from sejuk.errors import InputError, invalid_rows, row_problem
from sejuk.fsutil import load_toml, read_user_text
from sejuk.phrases import Listing, Phrases, Said
from sejuk.regions.gazetteer import code_from_cell, gazetteer_index, within
from sejuk.regions.jurisdictions import KINDS, name_key, stored_jurisdiction, subtract
from sejuk.tables import TABLE_PHRASES, header_key, parse_flag, read_table
from sejuk.tps.personnel import parse_rule_table


@dataclass(frozen=True)
class JurisdictionSpec:
    name: str
    kind: str
    codes: tuple[str, ...]
    parent: str | None = None
    personnel: dict[str, Any] = field(default_factory=dict)


def _check_codes(codes: Iterable[str], where: Said, errors: list[Said]) -> list[str]:
    index = gazetteer_index()
    good = []
    for code in codes:
        code = str(code).strip()
        if code in index:
            good.append(code)
        else:
            errors.append(Said(_FILES, "at", {"where": where, "problem": Said(
                TABLE_PHRASES, "unknown_region", {"code": code})}))
    return good


def _at(where: Said, phrase: str, /, **values: object) -> Said:
    """``where: problem`` for one ``[[jurisdiction]]`` table of a TOML file."""
    return Said(_FILES, "at", {"where": where, "problem": Said(_FILES, phrase, values)})


def _kind(kind: str) -> Said:
    return Said(TABLE_PHRASES, "not_one_of", {"column": "kind", "value": kind,
                                              "choices": ", ".join(KINDS)})


def _code_list(table: dict[str, Any], key: str, where: Said, errors: list[Said]) -> list[str]:
    """``areas``/``exclude`` as a list; a bare string would be read letter by letter."""
    value = table.get(key) or []
    if isinstance(value, list):
        return value
    errors.append(_at(where, "not_list", key=key, value=value))
    return []


def parse_toml(text: str, name: str) -> list[JurisdictionSpec]:
    """``[[jurisdiction]]`` tables: name, kind, areas, optional exclude, parent, personnel."""
    try:
        data = load_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError.said(_FILES, "not_toml", name=name, why=exc) from None
    tables = data.get("jurisdiction")
    if not isinstance(tables, list) or not tables:
        raise InputError.said(_FILES, "no_tables", name=name)
    errors: list[Said] = []
    specs = []
    for i, table in enumerate(tables, start=1):
        where = Said(_FILES, "where", {"number": i, "name": table.get("name", "?")})
        unknown = set(table) - {"name", "kind", "areas", "exclude", "parent", "personnel"}
        if unknown:
            errors.append(_at(where, "unknown_keys", keys=", ".join(sorted(unknown))))
        jname = str(table.get("name", "")).strip()
        kind = str(table.get("kind", "")).strip().lower()
        if not jname:
            errors.append(_at(where, "no_name"))
        if kind not in KINDS:
            errors.append(Said(_FILES, "at", {"where": where, "problem": _kind(kind)}))
        areas = _check_codes(_code_list(table, "areas", where, errors), where, errors)
        exclude = _check_codes(_code_list(table, "exclude", where, errors), where, errors)
        if not areas and not table.get("areas"):
            errors.append(_at(where, "no_areas"))
        personnel: dict[str, Any] = {}
        if "personnel" in table:
            try:
                personnel = parse_rule_table(table["personnel"])
            except ValueError as exc:
                errors.append(_at(where, "personnel", problem=exc))
        codes = subtract(areas, exclude)
        if areas and not codes:
            errors.append(_at(where, "all_excluded"))
        specs.append(JurisdictionSpec(jname, kind, tuple(codes),
                                      (str(table["parent"]).strip() if table.get("parent")
                                       else None), personnel))
    if errors:
        raise InputError.said(_FILES, "errors", name=name, count=len(errors),
                              shown=Listing(errors[:10]))
    return specs


#: File names read as CSV (Excel saves "Unicode Text" as .txt); anything else is TOML.
TABLE_SUFFIXES = (".csv", ".tsv", ".txt")


def parse_csv(text: str, name: str) -> list[JurisdictionSpec]:
    """Rows ``name,kind,parent,region_code,exclude``: one row per area (exclude 0/1)."""
    table = read_table(text, name)
    header = [header_key(h) for h in table.header]
    required = {"name", "kind", "region_code"}
    if not required <= set(header):
        raise InputError.said(_FILES, "columns", name=name,
                              got=", ".join(table.header) or "-")
    errors: list[Said] = []
    grouped: dict[str, dict[str, Any]] = {}
    index = gazetteer_index()
    for line_no, row, extra in table.records(header):
        jname = (row.get("name") or "").strip()
        kind = (row.get("kind") or "").strip().lower()
        code = code_from_cell(row.get("region_code") or "")  # 32.1: Excel's 32.10
        if extra:
            errors.append(row_problem(line_no, table.too_many(len(header) + len(extra))))
            continue
        try:
            excluded = parse_flag(row.get("exclude") or "")
        except ValueError as exc:
            errors.append(row_problem(line_no, Said(_FILES, "exclude", {"problem": exc})))
            continue
        if not jname:
            errors.append(row_problem(line_no, Said(_FILES, "no_name")))
            continue
        if kind not in KINDS:
            errors.append(row_problem(line_no, _kind(kind)))
            continue
        if code not in index:
            errors.append(row_problem(line_no, Said(TABLE_PHRASES, "unknown_region",
                                                    {"code": code})))
            continue
        g = grouped.setdefault(jname, {"kind": kind, "parent": None, "in": [], "out": [],
                                       "line": line_no})
        if g["kind"] != kind:
            errors.append(row_problem(line_no, Said(_FILES, "kind_differs", {
                "name": jname, "kind": kind, "row": g["line"], "other": g["kind"]})))
            continue
        if (row.get("parent") or "").strip():
            g["parent"] = row["parent"].strip()
        (g["out"] if excluded else g["in"]).append(code)
    if errors:
        raise invalid_rows(name, errors)
    specs = []
    for jname, g in grouped.items():
        codes = subtract(g["in"], g["out"])
        if not codes:
            raise InputError.said(_FILES, "no_area", name=name, jurisdiction=jname,
                                  row=g["line"])
        specs.append(JurisdictionSpec(jname, g["kind"], tuple(codes), g["parent"]))
    if not specs:
        raise InputError.said(_FILES, "no_rows", name=name)
    return specs


def _overlaps(specs: Sequence[JurisdictionSpec]) -> list[Said]:
    problems = []
    for i, a in enumerate(specs):
        for b in specs[i + 1:]:
            if a.kind != b.kind:
                continue
            shared = [x for x in a.codes for y in b.codes if within(x, y) or within(y, x)]
            if shared:
                problems.append(Said(_FILES, "overlap", {"a": a.name, "b": b.name,
                                                         "code": shared[0]}))
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
        raise InputError.said(_FILES, "twice", name=path, names=", ".join(dupes))
    overlaps = _overlaps(specs)
    if overlaps:
        raise InputError.said(_FILES, "overlaps", name=path, shown=Listing(overlaps[:5]))
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
                raise InputError.said(_FILES, "no_parent", name=path, jurisdiction=spec.name,
                                      parent=spec.parent)
            by_name[name_key(spec.name)].parent_id = parent.id
    audit.record(session, principal.username, "jurisdictions.import", path.name,
                 names=[s.name for s in specs])
    return [s.name for s in specs]


_FILES: Phrases = {
    "where": {"id": "yurisdiksi {number} ({name})", "en": "jurisdiction {number} ({name})"},
    "at": {"id": "{where}: {problem}", "en": "{where}: {problem}"},
    "not_list": {"id": "{key} harus berupa daftar kode wilayah, mis. {key} = [\"{value}\"]",
                 "en": "{key} must be a list of region codes, e.g. {key} = [\"{value}\"]"},
    "not_toml": {"id": "{name}: bukan TOML yang valid ({why})",
                 "en": "{name}: not valid TOML ({why})"},
    "no_tables": {"id": "{name}: seharusnya ada satu atau lebih tabel [[jurisdiction]]",
                  "en": "{name}: expected one or more [[jurisdiction]] tables"},
    "unknown_keys": {"id": "kunci tidak dikenal: {keys}", "en": "unknown key(s) {keys}"},
    "no_name": {"id": "nama wajib diisi", "en": "name is required"},
    "no_areas": {"id": "areas wajib diisi (kode wilayah)",
                 "en": "areas is required (region codes)"},
    "personnel": {"id": "personnel: {problem}", "en": "personnel: {problem}"},
    "all_excluded": {"id": "exclude menghapus semua wilayah", "en": "exclude removes every area"},
    "errors": {"id": "{name}: {count} kesalahan, tidak ada yang diimpor: {shown}",
               "en": "{name}: {count:|error|errors}, nothing imported: {shown}"},
    "columns": {"id": "{name}: perlu kolom name, kind, region_code (opsional parent, exclude); "
                      "tertulis {got}",
                "en": "{name}: needs columns name, kind, region_code (optional parent, "
                      "exclude); got {got}"},
    "exclude": {"id": "exclude: {problem}", "en": "exclude: {problem}"},
    "kind_differs": {"id": "{name} ber-kind {kind}, baris {row} menulis {other}",
                     "en": "{name} has kind {kind}, row {row} says {other}"},
    "no_area": {"id": "{name}: {jurisdiction} tidak mencakup wilayah apa pun (baris {row})",
                "en": "{name}: {jurisdiction} covers no area (row {row})"},
    "no_rows": {"id": "{name}: tidak ada baris yurisdiksi", "en": "{name}: no jurisdiction rows"},
    "overlap": {"id": "{a} dan {b} sama-sama mencakup {code}",
                "en": "{a} and {b} both cover {code}"},
    "twice": {"id": "{name}: yurisdiksi disebut dua kali: {names}",
              "en": "{name}: jurisdiction named twice: {names}"},
    "overlaps": {"id": "{name}: yurisdiksi sejenis saling tumpang tindih, tidak ada yang "
                       "diimpor: {shown}",
                 "en": "{name}: overlapping jurisdictions of the same kind, nothing imported: "
                       "{shown}"},
    "no_parent": {"id": "{name}: {jurisdiction}: induk {parent!r} bukan yurisdiksi yang "
                        "tersimpan (impor dalam berkas yang sama)",
                  "en": "{name}: {jurisdiction}: parent {parent!r} is not a stored jurisdiction "
                        "(import it in the same file)"},
}


__all__ = ["JurisdictionSpec", "import_jurisdictions", "parse_csv", "parse_toml"]
