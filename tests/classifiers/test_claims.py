"""Claim matching: copies of a debunked claim link to the debunk, with no training."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from classifiers.claims import (
    SURE,
    Claim,
    ClaimIndex,
    claim_text,
    mark_debunked,
    match_items,
    prepare,
    strip_verdict_words,
)
from sejuk.access.auth import Principal
from sejuk.db.models import AuditEntry, ClaimMatch, Item, ItemSource, Narrative
from sejuk.errors import NotFound
from sejuk.settings import ClassifierSettings
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace, open_workspace

ANALYST = Principal("analis1", "analyst")

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


#: Debunks as fact-checkers title them: two of one hoax, one of a sibling hoax that
#: shares most of its words, and an unrelated one.
CHIP = "[HOAKS] Vaksin Covid-19 Mengandung Microchip untuk Melacak Warga"
CHIP_AGAIN = "Cek Fakta: Tidak Benar Vaksin Covid-19 Mengandung Microchip Pelacak Warga"
MAGNET = "[SALAH] Vaksin Covid-19 Mengandung Magnet, Koin Menempel di Lengan"
BALLOTS = "[HOAKS] Surat Suara Sudah Tercoblos untuk Paslon Nomor 2 di Gudang KPU"
CHIP_FORWARD = (
    "Copas dari grup sebelah 👇👇\nINFO PENTING BUAT WARGA CIBINONG ⚠️⚠️\n"
    "Assalamualaikum bapak ibu. Saya dapat dari teman yg kerja di puskesmas, katanya "
    "VAKSIN COVID ITU ADA MICROCHIP nya buat MELACAK warga yg udah disuntik!! 😱😱 "
    "Pemerintah diam aja soal ini. Jangan mau divaksin sebelum jelas.\n"
    "Sebarkan!! Jangan berhenti di kamu 🙏🙏 https://bit.ly/3xYz")


def _index(*headlines: str) -> ClaimIndex:
    return ClaimIndex([Claim(i, claim_text(h, "")) for i, h in enumerate(headlines, 1)])


def test_a_reworded_forward_links_to_its_debunk_and_its_restatement() -> None:
    """A long, shouted, emoji-laden forward with a place and slang links (at the default
    threshold) to both debunks of its hoax, not to the sibling hoax's debunk, which
    shares its words ("vaksin covid mengandung")."""
    threshold = ClassifierSettings().claim_match_threshold
    index = _index(CHIP, MAGNET, BALLOTS, CHIP_AGAIN)
    (links,) = index.match([CHIP_FORWARD], threshold)
    assert [item for item, _ in links] == [1, 4] or [item for item, _ in links] == [4, 1]
    assert all(threshold <= sim <= 1.0 for _, sim in links)


def test_a_sibling_hoax_without_a_debunk_is_not_linked() -> None:
    """The guard against wrong links: a forward of a hoax nobody debunked yet ("vaksin
    bikin mandul") shares words with the chip and magnet debunks but links to neither."""
    forward = ("Diteruskan 📢\nAwas!! vaksin covid bikin mandul, anak muda yg divaksin "
               "nanti susah punya keturunan. Sebarkan ke grup keluarga!!")
    index = _index(CHIP, MAGNET, BALLOTS, CHIP_AGAIN)
    assert index.match([forward], ClassifierSettings().claim_match_threshold) == [[]]


def test_only_restatements_of_the_best_claim_are_linked_beside_it() -> None:
    """Even at a threshold low enough for the sibling hoax to pass, an item is linked to
    its best claim and the debunks restating it, never to a claim that only shares words."""
    index = _index(CHIP, MAGNET, CHIP_AGAIN)
    sims = index.similarity([CHIP_FORWARD])[0]
    low = float(sims.min()) - 0.01
    (links,) = index.match([CHIP_FORWARD], low)
    assert 2 not in {item for item, _ in links}
    assert {item for item, _ in links} == {1, 3}


#: A forward that fits the chip and the magnet hoax alike, one that fits only the chip, and
#: one that names both but scores above ``SURE``.
BETWEEN = "Info grup: vaksin covid-19 mengandung bahan berbahaya, jangan mau disuntik!! Sebarkan"
ONLY_CHIP = "Info grup: vaksin covid-19 ada microchip, jangan mau disuntik!! Sebarkan"
BOTH_NAMED = ("Diteruskan: vaksin covid mengandung microchip dan magnet, koin menempel, warga "
              "dilacak!! Sebarkan")


def test_the_margin_leaves_a_forward_between_two_hoaxes_unlinked() -> None:
    """Two debunks of different hoaxes that read almost alike (chip, magnet): with
    ``claim_match_margin`` a forward that fits both about equally is not linked (a link
    would be a coin toss), one clearly about the chip is, at the same threshold; a best
    claim at or above ``SURE`` is linked whatever the runner-up scores."""
    index = _index(CHIP, MAGNET, BALLOTS)
    threshold, margin = 0.46, 0.12  # the opt-in settings measured in benchmarks/claims
    sims = index.similarity([BETWEEN, ONLY_CHIP, BOTH_NAMED])
    top2 = -np.sort(-sims, axis=1)[:, :2]
    assert (top2[:2, 0] >= threshold).all() and (top2[:2, 0] < SURE).all()
    assert top2[0, 0] - top2[0, 1] < margin < top2[1, 0] - top2[1, 1]
    assert top2[2, 0] >= SURE and top2[2, 0] - top2[2, 1] < margin
    assert not index.same_claim(np.array([0]), np.array([1]))[0]

    without = index.match([BETWEEN, ONLY_CHIP, BOTH_NAMED], threshold)
    assert [[item for item, _ in links] for links in without] == [[2], [1], [2]]
    guarded = index.match([BETWEEN, ONLY_CHIP, BOTH_NAMED], threshold, margin=margin)
    assert [[item for item, _ in links] for links in guarded] == [[], [1], [2]]


def test_the_margin_is_not_fooled_by_a_second_debunk_of_the_same_hoax() -> None:
    """The runner-up is the best claim that does not restate the best one: a second
    fact-checker's debunk of the chip hoax scores close to the first, and must not make
    the forward ambiguous."""
    index = _index(CHIP, CHIP_AGAIN, MAGNET)
    (links,) = index.match([ONLY_CHIP], 0.3, margin=0.12)
    assert {item for item, _ in links} == {1, 2}


def test_match_items_applies_the_margin(workspace: Workspace) -> None:
    with workspace.session() as session:
        chip = _item(session, "", title=CHIP, debunk=True)
        _item(session, "", title=MAGNET, debunk=True)
        between = _item(session, BETWEEN)
        only_chip = _item(session, ONLY_CHIP)
        assert match_items(session, 0.46) == 2
        assert match_items(session, 0.46, margin=0.12) == 1
        rows = session.execute(select(ClaimMatch.item_id, ClaimMatch.debunk_item_id)).all()
        assert [tuple(r) for r in rows] == [(only_chip, chip)]
        assert between not in {r.item_id for r in rows}


@given(st.lists(st.text(max_size=300), min_size=1, max_size=4))
@settings(max_examples=60, deadline=None)
def test_similarity_is_between_zero_and_one(texts: list[str]) -> None:
    sims = _index(CHIP, MAGNET, BALLOTS).similarity(texts)
    assert sims.shape == (len(texts), 3)
    assert ((sims >= 0) & (sims <= 1.0 + 1e-6)).all()


def test_forwarding_noise_is_removed_before_comparing() -> None:
    assert prepare(["LIHAT INI 😱😱 https://bit.ly/x VAKSIN ‼️ yg"]) == ["lihat ini vaksin yang"]


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


def test_a_narrative_takes_a_debunk_only_when_half_its_members_repeat_it(
        workspace: Workspace) -> None:
    """A narrative's debunk answers all its members (Items page, dialogue plan, digest):
    one member of a call to gather at the KPU office that happened to link to a denial
    of pre-punched ballots made the whole call read "already debunked"."""
    with workspace.session() as session:
        narrative = Narrative(title="kumpul di KPU", first_seen=utc_now(),
                              last_seen=utc_now())
        session.add(narrative)
        session.flush()
        debunk = _item(session, FACTCHECK_BODY, title=FACTCHECK_TITLE, debunk=True)
        _item(session, "Astaghfirullah surat suara udah dicoblos duluan buat paslon nomor 2 "
              "di gudang logistik KPU!! Sebarkan", narrative=narrative.id)
        calls = [_item(session, f"Warga RW {n} besok jam 9 kumpul depan kantor KPU, bawa "
                       "massa sebanyak-banyaknya", narrative=narrative.id) for n in (1, 2, 3)]
        assert match_items(session, 0.3) == 1
        assert session.get(Narrative, narrative.id).debunk_item_id is None, \
            "one member of four repeats the hoax: the other three are not answered by it"
        session.get(Item, calls[0]).text = ("Katanya surat suara sudah dicoblos untuk paslon "
                                            "nomor 2 di gudang KPU, sebarkan")
        assert match_items(session, 0.3) == 2
        assert session.get(Narrative, narrative.id).debunk_item_id == debunk, \
            "two of four: the narrative is the hoax's as much as anything"


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
        mark_debunked(session, ANALYST, claim, note="KPU menyatakan jadwal tetap")
        assert match_items(session, 0.3) >= 1
        links = session.execute(select(ClaimMatch.item_id, ClaimMatch.debunk_item_id)).all()
        assert (copy, claim) in [tuple(r) for r in links]
        assert (claim, claim) not in [tuple(r) for r in links]
        actions = session.scalars(select(AuditEntry.action)).all()
        assert "claim.mark_debunked" in actions


def test_marking_a_missing_item_is_refused(workspace: Workspace) -> None:
    with workspace.session() as session, pytest.raises(NotFound, match="no item 999"):
        mark_debunked(session, ANALYST, 999)


def test_demo_hoax_copies_link_to_their_narratives_debunk(
        demo_home: Path, copy_workspace: Callable[[Path], Path], demo_day: date) -> None:
    """Ground truth from the demo, at the default threshold: copies link to their own
    narrative's debunk, directly or through their narrative, never to another one, and
    routine news (almost) never links.

    The demo depends on its build day (``demo_day`` is today), so the bounds hold with room
    across days. Measured on 31 build days, every day of December 2026 (README): 26-36% of
    58 copies carry a link of their own, 31-55% see their debunk directly or through their
    narrative, at most two a wrong one; 0-6 of about 255 routine items link (the bounds
    set on five days, 25% and 38%, failed on 9 and 18 December). The demo's copies are
    paraphrases the project wrote; the threshold is chosen on forwards of real tweets
    (benchmarks/claims)."""
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
            shown = {item_id: debunk for item_id, debunk in session.execute(
                select(Item.id, Narrative.debunk_item_id)
                .join(Narrative, Narrative.id == Item.narrative_id))}
        copies = linked = seen = wrong = routine = routine_linked = 0
        for item_id, entry in truth.items():
            if entry is None:
                continue
            if not entry.narrative and "hoaks" not in entry.truth:
                routine += 1
                routine_linked += item_id in best
            if not entry.narrative or "hoaks" not in entry.truth:
                continue
            copies += 1
            debunk = best.get(item_id, shown.get(item_id))
            if debunk is None:
                continue
            own = truth.get(debunk) is not None and truth[debunk].narrative == entry.narrative
            linked += own and item_id in best
            seen += own
            wrong += not own
        assert copies >= 30
        assert linked / copies >= 0.22, f"{linked}/{copies} copies linked to their debunk"
        assert seen / copies >= 0.28, f"{seen}/{copies} copies see their debunk"
        assert wrong <= copies * 0.05
        assert routine >= 100 and routine_linked <= routine * 0.03
    finally:
        ws.close()


def test_claims_match_recognises_debunks_again_with_todays_rules(workspace: Workspace) -> None:
    """A workspace that collected items before the debunk rules changed keeps their old
    flag: a news item saying a claim awaits KPU's clarification stayed a "debunk" and
    officers' forwards of the claim were answered with it. ``sejuk claims match`` reads
    the stored texts with today's rules first (audited with counts), and leaves an
    analyst's mark alone."""
    from typer.testing import CliRunner

    from sejuk.cli import app
    from sejuk.db.models import Source

    awaiting = ("Warga minta klarifikasi KPU soal surat suara tercoblos untuk paslon nomor 2 "
                "di gudang logistik Sampang")
    forward = ("Info dari grup: surat suara sudah tercoblos untuk paslon nomor 2 di gudang "
               "logistik Sampang, sebarkan!!")
    with workspace.session() as session:
        news = Source(name="Kabar", url="https://kabar.example/rss", kind="news")
        session.add(news)
        session.flush()
        narrative = Narrative(title="surat suara", size=0, first_seen=utc_now(),
                              last_seen=utc_now())
        session.add(narrative)
        session.flush()
        old = _item(session, "Bawaslu belum memberikan klarifikasi.", title=awaiting,
                    debunk=True, narrative=narrative.id)  # flagged by yesterday's rules
        refuted = _item(session, "Surat suara itu bukan tercoblos, kata Kasi Humas Polres.",
                        title="Polres: surat suara tercoblos di Tuban tidak benar")
        marked = _item(session, "Pemungutan suara di Kuningan diundur ke 9 Desember, "
                       "sebarkan", title="")
        copy = _item(session, forward, narrative=narrative.id)
        for item_id in (old, refuted, marked, copy):
            session.get(Item, item_id).source_id = news.id
        # from a fact-check source since removed (``sources remove``): a debunk by its source
        orphan = _item(session, "Foto jembatan ambruk di Bojonegoro diambil tahun 2010.",
                       title="Jembatan Bojonegoro ambruk", debunk=True)
        narrative.debunk_item_id = old
        session.add(ClaimMatch(item_id=copy, debunk_item_id=old, similarity=0.9,
                               matched_at=utc_now()))
        mark_debunked(session, ANALYST, marked, note="KPU: jadwal tetap")
    result = CliRunner().invoke(app, ["claims", "match", "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output
    assert "1 item bukan bantahan lagi, 1 item kini bantahan" in result.stdout
    with workspace.session() as session:
        flags = dict(session.execute(select(Item.id, Item.is_debunk)).all())
        assert flags == {old: False, refuted: True, marked: False, copy: False,
                         orphan: True}
        # the forward is answered by the real debunk, never by the news that awaited one
        assert session.scalars(select(ClaimMatch.debunk_item_id)
                               .where(ClaimMatch.item_id == copy)).all() == [refuted]
        assert session.get(Narrative, narrative.id).debunk_item_id == refuted
        from sejuk.db.models import DebunkedClaim
        assert session.get(DebunkedClaim, marked) is not None  # the analyst's word stays
        entry = session.scalars(select(AuditEntry)
                                .where(AuditEntry.action == "claim.recognise_debunks")).one()
        assert entry.details["stopped"] == 1 and entry.details["started"] == 1
        assert entry.details["stopped_ids"] == [old]
