"""Labelled CSV files: both layouts, and every bad row reported with its number."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from classifiers.dataset import UNKNOWN, parse_labelled_csv, read_labelled_csv
from sejuk.errors import InputError

LABELS = ("hoaks", "provokasi")
U = UNKNOWN


def test_single_label_layout_names_what_applies() -> None:
    data = parse_labelled_csv(
        "text,label\na,hoaks\nb,netral\nc,provokasi\nd,bukan_hoaks\ne,hoaks;provokasi\n"
        "f,non_provokasi\ng,klarifikasi\n", LABELS)
    # a named label applies and the others do not; a denial (a debunk denies hoaks) says
    # nothing of the others
    assert data.y.tolist() == [[1, 0], [0, 0], [0, 1], [0, U], [1, 1], [U, 0], [0, U]]


def test_a_label_file_judges_only_the_labels_it_names() -> None:
    hoax_corpus = parse_labelled_csv("text,label\na,hoaks\nb,bukan_hoaks\nc,netral\n", LABELS)
    assert hoax_corpus.y.tolist() == [[1, U], [0, U], [0, U]]
    hate_corpus = parse_labelled_csv("text,label\na,provokasi\nb,netral\n", LABELS)
    assert hate_corpus.y.tolist() == [[U, 1], [U, 0]]
    nothing_named = parse_labelled_csv("text,label\na,netral\n", LABELS)
    assert nothing_named.y.tolist() == [[0, 0]], "netral alone says no label applies"


def test_a_debunk_judges_nothing_without_a_hoaks_label() -> None:
    with pytest.raises(InputError, match="row 2: no label given"):
        parse_labelled_csv("text,label\nKlarifikasi soal TPS,klarifikasi\n", ("provokasi",))


def test_multi_column_layout() -> None:
    data = parse_labelled_csv("text,hoaks,provokasi\na,1,1\nb,0,0\nc,1,\n", LABELS)
    assert data.y.tolist() == [[1, 1], [0, 0], [1, U]]  # an empty cell is not a 0


def test_a_missing_label_column_is_unknown_not_negative() -> None:
    data = parse_labelled_csv("text,hoaks\na,1\nb,0\n", LABELS)
    assert data.y.tolist() == [[1, U], [0, U]]
    assert data.known("hoaks") == 2 and data.known("provokasi") == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty file"),
        ("body,label\nx,hoaks\n", "no 'text' (or 'teks') column"),
        ("text,kind\nx,hoaks\n", "expected a 'label' column"),
        # the columns it found, so the analyst sees which one to rename
        ("Text,HS,Abusive\nx,1,0\n", "(hoaks, provokasi), got Text, HS, Abusive"),
        ("judul,label\nx,hoaks\n", "(got judul, label); name the column holding the texts"),
        # a research file's names for its text are read only where one says which
        ("Tweet,Content,label\nx,y,hoaks\n",
         "no 'text' column, and several columns could hold the texts (Tweet, Content)"),
        ("text,teks,label\nx,y,hoaks\n", "columns 'text' and 'teks' are both read as 'text'"),
        ("text,hoaks,Hoax\nx,1,0\n", "columns 'hoaks' and 'Hoax' are both read as 'hoaks'"),
        # an empty label cell judges nothing, as an empty 0/1 cell does
        ("text,label\nx,hoaks\ny,\n", "row 3: no label given"),
        ("text,label\nx,gosip\n", "row 2: unknown label 'gosip'"),
        ("text,hoaks,provokasi\nx,1,2\n",
         "row 2: column 'provokasi': expected 0/1, ya/tidak or TRUE/FALSE, got '2'"),
        ("text,hoaks,provokasi\nx,,\n", "row 2: no label given"),
        ("text,label\nx,hoaks;gosip\n", "row 2: unknown label 'gosip'"),
        ("text,label\nx,bukan_gosip\n", "row 2: unknown label 'bukan_gosip'"),
        ("text,label,hoaks\nx,hoaks,1\n", "either a 'label' column or 0/1 columns"),
        ("text,hoaks,rumor\nx,1,0\n", "unknown label column(s) rumor"),
        ("text,label\n,hoaks\n", "row 2: empty text"),
        ("text,label\nx,hoaks,extra\n", "row 2: 3 fields for 2 columns (a comma in a cell"),
        ("text,label,catatan\nx,hoaks\n", "row 2: expected 3 fields, got 2"),
        ("text,label\n", "no samples"),
    ],
)
def test_bad_files_name_the_problem(content: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_labelled_csv(content, LABELS)


def test_bad_rows_are_listed_in_row_order() -> None:
    """A conflict is found after every row was read, yet listed at its row: with more
    than ten bad rows, an early conflict must not hide behind "(and N more)"."""
    content = ("text,label\nSurat suara dicoblos,hoaks\nsurat suara dicoblos,netral\n"
               + "".join(f"teks {i},gosip\n" for i in range(10)))
    with pytest.raises(InputError) as info:
        parse_labelled_csv(content, LABELS)
    message = str(info.value)
    assert "11 invalid rows, nothing imported: row 3: same text as row 2" in message
    assert message.endswith("(and 1 more)") and "row 13" not in message


def test_a_refused_file_names_the_same_rows_and_values_in_both_languages() -> None:
    content = "text,label\nok,hoaks\nx,gosip\n,netral\nok,netral\nz,ya\n"
    with pytest.raises(InputError) as info:
        parse_labelled_csv(content, LABELS, name="label.csv")
    assert info.value.in_language("id") == (
        "label.csv: 4 baris tidak valid, tidak ada yang diimpor: baris 3: label tidak dikenal: "
        "'gosip' (yang diatur: hoaks, provokasi; negatif seperti netral, bukan_hoaks); "
        "baris 4: teks kosong; baris 5: teks sama dengan baris 2 tetapi labelnya berbeda; "
        "baris 6: label 'ya' tidak menyebut label mana yang berlaku; untuk nilai ya/tidak "
        "beri nama kolom sesuai labelnya (text,hoaks)")
    assert str(info.value) == (
        "label.csv: 4 invalid rows, nothing imported: row 3: unknown label 'gosip' "
        "(configured: hoaks, provokasi; negatives such as netral, bukan_hoaks); row 4: empty "
        "text; row 5: same text as row 2 with different labels; row 6: label 'ya' does not say "
        "which label applies; for yes/no values name the column after the label (text,hoaks)")


@pytest.mark.parametrize(("content", "indonesian", "english"), [
    ("", "label.csv: berkas kosong", "label.csv: empty file"),
    ("judul,label\n", "label.csv: baris judul tidak punya kolom 'text' (atau 'teks') "
     "(tertulis: judul, label)", "label.csv: header has no 'text' (or 'teks') column "
     "(got judul, label)"),
    ("text,hoaks,gosip\n", "label.csv: kolom label tidak dikenal: gosip; label yang diatur: "
     "hoaks, provokasi", "label.csv: unknown label column(s) gosip; configured labels are "
     "hoaks, provokasi"),
    ("text,hoaks,Hoaks\n", "label.csv: kolom 'Hoaks' muncul dua kali di baris judul (kolom 2 "
     "dan 3)", "label.csv: column 'Hoaks' appears twice in the header (columns 2 and 3)"),
    ("text,hoaks\nSurat suara dicoblos,mungkin\n", "baris 2: kolom 'hoaks': seharusnya 0/1, "
     "ya/tidak atau TRUE/FALSE, tertulis 'mungkin'", "row 2: column 'hoaks': expected 0/1, "
     "ya/tidak or TRUE/FALSE, got 'mungkin'"),
    ("text,label\nSurat suara, dicoblos,hoaks\n", "baris 2: 3 sel untuk 2 kolom",
     "row 2: 3 fields for 2 columns"),
])
def test_a_refused_header_or_cell_is_named_in_both_languages(content: str, indonesian: str,
                                                              english: str) -> None:
    with pytest.raises(InputError) as info:
        parse_labelled_csv(content, LABELS, name="label.csv")
    assert indonesian in info.value.in_language("id")
    assert english in str(info.value)


def test_all_bad_rows_are_listed_and_nothing_returned() -> None:
    content = "text,label\nok,hoaks\nx,gosip\n,netral\ny,rumor\n"
    with pytest.raises(InputError) as info:
        parse_labelled_csv(content, LABELS)
    message = str(info.value)
    assert "3 invalid rows" in message
    assert "row 3" in message and "row 4" in message and "row 5" in message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("text,label\n!!! ??? 123,hoaks\n", "row 2: text has no words"),
        ("text,label\n" + "a" * 20_001 + ",hoaks\n", "row 2: text longer than"),
        ("text,label\nSurat suara dicoblos,hoaks\nsurat  suara DICOBLOS,netral\n",
         "row 3: same text as row 2 with different labels"),
        ("label\nhoaks\n", "no 'text' \\(or 'teks'\\) column"),
        ("text,label\nThe police said that the results were rigged by the commission,hoaks\n",
         "no samples \\(1 row left out for their language\\)"),
    ],
)
def test_more_bad_rows(content: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_labelled_csv(content, LABELS)


def test_rows_in_another_language_are_left_out_with_their_row_numbers() -> None:
    content = ("text,hoaks\n"
               "Surat suara sudah dicoblos di gudang KPU,1\n"
               "The police said that the results were rigged by the commission,1\n"
               "选举结果已经被操纵,1\n"
               "KPU menetapkan jadwal rekapitulasi suara,0\n")
    data = parse_labelled_csv(content, LABELS, name="mine.csv")
    assert len(data.texts) == 2
    assert data.skipped == [("mine.csv", 3, "English"),
                            ("mine.csv", 4, "another script (not Latin letters)")]
    kept = parse_labelled_csv(content, LABELS, name="mine.csv", languages="keep")
    assert len(kept.texts) == 4 and kept.skipped == [], "evaluation scores every row"


def test_a_bad_row_still_refuses_the_whole_file_beside_a_skipped_one() -> None:
    content = ("text,hoaks\nThe police said that the results were rigged by the commission,1\n"
               "Surat suara dicoblos,2\n")
    with pytest.raises(InputError, match="row 3: column 'hoaks': expected 0/1"):
        parse_labelled_csv(content, LABELS)


def test_indonesian_mixed_with_english_is_accepted() -> None:
    data = parse_labelled_csv("text,label\nMy paps after hearing that I was ticketed by the "
                              "police: biaya tilang di polres naik lagi,netral\n", LABELS)
    assert len(data.texts) == 1


def test_a_label_left_unknown_is_no_conflict() -> None:
    data = parse_labelled_csv("text,hoaks,provokasi\nSurat suara dicoblos,1,\n"
                              "surat suara dicoblos,,0\n", LABELS)
    assert data.y.tolist() == [[1, U], [U, 0]]


def test_merge_keeps_what_a_later_part_left_unknown() -> None:
    from classifiers.dataset import merge_sets

    first = parse_labelled_csv("text,hoaks,provokasi\nSurat suara dicoblos,1,0\n", LABELS)
    second = parse_labelled_csv("text,provokasi\nsurat suara dicoblos,1\n", LABELS)
    merged = merge_sets([first, second])
    assert merged.y.tolist() == [[1, 1]]  # provokasi re-judged, hoaks kept
    # ... each with the origin of its judgement
    assert merged.origins == ["file:<csv>"] and merged.judged_by == [("file:<csv>",) * 2]
    first = parse_labelled_csv("text,hoaks,provokasi\nSurat suara dicoblos,1,0\n", LABELS,
                               origin="starter:samples")
    merged = merge_sets([first, second])
    assert merged.label_origins("hoaks") == ["starter:samples"]
    assert merged.label_origins("provokasi") == ["file:<csv>"]


def test_merge_later_judgement_wins() -> None:
    from classifiers.dataset import merge_sets

    first = parse_labelled_csv("text,label\nSurat suara dicoblos,hoaks\nb c,netral\n", LABELS)
    second = parse_labelled_csv("text,label\nsurat suara  dicoblos,netral\n", LABELS)
    merged = merge_sets([first, second])
    assert len(merged.texts) == 2
    assert merged.y.tolist() == [[0, 0], [0, U]]  # the first file judged hoaks only


# -- files as spreadsheet programs write them ---------------------------------------------------
SHEET = [["text", "hoaks", "provokasi"],
         ["Surat suara sudah dicoblos di gudang KPU, sebarkan!", "1", "0"],
         ["Ayo kepung kantor KPU besok pagi; bawa massa", "0", "1"],
         ["KPU menggelar simulasi pemungutan suara di balai desa", "0", "0"],
         ["Warga bergotong royong mendirikan tenda TPS", "", "0"]]


def _sheet_file(tmp_path: Path, rows: list[list[str]], *, encoding: str = "utf-8",
                delimiter: str = ",", newline: str = "\r\n") -> Path:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    path = tmp_path / "label.csv"
    path.write_bytes(out.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize("dialect", [
    {"encoding": "utf-8-sig"},  # Excel's "CSV UTF-8"
    {"encoding": "utf-16", "delimiter": "\t"},  # Excel's "Unicode Text"
    {"delimiter": ";"},  # Excel in an Indonesian locale
    {"delimiter": ";", "encoding": "cp1252"},  # ... saved as plain "CSV" on Windows
    {"delimiter": "\t", "newline": "\n"},  # copied out of Google Sheets
    {"newline": "\r"},  # old Mac Excel
])
def test_files_as_spreadsheets_write_them_are_read(tmp_path: Path,
                                                   dialect: dict[str, str]) -> None:
    expected = parse_labelled_csv("\n".join(",".join(f'"{c}"' for c in r) for r in SHEET),
                                  LABELS)
    data = read_labelled_csv(_sheet_file(tmp_path, SHEET, **dialect), LABELS)
    assert data.texts == expected.texts
    assert data.y.tolist() == expected.y.tolist() == [[1, 0], [0, 1], [0, 0], [U, 0]]


def test_spreadsheet_leftovers_are_ignored(tmp_path: Path) -> None:
    """Header names in any case with spaces, the empty columns and rows a formatted
    sheet exports after the data, and a cell with line breaks (still one row)."""
    rows = [[" Text", "HOAKS ", "Provokasi", "", ""],
            ["Surat suara sudah\ndicoblos di gudang KPU", "1", "0", "", ""],
            ["Ayo kepung kantor KPU besok pagi", "0", "1", "", ""],
            ["", "", "", "", ""], ["", "", "", "", ""]]
    data = read_labelled_csv(_sheet_file(tmp_path, rows), LABELS)
    assert data.texts == ["Surat suara sudah\ndicoblos di gudang KPU",
                          "Ayo kepung kantor KPU besok pagi"]
    assert data.y.tolist() == [[1, 0], [0, 1]]
    rows[3] = ["Warga gotong royong", "0", "0", "", "catatan"]
    with pytest.raises(InputError, match="row 4: 5 fields for 3 columns"):
        read_labelled_csv(_sheet_file(tmp_path, rows), LABELS)


@pytest.mark.parametrize(("cells", "expected"), [
    (["1.0", "0.0"], [1, 0]),  # a number column through a spreadsheet
    (["TRUE", "FALSE"], [1, 0]),  # Google Sheets checkboxes
    (["ya", "tidak"], [1, 0]),
    (["Yes", "no"], [1, 0]),
])
def test_yes_no_cells_as_people_write_them(cells: list[str], expected: list[int]) -> None:
    data = parse_labelled_csv(f"text,hoaks,provokasi\nSurat suara dicoblos,{','.join(cells)}\n",
                              LABELS)
    assert data.y.tolist() == [expected]


@pytest.mark.parametrize(("cell", "expected"), [
    ("Hoaks", [1, U]), ("HOAX", [1, U]), ("Bukan Hoaks", [0, U]), ("bukan-hoax", [0, U]),
    ("not hoax", [0, U]), ("Provokasi; Hoaks", [1, 1]), ("hoaks, provokasi", [1, 1]),
    ("Netral", [0, 0]),
    # IDNHoaxCorpus writes hoax / valid; fact-checkers' true verdict is FAKTA
    ("valid", [0, U]), ("FAKTA", [0, U]),
    ("Ujaran Kebencian", None),
])
def test_label_names_as_people_write_them(cell: str, expected: list[int] | None) -> None:
    content = f'text,label\nSurat suara dicoblos,"{cell}"\n'
    if expected is None:
        with pytest.raises(InputError, match="row 2: unknown label 'ujaran_kebencian'"):
            parse_labelled_csv(content, LABELS)
        return
    assert parse_labelled_csv(content, LABELS).y.tolist() == [expected]


def test_a_yes_in_a_label_column_asks_for_a_column_named_after_the_label() -> None:
    with pytest.raises(InputError, match=r"row 2: label '1' does not say which label "
                                         r"applies; .* name the column after the label "
                                         r"\(text,hoaks\)"):
        parse_labelled_csv("text,label\nSurat suara dicoblos,1\nWarga rukun,0\n", LABELS)


def test_a_yes_no_column_may_carry_the_english_name_of_a_label() -> None:
    """``hoax`` in a label cell is ``hoaks``; so is a 0/1 column named ``Hoax``."""
    data = parse_labelled_csv("text,Hoax,Provocation\nSurat suara dicoblos,1,0\n"
                              "Warga rukun,0,\n", LABELS)
    assert data.y.tolist() == [[1, 0], [0, U]]
    hoax_only = parse_labelled_csv("text,hoax\nSurat suara dicoblos,1\n", ("hoaks",))
    assert hoax_only.y.tolist() == [[1]]


def test_a_column_named_twice_is_refused() -> None:
    with pytest.raises(InputError, match=r"column 'Hoaks' appears twice in the header "
                                         r"\(columns 2 and 3\)"):
        parse_labelled_csv("text,hoaks,Hoaks\nSurat suara dicoblos,1,0\n", LABELS)


def test_blank_rows_above_the_header_are_skipped_and_rows_keep_their_numbers() -> None:
    content = "\r\n;;\r\nteks;label\r\nSurat suara dicoblos;gosip\r\n"
    with pytest.raises(InputError, match="row 4: unknown label 'gosip'"):
        parse_labelled_csv(content, LABELS)


def test_the_indonesian_header_teks_is_the_text_column() -> None:
    data = parse_labelled_csv("TEKS;Label\nSurat suara dicoblos;hoaks\n", LABELS)
    assert data.texts == ["Surat suara dicoblos"]


@pytest.mark.parametrize("header", ["Tweet", "content", "Isi", "pesan", "Kalimat"])
def test_a_research_file_names_its_text_column_as_it_was_published(header: str) -> None:
    data = parse_labelled_csv(f"{header},HOAKS\nSurat suara dicoblos,1\n", ("hoaks",))
    assert data.texts == ["Surat suara dicoblos"] and data.y.tolist() == [[1]]
    data = parse_labelled_csv(f"id,{header},label\n7,Surat suara dicoblos,hoaks\n", LABELS)
    assert data.texts == ["Surat suara dicoblos"] and data.y.tolist() == [[1, U]]


def test_a_text_column_keeps_its_name_beside_another_that_could_hold_texts() -> None:
    data = parse_labelled_csv("text,tweet,label\nSurat suara dicoblos,x,hoaks\n", LABELS)
    assert data.texts == ["Surat suara dicoblos"]


def test_an_unclosed_quote_is_one_error_naming_its_row() -> None:
    content = ("text,label\nSurat suara dicoblos,hoaks\n\"Ayo kepung KPU,provokasi\n"
               + "Warga gotong royong membangun TPS,netral\n" * 10_000)
    with pytest.raises(InputError, match=r"<csv>: row 3: a cell longer than 131,072 "
                                         r"characters \(a quote"):
        parse_labelled_csv(content, LABELS)


@pytest.mark.parametrize(("content", "message"), [
    (b"PK\x03\x04\x14\x00", "spreadsheet workbook"),
    (None, "no such file"),
])
def test_a_workbook_or_missing_file_is_one_error(tmp_path: Path, content: bytes | None,
                                                 message: str) -> None:
    path = tmp_path / "label.xlsx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_labelled_csv(path, LABELS)
    with pytest.raises(InputError, match="cannot read"):
        read_labelled_csv(tmp_path, LABELS)
