"""Reading labelled samples: ``text,label`` or ``text,<label1>,<label2>...`` CSV files.

All or nothing: every problem is collected with its row number and reported together, and
nothing is returned unless the whole file is valid. Row numbers count the header as row 1.

A label nobody judged is *unknown* (``UNKNOWN``, -1), never a silent 0: a file with only
a ``hoaks`` column says nothing about ``provokasi``, an empty 0/1 cell is "not judged",
and ``bukan_hoaks`` denies only ``hoaks``. Training and evaluation use, for each label,
only the rows where it is known (:mod:`classifiers.training`). In the ``text,label``
layout the file judges the labels its cells name (a hoax corpus labelled ``hoaks`` /
``bukan_hoaks`` judges ``hoaks`` only); a cell names the labels that apply (several
joined with ``;`` or ``,``), so the other judged labels are 0; ``netral`` and the other negative
names mean none applies; ``klarifikasi`` (a debunk) and ``valid`` / ``fakta`` (a claim
found true, as hoax corpora and fact-checkers write it) deny ``hoaks`` only. An empty
``label`` cell, like an empty 0/1 cell, judges nothing.

Refused per row (the whole file is refused, every bad row named): empty or over-long
text, a label that is not configured, no known label at all, the same text given twice
with different labels. Evaluation (``languages="keep"``) leaves rows without a text to
score out, listed, and scores a text labelled two ways as given: a public test file with
three empty rows is still a test file. Refused per file: no header, no text column (``text``,
``teks``, or the one column a research set names for it, ``Tweet``, ``content``, ``isi``
...: :data:`TEXT_COLUMN_NAMES`), both a ``label`` column and label columns, no label
column, more than ``MAX_ROWS`` samples.

Rows in another language -- another script (no Latin letters) or plainly English
(:func:`feeds.normalize.looks_english`) -- are *left out* of training, with their row
numbers in :attr:`LabelledSet.skipped`: real fact-check data holds a few percent of
English, and one such row is no reason to refuse a file. For evaluation they are kept
(``languages="keep"``): a test row is scored as the product would score it.

Every row records its *origin* (``starter:<corpus>``, ``file:<name>``, ``dashboard``,
``factcheck``): training weighs the workspace's own labels above the starter corpus and
the model card says which data judged each label.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from feeds.normalize import looks_english
from sejuk.errors import InputError, invalid_rows, row_problem
from sejuk.fsutil import read_user_text
from sejuk.phrases import Listing, Phrases, Said
from sejuk.tables import NO_NAME, YES, header_key, parse_flag, read_table

#: Names that mean "none of the configured labels" in a ``text,label`` file.
NEGATIVE_NAMES = frozenset({"netral", "neutral", "none", "normal", "aman", "0", "negatif",
                            "negative"})
#: Names of a text that refutes a claim: not a hoax, and silent on the other labels (a
#: debunk can carry a call to mobilise: "tidak benar ..., ayo kepung kantor KPU").
DEBUNK_NAMES = frozenset({"debunk", "klarifikasi", "bantahan"})
#: Names of a claim found true ("hoax" / "valid" in IDNHoaxCorpus, a fact-checker's
#: "FAKTA" verdict): not a hoax, and silent on the other labels, like a debunk.
TRUE_NAMES = frozenset({"valid", "fakta"})
#: Names that deny ``hoaks`` alone.
HOAKS_DENIALS = DEBUNK_NAMES | TRUE_NAMES
#: Prefixes that deny one label and leave the others unknown: ``bukan_hoaks``.
DENIAL_PREFIXES = ("bukan_", "non_", "not_")
#: A label nobody judged for a sample.
UNKNOWN = -1
#: English names of configured labels, read as them in a ``label`` cell and as the name
#: of a 0/1 column.
LABEL_ALIASES = {"hoax": "hoaks", "provocation": "provokasi"}
#: Header names read as another: the Indonesian ``teks`` is the ``text`` column.
_COLUMN_ALIASES = {"teks": "text"}
#: What research sets and exports name their text column (``Tweet`` in the hate-speech
#: sets, ``content`` in scraped posts, ``isi`` or ``pesan`` in Indonesian sheets): read as
#: ``text`` when the header has no ``text`` column and exactly one of these.
TEXT_COLUMN_NAMES = ("tweet", "content", "isi", "konten", "pesan", "message", "kalimat",
                     "sentence", "komentar", "comment")
MAX_TEXT_CHARS = 20_000
MAX_ROWS = 200_000
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_LETTERS = re.compile(r"[^\W\d_]")


#: The origin prefix of the corpus shipped with Sejuk (not the workspace's own labels).
STARTER = "starter:"


def is_local(origin: str) -> bool:
    """Whether a sample is the workspace's own judgement (not the starter corpus)."""
    return not origin.startswith(STARTER)


