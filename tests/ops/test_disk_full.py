"""A full disk: every command answers one line ("disk penuh saat menulis ...") and exit
code 1, and leaves nothing half-written: no temporary file, no partial output, no
half-stored batch. After space is freed the same command simply works.

The disk is real: a small tmpfs mounted for the test and filled up, so the kernel itself
answers ENOSPC at the write the test aims at. Mounting needs root (CI runs as root);
elsewhere these tests are skipped.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from feeds.sources import add_source
from sejuk.cli import app
from sejuk.db.models import Item, ModelVersion
from sejuk.workspace import Workspace, open_workspace
from tests.httpserver import running_server

DATA = Path(__file__).resolve().parents[1] / "data"
runner = CliRunner()


@pytest.fixture
def tiny_disk() -> Iterator[Callable[[Path, int], Path]]:
    """``tiny_disk(folder, kilobytes)`` mounts a tmpfs of that size on ``folder``."""
    mounted: list[Path] = []

    def mount(where: Path, kilobytes: int) -> Path:
        where.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs",
                               str(where)], capture_output=True, text=True, check=False)
        if done.returncode:
            pytest.skip(f"cannot mount a small tmpfs here (needs root): {done.stderr.strip()}")
        mounted.append(where)
        return where

    yield mount
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(where: Path, leave: int = 0) -> Path:
    """Fill ``where``'s file system up, then give back ``leave`` bytes."""
    filler = where / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    failure: OSError | None = None
    try:
        while failure is None:
            try:
                os.write(fd, b"\0" * 4096)
            except OSError as exc:
                failure = exc
    finally:
        os.close(fd)
    assert failure.errno == errno.ENOSPC
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def assert_one_clear_line(result: object, what: str) -> None:
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1, result.stderr  # type: ignore[attr-defined]
    assert lines[0].startswith("error: disk penuh saat menulis "), lines[0]
    assert what in lines[0]
    assert result.exception is None or isinstance(  # type: ignore[attr-defined]
        result.exception, SystemExit)  # type: ignore[attr-defined]


def leftovers(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*")
            if p.name.endswith((".tmp", ".part"))]


@pytest.mark.parametrize(("command", "target"), [
    (["items", "export", "--format", "csv", "--home", "{home}", "--out"], "export.csv"),
    (["tps", "template", "--out"], "tps.csv"),
    (["leaders", "template", "--out"], "tokoh.csv"),
])
def test_a_file_on_a_full_disk(workspace: Workspace, tmp_path: Path, tiny_disk: Callable,
                               command: list[str], target: str) -> None:
    disk = tiny_disk(tmp_path / "disk", 64)
    fill(disk)
    out = disk / target
    command = [part.format(home=workspace.home) for part in command]
    result = runner.invoke(app, [*command, str(out)])
    assert_one_clear_line(result, str(out))
    assert not out.exists()
    assert leftovers(disk, workspace.home) == []
    (disk / "filler.bin").unlink()
    again = runner.invoke(app, [*command, str(out)])
    assert again.exit_code == 0, again.output
    assert out.read_text(encoding="utf-8").strip()


def test_a_model_on_a_full_disk_is_not_registered(workspace: Workspace,
                                                   tiny_disk: Callable) -> None:
    """The red team's case: `models/model-vN.skops.tmp` was left behind with a 77-line
    traceback."""
    models = tiny_disk(workspace.settings.models_dir, 8192)
    fill(models)
    labels = str(DATA / "labelled_small.csv")
    result = runner.invoke(app, ["train", "--home", str(workspace.home), "--labels", labels])
    assert_one_clear_line(result, "model-v1-")
    assert [p.name for p in models.iterdir()] == ["filler.bin"]
    with workspace.session() as session:
        assert session.scalar(select(func.count()).select_from(ModelVersion)) == 0
    (models / "filler.bin").unlink()
    again = runner.invoke(app, ["train", "--home", str(workspace.home), "--labels", labels])
    assert again.exit_code == 0, again.output


def _entries_feed(n: int) -> bytes:
    items = "".join(
        f"<item><title>Kabar {i} dari Kecamatan Sumber</title>"
        f"<link>https://kabar.example/{i}</link><guid>k{i}</guid>"
        f"<description>{'Isi berita yang cukup panjang tentang persiapan TPS. ' * 8}"
        f"{i}</description></item>" for i in range(n))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Kabar</title>{items}'
            "</channel></rss>").encode()


