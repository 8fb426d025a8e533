"""CSV files as spreadsheet programs write them, read one way by every importer.

Analysts' files come from Excel and Google Sheets, so a table is read as those programs
write it: the delimiter is the one the header row uses (``,``; ``;`` from Excel in an
Indonesian or other comma-decimal locale; a tab from "Unicode Text"), any line ending
(CRLF, LF, the lone CR of old Mac Excel), quoted cells with line breaks, header names in
any case, with spaces around them or for ``_`` inside them (a name given twice is
refused: which column would count?), and the empty columns and rows a spreadsheet leaves
after the data (a formatted cell is enough). Rows are numbered as the spreadsheet shows
them (the header is row 1, a cell with a line break is still one row), so an error's row
number is the one an analyst scrolls to.

A cell the csv module cannot read (a field over its size limit, which is what an
opening quote that never closes produces) is one :class:`~sejuk.errors.InputError`
naming the file and the row, never a traceback.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sejuk.errors import BadValue, InputError
from sejuk.phrases import Phrases, Said

#: The delimiters a header row may use, in order of preference on a tie.
DELIMITERS = (",", ";", "\t")
_QUOTED = re.compile(r'"[^"]*"')


def sniff_delimiter(header_line: str) -> str:
    """The delimiter the header row uses: the most frequent of :data:`DELIMITERS`
    outside quotes (a comma when none appears: a one-column file)."""
    bare = _QUOTED.sub("", header_line)
    return max(DELIMITERS, key=lambda d: (bare.count(d), -DELIMITERS.index(d)))


def header_key(name: str) -> str:
    """A column name as importers compare it: case and surrounding spaces ignored, and
    spaces or hyphens inside it read as ``_`` ("Region Code" is ``region_code``)."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


@dataclass
class Table:
    """A CSV file's header and its rows, each as (row number, cells).

    ``header`` holds the names as written (stripped), without the unnamed columns at its
    end. Each row's trailing empty cells past the header are dropped, so a row is
    longer than the header only when a cell past it holds something; a row is not padded.
    Rows whose every cell is blank are skipped.
    """

    name: str
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]

    def too_many(self, cells: int) -> Said:
        """What is wrong with a row of ``cells`` cells, more than the header names."""
        return Said(_TABLES, "too_many", {"cells": cells, "columns": len(self.header)})

    def records(self, keys: list[str] | None = None
                ) -> Iterator[tuple[int, dict[str, str], list[str]]]:
        """(row number, {column: cell}, cells past the header) per row; a missing cell
        is ``""``. ``keys`` renames the columns (default: the header as written)."""
        names = keys if keys is not None else self.header
        for number, cells in self.rows:
            values = dict(itertools.zip_longest(names, cells[:len(names)], fillvalue=""))
            yield number, values, cells[len(names):]


def read_table(lines: Iterable[str] | str, name: str) -> Table:
    """A table from text (or lines read with ``newline=""``): the header is the first row
    that is not blank; an empty file has an empty header."""
    source = io.StringIO(lines, newline="") if isinstance(lines, str) else iter(lines)
    first, above = next(source, "").lstrip("\ufeff"), 0
    while first and not first.strip(" \t\r\n,;"):  # blank rows above the header
        first, above = next(source, ""), above + 1
    delimiter = sniff_delimiter(first)
    reader = csv.reader(itertools.chain([first], source), delimiter=delimiter)
    cells = _next(reader, name, above + 1)
    header = [cell.strip() for cell in cells or []]
    while header and not header[-1]:
        header.pop()
    seen: dict[str, int] = {}
    for number, column in enumerate(header, start=1):
        if column and header_key(column) in seen:
            raise InputError.said(_TABLES, "twice", name=name, column=column,
                                  first=seen[header_key(column)], second=number)
        seen.setdefault(header_key(column), number)
    return Table(name, header, _rows(reader, name, len(header), above + 1))


def _next(reader: Iterator[list[str]], name: str, number: int) -> list[str] | None:
    try:
        return next(reader, None)
    except csv.Error as exc:
        why = (Said(_TABLES, "long_cell", {"limit": csv.field_size_limit()})
               if "field limit" in str(exc) else Said(_TABLES, "not_csv", {"why": exc}))
        raise InputError.said(_TABLES, "bad_row", name=name, row=number, why=why) from None


def _rows(reader: Iterator[list[str]], name: str, width: int, number: int
          ) -> Iterator[tuple[int, list[str]]]:
    while (cells := _next(reader, name, number + 1)) is not None:
        number += 1
        if all(not cell.strip() for cell in cells):
            continue
        while len(cells) > width and not cells[-1].strip():
            cells.pop()
        yield number, cells


