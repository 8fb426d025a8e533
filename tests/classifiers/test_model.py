"""The text model: training, evaluation, reasons, safe persistence and the registry."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio
from sklearn.preprocessing import FunctionTransformer

from classifiers.dataset import UNKNOWN, LabelledSet, read_labelled_csv
from classifiers.metrics import expected_calibration_error, score_flags
from classifiers.model import TextModel, build_pipeline
from classifiers.persist import TRUSTED_TYPES, file_sha256, load_model, save_model
from classifiers.registry import promote, rollback
from classifiers.training import train
from classifiers.workflow import classify_pending, train_from_set
from sejuk.db.models import AuditEntry, Item, ModelVersion, Prediction
from sejuk.errors import InputError, ModelError
from sejuk.signals import active_version
from sejuk.workspace import Workspace
from tests.places import version_file

DATA = Path(__file__).parent.parent / "data"
LABELS = ("hoaks", "provokasi")


@pytest.fixture(scope="module")
def small() -> LabelledSet:
    return read_labelled_csv(DATA / "labelled_small.csv", LABELS)


@pytest.fixture(scope="module")
def trained(small: LabelledSet) -> object:
    return train(small)


def _with_y(data: LabelledSet, y: np.ndarray, texts: list[str] | None = None) -> LabelledSet:
    texts = list(data.texts if texts is None else texts)
    return LabelledSet(texts, y, LABELS)


def _evaluate(model: TextModel, texts: list[str], y: np.ndarray) -> object:
    proba = model.predict_proba(texts)
    flags = np.column_stack([proba[:, j] >= model.threshold(label)
                             for j, label in enumerate(model.labels)])
    return score_flags(model.labels, y, flags, proba)


def test_build_pipeline_is_unfitted_and_parametrised() -> None:
    pipe = build_pipeline(C=2.0, word_ngrams=(1, 1))
    assert pipe.named_steps["clf"].C == 2.0
    assert not hasattr(pipe.named_steps["features"].transformer_list[0][1], "vocabulary_")


def test_train_reports_cross_validated_metrics_and_card(trained: object,
                                                        small: LabelledSet) -> None:
    card = trained.card
    assert card["n_samples"] == len(small.texts)
    assert card["labels"] == card["trained_labels"] == list(LABELS)
    assert set(card["versions"]) >= {"scikit-learn", "python", "numpy"}
    assert len(card["data_sha256"]) == 64
    assert set(trained.metrics.labels) == set(LABELS)
    for label, metrics in trained.metrics.labels.items():
        assert 0.0 <= metrics.macro_f1 <= 1.0
        assert card["evaluation"][label]["folds"] >= 2
        assert card["components"][label]["sources"] == {"file:labelled_small.csv": len(small.texts)}
        fit = trained.evidence[label]
        assert len(fit.y) == len(small.texts), "every row scored out of fold"


def test_probabilities_per_label_and_reasons(trained: object) -> None:
    model: TextModel = trained.model
    texts = ["Ayo kepung kantor KPU, bawa massa!", "Surat suara sudah dicoblos di gudang"]
    proba = model.predict_proba(texts)
    assert proba.shape == (2, 2)
    assert np.all((proba >= 0) & (proba <= 1))
    assert proba[0, 1] > proba[1, 1]  # the mobilisation call is the unrest signal
    reasons = model.reasons(texts)
    assert reasons[0]["provokasi"], "a flagged text must show the words behind its score"
    assert all(isinstance(term, str) for term in reasons[0]["provokasi"])
    both, why = model.score(texts)
    assert np.allclose(both, proba) and why == reasons


def test_evaluate_shape(trained: object, small: LabelledSet) -> None:
    data = _evaluate(trained.model, small.texts, small.y).to_dict()
    assert data["n"] == len(small.texts)
    assert set(data["labels"]["hoaks"]) == {"precision", "recall", "f1", "macro_f1", "support"}


def test_skops_round_trip_with_reviewed_types(trained: object, tmp_path: Path) -> None:
    path = tmp_path / "m.skops"
    sha = save_model(trained.model, trained.card, path)
    untrusted = sio.get_untrusted_types(file=path)
    assert set(untrusted) <= set(TRUSTED_TYPES)
    loaded = load_model(path, LABELS, sha, card=trained.card)
    texts = ["Kumpul di alun-alun, tolak hasil pilkada"]
    assert np.allclose(loaded.predict_proba(texts), trained.model.predict_proba(texts))
    assert loaded.reasons(texts) == trained.model.reasons(texts)
    assert loaded.thresholds == trained.model.thresholds
    card = json.loads(path.with_suffix(".json").read_text())
    assert card["sha256"] == sha
    # saving leaves the in-memory model whole (vocabularies travel beside the pipelines)
    assert np.allclose(trained.model.predict_proba(texts), loaded.predict_proba(texts))


def test_a_model_file_needs_its_calibration(trained: object, tmp_path: Path) -> None:
    path = tmp_path / "m.skops"
    save_model(trained.model, trained.card, path)
    with pytest.raises(ModelError, match="no calibration"):
        load_model(path, LABELS, card={})


def test_file_with_untrusted_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.skops"
    pipe = build_pipeline()
    pipe.steps.insert(0, ("fn", FunctionTransformer(json.loads)))
    sio.dump(pipe, path)
    with pytest.raises(ModelError, match="untrusted types"):
        load_model(path, LABELS)


def test_file_of_another_shape_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.skops"
    sio.dump({"pipelines": {"hoaks": "not a pipeline"}, "vocabularies": {}}, path)
    with pytest.raises(ModelError, match="one pipeline per label"):
        load_model(path, LABELS)


def test_tampered_file_is_refused(trained: object, tmp_path: Path) -> None:
    path = tmp_path / "m.skops"
    sha = save_model(trained.model, trained.card, path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert file_sha256(path) != sha
    with pytest.raises(ModelError, match="checksum"):
        load_model(path, LABELS, sha)


def test_corrupt_file_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "junk.skops"
    path.write_bytes(b"not a zip file at all")
    with pytest.raises(ModelError, match="cannot be read"):
        load_model(path, LABELS)


def test_single_class_data_is_refused(small: LabelledSet) -> None:
    with pytest.raises(InputError, match="'hoaks' has 0 positive"):
        train(_with_y(small, np.zeros_like(small.y)))


def test_training_holds_blas_to_one_thread_and_gives_the_threads_back(
        small: LabelledSet, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second BLAS thread only spins in the solver's small vector operations (CPU time
    up a third, the clock no faster): training holds the BLAS libraries to one thread
    and leaves them as it found them."""
    from threadpoolctl import threadpool_info, threadpool_limits

    from classifiers import training

    def blas_threads() -> set[int]:
        return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}

    if not blas_threads():
        pytest.skip("no BLAS library loaded that threadpoolctl can see")
    seen: list[set[int]] = []
    real = training.fit_label

    def recording(*args: object, **kwargs: object) -> object:
        seen.append(blas_threads())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(training, "fit_label", recording)
    with threadpool_limits(limits=2, user_api="blas"):
        train(small)
        after = blas_threads()
    assert seen and all(threads == {1} for threads in seen)
    assert after == {2}, "the caller's limit is restored"


