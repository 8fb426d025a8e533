"""Digest fixtures: a private copy of the demo workspace (the shared one stays pristine),
and hostile items planted in it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from sejuk.db.models import ClaimMatch, Item, ItemRegion, ModelVersion, Prediction, Source
from sejuk.digest.build import next_cutoff
from sejuk.timeutil import WIB
from sejuk.workspace import Workspace, open_workspace

SIX = datetime.min.time().replace(hour=6)

CRAFTED_TITLE = '<img src=x onerror=alert(1)>"><script>alert(2)</script> [klik](javascript:x)'


@pytest.fixture
def demo_copy(demo_home: Path, copy_workspace: Callable[[Path], Path]) -> Iterator[Workspace]:
    ws = open_workspace(copy_workspace(demo_home))
    yield ws
    ws.close()


def digest_day_of(moment: datetime) -> date:
    """The digest (06:00 WIB cut-off) whose window holds ``moment``."""
    return next_cutoff(moment, SIX, WIB).astimezone(WIB).date()


def plant_hostile(ws: Workspace) -> tuple[date, int, int]:
    """Flag the demo's hostile item and add a crafted one beside it, with a hostile
    reason and a claim match to a debunk whose link is ``javascript:``.

    Returns (digest day holding both, demo hostile item id, crafted item id).
    """
    with ws.session() as s:
        hostile = s.scalar(select(Item).where(Item.text.contains("<script>alert(1)</script>")))
        assert hostile is not None, "the demo lost its hostile item"
        version = s.scalar(select(ModelVersion).where(ModelVersion.status == "active"))
        assert version is not None
        s.execute(update(Prediction).where(Prediction.item_id == hostile.id,
                                           Prediction.label == "hoaks")
                  .values(flagged=True, probability=0.93))
        source = s.scalar(select(Source).order_by(Source.id))
        at = hostile.published_at + timedelta(minutes=5)
        debunk = Item(url="https://x.example/debunk", link="javascript:alert(5)",
                      title="<svg onload=alert(5)>", text="", published_at=at,
                      content_hash="d" * 64, is_debunk=True, source_id=source.id)
        crafted = Item(url="https://x.example/crafted", link="javascript:alert(1)",
                       title=CRAFTED_TITLE, text="<iframe src=//evil></iframe>",
                       published_at=at, content_hash="c" * 64, source_id=source.id)
        s.add_all([debunk, crafted])
        s.flush()
        s.add(ItemRegion(item_id=crafted.id, region_code="32.09.18", level="kecamatan",
                         evidence="<b>Plumbon</b>"))
        s.add(ClaimMatch(item_id=crafted.id, debunk_item_id=debunk.id, similarity=0.9))
        s.add(Prediction(item_id=crafted.id, model_version_id=version.id, label="hoaks",
                         probability=0.97, flagged=True,
                         reasons=["<b>bold</b>", "](javascript:alert(3))", "{{ 7*7 }}"]))
        return digest_day_of(hostile.published_at), hostile.id, crafted.id
