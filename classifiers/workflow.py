"""The classifier's jobs as the CLI and the dashboard run them, over one workspace.

Each job opens one session (one transaction): training registers a version and its
audit entry together, claim matching writes its links together, and a failure leaves
nothing half-written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import distinct, func, or_, select
from sqlalchemy.orm import Session

from classifiers.dataset import (
    MAX_TEXT_CHARS,
    STARTER,
    UNKNOWN,
    LabelledSet,
    merge_sets,
    read_labelled_csv,
    text_key,
    trainable,
)
from classifiers.figures import carried
from classifiers.metrics import Metrics, label_metrics, score_flags
from classifiers.model import TextModel
from classifiers.registry import (
    Orphan,
    get_version,
    load_version,
    promote,
    prune_orphans,
    register,
)
from classifiers.scoring import classify_items, flag_texts, item_text, reflag
from classifiers.training import TrainingResult, train
from sejuk.access import audit
from sejuk.db.models import ClaimMatch, Item, Label, ModelVersion, Source
from sejuk.errors import InputError, ModelError
from sejuk.phrases import Phrases
from sejuk.settings import Settings
from sejuk.signals import active_version
from sejuk.workspace import Workspace


@dataclass(frozen=True)
class TrainOutcome:
    version: int
    promoted: bool
    result: TrainingResult
    #: Labels trained in this run, and labels whose component was kept (label -> version).
    trained: tuple[str, ...] = ()
    kept: dict[str, int | None] = field(default_factory=dict)
    report: Path | None = None
    #: Files of versions a killed training left, removed before this run.
    pruned: tuple[Orphan, ...] = ()


def labels_to_train(data: LabelledSet) -> tuple[str, ...]:
    """The labels a run retrains: those the workspace's own data judge (files, dashboard
    labels, fact-check claims); every label the data judge when it is the starter corpus
    alone. A label no local row judges keeps the active model's component."""
    known = data.y != UNKNOWN
    own = known & np.column_stack([data.local(label) for label in data.labels])
    judged = (own if own.any() else known).any(axis=0)
    return tuple(label for label, j in zip(data.labels, judged, strict=True) if j)


def train_from_set(workspace: Workspace, data: LabelledSet, *, actor: str = audit.SYSTEM_ACTOR,
                   auto_promote: bool = True, write_report: bool = False,
                   self_training: bool = True) -> TrainOutcome:
    """Train the labels ``data``'s own rows judge (keeping the active model's component
    for the others), register a new version, and promote it when no model is active.
    With ``self_training`` the workspace's unlabelled items (``[classifier]
    self_training_pool`` of them, :func:`unlabelled_items`) are offered to the labels
    whose local rows are enough (:mod:`classifiers.selftrain`).

    Files that killed runs left (:func:`classifiers.registry.prune_orphans`) are removed
    first, in a transaction of their own: their audit entry stays if this run fails."""
    settings = workspace.settings
    to_train = labels_to_train(data)
    if not to_train:
        raise InputError.said(_TRAINING, "nothing_judged")
    with workspace.session() as session:
        pruned = tuple(prune_orphans(session, settings.models_dir, settings.reports_dir,
                                     actor=actor))
    with workspace.session() as session:
        current = active_version(session)
        keep: TextModel | None = None
        kept: dict[str, int | None] = {}
        figures: dict[str, dict[str, Any]] = {}
        if current is None:  # nothing to keep: train every label the data judge at all
            to_train = tuple(lab for j, lab in enumerate(data.labels)
                             if (data.y[:, j] != UNKNOWN).any())
        if set(to_train) != set(data.labels):
            if current is None or any(lab not in current.labels for lab in data.labels):
                missing = ", ".join(lab for lab in data.labels if lab not in to_train)
                raise InputError.said(_TRAINING, "judge_only", judged=", ".join(to_train),
                                      missing=missing)
            keep = load_version(current, settings.models_dir)
            kept = {lab: current.id for lab in data.labels if lab not in to_train}
            figures = carried(session, current, kept)
        unseen = _active_unseen(current, to_train, settings.models_dir, keep)
        pool_texts, pool_debunk = unlabelled_items(
            session, settings.classifier.self_training_pool if self_training else 0)
    result = train(data, train_labels=to_train, keep=keep,
                   thresholds=dict(settings.classifier.thresholds),
                   unlabelled=pool_texts, unlabelled_debunk=pool_debunk)
    if unseen is not None:
        baseline = active_on_local_rows(*unseen, data, result,
                                        dict(settings.classifier.thresholds))
        if baseline is not None:
            result.card["baseline"] = baseline
    for label, version in kept.items():
        result.card["components"][label] = {**result.card["components"][label],
                                            "kept_from": version}
    if figures:  # shown beside the trained labels' figures, never averaged with them
        result.card["kept"] = figures
    starter_rows = [s for s in data.skipped if s[0].startswith("starter corpus")]
    result.card["skipped_rows"] = [list(s) for s in data.skipped if s not in starter_rows]
    result.card["skipped_starter_rows"] = len(starter_rows)
    from classifiers.starter import corpus_names_of, licences

    result.card["data_licences"] = licences(corpus_names_of(result.card))
    with workspace.session() as session:
        version = register(session, result, settings.models_dir, actor=actor)
        promoted = False
        if auto_promote and active_version(session) is None:
            promote(session, version.id, settings.models_dir, settings.classifier, actor=actor)
            promoted = True
        report = None
        if write_report:
            from classifiers.report import write_training_report

            report = write_training_report(result, version.id, settings.reports_dir,
                                           dict(settings.classifier.thresholds),
                                           stem=Path(version.path).stem)
        return TrainOutcome(version=version.id, promoted=promoted, result=result,
                            trained=to_train, kept=kept, report=report, pruned=pruned)