def _now() -> object:
    from sejuk.timeutil import utc_now

    return utc_now()


def _add_items(ws: Workspace, texts: list[tuple[str, bool]]) -> None:
    from sejuk.timeutil import utc_now

    with ws.session() as session:
        for i, (text, debunk) in enumerate(texts):
            session.add(Item(title="", text=text, published_at=utc_now(), content_hash=str(i),
                             is_debunk=debunk))


def test_first_model_is_promoted_and_scores_items(workspace: Workspace, small: object) -> None:
    outcome = train_from_set(workspace, small, actor="analis1")
    assert outcome.promoted
    _add_items(workspace, [("Katanya surat suara sudah dicoblos di gudang KPU", False),
                           ("Klarifikasi KPU: kabar surat suara sudah dicoblos di gudang "
                            "tidak benar", True)])
    _version, count = classify_pending(workspace)
    assert count == 2
    with workspace.session() as session:
        rows = session.query(Prediction).filter_by(label="hoaks").order_by(Prediction.item_id)
        claim, debunk = rows.all()
        assert debunk.flagged is False, "a debunk is never flagged as the hoax it refutes"
        assert claim.reasons


def test_what_is_never_flagged_whatever_the_probability(workspace: Workspace,
                                                        small: object) -> None:
    from classifiers.registry import load_version
    from classifiers.scoring import classify_items
    from sejuk.db.models import Source
    from sejuk.settings import ClassifierSettings
    from sejuk.timeutil import utc_now

    train_from_set(workspace, small)
    everything = ClassifierSettings(thresholds={"hoaks": 0.0, "provokasi": 0.0})
    texts = {
        "news": ("Warga diajak kumpul di depan kantor KPU untuk mengawal suara", "news",
                 False),
        "news_debunk": ("Tidak benar surat suara dicoblos, ayo kepung kantor KPU besok",
                        "news", True),
        "factcheck": ("[HOAKS] Ajakan mengepung kantor KPU pada hari pencoblosan", "factcheck",
                      True),
        "english": ("The police said that the election commission was attacked by a mob "
                    "and the results are rigged", "news", False),
    }
    with workspace.session() as session:
        sources = {kind: Source(name=kind, url=f"http://127.0.0.1:9/{kind}", kind=kind)
                   for kind in ("news", "factcheck")}
        session.add_all(sources.values())
        session.flush()
        ids = {}
        for key, (text, kind, debunk) in texts.items():
            item = Item(title="", text=text, published_at=utc_now(), content_hash=key,
                        is_debunk=debunk, source_id=sources[kind].id)
            session.add(item)
            session.flush()
            ids[key] = item.id
        version = active_version(session)
        model = load_version(version, workspace.settings.models_dir)
        classify_items(session, version, model, everything)
        flags = {key: {p.label for p in session.query(Prediction).filter_by(
            item_id=item_id, flagged=True)} for key, item_id in ids.items()}
        stored = session.query(Prediction).filter_by(item_id=ids["english"]).count()
    assert flags["news"] == {"hoaks", "provokasi"}
    assert flags["news_debunk"] == {"provokasi"}, "a debunk is never hoaks, may be provokasi"
    assert flags["factcheck"] == set(), "a fact-check source publishes refutations"
    assert flags["english"] == set() and stored == 2, "scored, never flagged"


