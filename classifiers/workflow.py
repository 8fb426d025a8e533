"""The classifier's jobs as the CLI and the dashboard run them, over one workspace."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from classifiers.dataset import LabelledSet, read_labelled_csv
from classifiers.model import TrainingResult, train
from classifiers.registry import active_version, load_version, promote, register
from classifiers.scoring import classify_items
from sejuk import audit
from sejuk.db.models import ModelVersion
from sejuk.errors import ModelError
from sejuk.workspace import Workspace


@dataclass(frozen=True)
class TrainOutcome:
    version: int
    promoted: bool
    result: TrainingResult


def train_from_set(workspace: Workspace, data: LabelledSet, *, actor: str = audit.SYSTEM_ACTOR,
                   auto_promote: bool = True) -> TrainOutcome:
    """Train, register a new version, and promote it when there is no active model yet."""
    settings = workspace.settings
    result = train(data.texts, data.y, data.labels,
                   thresholds=dict(settings.classifier.thresholds))
    with workspace.session() as session:
        version = register(session, result, settings.models_dir, actor=actor)
        promoted = False
        if auto_promote and active_version(session) is None:
            promote(session, version.id, settings.models_dir, actor=actor)
            promoted = True
        return TrainOutcome(version=version.id, promoted=promoted, result=result)


def train_from_file(workspace: Workspace, path: Path, *, actor: str = audit.SYSTEM_ACTOR
                    ) -> TrainOutcome:
    data = read_labelled_csv(path, workspace.settings.classifier.labels)
    return train_from_set(workspace, data, actor=actor)


def classify_pending(workspace: Workspace, item_ids: list[int] | None = None,
                     rescore: bool = False) -> tuple[ModelVersion, int]:
    """Score items the active model has not scored yet (or ``item_ids``, or all)."""
    with workspace.session() as session:
        version = active_version(session)
        if version is None:
            raise ModelError("no active model; train one with `sejuk train`")
        model = load_version(version, workspace.settings.models_dir)
        ids = item_ids
        if rescore and ids is None:
            from sqlalchemy import select

            from sejuk.db.models import Item

            ids = list(session.scalars(select(Item.id)))
        count = classify_items(session, version, model, workspace.settings.classifier, ids)
        return version, count
