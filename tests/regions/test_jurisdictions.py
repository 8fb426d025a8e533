"""Police jurisdictions: covers, defaults, override files and their refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from sejuk.access.auth import Principal
from sejuk.cli import app
from sejuk.db.models import AuditEntry
from sejuk.errors import InputError, NotFound
from sejuk.regions.gazetteer import children_index
from sejuk.regions.jurisdiction_files import import_jurisdictions
from sejuk.regions.jurisdictions import (
    jurisdiction_areas,
    minimal_cover,
    stored_jurisdiction,
    subtract,
)
from sejuk.workspace import Workspace
from tests.conftest import DATA
from tests.places import split_regency_file

ADMIN = Principal("analis", "admin")

runner = CliRunner()


def test_minimal_cover_and_subtract() -> None:
    kec = children_index()["32.09"]
    assert minimal_cover(kec) == ["32.09"]
    desa = children_index()["32.09.15"]
    rest = subtract(["32.09"], desa[:2])
    assert "32.09" not in rest and "32.09.15" not in rest
    assert set(desa[2:]) <= set(rest)
    assert minimal_cover([*rest, *desa[:2]]) == ["32.09"]


def test_defaults_and_ambiguous_polsek(workspace: Workspace) -> None:
    with workspace.session() as s:
        assert jurisdiction_areas(s, "Polda Jawa Barat") == ["32"]
        assert jurisdiction_areas(s, "Polresta Cirebon") == ["32.09"]
        assert jurisdiction_areas(s, "Polsek Sumber, Cirebon") == ["32.09.15"]
        with pytest.raises(NotFound, match="ambiguous"):
            jurisdiction_areas(s, "Polsek Sumber")
        with pytest.raises(NotFound, match="unknown jurisdiction"):
            jurisdiction_areas(s, "Polres Atlantis")



def test_a_jurisdiction_refusal_reads_in_both_languages(workspace: Workspace) -> None:
    with workspace.session() as s:
        with pytest.raises(NotFound) as unknown:
            jurisdiction_areas(s, "Polres Atlantis")
        with pytest.raises(NotFound) as ambiguous:
            jurisdiction_areas(s, "Polsek Sumber")
    assert unknown.value.in_language("id").startswith(
        "wilayah hukum tidak dikenal 'Polres Atlantis'; pakai nama yang tersimpan "
        "(`sejuk jurisdictions list`)")
    assert ambiguous.value.in_language("id").startswith("'Polsek Sumber' ambigu (")
    assert "tambahkan kabupatennya" in ambiguous.value.in_language("id")
    assert str(ambiguous.value).startswith("'Polsek Sumber' is ambiguous (")


def test_override_file_splits_a_regency(workspace: Workspace, tmp_path: Path) -> None:
    path = split_regency_file(tmp_path)
    with workspace.session() as s:
        assert import_jurisdictions(s, ADMIN, path) == ["Polresta Cirebon",
                                                        "Polres Cirebon Kota"]
    desa = children_index()["32.09.15"][:3]
    with workspace.session() as s:
        city = jurisdiction_areas(s, "polres cirebon kota")
        assert set(city) == {"32.74", *desa}
        regency = jurisdiction_areas(s, "Polresta Cirebon")
        assert not set(regency) & set(city)
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "jurisdictions.import"))


@pytest.mark.parametrize(("content", "message"), [
    ('[[jurisdiction]]\nname = "X"\nkind = "polres"\nareas = ["99.99"]\n', "unknown region"),
    ('[[jurisdiction]]\nname = "X"\nkind = "koramil"\nareas = ["32.09"]\n',
     "kind 'koramil' is not one of polda, polres, polsek"),
    ('[[jurisdiction]]\nname = "X"\nkind = "polres"\nareas = ["32.09"]\n'
     '[jurisdiction.personnel]\nrawan = "dua"\n', "personnel"),
    ('[[jurisdiction]]\nname = "A"\nkind = "polres"\nareas = ["32.09"]\n'
     '[[jurisdiction]]\nname = "B"\nkind = "polres"\nareas = ["32.09.15"]\n', "overlapping"),
    ("not toml [", "not valid TOML"),
    ("jurisdiction = " + "[" * 100_000 + "]" * 100_000 + "\n",
     r"not valid TOML \(nested too deeply\)"),
])
def test_bad_jurisdiction_files_import_nothing(workspace: Workspace, tmp_path: Path,
                                               content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message), workspace.session() as s:
        import_jurisdictions(s, ADMIN, path)
    result = runner.invoke(app, ["jurisdictions", "list", "--home", str(workspace.home),
                                 "--json"])
    assert json.loads(result.stdout) == []


def test_a_bad_personnel_rule_is_named_in_both_languages(workspace: Workspace,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "j.toml"
    path.write_text('[[jurisdiction]]\nname = "X"\nkind = "polres"\nareas = ["32.09"]\n'
                    '[jurisdiction.personnel]\nrawan = "dua"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught, workspace.session() as s:
        import_jurisdictions(s, ADMIN, path)
    assert str(caught.value) == (f"{path}: 1 error, nothing imported: jurisdiction 1 (X): "
                                 "personnel: expected police:TPS or police:TPS:Linmas, got 'dua'")
    assert caught.value.in_language("id") == (
        f"{path}: 1 kesalahan, tidak ada yang diimpor: yurisdiksi 1 (X): personnel: seharusnya "
        "personel:TPS atau personel:TPS:linmas, tertulis 'dua'")


def test_csv_jurisdictions_with_row_numbers(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "j.csv"
    path.write_text("name,kind,region_code,exclude\nPolres A,polres,32.09,0\n"
                    "Polres A,polres,32.09.15,1\nPolres B,polres,77.77,0\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"row 4: unknown region code '77\.77'") as caught, \
            workspace.session() as s:
        import_jurisdictions(s, ADMIN, path)
    assert caught.value.in_language("id") == (
        f"{path}: 1 baris tidak valid, tidak ada yang diimpor: baris 4: kode wilayah tidak "
        "dikenal: '77.77'")


def test_csv_jurisdictions_as_excel_saves_them(workspace: Workspace, tmp_path: Path) -> None:
    """Semicolons, CRLF, a header in its own case, ya/tidak, trailing empty columns/rows."""
    path = tmp_path / "j.csv"
    path.write_bytes(b"Name;Kind;Region_Code;Exclude;;\r\nPolres A;polres;32.09;tidak;;\r\n"
                     b"Polres A;polres;32.09.15;ya;;\r\n;;;;;\r\n")
    with workspace.session() as s:
        import_jurisdictions(s, ADMIN, path)
        stored = stored_jurisdiction(s, "Polres A")
        assert stored is not None
        codes = {a.region_code for a in stored.areas}
    assert codes and "32.09.15" not in codes and all(c.startswith("32.09.") for c in codes)
    path.write_bytes(b"name;kind;region_code;exclude\r\nPolres A;polres;32.09;mungkin\r\n")
    with pytest.raises(InputError, match="row 2: exclude: expected 0/1, ya/tidak"), \
            workspace.session() as s:
        import_jurisdictions(s, ADMIN, path)


def test_jurisdictions_saved_as_excel_unicode_text(workspace: Workspace, tmp_path: Path) -> None:
    """Excel's "Unicode Text" is a tab-separated UTF-16 file named .txt: a table, not TOML."""
    path = tmp_path / "polres.txt"
    path.write_bytes("name\tkind\tregion_code\r\nPolres A\tpolres\t32.09\r\n".encode("utf-16"))
    with workspace.session() as s:
        import_jurisdictions(s, ADMIN, path)
        assert stored_jurisdiction(s, "Polres A") is not None


