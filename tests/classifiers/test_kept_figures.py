"""A version trained from data that judges only some labels keeps the active model's
components for the others: their figures are carried into its card and metrics, marked
as kept (from which version, measured in which training, on which data), shown by
``sejuk status``, ``sejuk models list`` and the Model page, and never weighed by the
promotion gate, which compares only what was retrained."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from classifiers.dataset import UNKNOWN, LabelledSet, read_labelled_csv
from classifiers.registry import promote
from classifiers.workflow import TrainOutcome, train_from_set
from sejuk.cli import app
from sejuk.db.models import ModelVersion
from sejuk.errors import ModelError
from sejuk.reads.status import workspace_status
from sejuk.workspace import Workspace
from tests.places import version_file

DATA = Path(__file__).parent.parent / "data"
LABELS = ("hoaks", "provokasi")
runner = CliRunner()


@pytest.fixture(scope="module")
def small() -> LabelledSet:
    return read_labelled_csv(DATA / "labelled_small.csv", LABELS)


def hoaks_only(data: LabelledSet) -> LabelledSet:
    """The same rows judging ``hoaks`` alone (a Polres file with no provokasi column)."""
    y = data.y.copy()
    y[:, LABELS.index("provokasi")] = UNKNOWN
    return LabelledSet(list(data.texts), y, LABELS, origins=list(data.origins))


@pytest.fixture
def partial(workspace: Workspace, small: LabelledSet) -> tuple[TrainOutcome, TrainOutcome]:
    """v1 trained on both labels (active), v2 on hoaks alone (a candidate keeping v1's
    provokasi)."""
    first = train_from_set(workspace, small)
    second = train_from_set(workspace, hoaks_only(small))
    assert first.promoted and not second.promoted
    assert second.trained == ("hoaks",) and second.kept == {"provokasi": first.version}
    return first, second


def _version(workspace: Workspace, version_id: int) -> ModelVersion:
    with workspace.session() as session:
        version = session.get(ModelVersion, version_id)
        session.expunge(version)
        return version


def test_the_kept_components_figures_are_carried_and_marked(
        workspace: Workspace, partial: tuple[TrainOutcome, TrainOutcome]) -> None:
    first, second = (_version(workspace, o.version) for o in partial)
    assert list(second.metrics["labels"]) == ["hoaks"]
    assert second.metrics["macro_f1"] == second.metrics["labels"]["hoaks"]["macro_f1"]
    kept = second.metrics["kept"]["provokasi"]
    measured = first.metrics["labels"]["provokasi"]
    assert {k: kept[k] for k in measured} == measured, "v1's own cross-validated figures"
    assert kept["ece"] == first.metrics["ece"]["provokasi"]
    assert (kept["kept_from"], kept["measured_in"]) == (first.id, first.id)
    assert kept["scored_on"] == first.card["evaluation"]["provokasi"]["scored_on"] == "local"
    assert kept["data"] == {"n": 48, "local": 48, "sources": {"file:labelled_small.csv": 48},
                            "data_sha256": first.card["data_sha256"]}
    card = json.loads(version_file(workspace.settings.home, second.id, ".json").read_text())
    assert card["kept"] == {"provokasi": kept}
    assert card["metrics"] == {k: v for k, v in second.metrics.items() if k != "kept"}


def test_a_component_kept_twice_says_where_it_was_measured(
        workspace: Workspace, small: LabelledSet,
        partial: tuple[TrainOutcome, TrainOutcome]) -> None:
    first, second = partial
    with workspace.session() as session:
        promote(session, second.version, workspace.settings.models_dir,
                workspace.settings.classifier, actor="admin", force=True)
    third = train_from_set(workspace, hoaks_only(small))
    kept = _version(workspace, third.version).metrics["kept"]["provokasi"]
    assert (kept["kept_from"], kept["measured_in"]) == (second.version, first.version)
    assert kept["f1"] == _version(workspace, first.version).metrics["labels"]["provokasi"]["f1"]


def test_status_and_models_list_show_every_label(
        workspace: Workspace, partial: tuple[TrainOutcome, TrainOutcome]) -> None:
    first, second = partial
    with workspace.session() as session:
        promote(session, second.version, workspace.settings.models_dir,
                workspace.settings.classifier, actor="admin", force=True)
        status = workspace_status(session, workspace.settings)
    assert status["model"]["version"] == second.version
    assert set(status["model"]["metrics"]["labels"]) == {"hoaks"}
    assert status["model"]["metrics"]["kept"]["provokasi"]["kept_from"] == first.version
    home = str(workspace.settings.home)
    workspace.close()
    provokasi = _version_f1(home, first.version)
    listed = json.loads(runner.invoke(app, ["models", "list", "--home", home, "--json"]).stdout)
    kept = listed[0]["metrics"]["kept"]["provokasi"]
    assert (listed[0]["version"], kept["kept_from"], kept["f1"]) == (
        second.version, first.version, provokasi)
    text = runner.invoke(app, ["--lang", "en", "models", "list", "--home", home]).output
    assert (f"provokasi F1 {provokasi:.3f} (component from v{first.version}, measured in "
            f"v{first.version})") in text
    said = runner.invoke(app, ["status", "--home", home]).output
    assert f"provokasi: komponen dari v{first.version}, macro-F1 " in said, said


def _version_f1(home: str, version_id: int) -> float:
    from sejuk.workspace import open_workspace

    ws = open_workspace(Path(home))
    try:
        with ws.session() as session:
            return float(session.get(ModelVersion, version_id).metrics["labels"]["provokasi"]
                         ["f1"])
    finally:
        ws.close()


def test_a_version_trained_before_the_figures_were_carried_still_shows_them(
        workspace: Workspace, partial: tuple[TrainOutcome, TrainOutcome]) -> None:
    """Versions registered before this change have no ``kept`` figures stored: they are
    looked up through the card's ``kept_from``."""
    first, second = partial
    with workspace.session() as session:
        version = session.get(ModelVersion, second.version)
        version.metrics = {k: v for k, v in version.metrics.items() if k != "kept"}
        version.card = {k: v for k, v in version.card.items() if k != "kept"}
    from sejuk.reads.admin import model_versions

    with workspace.session() as session:
        row = next(r for r in model_versions(session) if r.id == second.version)
    hoaks, provokasi = row.figures
    assert (hoaks.label, hoaks.kept_from) == ("hoaks", None)
    assert (provokasi.label, provokasi.kept_from, provokasi.measured_in) == (
        "provokasi", first.version, first.version)
    assert provokasi.f1 == _version(workspace, first.version).metrics["labels"]["provokasi"]["f1"]


