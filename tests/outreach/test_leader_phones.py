"""Leaders' phone numbers as Excel leaves them: one stored form, or one clear refusal.

The files under ``tests/data/excel/`` are written as Excel saves "CSV UTF-8" in an
Indonesian locale: a byte-order mark, semicolons, CRLF, and the number cells Excel made of
phone numbers (a lost leading zero, a lost plus, scientific notation with a decimal comma).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.db.models import Leader
from sejuk.errors import BadValue, InputError
from sejuk.outreach.leaders import add_leader, update_leader
from sejuk.phones import normalise_phone
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace
from tests.conftest import DATA
from tests.outreach.conftest import ANALYST, HOT_DESA

runner = CliRunner()
EXCEL = DATA / "excel"


@pytest.mark.parametrize(("cell", "stored"), [
    ("0812-3456-7890", "0812-3456-7890"),
    ("0812 3456 7890", "0812-3456-7890"),
    ("0812.3456.7890", "0812-3456-7890"),
    ("081234567890", "0812-3456-7890"),
    ("+62 812-3456-7890", "0812-3456-7890"),
    ("+6281234567890", "0812-3456-7890"),
    ("(+62) 812 3456 7890", "0812-3456-7890"),
    ("+62 (0)812 3456 7890", "0812-3456-7890"),
    ("6281234567890", "0812-3456-7890"),       # Excel's number format: the plus is gone
    ("81234567890", "0812-3456-7890"),         # Excel's number column: the zero is gone
    ("81234567890.0", "0812-3456-7890"),       # ... written with a decimal
    ("81.234.567.890", "0812-3456-7890"),      # ... with thousands separators (id-ID)
    ("0812 3456 789", "0812-3456-789"),
    ("0811-234-567", "0811-234-567"),
    ("0812-3456-78901", "0812-3456-78901"),
    ("(022) 123 4567", "(022) 123 4567"),      # a fixed line: as written
    ("62221234567", "+62 221234567"),          # ... whose plus Excel dropped
    ("+60 12-345 6789", "+60 12-345 6789"),    # a foreign number: as written
    ("  ", ""),
])
def test_phone_forms_become_one(cell: str, stored: str) -> None:
    assert normalise_phone(cell) == stored


@pytest.mark.parametrize(("cell", "english", "indonesian"), [
    ("6.28123E+11", "phone '6.28123E+11' is in scientific notation: Excel read it as a "
     "number and its last digits are lost", "phone '6.28123E+11' ditulis dalam notasi ilmiah"),
    ("8,12346E+11", "phone '8,12346E+11' is in scientific notation",
     "phone '8,12346E+11' ditulis dalam notasi ilmiah"),
    ("231321456", "phone '231321456' starts with neither 0 nor +62 (a leading zero lost in "
     "Excel?)", "phone '231321456' tidak diawali 0 atau +62"),
    ("0812-3456", "phone '0812-3456': 8 digits, an Indonesian mobile number has 10 to 13",
     "phone '0812-3456': 8 digit, nomor HP Indonesia punya 10 sampai 13 digit"),
    ("8123456", "phone '8123456': 8 digits", "phone '8123456': 8 digit"),
    ("0812-3456-7890-12", "phone '0812-3456-7890-12': 14 digits", "14 digit"),
    ("(022) 1234", "phone '(022) 1234': the number of digits does not fit", "jumlah digit"),
    ("0812-3456-7890 / 0813-1111-2222", "is not a phone number", "bukan nomor telepon"),
    ("call me", "phone 'call me' is not a phone number", "phone 'call me' bukan nomor telepon"),
])
def test_numbers_whose_digits_cannot_be_trusted_are_refused(cell: str, english: str,
                                                            indonesian: str) -> None:
    with pytest.raises(BadValue) as caught:
        normalise_phone(cell)
    assert english in str(caught.value)
    assert indonesian in caught.value.in_language("id")


def _import(workspace: Workspace, path: Path, *lang: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*lang, "leaders", "import", str(path), "--home",
                                 str(workspace.home)])
    return result.exit_code, result.stdout, result.stderr


def test_an_excel_file_imports_with_every_mobile_number_in_one_form(
        workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "tokoh.csv"
    shutil.copy(EXCEL / "tokoh.csv", path)
    code, out, err = _import(workspace, path)
    assert code == 0, err
    with workspace.session() as session:
        phones = dict(session.execute(select(Leader.name, Leader.phone)).all())
    assert phones == {
        "KH. Mahfud Uji": "0812-3456-7890", "Hj. Siti Nur'aini": "0812-3456-7891",
        "Rizal Pemuda": "0812-3456-7892", "Ki Sesepuh": "0812-3456-7893",
        "Ustaz Titik": "0812-3456-7894", "Pak Kuwu": "(0231) 321456", "Bu Bidan": ""}
    code, out, _ = _import(workspace, path)  # the same file again: updated, not doubled
    assert code == 0 and "0" in out
    with workspace.session() as session:
        assert len(session.scalars(select(Leader)).all()) == 7


def test_a_mangled_number_refuses_the_file_naming_file_row_column_and_value(
        workspace: Workspace, tmp_path: Path) -> None:
    """Leader import is all or nothing (a corrected file is imported again whole)."""
    path = tmp_path / "tokoh_rusak.csv"
    shutil.copy(EXCEL / "tokoh_rusak.csv", path)
    code, out, err = _import(workspace, path)
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith(
        f"error: {path}: 2 baris tidak valid, tidak ada yang diimpor: baris 3: phone "
        "'6,28123E+11' ditulis dalam notasi ilmiah: Excel membacanya sebagai angka dan digit "
        "terakhirnya hilang; format kolom sebagai Teks, ketik ulang nomornya (mis. "
        "0812-3456-7890), lalu simpan lagi; baris 5: phone '231321456' tidak diawali 0 atau "
        "+62"), err
    code, _, err = _import(workspace, path, "--lang", "en")
    assert code == 1 and err.startswith(
        f"error: {path}: 2 invalid rows, nothing imported: row 3: phone '6,28123E+11' is in "
        "scientific notation"), err
    assert "; row 5: phone '231321456' starts with neither 0 nor +62" in err
    with workspace.session() as session:
        assert session.scalar(select(Leader.id)) is None


def test_forms_store_the_same_form_and_an_old_number_does_not_block_an_edit(
        workspace: Workspace) -> None:
    values = {"name": "Ibu Uji", "kind": "tokoh_masyarakat", "region_code": HOT_DESA}
    with workspace.session() as session:
        new_id = add_leader(session, ANALYST, {**values, "phone": "81234567890"})
        with pytest.raises(InputError, match="scientific notation"):
            add_leader(session, ANALYST, {**values, "name": "Lain", "phone": "6.28123E+11"})
        # stored before numbers were checked as they are now
        now = utc_now()
        old = Leader(name="Pak Lama", kind="tokoh_adat", organisation="", region_code=HOT_DESA,
                     phone="8.12346E+11", affiliation="", notes="", created_at=now,
                     updated_at=now)
        session.add(old)
        session.flush()
        old_id = old.id
    with workspace.session() as session:
        assert session.get(Leader, new_id).phone == "0812-3456-7890"  # type: ignore[union-attr]
        assert update_leader(session, ANALYST, old_id, {"notes": "aktif"}) == ["notes"]
        # the dashboard's edit form sends the number it shows back as it is
        assert update_leader(session, ANALYST, old_id, {"notes": "aktif lagi",
                                                        "phone": "8.12346E+11"}) == ["notes"]
        with pytest.raises(InputError, match="scientific notation"):
            update_leader(session, ANALYST, old_id, {"phone": "6.28123E+11"})
        assert update_leader(session, ANALYST, old_id, {"phone": "+62 812 0000 0001"}) == [
            "phone"]
    with workspace.session() as session:
        assert session.get(Leader, old_id).phone == "0812-0000-0001"  # type: ignore[union-attr]
