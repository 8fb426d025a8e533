"""Files users hand Sejuk (rosters, leaders, jurisdictions, labels, imports) are read by
one function: every importer names the file and the fault the same way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.errors import InputError
from sejuk.fsutil import read_user_text, user_file_encoding
from sejuk.workspace import Workspace


def test_a_spreadsheets_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes("\ufeffdesa_code,tps_number\n".encode())
    assert read_user_text(path) == "desa_code,tps_number\n"


@pytest.mark.parametrize(("content", "text"), [
    # Excel's "Unicode Text": UTF-16 with a byte-order mark (tab-separated).
    ("nama\twilayah\r\nPak Dulé\t32.09\r\n".encode("utf-16"), "nama\twilayah\r\nPak Dulé"),
    # Excel's "CSV (Comma delimited)" on Windows: Windows-1252 (é, curly quotes, ellipsis).
    ("nama,wilayah\nPak Dulé “Kades”…,32.09\n".encode("cp1252"), "Pak Dulé “Kades”…"),
])
def test_the_encodings_spreadsheets_write_are_read(tmp_path: Path, content: bytes,
                                                   text: str) -> None:
    path = tmp_path / "tokoh.csv"
    path.write_bytes(content)
    assert text in read_user_text(path)


@pytest.mark.parametrize(("content", "message", "indonesian"), [
    (None, "no such file", "berkas tidak ada"),
    # Valid UTF-8 (é) beside a broken byte: read as Windows-1252 it would be garbled.
    ("nama,wilayah\nPak Dulé,32.09\n".encode() + b"Bu \xe9,32\n",
     r"not UTF-8 text \(line 3, byte 32,", r"bukan teks UTF-8 \(baris 3, byte 32,"),
    # A UTF-8 byte-order mark says UTF-8: the broken byte is an error, not Windows-1252.
    (b"\xef\xbb\xbfnama,wilayah\nPak Dul\xe9,32.09\n", r"not UTF-8 text \(line 2, byte 23,",
     r"bukan teks UTF-8 \(baris 2, byte 23,"),
    (b"nama,wilayah\nPak \x81,32.09\n", r"not UTF-8 or Windows-1252 text \(line 2, byte 17\)",
     r"bukan teks UTF-8 atau Windows-1252 \(baris 2, byte 17\)"),
    (b"PK\x03\x04\x14\x00\x06\x00", r"spreadsheet workbook \(XLSX/ODS\), not text; save it "
     "as CSV", r"buku kerja spreadsheet \(XLSX/ODS\), bukan teks; simpan sebagai CSV"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", r"Excel 97-2003 workbook \(XLS\)",
     r"buku kerja Excel 97-2003 \(XLS\)"),
    (b"nama,wilayah\n\x00\x01\x02", r"a binary file, not text \(byte 13 is NUL\)",
     r"berkas biner, bukan teks \(byte 13 adalah NUL\)"),
])
def test_a_missing_or_mis_encoded_file_is_one_error_naming_it(
        tmp_path: Path, content: bytes | None, message: str, indonesian: str) -> None:
    path = tmp_path / "tokoh.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        read_user_text(path)
    assert str(caught.value).startswith(str(path))
    said = caught.value.in_language("id")  # the same file, line and byte, in Indonesian
    assert said.startswith(str(path)) and re.search(indonesian, said), said


def test_a_large_file_is_checked_in_chunks_the_same_way(tmp_path: Path) -> None:
    """``sejuk import`` checks a file in 1 MB chunks: a broken byte far into it is found
    with the line it is on."""
    path = tmp_path / "posts.csv"
    path.write_bytes(b"teks,sumber\n" + b"Pak Dul\xc3\xa9,x\n" * 200_000
                     + b"Bu \xe9,x\n")
    with pytest.raises(InputError, match=r"line 200002, byte 2400015,"):
        user_file_encoding(path)
    path.write_bytes(b"teks,sumber\n" + "Pak Dulé “Kades”,x\n".encode("cp1252") * 200_000)
    assert user_file_encoding(path) == "cp1252"


def test_a_folder_given_as_a_file_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_user_text(tmp_path)


def test_a_file_that_cannot_be_written_is_one_error_naming_it(tmp_path: Path) -> None:
    from sejuk.fsutil import atomic_write

    target = tmp_path / "out"
    target.mkdir()
    with pytest.raises(InputError, match="cannot write") as caught:
        atomic_write(target, "isi")
    assert str(caught.value).startswith(str(target))
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary file left


def test_out_naming_a_folder_is_one_line_not_a_traceback(workspace: Workspace,
                                                         tmp_path: Path) -> None:
    folder = tmp_path / "laporan"
    folder.mkdir()
    for args in (["digest", "--home", str(workspace.home), "--out", str(folder)],
                 ["tps", "template", "--out", str(folder)]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith(f"error: {folder}: tidak bisa ditulis"), result.stderr
        assert list(folder.iterdir()) == []
