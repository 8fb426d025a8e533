"""What happens to newly collected items: scoring (and, as they land, claim matching and
narrative clustering). Shared by ``sejuk collect``, ``sejuk watch`` and the demo."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sejuk.errors import ModelError
from sejuk.workspace import Workspace

log = logging.getLogger(__name__)


def after_collect(workspace: Workspace, item_ids: Sequence[int]) -> int:
    """Score new items with the active model; returns how many were scored.

    A missing or unloadable model is reported and skipped: collection must not stop
    because the classifier cannot run, and the items are scored on the next run.
    """
    if not item_ids:
        return 0
    from feeds.narratives import cluster_items

    with workspace.session() as session:  # narratives need no model: cluster first
        cluster_items(session, list(item_ids))
    from classifiers.workflow import classify_pending, match_claims

    match_claims(workspace, list(item_ids))  # needs no model either: link to debunks

    try:
        _, count = classify_pending(workspace, list(item_ids))
    except ModelError as exc:
        log.warning("items stored but not scored: %s", exc)
        return 0
    return count
