"""Polling stations (TPS): roster import, transparent vulnerability scoring, summaries.

A TPS's level is, in order: an analyst's override (with reason and author), the level
assessed in the imported roster, or the level computed from its Bawaslu-style indicators
by weights and cut-offs in settings. The computation is monotone: adding an indicator
never lowers a level.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sejuk.access import audit
from sejuk.access.auth import Principal, guarded
from sejuk.db.engine import lock_for_writing
from sejuk.db.models import Tps
from sejuk.errors import BadValue, InputError, NotFound, invalid_rows, row_problem
from sejuk.fsutil import read_user_text
from sejuk.phrases import Listing, Phrases, Said, say
from sejuk.settings import DEFAULT_INDICATOR_WEIGHTS, TpsSettings
from sejuk.tables import (
    NO_NAME,
    TABLE_PHRASES,
    header_key,
    parse_flag,
    read_table,
    template_example,
)
from sejuk.timeutil import utc_now

_REFUSALS: Phrases = {
    "no_reason": {"id": "penetapan level TPS perlu alasan",
                  "en": "an override needs a reason (alasan)"},
    "no_author": {"id": "penetapan level TPS perlu nama penetapnya",
                  "en": "an override needs an author"},
    "bad_level": {"id": "level kerawanan tidak dikenal: {level!r}; pilih Kurang Rawan, Rawan "
                        "atau Sangat Rawan",
                  "en": "unknown vulnerability level {level!r}; choose Kurang Rawan, Rawan "
                        "or Sangat Rawan"},
    "unknown_level": {"id": "level kerawanan tidak dikenal: {level!r}",
                      "en": "unknown vulnerability level {level!r}"},
    "not_desa": {"id": "desa_code {code!r} bukan desa/kelurahan di gazetir",
                 "en": "desa_code {code!r} is not a desa/kelurahan in the gazetteer"},
    "no_place": {"id": "isi desa_code, atau nama kabkota, kecamatan dan desa",
                 "en": "give desa_code, or kabkota, kecamatan and desa names"},
    "no_kabkota": {"id": "kabupaten/kota {kabkota!r} tidak ditemukan",
                   "en": "kabupaten/kota {kabkota!r} not found"},
    "no_kecamatan": {"id": "kecamatan {kecamatan!r} tidak ditemukan di {kabkota}",
                     "en": "kecamatan {kecamatan!r} not found in {kabkota}"},
    "ambiguous": {"id": "{kabkota!r} ambigu (kota atau kabupaten): tulis 'Kabupaten {base}' "
                        "atau 'Kota {base}'",
                  "en": "{kabkota!r} is ambiguous (kota or kabupaten): write 'Kabupaten {base}' "
                        "or 'Kota {base}'"},
    "no_desa": {"id": "desa/kelurahan {desa!r} tidak ditemukan di kecamatan {kecamatan}",
                "en": "desa/kelurahan {desa!r} not found in kecamatan {kecamatan}"},
    "not_whole": {"id": "{column} {text!r} bukan bilangan bulat (mis. {example})",
                  "en": "{column} {text!r} is not a whole number (e.g. {example})"},
    "thousands": {"id": "{column} {text!r} bisa berarti {read} atau satuan: tulis tanpa "
                        "titik atau koma",
                  "en": "{column} {text!r} may mean {read} or units: write it without a "
                        "point or comma"},
    "not_number": {"id": "{column} {text!r} bukan angka (mis. -6.9175)",
                   "en": "{column} {text!r} is not a number (e.g. -6.9175)"},
    "empty": {"id": "{name}: berkas kosong (seharusnya ada baris judul dari `sejuk tps "
                    "template`)",
              "en": "{name}: empty file (expected the header from `sejuk tps template`)"},
    "tps_number": {"id": "tps_number harus 1 sampai {most}",
                   "en": "tps_number must be 1 to {most}"},
    "voters": {"id": "voters {voters} di luar 0..5000", "en": "voters {voters} outside 0..5000"},
    "outside": {"id": "{column} {value} di luar Indonesia",
                "en": "{column} {value} is outside Indonesia"},
    "repeats": {"id": "TPS {number} di {region} mengulang baris {row}",
                "en": "TPS {number} in {region} repeats row {row}"},
    "no_rows": {"id": "{name}: tidak ada baris TPS", "en": "{name}: no TPS rows"},
    "no_tps": {"id": "tidak ada TPS {number} di {code}", "en": "no TPS {number} in {code}"},
    "no_tps_election": {"id": "tidak ada TPS {number} di {code} untuk pemilihan {election!r}",
                        "en": "no TPS {number} in {code} for election {election!r}"},
}


class Level(IntEnum):
    KURANG_RAWAN = 1
    RAWAN = 2
    SANGAT_RAWAN = 3

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> Level:
        key = " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
        try:
            return _LEVEL_ALIASES[key]
        except KeyError:
            raise BadValue.said(_REFUSALS, "unknown_level", level=text) from None


# The one source of the levels' names. They are the interface's words in both languages
# (the Bawaslu terms analysts use; DOMAIN.md): English pages once said "Very vulnerable /
# Vulnerable / Low" while others said these, two scales for one. English input such as
# "very vulnerable" or "low" is still understood (``Level.parse``).
LEVEL_LABELS = {Level.KURANG_RAWAN: "Kurang Rawan", Level.RAWAN: "Rawan",
                Level.SANGAT_RAWAN: "Sangat Rawan"}


def level_names(lang: str) -> Mapping[Level, str]:
    """The levels' names people read in ``lang``: the same Indonesian terms in both."""
    del lang  # one name per level in every language
    return LEVEL_LABELS


