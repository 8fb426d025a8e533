"""Which items are signalled, and under which labels: the one rule every reader counts.

An item is *signalled* when the active model version flagged it for any label, **or** it
repeats a debunked claim (a claim match) and ``hoaks`` is a configured label. Under a
label it counts when the version flagged it for that label, or it is claim-matched and the
label is ``hoaks``. Scoring alone decides what a debunk may carry (it never flags a
fact-check as ``hoaks``, but "tidak benar ..., ayo kepung kantor KPU" can be
``provokasi``), so readers do not filter debunks again. Counts are of distinct items.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from sejuk.db.models import ClaimMatch, Prediction

#: A claim match means a hoax lead: the item repeats a claim already refuted.
CLAIM_LABEL = "hoaks"


def claims_count(labels: Sequence[str]) -> bool:
    """Claim matches are signals only where ``hoaks``, what a match means, is configured."""
    return CLAIM_LABEL in labels


def signalled_clause(item_id: Any, version_id: int | None, *, claims: bool,
                     labels: Sequence[str] = (), min_confidence: float = 0.0,
                     flagged_only: bool = True) -> ColumnElement[bool] | None:
    """SQL: the item (``item_id``, a column of the outer query) is signalled.

    EXISTS a prediction of ``version_id`` (flagged unless ``flagged_only`` is off; of
    ``labels`` when given; probability at least ``min_confidence``) OR, with ``claims``
    and ``hoaks`` among ``labels`` when given, EXISTS a claim match (similarity at least
    ``min_confidence``). Correlated EXISTS probes of two primary keys (both start with
    item_id): a windowed query walks ``items.published_at`` once, where an IN over every
    flagged id would grow with the whole history. None when nothing can signal (no
    version and no claims): the caller's answer is empty.
    """
    tests: list[ColumnElement[bool]] = []
    if version_id is not None:
        pred = select(Prediction.item_id).where(Prediction.item_id == item_id,
                                                Prediction.model_version_id == version_id)
        if flagged_only:
            pred = pred.where(Prediction.flagged.is_(True))
        if labels:
            pred = pred.where(Prediction.label.in_(list(labels)))
        if min_confidence:
            pred = pred.where(Prediction.probability >= min_confidence)
        tests.append(pred.exists())
    if claims and (not labels or CLAIM_LABEL in labels):
        claim = select(ClaimMatch.item_id).where(ClaimMatch.item_id == item_id)
        if min_confidence:
            claim = claim.where(ClaimMatch.similarity >= min_confidence)
        tests.append(claim.exists())
    if not tests:
        return None
    return or_(*tests) if len(tests) > 1 else tests[0]


def claim_only_clause(item_id: Any, version_id: int | None,
                      label: str | None = None) -> ColumnElement[bool]:
    """SQL: the item is claim-matched and ``version_id`` did not flag it (for ``label``;
    for any label when None): what claim matching adds to the model's flags. Per-label
    counts read the flags grouped and add these, instead of probing every item."""
    claim = select(ClaimMatch.item_id).where(ClaimMatch.item_id == item_id).exists()
    if version_id is None:
        return claim
    flagged = select(Prediction.item_id).where(
        Prediction.item_id == item_id, Prediction.model_version_id == version_id,
        Prediction.flagged.is_(True))
    if label is not None:
        flagged = flagged.where(Prediction.label == label)
    return and_(claim, ~flagged.exists())


def signal_labels(flags: Iterable[str], claim_matched: bool, *,
                  claims: bool) -> tuple[str, ...]:
    """Python twin of :func:`label_clause` for rows already fetched: the labels an item
    counts under, sorted (empty: not signalled)."""
    out = set(flags)
    if claims and claim_matched:
        out.add(CLAIM_LABEL)
    return tuple(sorted(out))


def best_claim_links(session: Session, item_ids: Sequence[int]
                     ) -> dict[int, tuple[int, float]]:
    """item -> (debunk id, similarity) of its best claim match: highest similarity, then
    lowest debunk id (deterministic). Read in chunks of 500 ids."""
    ids = list(dict.fromkeys(item_ids))
    out: dict[int, tuple[int, float]] = {}
    for start in range(0, len(ids), 500):
        for item_id, debunk_id, similarity in session.execute(
                select(ClaimMatch.item_id, ClaimMatch.debunk_item_id, ClaimMatch.similarity)
                .where(ClaimMatch.item_id.in_(ids[start:start + 500]))
                .order_by(ClaimMatch.item_id, ClaimMatch.similarity.desc(),
                          ClaimMatch.debunk_item_id)):
            out.setdefault(item_id, (debunk_id, float(similarity)))
    return out


__all__ = ["CLAIM_LABEL", "best_claim_links", "claim_only_clause", "claims_count",

           "signal_labels", "signalled_clause"]