def _active_unseen(current: ModelVersion | None, labels: Sequence[str], models_dir: Path,
                   loaded: TextModel | None) -> tuple[int, TextModel] | None:
    """The active version and its model when none of its components for ``labels`` was
    trained on the workspace's own rows (the starter model, say), so that those rows are
    new to it; None otherwise."""
    components = ((current.card or {}).get("components") or {}) if current else {}
    if current is None or any(lab not in components or components[lab].get("local", 1)
                              for lab in labels):
        return None
    return current.id, loaded if loaded is not None else load_version(current, models_dir)


def active_on_local_rows(version_id: int, model: TextModel, data: LabelledSet,
                         result: TrainingResult, thresholds: dict[str, float]
                         ) -> dict[str, Any] | None:
    """The active model's scores on the workspace's own rows the new version was
    cross-validated on, label by label, so that promotion compares the two on the same
    rows: a starter model's card scores it on the starter corpus, a district's version
    is scored on the district's labels, and 0.78 on the district's text against 0.80 on
    tweets says nothing. Only when every trained label was scored on local rows, and the
    active model never trained on them (:func:`_active_unseen`); None otherwise."""
    trained = list(result.evidence)
    if not trained or any(result.card["evaluation"][lab]["scored_on"] != "local"
                          for lab in trained):
        return None
    scores = {}
    for label in trained:
        j = data.labels.index(label)
        local = data.local(label)
        rows = np.flatnonzero(local & (data.y[:, j] != UNKNOWN))
        proba = model.predict_proba([data.texts[i] for i in rows])[:, model.labels.index(label)]
        flagged = (proba >= model.threshold(label, thresholds)).astype(int)
        scores[label] = label_metrics(data.y[rows, j], flagged)
    return {"version": version_id,
            "labels": {lab: asdict(m) for lab, m in scores.items()},
            "macro_f1": round(float(np.mean([m.macro_f1 for m in scores.values()])), 4)}


def stored_labels(session: Session, labels: Sequence[str]) -> LabelledSet | None:
    """Labels analysts gave in the dashboard, as a labelled set (None when there are none).

    An item's text is its title and body as stored; a label the analyst did not give on
    an item is unknown (skipped before every label was given), not 0. The latest
    judgement of a label wins. Items whose text was purged by retention, or that a
    training file would leave out (:func:`classifiers.dataset.trainable`: English, no
    Latin letters ...), are skipped.
    """
    labels = tuple(labels)
    per_key: dict[str, dict[str, int]] = {}
    texts: dict[str, str] = {}
    rows = session.execute(
        select(Label.item_id, Label.text, Label.label, Label.value, Item.title, Item.text)
        .outerjoin(Item, Item.id == Label.item_id).order_by(Label.id))
    for item_id, own_text, label, value, title, body in rows:
        if label not in labels:
            continue
        text = (item_text(title or "", body or "") if item_id is not None else own_text) or ""
        if not trainable(text[:MAX_TEXT_CHARS]):
            continue
        key = f"item:{item_id}" if item_id is not None else f"text:{text.strip()}"
        texts[key] = text
        per_key.setdefault(key, {})[label] = int(value)
    if not per_key:
        return None
    keys = list(per_key)
    y = np.array([[per_key[k].get(lab, UNKNOWN) for lab in labels] for k in keys], dtype=int)
    return LabelledSet(texts=[texts[k] for k in keys], y=y, labels=labels,
                       origins=["dashboard"] * len(keys))