def test_the_readme_example_file_imports(workspace: Workspace, tmp_path: Path) -> None:
    """README's `[[jurisdiction]]` example is what an operator copies first."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = next(block.split("```", 1)[0] for block in readme.split("```toml\n")[1:]
                   if block.startswith("[[jurisdiction]]"))
    path = tmp_path / "polres.toml"
    path.write_text(example, encoding="utf-8")
    result = runner.invoke(app, ["jurisdictions", "import", str(path), "--home",
                                 str(workspace.home)])
    assert result.exit_code == 0, result.output
    with workspace.session() as s:
        kota = jurisdiction_areas(s, "Polres Cirebon Kota")
        assert "32.74" in kota and "32.09.15.1003" in kota
        assert "32.09.15.1003" not in jurisdiction_areas(s, "Polresta Cirebon")


@pytest.mark.parametrize("key", ["areas", "exclude"])
def test_a_single_code_not_in_a_list_is_one_clear_error(workspace: Workspace, tmp_path: Path,
                                                        key: str) -> None:
    """`areas = "32.09"` was read letter by letter: five "unknown region code '3'" errors."""
    path = tmp_path / "j.toml"
    areas = '"32.09"' if key == "areas" else '["32.09"]\nexclude = "32.09.01"'
    path.write_text(f'[[jurisdiction]]\nname = "Polres Uji"\nkind = "polres"\nareas = {areas}\n')
    result = runner.invoke(app, ["jurisdictions", "import", str(path), "--home",
                                 str(workspace.home)])
    assert result.exit_code == 1
    value = "32.09" if key == "areas" else "32.09.01"
    assert result.stderr == (f"error: {path}: 1 kesalahan, tidak ada yang diimpor: yurisdiksi 1 "
                             f'(Polres Uji): {key} harus berupa daftar kode wilayah, mis. '
                             f'{key} = ["{value}"]\n')
    result = runner.invoke(app, ["--lang", "en", "jurisdictions", "import", str(path),
                                 "--home", str(workspace.home)])
    assert result.stderr == (f"error: {path}: 1 error, nothing imported: jurisdiction 1 "
                             f'(Polres Uji): {key} must be a list of region codes, e.g. '
                             f'{key} = ["{value}"]\n')


@pytest.mark.parametrize("name", ["polres_en.csv", "polres_id.csv"])
def test_a_kabkota_code_excel_read_as_a_number_is_read_back(workspace: Workspace,
                                                            tmp_path: Path, name: str) -> None:
    """Excel saves the code 32.10 as the number 32.1 (32,1 in an Indonesian locale): with
    two digits after its dot, the number still names the kabupaten/kota."""
    path = tmp_path / name
    path.write_bytes((DATA / "excel" / name).read_bytes())
    result = runner.invoke(app, ["jurisdictions", "import", str(path), "--home",
                                 str(workspace.home)])
    assert result.exit_code == 0, result.output
    with workspace.session() as s:
        assert jurisdiction_areas(s, "Polres Majalengka") == ["32.10"]
        assert set(jurisdiction_areas(s, "Polres Cirebon Kota")) == {"32.74", "32.09.15.1003"}
    path.write_text("name,kind,region_code\nPolres X,polres,99.1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"row 2: unknown region code '99\.1'"), \
            workspace.session() as s:
        import_jurisdictions(s, ADMIN, path)  # no such code: named as written
