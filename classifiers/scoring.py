"""Scoring stored items with a model version: probabilities, flags and reasons.

``flagged`` is decided here, once, from the per-label thresholds (a setting when given,
else the model's own balanced threshold, see :mod:`classifiers.model`), so that
"flagged items" is an indexed query everywhere else. Debunks are never flagged as the
hoax they refute, whatever the model says about their wording.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from classifiers.model import TextModel
from sejuk.db.models import Item, ModelVersion, Prediction
from sejuk.settings import ClassifierSettings
from sejuk.timeutil import utc_now

#: Labels a debunk must never carry: it restates the claim only to refute it.
DEBUNK_SUPPRESSED = frozenset({"hoaks"})
BATCH = 2000


def item_text(title: str, text: str) -> str:
    return f"{title}\n{text}" if title else text


def classify_items(
    session: Session,
    version: ModelVersion,
    model: TextModel,
    settings: ClassifierSettings,
    item_ids: Sequence[int] | None = None,
) -> int:
    """(Re)score items with ``version``; all items lacking its predictions by default."""
    if item_ids is None:
        scored = select(Prediction.item_id).where(Prediction.model_version_id == version.id)
        item_ids = list(session.scalars(select(Item.id).where(Item.id.not_in(scored))
                                        .order_by(Item.id)))
    total = 0
    now = utc_now()
    for start in range(0, len(item_ids), BATCH):
        chunk = list(item_ids[start : start + BATCH])
        rows = session.execute(
            select(Item.id, Item.title, Item.text, Item.is_debunk).where(Item.id.in_(chunk))
        ).all()
        if not rows:
            continue
        texts = [item_text(r.title, r.text) for r in rows]
        proba = model.predict_proba(texts)
        reasons = model.reasons(texts)
        values = []
        cut = {label: model.threshold(label, settings.thresholds) for label in model.labels}
        for i, row in enumerate(rows):
            for j, label in enumerate(model.labels):
                p = float(proba[i, j])
                flagged = p >= cut[label] and not (
                    row.is_debunk and label in DEBUNK_SUPPRESSED)
                values.append({"item_id": row.id, "model_version_id": version.id,
                               "label": label, "probability": round(p, 5), "flagged": flagged,
                               "reasons": reasons[i].get(label, []), "scored_at": now})
        session.execute(delete(Prediction).where(Prediction.model_version_id == version.id,
                                                 Prediction.item_id.in_([r.id for r in rows])))
        session.execute(insert(Prediction), values)
        total += len(rows)
    if total:
        from sejuk.priorities import refresh_rollup  # the area x day rollup priorities read

        refresh_rollup(session, version.id, item_ids)
    return total