def _shuffled(small: LabelledSet, seed: int = 0) -> LabelledSet:
    from classifiers.dataset import LabelledSet

    y = small.y.copy()
    np.random.default_rng(seed).shuffle(y)
    return LabelledSet(small.texts, y, LABELS)


def test_promotion_rules_and_audit(workspace: Workspace, small: object) -> None:
    first = train_from_set(workspace, small)
    second = train_from_set(workspace, _shuffled(small))
    assert not second.promoted
    assert second.result.metrics.macro_f1 < first.result.metrics.macro_f1
    models, classifier = workspace.settings.models_dir, workspace.settings.classifier
    with pytest.raises(ModelError, match="--force"), workspace.session() as session:
        promote(session, second.version, models, classifier, actor="admin")
    with workspace.session() as session:
        assert active_version(session).id == first.version
        promote(session, second.version, models, classifier, actor="admin", force=True)
    with workspace.session() as session:
        assert active_version(session).id == second.version
        entries = session.query(AuditEntry).filter(AuditEntry.action == "model.promote")
        promoted = {e.target: e.details for e in entries}
        assert promoted[f"v{second.version}"]["forced"] is True
        assert promoted[f"v{second.version}"]["previous"] == first.version


def test_promotion_scores_every_item_so_flags_never_vanish(workspace: Workspace,
                                                           small: object) -> None:
    train_from_set(workspace, small)
    _add_items(workspace, [("Katanya surat suara sudah dicoblos di gudang KPU", False),
                           ("Warga diajak kerja bakti di balai desa", False)])
    classify_pending(workspace)
    second = train_from_set(workspace, small)
    with workspace.session() as session:
        done = promote(session, second.version, workspace.settings.models_dir,
                       workspace.settings.classifier, actor="admin")
        assert done.scored == 2
    with workspace.session() as session:
        scored = {p.item_id for p in session.query(Prediction)
                  .filter_by(model_version_id=second.version)}
        assert len(scored) == 2


