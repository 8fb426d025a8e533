"""The gazetteer: Indonesian administrative regions with official Kemendagri codes.

The data file ``sejuk/data/gazetteer.csv.gz`` is built from a maintained PyPI data package
by ``scripts/build_gazetteer.py`` (see ``sejuk/data/GAZETTEER.md``); it is loaded into
the ``regions`` table when a workspace is created, so queries and joins use the database.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from sejuk.db.models import Region
from sejuk.errors import NotFound
from sejuk.phrases import Phrases
from sejuk.tables import number_code

LEVELS: tuple[str, ...] = ("provinsi", "kabkota", "kecamatan", "desa")
CODE_LENGTH_BY_LEVEL = {"provinsi": 1, "kabkota": 2, "kecamatan": 3, "desa": 4}
#: Refusals of a region code or level, in the reader's language.
_ERRORS: Phrases = {
    "code": {"id": "bukan kode wilayah Kemendagri: {code!r}",
             "en": "not a Kemendagri region code: {code!r}"},
    "level": {"id": "tingkat {level!r} tidak dikenal; gunakan salah satu dari {levels}",
              "en": "unknown level {level!r}; use one of {levels}"},
    "parent": {"id": "wilayah {code!r} tidak ada di gazetir (`sejuk regions list`)",
               "en": "no region {code!r} in the gazetteer (`sejuk regions list`)"},
}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer row, independent of the database."""

    code: str
    name: str
    level: str
    parent: str | None
    lat: float | None = None
    lon: float | None = None


def level_of(code: str) -> str:
    """The administrative level a dotted Kemendagri code denotes."""
    parts = code.split(".")
    if not 1 <= len(parts) <= 4 or not all(p.isdigit() for p in parts):
        raise NotFound.said(_ERRORS, "code", code=code)
    return LEVELS[len(parts) - 1]


def ancestors(code: str) -> list[str]:
    """``32.09.01.2001`` -> ``["32", "32.09", "32.09.01"]``."""
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def kabkota_of(code: str) -> str | None:
    """``32.09.15.1006`` -> ``32.09``; None for a province code."""
    parts = code.split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 else None


#: Spellings people use that the gazetteer does not: code -> extra names. Kept short and
#: reviewed: every alias here was seen in local news or police usage.
ALIASES: dict[str, tuple[str, ...]] = {
    "32.09.22": ("Kapetakan",),            # kecamatan spelled Kepetakan in the gazetteer
    "32.08.13.2009": ("Linggarjati",),     # the Linggarjati of the 1946 agreement
    "31.71": ("Jakpus",), "31.72": ("Jakut",), "31.73": ("Jakbar",),
    "31.74": ("Jaksel",), "31.75": ("Jaktim",),
    "34.71": ("Jogja", "Yogya", "Jogjakarta"),
}

_KABKOTA_PREFIXES = (("kabupaten administrasi ", "kab"), ("kota administrasi ", "kota"),
                     ("kabupaten ", "kab"), ("kota ", "kota"), ("kab. ", "kab"),
                     ("kab ", "kab"))


def kabkota_base(name: str) -> tuple[str, str]:
    """``"Kota Administrasi Jakarta Pusat"`` -> ``("jakarta pusat", "kota")``.

    The bare name is how people write a kabupaten/kota ("Cirebon", "Polres Jakarta
    Pusat"); the kind tells a kota from the kabupaten of the same name.
    """
    lowered = " ".join(name.lower().split())
    for prefix, kind in _KABKOTA_PREFIXES:
        if lowered.startswith(prefix):
            return lowered[len(prefix):], kind
    return lowered, "kab"


def _float(value: str) -> float | None:
    return float(value) if value else None


@lru_cache(maxsize=1)
def load_gazetteer() -> tuple[Place, ...]:
    """Every region in the shipped data file, in file order (parents before children)."""
    raw = resources.files("sejuk").joinpath("data/gazetteer.csv.gz").read_bytes()
    reader = csv.DictReader(io.StringIO(gzip.decompress(raw).decode("utf-8")))
    return tuple(
        Place(
            code=row["code"],
            name=row["name"],
            level=row["level"],
            parent=row["parent"] or None,
            lat=_float(row.get("lat") or ""),
            lon=_float(row.get("lon") or ""),
        )
        for row in reader
    )


@lru_cache(maxsize=1)
def gazetteer_index() -> dict[str, Place]:
    return {place.code: place for place in load_gazetteer()}


def code_from_cell(cell: str) -> str:
    """A region code cell of a file as importers read it: as written, or, when that is no
    code, the kabupaten/kota code a spreadsheet saved as a number (``32.1`` for 32.10;
    :func:`sejuk.tables.number_code`) if that one exists. A code that exists in neither
    form is returned as written, so a refusal names what the file says."""
    code = cell.strip()
    index = gazetteer_index()
    restored = number_code(code)
    return restored if code not in index and restored is not None and restored in index \
        else code


def install_gazetteer(session: Session, places: Iterable[Place] | None = None) -> int:
    """Insert the regions the table lacks; returns how many were added."""
    places = load_gazetteer() if places is None else tuple(places)
    existing_count = session.scalar(select(func.count()).select_from(Region)) or 0
    if existing_count:
        known = set(session.scalars(select(Region.code)))
        places = tuple(p for p in places if p.code not in known)
    rows = [
        {"code": p.code, "name": p.name, "level": p.level, "parent_code": p.parent,
         "lat": p.lat, "lon": p.lon}
        for p in places
    ]
    for start in range(0, len(rows), 5000):
        session.execute(insert(Region), rows[start : start + 5000])
    return len(rows)


def list_regions(
    session: Session, level: str | None = None, parent: str | None = None
) -> Sequence[Region]:
    """Regions ordered by code, optionally one level or the children of one parent (an
    unknown parent is refused: an empty list read as "it has no children")."""
    query = select(Region).order_by(Region.code)
    if level:
        if level not in LEVELS:
            raise NotFound.said(_ERRORS, "level", level=level, levels=", ".join(LEVELS))
        query = query.where(Region.level == level)
    if parent:
        if session.get(Region, parent) is None:
            raise NotFound.said(_ERRORS, "parent", code=parent)
        query = query.where(Region.parent_code == parent)
    return session.scalars(query).all()


def region_names(session: Session, codes: Iterable[str]) -> dict[str, str]:
    codes = list(set(codes))
    if not codes:
        return {}
    rows = session.execute(select(Region.code, Region.name).where(Region.code.in_(codes)))
    return {code: name for code, name in rows}


def describe(code: str) -> str:
    """``Sumber, Kabupaten Cirebon``: a name a person can place without the code."""
    index = gazetteer_index()
    place = index.get(code)
    if place is None:
        return code
    parent = index.get(kabkota_of(code) or "") if place.level in {"kecamatan", "desa"} else None
    return f"{place.name}, {parent.name}" if parent else place.name


@lru_cache(maxsize=1)
def children_index() -> dict[str, tuple[str, ...]]:
    """Parent code -> child codes, from the shipped gazetteer (provinces under ``""``)."""
    out: dict[str, list[str]] = {}
    for place in load_gazetteer():
        out.setdefault(place.parent or "", []).append(place.code)
    return {k: tuple(v) for k, v in out.items()}


def within(code: str, prefix: str) -> bool:
    """True when ``code`` is ``prefix`` or lies inside it (``32.09.15`` within ``32.09``)."""
    return code == prefix or code.startswith(prefix + ".")
