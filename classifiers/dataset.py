"""Reading labelled samples: ``text,label`` or ``text,<label1>,<label2>...`` CSV files.

All or nothing: every problem is collected with its row number and reported together, and
nothing is returned unless the whole file is valid.
"""

from __future__ import annotations

import csv
import io
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
            continue
        texts.append(text)
    if errors:
        raise invalid_rows(name, errors)
    if not texts:
        raise InputError(f"{name}: no samples")
    return LabelledSet(texts=texts, y=np.array(rows, dtype=int), labels=labels)