#: Cell values of a yes/no column, as people and spreadsheets write them (a Google Sheets
#: checkbox exports TRUE/FALSE; a number column that went through a spreadsheet, 1.0).
YES = frozenset({"1", "1.0", "ya", "y", "yes", "true"})
NO = frozenset({"0", "0.0", "tidak", "n", "no", "false"})


def parse_flag(cell: str) -> int | None:
    """1 or 0 from a yes/no cell, None when it is empty; ValueError for anything else."""
    value = cell.strip().lower()
    if not value:
        return None
    if value in YES:
        return 1
    if value in NO:
        return 0
    raise BadValue.said(_TABLES, "not_flag", cell=cell.strip())


#: A number in scientific notation as a spreadsheet writes it, with a decimal point or
#: comma (``6.28123E+11``, ``6,28123E+11``): Excel shows a number of 12 digits or more so,
#: and saves it to CSV as shown, its last digits gone.
SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+$")
_NUMBER_CODE = re.compile(r"^(\d{2})[.,](\d{1,2})$")


def number_code(cell: str) -> str | None:
    """The kabupaten/kota code a cell holds when a spreadsheet read the code as a number,
    else None.

    Excel reads ``32.10`` as a decimal number: it saves ``32.1`` in a decimal-point
    locale and ``32,1`` (``32,09`` for 32.09) in a decimal-comma one such as Indonesian.
    A kabupaten/kota code has exactly two digits after its dot, so the number still says
    which code it was; callers use the answer only when that code exists."""
    match = _NUMBER_CODE.match(cell.strip())
    return f"{match[1]}.{match[2]:0<2}" if match else None


def template_example(template: str) -> dict[str, str]:
    """A template's example row, column by column: importers refuse it as it stands (it
    names a TPS or a leader that does not exist)."""
    header, example = itertools.islice(csv.reader(io.StringIO(template)), 2)
    return dict(zip(header, example, strict=True))


#: The refusals importers of a spreadsheet share (file and column names filled in).
TABLE_PHRASES: Phrases = {
    "missing_columns": {"id": "{name}: kolom tidak ada: {columns}",
                        "en": "{name}: missing column(s) {columns}"},
    "unknown_columns": {"id": "{name}: kolom tidak dikenal: {columns}; seharusnya {expected} "
                              "(lihat `{template}`)",
                        "en": "{name}: unknown column(s) {columns}; expected {expected} (see "
                              "`{template}`)"},
    "unknown_region": {"id": "kode wilayah tidak dikenal: {code!r}",
                       "en": "unknown region code {code!r}"},
    "not_one_of": {"id": "{column} {value!r} bukan salah satu dari {choices}",
                   "en": "{column} {value!r} is not one of {choices}"},
    "example_row": {"id": "baris contoh dari `{template}` (tidak nyata); hapus sebelum mengimpor",
                    "en": "the example row of `{template}` (not a real one); delete it before "
                          "importing"},
}
_TABLES: Phrases = {
    "no_name": {"id": "(tanpa nama)", "en": "(no name)"},
    "too_many": {"id": "{cells} sel untuk {columns} kolom (ada koma dalam sel tanpa tanda "
                       "kutip?)",
                 "en": "{cells} fields for {columns:|column|columns} (a comma in a cell that "
                       "is not quoted?)"},
    "twice": {"id": "{name}: kolom {column!r} muncul dua kali di baris judul (kolom {first} "
                    "dan {second}); tidak ada yang diimpor",
              "en": "{name}: column {column!r} appears twice in the header (columns {first} "
                    "and {second}); nothing imported"},
    "long_cell": {"id": "sel lebih dari {limit:,} karakter (tanda kutip (\") yang membuka sel "
                        "dan tidak pernah ditutup?)",
                  "en": "a cell longer than {limit:,} characters (a quote (\") that opens a "
                        "cell and never closes?)"},
    "not_csv": {"id": "bukan CSV yang valid ({why})", "en": "not valid CSV ({why})"},
    "bad_row": {"id": "{name}: baris {row}: {why}; tidak ada yang diimpor",
                "en": "{name}: row {row}: {why}; nothing imported"},
    "not_flag": {"id": "seharusnya 0/1, ya/tidak atau TRUE/FALSE, tertulis {cell!r}",
                 "en": "expected 0/1, ya/tidak or TRUE/FALSE, got {cell!r}"},
}
#: A header cell left empty, as an importer names it.
NO_NAME = Said(_TABLES, "no_name")
