"""Narratives: near-duplicate copies of one claim clustered incrementally (MinHash/LSH)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from feeds.narratives import (
    band_keys,
    cluster_items,
    jaccard,
    narrative_summaries,
    signature,
)
from feeds.normalize import canonical_url
from feeds.parse import FeedEntry
from feeds.platforms import handle_free_link
from feeds.sources import add_source
from feeds.store import store_entries
from sejuk.access.privacy import ensure_salt
from sejuk.db.models import Item, Narrative
from sejuk.demo.build import DEMO_LINK_BASE
from sejuk.demo.content import demo_entries
from sejuk.regions.tagger import default_tagger
from sejuk.workspace import Workspace

words = st.frozensets(st.from_regex(r"[a-z]{3,8}", fullmatch=True), min_size=1, max_size=40)


@given(words, words)
def test_minhash_estimates_jaccard(a: frozenset[str], b: frozenset[str]) -> None:
    estimate = float((signature(a) == signature(b)).mean())
    assert abs(estimate - jaccard(a, b)) < 0.35  # 96 permutations: a loose bound, always
    if a == b:
        assert band_keys(signature(a)) == band_keys(signature(b))


BASE = ("Surat suara Pilbup sudah dicoblos untuk paslon nomor dua di gudang logistik KPU "
        "Plumbon, videonya beredar di grup warga, pekerja lipat ikut nyoblos")
COPIES = [
    BASE,
    "Copas dari grup RT: " + BASE + " Sebarkan!!",
    BASE.upper() + " 😡😡",
    "[Plumbon – Kab. Cirebon] " + BASE.replace("sudah", "udah") + " #KawalSuara",
]
OTHER = ("Jadwal distribusi logistik pemilu ke PPK dimulai Senin pagi dengan pengawalan "
         "polisi dan Linmas di setiap kecamatan")


def _store(ws: Workspace, texts: list[str], source: str, start: datetime,
           region: str | None = None) -> list[int]:
    with ws.session() as session:
        src = add_source(session, f"https://{source}.example/feed", source, "social",
                         region_code=region)
        entries = [FeedEntry(guid=f"{source}-{i}", link=None, title="", text=text,
                             published=start + timedelta(hours=i))
                   for i, text in enumerate(texts)]
        return store_entries(session, src, entries, salt="s", now=start + timedelta(days=1)
                             ).new_item_ids


def test_copies_cluster_incrementally_and_others_stay_alone(workspace: Workspace) -> None:
    t0 = datetime(2024, 11, 20, 1, tzinfo=UTC)
    first = _store(workspace, [COPIES[0], OTHER], "grup-a", t0, region="32.09")
    with workspace.session() as session:
        assert cluster_items(session, first).created == 0  # one copy is not a narrative yet
    second = _store(workspace, COPIES[1:], "grup-b", t0 + timedelta(days=1), region="32.12")
    with workspace.session() as session:
        stats = cluster_items(session, second)
        assert (stats.created, stats.joined) == (1, 2)
        assert cluster_items(session, second).items == 0  # already indexed: a no-op
    with workspace.session() as session:
        (narrative,) = session.scalars(select(Narrative)).all()
        assert narrative.size == 4
        assert narrative.first_seen == t0
        assert narrative.last_seen == t0 + timedelta(days=1, hours=2)
        other = session.scalar(select(Item).where(Item.id == first[1]))
        assert other is not None and other.narrative_id is None
        (summary,) = narrative_summaries(session, since=t0)
    assert summary.size == 4
    assert summary.sources == ("grup-a", "grup-b")
    assert summary.regions == ("32.09", "32.12")  # the sources' regions: texts name none
    assert summary.debunk_item_id is None
    with workspace.session() as session:
        assert narrative_summaries(session, since=t0 + timedelta(days=5)) == []


def test_a_debunk_in_the_cluster_is_its_debunk(workspace: Workspace) -> None:
    t0 = datetime(2024, 11, 20, 1, tzinfo=UTC)
    ids = _store(workspace, COPIES[:2], "grup-a", t0)
    with workspace.session() as session:
        src = add_source(session, "https://cek.example/feed", "Cek", "factcheck")
        entry = FeedEntry(guid="fc-1", link="https://cek.example/1",
                          title="[HOAKS] " + BASE[:90], text=BASE + " Faktanya tidak benar.",
                          published=t0 + timedelta(days=2))
        ids += store_entries(session, src, [entry], salt="s",
                             now=t0 + timedelta(days=3)).new_item_ids
    with workspace.session() as session:
        cluster_items(session, ids)
    with workspace.session() as session:
        (summary,) = narrative_summaries(session)
    assert summary.size == 3
    assert summary.debunk_item_id == ids[-1]


def test_demo_hoax_narratives_come_out_as_clusters(demo_workspace: Workspace,
                                                   demo_day: date) -> None:
    """Ground truth: DemoEntry.narrative. Purity over clusters holding narrative items,
    recall over the hoax copies (a copy counts when its cluster's majority is its own
    narrative), and every narrative found."""
    with demo_workspace.session() as session:
        salt = ensure_salt(session)
    truth = {canonical_url(handle_free_link(e.link, salt) or ""): e
             for e in demo_entries(demo_day, DEMO_LINK_BASE)}
    with demo_workspace.session() as session:
        rows = session.execute(select(Item.url, Item.narrative_id)).all()
    members: dict[int, list[str | None]] = defaultdict(list)
    for url, nid in rows:
        if nid is not None:
            members[nid].append(truth[url].narrative if url in truth else None)
    majority = {nid: Counter(m).most_common(1)[0][0] for nid, m in members.items()}
    pure = total = 0
    for m in members.values():
        if any(m):
            pure += Counter(m).most_common(1)[0][1]
            total += len(m)
    copies = [(url, nid) for url, nid in rows
              if url in truth and truth[url].narrative and "debunk" not in truth[url].truth]
    recalled = sum(nid is not None and majority[nid] == truth[url].narrative
                   for url, nid in copies)
    keys = {e.narrative for e in truth.values() if e.narrative}
    assert pure / total >= 0.85
    assert recalled / len(copies) >= 0.75
    assert keys <= set(majority.values())


TEMPLATE = ("{kab} – KPU Kabupaten {kab} hanya mengizinkan 50 pendukung dari masing-masing "
            "pasangan calon masuk ke ruang debat Pilbup {kab}. Pendukung lainnya diminta "
            "menonton siaran langsung dari posko masing-masing.")


def _articles(ws: Workspace, rows: list[tuple[str, str, str]], start: datetime) -> list[int]:
    """(outlet, region, text) stored as news articles, an hour apart."""
    ids: list[int] = []
    for i, (outlet, region, text) in enumerate(rows):
        with ws.session() as session:
            src = add_source(session, f"https://{outlet}.example/feed", outlet, "news",
                             region_code=region)
            entry = FeedEntry(guid=f"{outlet}-{i}", link=f"https://{outlet}.example/{i}",
                              title="", text=text, published=start + timedelta(hours=i))
            ids += store_entries(session, src, [entry], salt="s", tagger=default_tagger(),
                                 now=start + timedelta(days=1)).new_item_ids
    return ids


def test_one_press_template_about_different_regencies_is_no_narrative(
        workspace: Workspace) -> None:
    """Local outlets writing up the same press template, each about its own regency, report
    different events: grouped, the Narasi page showed one story "copied" across five
    outlets and regions, and a flagged one lent the others' count to its area's priority.
    The same wording about one regency, and a hoax localised place by place in posts,
    stay narratives."""
    t0 = datetime(2024, 11, 20, 1, tzinfo=UTC)
    ids = _articles(workspace, [
        ("kabar-cirebon", "32.09", TEMPLATE.format(kab="Cirebon")),
        ("dermayu-pos", "32.12", TEMPLATE.format(kab="Indramayu")),
        ("lereng-ciremai", "32.08", TEMPLATE.format(kab="Kuningan")),
        ("radar-cirebon", "32.09", TEMPLATE.format(kab="Cirebon") + " Debat dimulai 19.00."),
    ], t0)
    # a write-up naming no regency resembles both: it must not found a narrative with them
    national = _articles(workspace, [("kpu-ri", "32", TEMPLATE.replace("{kab} – ", "")
                                      .format(kab="").replace("Kabupaten  ", ""))], t0)
    posts = _store(workspace, [COPIES[0].replace("Plumbon", place)
                               for place in ("Kec. Plumbon", "Kec. Weru", "Kec. Sumber")],
                   "grup-a", t0, region="32.09")
    with workspace.session() as session:
        cluster_items(session, national + ids + posts)
        narrative_of = dict(session.execute(select(Item.id, Item.narrative_id)).all())
    cirebon, indramayu, kuningan, cirebon_again = (narrative_of[i] for i in ids)
    assert cirebon is not None and cirebon == cirebon_again, "one regency, two outlets"
    assert indramayu != cirebon and kuningan != cirebon
    assert len({narrative_of[i] for i in posts}) == 1 and narrative_of[posts[0]] is not None