@dataclass(frozen=True)
class LabelledSet:
    """Texts and a label matrix of 1 (applies), 0 (does not) or ``UNKNOWN``, with each
    row's origin and the rows left out for their language."""

    texts: list[str]
    y: NDArray[np.int_]
    labels: tuple[str, ...]
    origins: list[str] = field(default_factory=list)
    #: (file name, row number, why) of rows left out of training for their language.
    skipped: list[tuple[str, int, str]] = field(default_factory=list)
    #: per label, the origins whose rows are ordinary text standing in for a district's
    #: own for that label (the starter's background corpora), which the district's labels
    #: replace (:func:`classifiers.training.background_replaced`). Per label: a text of
    #: the ordinary tweets is also a hate-speech negative of the set they come from
    background: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: per row, per label: the origin whose judgement the label holds, where a merged row
    #: holds judgements of several origins (an ordinary tweet of the starter corpus that a
    #: district labels ``provokasi`` keeps its ``hoaks`` = 0 from the starter, which is
    #: no local label); empty: each label's is the row's origin
    judged_by: list[tuple[str, ...]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.origins:
            self.origins.extend(["file"] * len(self.texts))

    def label_origins(self, label: str) -> list[str]:
        """Per row, the origin of its judgement of ``label`` (what training weighs, counts
        as the district's own and names in the model card)."""
        if not self.judged_by:
            return list(self.origins)
        j = self.labels.index(label)
        return [by[j] for by in self.judged_by]

    def local(self, label: str) -> NDArray[np.bool_]:
        """Per row, whether its judgement of ``label`` is the workspace's own."""
        return np.array([is_local(o) for o in self.label_origins(label)], dtype=bool)

    def known(self, label: str) -> int:
        """How many samples have ``label`` judged either way."""
        return int((self.y[:, self.labels.index(label)] != UNKNOWN).sum())


def read_labelled_csv(path: Path, labels: Sequence[str], *, languages: str = "skip"
                      ) -> LabelledSet:
    return parse_labelled_csv(read_user_text(path), labels, name=str(path),
                              origin=f"file:{path.name}", languages=languages)


def parse_labelled_csv(content: str, labels: Sequence[str], name: str = "<csv>", *,
                       origin: str | None = None, languages: str = "skip") -> LabelledSet:
    """Parse a labelled CSV; ``languages`` is "skip" (training: leave rows in another
    language out, listed in ``skipped``) or "keep" (evaluation: every row the product
    could score is kept, whatever its language; a row without a text to score -- empty,
    no words, over-long -- is listed in ``skipped`` instead of refusing the file, and the
    same text labelled two ways is scored twice, as the file says)."""
    labels = tuple(labels)
    table = read_table(content, name)
    header = _checked_header(table.header, labels, name)
    text_col = header.index("text")
    label_cols = {h: i for i, h in enumerate(header) if h in labels}
    single = "label" in header
    texts: list[str] = []
    rows: list[list[int]] = []
    row_numbers: list[int] = []
    errors: list[Said] = []
    skipped: list[tuple[str, int, str]] = []
    mentioned: set[str] = set()
    for line_no, row in table.rows:
        if len(row) > len(header):
            errors.append(row_problem(line_no, table.too_many(len(row))))
            continue
        if len(row) < len(header):
            errors.append(row_problem(line_no, Said(_DATASET, "too_few",
                                                    {"expected": len(header), "got": len(row)})))
            continue
        text = row[text_col].strip()
        problem = text_problem(text)
        if problem and languages == "keep":  # evaluation: score the rest of the file
            skipped.append((name, line_no, str(problem)))
            continue
        if problem:
            errors.append(row_problem(line_no, problem))
            continue
        language = language_problem(text)
        if language and languages == "skip":
            skipped.append((name, line_no, language))
            continue
        if line_no > MAX_ROWS + 1:
            raise InputError.said(_DATASET, "too_many_rows", name=name, limit=MAX_ROWS)
        if single:
            vector, problem = _named_labels(row[header.index("label")], labels)
        else:
            vector, problem = _label_columns(row, label_cols, labels)
        if problem:
            errors.append(row_problem(line_no, problem))
            continue
        if all(v == UNKNOWN for v in vector):
            errors.append(row_problem(line_no, Said(_DATASET, "no_label_given")))
            continue
        if single:
            mentioned |= _mentioned(row[header.index("label")], labels)
        rows.append(vector)
        texts.append(text)
        row_numbers.append(line_no)
    if single and mentioned:  # the file judges the labels it names, no others
        rows = [[v if lab in mentioned else UNKNOWN for v, lab in zip(r, labels, strict=True)]
                for r in rows]
    if languages != "keep":  # evaluation scores both rows: one of them is scored wrong
        errors.extend(_conflicts(texts, rows, row_numbers))
    errors.sort(key=_row_of)  # as the analyst scrolls: conflicts are found last
    if errors:
        raise invalid_rows(name, errors)
    if not texts:
        if skipped:
            raise InputError.said(_DATASET, "no_samples_left", name=name, left=len(skipped))
        raise InputError.said(_DATASET, "no_samples", name=name)
    return LabelledSet(texts=texts, y=np.array(rows, dtype=int), labels=labels,
                       origins=[origin or f"file:{name}"] * len(texts), skipped=skipped)


def _checked_header(names: list[str], labels: tuple[str, ...], name: str) -> list[str]:
    """The header as the reader compares it (:func:`_column_name`), refused when it has
    no text column, no label column or both layouts, or names a column another one is
    read as; an error names the columns the file has."""
    header = [_column_name(h, labels) for h in names]
    if not header:
        raise InputError.said(_DATASET, "empty", name=name)
    got = ", ".join(names)
    for i, column in enumerate(header):
        if column and column in header[:i]:
            raise InputError.said(_DATASET, "read_as_one", name=name,
                                  first=names[header.index(column)], second=names[i],
                                  column=column)
    if "text" not in header:
        header = _text_column_by_name(header, names, name, got)
    label_cols = [h for h in header if h in labels]
    if "label" in header and label_cols:
        raise InputError.said(_DATASET, "both", name=name, got=", ".join(header))
    if "label" not in header and not label_cols:
        raise InputError.said(_DATASET, "no_label", name=name, labels=", ".join(labels),
                              got=got)
    unknown_cols = [h or NO_NAME for h in header if h not in {"text", "label", *labels}]
    if "label" not in header and unknown_cols:
        raise InputError.said(_DATASET, "unknown_columns", name=name,
                              columns=Listing(unknown_cols, ", "), labels=", ".join(labels))
    return header


def _text_column_by_name(header: list[str], names: list[str], name: str,
                         got: str) -> list[str]:
    """The header with the one column a research file names for its text read as
    ``text``; refused when it has none, or several (which one is the text is a guess)."""
    found = [i for i, column in enumerate(header) if column in TEXT_COLUMN_NAMES]
    if not found:
        raise InputError.said(_DATASET, "no_text", name=name, got=got)
    if len(found) > 1:
        raise InputError.said(_DATASET, "which_text", name=name,
                              columns=Listing([names[i] for i in found], ", "))
    return [("text" if i == found[0] else column) for i, column in enumerate(header)]


def _column_name(header: str, labels: tuple[str, ...]) -> str:
    """A header name as the reader compares it: :func:`sejuk.tables.header_key`, ``teks``
    as ``text``, and the English name of a configured label (``Hoax``) as that label, as
    in a ``label`` cell."""
    key = header_key(header)
    key = _COLUMN_ALIASES.get(key, key)
    alias = LABEL_ALIASES.get(key)
    return alias if alias in labels and key not in labels else key


def text_problem(text: str) -> Said | None:
    """Why ``text`` cannot be a sample at all, or None."""
    if not text.strip():
        return Said(_DATASET, "empty_text")
    if len(text) > MAX_TEXT_CHARS:
        return Said(_DATASET, "long_text", {"limit": MAX_TEXT_CHARS})
    if not _LATIN.search(text) and not _LETTERS.search(text):
        return Said(_DATASET, "no_words")
    return None


def language_problem(text: str) -> str | None:
    """Why ``text`` is left out of training for its language, or None: the model reads
    Indonesian."""
    if not _LATIN.search(text):
        return "another script (not Latin letters)"
    if looks_english(text):
        return "English"
    return None


def trainable(text: str) -> bool:
    """Whether a text may train the model (a sample at all, and Indonesian)."""
    return text_problem(text) is None and language_problem(text) is None


def _cell_labels(cell: str, labels: tuple[str, ...]) -> str:
    """A ``label`` cell as label names: lower case, spaces and hyphens as ``_``
    ("Bukan Hoaks" is ``bukan_hoaks``), the English ``hoax`` as ``hoaks``; parts (given
    with ``;``, ``,`` or ``|`` between them) joined by ``;``."""
    parts = []
    for part in re.split(r"[;|,]", cell):
        name = header_key(part)  # the same reading as a column name
        prefix = next((p for p in DENIAL_PREFIXES if name.startswith(p)), "")
        rest = name[len(prefix):]
        alias = LABEL_ALIASES.get(rest)
        parts.append(prefix + (alias if alias in labels and rest not in labels else rest))
    return ";".join(parts)


def _named_labels(cell: str, labels: tuple[str, ...]) -> tuple[list[int], Said | None]:
    """The ``label`` cell: labels that apply (``a;b``), a negative name, or a denial."""
    value = _cell_labels(cell, labels)
    if not value:  # an empty cell judges nothing, as in a 0/1 column
        return [UNKNOWN] * len(labels), None
    if value in NEGATIVE_NAMES:
        return [0] * len(labels), None
    if value in HOAKS_DENIALS:  # denies hoaks; without that label it judges nothing
        if "hoaks" not in labels:
            return [UNKNOWN] * len(labels), None
        value = "bukan_hoaks"
    for prefix in DENIAL_PREFIXES:
        if value.startswith(prefix) and value[len(prefix):] in labels:
            denied = value[len(prefix):]
            return [0 if lab == denied else UNKNOWN for lab in labels], None
    named = [part for part in value.split(";") if part]
    if value in YES:
        return [], Said(_DATASET, "yes_no_label", {"cell": cell.strip(), "first": labels[0]})
    wrong = [part for part in named if part not in labels]
    if wrong or not named:
        return [], Said(_DATASET, "unknown_label", {"label": wrong[0] if wrong else cell.strip(),
                                                    "labels": ", ".join(labels)})
    return [int(lab in named) for lab in labels], None


def _mentioned(cell: str, labels: tuple[str, ...]) -> set[str]:
    """The labels a ``label`` cell names, as applying or denied (not "netral")."""
    value = _cell_labels(cell, labels)
    if value in HOAKS_DENIALS:
        return {"hoaks"} & set(labels)
    for prefix in DENIAL_PREFIXES:
        if value.startswith(prefix):
            return {value[len(prefix):]} & set(labels)
    return set(value.split(";")) & set(labels)


def _label_columns(row: list[str], label_cols: dict[str, int], labels: tuple[str, ...]
                   ) -> tuple[list[int], Said | None]:
    """Yes/no columns (:func:`sejuk.tables.parse_flag`: 0/1, ya/tidak, TRUE/FALSE); an
    absent column or an empty cell is a label nobody judged."""
    vector = []
    for label in labels:
        try:
            flag = parse_flag(row[label_cols[label]]) if label in label_cols else None
        except ValueError as exc:
            return [], Said(_DATASET, "column", {"column": label, "problem": exc})
        vector.append(UNKNOWN if flag is None else flag)
    return vector, None


def _row_of(error: object) -> int:
    """The row number of a :func:`~sejuk.errors.row_problem` (0 for anything else)."""
    values = getattr(error, "values", {})
    return int(values.get("row", 0)) if isinstance(values, Mapping) else 0


def text_key(text: str) -> str:
    """The key under which two texts are one sample: case and spacing ignored."""
    return " ".join(text.lower().split())


def _conflicts(texts: list[str], rows: list[list[int]], row_numbers: list[int]) -> list[Said]:
    """The same text judged two ways for a label: one of them is wrong, and we cannot
    tell which. (One row judging a label the other left unknown is no conflict.)"""
    seen: dict[str, tuple[int, list[int]]] = {}
    errors = []
    for text, row, number in zip(texts, rows, row_numbers, strict=True):
        key = text_key(text)
        if key in seen and any(a != b and UNKNOWN not in (a, b)
                               for a, b in zip(seen[key][1], row, strict=True)):
            errors.append(row_problem(number, Said(_DATASET, "conflict",
                                                   {"other": seen[key][0]})))
        seen.setdefault(key, (number, row))
    return errors


def merge_sets(parts: Sequence[LabelledSet]) -> LabelledSet:
    """One set from several with the same labels, one sample per text (ignoring case and
    spacing). Label by label, a later part's judgement replaces an earlier one; a label a
    later part left unknown keeps the earlier judgement and its origin
    (:meth:`LabelledSet.label_origins`); the row's origin is the last part's."""
    if not parts:
        raise InputError.said(_DATASET, "no_sets")
    labels = parts[0].labels
    merged: dict[str, tuple[str, list[int], str, tuple[str, ...]]] = {}
    for part in parts:
        if part.labels != labels:
            raise InputError.said(_DATASET, "disagree", first=labels, other=part.labels)
        by_label = [part.label_origins(label) for label in labels]
        for i, (text, row, origin) in enumerate(zip(part.texts, part.y.tolist(), part.origins,
                                                    strict=True)):
            key = text_key(text)
            judged_by = tuple(origins[i] for origins in by_label)
            if key in merged:
                _, earlier, _, earlier_by = merged[key]
                judged_by = tuple(e if v == UNKNOWN else o for e, v, o in
                                  zip(earlier_by, row, judged_by, strict=True))
                row = [e if v == UNKNOWN else v for e, v in zip(earlier, row, strict=True)]
            merged[key] = (text, row, origin, judged_by)
    values = list(merged.values())
    return LabelledSet(texts=[t for t, _, _, _ in values],
                       y=np.array([r for _, r, _, _ in values], dtype=int), labels=labels,
                       origins=[o for _, _, o, _ in values],
                       judged_by=[b for _, _, _, b in values],
                       skipped=[s for part in parts for s in part.skipped],
                       background={label: frozenset().union(*(
                           part.background.get(label, frozenset()) for part in parts))
                           for label in labels
                           if any(label in part.background for part in parts)})


_DATASET: Phrases = {
    "empty": {"id": "{name}: berkas kosong (seharusnya ada baris judul)",
              "en": "{name}: empty file (expected a header row)"},
    "no_text": {"id": "{name}: baris judul tidak punya kolom 'text' (atau 'teks') (tertulis: "
                      "{got}); beri nama 'text' pada kolom berisi teks",
                "en": "{name}: header has no 'text' (or 'teks') column (got {got}); name the "
                      "column holding the texts 'text'"},
    "which_text": {"id": "{name}: tidak ada kolom 'text', dan beberapa kolom bisa jadi teksnya "
                         "({columns}); beri nama 'text' pada kolom berisi teks",
                   "en": "{name}: no 'text' column, and several columns could hold the texts "
                         "({columns}); name the column holding the texts 'text'"},
    "read_as_one": {"id": "{name}: kolom {first!r} dan {second!r} sama-sama dibaca sebagai "
                          "{column!r}; simpan salah satunya",
                    "en": "{name}: columns {first!r} and {second!r} are both read as "
                          "{column!r}; keep one"},
    "both": {"id": "{name}: pakai kolom 'label' atau kolom 0/1 bernama label, jangan keduanya "
                   "(tertulis: {got})",
             "en": "{name}: give either a 'label' column or 0/1 columns named after the "
                   "labels, not both (got {got})"},
    "no_label": {"id": "{name}: seharusnya ada kolom 'label' atau kolom 0/1 bernama label "
                       "({labels}), tertulis {got}",
                 "en": "{name}: expected a 'label' column or 0/1 columns named after the "
                       "labels ({labels}), got {got}"},
    "unknown_columns": {"id": "{name}: kolom label tidak dikenal: {columns}; label yang diatur: "
                              "{labels}",
                        "en": "{name}: unknown label column(s) {columns}; configured labels "
                              "are {labels}"},
    "too_few": {"id": "seharusnya {expected} sel, ada {got}",
                "en": "expected {expected} fields, got {got}"},
    "too_many_rows": {"id": "{name}: lebih dari {limit:,} sampel; pecah berkasnya",
                      "en": "{name}: more than {limit:,} samples; split the file"},
    "no_label_given": {"id": "tidak ada label", "en": "no label given"},
    "no_samples": {"id": "{name}: tidak ada sampel", "en": "{name}: no samples"},
    "no_samples_left": {"id": "{name}: tidak ada sampel ({left} baris dilewati karena bahasanya)",
                        "en": "{name}: no samples ({left:|row|rows} left out for their language)"},
    "empty_text": {"id": "teks kosong", "en": "empty text"},
    "long_text": {"id": "teks lebih dari {limit:,} karakter",
                  "en": "text longer than {limit:,} characters"},
    "no_words": {"id": "teks tanpa kata", "en": "text has no words"},
    "yes_no_label": {"id": "label {cell!r} tidak menyebut label mana yang berlaku; untuk nilai "
                           "ya/tidak beri nama kolom sesuai labelnya (text,{first})",
                     "en": "label {cell!r} does not say which label applies; for yes/no values "
                           "name the column after the label (text,{first})"},
    "unknown_label": {"id": "label tidak dikenal: {label!r} (yang diatur: {labels}; negatif "
                            "seperti netral, bukan_hoaks)",
                      "en": "unknown label {label!r} (configured: {labels}; negatives such as "
                            "netral, bukan_hoaks)"},
    "column": {"id": "kolom {column!r}: {problem}", "en": "column {column!r}: {problem}"},
    "conflict": {"id": "teks sama dengan baris {other} tetapi labelnya berbeda",
                 "en": "same text as row {other} with different labels"},
    "no_sets": {"id": "tidak ada sampel berlabel", "en": "no labelled samples"},
    "disagree": {"id": "kumpulan sampel berlabel memakai label berbeda: {first} vs {other}",
                 "en": "labelled sets disagree on labels: {first} vs {other}"},
}
