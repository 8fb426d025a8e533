"""What Excel does to a CSV it opens and saves again, for round-trip tests.

Excel cannot run here, so this is a model of the one behaviour that mangles Sejuk's files,
taken from Excel's documented "General" number format: a cell that reads as a number in
the locale (an optional sign, digits, one decimal separator, an exponent) becomes a
number. Saved again it is written as General shows it: a whole number of up to 11
digits in full (leading zeros gone: ``081234567890`` -> ``81234567890``), a longer one in
scientific notation with 6 significant digits (``6.28123E+11``), a decimal without its
trailing zeros (``32.10`` -> ``32.1``), with the locale's decimal separator. The file is
saved as "CSV UTF-8": a byte-order mark, the locale's list separator (``;`` where the
decimal separator is a comma, as in Indonesian), CRLF, cells quoted only when they must
be. Text that is not a number (``0812-3456-7890``, ``32.09.18``, ``TPS 001``) is kept.
"""

from __future__ import annotations

import csv
import io
import re


def _number(cell: str, decimal: str) -> float | None:
    pattern = rf"^[+-]?\d+(?:{re.escape(decimal)}\d+)?(?:[eE][+-]?\d+)?$"
    if not re.match(pattern, cell):
        return None
    return float(cell.replace(decimal, "."))


def general(value: float, decimal: str) -> str:
    """A number as Excel's General format shows it (11 characters at most)."""
    if value == int(value) and len(str(abs(int(value)))) <= 11:
        return str(int(value))
    if abs(value) >= 1e11:
        mantissa, exponent = f"{value:.5E}".split("E")
        text = f"{mantissa.rstrip('0').rstrip('.')}E{exponent}"
    else:
        text = f"{value:.10g}"
    return text.replace(".", decimal)


def excel_resave(text: str, *, decimal: str = ",") -> bytes:
    """``text`` (a CSV, any delimiter Sejuk writes) opened in Excel and saved again as
    "CSV UTF-8" in a locale whose decimal separator is ``decimal``."""
    source = text.lstrip("\ufeff")
    delimiter = ";" if source.split("\n", 1)[0].count(";") else ","
    rows = list(csv.reader(io.StringIO(source, newline=""), delimiter=delimiter))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if decimal == "," else ",", lineterminator="\r\n")
    for row in rows:
        cells = []
        for cell in row:
            number = _number(cell, decimal)
            cells.append(cell if number is None else general(number, decimal))
        writer.writerow(cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")

