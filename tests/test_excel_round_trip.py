"""Template or export -> Excel -> import gives the data the file held before Excel.

Excel reads a cell that looks like a number as a number (:mod:`tests.excel` models it): a
leading zero goes (``001``, ``0812...``), a kabupaten/kota code loses its trailing zero
(``32.10`` -> ``32.1``). Sejuk's CSVs are written in forms Excel keeps as text where that
matters (``0812-3456-7890``, dotted kecamatan and desa codes), and its importers read
back what Excel makes of the rest.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.db.models import Leader, Tps
from sejuk.regions.jurisdictions import jurisdiction_areas
from sejuk.workspace import Workspace
from tests.excel import excel_resave

runner = CliRunner()
#: Excel in an Indonesian locale (decimal comma, ``;``) and in an English one (point, ``,``)
LOCALES = [",", "."]


def _cli(workspace: Workspace | None, *args: str) -> str:
    home = ["--home", str(workspace.home)] if workspace else []
    result = runner.invoke(app, [*args, *home])
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


def _template(tmp_path: Path, group: str) -> str:
    path = tmp_path / f"{group}-template.csv"
    _cli(None, group, "template", "--excel", "--out", str(path))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    return text


def _cells(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_the_excel_model_mangles_as_excel_does() -> None:
    saved = excel_resave("a,b,c,d,e,f\n081234567890,+6281234567890,32.10,0812-3456-7890,001,"
                         "-6.7601\n", decimal=".").decode("utf-8-sig")
    assert saved == "a,b,c,d,e,f\r\n81234567890,6.28123E+12,32.1,0812-3456-7890,1,-6.7601\r\n"
    saved = excel_resave("a;b;c\r\n32,10;6281234567890;32.10\r\n").decode("utf-8-sig")
    assert saved == "a;b;c\r\n32,1;6,28123E+12;32.10\r\n"


@pytest.mark.parametrize("decimal", LOCALES)
def test_templates_survive_excel_unchanged(tmp_path: Path, decimal: str) -> None:
    """Nothing in a template is a number Excel would rewrite (so its example row is still
    recognised and refused after a trip through Excel)."""
    for group in ("leaders", "tps"):
        template = _template(tmp_path, group).lstrip("\ufeff")
        saved = excel_resave(template, decimal=decimal).decode("utf-8-sig")
        assert _cells(saved, ";" if decimal == "," else ",") == _cells(template, ",")


def _leaders(workspace: Workspace) -> set[tuple[str, ...]]:
    with workspace.session() as session:
        return {(r.name, r.kind, r.organisation, r.region_code, r.phone, r.affiliation,
                 r.notes) for r in session.scalars(select(Leader))}


@pytest.mark.parametrize("decimal", LOCALES)
def test_leaders_template_filled_in_excel_imports_the_same(
        workspace: Workspace, tmp_path: Path, decimal: str) -> None:
    header = _template(tmp_path, "leaders").lstrip("\ufeff").splitlines()[0]
    filled = header + "\n" + "\n".join([
        "Kyai Uji,tokoh_agama,Pesantren Uji,32.09.18.2012,081234567890,NU,",
        "Ibu Uji,tokoh_masyarakat,PKK,32.09.18.2012,0812-3456-7891,netral,catatan",
        "Pemuda Uji,tokoh_pemuda,Karang Taruna,32.09.18,+62 812 3456 7892,,",
        "Kuwu Uji,tokoh_masyarakat,Desa,32.09.21.2003,(0231) 321456,,"]) + "\n"
    direct = tmp_path / "direct.csv"
    direct.write_text(filled, encoding="utf-8")
    _cli(workspace, "leaders", "import", str(direct))
    before = _leaders(workspace)
    assert {row[4] for row in before} == {"0812-3456-7890", "0812-3456-7891",
                                          "0812-3456-7892", "(0231) 321456"}
    through_excel = tmp_path / "excel.csv"
    through_excel.write_bytes(excel_resave(filled, decimal=decimal))
    assert b"81234567890" in through_excel.read_bytes()  # Excel did drop the zero
    assert "0 baru, 4 diperbarui" in _cli(workspace, "leaders", "import",
                                                   str(through_excel))
    assert _leaders(workspace) == before


def _roster(workspace: Workspace) -> set[tuple[object, ...]]:
    with workspace.session() as session:
        return {(t.region_code, t.number, t.voters, t.lat, t.lon, t.level,
                 tuple(sorted(t.indicators))) for t in session.scalars(select(Tps))}


@pytest.mark.parametrize("decimal", LOCALES)
def test_tps_template_filled_in_excel_imports_the_same(
        workspace: Workspace, tmp_path: Path, decimal: str) -> None:
    lines = _template(tmp_path, "tps").lstrip("\ufeff").splitlines()
    example = lines[1].split(",")
    rows = []
    for number, lat in (("001", "-6.7601"), ("002", "-6.7610"), ("TPS 003", "-6.76")):
        cells = list(example)
        cells[5], cells[6], cells[7] = number, "210", lat
        rows.append(",".join(cells))
    filled = "\n".join([lines[0], *rows]) + "\n"
    direct = tmp_path / "direct.csv"
    direct.write_text(filled, encoding="utf-8")
    _cli(workspace, "tps", "import", str(direct))
    before = _roster(workspace)
    assert sorted(t[1] for t in before) == [1, 2, 3]
    through_excel = tmp_path / "excel.csv"
    through_excel.write_bytes(excel_resave(filled, decimal=decimal))
    _cli(workspace, "tps", "import", str(through_excel))
    assert _roster(workspace) == before


@pytest.mark.parametrize("decimal", LOCALES)
def test_jurisdictions_through_excel_import_the_same(workspace: Workspace, tmp_path: Path,
                                                     decimal: str) -> None:
    text = ("name,kind,parent,region_code,exclude\nPolres Majalengka,polres,,32.10,0\n"
            "Polres Cirebon Kota,polres,,32.74,0\nPolres Cirebon Kota,polres,,32.09.15.1003,0\n"
            "Polres Cirebon,polres,,32.09,0\nPolres Cirebon,polres,,32.09.15.1003,1\n")
    direct = tmp_path / "direct.csv"
    direct.write_text(text, encoding="utf-8")
    _cli(workspace, "jurisdictions", "import", str(direct))
    names = ("Polres Majalengka", "Polres Cirebon Kota", "Polres Cirebon")
    with workspace.session() as session:
        before = {n: sorted(jurisdiction_areas(session, n)) for n in names}
    assert before["Polres Majalengka"] == ["32.10"]
    through_excel = tmp_path / "excel.csv"
    through_excel.write_bytes(excel_resave(text, decimal=decimal))
    _cli(workspace, "jurisdictions", "import", str(through_excel))
    with workspace.session() as session:
        assert {n: sorted(jurisdiction_areas(session, n)) for n in names} == before
