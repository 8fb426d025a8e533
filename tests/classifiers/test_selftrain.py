"""Self-training on the workspace's unlabelled items: which items become pseudo-labels,
that what the labels teach reaches words only the items carry, the gate on local labels,
debunks never pseudo-positive, and the pool the workspace offers."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import select

from classifiers import selftrain
from classifiers.copies import copy_groups
from classifiers.dataset import LabelledSet
from classifiers.model import DEFAULT_PARAMS
from classifiers.selftrain import Pool, applies, pseudo_labels
from classifiers.text import prepare
from classifiers.training import LabelFit, fit_label
from classifiers.workflow import train_from_set, unlabelled_items
from dashboard.format import self_training_text
from sejuk.cli import common
from sejuk.cli.classify import training_summary
from sejuk.db.models import Item, Label, Source
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

FILLERS = ("warga", "desa", "hari", "minggu", "jalan", "pasar", "sekolah", "masjid", "balai",
           "kantor", "camat", "lurah", "pemuda", "ibu", "bapak", "anak", "motor", "mobil",
           "sawah", "kebun", "sungai", "gunung", "pagi", "sore", "malam", "siang", "baru",
           "lama", "besar", "kecil")
RIOT = ("kepung", "serbu", "bakar", "usir")
CALM = ("rapat", "sosialisasi", "gotong", "royong")


def _texts(rng: np.random.Generator, cue: tuple[str, ...], n: int, extra: str = "",
           cues: int = 2) -> list[str]:
    out = []
    for _ in range(n):
        words = [*rng.choice(cue, cues, replace=False), *rng.choice(FILLERS, 5, replace=False)]
        if extra:
            words.append(extra)
        rng.shuffle(words)
        out.append(" ".join(words))
    return out


def _district(local_each: int = 20) -> tuple[list[str], np.ndarray, np.ndarray, Pool]:
    """A district's labels, whose classes differ by cue words; starter rows that carry
    two phrases ("bambu runcing", "tenda hijau") as often in either class, so the model
    reads them but learns nothing from them; and a pool of items that carry one cue each
    plus a phrase: "bambu runcing" with the riot cues, "tenda hijau" with the calm ones."""
    rng = np.random.default_rng(7)
    starter = [f"{' '.join(rng.choice(FILLERS, 5, replace=False))} {phrase}"
               for phrase in ("bambu runcing", "tenda hijau") for _ in range(20)]
    texts = _texts(rng, RIOT, local_each) + _texts(rng, CALM, local_each) + starter
    y = np.array([1] * local_each + [0] * local_each + [1, 0] * 20)
    local = np.array([True] * 2 * local_each + [False] * len(starter))
    items = (_texts(rng, RIOT, 60, "bambu runcing", cues=1)
             + _texts(rng, CALM, 60, "tenda hijau", cues=1))
    return texts, y, local, Pool.read(items, [False] * len(items), texts)


def _fit(texts: list[str], y: np.ndarray, local: np.ndarray, pool: Pool | None,
         never_if_debunk: bool = False) -> LabelFit:
    return fit_label(prepare(texts), y, local, copy_groups(texts), dict(DEFAULT_PARAMS),
                     pool=pool, never_if_debunk=never_if_debunk)


def _gap(fit: LabelFit) -> float:
    """How much higher the component scores the pool's riot phrase than its calm one."""
    riot, calm = fit.component.decision(prepare(["siapkan bambu runcing", "siapkan tenda hijau"]))
    return float(riot - calm)


def test_the_surest_half_of_each_side_becomes_pseudo_labels() -> None:
    scores = np.array([2.0, 1.0, 0.5, 0.0, -0.1, -1.0, -3.0, -2.0])
    rows, y = pseudo_labels(scores, np.ones(8, dtype=bool))
    assert rows.tolist() == [0, 1, 6, 7] and y.tolist() == [1, 1, 0, 0], \
        "flagged (score >= 0): 4, top 2 taken; unflagged: 4, lowest 2 taken"
    usable = np.array([False, True, True, True, True, True, False, True])
    rows, y = pseudo_labels(scores, usable)
    assert rows.tolist() == [1, 2, 7, 5] and y.tolist() == [1, 1, 0, 0], \
        "items not usable are neither: the next surest take their place"
    rows, y = pseudo_labels(np.zeros(0), np.zeros(0, dtype=bool))
    assert len(rows) == len(y) == 0


def test_cue_votes_label_what_they_vote_on_and_the_model_only_the_rest() -> None:
    scores = np.array([2.0, 1.0, 0.5, 0.0, -0.1, -1.0, -3.0, -2.0])
    votes = np.array([-1, 0, 0, 1, 0, 0, 0, 1])
    usable = np.array([True] * 7 + [False])
    rows, y = pseudo_labels(scores, usable, votes=votes, model=False)
    assert rows.tolist() == [0, 3] and y.tolist() == [0, 1], \
        "as voted, the model's score aside; an item not usable is not taken"
    rows, y = pseudo_labels(scores, usable, votes=votes, model=True)
    assert rows.tolist() == [0, 3, 1, 6, 5] and y.tolist() == [0, 1, 1, 0, 0], \
        "then the surest half of the items the votes left open, on each side"


