"""Fixtures of the ingest tests: a workspace with an active model."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifiers.dataset import parse_labelled_csv
from classifiers.workflow import train_from_set
from sejuk.workspace import Workspace

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def trained(workspace: Workspace) -> Workspace:
    """The workspace with an active model (so scoring and rollups have work to do) and
    imports stored 1,000 rows per transaction."""
    labelled = parse_labelled_csv((DATA / "labelled_small.csv").read_text(encoding="utf-8"),
                                  workspace.settings.classifier.labels, name="labelled")
    train_from_set(workspace, labelled)
    settings = workspace.home / "sejuk.toml"
    text = settings.read_text()
    settings.write_text(text.replace("batch_rows = 2000", "batch_rows = 1000")
                        if "batch_rows = 2000" in text
                        else text + "\n[imports]\nbatch_rows = 1000\n")
    return workspace
