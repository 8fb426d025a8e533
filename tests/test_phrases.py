"""Sentences kept until their reader's language is known: a refusal built deep in a
library reads whole in the reader's language, its culprit the same in both."""

from __future__ import annotations

import pytest

from sejuk.errors import BadValue, InputError, invalid_rows, row_problem
from sejuk.phrases import Listing, Phrases, Run, Said, recognise, runs, say

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
    indonesian = f"{new:,}".replace(",", ".")  # Indonesian groups thousands with a dot
    assert say(COUNTED, "checked", "id", n=n, new=new) == (
        f"{n} sumber diperiksa: {indonesian} item baru")


NUMBERS: Phrases = {
    "gate": {"id": "v{v}: macro-F1 {f1:.3f}, {n:,} sampel ({share:.1%}); `--min {f1:.3f}` "
                   "atau {nested}",
             "en": "v{v}: macro-F1 {f1:.3f}, {n:,|sample|samples} ({share:.1%}); "
                   "`--min {f1:.3f}` or {nested}"},
    "nested": {"id": "{n:,} baris", "en": "{n:,} rows"},
}


def test_indonesian_numbers_group_with_a_dot_and_mark_decimals_with_a_comma() -> None:
    nested = Said(NUMBERS, "nested", {"n": 2048})
    values = {"v": 12, "f1": 0.7994, "n": 131_072, "share": 0.125, "nested": nested}
    assert say(NUMBERS, "gate", "id", **values) == (
        "v12: macro-F1 0,799, 131.072 sampel (12,5%); `--min 0.799` atau 2.048 baris")
    # English, and a command quoted in either language, keep the numbers as typed
    assert say(NUMBERS, "gate", "en", **values) == (
        "v12: macro-F1 0.799, 131,072 samples (12.5%); `--min 0.799` or 2,048 rows")


def test_runs_part_quoted_commands_from_the_text_around_them() -> None:
    table: Phrases = {"p": {"id": "{name}: jalankan `sejuk init --home {home}` lalu {why}",
                            "en": "{name}: run `sejuk init --home {home}` then {why}"}}
    why = Said(TABLE, "cell", {"value": "`x`"})
    found = runs(table, "p", "en", name="a`b", home="/x y", why=why)
    assert found == [Run("a`b: run "), Run("sejuk init --home /x y", code=True),
                     Run(" then cell '`x`' is not a number")]
    assert say(table, "p", "id", name="n", home="h", why="w") == (
        "n: jalankan `sejuk init --home h` lalu w")
    # no values: the text as written, a lone backtick included
    lone: Phrases = {"q": {"id": "a `b` c ` d {x}"}}
    assert say(lone, "q") == "a `b` c ` d {x}"
    assert runs(lone, "q") == [Run("a "), Run("b", code=True), Run(" c ` d {x}")]


STORED: Phrases = {
    "redirected": {"id": "dialihkan ke {url}: {reason}", "en": "redirected to {url}: {reason}"},
    "scheme": {"id": "skema {scheme!r} tidak diizinkan", "en": "scheme {scheme!r} is not allowed"},
    "too_big": {"id": "respons {size:,} byte melebihi batas {cap:,} byte",
                "en": "response of {size:,} bytes exceeds the {cap:,}-byte cap"},
    "deadline": {"id": "batas waktu {seconds:g} detik terlampaui",
                 "en": "deadline of {seconds:g}s exceeded"},
    "skipped": {"id": "{n} item dilewati", "en": "{n:|item|items} skipped"},
    "http": {"id": "HTTP {status}: {hint}", "en": "HTTP {status}: {hint}"},
    "login": {"id": "feed ini memerlukan login", "en": "the feed needs a login"},
}


@pytest.mark.parametrize(("key", "values", "indonesian"), [
    ("redirected", {"url": "http://a.example/x: y", "reason": Said(STORED, "scheme",
                                                                   {"scheme": "ftp"})},
     "dialihkan ke http://a.example/x: y: skema 'ftp' tidak diizinkan"),
    ("too_big", {"size": 20_000_000, "cap": 5_242_880},
     "respons 20.000.000 byte melebihi batas 5.242.880 byte"),
    ("deadline", {"seconds": 12.5}, "batas waktu 12,5 detik terlampaui"),
    ("skipped", {"n": 1}, "1 item dilewati"),
    ("skipped", {"n": 1200}, "1200 item dilewati"),
    ("http", {"status": "401 Unauthorized", "hint": Said(STORED, "login")},
     "HTTP 401 Unauthorized: feed ini memerlukan login"),
])
def test_a_stored_english_line_reads_again_in_indonesian(key: str, values: dict[str, object],
                                                        indonesian: str) -> None:
    stored = say(STORED, key, "en", **values)
    found = recognise(STORED, stored)
    assert found is not None and found.key == key
    assert str(found) == stored and found.in_language("id") == indonesian


def test_a_line_no_sentence_makes_is_not_recognised() -> None:
    assert recognise(STORED, "ConnectError: [Errno 111] Connection refused") is None
    assert recognise(STORED, "redirected to") is None
