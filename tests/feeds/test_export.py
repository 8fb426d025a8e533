"""``sejuk items export``: JSONL/CSV/XLSX with regions and active-model scores, audited."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.db.models import AuditEntry, ClaimMatch, Item
from sejuk.timeutil import WIB, local_day_bounds, utc_now
from sejuk.workspace import Workspace, open_workspace

runner = CliRunner()
REQUIRED = {"url", "title", "text", "source", "published_at", "regions", "scores",
            "claim_match"}


@pytest.fixture
def demo_copy(demo_home: Path, copy_workspace: Callable[[Path], Path]) -> Path:
    return copy_workspace(demo_home)


def _audits(home: Path) -> list[AuditEntry]:
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            return list(session.scalars(select(AuditEntry)
                                        .where(AuditEntry.action == "items.export")))
    finally:
        ws.close()


def test_jsonl_export_to_stdout_has_every_item_with_scores(demo_copy: Path) -> None:
    result = runner.invoke(app, ["items", "export", "--format", "jsonl", "--home",
                                 str(demo_copy)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    ws = open_workspace(demo_copy)
    with ws.session() as session:
        assert len(records) == session.scalar(select(func.count()).select_from(Item))
    ws.close()
    assert all(set(r) >= REQUIRED for r in records)
    scored = [r for r in records if r["scores"]]
    assert scored and set(scored[0]["scores"]) == {"hoaks", "provokasi"}
    assert all(0.0 <= p <= 1.0 for r in scored for p in r["scores"].values())
    assert any(r["regions"] for r in records)
    assert any(r["narrative_id"] for r in records)
    assert "author_handle" not in records[0]
    (audit,) = _audits(demo_copy)
    assert audit.details["items"] == len(records)
    assert audit.target == "stdout"


def test_a_reader_that_stops_early_still_leaves_the_audit_entry(demo_copy: Path) -> None:
    import subprocess
    import sys

    export = subprocess.Popen(
        [sys.executable, "-m", "sejuk.cli", "items", "export", "--home", str(demo_copy)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert export.stdout is not None
    first = export.stdout.readline()  # a reader like `| head -1`
    export.stdout.close()
    export.wait(timeout=60)
    assert export.stderr is not None
    errors = export.stderr.read().decode()
    export.stderr.close()
    assert "Traceback" not in errors, errors
    assert json.loads(first)["url"]
    (audit,) = _audits(demo_copy)
    assert audit.target == "stdout" and audit.details["items"] > 1


def test_csv_export_to_file_with_since(demo_copy: Path, tmp_path: Path,
                                       demo_day: date) -> None:
    """``--since`` is a day on the workspace's clock (WIB by default), not UTC's."""
    out = tmp_path / "items.csv"
    since = str(demo_day)
    start = local_day_bounds(demo_day, WIB)[0]
    result = runner.invoke(app, ["items", "export", "--format", "csv", "--since", since,
                                 "--out", str(out), "--home", str(demo_copy)])
    assert result.exit_code == 0, result.output
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and set(rows[0]) >= REQUIRED
    assert all(datetime.fromisoformat(r["published_at"]) >= start for r in rows)
    assert any(datetime.fromisoformat(r["published_at"]) < start + timedelta(hours=7)
               for r in rows)  # early-morning WIB items: still the previous day in UTC
    assert not any(r["text"].startswith(("=", "+", "@")) for r in rows)
    assert not out.with_name("items.csv.part").exists()
    (audit,) = _audits(demo_copy)
    assert audit.details == {"format": "csv", "items": len(rows),
                             "since": start.isoformat()}


def test_unknown_format_is_one_line(demo_copy: Path) -> None:
    result = runner.invoke(app, ["items", "export", "--format", "xml", "--home",
                                 str(demo_copy)])
    assert result.exit_code == 1
    assert "--format harus salah satu dari jsonl, csv, xlsx, bukan 'xml'" in result.stderr


def test_claim_match_in_the_export(workspace: Workspace, tmp_path: Path) -> None:
    """Each item carries its best claim link, ``{"item_id", "similarity"}``, or null (CSV:
    the same JSON, or an empty cell), on SQLite and PostgreSQL."""
    from classifiers.claims import match_items

    def add(session, text: str, title: str = "", debunk: bool = False) -> int:
        item = Item(title=title, text=text, published_at=utc_now(), content_hash=text[:60],
                    is_debunk=debunk)
        session.add(item)
        session.flush()
        return item.id

    with workspace.session() as session:
        first = add(session, "Beredar pesan berantai yang mengklaim vaksin Covid-19 berisi "
                    "microchip untuk melacak warga. Faktanya, vaksin tidak berisi chip.",
                    "[HOAKS] Vaksin Covid-19 Mengandung Microchip untuk Melacak Warga", True)
        second = add(session, "Klaim bahwa vaksin mengandung chip pelacak tidak benar.",
                     "Cek Fakta: Tidak Benar Vaksin Covid-19 Mengandung Microchip Pelacak "
                     "Warga", True)
        forward = add(session, "Copas dari grup sebelah 👇\nVAKSIN COVID ITU ADA MICROCHIP "
                      "nya buat MELACAK warga yg udah disuntik!! 😱 Sebarkan!!")
        other = add(session, "Warga gotong royong membersihkan lapangan untuk lomba "
                    "tujuh belasan di kampung kami")
        assert match_items(session, workspace.settings.classifier.claim_match_threshold) == 1
        links = session.execute(select(ClaimMatch.debunk_item_id, ClaimMatch.similarity)
                                .where(ClaimMatch.item_id == forward)).all()
    assert {debunk for debunk, _ in links} <= {first, second}
    best_debunk, best_sim = max(links, key=lambda row: row.similarity)
    expected = {"item_id": best_debunk, "similarity": round(best_sim, 4)}
    assert 0.0 < expected["similarity"] <= 1.0

    result = runner.invoke(app, ["items", "export", "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert records[forward]["claim_match"] == expected
    assert records[other]["claim_match"] is None
    assert records[first]["claim_match"] is None  # a debunk is a claim, not a copy

    out = tmp_path / "items.csv"
    result = runner.invoke(app, ["items", "export", "--format", "csv", "--out", str(out),
                                 "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output
    with out.open(newline="", encoding="utf-8") as handle:
        rows = {int(r["id"]): r for r in csv.DictReader(handle)}
    assert json.loads(rows[forward]["claim_match"]) == expected
    assert rows[other]["claim_match"] == ""


def test_csv_cells_a_spreadsheet_would_run_are_quoted(workspace: Workspace,
                                                       tmp_path: Path) -> None:
    """Hostile feed text must not run as a formula in an analyst's spreadsheet: the same
    guard as the dashboard's exports (``sejuk.exports.inert``)."""
    with workspace.session() as session:
        session.add(Item(title='=HYPERLINK("http://evil.example","klik")', text="@SUM(A1:A9)",
                         url="https://berita.example/a", published_at=utc_now(),
                         content_hash="formula"))
    out = tmp_path / "items.csv"
    result = runner.invoke(app, ["items", "export", "--format", "csv", "--out", str(out),
                                 "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output
    with out.open(newline="", encoding="utf-8") as handle:
        (row,) = csv.DictReader(handle)
    assert row["title"] == '\'=HYPERLINK("http://evil.example","klik")'
    assert row["text"] == "'@SUM(A1:A9)"
    assert row["url"] == "https://berita.example/a"


def test_excel_csv_starts_with_a_bom_and_the_default_stream_does_not(
        workspace: Workspace, tmp_path: Path) -> None:
    """Excel on Windows reads a CSV without a byte-order mark in the local code page:
    names with diacritics and emoji come out garbled. ``--excel`` adds the mark the
    dashboard's CSV downloads carry; the default, which scripts read, stays as it was."""
    title = "Warga Désa Cikédung menolak hoaks 🔥"
    with workspace.session() as session:
        session.add(Item(title=title, text="Pesan berantai soal TPS 🗳️ dibantah KPU",
                         url="https://berita.example/b", published_at=utc_now(),
                         content_hash="bom"))
    home = str(workspace.home)
    plain = runner.invoke(app, ["items", "export", "--format", "csv", "--home", home])
    excel = runner.invoke(app, ["items", "export", "--format", "csv", "--excel", "--home",
                                home])
    assert plain.exit_code == 0 and excel.exit_code == 0, excel.output
    assert plain.stdout_bytes.startswith(b"id,url,")
    assert excel.stdout_bytes == b"\xef\xbb\xbf" + plain.stdout_bytes
    for flags, expect_bom in (([], False), (["--excel"], True)):
        out = tmp_path / f"items{len(flags)}.csv"
        result = runner.invoke(app, ["items", "export", "--format", "csv", "--out", str(out),
                                     "--home", home, *flags])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(b"\xef\xbb\xbf") is expect_bom
        with out.open(newline="", encoding="utf-8-sig") as handle:
            (row,) = csv.DictReader(handle)
        assert row["title"] == title
    assert len(_audits(workspace.home)) == 4
    jsonl = runner.invoke(app, ["items", "export", "--excel", "--home", home])
    assert jsonl.exit_code == 1
    assert "--excel hanya untuk --format csv" in jsonl.stderr
    jsonl = runner.invoke(app, ["--lang", "en", "items", "export", "--excel", "--home", home])
    assert jsonl.exit_code == 1
    assert "--excel is for --format csv" in jsonl.stderr


def test_a_workbook_export_holds_the_csv_table_and_is_audited(workspace: Workspace,
                                                              tmp_path: Path) -> None:
    """Excel in an Indonesian locale shows a comma-separated CSV as one column; the
    workbook is the table itself, cells as inert as the CSV's and cut to what a cell
    holds."""
    from openpyxl import load_workbook

    from feeds.export import FIELDS

    long_text = "Pesan berantai soal TPS. " * 2000  # 50,000 characters
    with workspace.session() as session:
        session.add(Item(title='=HYPERLINK("http://evil.example","klik")', text=long_text,
                         url="https://berita.example/c", published_at=utc_now(),
                         content_hash="xlsx-1"))
        session.add(Item(title="Warga Désa Cikédung 🔥", text="Rapat pleno\x07 lancar",
                         url="https://berita.example/d", published_at=utc_now(),
                         content_hash="xlsx-2"))
    out = tmp_path / "out" / "items.xlsx"
    result = runner.invoke(app, ["items", "export", "--format", "xlsx", "--out", str(out),
                                 "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output
    assert "2 item diekspor" in result.stdout
    sheet = load_workbook(out, read_only=True).active
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header == list(FIELDS) and len(rows) == 2
    first, second = ({**dict(zip(header, row, strict=True))} for row in rows)
    assert first["title"] == '\'=HYPERLINK("http://evil.example","klik")'
    assert len(first["text"]) == 32_767 and first["text"].endswith("…")
    assert first["claim_match"] is None and first["scores"] == "{}"
    assert second["title"] == "Warga Désa Cikédung 🔥" and second["text"] == "Rapat pleno lancar"
    assert [p.name for p in out.parent.iterdir()] == ["items.xlsx"]  # no temporary file
    (audit,) = _audits(workspace.home)
    assert audit.details == {"format": "xlsx", "items": 2, "since": None}


def test_a_workbook_needs_a_file_and_one_sheet(workspace: Workspace, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook is binary: not for stdout. An export larger than one Excel sheet is
    refused before a byte is written (here the sheet is made small), not cut short."""
    import feeds.export

    home = str(workspace.home)
    result = runner.invoke(app, ["items", "export", "--format", "xlsx", "--home", home])
    assert result.exit_code == 1 and result.stdout == ""
    assert "--format xlsx menulis berkas buku kerja: beri --out BERKAS.xlsx" in result.stderr
    with workspace.session() as session:
        for i in range(3):
            session.add(Item(title=f"Item {i}", text="Rapat pleno rekapitulasi",
                             published_at=utc_now(), content_hash=f"sheet-{i}"))
    monkeypatch.setattr(feeds.export, "XLSX_MAX_ROWS", 2)
    out = tmp_path / "out" / "items.xlsx"
    result = runner.invoke(app, ["items", "export", "--format", "xlsx", "--out", str(out),
                                 "--home", home])
    assert result.exit_code == 1
    assert "3 item melebihi satu lembar Excel (2 baris)" in result.stderr
    assert not out.parent.exists() and not _audits(workspace.home)
