"""``sejuk reports add`` and ``sejuk reports import`` as the issue words them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.ocr.screens import LIGHT, make_screenshot
from sejuk.access.auth import Principal, add_user
from sejuk.cli import app
from sejuk.reports.ocr import OcrEngine
from sejuk.workspace import Workspace

runner = CliRunner()
ADMIN = Principal("admin", "admin")


def _officer(workspace: Workspace, name: str) -> None:
    with workspace.session() as session:
        add_user(session, ADMIN, name, "kata-sandi-panjang", "reporter")


def test_add_text_json(debunked: Workspace, ocr: OcrEngine) -> None:
    _officer(debunked, "bhabin")
    result = runner.invoke(app, [
        "reports", "add", "--text", "Info: surat suara sudah dicoblos duluan di gudang KPU "
        "sebelum hari pemungutan, sebarkan!", "--region", "32.09.15", "--group", "warga",
        "--seen-at", "2024-11-25T19:20+07:00", "--reporter", "bhabin", "--json",
        "--home", str(debunked.home)])
    assert result.exit_code == 0, result.output
    [data] = json.loads(result.output)  # one report per post: a forward is one post
    assert set(data) == {"report_id", "item_id", "text", "regions", "flags", "claim_match",
                         "reply"}
    assert data["claim_match"]["link"].startswith("https://cekfakta.example/")
    assert data["reply"].startswith("SUDAH DIBANTAH")


@pytest.mark.parametrize(("seen_at", "message"), [
    ("0001-01-01T00:00", "error: date '0001-01-01T00:00' is outside the years 1990-2100"),
    ("Fri, 31 Dec 9999 23:59:59 -1200",
     "error: date 'Fri, 31 Dec 9999 23:59:59 -1200' is outside the years 1990-2100"),
    ("kemarin sore", "error: --seen-at 'kemarin sore' is not a date and time (ISO 8601)"),
])
def test_a_seen_at_no_day_can_be_made_of_is_refused_in_one_line(
        debunked: Workspace, seen_at: str, message: str) -> None:
    result = runner.invoke(app, ["--lang", "en", "reports", "add", "--text", "Info: kumpul",
                                 "--region", "32.09.15", "--seen-at", seen_at,
                                 "--home", str(debunked.home)])
    assert result.exit_code == 1
    assert result.stderr.strip() == message


def test_add_a_pasted_chat_answers_each_message(debunked: Workspace, ocr: OcrEngine) -> None:
    chat = ("25/11/24 19.42 - Budi: Info: surat suara sudah dicoblos duluan di gudang KPU "
            "sebelum hari pemungutan, sebarkan!\n"
            "25/11/24 19.43 - Siti: Aamiin\n"
            "25/11/24 19.50 - Abdul: Besok kita kumpul di kantor PPK jam 8, bawa warga")
    home = str(debunked.home)
    result = runner.invoke(app, ["reports", "add", "--text", chat, "--region", "32.09.15",
                                 "--home", home])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Obrolan yang ditempel: 2 pesan, masing-masing satu laporan."
    assert [line for line in lines if line.startswith("---")] == [
        "--- Pesan 1 dari 2 ---", "--- Pesan 2 dari 2 ---"]
    assert "SUDAH DIBANTAH" in result.output and "Budi" not in result.output
    result = runner.invoke(app, ["reports", "add", "--text", chat.replace("Besok", "Lusa"),
                                 "--region", "32.09.15", "--json", "--home", home])
    data = json.loads(result.output)
    assert [bool(r["claim_match"]) for r in data] == [True, False]
    assert data[1]["text"].startswith("Lusa kita kumpul")


def test_add_refuses_unknown_region_and_both_inputs(workspace: Workspace) -> None:
    home = str(workspace.home)
    bad = runner.invoke(app, ["reports", "add", "--text", "Kumpul di KPU besok", "--region",
                              "77.77", "--home", home])
    assert bad.exit_code == 1 and "kode wilayah tidak dikenal '77.77'" in bad.stderr
    english = runner.invoke(app, ["--lang", "en", "reports", "add", "--text",
                                  "Kumpul di KPU besok", "--region", "77.77", "--home", home])
    assert english.exit_code == 1 and "unknown region code '77.77'" in english.stderr
    none = runner.invoke(app, ["reports", "add", "--home", home])
    assert none.exit_code == 1 and "berikan --text atau" in none.output


def test_import_folder(workspace: Workspace, ocr: OcrEngine, tmp_path: Path) -> None:
    folder = tmp_path / "kiriman"
    folder.mkdir()
    (folder / "a.png").write_bytes(make_screenshot(21, theme=LIGHT, width=720).png())
    (folder / "catatan.txt").write_text("bukan gambar")
    (folder / "rusak.png").write_bytes(b"bukan png")
    _officer(workspace, "analis")
    result = runner.invoke(app, ["reports", "import", str(folder), "--region", "32.09",
                                 "--reporter", "Analis", "--home", str(workspace.home)])
    assert result.exit_code == 1, result.output  # two files refused, the rest stored
    assert sorted(result.stderr.splitlines()) == [
        "  ! catatan.txt: bukan berkas PNG, JPEG atau WebP; dilewati",
        "  ! rusak.png: bukan gambar (seharusnya tangkapan layar PNG, JPEG atau WebP)"]
    result = runner.invoke(app, ["reports", "import", str(folder), "--region", "32.09",
                                 "--reporter", "analis", "--json",
                                 "--home", str(workspace.home)])
    assert result.exit_code == 1, result.output  # one file refused, the rest stored
    data = json.loads(result.output)
    assert data["reports"] == [] and data["skipped"] == ["a.png"]  # imported above
    assert {r["file"]: r["error"] for r in data["refused"]} == {
        "catatan.txt": "catatan.txt: not a PNG, JPEG or WebP file; skipped",
        "rusak.png": "rusak.png: not a picture (PNG, JPEG or WebP screenshot expected)"}
    listed = runner.invoke(app, ["reports", "list", "--json", "--home", str(workspace.home)])
    assert json.loads(listed.output)[0]["reporter"] == "analis"


def test_a_reporter_without_an_account_is_refused_before_anything_is_stored(
        workspace: Workspace) -> None:
    """A typo in --reporter filed the report under a name whose page nobody opens."""
    home = str(workspace.home)
    result = runner.invoke(app, ["reports", "add", "--text", "Besok kumpul di KPU, bawa massa",
                                 "--reporter", "bhabin.wer", "--home", home])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: tidak ada pengguna 'bhabin.wer': buat dulu akun")
    listed = runner.invoke(app, ["reports", "list", "--json", "--home", home])
    assert json.loads(listed.output) == []


def test_places_with_commas_in_their_names_stay_apart(debunked: Workspace,
                                                      ocr: OcrEngine) -> None:
    """"wilayah: Kabupaten Cirebon, Sumber, Kabupaten Cirebon" read as three places (the
    kecamatan's name carries its regency after a comma): places are joined with ';'."""
    _officer(debunked, "bhabin")
    result = runner.invoke(app, [
        "reports", "add", "--text", "Info dari grup sebelah: Pilbup Kabupaten Cirebon "
        "diundur dua minggu, sebarkan!", "--region", "32.09.15", "--reporter", "bhabin",
        "--home", str(debunked.home)])
    assert result.exit_code == 0, result.output
    assert "wilayah: Kabupaten Cirebon; Sumber, Kabupaten Cirebon)" in result.output


def test_list_previews_a_report_on_one_readable_line(workspace: Workspace) -> None:
    """The preview was Python's repr: quotes and '\\n\\n' escapes an officer's forward
    never had. Line breaks fold to spaces, a long text ends in an ellipsis; --json keeps
    the text whole."""
    _officer(workspace, "bhabin")
    home = str(workspace.home)
    text = ("INFO PENTING\n\nbesok pagi kumpul di depan kantor KPU kabupaten, bawa massa "
            "sebanyak-banyaknya, jangan sampai kalah!!\n\nsebarkan ke grup lain")
    added = runner.invoke(app, ["reports", "add", "--text", text, "--reporter", "bhabin",
                                "--region", "32.09.15", "--home", home])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["reports", "list", "--home", home])
    assert listed.exit_code == 0, listed.output
    (line,) = listed.stdout.splitlines()
    preview = line.split("  ")[-1].strip()
    assert preview.startswith("INFO PENTING besok pagi kumpul di depan kantor KPU")
    assert preview.endswith("…") and len(preview) <= 70
    assert "\\n" not in line and "'" not in line
    data = json.loads(runner.invoke(app, ["reports", "list", "--json", "--home", home]).stdout)
    assert "\n\n" in data[0]["text"] and data[0]["text"].endswith("sebarkan ke grup lain")


def test_a_machine_without_tesseract_is_told_so_in_the_readers_language(
        workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'OCR needs Tesseract' was English on an Indonesian workspace."""
    from sejuk.reports import ocr

    monkeypatch.setattr(ocr, "_engines", {})  # no engine built yet in this process
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without the tesseract binary
    shot = tmp_path / "a.png"
    shot.write_bytes(make_screenshot(21, theme=LIGHT, width=720).png())
    _officer(workspace, "analis")
    args = ["reports", "add", "--image", str(shot), "--region", "32.09", "--reporter",
            "analis", "--home", str(workspace.home)]
    indonesian = runner.invoke(app, args)
    assert indonesian.exit_code == 1, indonesian.output
    assert indonesian.stderr == ("error: OCR memerlukan Tesseract: apt-get install "
                                 "tesseract-ocr tesseract-ocr-ind (lihat README, "
                                 "'Field reports')\n")
    english = runner.invoke(app, ["--lang", "en", *args])
    assert english.exit_code == 1, english.output
    assert english.stderr == ("error: OCR needs Tesseract: apt-get install tesseract-ocr "
                              "tesseract-ocr-ind (see README, 'Field reports')\n")