_LEVEL_ALIASES = {
    "kurang rawan": Level.KURANG_RAWAN, "aman": Level.KURANG_RAWAN, "low": Level.KURANG_RAWAN,
    "1": Level.KURANG_RAWAN, "rawan": Level.RAWAN, "medium": Level.RAWAN,
    "vulnerable": Level.RAWAN, "2": Level.RAWAN, "sangat rawan": Level.SANGAT_RAWAN,
    "high": Level.SANGAT_RAWAN, "very vulnerable": Level.SANGAT_RAWAN, "3": Level.SANGAT_RAWAN,
}

INDICATORS: tuple[str, ...] = tuple(DEFAULT_INDICATOR_WEIGHTS)
INDICATOR_LABELS: dict[str, str] = {
    "psu_history": "Pernah PSU",
    "violence_history": "Riwayat kekerasan",
    "intimidation": "Intimidasi penyelenggara/pemilih",
    "sara_incitement": "Hasutan SARA",
    "money_politics": "Politik uang",
    "non_neutral_officials": "ASN/aparat/kades tidak netral",
    "logistics_issue": "Masalah logistik",
    "hard_to_reach": "Sulit dijangkau",
    "no_signal": "Tanpa sinyal (blankspot)",
    "no_electricity": "Tanpa listrik",
    "near_campaign_post": "Dekat posko pemenangan",
    "disaster_prone": "Rawan bencana",
    "many_additional_voters": "Banyak pemilih tambahan (DPTb)",
}
INDICATOR_LABELS_EN: dict[str, str] = {
    "psu_history": "Past re-vote (PSU)",
    "violence_history": "History of violence",
    "intimidation": "Intimidation of officials/voters",
    "sara_incitement": "Ethnic/religious (SARA) incitement",
    "money_politics": "Vote buying",
    "non_neutral_officials": "Partisan civil servants/officers/village heads",
    "logistics_issue": "Logistics problems",
    "hard_to_reach": "Hard to reach",
    "no_signal": "No phone signal (blank spot)",
    "no_electricity": "No electricity",
    "near_campaign_post": "Near a campaign post",
    "disaster_prone": "Disaster-prone",
    "many_additional_voters": "Many additional voters (DPTb)",
}
#: TPS at special locations (KPU's TPS lokasi khusus: prisons, hospitals, care homes,
#: boarding schools, relocation camps) and Papua's noken TPS. The roster accepts only these,
#: and each needs its own guard whatever the pooling says (:mod:`sejuk.tps.personnel`).
SPECIAL_KINDS = frozenset({"lapas", "rutan", "rumah_sakit", "relokasi", "noken",
                           "lokasi_khusus", "panti", "pesantren"})

