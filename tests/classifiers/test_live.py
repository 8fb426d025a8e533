"""The active model measured on the district's stream: the analysts' labels of items the
queue drew without the model, each cold-start stratum weighed by its share of the
stream, with intervals; labels of the model's doubts, of items an analyst chose, from
files, or given before the version was trained do not count."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from sklearn.metrics import f1_score, precision_score, recall_score
from sqlalchemy import select, update

from classifiers.active import AGAINST, FOR, NEITHER, cue_votes, recent_items, stratum
from classifiers.labels import add_label
from classifiers.live import (
    ENOUGH_LABELS,
    figures,
    live_figures,
    stratum_weights,
    stream_shares,
)
from sejuk.db.models import Item, Label, Prediction
from sejuk.errors import InputError
from sejuk.reads.status import workspace_status
from sejuk.signals import active_version
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace
from tests.classifiers.stream import add_starter_and_items


def test_unweighted_figures_are_sklearns_and_the_interval_holds_them() -> None:
    rng = np.random.default_rng(3)
    truth = rng.integers(0, 2, 60)
    flagged = np.where(rng.random(60) < 0.8, truth, 1 - truth)
    live = figures("hoaks", truth, flagged)
    assert live.scores.macro_f1 == pytest.approx(f1_score(truth, flagged, average="macro"))
    assert live.scores.precision == pytest.approx(precision_score(truth, flagged))
    assert live.scores.recall == pytest.approx(recall_score(truth, flagged))
    assert (live.labels, live.positives, live.flagged) == (60, truth.sum(), flagged.sum())
    for name, value in (("precision", live.scores.precision), ("recall", live.scores.recall),
                        ("macro_f1", live.scores.macro_f1)):
        low, high = live.intervals[name]  # type: ignore[misc]
        assert low <= value <= high and high - low < 0.5, name
    assert live.enough and live.covered == 1.0


def test_each_stratum_counts_as_its_share_of_the_stream_not_of_the_draws() -> None:
    """The cold start drew two items where a lexicon votes for the label (a tenth of the
    stream) and two of the rest (nine tenths): the figures are the stream's, as if its
    100 items had been labelled (10 hoaxes flagged, 45 ordinary items let through and 45
    flagged), not the four draws' (half of them hoaxes)."""
    truth, flagged, strata = [1, 1, 0, 0], [1, 1, 0, 1], [FOR, FOR, NEITHER, NEITHER]
    live = figures("hoaks", truth, flagged, strata, {FOR: 0.1, NEITHER: 0.9})
    stream_truth = [1] * 10 + [0] * 90
    stream_flags = [1] * 10 + [0] * 45 + [1] * 45
    assert live.scores.macro_f1 == pytest.approx(
        f1_score(stream_truth, stream_flags, average="macro"), abs=1e-9)
    assert live.scores.precision == pytest.approx(10 / 55)
    plain = figures("hoaks", truth, flagged)
    assert plain.scores.precision == pytest.approx(2 / 3)  # what the draws alone would say


def test_strata_without_labels_leave_part_of_the_stream_unmeasured() -> None:
    weights, covered = stratum_weights(np.array([FOR, FOR]), {FOR: 0.2, AGAINST: 0.5,
                                                             NEITHER: 0.3})
    assert covered == pytest.approx(0.2) and weights.tolist() == pytest.approx([0.1, 0.1])
    truth = [1, 0] * 20
    live = figures("hoaks", truth, truth, [FOR] * 40, {FOR: 0.2, NEITHER: 0.8})
    assert live.labels >= ENOUGH_LABELS and not live.enough  # four fifths unmeasured
    # one stratum (no cue lexicon): plain; the stream's strata unknown: nothing covered
    plain = stratum_weights(np.array([0, 2]), None)
    assert plain[0].tolist() == [1.0, 1.0] and plain[1] == 1.0
    unknown = stratum_weights(np.array([0, 2]), {})
    assert unknown[0].tolist() == [1.0, 1.0] and unknown[1] == 0.0


def test_labels_weighed_unevenly_are_worth_fewer_random_ones() -> None:
    """30 labels where a lexicon votes for the label (a tenth of the stream) and one of
    the rest (nine tenths): the one stands for most of the stream, so they are worth
    about one random label, not 31."""
    truth = [1, 0] * 15 + [0]
    live = figures("hoaks", truth, truth, [FOR] * 30 + [NEITHER], {FOR: 0.1, NEITHER: 0.9})
    assert live.labels == 31 and live.covered == pytest.approx(1.0)
    assert live.effective < 2 and not live.enough
    even = figures("hoaks", [1, 0] * 20, [1, 0] * 20, [FOR, NEITHER] * 20,
                   {FOR: 0.5, NEITHER: 0.5})
    assert even.effective == pytest.approx(40) and even.enough


