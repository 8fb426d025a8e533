"""Scoring stored items with a model version: probabilities, flags and reasons.

``flagged`` is decided here, once, from the per-label thresholds (a setting when given,
else the model's own balanced threshold, see :mod:`classifiers.model`), so that
"flagged items" is an indexed query everywhere else. The probabilities are always
stored; what is *not* flagged, whatever the model says:

- a debunk, as the hoax it refutes (``hoaks``);
- anything a fact-check source publishes: its items are refutations, and restating a
  provocative claim to refute it is no unrest signal. (A debunk-looking text from any
  other source can still be ``provokasi``: "tidak benar ..., ayo kepung kantor KPU".)
- plainly English text (:func:`feeds.normalize.looks_english`): the model reads
  Indonesian, and its scores for English say nothing. Claim matching still applies.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from classifiers.model import TextModel
from feeds.debunk import looks_like_debunk
from feeds.normalize import looks_english
from sejuk.db.models import Item, ModelVersion, Prediction, Source
from sejuk.settings import ClassifierSettings
from sejuk.timeutil import utc_now

#: Labels a debunk must never carry: it restates the claim only to refute it.
DEBUNK_SUPPRESSED = frozenset({"hoaks"})
BATCH = 2000


def item_text(title: str, text: str) -> str:
    return f"{title}\n{text}" if title else text


def _never_flagged(is_debunk: bool, source_kind: str | None, text: str,
                   labels: Sequence[str]) -> frozenset[str]:
    """The labels an item must not carry whatever its probability (see module doc)."""
    if source_kind == "factcheck" or looks_english(text[:2000]):
        return frozenset(labels)
    return DEBUNK_SUPPRESSED if is_debunk else frozenset()


def flag_texts(model: TextModel, texts: Sequence[str], proba: NDArray[np.float64],
               overrides: dict[str, float] | None = None) -> NDArray[np.bool_]:
    """Flags (rows x labels) for texts from no known source, as the product would set
    them: the threshold in force and the never-flag rules (a text that reads as a
    debunk is no hoax; plainly English text is never flagged). ``sejuk evaluate`` scores
    a file this way, so its figures are the product's."""
    flags = np.zeros(proba.shape, dtype=bool)
    cut = [model.threshold(label, overrides) for label in model.labels]
    for i, text in enumerate(texts):
        never = _never_flagged(looks_like_debunk("", text), None, text, model.labels)
        for j, label in enumerate(model.labels):
            flags[i, j] = proba[i, j] >= cut[j] and label not in never
    return flags


def classify_items(
    session: Session,
    version: ModelVersion,
    model: TextModel,
    settings: ClassifierSettings,
    item_ids: Sequence[int] | None = None,
    *,
    new_only: bool = False,
) -> int:
    """(Re)score items with ``version``; all items lacking its predictions by default.

    ``new_only`` (the ingest backlog): score only those of ``item_ids`` the version has
    not scored yet (a promotion may have scored some meanwhile) and add them to the
    daily rollup instead of recounting the cells they fall in, so the cost of a large
    import grows with the items, not with the size of the days and areas they fill.
    """
    if new_only and item_ids is not None:
        done = set(session.scalars(select(Prediction.item_id).where(
            Prediction.model_version_id == version.id,
            Prediction.item_id.in_(list(item_ids)))))
        item_ids = [i for i in item_ids if i not in done]
    if item_ids is None:
        scored = select(Prediction.item_id).where(Prediction.model_version_id == version.id)
        item_ids = list(session.scalars(select(Item.id).where(Item.id.not_in(scored))
                                        .order_by(Item.id)))
    total = 0
    now = utc_now()
    for start in range(0, len(item_ids), BATCH):
        chunk = list(item_ids[start : start + BATCH])
        rows = session.execute(
            select(Item.id, Item.title, Item.text, Item.is_debunk, Source.kind)
            .outerjoin(Source, Source.id == Item.source_id).where(Item.id.in_(chunk))
        ).all()
        if not rows:
            continue
        texts = [item_text(r.title, r.text) for r in rows]
        proba, reasons = model.score(texts)
        values = []
        cut = {label: model.threshold(label, settings.thresholds) for label in model.labels}
        for i, row in enumerate(rows):
            never = _never_flagged(row.is_debunk, row.kind, texts[i], model.labels)
            for j, label in enumerate(model.labels):
                p = float(proba[i, j])
                flagged = p >= cut[label] and label not in never
                values.append({"item_id": row.id, "model_version_id": version.id,
                               "label": label, "probability": round(p, 5), "flagged": flagged,
                               "reasons": reasons[i].get(label, []), "scored_at": now})
        session.execute(delete(Prediction).where(Prediction.model_version_id == version.id,
                                                 Prediction.item_id.in_([r.id for r in rows])))
        session.execute(insert(Prediction), values)
        total += len(rows)
    if total:  # the area x day rollup priorities read
        from sejuk.signals.rollup import add_to_rollup, refresh_rollup

        if new_only:
            add_to_rollup(session, version.id, item_ids)
        else:
            refresh_rollup(session, version.id, item_ids)
    return total


def reflag(session: Session, version: ModelVersion, model: TextModel,
           settings: ClassifierSettings, item_ids: Sequence[int] | None = None) -> int:
    """Re-apply the thresholds in force and the never-flag rules to ``version``'s stored
    predictions (of ``item_ids`` only, when given: the items whose debunk status just
    changed); how many (item, label) flags changed.

    A version coming back into service (rollback, re-promotion) scored its items under
    the thresholds and rules of that time. Its probabilities and reasons still hold (same
    model), so only the flags are recomputed, with no model run. Only the predictions
    that are flagged or reach the threshold are read (a prediction below it stays
    unflagged whatever the rules say), batch by batch. An item whose text retention has
    purged can lose a flag but never gain one: the rules cannot be checked on it.
    """
    from sejuk.signals.rollup import refresh_rollup

    total = 0
    touched: set[int] = set()
    for label in model.labels:
        cut = model.threshold(label, settings.thresholds)
        last = 0
        while True:
            rows = session.execute(
                select(Prediction.item_id, Prediction.probability, Prediction.flagged,
                       Item.is_debunk, Item.title, Item.text_purged_at, Source.kind,
                       func.substr(Item.text, 1, 2000).label("head"))
                .join(Item, Item.id == Prediction.item_id)
                .outerjoin(Source, Source.id == Item.source_id)
                .where(Prediction.model_version_id == version.id, Prediction.label == label,
                       Prediction.item_id > last,
                       or_(Prediction.flagged.is_(True), Prediction.probability >= cut),
                       *(() if item_ids is None else (Prediction.item_id.in_(item_ids),)))
                .order_by(Prediction.item_id).limit(BATCH)).all()
            if not rows:
                break
            last = rows[-1].item_id
            changed = []
            for row in rows:
                should = row.probability >= cut and label not in _never_flagged(
                    row.is_debunk, row.kind, item_text(row.title or "", row.head or ""),
                    model.labels)
                if should and not row.flagged and row.text_purged_at is not None:
                    should = False
                if should != row.flagged:
                    changed.append({"item_id": row.item_id, "model_version_id": version.id,
                                    "label": label, "flagged": should})
                    touched.add(row.item_id)
            if changed:
                session.execute(update(Prediction), changed)
                total += len(changed)
    if touched:
        refresh_rollup(session, version.id, sorted(touched))
    return total