def unlabelled_items(session: Session, limit: int) -> tuple[list[str], list[bool]]:
    """The texts of the ``limit`` items stored last that no analyst labelled, with whether
    each reads as a debunk: self-training's pool. Left out: items of fact-check sources
    (never flagged, so no example of anything) and texts a training file would leave out
    (:func:`classifiers.dataset.trainable`: English, blanked by retention ...). Stored
    last, not published last: what the district collects now, a backfill included."""
    texts: list[str] = []
    debunk: list[bool] = []
    if limit <= 0:
        return texts, debunk
    labelled = select(Label.item_id).where(Label.item_id.is_not(None))
    query = (select(Item.title, Item.text, Item.is_debunk)
             .outerjoin(Source, Source.id == Item.source_id)
             .where(Item.id.not_in(labelled),
                    or_(Source.kind.is_(None), Source.kind != "factcheck"))
             .order_by(Item.id.desc()).execution_options(yield_per=1000))
    with session.execute(query) as rows:  # closed when the pool is full
        for title, body, is_debunk in rows:
            text = item_text(title or "", body or "")
            if trainable(text[:MAX_TEXT_CHARS]):
                texts.append(text[:MAX_TEXT_CHARS])
                debunk.append(bool(is_debunk))
                if len(texts) >= limit:
                    break
    return texts, debunk


def factcheck_claims(session: Session, labels: Sequence[str]) -> LabelledSet | None:
    """Bootstrap samples: the claims fact-check debunks describe, as ``hoaks`` positives.

    Verdict tags and words ([HOAKS], "tidak benar", "klarifikasi" ...) and the
    refutation are removed (:func:`classifiers.claims.claim_text`), so the model learns
    what the claim says, not the fact-checker's wording. Only items from fact-check
    sources are used; they give ``hoaks`` positives only (every other label is
    unknown), so train them together with samples that have negatives (``--labels`` or
    ``--bundled``).
    """
    from classifiers.claims import claim_text

    labels = tuple(labels)
    if "hoaks" not in labels:
        raise InputError.said(_TRAINING, "needs_hoaks")
    rows = session.execute(select(Item.title, Item.text).join(Source, Source.id == Item.source_id)
                           .where(Source.kind == "factcheck", Item.is_debunk.is_(True)))
    texts = [t for t in (claim_text(title or "", body or "") for title, body in rows)
             if len(t.split()) >= 4]
    if not texts:
        return None
    y = np.array([[1 if lab == "hoaks" else UNKNOWN for lab in labels] for _ in texts],
                 dtype=int)
    return LabelledSet(texts=texts, y=y, labels=labels, origins=["factcheck"] * len(texts))


def training_data(workspace: Workspace, *, files: Sequence[Path] = (),
                  extra: Sequence[LabelledSet] = (), include_stored: bool = True,
                  bootstrap_factchecks: bool = False, bundled: bool = False) -> LabelledSet:
    """Everything to train on, merged: the starter corpus (``bundled``), bootstrap
    claims, files, then dashboard labels (a later source's judgement of the same text
    wins)."""
    labels = workspace.settings.classifier.labels
    parts: list[LabelledSet] = []
    if bundled:
        from classifiers.starter import starter_corpus

        parts.append(starter_corpus(labels))
    with workspace.session() as session:
        if bootstrap_factchecks:
            boot = factcheck_claims(session, labels)
            if boot is None:
                raise InputError.said(_TRAINING, "no_factchecks")
            parts.append(boot)
        parts.extend(read_labelled_csv(path, labels) for path in files)
        parts.extend(extra)
        if include_stored:
            stored = stored_labels(session, labels)
            if stored is not None:
                parts.append(stored)
    if not parts:
        raise InputError.said(_TRAINING, "no_data")
    return merge_sets(parts)


