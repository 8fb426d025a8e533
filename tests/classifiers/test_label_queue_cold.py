"""The label queue's cold start: until the active model has learnt from the district's own
labels its doubts are about text it never saw, so the queue is a random sample of recent
items and says so; after training on the district's labels it ranks by uncertainty again.
Reasons are worded in the command's language."""

from __future__ import annotations

import hashlib
from pathlib import Path

from typer.testing import CliRunner

from classifiers.active import COLD_START, district_labels, label_queue
from classifiers.dataset import read_labelled_csv
from classifiers.registry import promote
from classifiers.starter import install_starter
from classifiers.workflow import classify_pending, train_from_set
from sejuk.cli import app
from sejuk.db.models import Item
from sejuk.signals import active_version
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

DATA = Path(__file__).parent.parent / "data"
TEXTS = [f"kabar {n}: surat suara di TPS {n} sudah dicoblos, sebarkan" if n % 2 else
         f"warga desa {n} kerja bakti membersihkan balai sebelum pemungutan suara"
         for n in range(30)]


def test_district_labels_count_files_and_dashboard_not_the_starter_or_claims() -> None:
    card = {"components": {
        "hoaks": {"sources": {"starter:umpo_tweets": 2940, "file:polres.csv": 14,
                              "dashboard": 9, "factcheck": 300}},
        "provokasi": {"sources": {"starter:ibrohim_hs": 9882, "dashboard": 5}}}}
    assert district_labels(card) == 23  # the best-informed label: 14 + 9
    assert district_labels({}) == 0
    assert district_labels({"components": {"hoaks": {"trained": False}}}) == 0


def _add_items(workspace: Workspace) -> None:
    """The starter model installed as `sejuk init` leaves it, and 30 scored items."""
    with workspace.session() as session:
        assert install_starter(session, workspace.settings.classifier.labels,
                               workspace.settings.models_dir) is not None
        for text in TEXTS:
            session.add(Item(title="", text=text, published_at=utc_now(),
                             content_hash=hashlib.sha256(text.encode()).hexdigest()))
    classify_pending(workspace)


def test_the_starter_queue_is_a_random_sample_until_the_district_labels_are_learnt(
        workspace: Workspace) -> None:
    _add_items(workspace)
    with workspace.session() as session:
        card = active_version(session).card  # type: ignore[union-attr]
        assert district_labels(card) == 0  # the starter: no label of this district
        queue = label_queue(session, None, None, 10)
    assert len(queue) == 10
    assert {q.why for q in queue} == {"cold"}
    assert all(f"belum belajar dari {COLD_START} label" in q.reason for q in queue)
    # the district's labels learnt: uncertainty ranks every other place again
    outcome = train_from_set(workspace, read_labelled_csv(DATA / "labelled_small.csv",
                                                          ("hoaks", "provokasi")))
    with workspace.session() as session:  # an analyst promotes it on the Model page
        promote(session, outcome.version, workspace.settings.models_dir,
                workspace.settings.classifier, actor="analis", force=True)
    classify_pending(workspace)
    with workspace.session() as session:
        assert district_labels(active_version(session).card) >= COLD_START  # type: ignore[union-attr]
        queue = label_queue(session, None, None, 10)
    assert [q.why for q in queue] == ["uncertain", "sample"] * 5
    assert "dekat ambang" in queue[0].reason


def test_the_command_words_its_reasons_in_its_language(workspace: Workspace) -> None:
    _add_items(workspace)
    runner = CliRunner()
    home = str(workspace.home)
    indonesian = runner.invoke(app, ["label-queue", "--home", home, "--n", "2"])
    english = runner.invoke(app, ["--lang", "en", "label-queue", "--home", home, "--n", "2"])
    assert indonesian.exit_code == english.exit_code == 0, english.output
    assert "contoh acak" in indonesian.stdout and "model belum belajar" in indonesian.stdout
    assert "random sample" in english.stdout and "has not yet learnt" in english.stdout
    assert "contoh acak" not in english.stdout
