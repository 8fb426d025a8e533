"""Analyst labels: the training data of the next model, recorded with who and when.

Every label and every undo is audited in the same transaction. A label is a 0/1 value for
one configured label on one stored item; labelling the same item and label again
replaces the earlier value (the latest judgement counts).
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sejuk.access import audit
from sejuk.db.models import Item, Label
from sejuk.errors import InputError, NotFound
from sejuk.phrases import Phrases

_LABELS: Phrases = {
    "unknown": {"id": "label tidak dikenal: {label!r}; label yang diatur: {labels}",
                "en": "unknown label {label!r}; configured labels are {labels}"},
    "value": {"id": "nilai label adalah 0 atau 1 (bukan {value!r})",
              "en": "a label value is 0 or 1 (not {value!r})"},
    "no_item": {"id": "tidak ada item {item}", "en": "no item {item}"},
    "no_label": {"id": "tidak ada label {label}", "en": "no label {label}"},
    "drawn": {"id": "cara item diambil tidak dikenal: {drawn!r}; yang dikenal: {draws}",
              "en": "unknown way the item was drawn: {drawn!r}; known: {draws}"},
}

#: How the labelling queue can draw an item (:attr:`classifiers.active.QueueItem.why`).
DRAWS = ("cold", "sample", "uncertain", "cue")
#: The draws made at random from the stream's recent items, not by the model's doubts (the
#: cold start draws at random within strata of the cue lexicons' votes): their labels,
#: weighed by stratum, measure the active model on the stream (:mod:`classifiers.live`).
AT_RANDOM = ("cold", "cue", "sample")


def add_label(session: Session, item_id: int, label: str, value: int, user: str, *,
              labels: tuple[str, ...] = ("hoaks", "provokasi"),
              drawn: str | None = None) -> int:
    """Record ``user``'s judgement that item ``item_id`` is (1) or is not (0) ``label``.

    ``drawn``: how the labelling queue drew the item (one of :data:`DRAWS`), None when the
    analyst chose it; labels of random draws measure the active model (:mod:`classifiers.live`)."""
    if label not in labels:
        raise InputError.said(_LABELS, "unknown", label=label, labels=", ".join(labels))
    if value not in (0, 1):
        raise InputError.said(_LABELS, "value", value=value)
    if drawn is not None and drawn not in DRAWS:
        raise InputError.said(_LABELS, "drawn", drawn=drawn, draws=", ".join(DRAWS))
    if session.get(Item, item_id) is None:
        raise NotFound.said(_LABELS, "no_item", item=item_id)
    session.execute(delete(Label).where(Label.item_id == item_id, Label.label == label,
                                        Label.origin == "dashboard"))
    row = Label(item_id=item_id, label=label, value=value, origin="dashboard", drawn=drawn,
                created_by=user)
    session.add(row)
    session.flush()
    audit.record(session, user, "label.add", f"item:{item_id}", label=label, value=value,
                 drawn=drawn)
    return row.id


def undo_label(session: Session, label_id: int, user: str) -> None:
    """Remove a label (the labelling page's undo); audited."""
    row = session.get(Label, label_id)
    if row is None:
        raise NotFound.said(_LABELS, "no_label", label=label_id)
    audit.record(session, user, "label.undo", f"item:{row.item_id}", label=row.label,
                 value=row.value, label_id=label_id)
    session.delete(row)


def label_counts(session: Session) -> dict[str, tuple[int, int]]:
    """Positives and negatives analysts gave per label in the dashboard."""
    from sqlalchemy import func

    counts: dict[str, list[int]] = {}
    for label, value, n in session.execute(select(Label.label, Label.value, func.count())
                                           .group_by(Label.label, Label.value)):
        counts.setdefault(label, [0, 0])[0 if value else 1] += int(n)
    return {label: (pos, neg) for label, (pos, neg) in counts.items()}

