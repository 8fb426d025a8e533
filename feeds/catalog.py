"""The source catalogue shipped with Sejuk: real Indonesian feed addresses, so that a new
Polres starts with national and provincial sources in one command instead of an empty
list.

The data (``feeds/data/catalog.csv``) is built by ``scripts/build_catalog.py`` and
versioned by ``feeds/data/catalog.json`` (version and SHA-256 of the CSV): a correction
ships as a new catalogue version, and a source added from the catalogue keeps its entry
id (``sources.catalog_id``), so a workspace knows which entry a source came from.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from feeds.normalize import canonical_url
from feeds.sources import SOURCE_KINDS, add_source
from sejuk.db.models import Source
from sejuk.errors import InputError
from sejuk.phrases import Phrases

#: Confidence grades, best first (see the catalogue's README): ``pattern`` entries were
#: built from a documented URL pattern and are graded with ``low``.
CONFIDENCE_RANK = {"high": 3, "medium": 2, "low": 1, "pattern": 1}
MIN_CONFIDENCE = ("high", "medium", "low")
ALL_PROVINCES = "all"
#: Refusals of a catalogue selection, in the reader's language.
_ERRORS: Phrases = {
    "kind": {"id": "jenis {kind!r}: harus salah satu dari {kinds}",
             "en": "kind {kind!r}: must be one of {kinds}"},
    "confidence": {"id": "keyakinan minimal {grade!r}: harus salah satu dari {grades}",
                   "en": "min confidence {grade!r}: must be one of {grades}"},
    "province": {"id": "kode provinsi {province!r} tidak dikenal (Kemendagri, mis. 32 untuk "
                       "Jawa Barat; `sejuk regions list --level provinsi`)",
                 "en": "unknown province code {province!r} (Kemendagri, e.g. 32 for "
                       "Jawa Barat; `sejuk regions list --level provinsi`)"},
}


@dataclass(frozen=True)
class CatalogEntry:
    id: str
    name: str
    kind: str
    province: str | None  # Kemendagri 2-digit code; None = national
    url: str
    confidence: str
    terms: str
    interval: int | None
    notes: str
    seen_year: str

    @property
    def scope(self) -> str:
        return self.province or "nasional"


@dataclass(frozen=True)
class Catalog:
    version: str
    entries: tuple[CatalogEntry, ...]


@dataclass
class CatalogAddResult:
    added: list[str] = field(default_factory=list)
    #: (entry name, why it was skipped)
    skipped: list[tuple[str, str]] = field(default_factory=list)


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The shipped catalogue (read once per process)."""
    data = resources.files("feeds") / "data"
    meta = json.loads((data / "catalog.json").read_text(encoding="utf-8"))
    text = (data / "catalog.csv").read_text(encoding="utf-8")
    entries = tuple(_entry(row) for row in csv.DictReader(io.StringIO(text)))
    return Catalog(version=str(meta["version"]), entries=entries)


def _entry(row: dict[str, str]) -> CatalogEntry:
    return CatalogEntry(id=row["id"], name=row["name"], kind=row["kind"],
                        province=row["province"] or None, url=row["url"],
                        confidence=row["confidence"], terms=row["terms"],
                        interval=int(row["interval"]) if row["interval"] else None,
                        notes=row["notes"], seen_year=row["seen_year"])


def province_of(code: str) -> str:
    """``32`` from ``32``, ``32.09`` or ``32.09.15``: a Polres names its regency."""
    return code.strip().split(".")[0]


def select_entries(catalog: Catalog, *, province: str | None = None,
                   kind: str | None = None, min_confidence: str = "low",
                   national: bool = True) -> list[CatalogEntry]:
    """Entries for one province (plus the national ones unless ``national`` is false),
    of one kind, at or above a confidence grade. ``province=None`` selects every entry,
    ``"all"`` too."""
    if kind is not None and kind not in SOURCE_KINDS:
        raise InputError.said(_ERRORS, "kind", kind=kind, kinds=", ".join(SOURCE_KINDS))
    if min_confidence not in MIN_CONFIDENCE:
        raise InputError.said(_ERRORS, "confidence", grade=min_confidence,
                              grades=", ".join(MIN_CONFIDENCE))
    floor = CONFIDENCE_RANK[min_confidence]
    wanted = None if province in (None, ALL_PROVINCES) else province_of(province or "")
    out = []
    for entry in catalog.entries:
        if wanted is not None and entry.province != wanted and not (
                national and entry.province is None):
            continue
        if kind is not None and entry.kind != kind:
            continue
        if CONFIDENCE_RANK.get(entry.confidence, 0) < floor:
            continue
        out.append(entry)
    return out


def check_province(province: str | None) -> None:
    """An unknown province code is refused before anything is listed or added (the
    shipped gazetteer decides, so listing the catalogue needs no workspace)."""
    from sejuk.regions.gazetteer import gazetteer_index

    if province in (None, ALL_PROVINCES):
        return
    places, code = gazetteer_index(), (province or "").strip()
    region = places.get(province_of(code))
    if region is None or region.level != "provinsi" or code not in places:
        raise InputError.said(_ERRORS, "province", province=province)


def present(session: Session, entries: Iterable[CatalogEntry]) -> dict[str, str]:
    """Entry id -> the name of the workspace source it already is (same catalogue id,
    same address in canonical form, or same name)."""
    sources = session.execute(select(Source.name, Source.url, Source.catalog_id)).all()
    by_id = {s.catalog_id: s.name for s in sources if s.catalog_id}
    by_url = {canonical_url(s.url): s.name for s in sources}
    by_name = {s.name.casefold(): s.name for s in sources}
    found = {}
    for entry in entries:
        name = (by_id.get(entry.id) or by_url.get(canonical_url(entry.url))
                or by_name.get(entry.name.casefold()))
        if name:
            found[entry.id] = name
    return found


def add_from_catalog(session: Session, entries: Sequence[CatalogEntry], *,
                     default_interval: int = 15) -> CatalogAddResult:
    """Add the entries not yet present, each with its province as region (national
    ones without), its terms and its catalogue id; in the caller's transaction."""
    result = CatalogAddResult()
    existing = present(session, entries)
    for entry in entries:
        if entry.id in existing:
            result.skipped.append((entry.name, f"sudah ada sebagai {existing[entry.id]!r}"))
            continue
        source = add_source(session, entry.url, entry.name, entry.kind,
                            region_code=entry.province,
                            interval_minutes=entry.interval or default_interval,
                            terms=entry.terms)
        source.catalog_id = entry.id
        result.added.append(source.name)
    return result


__all__ = ["ALL_PROVINCES", "MIN_CONFIDENCE", "Catalog", "CatalogAddResult", "CatalogEntry",
           "add_from_catalog", "check_province", "load_catalog", "present", "select_entries"]