def evaluate_file(workspace: Workspace, path: Path, version_id: int | None = None) -> Metrics:
    """Scores of a model version (the active one by default) on a labelled CSV, every
    row flagged as the product would flag it (:func:`classifiers.scoring.flag_texts`:
    thresholds in force, debunks never ``hoaks``, English never flagged); rows without
    a text to score are left out and listed (``left_out``)."""
    data = read_labelled_csv(path, workspace.settings.classifier.labels, languages="keep")
    with workspace.session() as session:
        version = (active_version(session) if version_id is None
                   else get_version(session, version_id))
        if version is None:
            raise ModelError.said(_TRAINING, "no_model_or_given")
        if tuple(version.labels) != data.labels:
            raise InputError.said(_TRAINING, "other_labels", version=version.id,
                                  predicts=", ".join(version.labels),
                                  labels=", ".join(data.labels))
        model = load_version(version, workspace.settings.models_dir)
    overrides = dict(workspace.settings.classifier.thresholds)
    proba = model.predict_proba(data.texts)
    metrics = score_flags(model.labels, data.y,
                          flag_texts(model, data.texts, proba, overrides), proba)
    return replace(metrics, seen=seen_in_training(version.card or {}, data),
                   left_out=tuple(row for _, row, _ in data.skipped))


def seen_in_training(card: dict[str, Any], data: LabelledSet
                     ) -> dict[str, tuple[int, tuple[str, ...]]]:
    """Per label the file judges, how many of its rows repeat a text of the starter
    corpora that label's component was trained on (a kept component's too), and which
    corpora: a public set's train split, or the whole set it was split from, scores the
    model on its own training data. (The workspace's own training files are not kept, so
    only the shipped corpora can be checked.)"""
    from classifiers.starter import corpus_keys

    keys = [text_key(t) for t in data.texts]
    seen: dict[str, tuple[int, tuple[str, ...]]] = {}
    for j, label in enumerate(data.labels):
        sources = ((card.get("components") or {}).get(label) or {}).get("sources") or {}
        judged = {key for key, row in zip(keys, data.y[:, j], strict=True) if row != UNKNOWN}
        hits = {name: judged & corpus_keys(name) for name in sorted(
            o.removeprefix(STARTER) for o in sources if o.startswith(STARTER))}
        count = sum(1 for key, row in zip(keys, data.y[:, j], strict=True)
                    if row != UNKNOWN and any(key in h for h in hits.values()))
        if count:
            seen[label] = (count, tuple(name for name, h in hits.items() if h))
    return seen


def _active_model(session: Session, workspace: Workspace) -> tuple[ModelVersion, TextModel]:
    version = active_version(session)
    if version is None:
        raise ModelError.said(_TRAINING, "no_model")
    return version, load_version(version, workspace.settings.models_dir)


def classify_pending(workspace: Workspace, item_ids: list[int] | None = None,
                     rescore: bool = False) -> tuple[ModelVersion, int]:
    """Score items the active model has not scored yet (or ``item_ids``, or all)."""
    with workspace.session() as session:
        version, model = _active_model(session, workspace)
        ids = item_ids
        if rescore and ids is None:
            ids = list(session.scalars(select(Item.id)))
        count = classify_items(session, version, model, workspace.settings.classifier, ids)
        return version, count


def reflag_active(workspace: Workspace) -> tuple[ModelVersion, int]:
    """Re-apply today's thresholds and never-flag rules to the active model's stored
    scores (:func:`classifiers.scoring.reflag`); how many flags changed."""
    with workspace.session() as session:
        version, model = _active_model(session, workspace)
        return version, reflag(session, version, model, workspace.settings.classifier)


def match_claims(workspace: Workspace, item_ids: list[int] | None = None) -> int:
    """Link items to the debunked claims they repeat (all items when ``item_ids`` is None)."""
    from classifiers.claims import match_items

    with workspace.session() as session:
        settings = workspace.settings.classifier
        return match_items(session, settings.claim_match_threshold, item_ids,
                           settings.claim_match_margin)


@dataclass(frozen=True)
class Rematch:
    """What ``sejuk claims match`` changed: items that stopped or started being debunks
    under today's rules, and items linked to a debunk."""

    stopped: int
    started: int
    linked: int
    #: Flags of the active model changed because an item's debunk status changed.
    reflagged: int = 0


def rematch_claims(workspace: Workspace, actor: str = audit.SYSTEM_ACTOR) -> Rematch:
    """Recognise debunks again from the stored texts (:func:`classifiers.claims.
    recognise_debunks`, audited), re-apply the active model's flags when that changed
    anything (:func:`classifiers.scoring.reflag`), then match every item against the
    claims, in one transaction: a workspace upgraded past a change of the debunk rules
    is brought up to them, and nothing is half-done if it fails."""
    from classifiers.claims import match_items, recognise_debunks

    with workspace.session() as session:
        settings = workspace.settings.classifier
        recognised = recognise_debunks(session, actor)
        reflagged = 0
        version = active_version(session)
        if version is not None and (recognised.stopped or recognised.started):
            # a debunk is never flagged as a hoax: an item that stopped (or started)
            # being one gets its flags as today's rules give them, not yesterday's
            model = load_version(version, workspace.settings.models_dir)
            reflagged = reflag(session, version, model, settings)
        linked = match_items(session, settings.claim_match_threshold, None,
                             settings.claim_match_margin)
    return Rematch(len(recognised.stopped), len(recognised.started), linked, reflagged)