def test_cues_label_items_from_the_first_local_label_where_the_label_has_a_lexicon() -> None:
    one = np.array([True, False, False])
    assert selftrain.uses_cues("provokasi", one, selftrain.MIN_POOL)
    assert not selftrain.uses_cues("provokasi", one, selftrain.MIN_POOL - 1)
    assert not selftrain.uses_cues("provokasi", np.zeros(3, dtype=bool), 5000), \
        "the items weigh no more than the district's labels: with none, nothing"
    assert not selftrain.uses_cues("gosip", one, 5000), "no lexicon, no votes"
    assert not selftrain.uses_cues(None, one, 5000)


def test_below_the_gate_the_cues_teach_what_the_items_carry_beside_them() -> None:
    """Five labels of each class: the model's own guesses would be learnt as truth, so it
    does not label items, but the hate cues do: the phrase the hateful items carry is
    learnt as hateful, one the calm items carry as calm."""
    texts, y, local, _ = _district(local_each=5)
    rng = np.random.default_rng(13)
    hateful = [f"dasar kafir {a} {b} usir mereka bambu runcing"
               for a, b in rng.choice(FILLERS, (60, 2))]
    calm = [f"warga {a} {b} rapat sosialisasi tenda hijau" for a, b in rng.choice(FILLERS, (60, 2))]
    pool = Pool.read(hateful + calm, [False] * 120, texts)
    assert len(pool) >= selftrain.MIN_POOL
    without = fit_label(prepare(texts), y, local, copy_groups(texts), dict(DEFAULT_PARAMS),
                        pool=pool)  # no label named: no lexicon, and below the gate
    cued = fit_label(prepare(texts), y, local, copy_groups(texts), dict(DEFAULT_PARAMS),
                     pool=pool, label="provokasi")
    assert without.component.provenance["self_training"]["applied"] is False
    assert _gap(cued) > _gap(without) + 1.0
    st = cued.component.provenance["self_training"]
    assert st["model"] is False and st["positives"] == st["cues"]["positives"] == len(
        set(hateful)) and st["negatives"] == st["cues"]["negatives"] == len(set(calm))
    assert st["cues"]["categories"] == {"hinaan_kekerasan": len(set(hateful)),
                                        "kelompok_sara": len(set(hateful))}


def test_a_lexicon_that_labelled_nothing_is_not_mentioned() -> None:
    record = {"pool": 120, "applied": True, "positives": 30, "negatives": 30, "model": True,
              "cues": {"positives": 0, "negatives": 0, "categories": {}}}
    toast = self_training_text({"hoaks": {"self_training": record, "local": 40}}, ["hoaks"],
                               "id")
    assert toast == "; belajar mandiri dari 120 item terbaru tanpa label (positif/negatif): " \
                    "hoaks 30/30"


def test_the_gate_needs_enough_local_rows_of_both_classes() -> None:
    n = selftrain.MIN_LOCAL
    y = np.array([1] * n + [0] * n + [1] * 50)
    local = np.array([True] * 2 * n + [False] * 50)
    assert applies(y, local, selftrain.MIN_POOL)
    assert not applies(y, local, selftrain.MIN_POOL, minimum=n + 1)
    assert not applies(y, local, selftrain.MIN_POOL - 1), "a handful of items is noise"
    assert not applies(y, np.zeros(len(y), dtype=bool), 5000), \
        "the starter corpus alone never self-trains"


def test_the_pool_holds_each_text_once_and_no_copy_of_a_labelled_one() -> None:
    pool = Pool.read(["Ayo  KEPUNG kantor", "ayo kepung kantor", "Rapat warga", "", "baru"],
                     [False, False, True, False, False], labelled=["BARU"])
    assert len(pool) == 2
    assert pool.debunk.tolist() == [False, True]
    assert pool.texts == prepare(["Ayo  KEPUNG kantor", "Rapat warga"])
    article = "Warga desa berkumpul di balai. " * 300
    long_pool = Pool.read([article], [False], labelled=[])
    assert long_pool.texts == prepare([article[:selftrain.ITEM_CHARS]]), \
        "a long item is read by its head, so it costs training what a post costs"


