"""Files users hand Sejuk (rosters, leaders, jurisdictions, labels, imports) are read by
one function: every importer names the file and the fault the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.errors import InputError
from sejuk.fsutil import read_user_text
from sejuk.workspace import Workspace


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
        assert result.stderr.startswith(f"error: {folder}: cannot write"), result.stderr
        assert list(folder.iterdir()) == []