#: The highest TPS number a desa's list carries (KPU numbers them from 1 per desa).
MAX_TPS_NUMBER = 9999
BASE_COLUMNS = ("provinsi", "kabkota", "kecamatan", "desa", "desa_code", "tps_number",
                "voters", "lat", "lon", "special_kind", "level")
TEMPLATE_COLUMNS = (*BASE_COLUMNS, *INDICATORS)


def indicator_score(indicators: Mapping[str, object], weights: Mapping[str, float]) -> float:
    return float(sum(weights.get(k, 0.0) for k, v in indicators.items() if v))


def computed_level(indicators: Mapping[str, object], settings: TpsSettings) -> Level:
    """The level the indicators alone justify (monotone in the set of indicators)."""
    score = indicator_score(indicators, settings.weights)
    if score >= settings.sangat_rawan_at:
        return Level.SANGAT_RAWAN
    if score >= settings.rawan_at:
        return Level.RAWAN
    return Level.KURANG_RAWAN


def effective_level(tps: Tps) -> Level:
    if tps.override_level:
        return Level(tps.override_level)
    if tps.assessed_level:
        return Level(tps.assessed_level)
    return Level(tps.computed_level)


class LevelFacts(Protocol):
    """What a level's explanation needs: a stored TPS or a page's row of one."""

    override_level: int | None
    override_by: str | None
    override_reason: str | None
    assessed_level: int | None
    computed_level: int
    indicators: Mapping[str, Any] | None


_WHY: Phrases = {
    "override": {"id": "Diubah manual ke {level} oleh {by}: {reason}",
                 "en": "Overridden to {level} by {by}: {reason}"},
    "roster": {"id": "Tingkat dari roster: {level}", "en": "Level from the roster: {level}"},
    "score": {"id": "Skor indikator {score:g} -> {level}",
              "en": "Indicator score {score:g} -> {level}"},
}


def explain(tps: LevelFacts, settings: TpsSettings, lang: str = "id") -> list[str]:
    """Why a TPS has its level, as lines an analyst can read: the one explanation the CLI
    and the TPS page both show (Indonesian, or English with ``lang="en"``)."""
    names = level_names(lang)
    indicator_names = INDICATOR_LABELS_EN if lang == "en" else INDICATOR_LABELS

    def line(key: str, **values: Any) -> str:
        return say(_WHY, key, lang, **values)

    lines = []
    if tps.override_level:
        lines.append(line("override", level=names[Level(tps.override_level)],
                          by=tps.override_by, reason=tps.override_reason))
    if tps.assessed_level:
        lines.append(line("roster", level=names[Level(tps.assessed_level)]))
    indicators = tps.indicators or {}
    active = [k for k, v in indicators.items() if v]
    score = indicator_score(indicators, settings.weights)
    parts = ", ".join(f"{indicator_names.get(k, k)} ({settings.weights.get(k, 0):g})"
                      for k in active)
    lines.append(line("score", score=score, level=names[Level(tps.computed_level)])
                 + (f": {parts}" if parts else ""))
    return lines


@dataclass(frozen=True)
class TpsRow:
    region_code: str
    number: int
    voters: int
    lat: float | None
    lon: float | None
    special_kind: str | None
    assessed_level: Level | None
    indicators: dict[str, int] = field(default_factory=dict)
    election: str = ""