def test_the_gate_weighs_only_the_retrained_labels(
        workspace: Workspace, partial: tuple[TrainOutcome, TrainOutcome]) -> None:
    """The gate's decision is the one it took before kept figures were carried: the
    candidate's macro-F1 over what it retrained against the active version's. The stored
    figures are set so that averaging the kept provokasi in (0.99) would flip it."""
    first, second = partial
    ours = _version(workspace, second.version).metrics["macro_f1"]
    assert ours < 0.95
    for theirs, refused in ((ours + 0.01, True), (ours - 0.01, False)):
        with workspace.session() as session:
            active = session.get(ModelVersion, first.version)
            active.metrics = {**active.metrics, "macro_f1": round(theirs, 4)}
            candidate = session.get(ModelVersion, second.version)
            kept = candidate.metrics["kept"]["provokasi"]
            candidate.metrics = {**candidate.metrics,
                                 "kept": {"provokasi": {**kept, "macro_f1": 0.99}}}
        assert float(np.mean([ours, 0.99])) > theirs  # what averaging would have weighed
        with workspace.session() as session:
            if refused:
                with pytest.raises(ModelError, match=(
                        rf"macro-F1 {ours:.3f}, below the active v{first.version} "
                        rf"\({theirs:.3f}\)")):
                    promote(session, second.version, workspace.settings.models_dir,
                            workspace.settings.classifier, actor="admin")
            else:
                promote(session, second.version, workspace.settings.models_dir,
                        workspace.settings.classifier, actor="admin")
    assert _version(workspace, second.version).status == "active"


def test_a_component_nobody_measured_is_kept_without_figures(
        workspace: Workspace, small: LabelledSet) -> None:
    """A version with no per-label figures (the earliest card format): its kept component
    says where it came from and that it was not measured, and invents no figure."""
    first = train_from_set(workspace, small)
    with workspace.session() as session:
        session.get(ModelVersion, first.version).metrics = {"n": 48, "macro_f1": 0.8}
    second = train_from_set(workspace, hoaks_only(small))
    kept = _version(workspace, second.version).metrics["kept"]
    assert kept == {"provokasi": {"measured_in": None, "kept_from": first.version}}
    home = str(workspace.settings.home)
    workspace.close()
    text = runner.invoke(app, ["models", "list", "--home", home]).output
    assert f"provokasi F1 tidak diukur (komponen dari v{first.version})" in text, text