def test_the_sqlite_database_on_a_full_disk(template_home: Path, tmp_path: Path,
                                            backend: str, tiny_disk: Callable) -> None:
    """SQLite's own file fills up while a collection stores its batch: one line, the
    batch rolled back whole, the database intact, and the next run stores everything."""
    if backend != "sqlite":
        pytest.skip("SQLite only; see the PostgreSQL test below")
    size = sum(p.stat().st_size for p in template_home.rglob("*") if p.is_file())
    disk = tiny_disk(tmp_path / "disk", size // 1024 + 32 * 1024)
    home = disk / "ws"
    shutil.copytree(template_home, home)
    ws = open_workspace(home)
    try:
        with running_server() as server, ws.session() as session:
            add_source(session, server.static("/kabar.xml", _entries_feed(1500)), "Kabar",
                       "news")
            session.commit()
            filler = fill(disk, leave=256 * 1024)
            result = runner.invoke(app, ["collect", "--home", str(home)])
            assert_one_clear_line(result, "basis data sqlite:///")
            assert leftovers(home) == []
            with ws.session() as check:
                assert check.scalar(select(func.count()).select_from(Item)) == 0
            filler.unlink()
            again = runner.invoke(app, ["collect", "--home", str(home), "--force"])
            assert again.exit_code == 0, again.output
            assert "1500 item baru" in again.stdout
    finally:
        ws.close()
    with sqlite3.connect(home / "sejuk.db") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _postgres(sql: str) -> None:
    """As the server's superuser (creating a tablespace needs one)."""
    subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-qAt", "-v",
                    "ON_ERROR_STOP=1", "-c", sql], check=True, capture_output=True)


@pytest.fixture
def full_tablespace(workspace: Workspace, backend: str,
                    tiny_disk: Callable) -> Iterator[Path]:
    """The workspace's ``items`` table moved to a tablespace on a small tmpfs."""
    if backend != "postgresql":
        pytest.skip("PostgreSQL only; see the SQLite test above")
    if shutil.which("runuser") is None:
        pytest.skip("needs runuser to reach the server's superuser")
    # not under pytest's private tmp_path: the server's user must reach the folder
    disk = tiny_disk(Path(tempfile.mkdtemp(prefix="sejuk-pgdisk-")), 4096)
    shutil.chown(disk, "postgres", "postgres")  # the tmpfs root, mounted over the folder
    # named after the folder's random suffix: a run killed mid-test leaves its tablespace
    # (a database still uses it), and a name from the test's name collided with it
    name = f"sejuk_tiny_{disk.name.removeprefix('sejuk-pgdisk-').lower()}"
    database = (workspace.home / ".test-database").read_text()
    _postgres(f"CREATE TABLESPACE {name} LOCATION '{disk}'")
    _postgres(f'GRANT CREATE ON TABLESPACE {name} TO sejuk_ci')
    try:
        with workspace.engine.begin() as connection:
            connection.exec_driver_sql(f"ALTER TABLE items SET TABLESPACE {name}")
        yield disk
    finally:
        workspace.close()
        _postgres(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        _postgres(f"DROP TABLESPACE IF EXISTS {name}")
        subprocess.run(["umount", "-l", str(disk)], check=False)
        shutil.rmtree(disk, ignore_errors=True)


def test_the_postgresql_database_on_a_full_disk(workspace: Workspace,
                                                full_tablespace: Path) -> None:
    """The server runs out of space for the items table (PostgreSQL's ``disk_full``):
    the same one line, nothing stored, and the next run stores everything."""
    with running_server() as server:
        with workspace.session() as session:
            add_source(session, server.static("/kabar.xml", _entries_feed(1500)), "Kabar",
                       "news")
        filler = fill(full_tablespace, leave=64 * 1024)
        result = runner.invoke(app, ["collect", "--home", str(workspace.home)])
        assert_one_clear_line(result, "basis data postgresql+psycopg://sejuk_ci:***@")
        with workspace.session() as session:
            assert session.scalar(select(func.count()).select_from(Item)) == 0
        filler.unlink()
        again = runner.invoke(app, ["collect", "--home", str(workspace.home), "--force"])
        assert again.exit_code == 0, again.output
        assert "1500 item baru" in again.stdout
