"""``sejuk import FILE``: posts from other tools, all or nothing, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.db.models import AuditEntry, Item, Source
from sejuk.workspace import Workspace

IMPORTS = Path(__file__).parent.parent / "data" / "feeds" / "imports"
EXCEL = Path(__file__).parent.parent / "data" / "excel"
runner = CliRunner()


def _count(ws: Workspace, model: type) -> int:
    with ws.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _import(ws: Workspace, path: Path, *extra: str, lang: str = "en"):
    """``sejuk import``, in English unless told: most tests read its refusals in English."""
    return runner.invoke(app, ["--lang", lang, "import", str(path), "--home", str(ws.home),
                               *extra])


@pytest.mark.parametrize(("name", "rows"), [("posts.csv", 3), ("posts.jsonl", 2)])
def test_import_then_reimport_adds_nothing(workspace: Workspace, name: str,
                                           rows: int) -> None:
    first = _import(workspace, IMPORTS / name, lang="id")
    assert first.exit_code == 0, first.output
    assert f"{rows} item baru" in first.stdout
    assert _count(workspace, Item) == rows
    again = _import(workspace, IMPORTS / name, lang="id")
    assert again.exit_code == 0, again.output
    assert "0 item baru" in again.stdout
    assert _count(workspace, Item) == rows
    with workspace.session() as session:
        imported = session.scalars(select(Source).where(Source.url.like("import:%"))).all()
        assert imported and not any(s.enabled for s in imported)
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == "items.import")) == 2


def test_csv_import_reads_zone_less_times_in_the_region_zone(workspace: Workspace) -> None:
    assert _import(workspace, IMPORTS / "posts.csv").exit_code == 0
    with workspace.session() as session:
        post = session.scalar(select(Item).where(Item.guid == "tg-4821"))
        assert post is not None
        # 19:20 without zone in Kabupaten Cirebon is WIB: 12:20 UTC.
        assert (post.published_at.hour, post.published_at.minute) == (12, 20)
        assert post.author_handle is None and post.author_hash
        assert post.hashtags == ["kawaldpt"]
        # A text that names no place is put in the row's region.
        photo = session.scalar(select(Item).where(Item.guid == "tg-4822"))
        assert photo is not None
        assert {r.region_code for r in photo.regions} == {"32.09.15"}


def test_jsonl_import_cleans_html_and_keeps_hashtags(workspace: Workspace) -> None:
    assert _import(workspace, IMPORTS / "posts.jsonl").exit_code == 0
    with workspace.session() as session:
        post = session.scalar(select(Item).where(Item.guid == "post-1"))
        assert post is not None
        assert "<p>" not in post.text
        assert post.hashtags == ["pilkadadamai"]


def test_bad_rows_are_named_and_nothing_is_stored(workspace: Workspace) -> None:
    result = _import(workspace, IMPORTS / "bad_rows.csv", lang="en")
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "5 invalid rows, nothing imported" in message
    for row, reason in [(3, "source is empty"), (4, "kemarin sore"),
                        (5, "text and title are both empty"), (6, "99.99"), (7, "myspace")]:
        assert f"row {row}: " in message and reason in message
    assert _count(workspace, Item) == 0
    assert _count(workspace, Source) == 0


@pytest.mark.parametrize(("content", "message"), [
    ('{"source": "A", "text": "x", "published_at": "2024-11-25"}\nnot json\n',
     "line 2: not valid JSON"),  # README: errors name CSV rows or JSONL lines
    ('["a list"]\n', "line 1: not a JSON object"),
    ('{"source": "A", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
     "line 1: not valid JSON (nested too deeply)"),  # RecursionError escaped before
    ('{"source": "A", "text": "x", "published_at": "2024-11-25"}\n'
     '{"source": "", "text": "y", "published_at": "2024-11-25"}\n', "line 2: source is empty"),
    ("a,b\n1,2\n", "header: needs the columns"),
    # a list or an object where text belongs made a source named "['a']"
    ('{"source": ["a"], "text": "x", "published_at": "2024-11-25"}\n',
     "line 1: source must be text (hashtags: text or a list of texts), not list"),
    ('{"source": "A", "text": "x", "hashtags": {"a": 1}, "published_at": "2024-11-25"}\n',
     "line 1: hashtags must be text"),
    ('{"source": "A", "text": "x", "published_at": "0001-01-01"}\n',
     "line 1: published_at '0001-01-01' is outside the years 1990-2100"),
    ('{"source": "A", "text": "x", "hashtags": ["a", 1], "published_at": "2024-11-25"}\n',
     "line 1: hashtags: the list holds something that is not text"),
    ("", "no rows to import"),
])
def test_malformed_files_get_one_clear_line(workspace: Workspace, tmp_path: Path,
                                            content: str, message: str) -> None:
    suffix = ".jsonl" if content.startswith(("{", "[")) else ".csv"
    path = tmp_path / f"posts{suffix}"
    path.write_text(content)
    result = _import(workspace, path)
    assert result.exit_code == 1
    assert message in result.stderr
    assert _count(workspace, Item) == 0


def test_source_option_names_the_source_of_a_file_without_the_column(
        workspace: Workspace, tmp_path: Path) -> None:
    """`--source NAME` is for "rows without one"; a file without the column was refused."""
    path = tmp_path / "grup.csv"
    path.write_text("text,published_at\nBesok kumpul di KPU tolak hasil,2024-11-25T19:20+07:00\n")
    refused = _import(workspace, path)
    assert refused.exit_code == 1 and "columns source (or give --source)" in refused.stderr
    result = runner.invoke(app, ["import", str(path), "--source", "Grup WA Weru", "--home",
                                 str(workspace.home)])
    assert result.exit_code == 0, result.output
    with workspace.session() as session:
        assert session.scalars(select(Source.name)).all() == ["Grup WA Weru"]
    assert _count(workspace, Item) == 1


def test_missing_file_is_one_line(workspace: Workspace, tmp_path: Path) -> None:
    result = _import(workspace, tmp_path / "nope.csv")
    assert result.exit_code == 1
    assert "no such file" in result.stderr


def _set(ws: Workspace, key: str, value: int) -> None:
    settings = ws.home / "sejuk.toml"
    text = settings.read_text()
    if "[imports]" not in text:
        text += "\n[imports]\n"
    lines = [line for line in text.splitlines() if not line.startswith(f"{key} =")]
    lines.insert(lines.index("[imports]") + 1, f"{key} = {value}")
    settings.write_text("\n".join(lines) + "\n")


def _posts_csv(path: Path, rows: int, bad_row: int | None = None) -> Path:
    lines = ["source,id,text,published_at,region"]
    for n in range(rows):
        when = "kemarin" if n == bad_row else "2024-11-25T19:20:00+07:00"
        lines.append(f"Grup Warga,p{n},Pesan warga nomor {n} soal TPS di desa,{when},32.09")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(
        workspace: Workspace, tmp_path: Path) -> None:
    posts = _posts_csv(tmp_path / "besar.csv", 200)
    _set(workspace, "max_bytes", 4000)
    result = _import(workspace, posts)
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert "besar.csv" in line and "over the import size cap" in line
    assert "imports.max_bytes" in line
    assert _count(workspace, Item) == 0


def test_a_file_over_the_row_cap_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    _set(workspace, "max_rows", 50)
    result = _import(workspace, _posts_csv(tmp_path / "banyak.csv", 51))
    assert result.exit_code == 1
    assert "more than 50 rows (imports.max_rows)" in result.stderr
    assert _count(workspace, Item) == 0


def test_a_large_file_is_stored_in_batches_and_a_bad_row_still_refuses_it_whole(
        workspace: Workspace, tmp_path: Path) -> None:
    """Bounded batches must not weaken all-or-nothing: a bad row in the last batch
    refuses the file before the first batch is stored."""
    _set(workspace, "batch_rows", 100)
    refused = _import(workspace, _posts_csv(tmp_path / "rusak.csv", 450, bad_row=449))
    assert refused.exit_code == 1 and "row 451: published_at 'kemarin'" in refused.stderr
    refused = _import(workspace, tmp_path / "rusak.csv", lang="id")
    assert refused.stderr.startswith("error: rusak.csv: 1 baris tidak valid, tidak ada yang "
                                     "diimpor: baris 451: published_at 'kemarin' bukan tanggal "
                                     "dan jam"), refused.stderr
    assert _count(workspace, Item) == 0
    result = _import(workspace, _posts_csv(tmp_path / "baik.csv", 450))
    assert result.exit_code == 0, result.output
    assert "450 rows read: 450 new items" in result.stdout
    with workspace.session() as session:
        audited = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "items.import")).all()
        assert [(a.target, a.details["rows"]) for a in audited] == [("baik.csv", 450)]


def test_a_csv_saved_by_excel_imports_like_the_original(workspace: Workspace,
                                                        tmp_path: Path) -> None:
    """The same posts as Excel (id-ID) saves them: semicolons, Windows-1252, CRLF, a quoted
    cell with a line break, header names in their own case, trailing empty columns."""
    import csv
    import io

    with (IMPORTS / "posts.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[0] = [name.upper().replace("_", " ") for name in rows[0]]  # PUBLISHED AT
    rows[3][5] = rows[3][5].replace("gudang Plumbon", "gudang\nPlumbon “katanya”")
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(
        [[*row, "", ""] for row in rows] + [[""] * 11])
    path = tmp_path / "posts.csv"
    path.write_bytes(out.getvalue().encode("cp1252"))
    result = _import(workspace, path)
    assert result.exit_code == 0, result.output
    assert "3 new items" in result.stdout
    with workspace.session() as session:
        post = session.scalar(select(Item).where(Item.guid == "wa-0007"))
        assert post is not None and "gudang\nPlumbon “katanya”" in post.text


def test_csv_errors_name_spreadsheet_rows(workspace: Workspace, tmp_path: Path) -> None:
    """A cell with a line break is one row: the error names the row a spreadsheet shows."""
    path = tmp_path / "posts.csv"
    path.write_text('source,text,published_at\nGrup,"Pesan\ndua\nbaris",2024-11-25T19:20\n'
                    "Grup,Pesan ketiga,kemarin\n", encoding="utf-8")
    result = _import(workspace, path)
    assert result.exit_code == 1
    assert "row 3: published_at 'kemarin'" in result.stderr


def test_an_unclosed_quote_names_the_file_and_row(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text('source,text,published_at\nGrup,"Pesan tanpa tutup,2024-11-25T19:20\n'
                    + "Grup,Pesan warga soal TPS,2024-11-25T19:20\n" * 5000, encoding="utf-8")
    result = _import(workspace, path, lang="en")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: posts.csv: row 2: a cell longer than 131,072")
    result = _import(workspace, path, lang="id")  # the same file and row in Indonesian
    assert result.stderr.startswith("error: posts.csv: baris 2: sel lebih dari 131.072")
    assert _count(workspace, Item) == 0


def test_a_missing_published_at_column_is_one_header_error(workspace: Workspace,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("source,text,tanggal\n" + "Grup,Pesan warga soal TPS,2024-11-25\n" * 30,
                    encoding="utf-8")
    result = _import(workspace, path)
    assert result.exit_code == 1
    assert "header: needs the columns source (or give --source), published_at and text " \
           "(or title); found source, text, tanggal" in result.stderr
    assert "row 2" not in result.stderr


@pytest.mark.parametrize(("content", "message"), [
    # Windows-1252 has no character for 0x81: neither UTF-8 nor Windows-1252.
    (b"source,text,published_at\nGrup,Pesan \x81,2024-11-25T19:20\n",
     "posts.csv: not UTF-8 or Windows-1252 text (line 2, byte 36)"),
    # A UTF-16 file cut in the middle of a character.
    ("source\ttext\tpublished_at\r\nGrup\tPesan\t2024-11-25T19:20\r\n".encode("utf-16")[:-1],
     "posts.csv: not UTF-16 text (after line 1)"),
])
def test_a_file_its_encoding_cannot_read_is_one_line(workspace: Workspace, tmp_path: Path,
                                                     content: bytes, message: str) -> None:
    path = tmp_path / "posts.csv"
    path.write_bytes(content)
    result = _import(workspace, path, lang="en")
    assert result.exit_code == 1
    assert message in result.stderr
    assert _count(workspace, Item) == 0


def test_imported_posts_carry_no_account_name_whatever_the_source(workspace: Workspace,
                                                                   tmp_path: Path) -> None:
    """README: for public posts (social sources and imports) the stored and exported
    address and guid carry no account name. A post imported under the name of a source
    that already exists as a news source kept it (the check looked only at the source)."""
    from feeds.sources import add_source

    with workspace.session() as session:
        add_source(session, "https://kabar.example/rss", "Kabar Cirebon", "news")
    path = tmp_path / "posts.jsonl"
    path.write_text(
        '{"source": "Kabar Cirebon", "kind": "social", "author": "warga_sumber", '
        '"url": "https://mastodon.example/@warga_sumber/113000000000000001", '
        '"text": "Surat suara sudah dicoblos", "published_at": "2026-11-25T08:00:00+07:00"}\n')
    result = _import(workspace, path)
    assert result.exit_code == 0, result.output
    with workspace.session() as session:
        item = session.scalar(select(Item))
        assert item.url == item.link == "https://mastodon.example/statuses/113000000000000001"
        assert "warga_sumber" not in (item.guid or "")
        assert item.author_handle is None and item.author_hash


def test_excel_numbers_in_posts_files(workspace: Workspace, tmp_path: Path) -> None:
    """Excel (id-ID) saved a region code as a number (32,1 for 32.10) and tweet ids in
    scientific notation (1,85123E+18, digits lost: two posts would share one id)."""
    from sejuk.db.models import ItemRegion

    path = tmp_path / "posts.csv"
    path.write_bytes((EXCEL / "posts.csv").read_bytes())
    result = _import(workspace, path)
    assert result.exit_code == 0, result.output
    with workspace.session() as session:
        post = session.scalar(select(Item).where(Item.guid == "tg-4821"))
        assert post is not None
        assert "32.10" in session.scalars(select(ItemRegion.region_code)
                                          .where(ItemRegion.item_id == post.id)).all()
    bad = tmp_path / "posts_rusak.csv"
    bad.write_bytes((EXCEL / "posts_rusak.csv").read_bytes())
    result = _import(workspace, bad, lang="id")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"error: {bad.name}: 2 baris tidak valid, tidak ada yang diimpor: baris 2: id "
        "'1,85123E+18' ditulis dalam notasi ilmiah"), result.stderr
    assert "; baris 3: id '1,85123E+18'" in result.stderr
    result = _import(workspace, bad)
    assert "row 2: id '1,85123E+18' is in scientific notation: Excel read it as a number" \
        in result.stderr
    assert _count(workspace, Item) == 2
