"""The TPS roster: import, levels, overrides and the TPS page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from typer.testing import CliRunner

from sejuk.access.auth import Principal
from sejuk.cli import app
from sejuk.db.models import AuditEntry, Tps
from sejuk.errors import InputError
from sejuk.regions.gazetteer import children_index
from sejuk.regions.jurisdiction_files import import_jurisdictions
from sejuk.settings import TpsSettings
from sejuk.tps.personnel import parse_ratio, summarise
from sejuk.tps.roster import (
    INDICATORS,
    Level,
    computed_level,
    find_tps,
    set_override,
)
from sejuk.workspace import Workspace
from tests.places import small_roster, split_regency_file

ADMIN = Principal("analis", "admin")

runner = CliRunner()


@given(st.sets(st.sampled_from(INDICATORS)), st.sampled_from(INDICATORS))
def test_adding_an_indicator_never_lowers_the_level(active: set[str], extra: str) -> None:
    tps = TpsSettings()
    before = computed_level(dict.fromkeys(active, 1), tps)
    after = computed_level(dict.fromkeys(active | {extra}, 1), tps)
    assert after >= before


def test_override_is_audited_and_summary_uses_jurisdiction_rule(
        workspace: Workspace, tmp_path: Path) -> None:
    small_roster(workspace)
    desa = children_index()["32.09.15"]
    with workspace.session() as s:
        tps = find_tps(s, desa[0], 1)
        with pytest.raises(InputError, match="reason"):
            set_override(s, tps, "Sangat Rawan", reason=" ", actor="a")
        set_override(s, tps, "Sangat Rawan", reason="posko dekat TPS", actor="analis")
        assert tps.level == 3
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "tps.override"))
        assert entry is not None and entry.actor == "analis"
    result = runner.invoke(app, ["tps", "summary", "--home", str(workspace.home), "--json"])
    data = json.loads(result.stdout)
    assert data["total_tps"] == 12 and data["tps"]["Sangat Rawan"] == 5
    assert data["rule"] == {"Kurang Rawan": "2:5", "Rawan": "1:1", "Sangat Rawan": "2:1",
                            "special_min": 2}  # --json keeps its keys
    # as lines to read, in the run's language (they were Python dicts: "{'Kurang Rawan': ...")
    lines = runner.invoke(app, ["tps", "summary", "--home", str(workspace.home)]).stdout
    assert lines.splitlines()[:3] == [
        "Wilayah: semua",
        "Aturan (personel : TPS): Sangat Rawan 2:1, Rawan 1:1, Kurang Rawan 2:5; TPS khusus "
        "minimal 2 personel",
        "TPS: 12 (Sangat Rawan 5, Rawan 4, Kurang Rawan 3)  khusus: 0  personel: 17  linmas: 0"]
    lines = runner.invoke(app, ["--lang", "en", "tps", "summary", "--home",
                                str(workspace.home)]).stdout
    assert lines.splitlines()[:3] == [
        "Area: all",
        "Rule (police : TPS): Sangat Rawan 2:1, Rawan 1:1, Kurang Rawan 2:5; a special TPS at "
        "least 2 police",
        "TPS: 12 (Sangat Rawan 5, Rawan 4, Kurang Rawan 3)  special: 0  police: 17  linmas: 0"]
    assert "{" not in lines
    assert data["police"] > 0 and data["kecamatan"][0]["code"] == "32.09.15"
    with workspace.session() as s:
        import_jurisdictions(s, ADMIN, split_regency_file(tmp_path))
        polresta = summarise(s, "Polresta Cirebon")
        assert polresta.rule.ratios[Level.RAWAN] == parse_ratio("2:1")


def test_tps_summary_names_a_jurisdictions_rule_with_linmas(workspace: Workspace,
                                                           tmp_path: Path) -> None:
    small_roster(workspace)
    path = tmp_path / "j.toml"
    path.write_text('[[jurisdiction]]\nname = "Polres Uji"\nkind = "polres"\n'
                    'areas = ["32.09"]\n[jurisdiction.personnel]\nsangat_rawan = "2:1:4"\n'
                    "special_min = 3\n", encoding="utf-8")
    with workspace.session() as s:
        import_jurisdictions(s, ADMIN, path)
    result = runner.invoke(app, ["--lang", "en", "tps", "summary", "--jurisdiction",
                                 "Polres Uji", "--home", str(workspace.home)])
    assert result.stdout.splitlines()[:2] == [
        "Area: Polres Uji",
        "Rule (police : TPS : Linmas): Sangat Rawan 2:1:4, Rawan 1:1, Kurang Rawan 2:5; a "
        "special TPS at least 3 police"]


def test_tps_override_cli(workspace: Workspace) -> None:
    small_roster(workspace)
    desa = children_index()["32.09.15"][0]
    home = str(workspace.home)
    result = runner.invoke(app, ["tps", "override", desa, "1", "--level", "Rawan", "--home",
                                 home])
    assert result.exit_code == 1 and "perlu alasan" in result.stderr
    result = runner.invoke(app, ["tps", "override", desa, "1", "--level", "Rawan",
                                 "--reason", "cek lapangan", "--home", home])
    assert result.exit_code == 0 and "Rawan" in result.stdout


@pytest.mark.parametrize("level", ["Bahaya", "7"])
def test_an_unknown_override_level_is_one_line_and_changes_nothing(
        workspace: Workspace, level: str) -> None:
    small_roster(workspace)
    desa = children_index()["32.09.15"][0]
    result = runner.invoke(app, ["tps", "override", desa, "1", "--level", level, "--reason",
                                 "cek", "--home", str(workspace.home)])
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == (f"error: level kerawanan tidak dikenal: {level!r}; pilih "
                                     "Kurang Rawan, Rawan atau Sangat Rawan")
    result = runner.invoke(app, ["--lang", "en", "tps", "override", desa, "1", "--level",
                                 level, "--reason", "cek", "--home", str(workspace.home)])
    assert result.stderr.strip() == (f"error: unknown vulnerability level {level!r}; choose "
                                     "Kurang Rawan, Rawan or Sangat Rawan")
    with workspace.session() as s:
        assert find_tps(s, desa, 1).override_level is None
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "tps.override")) is None


def _write_roster(tmp_path: Path, *rows: str) -> Path:
    from sejuk.tps.roster import template_csv

    header = template_csv().splitlines()[0]
    path = tmp_path / "roster.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _row(kab: str, kec: str, desa: str, number: int | str, level: str = "", extra: str = "") -> str:
    from sejuk.tps.roster import TEMPLATE_COLUMNS

    values = dict.fromkeys(TEMPLATE_COLUMNS, "0")
    values.update(provinsi="", kabkota=kab, kecamatan=kec, desa=desa, desa_code="",
                  tps_number=str(number), voters="200", lat="", lon="", special_kind=extra,
                  level=level)
    return ",".join(values[c] for c in TEMPLATE_COLUMNS)


def test_roster_names_resolve_with_variants(workspace: Workspace, tmp_path: Path) -> None:
    path = _write_roster(
        tmp_path,
        _row("Cirebon", "Kec. Sumber", "Desa Kaliwadas", 1),        # kecamatan decides
        _row("Kab. Cirebon", "Kapetakan", "Kapetakan", 2, "Rawan"),   # alias spelling
        _row("Jakarta Pusat", "Gambir", "Gambir", 3, "", "Rumah Sakit"),
        _row("Kota Cirebon", "Kesambi", "Pekiringan", 4, "Sangat Rawan"),
    )
    result = runner.invoke(app, ["tps", "import", str(path), "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output
    with workspace.session() as s:
        codes = sorted(s.scalars(select(Tps.region_code)))
        special = s.scalar(select(Tps.special_kind).where(Tps.number == 3))
    assert codes == ["31.71.01.1001", "32.09.15.1006", "32.09.22.2016", "32.74.05.1001"]
    assert special == "rumah_sakit", "a kind written as words is read"


def test_a_row_another_run_stored_at_the_same_moment_is_said_in_one_line(
        workspace: Workspace, tmp_path: Path) -> None:
    """Two `sejuk tps import` of one file at once: the loser met the winner's rows as a
    UNIQUE violation and printed an IntegrityError traceback. The race is played here by
    a trigger that refuses the insert as the winner's row would."""
    if workspace.engine.dialect.name != "sqlite":
        pytest.skip("the trigger is SQLite's")
    with workspace.engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TRIGGER race BEFORE INSERT ON tps BEGIN SELECT RAISE(ABORT, "
            "'UNIQUE constraint failed: tps.region_code, tps.number, tps.election'); END")
    path = _write_roster(tmp_path, _row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 1))
    result = runner.invoke(app, ["--lang", "en", "tps", "import", str(path), "--home",
                                 str(workspace.home)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: the database refused a row another run stored at the same moment (UNIQUE "
        "constraint failed: tps.region_code, tps.number, tps.election); what this command "
        "was writing was rolled back: run it again")
    with workspace.session() as s:
        assert s.scalar(select(Tps.id)) is None


@pytest.mark.parametrize(("row", "message", "indonesian"), [
    (_row("Kota Cirebon", "Sumber", "Kaliwadas", 1), "row 3: kecamatan 'Sumber' not found",
     "baris 3: kecamatan 'Sumber' tidak ditemukan di Kota Cirebon"),
    (_row("Kabupaten Atlantis", "Sumber", "Kaliwadas", 1), "row 3: kabupaten/kota",
     "baris 3: kabupaten/kota 'Kabupaten Atlantis' tidak ditemukan"),
    (_row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 0), "row 3: tps_number",
     "baris 3: tps_number harus 1 sampai 9999"),
    # too large for the database once (a traceback), and "1e3" was read as TPS 1000
    (_row("Kabupaten Cirebon", "Sumber", "Kaliwadas", "99999999999999999999"),
     "row 3: tps_number '99999999999999999999' is not a whole number",
     "baris 3: tps_number '99999999999999999999' bukan bilangan bulat"),
    (_row("Kabupaten Cirebon", "Sumber", "Kaliwadas", "1e3"),
     "row 3: tps_number '1e3' is not a whole number",
     "baris 3: tps_number '1e3' bukan bilangan bulat"),
    (_row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 12345), "row 3: tps_number must be 1 to",
     "baris 3: tps_number harus 1 sampai 9999"),
    # a thousand as Indonesian spreadsheets write it was read as 1 voter
    (_row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 2).replace(",200,", ",1.000,"),
     "row 3: voters '1.000' may mean 1000 or units: write it without a point or comma",
     "baris 3: voters '1.000' bisa berarti 1000 atau satuan: tulis tanpa titik atau koma"),
    (_row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 2, "Agak Rawan"), "row 3: unknown",
     "baris 3: level kerawanan tidak dikenal: 'Agak Rawan'"),
    (_row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 1), "repeats row 2",
     "baris 3: TPS 1 di 32.09.15.1006 mengulang baris 2"),
    (_row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 2).replace(",200,", ",1,234,"),
     "row 3: 25 fields for 24 columns (a comma in a cell that is not quoted?)",
     "baris 3: 25 sel untuk 24 kolom (ada koma dalam sel tanpa tanda kutip?)"),
    (_row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 2).replace(",200,", ",dua ratus,"),
     "row 3: voters 'dua ratus' is not a whole number (e.g. 250, 250.0)",
     "baris 3: voters 'dua ratus' bukan bilangan bulat (mis. 250, 250.0)"),
    (_row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 2).replace(",200,", ",,").replace(
        ",,2,", ",,TPS dua,"), "row 3: tps_number 'TPS dua' is not a whole number",
     "baris 3: tps_number 'TPS dua' bukan bilangan bulat"),
    (_row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 2).replace(",200,,", ",200,6°45' LS,"),
     "row 3: lat \"6°45' LS\" is not a number (e.g. -6.9175)",
     "baris 3: lat \"6°45' LS\" bukan angka (mis. -6.9175)"),
])
def test_bad_roster_rows_reject_the_whole_file(workspace: Workspace, tmp_path: Path,
                                               row: str, message: str, indonesian: str) -> None:
    path = _write_roster(tmp_path, _row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 1), row)
    result = runner.invoke(app, ["--lang", "en", "tps", "import", str(path), "--home",
                                 str(workspace.home)])
    assert result.exit_code == 1
    assert message in result.stderr and "nothing imported" in result.stderr
    # Indonesian, the default: the same file, row and value, the whole line in one language
    result = runner.invoke(app, ["tps", "import", str(path), "--home", str(workspace.home)])
    assert result.stderr.startswith(f"error: {path}: 1 baris tidak valid, tidak ada yang "
                                    f"diimpor: {indonesian}"), result.stderr
    with workspace.session() as s:
        assert s.scalar(select(Tps.id)) is None