def test_rollback_walks_back_through_the_promotions(workspace: Workspace,
                                                    small: object) -> None:
    models, classifier = workspace.settings.models_dir, workspace.settings.classifier
    versions = [train_from_set(workspace, small).version for _ in range(3)]
    with workspace.session() as session:
        for v in versions[1:]:
            promote(session, v, models, classifier, actor="admin", force=True)
    _add_items(workspace, [("Isu pemilih siluman beredar di grup warga", False)])
    with workspace.session() as session:
        done = rollback(session, models, classifier, actor="admin")
        assert done.version.id == versions[1]
        assert done.scored == 1, "items collected since it was retired are scored on return"
    with workspace.session() as session:
        assert rollback(session, models, classifier, actor="admin").version.id == versions[0]
    with pytest.raises(ModelError, match="no earlier"), workspace.session() as session:
        rollback(session, models, classifier, actor="admin")
    with workspace.session() as session:
        statuses = {v.id: v.status for v in session.query(ModelVersion)}
        assert statuses == {versions[0]: "active", versions[1]: "withdrawn",
                            versions[2]: "withdrawn"}
        actions = [e.action for e in session.query(AuditEntry).order_by(AuditEntry.id)]
        assert actions.count("model.rollback") == 2


def test_tampered_candidate_is_not_promoted(workspace: Workspace, small: object) -> None:
    first = train_from_set(workspace, small)
    second = train_from_set(workspace, small)
    path = version_file(workspace.settings.home, second.version, ".skops")
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(ModelError), workspace.session() as session:
        promote(session, second.version, workspace.settings.models_dir,
                workspace.settings.classifier, actor="admin", force=True)
    with workspace.session() as session:
        assert active_version(session).id == first.version


def test_unknown_labels_are_left_out_of_fitting_and_scoring(small: LabelledSet) -> None:
    y = small.y.copy()
    y[::3, 1] = UNKNOWN  # provokasi not judged on every third sample
    result = train(_with_y(small, y))
    known = y[:, 1] != UNKNOWN
    assert len(result.evidence["provokasi"].y) == int(known.sum())
    assert len(result.evidence["hoaks"].y) == len(y)
    model = result.model
    whole = _evaluate(model, small.texts, y)
    subset = _evaluate(model, [t for t, k in zip(small.texts, known, strict=True) if k],
                       small.y[known])
    assert whole.labels["provokasi"] == subset.labels["provokasi"]
    assert whole.labels["hoaks"].support == int(small.y[:, 0].sum())
    y[:, 1] = UNKNOWN
    assert set(_evaluate(model, small.texts, y).labels) == {"hoaks"}, \
        "a label the file does not judge gets no invented figures"


def test_training_with_a_partly_judged_label(small: LabelledSet) -> None:
    y = small.y.copy()
    y[::4, 1] = UNKNOWN
    result = train(_with_y(small, y))
    assert result.card["label_known"] == {"hoaks": len(y), "provokasi": int((y[:, 1] >= 0).sum())}
    assert result.card["label_distribution"]["provokasi"] == int((y[:, 1] == 1).sum())
    assert set(result.metrics.labels) == {"hoaks", "provokasi"}
    fit = result.evidence["provokasi"]
    assert result.metrics.ece["provokasi"] == pytest.approx(
        expected_calibration_error(fit.y, fit.proba), abs=1e-4)


def test_a_run_trains_only_the_labels_asked_and_keeps_the_rest(trained: object,
                                                               small: LabelledSet) -> None:
    y = small.y.copy()
    y[:, 1] = UNKNOWN
    result = train(_with_y(small, y), train_labels=("hoaks",), keep=trained.model)
    assert result.model.components["provokasi"] is trained.model.components["provokasi"]
    assert set(result.metrics.labels) == {"hoaks"}
    assert result.card["trained_labels"] == ["hoaks"]
    with pytest.raises(InputError, match="no component to keep"):
        train(_with_y(small, y), train_labels=("hoaks",))


