"""Files of a model version a killed training never registered: removed once old enough,
never while young (a training running in another process), and audited.

A real ``sejuk train`` is killed with SIGKILL (:mod:`tests.killpoint`) after it wrote the
estimator, the card and the report of its version and before the version was committed,
on SQLite and on PostgreSQL (whose sequence never hands that number out again).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.db.models import AuditEntry, ModelVersion
from sejuk.workspace import Workspace, open_workspace
from tests.killpoint import killed_at

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent.parent / "data"
TRAIN = ["--no-bundled", "--labels", str(DATA / "labelled_small.csv")]
runner = CliRunner()


def _version_files(home: Path) -> dict[str, set[int]]:
    """Every ``model-vN.*`` file (temporary ones too) by kind: version numbers."""
    found: dict[str, set[int]] = {}
    for folder in (home / "models", home / "reports"):
        for path in folder.iterdir():
            if "model-v" in path.name:
                version = int(path.name.split("model-v")[1].split(".")[0])
                found.setdefault(path.name.lstrip(".").split(".")[1], set()).add(version)
    return found


def _registered(home: Path) -> set[int]:
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            return set(session.scalars(select(ModelVersion.id)))
    finally:
        ws.close()


def _prune_entries(home: Path) -> list[AuditEntry]:
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            entries = list(session.scalars(select(AuditEntry)
                                           .where(AuditEntry.action == "model.prune")
                                           .order_by(AuditEntry.id)))
            session.expunge_all()
            return entries
    finally:
        ws.close()


def _age(home: Path, version: int, hours: float) -> None:
    when = time.time() - hours * 3600
    for path in [*(home / "models").glob(f"*model-v{version}.*"),
                 *(home / "reports").glob(f"*model-v{version}.*")]:
        os.utime(path, (when, when))


def _copy_version(home: Path, source: int, target: int) -> None:
    """Files of ``target`` as a run killed just now would leave them (fresh)."""
    for folder, suffix in (("models", ".skops"), ("models", ".json"), ("reports", ".html")):
        shutil.copyfile(home / folder / f"model-v{source}{suffix}",
                        home / folder / f"model-v{target}{suffix}")


def test_a_killed_trainings_files_are_pruned_at_the_next_training(workspace: Workspace
                                                                   ) -> None:
    home = workspace.settings.home
    workspace.close()
    killed_at("classifiers.report:write_training_report:1:after", "train", "--home",
              str(home), *TRAIN)
    orphans = _version_files(home)
    assert not _registered(home), "the killed run registered nothing"
    assert orphans == {"skops": {1}, "json": {1}, "html": {1}}, orphans
    orphan = 1
    _age(home, orphan, hours=25)  # past the guard: a run killed yesterday
    young = 90  # a training in another process writing its files right now
    _copy_version(home, orphan, young)
    (home / "models" / "notes.txt").write_text("not Sejuk's")  # never touched

    result = runner.invoke(app, ["train", "--home", str(home), *TRAIN])
    assert result.exit_code == 0, result.output
    assert ("3 berkas model yatim dari versi tak terdaftar v1 dihapus: model-v1.json, "
            "model-v1.skops, model-v1.html"
            in result.output)
    registered = _registered(home)
    assert len(registered) == 1
    new = registered.pop()
    # SQLite hands number 1 out again; PostgreSQL's sequence moved on to 2.
    assert _version_files(home) == {"skops": {new, young}, "json": {new, young},
                                    "html": {new, young}}
    assert (home / "models" / "notes.txt").exists()
    entries = _prune_entries(home)
    assert [(e.target, sorted(e.details["files"])) for e in entries] == [
        ("v1", ["model-v1.html", "model-v1.json", "model-v1.skops"])]


def test_models_prune_lists_then_removes_only_old_unknown_files(workspace: Workspace) -> None:
    home = workspace.settings.home
    workspace.close()
    assert runner.invoke(app, ["train", "--home", str(home), *TRAIN]).exit_code == 0
    (registered,) = _registered(home)
    _age(home, registered, hours=1000)  # a registered version's files stay, however old
    _copy_version(home, registered, 40)
    _copy_version(home, registered, 41)
    _age(home, 40, hours=3)
    (home / "models" / ".model-v42.skops.12345.tmp").write_bytes(b"half a model")
    (home / "models" / ".model-v43.skops").write_bytes(b"someone's hidden file")
    _age(home, 42, hours=3)
    _age(home, 43, hours=3)

    listed = runner.invoke(app, ["models", "prune", "--home", str(home), "--dry-run",
                                 "--older-than", "2"])
    assert listed.exit_code == 0, listed.output
    assert ("4 berkas model yatim dari versi tak terdaftar v40, v42 akan dihapus: "
            in listed.output)
    english = runner.invoke(app, ["--lang", "en", "models", "prune", "--home", str(home),
                                  "--dry-run", "--older-than", "2"])
    assert ("Orphan model files of unregistered versions v40, v42 would be removed (4): "
            in english.output)
    assert _version_files(home)["skops"] == {registered, 40, 41, 42, 43}
    assert _prune_entries(home) == []

    default = runner.invoke(app, ["models", "prune", "--home", str(home)])
    assert "Tidak ada berkas model yatim yang lebih tua dari 24 jam." in default.output
    english = runner.invoke(app, ["--lang", "en", "models", "prune", "--home", str(home)])
    assert "No orphan model files older than 24 hours." in english.output

    assert runner.invoke(app, ["models", "prune", "--home", str(home), "--older-than",
                               "0.5"]).exit_code == 2  # below the guard's floor of 1 hour
    pruned = runner.invoke(app, ["--lang", "en", "models", "prune", "--home", str(home),
                                 "--older-than", "2"])
    assert pruned.exit_code == 0, pruned.output
    assert ("Orphan model files of unregistered versions v40, v42 removed (4): "
            ".model-v42.skops.12345.tmp, model-v40.json, model-v40.skops, model-v40.html"
            in pruned.output)
    # v41 is young; .model-v43.skops is no file Sejuk writes (hidden, not temporary)
    assert _version_files(home) == {"skops": {registered, 41, 43}, "json": {registered, 41},
                                    "html": {registered, 41}}
    (entry,) = _prune_entries(home)
    assert entry.target == "v40, v42" and len(entry.details["files"]) == 4
    promoted = runner.invoke(app, ["classify", "--home", str(home), "--all"])
    assert promoted.exit_code == 0, promoted.output  # the registered model still loads
