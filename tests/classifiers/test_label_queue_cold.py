"""The label queue's cold start: until the active model has learnt from the district's own
labels its doubts are about text it never saw, so the queue is a random sample of recent
items, drawn in turn from those the cue lexicons vote for, against and neither, and says
so; after training on the district's labels it ranks by uncertainty again.
Reasons are worded in the command's language."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from classifiers.active import COLD_START, district_labels, label_queue, warm_labels
from classifiers.dataset import read_labelled_csv
from classifiers.registry import promote
from classifiers.workflow import classify_pending, train_from_set, training_data
from sejuk import actions
from sejuk.access.auth import Principal
from sejuk.cli import app
from sejuk.db.models import Item
from sejuk.signals import active_version
from sejuk.workspace import Workspace
from tests.classifiers.stream import TEXTS, add_starter_and_items

DATA = Path(__file__).parent.parent / "data"


def test_district_labels_count_files_and_dashboard_not_the_starter_or_claims() -> None:
    card = {"components": {
        "hoaks": {"sources": {"starter:umpo_tweets": 2940, "file:polres.csv": 14,
                              "dashboard": 11, "factcheck": 300}},
        "provokasi": {"sources": {"starter:ibrohim_hs": 9882, "dashboard": 5}}}}
    assert district_labels(card) == {"hoaks": 25, "provokasi": 5}
    assert warm_labels(card) == {"hoaks"}  # per label: provokasi's doubts are the starter's
    assert district_labels({}) == {} and warm_labels({}) == frozenset()
    assert district_labels({"components": {"hoaks": {"trained": False}}}) == {"hoaks": 0}


def test_the_starter_queue_is_a_random_sample_until_the_district_labels_are_learnt(
        workspace: Workspace) -> None:
    add_starter_and_items(workspace)
    with workspace.session() as session:
        card = active_version(session).card  # type: ignore[union-attr]
        assert district_labels(card) == {"hoaks": 0, "provokasi": 0}  # the starter
        queue = label_queue(session, None, None, 10)
    assert len(queue) == 10
    # drawn in turn from the items the hoaks cue words vote for (the forwards asking to be
    # spread), proposed for hoaks, and from the rest
    assert [q.why for q in queue] == ["cue", "cold"] * 5
    texts = dict(zip(range(1, 31), TEXTS, strict=True))
    assert all("sebarkan" in texts[q.item_id] and q.label == "hoaks"
               for q in queue if q.why == "cue")
    assert all("sebarkan" not in texts[q.item_id] for q in queue if q.why == "cold")
    assert all(f"belum belajar dari {COLD_START} label" in q.reason for q in queue)
    assert "cocok dengan kata isyarat hoaks" in queue[0].reason
    with workspace.session() as session:  # a skipped item leaves before ranking
        passed = label_queue(session, None, None, 10, skip={queue[0].item_id})
    assert [q.why for q in passed] == ["cue", "cold"] * 5, "its turn goes on, not over"
    assert passed[0].item_id == queue[2].item_id
    # the district's labels learnt: uncertainty ranks every other place again
    outcome = train_from_set(workspace, read_labelled_csv(DATA / "labelled_small.csv",
                                                          ("hoaks", "provokasi")))
    with workspace.session() as session:  # an analyst promotes it on the Model page
        promote(session, outcome.version, workspace.settings.models_dir,
                workspace.settings.classifier, actor="analis", force=True)
    classify_pending(workspace)
    with workspace.session() as session:
        assert warm_labels(active_version(session).card) == {"hoaks", "provokasi"}  # type: ignore[union-attr]
        queue = label_queue(session, None, None, 10)
        passed = label_queue(session, None, None, 10, skip={queue[0].item_id})
    assert [q.why for q in queue] == ["uncertain", "sample"] * 5
    assert "dekat ambang" in queue[0].reason
    assert [q.why for q in passed] == ["uncertain", "sample"] * 5
    assert queue[0].item_id not in {q.item_id for q in passed}


def test_the_command_words_its_reasons_in_its_language(workspace: Workspace) -> None:
    add_starter_and_items(workspace)
    runner = CliRunner()
    home = str(workspace.home)
    indonesian = runner.invoke(app, ["label-queue", "--home", home, "--n", "2"])
    english = runner.invoke(app, ["--lang", "en", "label-queue", "--home", home, "--n", "2"])
    assert indonesian.exit_code == english.exit_code == 0, english.output
    assert "contoh acak" in indonesian.stdout and "model belum belajar" in indonesian.stdout
    assert "random sample" in english.stdout and "has not yet learnt" in english.stdout
    assert "contoh acak" not in english.stdout


def test_dashboard_labels_of_one_label_warm_that_label_only(workspace: Workspace) -> None:
    """An analyst labels hoaks on the labelling page, trains and promotes: hoaks's doubts
    rank the queue again; provokasi, kept from the starter, stays out of the ranking."""
    add_starter_and_items(workspace)
    analyst = Principal("analis", "analyst")
    with workspace.session() as session:
        ids = session.scalars(select(Item.id).order_by(Item.id)).all()
        for n, item_id in enumerate(ids[:COLD_START + 1]):
            actions.add_label(session, analyst, item_id, "hoaks", n % 2,
                              labels=("hoaks", "provokasi"))
    outcome = train_from_set(workspace, training_data(workspace))
    assert outcome.trained == ("hoaks",)
    with workspace.session() as session:
        promote(session, outcome.version, workspace.settings.models_dir,
                workspace.settings.classifier, actor="analis", force=True)
    classify_pending(workspace)
    with workspace.session() as session:
        card = active_version(session).card  # type: ignore[union-attr]
        assert district_labels(card) == {"hoaks": COLD_START + 1, "provokasi": 0}
        queue = label_queue(session, None, None, 10)
    assert "cold" not in {q.why for q in queue}
    ranked = [q for q in queue if q.why == "uncertain"]
    assert ranked and {q.label for q in ranked} == {"hoaks"}
    assert {q.item_id for q in ranked} <= set(ids[COLD_START + 1:])  # still lacking hoaks