def test_the_templates_example_row_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    """Kept by mistake above the real rows, it added a TPS that does not exist."""
    from sejuk.tps.roster import template_csv

    path = tmp_path / "roster.csv"
    path.write_text(template_csv() + _row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 2) + "\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["tps", "import", str(path), "--home", str(workspace.home)])
    assert result.exit_code == 1
    assert "1 baris tidak valid, tidak ada yang diimpor: baris 2: baris contoh dari `sejuk " \
           "tps template`" in result.stderr
    # as a spreadsheet writes it back: TPS 001, Indonesian decimal commas, ';' delimiter
    rewritten = template_csv().replace(",1,245,-6.7601,108.4802,", ",001,\"245,00\","
                                       "\"-6,7601\",\"108,4802\",")
    assert rewritten != template_csv()
    path.write_text(rewritten, encoding="utf-8")
    result = runner.invoke(app, ["tps", "import", str(path), "--home", str(workspace.home)])
    assert result.exit_code == 1 and "baris contoh" in result.stderr, result.output
    path.write_text(template_csv().replace(",245,", ",246,"), encoding="utf-8")
    result = runner.invoke(app, ["tps", "import", str(path), "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output  # filled in: a real row


def test_tps_page_lists_an_area_worst_first(workspace: Workspace) -> None:
    """What the TPS page lists (sejuk.reads.tps_page): the area's TPS, worst first."""
    from sejuk.reads.tps import tps_page

    small_roster(workspace)
    with workspace.session() as s:
        rows = tps_page(s, region_prefix="32.09.15")
        assert len(rows) == 12 and [r.level for r in rows] == sorted(
            (r.level for r in rows), reverse=True)
        assert rows[0].level == Level.SANGAT_RAWAN and rows[0].override_level is None
        assert all(r.region_code.startswith("32.09.15.") for r in rows)
        assert len(tps_page(s, region_prefix="32.09.15", level=int(Level.RAWAN))) == 4
        assert tps_page(s, region_prefix="32.74") == []


def test_a_roster_saved_by_excel_in_an_indonesian_locale(workspace: Workspace,
                                                          tmp_path: Path) -> None:
    """Excel (id-ID) "CSV": semicolons, decimal commas, Windows-1252, CRLF, header in its
    own case, ya/TRUE flags, and the empty columns and rows a formatted sheet leaves."""
    from sejuk.tps.roster import TEMPLATE_COLUMNS

    header = ";".join(c.upper() if c == "level" else c for c in TEMPLATE_COLUMNS) + ";;"
    rows = []
    for number, (lat, flag) in enumerate([("-6,7512", "ya"), ("-6,7514", "TRUE")], start=1):
        values = dict.fromkeys(TEMPLATE_COLUMNS, "")
        values.update(kabkota="Kabupaten Cirebon", kecamatan="Sumber", desa="Kaliwadas",
                      tps_number=str(number), voters="200", lat=lat, lon="108,4810",
                      level="Rawan", psu_history=flag)
        rows.append(";".join(values[c] for c in TEMPLATE_COLUMNS) + ";;")
    path = tmp_path / "roster.csv"
    path.write_bytes("\r\n".join([header, *rows, ";" * (len(TEMPLATE_COLUMNS) + 1)])
                     .encode("cp1252") + b"\r\n")
    result = runner.invoke(app, ["tps", "import", str(path), "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output
    with workspace.session() as s:
        stored = s.scalars(select(Tps).order_by(Tps.number)).all()
    assert [(t.number, t.lat, t.lon, t.level) for t in stored] == [
        (1, -6.7512, 108.481, 2), (2, -6.7514, 108.481, 2)]
    assert all(t.indicators == {"psu_history": 1} for t in stored)


def test_tps_numbers_and_voters_as_spreadsheets_and_kpu_lists_write_them(
        workspace: Workspace, tmp_path: Path) -> None:
    place = ("Kabupaten Cirebon", "Sumber", "Kaliwadas")
    rows = [_row(*place, 1).replace(",1,200,", ",TPS 001,200.0,"),
            _row(*place, 2).replace(",2,200,", ",2.0,,"),
            # Excel (id-ID) with a number format of two decimals: a decimal comma
            _row(*place, 3).replace(",3,200,", ',"3,00","210,00",')]
    result = runner.invoke(app, ["tps", "import", str(_write_roster(tmp_path, *rows)),
                                 "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output
    with workspace.session() as s:
        assert [(t.number, t.voters) for t in s.scalars(select(Tps).order_by(Tps.number))] \
            == [(1, 200), (2, 0), (3, 210)]


def test_a_coordinate_that_is_no_number_names_its_row(workspace: Workspace,
                                                      tmp_path: Path) -> None:
    row = _row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 1).replace(",200,,,", ",200,-6.7x,,")
    result = runner.invoke(app, ["tps", "import", str(_write_roster(tmp_path, row)),
                                 "--home", str(workspace.home)])
    assert result.exit_code == 1
    assert "baris 2: lat '-6.7x' bukan angka" in result.stderr
