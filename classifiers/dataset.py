"""Reading labelled samples: ``text,label`` or ``text,<label1>,<label2>...`` CSV files.

All or nothing: every problem is collected with its row number and reported together, and
nothing is returned unless the whole file is valid. Row numbers count the header as row 1.

Refused per row: empty or over-long text, text in another script (no Latin letters: the
model is for Indonesian), a label that is not configured, the same text given twice with
different labels. Refused per file: no header, a missing ``text`` column, no label
column, more than ``MAX_ROWS`` samples.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sejuk.errors import InputError, invalid_rows

#: Names that mean "none of the configured labels" in a ``text,label`` file.
NEGATIVE_NAMES = frozenset({"netral", "neutral", "bukan_hoaks", "non_hoaks", "none", "normal",
                            "aman", "0", "negatif", "negative", "debunk", "klarifikasi"})
MAX_TEXT_CHARS = 20_000
MAX_ROWS = 200_000
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class LabelledSet:
    texts: list[str]
    y: NDArray[np.int_]
    labels: tuple[str, ...]


def read_labelled_csv(path: Path, labels: Sequence[str]) -> LabelledSet:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return parse_labelled_csv(content, labels, name=str(path))


def parse_labelled_csv(content: str, labels: Sequence[str], name: str = "<csv>"
                       ) -> LabelledSet:
    labels = tuple(labels)
    reader = csv.reader(io.StringIO(content))
    header = next(reader, None)
    if not header:
        raise InputError(f"{name}: empty file (expected a header row)")
    header = [h.strip().lower() for h in header]
    if "text" not in header:
        raise InputError(f"{name}: header has no 'text' column (got {', '.join(header)})")
    text_col = header.index("text")
    label_cols = {h: i for i, h in enumerate(header) if h in labels}
    single = "label" in header and not label_cols
    if not single and not label_cols:
        raise InputError(
            f"{name}: expected a 'label' column or 0/1 columns named after the labels "
            f"({', '.join(labels)})"
        )
    unknown_cols = [h for h in header if h not in {"text", "label", *labels}]
    if not single and unknown_cols:
        raise InputError(f"{name}: unknown label column(s) {', '.join(unknown_cols)}; "
                         f"configured labels are {', '.join(labels)}")
    texts: list[str] = []
    rows: list[list[int]] = []
    row_numbers: list[int] = []
    errors: list[str] = []
    for line_no, row in enumerate(reader, start=2):
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            errors.append(f"row {line_no}: expected {len(header)} fields, got {len(row)}")
            continue
        text = row[text_col].strip()
        if not text:
            errors.append(f"row {line_no}: empty text")
            continue
        if len(text) > MAX_TEXT_CHARS:
            errors.append(f"row {line_no}: text longer than {MAX_TEXT_CHARS:,} characters")
            continue
        if not _LATIN.search(text):
            kind = "another script (not Latin letters)" if _LETTERS.search(text) else "no words"
            errors.append(f"row {line_no}: text has {kind}; the model reads Indonesian")
            continue
        if line_no > MAX_ROWS + 1:
            raise InputError(f"{name}: more than {MAX_ROWS:,} samples; split the file")
        if single:
            value = row[header.index("label")].strip().lower()
            if value in labels:
                rows.append([int(lab == value) for lab in labels])
            elif value in NEGATIVE_NAMES:
                rows.append([0] * len(labels))
            else:
                errors.append(f"row {line_no}: unknown label {value!r} (configured: "
                              f"{', '.join(labels)}; negatives such as netral, bukan_hoaks)")
                continue
        else:
            vector = []
            for label in labels:
                if label not in label_cols:
                    vector.append(0)
                    continue
                cell = row[label_cols[label]].strip()
                if cell not in {"0", "1"}:
                    errors.append(f"row {line_no}: column {label!r} must be 0 or 1, got {cell!r}")
                    break
                vector.append(int(cell))
            else:
                rows.append(vector)
                texts.append(text)
                row_numbers.append(line_no)
            continue
        texts.append(text)
        row_numbers.append(line_no)
    errors.extend(_conflicts(texts, rows, row_numbers))
    if errors:
        raise invalid_rows(name, errors)
    if not texts:
        raise InputError(f"{name}: no samples")
    return LabelledSet(texts=texts, y=np.array(rows, dtype=int), labels=labels)


def _conflicts(texts: list[str], rows: list[list[int]], row_numbers: list[int]) -> list[str]:
    """The same text labelled two ways: one of them is wrong, and we cannot tell which."""
    seen: dict[str, tuple[int, list[int]]] = {}
    errors = []
    for text, row, number in zip(texts, rows, row_numbers, strict=True):
        key = " ".join(text.lower().split())
        if key in seen and seen[key][1] != row:
            errors.append(f"row {number}: same text as row {seen[key][0]} with different "
                          "labels")
        seen.setdefault(key, (number, row))
    return errors


def merge_sets(parts: Sequence[LabelledSet]) -> LabelledSet:
    """One set from several with the same labels; a later part's label for the same text
    (ignoring case and spacing) replaces an earlier one."""
    if not parts:
        raise InputError("no labelled samples")
    labels = parts[0].labels
    merged: dict[str, tuple[str, list[int]]] = {}
    for part in parts:
        if part.labels != labels:
            raise InputError(f"labelled sets disagree on labels: {labels} vs {part.labels}")
        for text, row in zip(part.texts, part.y.tolist(), strict=True):
            merged[" ".join(text.lower().split())] = (text, row)
    texts = [t for t, _ in merged.values()]
    return LabelledSet(texts=texts, y=np.array([r for _, r in merged.values()], dtype=int),
                       labels=labels)
