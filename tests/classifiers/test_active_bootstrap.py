"""Active learning queue, fact-check bootstrapping, readable reasons, thresholds."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from classifiers.active import QueueItem, label_queue
from classifiers.dataset import UNKNOWN, read_labelled_csv
from classifiers.metrics import expected_calibration_error
from classifiers.stopwords import is_readable_term
from classifiers.training import train
from classifiers.workflow import classify_pending, factcheck_claims, train_from_set
from sejuk.db.models import Item, Label, Narrative, Source
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

DATA = Path(__file__).parent.parent / "data"
LABELS = ("hoaks", "provokasi")


@pytest.fixture(scope="module")
def small() -> object:
    return read_labelled_csv(DATA / "labelled_small.csv", LABELS)


def test_reasons_are_readable_terms(small: object) -> None:
    result = train(small)
    texts = ["Yang dari kita 0 surat suara sudah dicoblos di gudang KPU, sebarkan!",
             "Ayo kita kepung kantor KPU jam 9, bawa massa dari kampung"]
    for per_label in result.model.reasons(texts):
        for terms in per_label.values():
            for term in terms:
                assert is_readable_term(term), term
                assert term not in {"yang", "dari", "kita", "0"}
    assert any(result.model.reasons(texts)[1]["provokasi"])


def test_readable_term_rules() -> None:
    assert is_readable_term("surat suara")
    assert is_readable_term("kepung")
    for bad in ("yang", "0", "00", "dari kita", "yang dicoblos", "x", "kab", "kec",
                "kab cirebon", "desa"):
        assert not is_readable_term(bad), bad
    assert is_readable_term("cirebon")  # a place name may be a reason; its kind is not


def test_model_threshold_is_stored_and_overridable(small: object) -> None:
    result = train(small)
    model = result.model
    assert set(model.thresholds) == set(LABELS)
    assert all(0.05 <= v <= 0.95 for v in model.thresholds.values())
    assert result.card["thresholds"] == model.thresholds
    assert model.threshold("hoaks", {"hoaks": 0.9}) == 0.9
    assert model.threshold("hoaks") == model.thresholds["hoaks"]


def test_expected_calibration_error() -> None:
    y = np.array([0, 0, 1, 1])
    assert expected_calibration_error(y, np.array([0.0, 0.0, 1.0, 1.0])) == 0.0
    assert expected_calibration_error(y, np.array([1.0, 1.0, 0.0, 0.0])) == 1.0


def _items(session, texts: list[str], narrative: int | None = None) -> list[int]:
    ids = []
    for text in texts:
        item = Item(title="", text=text, published_at=utc_now(),
                    content_hash=hashlib.sha256(text.encode()).hexdigest(),
                    narrative_id=narrative)
        session.add(item)
        session.flush()
        ids.append(item.id)
    return ids


def test_label_queue_skips_labelled_and_spreads_narratives(workspace: Workspace,
                                                           small: object) -> None:
    train_from_set(workspace, small)
    with workspace.session() as session:
        narrative = Narrative(title="n", first_seen=utc_now(), last_seen=utc_now())
        session.add(narrative)
        session.flush()
        copies = _items(session, [f"katanya surat suara dicoblos di gudang versi {i}"
                                  for i in range(6)], narrative.id)
        others = _items(session, ["warga kumpul di balai desa bahas TPS",
                                  "kabar KPU undur jadwal, benarkah?",
                                  "ayo datang ke TPS pagi pagi"])
        session.add(Label(item_id=others[0], label="hoaks", value=0, created_by="a"))
        session.add(Label(item_id=others[0], label="provokasi", value=0, created_by="a"))
        session.add(Label(item_id=others[1], label="hoaks", value=1, created_by="a"))
        english = _items(session, ["The police said that the election results in the "
                                   "district were rigged by the commission"])
        factcheck = Source(name="cek", url="http://127.0.0.1:9/cek", kind="factcheck")
        session.add(factcheck)
        session.flush()
        refuted = _items(session, ["Video surat suara dicoblos di gudang itu editan"])
        session.get(Item, refuted[0]).source_id = factcheck.id
    classify_pending(workspace)
    with workspace.session() as session:
        queue = label_queue(session, None, None, 10)
        assert all(isinstance(q, QueueItem) for q in queue)
        ids = [q.item_id for q in queue]
        assert others[0] not in ids, "an item labelled for every label is not proposed again"
        assert english[0] not in ids and refuted[0] not in ids, "rules decide those"
        partly = [q for q in queue if q.item_id == others[1]]
        assert [q.label for q in partly] == ["provokasi"], "proposed for the label it lacks"
        queue = label_queue(session, None, None, 4)
        ids = [q.item_id for q in queue]
        assert len(ids) == len(set(ids)) == 4
        assert sum(i in copies for i in ids) <= 2, "one narrative must not fill the queue"
        assert all(0 < q.uncertainty <= 1 for q in queue)
        # the dashboard's call: settings in place of a version
        assert label_queue(session, settings=workspace.settings, limit=2)


def test_bootstrap_from_factchecks_strips_verdicts(workspace: Workspace) -> None:
    with workspace.session() as session:
        source = Source(name="Cek", url="http://127.0.0.1/fc.xml", kind="factcheck")
        session.add(source)
        session.flush()
        session.add(Item(title="[HOAKS] Pemungutan Suara Pilkada Diundur Sepekan",
                         text="Beredar pesan yang mengklaim pemungutan suara diundur sepekan. "
                              "Faktanya jadwal tidak berubah.",
                         published_at=utc_now(), content_hash="fc1", is_debunk=True,
                         source_id=source.id))
        data = factcheck_claims(session, LABELS)
    assert data is not None and data.y.tolist() == [[1, UNKNOWN]]  # provokasi: not judged
    text = data.texts[0].lower()
    assert "diundur" in text
    for word in ("hoaks", "faktanya", "beredar", "mengklaim", "jadwal tidak berubah"):
        assert word not in text
