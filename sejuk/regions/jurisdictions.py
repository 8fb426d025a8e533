"""Police jurisdictions: which region codes a Polda, Polres/Polresta or Polsek covers.

Defaults are generated from the gazetteer, never stored: one Polda per province, one
Polres per kabupaten/kota, one Polsek per kecamatan. Where police borders differ from
administrative ones (a Polresta covering 90 villages of a regency and a city Polres the
other 10), a jurisdiction file overrides them; stored jurisdictions win over defaults
when a name is resolved.

Every list, map, digest and export filters with :func:`jurisdiction_areas` (code
prefixes) and :func:`sejuk.signals.prefix_filter` (the SQL clause), so "what belongs to
Polres X" is answered in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sejuk.db.models import Jurisdiction
from sejuk.errors import NotFound
from sejuk.phrases import Phrases
from sejuk.regions.gazetteer import (
    ALIASES,
    children_index,
    gazetteer_index,
    kabkota_base,
    level_of,
    within,
)

KINDS = ("polda", "polres", "polsek")
KIND_BY_LEVEL = {"provinsi": "polda", "kabkota": "polres", "kecamatan": "polsek"}


@dataclass(frozen=True)
class Unit:
    """A police unit and the region codes it covers (minimal prefixes)."""

    name: str
    kind: str
    codes: tuple[str, ...]
    stored: bool = False
    parent: str | None = None
    personnel: dict[str, Any] = field(default_factory=dict)


# -- code sets ----------------------------------------------------------------------------
def minimal_cover(codes: Iterable[str]) -> list[str]:
    """Drop codes inside another and merge complete sibling sets into their parent.

    ``jurisdiction_areas`` returns few prefixes, so SQL filters stay short even for a
    Polres defined as 90 villages.
    """
    kept = sorted(set(codes), key=lambda c: (len(c), c))
    result: set[str] = set()
    for code in kept:
        if not any(within(code, p) for p in result):
            result.add(code)
    children = children_index()
    changed = True
    while changed:
        changed = False
        by_parent: dict[str, set[str]] = {}
        for code in result:
            if "." in code:
                by_parent.setdefault(code.rsplit(".", 1)[0], set()).add(code)
        for parent, kids in by_parent.items():
            if set(children.get(parent, ())) == kids:
                result -= kids
                result.add(parent)
                changed = True
    return sorted(result)


def subtract(include: Iterable[str], exclude: Iterable[str]) -> list[str]:
    """``include`` minus ``exclude``, expanding a prefix into children where needed."""
    children = children_index()
    exclude = set(exclude)
    out: list[str] = []
    stack = list(include)
    while stack:
        code = stack.pop()
        if any(within(code, e) for e in exclude):
            continue
        if any(within(e, code) for e in exclude):
            stack.extend(children.get(code, ()))
            continue
        out.append(code)
    return minimal_cover(out)


# -- defaults and names -------------------------------------------------------------------
def default_name(code: str) -> str:
    """The generated unit for a province, kabupaten/kota or kecamatan code."""
    index = gazetteer_index()
    place = index.get(code)
    if place is None:
        raise NotFound.said(_UNITS, "unknown_code", code=code)
    if place.level == "provinsi":
        return f"Polda {place.name}"
    if place.level == "kabkota":
        return f"Polres {place.name}"
    if place.level == "kecamatan":
        parent = index[place.parent or ""]
        return f"Polsek {place.name} ({parent.name})"
    raise NotFound.said(_UNITS, "desa", code=code)


def name_key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


_POLRES_WORDS = ("polrestabes", "polresta", "polres", "polres metro", "polresto")


@lru_cache(maxsize=1)
def _kabkota_by_base() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for place in gazetteer_index().values():
        if place.level == "kabkota":
            base, kind = kabkota_base(place.name)
            out.setdefault(name_key(base), []).append((place.code, kind))
            for alias in ALIASES.get(place.code, ()):
                out.setdefault(name_key(alias), []).append((place.code, kind))
    return out


def resolve_kabkota(text: str, *, prefer: str = "kab") -> str | None:
    """A kabupaten/kota code from how police and press name it, or None.

    "Polresta Cirebon", "Polres Kabupaten Cirebon" and "Cirebon" are the regency;
    "Polres Cirebon Kota", "Polres Kota Cirebon" and "Polrestabes Bandung" the city. A bare
    name shared by both is the regency (``prefer``), as in police usage.
    """
    key = name_key(text)
    want = None
    if key.startswith("polrestabes "):
        want = "kota"
    for word in sorted(_POLRES_WORDS, key=len, reverse=True):
        if key.startswith(word + " "):
            key = key[len(word) + 1:]
            break
    if key.startswith("metro "):
        key = key[len("metro "):]
    if key.endswith(" kota"):
        key, want = key[: -len(" kota")], "kota"
    for prefix, kind in (("kabupaten administrasi ", "kab"), ("kota administrasi ", "kota"),
                         ("kabupaten ", "kab"), ("kab ", "kab"), ("kota ", "kota")):
        if key.startswith(prefix):
            key, want = key[len(prefix):], kind
            break
    options = _kabkota_by_base().get(key, [])
    if want:
        options = [o for o in options if o[1] == want]
    if len(options) > 1:
        options = [o for o in options if o[1] == prefer] or options
    return options[0][0] if len(options) == 1 else None


def _resolve_default(session: Session, name: str) -> Unit:
    text = name.strip()
    index = gazetteer_index()
    if re.fullmatch(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?", text):
        if text not in index:
            raise NotFound.said(_UNITS, "unknown_code", code=text)
        level = level_of(text)
        kind = KIND_BY_LEVEL.get(level, "polsek")
        label = default_name(text) if level != "desa" else f"Desa {index[text].name}"
        return Unit(label, kind, (text,))
    key = name_key(text)
    if key.startswith("polda "):
        want = key[len("polda "):]
        for place in index.values():
            if place.level == "provinsi" and name_key(place.name) == want:
                return Unit(f"Polda {place.name}", "polda", (place.code,))
        raise NotFound.said(_UNITS, "no_province", want=want, name=name)
    if key.startswith("polsek "):
        return _resolve_polsek(text, key[len("polsek "):])
    code = resolve_kabkota(text)
    if code is None:
        raise NotFound.said(_UNITS, "unknown", name=name)
    return Unit(default_name(code), "polres", (code,))


def _resolve_polsek(original: str, rest: str) -> Unit:
    """``Polsek Sumber`` or ``Polsek Sumber, Cirebon`` / ``Polsek Sumber (Kabupaten Cirebon)``."""
    index = gazetteer_index()
    parts = re.split(r"[,(]", original, maxsplit=1)
    kab_code = resolve_kabkota(parts[1].strip(" )")) if len(parts) == 2 else None
    wanted = name_key(parts[0])[len("polsek "):] if len(parts) == 2 else rest
    matches = [p for p in index.values() if p.level == "kecamatan" and name_key(p.name) == wanted
               and (kab_code is None or p.parent == kab_code)]
    if len(matches) == 1:
        return Unit(default_name(matches[0].code), "polsek", (matches[0].code,))
    if not matches:
        raise NotFound.said(_UNITS, "no_kecamatan", wanted=wanted, name=original)
    where = "; ".join(f"{m.code} {default_name(m.code)}" for m in matches[:8])
    raise NotFound.said(_UNITS, "ambiguous", name=original, n=len(matches), where=where)


def stored_jurisdiction(session: Session, name: str) -> Jurisdiction | None:
    """The stored jurisdiction of that name (case and punctuation ignored), or None."""
    key = name_key(name)
    for j in session.scalars(select(Jurisdiction)):
        if name_key(j.name) == key:
            return j
    return None


def _unit_of(session: Session, j: Jurisdiction) -> Unit:
    parent = session.get(Jurisdiction, j.parent_id) if j.parent_id else None
    codes = minimal_cover(a.region_code for a in j.areas)
    return Unit(j.name, j.kind, tuple(codes), True, parent.name if parent else None,
                dict(j.personnel or {}))


def resolve(session: Session, name: str) -> Unit:
    """The unit a person means: a stored jurisdiction first, then a generated default."""
    stored = stored_jurisdiction(session, name)
    if stored is not None:
        return _unit_of(session, stored)
    return _resolve_default(session, name)


def jurisdiction_areas(session: Session, name: str) -> list[str]:
    """Region code prefixes a jurisdiction covers, for ``code = p OR code LIKE 'p.%'``."""
    return list(resolve(session, name).codes)


def optional_areas(session: Session, name: str | None) -> list[str] | None:
    """``jurisdiction_areas`` or None (no filter) when no jurisdiction is given."""
    return jurisdiction_areas(session, name) if name else None


def list_jurisdictions(session: Session, kind: str | None = None, *,
                       defaults: bool = False) -> list[Unit]:
    """Stored jurisdictions, plus generated defaults of ``kind`` when asked."""
    units = [_unit_of(session, j) for j in
             session.scalars(select(Jurisdiction).order_by(Jurisdiction.kind, Jurisdiction.name))
             if kind is None or j.kind == kind]
    if defaults:
        level = {v: k for k, v in KIND_BY_LEVEL.items()}
        kinds = [kind] if kind else list(KINDS)
        taken = {name_key(u.name) for u in units}
        for k in kinds:
            for place in gazetteer_index().values():
                if place.level == level[k]:
                    name = default_name(place.code)
                    if name_key(name) not in taken:
                        units.append(Unit(name, k, (place.code,)))
    return units


__all__ = ["KINDS", "Unit", "default_name",
           "jurisdiction_areas", "list_jurisdictions", "minimal_cover", "name_key",
           "optional_areas",
           "resolve", "resolve_kabkota", "subtract"]


_UNITS: Phrases = {
    "unknown_code": {"id": "kode wilayah tidak dikenal {code!r}",
                     "en": "unknown region code {code!r}"},
    "desa": {"id": "{code} adalah desa; satuan polisi mulai dari kecamatan (Polsek)",
             "en": "{code} is a desa; police units start at kecamatan (Polsek)"},
    "no_province": {"id": "tidak ada provinsi bernama {want!r} untuk {name!r}",
                    "en": "no province named {want!r} for {name!r}"},
    "unknown": {"id": "wilayah hukum tidak dikenal {name!r}; pakai nama yang tersimpan "
                      "(`sejuk jurisdictions list`), Polda/Polres/Polsek ditambah nama wilayah, "
                      "atau kode wilayah",
                "en": "unknown jurisdiction {name!r}; use a stored name (`sejuk jurisdictions "
                      "list`), Polda/Polres/Polsek plus a region name, or a region code"},
    "no_kecamatan": {"id": "tidak ada kecamatan {wanted!r} untuk {name!r}",
                     "en": "no kecamatan {wanted!r} for {name!r}"},
    "ambiguous": {"id": "{name!r} ambigu ({n} kecamatan): {where}; tambahkan kabupatennya, "
                        "mis. 'Polsek Sumber, Cirebon', atau beri kodenya",
                  "en": "{name!r} is ambiguous ({n} kecamatan): {where}; add the regency, "
                        "e.g. 'Polsek Sumber, Cirebon', or give the code"},
}
