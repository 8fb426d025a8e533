"""Sentences kept until their reader's language is known: a refusal built deep in a
library reads whole in the reader's language, its culprit the same in both."""

from __future__ import annotations

import pytest

from sejuk.errors import BadValue, InputError, invalid_rows, row_problem
from sejuk.phrases import Listing, Phrases, Said, say

TABLE: Phrases = {
    "cell": {"id": "sel {value!r} bukan angka", "en": "cell {value!r} is not a number"},
    "file": {"id": "{name}: rusak ({why})", "en": "{name}: broken ({why})"},
}


def test_a_said_value_is_rendered_in_the_phrase_language() -> None:
    inner = Said(TABLE, "cell", {"value": "x1"})
    assert say(TABLE, "file", "id", name="a.csv", why=inner) == (
        "a.csv: rusak (sel 'x1' bukan angka)")
    assert say(TABLE, "file", "en", name="a.csv", why=inner) == (
        "a.csv: broken (cell 'x1' is not a number)")
    assert str(inner) == "cell 'x1' is not a number"  # logs and library callers: English


def test_an_error_raised_with_said_nests_in_another() -> None:
    cell = BadValue.said(TABLE, "cell", value="7,5,1")
    assert isinstance(cell, ValueError) and str(cell) == "cell '7,5,1' is not a number"
    error = InputError.said(TABLE, "file", name="b.csv", why=cell)
    assert error.in_language("id") == "b.csv: rusak (sel '7,5,1' bukan angka)"
    assert str(error) == "b.csv: broken (cell '7,5,1' is not a number)"


def test_a_listing_joins_each_item_in_the_language() -> None:
    listing = Listing([Said(TABLE, "cell", {"value": "a"}), "plain"], sep=" | ")
    assert listing.in_language("id") == "sel 'a' bukan angka | plain"


def test_invalid_rows_names_file_count_and_rows_in_both_languages() -> None:
    problems = [row_problem(n, BadValue.said(TABLE, "cell", value=f"v{n}")) for n in range(2, 15)]
    error = invalid_rows("tps.csv", problems)
    assert error.in_language("id") == (
        "tps.csv: 13 baris tidak valid, tidak ada yang diimpor: baris 2: sel 'v2' bukan "
        "angka; " + "; ".join(f"baris {n}: sel 'v{n}' bukan angka" for n in range(3, 12))
        + " (dan 3 lagi)")
    assert str(error).startswith("tps.csv: 13 invalid rows, nothing imported: row 2: cell "
                                 "'v2' is not a number; row 3:")
    assert str(error).endswith("row 11: cell 'v11' is not a number (and 3 more)")
    one = invalid_rows("x.csv", [row_problem(3, "x")])
    assert str(one) == "x.csv: 1 invalid row, nothing imported: row 3: x"
    assert one.in_language("id") == "x.csv: 1 baris tidak valid, tidak ada yang diimpor: baris 3: x"


COUNTED: Phrases = {"checked": {"id": "{n} sumber diperiksa: {new:,} item baru",
                                "en": "{n:|source|sources} checked: {new:,|new item|new items}"}}


@pytest.mark.parametrize(("n", "new", "english"), [
    (1, 1, "1 source checked: 1 new item"),
    (0, 2, "0 sources checked: 2 new items"),
    (2, 12_345, "2 sources checked: 12,345 new items"),
])
def test_a_count_takes_the_english_noun_its_number_needs(n: int, new: int,
                                                         english: str) -> None:
    assert say(COUNTED, "checked", "en", n=n, new=new) == english
    assert say(COUNTED, "checked", "id", n=n, new=new) == f"{n} sumber diperiksa: {new:,} item baru"