@dataclass(frozen=True)
class DebunkSettled:
    """What settling an item's debunk status changed."""

    is_debunk: bool
    changed: bool
    #: Flags of the active model that changed on the item.
    reflagged: int = 0
    #: Items that now link to it (it became a debunk).
    copies: int = 0
    #: Items that linked to it (it stopped being one), and how many found another debunk.
    answered: int = 0
    relinked: int = 0


def settle_debunk(session: Session, actor: str, item_id: int, verdict: bool | None,
                  reason: str, settings: Settings) -> DebunkSettled:
    """Set an item's debunk status on an analyst's word (:func:`classifiers.claims.
    set_debunk`) and bring what follows from it up to date in the same transaction: the
    active model's flags on the item (a debunk is never flagged as a hoax, a former one
    may be) and the claim links it gives or takes. Nothing is left for a later
    ``classify --reflag`` or ``claims match``."""
    from classifiers.claims import match_items, set_debunk

    touched = set_debunk(session, actor, item_id, verdict, reason)
    item = session.get(Item, item_id)
    assert item is not None  # set_debunk refused a missing item
    if not touched:
        return DebunkSettled(item.is_debunk, changed=False)
    reflagged = 0
    version = active_version(session)
    if version is not None:
        model = load_version(version, settings.models_dir)
        reflagged = reflag(session, version, model, settings.classifier, item_ids=[item_id])
    match_items(session, settings.classifier.claim_match_threshold, touched,
                settings.classifier.claim_match_margin)
    if item.is_debunk:
        copies = session.scalar(select(func.count(distinct(ClaimMatch.item_id))).where(
            ClaimMatch.debunk_item_id == item_id))
        return DebunkSettled(True, changed=True, reflagged=reflagged, copies=int(copies or 0))
    answered = [i for i in touched if i != item_id]
    relinked = session.scalar(select(func.count(distinct(ClaimMatch.item_id))).where(
        ClaimMatch.item_id.in_(answered))) if answered else 0
    return DebunkSettled(False, changed=True, reflagged=reflagged, answered=len(answered),
                         relinked=int(relinked or 0))


_TRAINING: Phrases = {
    "nothing_judged": {"id": "data latih tidak menilai satu label pun",
                       "en": "no label is judged by the training data"},
    "judge_only": {
        "id": "data hanya menilai {judged} dan tidak ada model aktif yang punya {missing} "
              "untuk dipertahankan; tambahkan `--bundled` atau sampel yang menilai setiap label",
        "en": "the data judge only {judged} and no active model has {missing} to keep; add "
              "`--bundled` or samples judging every label"},
    "needs_hoaks": {"id": "bootstrap dari cek fakta memerlukan label 'hoaks'",
                    "en": "bootstrapping from fact-checks needs the label 'hoaks'"},
    "no_factchecks": {
        "id": "tidak ada item cek fakta untuk bootstrap; kumpulkan dulu feed cek fakta "
              "(`sejuk sources add ... --kind factcheck`)",
        "en": "no fact-check items to bootstrap from; collect a fact-check feed first "
              "(`sejuk sources add ... --kind factcheck`)"},
    "no_data": {
        "id": "tidak ada data latih: beri `--labels BERKAS.csv`, `--bundled` atau "
              "`--bootstrap-factchecks`, atau beri label pada item di dasbor",
        "en": "no training data: give `--labels FILE.csv`, `--bundled` or "
              "`--bootstrap-factchecks`, or label items in the dashboard"},
    "no_model": {"id": "belum ada model aktif; latih dulu dengan `sejuk train`",
                 "en": "no active model; train one with `sejuk train`"},
    "no_model_or_given": {
        "id": "belum ada model aktif; latih dulu dengan `sejuk train` atau beri `--model`",
        "en": "no active model; train one with `sejuk train` or give `--model`"},
    "other_labels": {
        "id": "model v{version} memprediksi {predicts}; label ruang kerja ini "
              "([classifier] labels) adalah {labels}",
        "en": "model v{version} predicts {predicts}; this workspace's labels "
              "([classifier] labels) are {labels}"},
}
