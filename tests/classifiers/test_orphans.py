"""Files of a model version a killed training never registered: removed once old enough,
never while young (a training running in another process), and audited.

A real ``sejuk train`` is killed with SIGKILL (:mod:`tests.killpoint`) after it wrote the
estimator, the card and the report of its version and before the version was committed,
on SQLite and on PostgreSQL (whose sequence never hands that number out again).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.db.models import AuditEntry, ModelVersion
from sejuk.workspace import Workspace, open_workspace
from tests.killpoint import held_at, killed_at

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent.parent / "data"
TRAIN = ["--no-bundled", "--labels", str(DATA / "labelled_small.csv")]
runner = CliRunner()


def _version_files(home: Path) -> dict[str, set[int]]:
    """Every ``model-vN[-TOKEN].*`` file (temporary ones too) by kind: version numbers."""
    found: dict[str, set[int]] = {}
    for folder in (home / "models", home / "reports"):
        for path in folder.iterdir():
            if "model-v" in path.name:
                version = int(path.name.split("model-v")[1].split(".")[0].split("-")[0])
                found.setdefault(path.name.lstrip(".").split(".")[1], set()).add(version)
    return found


def _files_of(home: Path, version: int) -> list[Path]:
    return sorted([*(home / "models").glob(f"*model-v{version}[.-]*"),
                   *(home / "reports").glob(f"*model-v{version}[.-]*")])


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
    for path in _files_of(home, version):
        os.utime(path, (when, when))


def _copy_version(home: Path, source: int, target: int) -> list[str]:
    """Files of ``target`` as a run killed just now would leave them (fresh); their names."""
    names = []
    for path in _files_of(home, source):
        name = path.name.replace(f"model-v{source}", f"model-v{target}", 1)
        shutil.copyfile(path, path.with_name(name))
        names.append(name)
    return names


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
    stem = _files_of(home, orphan)[0].name.split(".")[0]
    assert re.fullmatch(r"model-v1-[0-9a-f]{16}", stem), stem  # a name no run writes again
    _age(home, orphan, hours=25)  # past the guard: a run killed yesterday
    young = 90  # a training in another process writing its files right now
    _copy_version(home, orphan, young)
    (home / "models" / "notes.txt").write_text("not Sejuk's")  # never touched

    result = runner.invoke(app, ["train", "--home", str(home), *TRAIN])
    assert result.exit_code == 0, result.output
    assert (f"3 berkas model yatim dari versi tak terdaftar v1 dihapus: {stem}.json, "
            f"{stem}.skops, {stem}.html"
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
        ("v1", [f"{stem}.html", f"{stem}.json", f"{stem}.skops"])]


def test_models_prune_lists_then_removes_only_old_unknown_files(workspace: Workspace) -> None:
    home = workspace.settings.home
    workspace.close()
    assert runner.invoke(app, ["train", "--home", str(home), *TRAIN]).exit_code == 0
    (registered,) = _registered(home)
    _age(home, registered, hours=1000)  # a registered version's files stay, however old
    v40 = _copy_version(home, registered, 40)
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
            f".model-v42.skops.12345.tmp, {', '.join(v40)}" in pruned.output)
    # v41 is young; .model-v43.skops is no file Sejuk writes (hidden, not temporary)
    assert _version_files(home) == {"skops": {registered, 41, 43}, "json": {registered, 41},
                                    "html": {registered, 41}}
    (entry,) = _prune_entries(home)
    assert entry.target == "v40, v42" and len(entry.details["files"]) == 4
    promoted = runner.invoke(app, ["classify", "--home", str(home), "--all"])
    assert promoted.exit_code == 0, promoted.output  # the registered model still loads


def test_a_workspace_from_before_the_token_keeps_its_files(workspace: Workspace) -> None:
    """Versions registered as ``model-vN.*`` (before file names had a token) still load
    and are never pruned; an old-style file of a number now owned under a tokened name
    is an orphan like any other."""
    home = workspace.settings.home
    workspace.close()
    assert runner.invoke(app, ["train", "--home", str(home), *TRAIN]).exit_code == 0
    (registered,) = _registered(home)
    for path in _files_of(home, registered):  # as a training before the token wrote them
        path.rename(path.with_name(f"model-v{registered}{''.join(path.suffixes)}"))
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            session.get(ModelVersion, registered).path = f"model-v{registered}.skops"
    finally:
        ws.close()
    _age(home, registered, hours=1000)
    assert runner.invoke(app, ["models", "prune", "--home", str(home)]).exit_code == 0
    assert len(_files_of(home, registered)) == 3  # still owned
    scored = runner.invoke(app, ["classify", "--home", str(home), "--all"])
    assert scored.exit_code == 0, scored.output

    assert runner.invoke(app, ["train", "--home", str(home), *TRAIN]).exit_code == 0
    newest = max(_registered(home))
    (home / "models" / f"model-v{newest}.skops").write_bytes(b"left by an old run")
    _age(home, newest, hours=30)
    pruned = runner.invoke(app, ["--lang", "en", "models", "prune", "--home", str(home)])
    assert f"removed (1): model-v{newest}.skops" in pruned.output, pruned.output
    assert len(_files_of(home, newest)) == 3 and len(_files_of(home, registered)) == 3


def test_a_training_between_the_sweeps_age_check_and_its_delete_loses_nothing(
        workspace: Workspace) -> None:
    """The race of the sweep: a real ``sejuk models prune`` is held after it found a killed
    run's files old and unowned, right before deleting the first; meanwhile a training
    registers a version (on SQLite under the killed run's number again). Its files
    survive the sweep going on, and its model loads."""
    home = workspace.settings.home
    sqlite = workspace.settings.db_url.startswith("sqlite")
    workspace.close()
    killed_at("classifiers.report:write_training_report:1:after", "train", "--home",
              str(home), *TRAIN)
    killed = [p.name for p in _files_of(home, 1)]
    _age(home, 1, hours=3)  # younger than the training's own 24-hour sweep
    with held_at("classifiers.registry:_remove:1:before", "--lang", "en", "models", "prune",
                 "--home", str(home), "--older-than", "2") as sweep:
        trained = runner.invoke(app, ["train", "--home", str(home), *TRAIN])
        assert trained.exit_code == 0, trained.output
    assert sweep.returncode == 0, sweep.stderr
    assert f"removed (3): {', '.join(sorted(killed[:2]) + killed[2:])}" in sweep.stdout, \
        sweep.stdout
    (version,) = _registered(home)
    assert version == 1 or not sqlite  # SQLite handed the killed run's number out again
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            stored = session.get(ModelVersion, version).path
    finally:
        ws.close()
    stem = stored.split(".")[0]
    assert sorted(p.name for p in _files_of(home, version)) == sorted(
        [f"{stem}.html", f"{stem}.json", f"{stem}.skops"])
    scored = runner.invoke(app, ["classify", "--home", str(home), "--all"])
    assert scored.exit_code == 0, scored.output