def test_local_labels_weigh_more_than_the_starter_corpus(small: LabelledSet) -> None:
    from classifiers.training import origin_weights

    local = np.array([True] * 10 + [False] * 1000)
    weights = origin_weights(local, share=1.0, cap=50.0)
    assert weights[0] == 50.0 and weights[-1] == 1.0, "capped"
    weights = origin_weights(np.array([True] * 100 + [False] * 1000), share=1.0)
    assert weights[:100].sum() == pytest.approx(weights[100:].sum())
    assert origin_weights(np.array([True] * 5)).tolist() == [1.0] * 5, "no starter: plain"
    origins = ["starter:x"] * (len(small.texts) - 8) + ["file:mine.csv"] * 8
    data = LabelledSet(list(small.texts), small.y, LABELS, origins=origins)
    result = train(data)
    assert result.card["components"]["hoaks"]["local"] == 8
    assert result.card["components"]["hoaks"]["local_weight"] > 1


def test_report_confusion_matches_the_figures_at_a_set_threshold(small: LabelledSet) -> None:
    from classifiers.report import render_training_report

    result = train(small, thresholds={"hoaks": 0.9})
    assert result.card["scored_thresholds"]["hoaks"] == 0.9
    html = render_training_report(result, 1)
    hoaks = result.metrics.labels["hoaks"]
    fit = result.evidence["hoaks"]
    true_pos = int(((fit.proba >= 0.9) & (fit.y == 1)).sum())
    assert hoaks.recall == round(true_pos / hoaks.support, 4)
    section = html[html.index("<h3>hoaks</h3>"):]
    assert f"<th>actual 1</th><td>{hoaks.support - true_pos}</td><td>{true_pos}</td>" in section
    assert "<td>0.900</td>" in html


def test_a_version_coming_back_flags_by_todays_thresholds_and_rules(
        workspace: Workspace, small: object) -> None:
    from sejuk.db.models import Source
    from sejuk.settings import ClassifierSettings

    models = workspace.settings.models_dir
    first = train_from_set(workspace, small).version
    second = train_from_set(workspace, small).version
    with workspace.session() as session:
        source = Source(name="cek", url="http://127.0.0.1:9/cek", kind="factcheck")
        session.add(source)
        session.flush()
        session.add(Item(title="", text="Ajakan kepung kantor KPU itu hoaks", source_id=source.id,
                         published_at=_now(), content_hash="fc", is_debunk=True))
    _add_items(workspace, [("Katanya surat suara sudah dicoblos di gudang KPU", False),
                           ("Ayo kepung kantor camat malam ini", False)])
    classify_pending(workspace)
    with workspace.session() as session:
        purged = session.query(Item).filter_by(text="Ayo kepung kantor camat malam ini").one()
        purged.text, purged.text_purged_at = "", _now()  # retention took its text
        # as scored before the fact-check rule existed, and under another threshold
        session.query(Prediction).filter_by(model_version_id=first, label="provokasi").update(
            {"flagged": False})
        fact_check_id = session.query(Item.id).filter_by(content_hash="fc").scalar()
        session.query(Prediction).filter_by(model_version_id=first, label="provokasi",
                                            item_id=fact_check_id).update({"flagged": True})
        promote(session, second, models, workspace.settings.classifier, actor="admin",
                force=True)
    loose = ClassifierSettings(thresholds={"provokasi": 1e-6})
    with workspace.session() as session:
        assert rollback(session, models, loose, actor="admin").version.id == first
    with workspace.session() as session:
        rows = session.query(Prediction).filter_by(model_version_id=first).all()
        fact_check = session.query(Item.id).filter_by(content_hash="fc").scalar()
        assert not any(p.flagged for p in rows if p.item_id == fact_check), \
            "the fact-check rule applies to flags made before it existed"
        assert all(p.flagged for p in rows if p.label == "provokasi"
                   and p.item_id not in (fact_check, purged.id)), \
            "and today's threshold to every flag"
        assert not any(p.flagged for p in rows if p.item_id == purged.id and
                       p.label == "provokasi"), "a purged text cannot be checked: not re-flagged"


