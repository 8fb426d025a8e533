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
