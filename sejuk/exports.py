"""Tables to CSV and XLSX bytes: what the dashboard's export buttons hand out.

Pure functions (no database, no Streamlit); :func:`sejuk.actions.export_table` adds the
role check and the audit entry. Cells that a spreadsheet would read as a formula
(``=``, ``+``, ``-``, ``@`` at the start) are prefixed with an apostrophe: feed text is
hostile input and must not run in an analyst's spreadsheet (CSV/formula injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMATS = ("csv", "xlsx")
MIME = {"csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The UTF-8 byte-order mark: Excel on Windows reads a CSV without it in the local
#: code page and garbles diacritics and emoji. Every CSV for people carries it (the
#: dashboard's downloads always, the command line's with ``--excel``).
BOM = "\ufeff"


def inert(text: str) -> str:
    """Feed text is hostile: a cell a spreadsheet would run as a formula gets a quote.
    Every table Sejuk hands out (dashboard exports, ``sejuk items export``) goes through it."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, bool | int | float):
        return value
    return inert(value if isinstance(value, str) else str(value))


#: The most characters an Excel cell holds; a longer one makes Excel "repair" the file.
XLSX_CELL_CHARS = 32_767


def xlsx_cell(value: Any) -> Any:
    """A cell as a workbook may hold it: inert, without the control characters XML
    refuses, and cut to :data:`XLSX_CELL_CHARS` (marked with an ellipsis)."""
    value = _cell(value)
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= XLSX_CELL_CHARS else value[: XLSX_CELL_CHARS - 1] + "…"


def to_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> bytes:
    """UTF-8 CSV with a BOM (so spreadsheet programs read Indonesian text correctly)."""
    columns = list(columns or (rows[0].keys() if rows else []))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return (BOM + out.getvalue()).encode("utf-8")


def write_xlsx(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], out: IO[bytes],
               *, sheet: str = "Sejuk") -> int:
    """Stream ``rows`` into one sheet of a workbook written to ``out`` (openpyxl's
    write-only mode: constant memory, however many rows), header frozen in view; returns
    the number of rows."""
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    ws.freeze_panes = "A2"
    ws.append(list(columns))
    count = 0
    for row in rows:
        ws.append([xlsx_cell(row.get(c)) for c in columns])
        count += 1
    book.save(out)
    return count


def to_xlsx(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None, *,
            sheet: str = "Sejuk") -> bytes:
    out = io.BytesIO()
    write_xlsx(rows, list(columns or (rows[0].keys() if rows else [])), out, sheet=sheet)
    return out.getvalue()


def render(rows: Sequence[Mapping[str, Any]], fmt: str, columns: Sequence[str] | None = None
           ) -> bytes:
    if fmt == "csv":
        return to_csv(rows, columns)
    if fmt == "xlsx":
        return to_xlsx(rows, columns)
    raise ValueError(f"unknown export format {fmt!r}")
