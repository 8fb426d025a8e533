"""Which region codes an area holds: one meaning of "inside", in Python and in SQL.

Kemendagri codes nest by prefix (``32`` > ``32.09`` > ``32.09.18`` > ``32.09.18.2012``),
so an area is a code prefix and its level is the code's width. Everywhere, ``None`` for a
list of prefixes means *no restriction* (the whole workspace) and an empty list means
*nothing* (a jurisdiction that covers no area).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, false, func, or_
from sqlalchemy.sql.elements import ColumnElement

from sejuk.regions.gazetteer import ancestors as ancestors_of
from sejuk.regions.gazetteer import within

#: Characters of a code at each level (``32``, ``32.09``, ``32.09.18``, ``32.09.18.2012``).
LEVEL_WIDTH = {"provinsi": 2, "kabkota": 5, "kecamatan": 8, "desa": 13}


def in_prefixes(code: str, prefixes: Sequence[str] | None) -> bool:
    """``code`` is one of the prefixes or lies inside one (None: every code)."""
    if prefixes is None:
        return True
    return any(within(code, p) for p in prefixes)


def overlaps(code: str, prefixes: Sequence[str] | None) -> bool:
    """``code`` and one of the prefixes contain each other either way: a kecamatan belongs
    to a jurisdiction covering it *or* any desa in it (None: every code)."""
    if prefixes is None:
        return True
    return any(within(code, p) or within(p, code) for p in prefixes)


def area_of(code: str, level: str) -> str | None:
    """The area at ``level`` that ``code`` lies in, or None when ``code`` is coarser."""
    width = LEVEL_WIDTH[level]
    return code[:width] if len(code) >= width else None


def area_column(column: Any, level: str) -> tuple[ColumnElement[Any], ColumnElement[bool]]:
    """SQL twin of :func:`area_of`: (the area code to group by, "deep enough" condition)."""
    width = LEVEL_WIDTH[level]
    return func.substr(column, 1, width), func.length(column) >= width


def prefix_filter(column: Any, prefixes: Sequence[str] | None, *,
                  ancestors: bool = False) -> ColumnElement[bool] | None:
    """SQL for ``column`` inside the prefixes (``code = p OR code LIKE 'p.%'``).

    None means no filter (the caller adds no condition); an empty list matches nothing.
    With ``ancestors`` a code that *contains* part of the prefixes also matches (an
    item about "Kabupaten Cirebon" concerns a Polresta covering part of it).
    """
    if prefixes is None:
        return None
    if not prefixes:
        return false()
    clauses: list[ColumnElement[bool]] = []
    for p in prefixes:
        # A range rather than LIKE 'p.%' so that an index on the code is used ('/' sorts
        # right after '.'); same rows as ``code = p OR code LIKE 'p.%'``.
        clauses.append(column == p)
        clauses.append(and_(column > p + ".", column < p + "/"))
    if ancestors:
        outer = {a for p in prefixes for a in ancestors_of(p)}
        clauses.extend(column == a for a in sorted(outer))
    return or_(*clauses)


__all__ = ["LEVEL_WIDTH", "area_column", "area_of", "in_prefixes", "overlaps",
           "prefix_filter", "within"]
