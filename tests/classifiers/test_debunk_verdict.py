"""An analyst settles whether an item is a debunk; flags and claim links follow at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from classifiers.workflow import rematch_claims
from sejuk import actions
from sejuk.access.auth import Principal
from sejuk.cli import app
from sejuk.db.models import AuditEntry, ClaimMatch, Item, Narrative, Prediction, Source
from sejuk.errors import InputError, NotFound
from sejuk.signals import active_version
from sejuk.workspace import Workspace, open_workspace

pytestmark = pytest.mark.slow
ANALYST = Principal("analis1", "analyst")
runner = CliRunner()


@pytest.fixture
def demo_copy(demo_home: Path, copy_workspace: Callable[[Path], Path]) -> Workspace:
    ws = open_workspace(copy_workspace(demo_home))
    yield ws
    ws.close()


def _hoaks_flag(ws: Workspace, item_id: int) -> bool:
    with ws.session() as session:
        version = active_version(session)
        return bool(session.scalar(select(Prediction.flagged).where(
            Prediction.item_id == item_id, Prediction.label == "hoaks",
            Prediction.model_version_id == version.id)))


def _settle(ws: Workspace, item_id: int, verdict: bool | None, reason: str = ""):
    with ws.session() as session:
        return actions.set_debunk(session, ANALYST, item_id, verdict, reason, ws.settings)


def test_a_flagged_hoax_taken_for_a_debunk_and_back(demo_copy: Workspace) -> None:
    """A hoax the analyst (wrongly) calls a debunk loses its hoaks flag and its own claim
    link at once; calling it no debunk gives the flag back; `claims match` leaves the
    analyst's word alone; handing it back to the rules reads its words again."""
    ws = demo_copy
    with ws.session() as session:
        version = active_version(session)
        item_id = session.scalar(
            select(Item.id).join(Prediction, Prediction.item_id == Item.id)
            .join(ClaimMatch, ClaimMatch.item_id == Item.id)
            .where(Prediction.model_version_id == version.id, Prediction.label == "hoaks",
                   Prediction.flagged.is_(True), Item.is_debunk.is_(False))
            .order_by(Item.id).limit(1))
    assert item_id is not None, "the demo holds flagged hoax copies linked to a debunk"

    done = _settle(ws, item_id, True, "rilis resmi, bukan hoaks")
    assert (done.changed, done.is_debunk, done.reflagged) == (True, True, 1)
    with ws.session() as session:
        assert done.copies == session.scalar(select(func.count()).select_from(ClaimMatch)
                                             .where(ClaimMatch.debunk_item_id == item_id))
    assert not _hoaks_flag(ws, item_id)
    with ws.session() as session:
        assert session.get(Item, item_id).debunk_by == "analis1"
        assert not session.scalars(select(ClaimMatch).where(ClaimMatch.item_id == item_id)).all()
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "claim.set_debunk").order_by(AuditEntry.id.desc())).first()
        assert (entry.actor, entry.target) == ("analis1", f"item:{item_id}")
        assert entry.details == {"verdict": True, "before": False, "after": True,
                                 "reason": "rilis resmi, bukan hoaks"}

    done = _settle(ws, item_id, False, "ternyata hoaks")
    assert (done.changed, done.is_debunk, done.reflagged) == (True, False, 1)
    assert _hoaks_flag(ws, item_id)
    with ws.session() as session:  # a copy again: linked to the debunk it repeats
        assert session.scalars(select(ClaimMatch).where(ClaimMatch.item_id == item_id)).all()

    _settle(ws, item_id, True, "rilis resmi")
    rematch_claims(ws)  # the rules would call it no debunk; the analyst's word stands
    with ws.session() as session:
        assert session.get(Item, item_id).is_debunk is True

    done = _settle(ws, item_id, None)
    assert (done.changed, done.is_debunk) == (True, False)
    assert _hoaks_flag(ws, item_id)
    with ws.session() as session:
        assert session.get(Item, item_id).debunk_by is None


