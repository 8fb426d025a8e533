"""A workspace with the starter model active and a small stream of scored items, for the
tests of what analysts do with the active model (the label queue, its measurement)."""

from __future__ import annotations

import hashlib

from classifiers.starter import install_starter
from classifiers.workflow import classify_pending
from sejuk.db.models import Item
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

#: Alternately a forward asking to be spread and routine village news.
TEXTS = [f"kabar {n}: surat suara di TPS {n} sudah dicoblos, sebarkan" if n % 2 else
         f"warga desa {n} kerja bakti membersihkan balai sebelum pemungutan suara"
         for n in range(30)]


def add_starter_and_items(workspace: Workspace) -> None:
    """The starter model installed as `sejuk init` leaves it, and 30 scored items."""
    with workspace.session() as session:
        assert install_starter(session, workspace.settings.classifier.labels,
                               workspace.settings.models_dir) is not None
        for text in TEXTS:
            session.add(Item(title="", text=text, published_at=utc_now(),
                             content_hash=hashlib.sha256(text.encode()).hexdigest()))
    classify_pending(workspace)
