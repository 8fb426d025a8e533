"""``sejuk sources ...`` in process: add, bulk import, list --json, enable/disable/remove."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.db.models import Source
from sejuk.workspace import Workspace

SOURCES = Path(__file__).parent.parent / "data" / "feeds" / "sources"
EXCEL = Path(__file__).parent.parent / "data" / "excel"
runner = CliRunner()
LIST_KEYS = {"name", "url", "kind", "items", "last_status", "last_error", "last_success_at",
             "consecutive_failures"}


def _run(ws: Workspace, *args: str, lang: str = "en"):
    """A command in English unless told: these tests read its refusals in English."""
    return runner.invoke(app, ["--lang", lang, *args, "--home", str(ws.home)])


def _list(ws: Workspace) -> list[dict]:
    result = _run(ws, "sources", "list", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_add_list_disable_enable_remove(workspace: Workspace) -> None:
    added = _run(workspace, "sources", "add", "https://kabar.example/rss.xml", "--name",
                 "Kabar", "--kind", "news", "--region", "32.09", "--interval", "20")
    assert added.exit_code == 0, added.output
    (row,) = _list(workspace)
    assert set(row) >= LIST_KEYS
    assert row["items"] == 0 and row["last_status"] is None and row["last_error"] is None
    assert row["last_success_at"] is None and row["consecutive_failures"] == 0
    assert row["enabled"] is True and row["interval_minutes"] == 20
    assert _run(workspace, "sources", "disable", "Kabar").exit_code == 0
    assert _list(workspace)[0]["enabled"] is False
    assert _run(workspace, "sources", "enable", "Kabar").exit_code == 0
    assert _list(workspace)[0]["enabled"] is True
    assert _run(workspace, "sources", "remove", "Kabar").exit_code == 0
    assert _list(workspace) == []


def test_platform_is_detected_on_add(workspace: Workspace) -> None:
    result = _run(workspace, "sources", "add", "https://bsky.app/profile/x.bsky.social/rss",
                  "--name", "Bsky", "--kind", "social")
    assert "[bluesky]" in result.stdout
    assert _list(workspace)[0]["platform"] == "bluesky"


@pytest.mark.parametrize(("args", "message"), [
    (["sources", "enable", "Nope"], "no source named 'Nope'"),
    (["sources", "remove", "Nope"], "no source named 'Nope'"),
    (["sources", "add", "file:///etc/passwd", "--name", "F"], "use http or https"),
    (["sources", "add", "https://a.example/f", "--name", "A", "--kind", "blog"],
     "kind must be one of"),
    (["sources", "add", "https://a.example/f", "--name", "A", "--platform", "myspace"],
     "platform must be one of"),
    (["sources", "add", "https://a.example/f", "--name", "A", "--interval", "0"],
     "interval must be 1 to 10080 minutes (a week)"),
    # a huge interval once made every later `sejuk collect` die of an OverflowError
    (["sources", "add", "https://a.example/f", "--name", "A", "--interval", "99999999999999"],
     "interval must be 1 to 10080 minutes (a week)"),
    (["sources", "add", "http://127.0.0.1:99999/x", "--name", "A"], "not a valid URL"),
    (["sources", "add", "http://exa mple.com/rss", "--name", "A"], "not a valid URL"),
    (["sources", "add", "https://a.example/f", "--name", "A" * 201],
     "the name may hold at most 200 characters, the URL 2000"),
    (["sources", "add", "https://a.example/" + "f" * 2000, "--name", "A"],
     "the name may hold at most 200 characters, the URL 2000"),
    (["sources", "add", "https://a.example/f", "--name", "A\x1b[31mB\nC"],
     "the name holds control characters"),
])
def test_source_errors_are_one_line(workspace: Workspace, args: list[str],
                                    message: str) -> None:
    result = _run(workspace, *args)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr


@pytest.mark.parametrize(("name", "count"), [("good.toml", 3), ("good.csv", 2)])
def test_bulk_import(workspace: Workspace, name: str, count: int) -> None:
    result = _run(workspace, "sources", "import", str(SOURCES / name))
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in _list(workspace)}
    assert len(rows) == count
    if name == "good.csv":
        assert rows["Telegram Info Warga"]["platform"] == "telegram"
        assert rows["Losari Uji"]["interval_minutes"] == 20
    else:
        assert rows["Mastodon #pilkadadamai"]["platform"] == "mastodon"
        with workspace.session() as session:
            assert session.scalar(select(Source.full_text)
                                  .where(Source.name == "Cek Fakta Uji")) is True


def test_bulk_import_is_all_or_nothing_with_row_numbers(workspace: Workspace) -> None:
    result = _run(workspace, "sources", "import", str(SOURCES / "bad.csv"))
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "6 invalid rows" in message
    for row, reason in [(3, "use http or https"), (4, "kind must be one of"),
                        (5, "a source with this name exists"), (6, "unknown region code"),
                        (7, "sepuluh"), (8, "unknown time zone")]:
        assert f"row {row}: " in message and reason in message
    said = _run(workspace, "sources", "import", str(SOURCES / "bad.csv"), lang="id").stderr
    assert said.startswith("error: bad.csv: 6 baris tidak valid, tidak ada yang diimpor: "
                           "baris 3: sumber 'Skema Salah': skema 'ftp' tidak diizinkan; "), said
    for row, reason in [(4, "kind harus salah satu dari"), (5, "sudah ada sumber dengan nama"),
                        (6, "kode wilayah tidak dikenal"), (7, "'sepuluh' bukan jumlah menit"),
                        (8, "zona waktu tidak dikenal: 'Mars/Olympus'")]:
        assert f"baris {row}: " in said and reason in said
    with workspace.session() as session:
        assert session.scalar(select(func.count()).select_from(Source)) == 0


def test_bulk_import_bad_toml(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("[[source]]\nname = 'x'\nurl = \n")
    result = _run(workspace, "sources", "import", str(path))
    assert result.exit_code == 1
    assert "not valid TOML" in result.stderr


def test_bulk_import_deeply_nested_toml_is_one_line(workspace: Workspace, tmp_path: Path
                                                    ) -> None:
    path = tmp_path / "s.toml"
    path.write_text("source = " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = _run(workspace, "sources", "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("not valid TOML: nested too deeply")
    assert len(result.stderr.strip().splitlines()) == 1


def test_bulk_import_toml_values_of_the_wrong_type_are_named(workspace: Workspace,
                                                            tmp_path: Path) -> None:
    """`name = 1` or `url = [...]` said "scheme '(none)' is not allowed"; now each value is
    named with its row, and nothing is added (not even the good table)."""
    path = tmp_path / "s.toml"
    path.write_text('[[source]]\nname = "Baik"\nurl = "https://a.example/rss"\ninterval = 30\n'
                    'full_text = true\n\n[[source]]\nname = 1\n'
                    'url = ["http://a.example/x"]\ninterval = 30.5\nfull_text = 3\n')
    result = _run(workspace, "sources", "import", str(path))
    assert result.exit_code == 1
    assert "row 2: name must be text in quotes, not 1" in result.stderr
    assert "row 2: url must be text in quotes, not ['http://a.example/x']" in result.stderr
    # a number that is not whole, or a flag that is not one, is told what it should be
    assert "row 2: interval must be whole minutes, not 30.5" in result.stderr
    assert "row 2: full_text must be true or false, not 3" in result.stderr
    assert "scheme" not in result.stderr and "row 1" not in result.stderr
    assert _list(workspace) == []


def test_bulk_import_csv_with_a_cell_past_the_header_names_its_row(workspace: Workspace,
                                                                  tmp_path: Path) -> None:
    """An unquoted comma shifts the cells after it; the row is refused, not cut short."""
    path = tmp_path / "sumber.csv"
    path.write_text("name;url;kind\r\nBerita Uji;http://127.0.0.1:1/rss;news;extra\r\n;;\r\n",
                    encoding="utf-8")
    result = _run(workspace, "sources", "import", str(path))
    assert result.exit_code == 1
    assert "row 2: unknown field(s) (column 4 has no name)" in result.stderr
    with workspace.session() as session:
        assert session.scalar(select(func.count()).select_from(Source)) == 0


def test_bulk_import_names_a_missing_url_and_a_zero_interval(workspace: Workspace,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("name,url,interval\nTanpa Alamat,,\nNol,https://a.example/f,0\n")
    result = _run(workspace, "sources", "import", str(path))
    assert result.exit_code == 1
    assert "row 2: source 'Tanpa Alamat': url is required" in result.stderr
    assert "row 3: source 'Nol': interval must be 1 to 10080 minutes (a week)" in result.stderr
    assert _list(workspace) == []


def test_a_sources_file_from_excel_keeps_its_kabkota_codes(workspace: Workspace,
                                                            tmp_path: Path) -> None:
    """Excel (id-ID) saved 32.10 and 32.09 as numbers: 32,1 and 32,09."""
    path = tmp_path / "sumber.csv"
    path.write_bytes((EXCEL / "sumber.csv").read_bytes())
    result = _run(workspace, "sources", "import", str(path))
    assert result.exit_code == 0, result.output
    with workspace.session() as session:
        regions = dict(session.execute(select(Source.name, Source.region_code)).all())
    assert regions == {"Kabar Majalengka": "32.10", "Kabar Cirebon": "32.09",
                       "Kabar Sumber": "32.09.15"}
