"""Personnel needs for guarding TPS, from an editable police : TPS rule per jurisdiction.

There is no single national rule: each Polda/Polres sets its pattern, written
"police : TPS" (optionally ": Linmas"). The default is the one quoted in the field:
Kurang Rawan 2 : 5 (two officers guard five TPS), Rawan 1 : 1, Sangat Rawan 2 : 1, and
special-location (lapas, hospital ...) and noken TPS at least 2 officers each.

Officers guard nearby TPS together, so ordinary TPS are pooled per desa and level and
rounded up there (3 Kurang Rawan TPS in one desa at 2 : 5 need ceil(3 x 2 / 5) = 2);
totals per kecamatan and jurisdiction are sums of the desa figures. Special TPS are
counted one by one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sejuk.db.models import Jurisdiction, Tps
from sejuk.errors import BadValue
from sejuk.phrases import Phrases
from sejuk.regions.jurisdictions import optional_areas, stored_jurisdiction
from sejuk.signals import prefix_filter
from sejuk.tps.roster import LEVEL_LABELS, SPECIAL_KINDS, Level


@dataclass(frozen=True)
class Ratio:
    police: int
    tps: int
    linmas: int = 0

    def __str__(self) -> str:
        return f"{self.police}:{self.tps}" + (f":{self.linmas}" if self.linmas else "")


@dataclass(frozen=True)
class Rule:
    """police : TPS (: Linmas) per level, and the minimum for a special TPS."""

    ratios: dict[Level, Ratio] = field(default_factory=lambda: {
        Level.KURANG_RAWAN: Ratio(2, 5), Level.RAWAN: Ratio(1, 1),
        Level.SANGAT_RAWAN: Ratio(2, 1)})
    special_min: int = 2

    def describe(self) -> dict[str, str | int]:
        out: dict[str, str | int] = {LEVEL_LABELS[lv]: str(r) for lv, r in self.ratios.items()}
        out["special_min"] = self.special_min
        return out


DEFAULT_RULE = Rule()
#: Why a ``[personnel]`` rule is refused, with the value written.
_RULES: Phrases = {
    "ratio": {"id": "seharusnya personel:TPS atau personel:TPS:linmas, tertulis {text!r}",
              "en": "expected police:TPS or police:TPS:Linmas, got {text!r}"},
    "at_least_1": {"id": "personel dan TPS minimal 1 pada {text!r}",
                   "en": "police and TPS must be at least 1 in {text!r}"},
    # asked for without values: written as shown, braces and all
    "table": {"id": "seharusnya tabel seperti {kurang_rawan = \"2:5\", ...}",
              "en": "expected a table like {kurang_rawan = \"2:5\", ...}"},
    "special_min": {"id": "special_min harus bilangan bulat, tertulis {value!r}",
                    "en": "special_min must be a whole number, got {value!r}"},
    "unknown_key": {"id": "kunci tidak dikenal: {key!r} (kurang_rawan, rawan, sangat_rawan, "
                          "special_min)",
                    "en": "unknown key {key!r} (kurang_rawan, rawan, sangat_rawan, "
                          "special_min)"},
}
_KEYS = {"kurang_rawan": Level.KURANG_RAWAN, "1": Level.KURANG_RAWAN,
         "rawan": Level.RAWAN, "2": Level.RAWAN,
         "sangat_rawan": Level.SANGAT_RAWAN, "3": Level.SANGAT_RAWAN}


def parse_ratio(text: str) -> Ratio:
    """``"2:5"`` or ``"2-4-8"`` (police-TPS-Linmas) -> :class:`Ratio`."""
    parts = [p.strip() for p in str(text).replace("-", ":").split(":")]
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        raise BadValue.said(_RULES, "ratio", text=text)
    numbers = [int(p) for p in parts]
    if numbers[0] < 1 or numbers[1] < 1:
        raise BadValue.said(_RULES, "at_least_1", text=text)
    return Ratio(*numbers)


def parse_rule_table(table: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a ``[personnel]`` table; returns the JSON stored on the jurisdiction."""
    if not isinstance(table, Mapping):
        raise BadValue.said(_RULES, "table")
    out: dict[str, Any] = {}
    for key, value in table.items():
        k = str(key).strip().lower().replace(" ", "_")
        if k == "special_min":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise BadValue.said(_RULES, "special_min", value=value)
            out["special_min"] = value
        elif k in _KEYS:
            out[str(int(_KEYS[k]))] = str(parse_ratio(value))
        else:
            raise BadValue.said(_RULES, "unknown_key", key=key)
    return out