def test_what_the_labels_teach_reaches_words_only_the_items_carry() -> None:
    texts, y, local, pool = _district()
    without = _fit(texts, y, local, None)
    with_pool = _fit(texts, y, local, pool)
    assert abs(_gap(without)) < 0.5, "the labelled rows carry both phrases in both classes"
    assert _gap(with_pool) > _gap(without) + 1.0
    st = with_pool.component.provenance["self_training"]
    assert st == {"pool": 120, "applied": True, "positives": st["positives"],
                  "negatives": st["negatives"], "pool_sha256": pool.digest(), "model": True}
    assert 15 <= st["positives"] <= 60 and 15 <= st["negatives"] <= 60
    assert len(with_pool.y) == len(texts), "the evidence is the labelled rows alone"
    assert "self_training" not in without.component.provenance


def test_no_word_only_an_unlabelled_item_has_enters_the_model() -> None:
    texts, y, local, _ = _district()
    rng = np.random.default_rng(5)
    items = (_texts(rng, RIOT, 60, "pak zulkarnaen", cues=1)
             + _texts(rng, CALM, 60, "bambu runcing", cues=1))
    fit = _fit(texts, y, local, Pool.read(items, [False] * 120, texts))
    assert fit.component.provenance["self_training"]["applied"]
    names = fit.component.word_weights()[0]
    assert "zulkarnaen" not in set(names) and "runcing" in set(names)
    union = fit.component.pipeline.named_steps["features"]
    chars = union.transformer_list[1][1].get_feature_names_out()
    assert not any("zulk" in c for c in chars), "nor any piece of it"


def test_pseudo_labelled_items_never_outweigh_the_analysts_labels() -> None:
    assert selftrain.weight(60, local_total=3200.0) == selftrain.WEIGHT
    assert selftrain.weight(600, local_total=40.0) == pytest.approx(40 / 600)
    assert selftrain.weight(0, local_total=0.0) == selftrain.WEIGHT


def test_too_few_local_labels_leave_the_items_unused() -> None:
    texts, y, local, pool = _district(local_each=selftrain.MIN_LOCAL - 1)
    without = _fit(texts, y, local, None)
    gated = _fit(texts, y, local, pool)
    assert gated.component.provenance["self_training"] == {
        "pool": 120, "applied": False, "positives": 0, "negatives": 0, "pool_sha256": None}
    probe = prepare(["siapkan bambu runcing", "kepung balai desa"])
    assert np.allclose(gated.component.decision(probe), without.component.decision(probe))


def test_debunks_are_left_out_for_a_label_a_debunk_cannot_carry() -> None:
    texts, y, local, _ = _district()
    rng = np.random.default_rng(3)
    items = (_texts(rng, RIOT, 60, "bambu runcing", cues=1)
             + _texts(rng, CALM, 60, "tenda hijau", cues=1))
    mixed = Pool.read(items, [False] * 60 + [True] * 60, texts)  # the calm ones refute
    fit = _fit(texts, y, local, mixed, never_if_debunk=True)
    st = fit.component.provenance["self_training"]
    other = _fit(texts, y, local, mixed, never_if_debunk=False)
    assert other.component.provenance["self_training"]["negatives"] >= 25
    assert st["positives"] >= 25 and st["negatives"] < 5, \
        "the calm items are the debunks: left out, they give no negatives"


def _add(ws: Workspace, rows: list[tuple[str, str | None]]) -> list[int]:
    """Items (text, source kind or None) in order; their ids."""
    with ws.session() as session:
        sources = {}
        for kind in {k for _, k in rows if k}:
            source = Source(name=f"s-{kind}", url=f"https://{kind}.example/feed", kind=kind)
            session.add(source)
            session.flush()
            sources[kind] = source.id
        ids = []
        for i, (text, kind) in enumerate(rows):
            item = Item(title="", text=text, published_at=utc_now(), content_hash=f"p{i}",
                        source_id=sources.get(kind), is_debunk=kind == "factcheck")
            session.add(item)
            session.flush()
            ids.append(item.id)
        return ids


def test_the_workspace_offers_its_recent_unlabelled_items(workspace: Workspace) -> None:
    ids = _add(workspace, [
        ("Warga desa gotong royong membersihkan balai", None),
        ("Ayo kepung kantor camat malam ini", "news"),
        ("[HOAKS] Kabar kantor camat dibakar tidak benar", "factcheck"),
        ("The polling station opens at seven in the morning for all voters", "news"),
        ("Rapat koordinasi pengamanan TPS di kecamatan", "news"),
        ("Beredar pesan berantai soal surat suara", None),
        ("Polres membantah kabar kantor camat dibakar: tidak benar", "news")])
    with workspace.session() as session:
        session.add(Label(item_id=ids[0], label="hoaks", value=0, origin="dashboard",
                          created_by="analis1"))
        session.add(Label(item_id=None, text="Teks berlabel tanpa item", label="hoaks",
                          value=1, origin="dashboard", created_by="analis1"))
        session.get(Item, ids[-1]).is_debunk = True
    with workspace.session() as session:
        texts, debunk = unlabelled_items(session, 10)
        assert texts == ["Polres membantah kabar kantor camat dibakar: tidak benar",
                         "Beredar pesan berantai soal surat suara",
                         "Rapat koordinasi pengamanan TPS di kecamatan",
                         "Ayo kepung kantor camat malam ini"], \
            "stored last first; no labelled item, no fact-check item, no English"
        assert debunk == [True, False, False, False]
        assert unlabelled_items(session, 2)[0] == texts[:2]
        assert unlabelled_items(session, 0) == ([], [])
        assert session.scalars(select(Item.id)).all(), "nothing was changed"


