"""Files users hand Sejuk (rosters, leaders, jurisdictions, labels, imports) are read by
one function: every importer names the file and the fault the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from sejuk.errors import InputError
from sejuk.fsutil import read_user_text


def test_a_spreadsheets_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes("\ufeffdesa_code,tps_number\n".encode())
    assert read_user_text(path) == "desa_code,tps_number\n"


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    (b"nama,wilayah\nPak Dul\xe9,32.09\n", r"not UTF-8 text \(byte 20\)"),
])
def test_a_missing_or_mis_encoded_file_is_one_error_naming_it(
        tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "tokoh.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        read_user_text(path)
    assert str(caught.value).startswith(str(path))


def test_a_folder_given_as_a_file_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_user_text(tmp_path)