def _norm(name: str) -> str:
    text = " ".join(name.strip().lower().split())
    for prefix in ("kecamatan ", "kec. ", "kec ", "distrik ", "desa ", "kelurahan ", "kel. ",
                   "kel "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text


class _RegionResolver:
    """Finds a desa code from its names (kabkota/kecamatan/desa) or checks a code.

    Names are matched case-insensitively with their prefixes ("Kab.", "Kabupaten", "Kota",
    "Kota Administrasi", "Kec.", "Desa", "Kelurahan") and known aliases; a bare kabupaten/kota
    name shared by a kota and a kabupaten ("Cirebon") is accepted only when the kecamatan
    exists in exactly one of them. Lookups are cached: a roster has many rows per desa.
    """

    def __init__(self, session: Session) -> None:
        from sejuk.regions.gazetteer import ALIASES, gazetteer_index, kabkota_base

        self.index = gazetteer_index()
        self.kabkota: dict[str, list[tuple[str, str]]] = {}
        self.children: dict[tuple[str, str], list[str]] = {}
        for place in self.index.values():
            names = (place.name, *ALIASES.get(place.code, ()))
            if place.level == "kabkota":
                kind = kabkota_base(place.name)[1]
                for name in names:
                    self.kabkota.setdefault(kabkota_base(name)[0], []).append((place.code, kind))
            elif place.level in {"kecamatan", "desa"} and place.parent:
                for name in names:
                    self.children.setdefault((place.parent, _norm(name)), []).append(place.code)

    def level(self, code: str) -> str | None:
        place = self.index.get(code)
        return place.level if place else None

    def resolve(self, row: Mapping[str, str]) -> str:
        from sejuk.regions.gazetteer import kabkota_base

        code = (row.get("desa_code") or "").strip()
        if code:
            if self.level(code) != "desa":
                raise BadValue.said(_REFUSALS, "not_desa", code=code)
            return code
        kabkota, kecamatan, desa = (row.get(k, "").strip() for k in
                                    ("kabkota", "kecamatan", "desa"))
        if not (kabkota and kecamatan and desa):
            raise BadValue.said(_REFUSALS, "no_place")
        base, kind = kabkota_base(kabkota)
        options = self.kabkota.get(base, [])
        explicit = base != " ".join(kabkota.lower().split())
        if explicit:
            options = [o for o in options if o[1] == kind]
        if not options:
            raise BadValue.said(_REFUSALS, "no_kabkota", kabkota=kabkota)
        kec_options = [c for kab, _ in options
                       for c in self.children.get((kab, _norm(kecamatan)), [])]
        if not kec_options:
            raise BadValue.said(_REFUSALS, "no_kecamatan", kecamatan=kecamatan, kabkota=kabkota)
        if len(kec_options) > 1:
            raise BadValue.said(_REFUSALS, "ambiguous", kabkota=kabkota, base=base.title())
        desa_options = self.children.get((kec_options[0], _norm(desa)), [])
        if len(desa_options) != 1:
            raise BadValue.said(_REFUSALS, "no_desa", desa=desa, kecamatan=kecamatan)
        return desa_options[0]


def _whole(raw: Mapping[str, str], column: str, example: str) -> int:
    """A whole-number cell: ``1``, ``001``, ``1.0`` or ``1,00`` (a number through a
    spreadsheet, with a decimal point or, in an Indonesian locale, a decimal comma) or,
    for the TPS number, ``TPS 001`` as KPU lists write it."""
    text = (raw.get(column) or "").strip()
    bare = text[3:].strip() if column == "tps_number" and text[:3].upper() == "TPS" else text
    # digits with at most a zero fraction: "1e3" (read as 1000) and "1e300" (too large
    # for the database) are no TPS number a list would write
    if not re.fullmatch(r"\d{1,9}(?:[.,]0+)?", bare):
        raise BadValue.said(_REFUSALS, "not_whole", column=column, text=text, example=example)
    if re.fullmatch(r"\d+[.,]000", bare):  # 1.000: a thousand in Indonesian, 1 in Excel
        raise BadValue.said(_REFUSALS, "thousands", column=column, text=text,
                            read=bare[:-4] + bare[-3:])
    return int(re.split(r"[.,]", bare)[0])


def _coordinate(raw: Mapping[str, str], column: str) -> float | None:
    """A lat/lon cell; a decimal comma (``-6,9175``, Excel in an Indonesian locale) is
    read as a point: a coordinate has no thousands separator."""
    text = (raw.get(column) or "").strip()
    if not text:
        return None
    try:
        return float(text.replace(",", ".") if text.count(",") == 1 else text)
    except ValueError:
        raise BadValue.said(_REFUSALS, "not_number", column=column, text=text) from None


def _flag(value: str) -> int:
    return parse_flag(value) or 0


def _example_key(resolver: _RegionResolver) -> tuple[object, ...] | None:
    """The template's example row as parsed (desa, TPS number, voters, position), so it is
    refused however a spreadsheet rewrote it (``001``, ``245,00``, ``-6,7601``); ``None``
    when this workspace's gazetteer does not hold its desa."""
    example = template_example(template_csv())
    try:
        return (resolver.resolve(example), _whole(example, "tps_number", ""),
                _whole(example, "voters", ""), _coordinate(example, "lat"),
                _coordinate(example, "lon"))
    except ValueError:
        return None


def parse_roster(content: str, session: Session, name: str = "<csv>") -> list[TpsRow]:
    """Validate a whole roster; raise :class:`InputError` listing bad rows by number."""
    table = read_table(content, name)
    header = [header_key(h) for h in table.header]
    if not header:
        raise InputError.said(_REFUSALS, "empty", name=name)
    missing = [c for c in ("tps_number",) if c not in header]
    if missing:
        raise InputError.said(TABLE_PHRASES, "missing_columns", name=name,
                              columns=", ".join(missing))
    unknown = [h or NO_NAME for h in header if h not in TEMPLATE_COLUMNS and h != "election"]
    if unknown:
        raise InputError.said(TABLE_PHRASES, "unknown_columns", name=name,
                              columns=Listing(unknown, ", "), template="sejuk tps template",
                              expected=", ".join(TEMPLATE_COLUMNS))
    resolver = _RegionResolver(session)
    rows: list[TpsRow] = []
    errors: list[Said] = []
    seen: dict[tuple[str, int, str], int] = {}
    example = _example_key(resolver)
    for line_no, raw, extra in table.records(header):
        if extra:
            errors.append(row_problem(line_no, table.too_many(len(header) + len(extra))))
            continue
        try:
            region = resolver.resolve(raw)
            number = _whole(raw, "tps_number", "TPS 001, 1, 1.0")
            if not 1 <= number <= MAX_TPS_NUMBER:
                raise BadValue.said(_REFUSALS, "tps_number", most=MAX_TPS_NUMBER)
            voters = _whole(raw, "voters", "250, 250.0") if (raw.get("voters") or
                                                                 "").strip() else 0
            if not 0 <= voters <= 5000:
                raise BadValue.said(_REFUSALS, "voters", voters=voters)
            lat, lon = _coordinate(raw, "lat"), _coordinate(raw, "lon")
            if lat is not None and not -11.5 <= lat <= 6.5:
                raise BadValue.said(_REFUSALS, "outside", column="lat", value=lat)
            if lon is not None and not 94.5 <= lon <= 141.5:
                raise BadValue.said(_REFUSALS, "outside", column="lon", value=lon)
            special = header_key(raw.get("special_kind") or "") or None  # "Rumah Sakit"
            if special and special not in SPECIAL_KINDS:
                raise BadValue.said(TABLE_PHRASES, "not_one_of", column="special_kind",
                                    value=special, choices=", ".join(sorted(SPECIAL_KINDS)))
            level_text = (raw.get("level") or "").strip()
            level = Level.parse(level_text) if level_text else None
            indicators = {k: _flag(raw.get(k) or "") for k in INDICATORS if k in header}
            election = (raw.get("election") or "").strip()
        except ValueError as exc:
            errors.append(row_problem(line_no, exc))
            continue
        if (region, number, voters, lat, lon) == example:
            errors.append(row_problem(line_no, Said(TABLE_PHRASES, "example_row",
                                                    {"template": "sejuk tps template"})))
            continue
        key = (region, number, election)
        if key in seen:
            errors.append(row_problem(line_no, Said(_REFUSALS, "repeats", {
                "number": number, "region": region, "row": seen[key]})))
            continue
        seen[key] = line_no
        rows.append(TpsRow(region, number, voters, lat, lon, special, level,
                           {k: v for k, v in indicators.items() if v}, election))
    if errors:
        raise invalid_rows(name, errors)
    if not rows:
        raise InputError.said(_REFUSALS, "no_rows", name=name)
    return rows


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int


@guarded("admin", "tps.import")
def import_roster(session: Session, principal: Principal, path: Path, settings: TpsSettings
                  ) -> ImportResult:
    """Import (or update) TPS from a CSV file; all rows or none."""
    rows = parse_roster(read_user_text(path), session, name=str(path))
    return store_roster(session, rows, settings, actor=principal.username, origin=path.name)


def store_roster(session: Session, rows: Iterable[TpsRow], settings: TpsSettings, *,
                 actor: str = audit.SYSTEM_ACTOR, origin: str = "") -> ImportResult:
    """Add new TPS and update known ones; another import waits until this one is stored
    (:func:`~sejuk.db.engine.lock_for_writing`), then updates what it added."""
    lock_for_writing(session, Tps.__table__)
    existing = {(t.region_code, t.number, t.election): t for t in session.scalars(select(Tps))}
    added = updated = 0
    for row in rows:
        computed = computed_level(row.indicators, settings)
        tps = existing.get((row.region_code, row.number, row.election))
        if tps is None:
            tps = Tps(region_code=row.region_code, number=row.number, election=row.election)
            session.add(tps)
            added += 1
        else:
            updated += 1
        tps.voters, tps.lat, tps.lon = row.voters, row.lat, row.lon
        tps.special_kind = row.special_kind
        tps.indicators = dict(row.indicators)
        tps.assessed_level = int(row.assessed_level) if row.assessed_level else None
        tps.computed_level = int(computed)
        tps.level = int(effective_level(tps))
    audit.record(session, actor, "tps.import", origin, added=added, updated=updated)
    return ImportResult(added, updated)


def level_counts(session: Session, region_prefixes: Sequence[str] | None = None
                 ) -> dict[str, int]:
    """TPS per level label, all three always present."""
    from sejuk.signals import prefix_filter

    query = select(Tps.level, func.count()).group_by(Tps.level)
    where = prefix_filter(Tps.region_code, region_prefixes) if region_prefixes else None
    if where is not None:
        query = query.where(where)
    counts = dict(session.execute(query).all())
    return {LEVEL_LABELS[level]: int(counts.get(int(level), 0)) for level in Level}


def find_tps(session: Session, desa_code: str, number: int, election: str = "") -> Tps:
    """One TPS by its desa code, number and election (``""`` for the default roster)."""
    tps = session.scalar(select(Tps).where(Tps.region_code == desa_code, Tps.number == number,
                                           Tps.election == election))
    if tps is None:
        if election:
            raise NotFound.said(_REFUSALS, "no_tps_election", number=number, code=desa_code,
                                election=election)
        raise NotFound.said(_REFUSALS, "no_tps", number=number, code=desa_code)
    return tps


def set_override(session: Session, tps: Tps, level: Level | str | None, *, reason: str,
                 actor: str, settings: TpsSettings | None = None) -> Tps:
    """An analyst's level for a TPS (None clears it), with reason and author; audited.

    The roster and computed levels are kept, so clearing an override restores them and
    ``explain`` shows all three.
    """
    if not reason.strip():
        raise InputError.said(_REFUSALS, "no_reason")
    if not actor.strip():
        raise InputError.said(_REFUSALS, "no_author")
    before = Level(tps.level).label
    if level is None:
        tps.override_level = tps.override_reason = tps.override_by = None
        tps.override_at = None
    else:
        try:
            parsed = Level.parse(level) if isinstance(level, str) else Level(level)
        except ValueError:
            raise InputError.said(_REFUSALS, "bad_level", level=level) from None
        tps.override_level = int(parsed)
        tps.override_reason = reason.strip()
        tps.override_by = actor
        tps.override_at = utc_now()
    if settings is not None:
        tps.computed_level = int(computed_level(tps.indicators or {}, settings))
    tps.level = int(effective_level(tps))
    audit.record(session, actor, "tps.override" if level is not None else "tps.override_clear",
                 f"{tps.region_code}/TPS {tps.number}", before=before,
                 after=Level(tps.level).label, reason=reason.strip())
    return tps


def template_csv() -> str:
    """The documented header with one example row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TEMPLATE_COLUMNS)
    example = {"provinsi": "Jawa Barat", "kabkota": "Kabupaten Cirebon", "kecamatan": "Sumber",
               "desa": "Kaliwadas", "desa_code": "", "tps_number": "1", "voters": "245",
               "lat": "-6.7601", "lon": "108.4802", "special_kind": "", "level": ""}
    row = [example.get(col, "0") for col in TEMPLATE_COLUMNS]
    row[TEMPLATE_COLUMNS.index("no_signal")] = "1"
    writer.writerow(row)
    return out.getvalue()
