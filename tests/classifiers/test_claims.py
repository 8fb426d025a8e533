"""Claim matching: copies of a debunked claim link to the debunk, with no training."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from classifiers.claims import claim_text, mark_debunked, match_items, strip_verdict_words
from sejuk.db.models import AuditEntry, ClaimMatch, Item, ItemSource, Narrative
from sejuk.errors import NotFound
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace, open_workspace

FACTCHECK_TITLE = "[HOAKS] Surat Suara Pilbup Sudah Tercoblos untuk Paslon Nomor 2 di Gudang"
FACTCHECK_BODY = ("Beredar pesan berantai yang mengklaim ribuan surat suara sudah tercoblos "
                  "untuk paslon nomor 2 di gudang logistik KPU. Faktanya, lembar yang "
                  "berlubang adalah surat suara rusak hasil sortir. Kesimpulan: hoaks.")


def _item(session, text: str, *, title: str = "", debunk: bool = False,
          narrative: int | None = None) -> int:
    item = Item(title=title, text=text, published_at=utc_now(), content_hash=text[:60],
                is_debunk=debunk, narrative_id=narrative)
    session.add(item)
    session.flush()
    return item.id


def test_claim_text_keeps_the_claim_and_drops_the_verdict() -> None:
    text = claim_text(FACTCHECK_TITLE, FACTCHECK_BODY)
    lowered = text.lower()
    assert "tercoblos" in lowered and "gudang" in lowered
    for word in ("hoaks", "[", "faktanya", "rusak", "kesimpulan", "beredar", "mengklaim"):
        assert word not in lowered, word
    assert strip_verdict_words("Klarifikasi: kabar itu tidak benar") == ": itu"


def test_copies_link_to_the_debunk_and_narrative_gets_it(workspace: Workspace) -> None:
    with workspace.session() as session:
        narrative = Narrative(title="surat suara", first_seen=utc_now(), last_seen=utc_now())
        session.add(narrative)
        session.flush()
        debunk = _item(session, FACTCHECK_BODY, title=FACTCHECK_TITLE, debunk=True)
        copy = _item(session, "Astaghfirullah surat suara udah dicoblos duluan buat paslon "
                     "nomor 2 di gudang logistik KPU!! Sebarkan", narrative=narrative.id)
        other = _item(session, "Warga gotong royong membersihkan lapangan untuk lomba "
                      "tujuh belasan di kampung kami")
        linked = match_items(session, 0.3)
        assert linked == 1
        rows = session.execute(select(ClaimMatch.item_id, ClaimMatch.debunk_item_id,
                                      ClaimMatch.similarity)).all()
        assert [(r.item_id, r.debunk_item_id) for r in rows] == [(copy, debunk)]
        assert 0.3 <= rows[0].similarity <= 1.0
        assert other not in {r.item_id for r in rows}
        assert session.get(Narrative, narrative.id).debunk_item_id == debunk


def test_matching_without_any_debunk_does_nothing(workspace: Workspace) -> None:
    with workspace.session() as session:
        _item(session, "Surat suara sudah dicoblos di gudang")
        assert match_items(session, 0.3) == 0


def test_analyst_marked_claim_links_its_copies_and_is_audited(workspace: Workspace) -> None:
    with workspace.session() as session:
        claim = _item(session, "Pemungutan suara di Kuningan diundur ke 9 Desember karena "
                      "logistik belum lengkap, sebarkan ke grup warga")
        copy = _item(session, "info penting: pemungutan suara Kuningan diundur 9 desember, "
                     "logistik belum lengkap katanya")
        mark_debunked(session, claim, "analis1", note="KPU menyatakan jadwal tetap")
        assert match_items(session, 0.3) >= 1
        links = session.execute(select(ClaimMatch.item_id, ClaimMatch.debunk_item_id)).all()
        assert (copy, claim) in [tuple(r) for r in links]
        assert (claim, claim) not in [tuple(r) for r in links]
        actions = session.scalars(select(AuditEntry.action)).all()
        assert "claim.mark_debunked" in actions


def test_marking_a_missing_item_is_refused(workspace: Workspace) -> None:
    with workspace.session() as session, pytest.raises(NotFound, match="no item 999"):
        mark_debunked(session, 999, "analis1")


def test_demo_hoax_copies_link_to_their_narratives_debunk(
        demo_home: Path, copy_workspace: Callable[[Path], Path], demo_day: date) -> None:
    """Ground truth from the demo: most copies of a narrative link to its own debunk,
    and (almost) no copy links to another narrative's debunk."""
    from sejuk.demo.build import DEMO_LINK_BASE
    from sejuk.demo.content import demo_entries

    ws = open_workspace(copy_workspace(demo_home))
    try:
        entries = {e.guid: e for e in demo_entries(demo_day, DEMO_LINK_BASE)}
        with ws.session() as session:
            truth = {item_id: entries.get(guid) for item_id, guid in
                     session.execute(select(ItemSource.item_id, ItemSource.guid))}
            best: dict[int, int] = {}
            for m in session.scalars(select(ClaimMatch).order_by(ClaimMatch.similarity)):
                best[m.item_id] = m.debunk_item_id
            copies = right = wrong = 0
            for item_id, entry in truth.items():
                if entry is None or not entry.narrative or "hoaks" not in entry.truth:
                    continue
                copies += 1
                if item_id in best:
                    debunk = truth.get(best[item_id])
                    if debunk is not None and debunk.narrative == entry.narrative:
                        right += 1
                    else:
                        wrong += 1
        assert copies >= 30
        assert right / copies > 0.5, f"{right}/{copies} copies linked to their debunk"
        assert wrong <= copies * 0.05
    finally:
        ws.close()
