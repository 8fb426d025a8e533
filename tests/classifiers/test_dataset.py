"""Labelled CSV files: both layouts, and every bad row reported with its number."""

from __future__ import annotations

import pytest

from classifiers.dataset import parse_labelled_csv
from sejuk.errors import InputError

LABELS = ("hoaks", "provokasi")


def test_single_label_layout_with_negative_names() -> None:
    data = parse_labelled_csv("text,label\na,hoaks\nb,netral\nc,provokasi\nd,bukan_hoaks\n",
                              LABELS)
    assert data.y.tolist() == [[1, 0], [0, 0], [0, 1], [0, 0]]


def test_multi_column_layout() -> None:
    data = parse_labelled_csv("text,hoaks,provokasi\na,1,1\nb,0,0\n", LABELS)
    assert data.y.tolist() == [[1, 1], [0, 0]]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty file"),
        ("body,label\nx,hoaks\n", "no 'text' column"),
        ("text,kind\nx,hoaks\n", "expected a 'label' column"),
        ("text,label\nx,gosip\n", "row 2: unknown label 'gosip'"),
        ("text,hoaks,provokasi\nx,1,2\n", "row 2: column 'provokasi' must be 0 or 1"),
        ("text,hoaks,rumor\nx,1,0\n", "unknown label column(s) rumor"),
        ("text,label\n,hoaks\n", "row 2: empty text"),
        ("text,label\nx,hoaks,extra\n", "row 2: expected 2 fields"),
        ("text,label\n", "no samples"),
    ],
)
def test_bad_files_name_the_problem(content: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_labelled_csv(content, LABELS)


def test_all_bad_rows_are_listed_and_nothing_returned() -> None:
    content = "text,label\nok,hoaks\nx,gosip\n,netral\ny,rumor\n"
    with pytest.raises(InputError) as info:
        parse_labelled_csv(content, LABELS)
    message = str(info.value)
    assert "3 invalid row(s)" in message
    assert "row 3" in message and "row 4" in message and "row 5" in message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("text,label\n选举结果已经被操纵,hoaks\n", "row 2: text has another script"),
        ("text,label\n!!! ??? 123,hoaks\n", "row 2: text has no words"),
        ("text,label\n" + "a" * 20_001 + ",hoaks\n", "row 2: text longer than"),
        ("text,label\nSurat suara dicoblos,hoaks\nsurat  suara DICOBLOS,netral\n",
         "row 3: same text as row 2 with different labels"),
        ("label\nhoaks\n", "no 'text' column"),
    ],
)
def test_more_bad_rows(content: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_labelled_csv(content, LABELS)


def test_merge_later_judgement_wins() -> None:
    from classifiers.dataset import merge_sets

    first = parse_labelled_csv("text,label\nSurat suara dicoblos,hoaks\nb c,netral\n", LABELS)
    second = parse_labelled_csv("text,label\nsurat suara  dicoblos,netral\n", LABELS)
    merged = merge_sets([first, second])
    assert len(merged.texts) == 2
    assert merged.y.tolist() == [[0, 0], [0, 0]]
