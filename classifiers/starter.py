"""The starter corpus and starter model shipped with Sejuk.

A new workspace should flag real Indonesian text sensibly on its first day, before any
analyst has labelled anything. So Sejuk ships (``classifiers/data/``, rebuilt by
``scripts/build_starter.py``):

- real, licensed corpora: Indonesian hoax tweets (``hoaks``; MIT) and Indonesian
  group-directed hate speech (``provokasi``; CC BY-NC-SA 4.0, shipped as its own files
  with its licence and citation), plus the election-specific samples the project wrote;
- the model trained on them, which ``sejuk init`` and the demo make active.

``manifest.json`` lists every file with its SHA-256, licence and source; a file that
does not match is refused. ``sejuk train`` adds the corpus by default (``--bundled``),
weighted below the workspace's own labels (:mod:`classifiers.training`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from classifiers.dataset import (
    STARTER,
    LabelledSet,
    merge_sets,
    parse_labelled_csv,
    text_key,
    trainable,
)
from classifiers.persist import file_sha256, load_model, save_model
from classifiers.registry import version_file
from sejuk.access import audit
from sejuk.db.models import ModelVersion
from sejuk.errors import ModelError
from sejuk.phrases import Phrases
from sejuk.timeutil import utc_now

MANIFEST = "manifest.json"
MODEL_FILE = "starter-model.skops"
CARD_FILE = "starter-model.json"
#: Refusals of the shipped starter data, in the reader's language.
_ERRORS: Phrases = {
    "none_judged": {"id": "korpus awal tidak menilai satu pun label {labels}",
                    "en": "the starter corpus judges none of the labels {labels}"},
    "corpus_changed": {
        "id": "berkas korpus awal {name} tidak cocok dengan manifesnya; pasang ulang Sejuk atau "
              "bangun ulang dengan scripts/build_starter.py",
        "en": "starter corpus file {name} does not match its manifest; reinstall Sejuk or "
              "rebuild it with scripts/build_starter.py"},
    "model_changed": {
        "id": "model awal bawaan {name} tidak cocok dengan manifesnya; pasang ulang Sejuk atau "
              "bangun ulang model itu",
        "en": "the shipped starter model {name} does not match its manifest; reinstall Sejuk "
              "or rebuild it"},
}


def data_dir() -> Traversable:
    return resources.files("classifiers").joinpath("data")


@lru_cache(maxsize=1)
def manifest() -> dict[str, Any]:
    """The shipped manifest: corpora (file, labels, licence, source, rows, SHA-256) and
    the model's file and card."""
    return dict(json.loads(data_dir().joinpath(MANIFEST).read_text("utf-8")))


def licences(corpora: Sequence[str]) -> list[dict[str, str]]:
    """Licence and attribution of the named starter corpora, for a model card."""
    known = {c["name"]: c for c in manifest()["corpora"]}
    return [{"corpus": name, "licence": known[name]["licence"],
             "source": known[name]["source"], "notice": known[name].get("notice", "")}
            for name in corpora if name in known]


def corpus_names_of(card: dict[str, Any]) -> list[str]:
    """The starter corpora a model card's components were trained on."""
    names: set[str] = set()
    for provenance in (card.get("components") or {}).values():
        for origin in (provenance.get("sources") or {}):
            if origin.startswith(STARTER):
                names.add(origin.removeprefix(STARTER))
    return sorted(names)


@lru_cache(maxsize=4)
def corpus_keys(name: str) -> frozenset[str]:
    """The texts of the starter corpus ``name`` that training reads (as
    :func:`classifiers.dataset.text_key`; rows in another language are left out, as
    training leaves them): a file repeating them scores a model on its own training data."""
    corpus = next((c for c in manifest()["corpora"] if c["name"] == name), None)
    if corpus is None:
        return frozenset()
    content = _verified_text(corpus["file"], corpus["sha256"])
    return frozenset(text_key(row["text"]) for row in csv.DictReader(io.StringIO(content))
                     if trainable(row["text"]))


def starter_corpus(labels: Sequence[str]) -> LabelledSet:
    """The shipped corpora, judged only for the configured labels they carry (a corpus
    judging none of them is left out)."""
    labels = tuple(labels)
    parts = []
    for corpus in manifest()["corpora"]:
        judged = [lab for lab in corpus["labels"] if lab in labels]
        if not judged:
            continue
        content = _verified_text(corpus["file"], corpus["sha256"])
        content = _only_columns(content, judged)
        part = parse_labelled_csv(content, labels, name=f"starter corpus {corpus['name']}",
                                  origin=STARTER + corpus["name"])
        if corpus.get("background"):  # ordinary text for these labels, replaced by a
            # district's own labels of them
            part = replace(part, background={
                label: frozenset({STARTER + corpus["name"]})
                for label in judged if label in corpus["background"]})
        parts.append(part)
    if not parts:
        raise ModelError.said(_ERRORS, "none_judged", labels=", ".join(labels))
    return merge_sets(parts)


def _verified_text(name: str, sha256: str) -> str:
    raw = data_dir().joinpath(name).read_bytes()
    if hashlib.sha256(raw).hexdigest() != sha256:
        raise ModelError.said(_ERRORS, "corpus_changed", name=name)
    return raw.decode("utf-8")


def _only_columns(content: str, keep: Sequence[str]) -> str:
    """The CSV with its text column and only the ``keep`` label columns."""
    rows = list(csv.reader(io.StringIO(content)))
    header = rows[0]
    cols = [i for i, h in enumerate(header) if h == "text" or h in keep]
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([row[i] for i in cols])
    return out.getvalue()


def install_starter(session: Session, labels: Sequence[str], models_dir: Path,
                    actor: str = audit.SYSTEM_ACTOR) -> ModelVersion | None:
    """Register the shipped starter model as the active version of a workspace that has
    no model yet (None when it already has one, or when a configured label is one the
    starter model does not predict)."""
    if session.scalar(select(func.count()).select_from(ModelVersion)):
        return None
    info = manifest()["model"]
    card = json.loads(data_dir().joinpath(CARD_FILE).read_text("utf-8"))
    if any(label not in card["labels"] for label in labels):
        return None
    with resources.as_file(data_dir().joinpath(MODEL_FILE)) as shipped:
        if file_sha256(shipped) != info["sha256"]:
            raise ModelError.said(_ERRORS, "model_changed", name=MODEL_FILE)
        model = load_model(shipped, card["labels"], info["sha256"], card=card)
        model.components = {label: model.components[label] for label in labels}
        version = ModelVersion(path="", sha256="", labels=list(labels),
                               metrics=card["metrics"], card={}, status="active",
                               trained_at=datetime.fromisoformat(card["trained_at"]),
                               promoted_at=utc_now(), promoted_by=actor)
        session.add(version)
        session.flush()
        path = version_file(models_dir, version.id)
        version.card = {**card, "labels": list(labels), "version": version.id,
                        "starter": True, "thresholds": model.thresholds}
        if list(labels) == list(card["labels"]):
            shutil.copyfile(shipped, path.with_suffix(".skops.tmp"))
            path.with_suffix(".skops.tmp").replace(path)
            version.sha256 = file_sha256(path)
            path.with_suffix(".json").write_text(json.dumps(version.card, indent=2,
                                                            ensure_ascii=False), "utf-8")
        else:
            version.sha256 = save_model(model, version.card, path)
        version.path = path.name
    audit.record(session, actor, "model.promote", f"v{version.id}", starter=True,
                 macro_f1=card["metrics"].get("macro_f1"))
    return version