def test_a_debunk_that_is_none_hands_its_copies_to_another(demo_copy: Workspace) -> None:
    """The news debunk the most copies link to is declared no debunk: no link points at
    it any more, its narrative points at another debunk or none, and its copies are
    matched again against the debunks that remain."""
    ws = demo_copy
    with ws.session() as session:
        debunk_id, copies = session.execute(
            select(ClaimMatch.debunk_item_id, func.count())
            .join(Item, Item.id == ClaimMatch.debunk_item_id)
            .join(Source, Source.id == Item.source_id).where(Source.kind == "news")
            .group_by(ClaimMatch.debunk_item_id)
            .order_by(func.count().desc(), ClaimMatch.debunk_item_id).limit(1)).one()
        answered = set(session.scalars(select(ClaimMatch.item_id).where(
            ClaimMatch.debunk_item_id == debunk_id)))
        narrative_id = session.get(Item, debunk_id).narrative_id
    assert copies >= 2

    done = _settle(ws, debunk_id, False, "berita ini bukan klarifikasi")
    assert (done.changed, done.is_debunk) == (True, False)
    with ws.session() as session:
        assert not session.scalars(select(ClaimMatch).where(
            ClaimMatch.debunk_item_id == debunk_id)).all()
        relinked = {m.item_id: m.debunk_item_id for m in session.scalars(
            select(ClaimMatch).where(ClaimMatch.item_id.in_(answered)))}
        assert all(session.get(Item, d).is_debunk for d in relinked.values())
        if narrative_id is not None:
            assert session.get(Narrative, narrative_id).debunk_item_id != debunk_id
    assert (done.answered, done.relinked) == (len(answered), len(relinked))
    assert done.relinked >= 1  # the demo's narratives hold more than one debunk


def test_overruling_needs_a_reason_and_an_item(demo_copy: Workspace) -> None:
    ws = demo_copy
    with ws.session() as session:
        item_id = session.scalar(select(func.min(Item.id)))
        before = session.scalar(select(func.count()).select_from(AuditEntry))
    for verdict in (True, False):
        with pytest.raises(InputError, match=f"give a reason to settle whether item {item_id}"):
            _settle(ws, item_id, verdict, "  ")
    with pytest.raises(NotFound, match="no item 999999"):
        _settle(ws, 999_999, True, "alasan")
    with ws.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == before
        assert session.get(Item, item_id).debunk_by is None


def test_cli_settles_in_the_readers_language(demo_copy: Workspace) -> None:
    ws = demo_copy
    with ws.session() as session:
        item_id = session.scalar(select(func.min(Item.id)).where(Item.is_debunk.is_(True)))
    home = str(ws.home)
    english = runner.invoke(app, ["--lang", "en", "claims", "debunk", str(item_id), "no",
                                  "--home", home, "--reason", "a hoax quoting a denial"])
    assert english.exit_code == 0, english.output
    assert english.stdout.startswith(
        f"Item {item_id} is now not a debunk (an analyst's decision); ")
    assert " linked to it, " in english.stdout and " to another debunk.\n" in english.stdout
    again = runner.invoke(app, ["claims", "debunk", str(item_id), "otomatis", "--home", home])
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith(f"Item {item_id} kini bantahan (dikenali aturan); ")
    bad = runner.invoke(app, ["--lang", "en", "claims", "debunk", str(item_id), "maybe",
                              "--home", home])
    assert bad.exit_code == 1
    assert "the verdict must be yes, no or auto (ya, bukan, otomatis), not 'maybe'" in bad.stderr
    no_reason = runner.invoke(app, ["claims", "debunk", str(item_id), "ya", "--home", home])
    assert no_reason.exit_code == 1
    assert f"beri alasan untuk menetapkan status klarifikasi item {item_id}" in no_reason.stderr