def test_few_labels_are_an_early_hint_and_missing_figures_have_no_interval() -> None:
    live = figures("provokasi", [0, 0, 0, 1], [0, 0, 0, 0])
    assert not live.enough
    # nothing flagged: precision is not measured, which is not a precision of 0
    assert live.scores.precision is None and live.intervals["precision"] is None
    assert live.scores.recall == 0.0 and live.intervals["recall"] is not None
    shown = live.to_dict()
    assert shown["precision"] is None and shown["precision_interval"] is None
    assert shown["enough"] is False and shown["effective"] == 4.0


def test_the_stratum_follows_the_cold_starts_votes() -> None:
    labels = ["hoaks", "provokasi"]
    assert stratum(cue_votes("Waspada!! sebarkan ke grup keluarga, katanya", labels)) == FOR
    assert stratum(cue_votes("Warga kerja bakti membersihkan balai desa", labels)) == AGAINST
    assert stratum({}) == NEITHER


def test_the_streams_strata_are_read_from_items_spread_over_the_span(
        workspace: Workspace) -> None:
    """On a Polda's worst day the newest items are half an hour of the span the labels
    were drawn in: the shares are read from every n-th item of the whole span."""
    add_starter_and_items(workspace)
    since = utc_now() - timedelta(days=1)
    with workspace.session() as session:
        every = recent_items(session, since)
        spread = recent_items(session, since, spread=10)
        shares = stream_shares(session, workspace.settings.classifier.labels, since)
    assert len(every) == 30
    assert len(spread) == 10 and all(r.id % 3 == 0 for r in spread)
    # half forwards asking to be spread (for), half village news (against), none neither
    assert shares is not None
    assert shares[FOR] == pytest.approx(shares[AGAINST]) and shares[NEITHER] < 0.05


def test_only_drawn_labels_given_after_training_measure_the_active_model(
        workspace: Workspace) -> None:
    add_starter_and_items(workspace)
    labels = workspace.settings.classifier.labels
    with workspace.session() as session:
        version = active_version(session)
        assert version is not None
        assert live_figures(session, version, labels) == {}
        ids = list(session.scalars(select(Item.id).order_by(Item.id)))
        flags = dict(session.execute(select(Prediction.item_id, Prediction.flagged).where(
            Prediction.label == "hoaks", Prediction.model_version_id == version.id)).all())
        counted = []
        for n, item_id in enumerate(ids[:12]):  # drawn by the cold start or at random
            add_label(session, item_id, "hoaks", n % 2, "ana", labels=labels,
                      drawn=("cold", "cue", "sample")[n % 3])
            counted.append((n % 2, int(flags[item_id])))
        add_label(session, ids[12], "hoaks", 1, "ana", labels=labels, drawn="uncertain")
        add_label(session, ids[13], "hoaks", 1, "ana", labels=labels)  # chosen while reading
        early = add_label(session, ids[14], "hoaks", 1, "ana", labels=labels, drawn="cold")
        session.execute(update(Label).where(Label.id == early)
                        .values(created_at=version.trained_at - timedelta(minutes=1)))
        session.add(Label(item_id=ids[15], label="hoaks", value=1, origin="file:polres.csv",
                          drawn="sample", created_by="ana"))
        gone = ids[16]
        add_label(session, gone, "hoaks", 1, "ana", labels=labels, drawn="sample")
        session.execute(update(Label).where(Label.item_id == gone).values(item_id=None))
        add_label(session, ids[17], "provokasi", 0, "ana", labels=labels, drawn="sample")
        with pytest.raises(InputError, match=r"way the item was drawn: 'random'"):
            add_label(session, ids[18], "hoaks", 1, "ana", labels=labels, drawn="random")
    with workspace.session() as session:
        version = active_version(session)
        live = live_figures(session, version, labels)
        assert set(live) == {"hoaks", "provokasi"}
        assert live["hoaks"].labels == 12 and live["provokasi"].labels == 1
        assert live["hoaks"].positives == sum(t for t, _ in counted)
        assert live["hoaks"].flagged == sum(f for _, f in counted)
        status = workspace_status(session, workspace.settings)
    shown = status["model"]["live"]["hoaks"]
    assert shown["labels"] == 12 and shown["enough"] is False
    # the stream's strata were read (the forwards the lexicon votes for, the village news
    # it votes against): both hold labels
    assert shown["covered"] > 0.9 and 0 < shown["effective"] <= 12
    assert set(shown) >= {"precision", "recall", "f1", "macro_f1", "macro_f1_interval",
                          "precision_interval", "recall_interval", "covered"}