@pytest.mark.parametrize("self_training", [True, False])
def test_training_self_trains_on_the_workspace_and_says_so(
        workspace: Workspace, self_training: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(common._run, "lang", "id")  # not another test's `sejuk --lang en`
    texts, y, _, _ = _district()
    rng = np.random.default_rng(11)
    _add(workspace, [(t, None) for t in _texts(rng, RIOT, 60, "bambu runcing", cues=1)
                     + _texts(rng, CALM, 60, "tenda hijau", cues=1)])
    ys = np.column_stack([y, y])
    data = LabelledSet(texts, ys, ("hoaks", "provokasi"), origins=["file:mine.csv"] * len(y))
    outcome = train_from_set(workspace, data, self_training=self_training, write_report=True)
    component = outcome.result.card["components"]["provokasi"]
    lines = "\n".join(training_summary(outcome))
    report = outcome.report.read_text(encoding="utf-8") if outcome.report else ""
    toast = self_training_text(outcome.result.card["components"], outcome.trained, "id")
    if self_training:
        assert component["self_training"]["pool"] == 120
        assert component["self_training"]["applied"] is True
        assert "belajar mandiri:" in lines
        done = component["self_training"]
        assert toast.startswith("; belajar mandiri dari 120 item terbaru") and \
            f"provokasi {done['positives']}/{done['negatives']}" in toast
        assert f"negatif dari {component['self_training']['pool']} item tanpa label" in report
        cued = done["cues"]  # the calm items carry no group, slur nor call to a mass
        assert cued["negatives"] > 0 and done["model"] is True
        assert (f"{cued['positives']} dan {cued['negatives']} di antaranya menurut kata "
                "isyarat (") in lines and "; sisanya oleh model sendiri" in lines
        assert (f"menurut kata isyarat (by cue words) {cued['positives']}/"
                f"{cued['negatives']}") in report
    else:
        assert "self_training" not in component
        assert "belajar mandiri" not in lines
        assert toast == ""
        assert "negatif dari" not in report


@pytest.mark.parametrize(("items", "says"), [
    (120, "; belajar mandiri dilewati (hoaks): tak ada item cocok dengan kata isyaratnya; "
          "model sendiri memberi label mulai 15 positif dan 15 negatif"),
    (40, "; belajar mandiri dilewati (hoaks, provokasi): baru 40 item tanpa label, perlu "
         "minimal 100")])
def test_the_dashboard_says_why_a_training_did_not_self_train(
        workspace: Workspace, items: int, says: str) -> None:
    """The Model page's toast after *Latih model baru*: the gate's reason, as the command
    line gives it, so an analyst knows what would switch self-training on. Ten labels of
    each class: the items' hate cues label them for ``provokasi``; the riot and calm words
    are no hoax cue, and the model waits for fifteen labels."""
    texts, y, local, _ = _district(10)
    texts, y = [t for t, mine in zip(texts, local, strict=True) if mine], y[local]
    rng = np.random.default_rng(11)
    _add(workspace, [(t, None) for t in _texts(rng, RIOT, items // 2, "bambu runcing")
                     + _texts(rng, CALM, items // 2, "tenda hijau")])
    data = LabelledSet(texts, np.column_stack([y, y]), ("hoaks", "provokasi"),
                       origins=["file:mine.csv"] * len(y))
    outcome = train_from_set(workspace, data)
    components = outcome.result.card["components"]
    assert not components["hoaks"]["self_training"]["applied"]
    assert components["provokasi"]["self_training"]["applied"] == (items >= 100)
    toast = self_training_text(components, outcome.trained, "id")
    assert toast.endswith(says)
    if items >= 100:
        cued = components["provokasi"]["self_training"]["cues"]
        assert toast.startswith(
            f"; belajar mandiri dari {items} item terbaru tanpa label (positif/negatif): "
            f"provokasi {cued['positives']}/{cued['negatives']} (kata isyarat "
            f"{cued['positives']}/{cued['negatives']}: hinaan atau kekerasan ")
    english = self_training_text(components, outcome.trained, "en")
    assert ("self-training skipped (hoaks)" if items >= 100
            else "self-training skipped (hoaks, provokasi)") in english
