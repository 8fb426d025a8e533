"""Reading labelled samples: ``text,label`` or ``text,<label1>,<label2>...`` CSV files.

All or nothing: every problem is collected with its row number and reported together, and
nothing is returned unless the whole file is valid. Row numbers count the header as row 1.

A label nobody judged is *unknown* (``UNKNOWN``, -1), never a silent 0: a file with only
a ``hoaks`` column says nothing about ``provokasi``, an empty 0/1 cell is "not judged",
and ``bukan_hoaks`` denies only ``hoaks``. Training and evaluation use, for each label,
only the rows where it is known (:mod:`classifiers.model`). In the ``text,label`` layout
the cell names the labels that apply (several joined with ``;``), so the others are 0;
``netral`` and the other negative names mean none applies; ``klarifikasi`` (a debunk)
denies ``hoaks`` only.

Refused per row: empty or over-long text, text in another script (no Latin letters: the
model is for Indonesian) or plainly English (:func:`feeds.normalize.looks_english`), a
label that is not configured, no known label at all, the same text given twice with
different labels. Refused per file: no header, a missing ``text`` column, both a
``label`` column and label columns, no label column, more than ``MAX_ROWS`` samples.
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

from feeds.normalize import looks_english
from sejuk.errors import InputError, invalid_rows

#: Names that mean "none of the configured labels" in a ``text,label`` file.
NEGATIVE_NAMES = frozenset({"netral", "neutral", "none", "normal", "aman", "0", "negatif",
                            "negative"})
#: Names of a text that refutes a claim: not a hoax, and silent on the other labels (a
#: debunk can carry a call to mobilise: "tidak benar ..., ayo kepung kantor KPU").
DEBUNK_NAMES = frozenset({"debunk", "klarifikasi", "bantahan"})
#: Prefixes that deny one label and leave the others unknown: ``bukan_hoaks``.
DENIAL_PREFIXES = ("bukan_", "non_", "not_")
#: A label nobody judged for a sample.
UNKNOWN = -1
MAX_TEXT_CHARS = 20_000
MAX_ROWS = 200_000
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class LabelledSet:
    """Texts and a label matrix of 1 (applies), 0 (does not) or ``UNKNOWN``."""

    texts: list[str]
    y: NDArray[np.int_]
    labels: tuple[str, ...]

    def known(self, label: str) -> int:
        """How many samples have ``label`` judged either way."""
        return int((self.y[:, self.labels.index(label)] != UNKNOWN).sum())


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
    if "label" in header and label_cols:
        raise InputError(f"{name}: give either a 'label' column or 0/1 columns named after "
                         f"the labels, not both (got {', '.join(header)})")
    single = "label" in header
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
        problem = text_problem(text)
        if problem:
            errors.append(f"row {line_no}: {problem}")
            continue
        if line_no > MAX_ROWS + 1:
            raise InputError(f"{name}: more than {MAX_ROWS:,} samples; split the file")
        if single:
            vector, problem = _named_labels(row[header.index("label")], labels)
        else:
            vector, problem = _label_columns(row, label_cols, labels)
        if problem:
            errors.append(f"row {line_no}: {problem}")
            continue
        if all(v == UNKNOWN for v in vector):
            errors.append(f"row {line_no}: no label given")
            continue
        rows.append(vector)
        texts.append(text)
        row_numbers.append(line_no)
    errors.extend(_conflicts(texts, rows, row_numbers))
    if errors:
        raise invalid_rows(name, errors)
    if not texts:
        raise InputError(f"{name}: no samples")
    return LabelledSet(texts=texts, y=np.array(rows, dtype=int), labels=labels)


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be a training sample, or None: the model reads Indonesian."""
    if not text.strip():
        return "empty text"
    if len(text) > MAX_TEXT_CHARS:
        return f"text longer than {MAX_TEXT_CHARS:,} characters"
    if not _LATIN.search(text):
        kind = "another script (not Latin letters)" if _LETTERS.search(text) else "no words"
        return f"text has {kind}; the model reads Indonesian"
    if looks_english(text):
        return "text is English; the model reads Indonesian (translate the row or leave it out)"
    return None


def _named_labels(cell: str, labels: tuple[str, ...]) -> tuple[list[int], str | None]:
    """The ``label`` cell: labels that apply (``a;b``), a negative name, or a denial."""
    value = cell.strip().lower()
    if value in NEGATIVE_NAMES:
        return [0] * len(labels), None
    if value in DEBUNK_NAMES:  # denies hoaks; without that label it judges nothing
        if "hoaks" not in labels:
            return [UNKNOWN] * len(labels), None
        value = "bukan_hoaks"
    for prefix in DENIAL_PREFIXES:
        if value.startswith(prefix) and value[len(prefix):] in labels:
            denied = value[len(prefix):]
            return [0 if lab == denied else UNKNOWN for lab in labels], None
    named = [part.strip() for part in value.replace("|", ";").split(";") if part.strip()]
    wrong = [part for part in named if part not in labels]
    if wrong or not named:
        return [], (f"unknown label {(wrong[0] if wrong else value)!r} (configured: "
                    f"{', '.join(labels)}; negatives such as netral, bukan_hoaks)")
    return [int(lab in named) for lab in labels], None


def _label_columns(row: list[str], label_cols: dict[str, int], labels: tuple[str, ...]
                   ) -> tuple[list[int], str | None]:
    """0/1 columns; an absent column or an empty cell is a label nobody judged."""
    vector = []
    for label in labels:
        cell = row[label_cols[label]].strip() if label in label_cols else ""
        if cell == "":
            vector.append(UNKNOWN)
        elif cell in {"0", "1"}:
            vector.append(int(cell))
        else:
            return [], f"column {label!r} must be 0, 1 or empty, got {cell!r}"
    return vector, None


def _text_key(text: str) -> str:
    return " ".join(text.lower().split())


def _conflicts(texts: list[str], rows: list[list[int]], row_numbers: list[int]) -> list[str]:
    """The same text judged two ways for a label: one of them is wrong, and we cannot
    tell which. (One row judging a label the other left unknown is no conflict.)"""
    seen: dict[str, tuple[int, list[int]]] = {}
    errors = []
    for text, row, number in zip(texts, rows, row_numbers, strict=True):
        key = _text_key(text)
        if key in seen and any(a != b and UNKNOWN not in (a, b)
                               for a, b in zip(seen[key][1], row, strict=True)):
            errors.append(f"row {number}: same text as row {seen[key][0]} with different "
                          "labels")
        seen.setdefault(key, (number, row))
    return errors


def merge_sets(parts: Sequence[LabelledSet]) -> LabelledSet:
    """One set from several with the same labels, one sample per text (ignoring case and
    spacing). Label by label, a later part's judgement replaces an earlier one; a label a
    later part left unknown keeps the earlier judgement."""
    if not parts:
        raise InputError("no labelled samples")
    labels = parts[0].labels
    merged: dict[str, tuple[str, list[int]]] = {}
    for part in parts:
        if part.labels != labels:
            raise InputError(f"labelled sets disagree on labels: {labels} vs {part.labels}")
        for text, row in zip(part.texts, part.y.tolist(), strict=True):
            key = _text_key(text)
            if key in merged:
                earlier = merged[key][1]
                row = [e if v == UNKNOWN else v for e, v in zip(earlier, row, strict=True)]
            merged[key] = (text, row)
    texts = [t for t, _ in merged.values()]
    return LabelledSet(texts=texts, y=np.array([r for _, r in merged.values()], dtype=int),
                       labels=labels)
