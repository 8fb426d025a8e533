"""Workspace creation and the one-line errors for workspaces that cannot be used."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from sejuk.db import current_revision, head_revision
from sejuk.errors import DatabaseError, SettingsError, WorkspaceError
from sejuk.regions.gazetteer import load_gazetteer
from sejuk.workspace import Workspace, init_workspace, open_workspace, resolve_home


def test_init_creates_settings_database_and_folders(workspace: Workspace) -> None:
    home = workspace.home
    assert (home / "sejuk.toml").is_file()
    if workspace.engine.dialect.name == "sqlite":
        assert (home / "sejuk.db").is_file()
    assert (home / "models").is_dir()
    assert current_revision(workspace.engine) == head_revision()


def test_init_uses_wal_and_busy_timeout(workspace: Workspace) -> None:
    if workspace.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with workspace.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_init_loads_the_whole_gazetteer_once(workspace: Workspace, tmp_path: Path) -> None:
    with workspace.engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM regions")).scalar()
    assert count == len(load_gazetteer())
    again = init_workspace(workspace.home)
    with again.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM regions")).scalar() == count
    again.close()


def test_init_keeps_existing_settings(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    home.mkdir()
    (home / "sejuk.toml").write_text('timezone = "Asia/Makassar"\n')
    ws = init_workspace(home)
    assert ws.settings.timezone == "Asia/Makassar"
    ws.close()


def test_open_missing_home_names_it(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="no such workspace directory"):
        open_workspace(tmp_path / "nope")


def test_open_folder_without_settings_is_not_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="not a Sejuk workspace"):
        open_workspace(tmp_path)


def test_open_file_instead_of_folder(tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(WorkspaceError, match="not a directory"):
        open_workspace(path)


def test_corrupt_settings_file(tmp_path: Path) -> None:
    (tmp_path / "sejuk.toml").write_text("labels = [")
    with pytest.raises(WorkspaceError, match="not a valid TOML"):
        open_workspace(tmp_path)


def test_unknown_setting_is_named(tmp_path: Path) -> None:
    (tmp_path / "sejuk.toml").write_text("[privacy]\nretention = 3\n")
    with pytest.raises(SettingsError, match=r"privacy\.retention: unknown setting"):
        open_workspace(tmp_path)


def test_corrupt_database_file(workspace: Workspace) -> None:
    if workspace.engine.dialect.name != "sqlite":
        pytest.skip("a database file exists only with SQLite")
    workspace.close()
    db = workspace.home / "sejuk.db"
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseError, match="file is not a database"):
        open_workspace(workspace.home)


def test_database_without_schema(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    home.mkdir()
    (home / "sejuk.toml").write_text("")
    sqlite3.connect(home / "sejuk.db").close()
    with pytest.raises(DatabaseError, match="holds no Sejuk schema"):
        open_workspace(home)


def test_unreachable_database_url(tmp_path: Path) -> None:
    (tmp_path / "sejuk.toml").write_text("")
    env = {"SEJUK_DB_URL": "postgresql://sejuk:secret@127.0.0.1:9/sejuk"}
    with pytest.raises(DatabaseError) as info:
        open_workspace(tmp_path, env=env)
    message = str(info.value)
    assert "127.0.0.1:9" in message
    assert "secret" not in message


def test_malformed_database_url(tmp_path: Path) -> None:
    (tmp_path / "sejuk.toml").write_text('[database]\nurl = "not a url"\n')
    with pytest.raises(DatabaseError, match="not valid"):
        open_workspace(tmp_path)


def test_resolve_home_precedence(tmp_path: Path) -> None:
    assert resolve_home(tmp_path / "a", {"SEJUK_HOME": str(tmp_path / "b")}) == tmp_path / "a"
    assert resolve_home(None, {"SEJUK_HOME": str(tmp_path / "b")}) == tmp_path / "b"
    assert resolve_home(None, {}).name == "sejuk"


def test_session_rolls_back_on_error(workspace: Workspace) -> None:
    from sejuk.db.models import Meta

    with pytest.raises(RuntimeError), workspace.session() as session:
        session.add(Meta(key="x", value="1"))
        session.flush()
        raise RuntimeError("boom")
    with workspace.session() as session:
        assert session.get(Meta, "x") is None


def test_demo_refuses_a_standard_workspace_and_adds_nothing(workspace: Workspace) -> None:
    """`sejuk demo --home` on real data (a mistyped path, or SEJUK_DB_URL naming the
    production database) would add fictional items, leaders and TPS and switch login off."""
    from sqlalchemy import func, select
    from typer.testing import CliRunner

    from sejuk.cli import app
    from sejuk.db.models import Item, Leader, Source, Tps

    result = CliRunner().invoke(app, ["demo", "--home", str(workspace.home), "--no-serve"])
    assert result.exit_code == 1
    assert "berisi ruang kerja standar" in result.stderr
    assert "Traceback" not in result.output
    assert workspace.kind() == "standard"
    with workspace.session() as session:
        for model in (Item, Leader, Source, Tps):
            assert session.scalar(select(func.count()).select_from(model)) == 0


def test_a_demo_workspace_may_be_built_again(tmp_path: Path) -> None:
    home = tmp_path / "demo"
    init_workspace(home, kind="demo").close()
    again = init_workspace(home, kind="demo")
    assert again.kind() == "demo"
    again.close()


@pytest.mark.parametrize(("url", "english", "indonesian"), [
    ("not a url", "database URL is not valid: 'not a url'",
     "URL basis data tidak valid: 'not a url'"),
    # a port that is no number raised a bare ValueError (a traceback); the password of a
    # URL too broken to parse was quoted back
    ("postgresql://u:secret@db:port/x", "database URL is not valid: 'postgresql://u:***@db:port/x'",
     "URL basis data tidak valid: 'postgresql://u:***@db:port/x'"),
    ("post gres://u:secret@db/x", "database URL is not valid: 'post gres://u:***@db/x'",
     "URL basis data tidak valid: 'post gres://u:***@db/x'"),
    ("nosuchdb://u:secret@127.0.0.1/x", "no driver for database URL nosuchdb://u:***@127.0.0.1/x: ",
     "tidak ada driver untuk URL basis data nosuchdb://u:***@127.0.0.1/x: "),
])
def test_a_bad_database_url_is_refused_in_the_readers_language(
        tmp_path: Path, url: str, english: str, indonesian: str) -> None:
    """Both refusals were English on an Indonesian workspace."""
    from typer.testing import CliRunner

    from sejuk.cli import app

    (tmp_path / "sejuk.toml").write_text(f'[database]\nurl = "{url}"\n')
    runner = CliRunner()
    result = runner.invoke(app, ["status", "--home", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"error: {indonesian}"), result.stderr
    result = runner.invoke(app, ["--lang", "en", "status", "--home", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"error: {english}"), result.stderr
    assert "secret" not in result.stderr
