"""Reading the demo's data files (TOML and CSV) with errors that name the culprit.

Why this exists: the demo's prose is data (``sejuk/demo/data``), edited by people who
may not read Python. A missing key, a wrong type or an empty sentence must fail with one
line naming the file and the record -- not with a ``KeyError`` deep in the generator.
Each accessor of :class:`Record` checks one value and raises :class:`DemoDataError`.
"""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Iterator, Mapping
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from sejuk.errors import SejukError

__all__ = ["DATA_DIR", "DemoDataError", "Record", "read_csv", "read_toml"]

#: The shipped data files (package data of ``sejuk.demo``).
DATA_DIR: Traversable = resources.files("sejuk.demo").joinpath("data")

Folder = Traversable | Path


class DemoDataError(SejukError):
    """A demo data file is malformed; the message names the file and the record."""


class Record:
    """One table (TOML) or row (CSV) of a data file, read through checking accessors.

    ``label`` says which record it is ("template 3 'Gudang Logistik ...'"), so every
    error reads ``file: record: problem``.
    """

    def __init__(self, file: str, label: str, raw: Mapping[str, object]) -> None:
        self.file = file
        self.label = label
        self.raw = raw

    def error(self, problem: str) -> DemoDataError:
        """The error for this record: ``file: record: problem``."""
        where = f"{self.file}: {self.label}" if self.label else self.file
        return DemoDataError(f"{where}: {problem}")

    def _get(self, key: str) -> object:
        if key not in self.raw:
            raise self.error(f"'{key}' is missing")
        return self.raw[key]

    def text(self, key: str, *, empty: bool = False) -> str:
        """A string; empty only where ``empty`` allows it (a social post has no title)."""
        value = self._get(key)
        if not isinstance(value, str):
            raise self.error(f"'{key}' must be text, not {type(value).__name__}")
        if not empty and not value.strip():
            raise self.error(f"'{key}' is empty")
        return value

    def optional_text(self, key: str) -> str | None:
        """A string, or ``None`` when the key is absent or empty (a CSV's blank cell)."""
        if key not in self.raw or self.raw[key] in ("", None):
            return None
        return self.text(key)

    def integer(self, key: str) -> int:
        value = self._get(key)
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)  # CSV cells are text
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(f"'{key}' must be a whole number, not {value!r}")
        return value

    def flag(self, key: str) -> bool:
        """A TOML boolean, or a CSV cell that is ``yes`` or blank."""
        value = self.raw.get(key, False)
        if isinstance(value, bool):
            return value
        if value in ("yes", ""):
            return value == "yes"
        raise self.error(f"'{key}' must be true/false (CSV: yes or blank), not {value!r}")

    def texts(self, key: str, *, empty_items: bool = False) -> tuple[str, ...]:
        """A non-empty list of strings (items may be "" only where ``empty_items``)."""
        value = self._get(key)
        if not isinstance(value, list) or not value:
            raise self.error(f"'{key}' must be a non-empty list of text")
        for i, item in enumerate(value, 1):
            if not isinstance(item, str) or (not empty_items and not item.strip()):
                raise self.error(f"'{key}' item {i} must be non-empty text, not {item!r}")
        return tuple(value)

    def lines(self, key: str) -> tuple[str, ...]:
        """A multi-line string read as one item a line (blank lines are skipped)."""
        out = tuple(line for line in self.text(key).splitlines() if line.strip())
        if any(line != line.strip() for line in out):
            raise self.error(f"'{key}' has a line with leading or trailing spaces")
        return out

    def table(self, key: str) -> Record:
        value = self._get(key)
        if not isinstance(value, dict):
            raise self.error(f"'{key}' must be a table")
        return Record(self.file, f"{self.label} {key}".strip(), value)

    def optional_table(self, key: str) -> Record | None:
        return self.table(key) if key in self.raw else None

    def records(self, key: str, *, name_by: str = "title", required: bool = True,
                ) -> Iterator[Record]:
        """The array of tables ``[[key]]``, each labelled by position and its name."""
        value = self.raw.get(key, [])
        if not isinstance(value, list) or (required and not value):
            raise self.error(f"'[[{key}]]' must be a non-empty array of tables")
        for i, raw in enumerate(value, 1):
            name = raw.get(name_by) if isinstance(raw, dict) else None
            label = f"{self.label} {key} {i}".strip() + (f" {_short(name)!r}" if name else "")
            if not isinstance(raw, dict):
                raise Record(self.file, label, {}).error("must be a table")
            yield Record(self.file, label, raw)


def _short(name: object, width: int = 60) -> str:
    """A record's name for a label: long prose is cut, the start is enough to find it."""
    text = " ".join(str(name).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def read_toml(name: str, folder: Folder = DATA_DIR) -> Record:
    """The whole TOML file ``name`` as one record; a syntax error names file and line."""
    try:
        raw = tomllib.loads(folder.joinpath(name).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DemoDataError(f"{name}: missing from {folder}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise DemoDataError(f"{name}: not valid TOML: {exc}") from exc
    return Record(name, "", raw)


def read_csv(name: str, folder: Folder = DATA_DIR, *, name_by: str = "key") -> list[Record]:
    """The rows of CSV file ``name``, each labelled by its line number and ``name_by``."""
    try:
        text = folder.joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DemoDataError(f"{name}: missing from {folder}") from exc
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    for row in reader:
        key = row.get(name_by)
        label = f"line {reader.line_num}" + (f" {_short(key)!r}" if key else "")
        if None in row or None in row.values():
            raise Record(name, label, row).error("has a different number of cells than the header")
        rows.append(Record(name, label, row))
    if not rows:
        raise DemoDataError(f"{name}: has no rows")
    return rows
