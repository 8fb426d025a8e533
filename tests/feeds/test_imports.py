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
runner = CliRunner()


def _count(ws: Workspace, model: type) -> int:
    with ws.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _import(ws: Workspace, path: Path, *extra: str):
    return runner.invoke(app, ["import", str(path), "--home", str(ws.home), *extra])


@pytest.mark.parametrize(("name", "rows"), [("posts.csv", 3), ("posts.jsonl", 2)])
def test_import_then_reimport_adds_nothing(workspace: Workspace, name: str,
                                           rows: int) -> None:
    first = _import(workspace, IMPORTS / name)
    assert first.exit_code == 0, first.output
    assert f"{rows} item baru" in first.stdout
    assert _count(workspace, Item) == rows
    again = _import(workspace, IMPORTS / name)
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
    result = _import(workspace, IMPORTS / "bad_rows.csv")
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "5 invalid row(s), nothing imported" in message
    for row, reason in [(3, "source is empty"), (4, "kemarin sore"),
                        (5, "text and title are both empty"), (6, "99.99"), (7, "myspace")]:
        assert f"row {row}: " in message and reason in message
    assert _count(workspace, Item) == 0
    assert _count(workspace, Source) == 0


@pytest.mark.parametrize(("content", "message"), [
    ('{"source": "A", "text": "x", "published_at": "2024-11-25"}\nnot json\n',
     "row 2: not valid JSON"),
    ('["a list"]\n', "row 1: not a JSON object"),
    ("a,b\n1,2\n", "header: needs the columns"),
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


def test_missing_file_is_one_line(workspace: Workspace, tmp_path: Path) -> None:
    result = _import(workspace, tmp_path / "nope.csv")
    assert result.exit_code == 1
    assert "no such file" in result.stderr