def rule_from_json(data: Mapping[str, Any] | None, base: Rule = DEFAULT_RULE) -> Rule:
    """The stored JSON over ``base`` (missing levels keep the base ratio)."""
    if not data:
        return base
    ratios = dict(base.ratios)
    for level in Level:
        if str(int(level)) in data:
            ratios[level] = parse_ratio(data[str(int(level))])
    return Rule(ratios, int(data.get("special_min", base.special_min)))


@dataclass
class Need:
    """TPS per level and the guards they need, for one area."""

    tps: dict[str, int] = field(default_factory=lambda: {v: 0 for v in LEVEL_LABELS.values()})
    special: int = 0
    police: int = 0
    linmas: int = 0

    def add(self, other: Need) -> None:
        for k, v in other.tps.items():
            self.tps[k] = self.tps.get(k, 0) + v
        self.special += other.special
        self.police += other.police
        self.linmas += other.linmas

    def as_dict(self) -> dict[str, Any]:
        return {"tps": dict(self.tps), "total_tps": sum(self.tps.values()),
                "special_tps": self.special, "police": self.police, "linmas": self.linmas}


def desa_need(tps: Iterable[tuple[int, str | None]], rule: Rule = DEFAULT_RULE) -> Need:
    """Guards for one desa's TPS, given as (level, special_kind) pairs."""
    need = Need()
    pooled: dict[Level, int] = defaultdict(int)
    for level_value, special in tps:
        level = Level(level_value)
        need.tps[level.label] += 1
        ratio = rule.ratios[level]
        if special in SPECIAL_KINDS:
            need.special += 1
            need.police += max(rule.special_min, math.ceil(ratio.police / ratio.tps))
            need.linmas += math.ceil(ratio.linmas / ratio.tps)
        else:
            pooled[level] += 1
    for level, count in pooled.items():
        ratio = rule.ratios[level]
        need.police += math.ceil(count * ratio.police / ratio.tps)
        need.linmas += math.ceil(count * ratio.linmas / ratio.tps)
    return need




# -- summaries over the database --------------------------------------------------------
@dataclass
class Summary:
    """TPS per level and personnel needed, per kecamatan and in total, for one scope."""

    jurisdiction: str | None
    rule: Rule
    total: Need
    by_kecamatan: dict[str, Need]
    by_desa: dict[str, Need]

    def as_dict(self, names: Mapping[str, str] | None = None) -> dict[str, Any]:
        names = names or {}
        return {
            "jurisdiction": self.jurisdiction,
            "rule": self.rule.describe(),
            **self.total.as_dict(),
            "kecamatan": [{"code": code, "name": names.get(code, code), **need.as_dict()}
                          for code, need in sorted(self.by_kecamatan.items())],
        }


def rule_for(session: Session, jurisdiction: str | None) -> Rule:
    """The jurisdiction's rule over its parents' over the default."""
    if not jurisdiction:
        return DEFAULT_RULE
    chain: list[Jurisdiction] = []
    row = stored_jurisdiction(session, jurisdiction)
    while row is not None and len(chain) < 5:
        chain.append(row)
        row = session.get(Jurisdiction, row.parent_id) if row.parent_id else None
    rule = DEFAULT_RULE
    for row in reversed(chain):
        rule = rule_from_json(row.personnel, rule)
    return rule


def summarise(session: Session, jurisdiction: str | None = None) -> Summary:
    """Counts per level and guards needed, pooled per desa, summed upward."""
    prefixes = optional_areas(session, jurisdiction)
    rule = rule_for(session, jurisdiction)
    query = select(Tps.region_code, Tps.level, Tps.special_kind).order_by(Tps.region_code)
    where = prefix_filter(Tps.region_code, prefixes)
    if where is not None:
        query = query.where(where)
    per_desa: dict[str, list[tuple[int, str | None]]] = defaultdict(list)
    for code, level, special in session.execute(query):
        per_desa[code].append((level, special))
    total = Need()
    by_kec: dict[str, Need] = {}
    by_desa: dict[str, Need] = {}
    for code, rows in per_desa.items():
        need = desa_need(rows, rule)
        by_desa[code] = need
        by_kec.setdefault(code[:8], Need()).add(need)
        total.add(need)
    return Summary(jurisdiction, rule, total, by_kec, by_desa)


__all__ = ["DEFAULT_RULE", "Need", "Ratio", "Rule", "Summary", "desa_need", "parse_ratio",
           "parse_rule_table", "rule_for", "rule_from_json", "summarise"]
