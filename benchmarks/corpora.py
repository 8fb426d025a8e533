"""Every labelled corpus the benchmarks score on, and the systems they compare.

Real corpora come from ``../shared/data`` (read, never copied; see its README):
``umpo_tweets`` (hoax tweets, ``hoaks``), its de-leaked variant (URLs and verdict words
removed), ``ibrohim_hs`` (group-directed hate speech, ``provokasi``). The project's own
corpora are ``sejuk_samples`` (the starter samples built from templates, both labels),
``sejuk_written`` (the starter's election texts written without templates, both labels),
``sejuk_articles`` and ``sejuk_posts`` (the starter's written articles and long ordinary
posts, ``hoaks`` only) and ``sejuk_demo`` (the demo's items with their ground truth:
longer news texts, forwards, debunks; both labels); the labels each is read for are the
manifest's. ``benchmarks/classifier/election_heldout.csv`` and ``articles_heldout.csv``
are never trained on (the classifier benchmark's ``heldout`` section).

Systems: Sejuk's design as the product trains and flags it (per-label component,
weighted, calibrated, with the never-flag rules of :func:`classifiers.scoring.flag_texts`)
and two plain baselines, both class-balanced (the stronger baseline is the honest one).
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from classifiers.copies import copy_groups
from classifiers.model import TextModel
from classifiers.scoring import flag_texts
from classifiers.starter import data_dir, manifest
from classifiers.text import PLACES_DROPPED, PLATFORM_DROPPED, prepare
from classifiers.training import fit_label

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LABELS = ("hoaks", "provokasi")


@dataclass
class Corpus:
    """One corpus judging some labels, with a train and a test part (the test part is
    the whole corpus for a corpus without a published split)."""

    name: str
    #: label -> (texts, y) of each part
    train: dict[str, tuple[list[str], NDArray[np.int_]]]
    test: dict[str, tuple[list[str], NDArray[np.int_]]]
    real: bool = True
    #: label -> topic or cluster of each train+test row, for grouped folds
    groups: dict[str, NDArray[np.int_]] = field(default_factory=dict)
    #: label -> texts the starter corpus holds as negatives only (ordinary tweets for
    #: ``hoaks``, :func:`ordinary_tweets`): trained on as the starter is, never scored
    background: dict[str, list[str]] = field(default_factory=dict)
    #: ordinary texts of its test part (no label applies), for the open-world scores
    ordinary: list[str] = field(default_factory=list)

    def pooled(self, label: str) -> tuple[list[str], NDArray[np.int_]]:
        (a, ya), (b, yb) = self.train[label], self.test[label]
        return [*a, *b], np.concatenate([ya, yb])


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(rows: list[dict[str, str]], positive: str, limit: int | None
           ) -> tuple[list[str], NDArray[np.int_]]:
    rows = rows[:limit] if limit else rows
    return [r["text"] for r in rows], np.array([int(r["label"] == positive) for r in rows])


def shared_corpora(data: Path, limit: int | None = None) -> list[Corpus]:
    """The real corpora of ``../shared/data`` (empty when it is not there)."""
    if not (data / "umpo_tweets").is_dir():
        return []
    out = []
    for name, folder, suffix, label in (("umpo_tweets", "umpo_tweets", "", "hoaks"),
                                        ("umpo_tweets de-leaked", "umpo_tweets", "_deleaked",
                                         "hoaks"),
                                        ("ibrohim_hs", "ibrohim_hs", "", "provokasi")):
        train = _split(read_rows(data / folder / f"train{suffix}.csv"), label, limit)
        test = _split(read_rows(data / folder / f"test{suffix}.csv"), label, limit)
        out.append(Corpus(name, {label: train}, {label: test}))
    out[2].background["hoaks"] = ordinary_tweets(data, "train")[:limit]
    out[2].ordinary = ordinary_tweets(data, "test", None, strip=False)[:limit]
    topics = umpo_topics(data)
    umpo = out[0]
    texts, _ = umpo.pooled("hoaks")
    umpo.groups["hoaks"] = np.array([topics.get(_key(t), -1 - i) for i, t in enumerate(texts)])
    return out


#: How many ordinary tweets the starter corpus holds as examples of text that is no hoax
#: (``benchmarks/classifier``, section *open world*, and the sweep in benchmarks/README:
#: 500 cut the ordinary tweets flagged from 89 % to 31 %, 1,000 to 21 %, at -0.05 and
#: -0.06 on the closed-world hoax test split).
ORDINARY_ROWS = 1000
#: Twitter's placeholders and retweet marks, which ordinary tweets carry far more often
#: than the hoax tweets (49 % against 8 % hold ``USER``): left in, the model would learn
#: "a mention is no hoax" instead of anything about the text.
_PLATFORM = re.compile(r"\b(?:USER|URL|RT)\b")


def ordinary_tweets(data: Path, split: str, n: int | None = ORDINARY_ROWS, seed: int = 16,
                    strip: bool = True) -> list[str]:
    """Real tweets that are neither hate speech nor abusive (``ibrohim_hs``, HS = 0 and
    Abusive = 0: opinions, news, daily life of 2018), platform placeholders removed, a
    seeded sample of ``n`` (all when None): no hoax corpus holds ordinary text, whose
    non-hoaxes are clarifications, so without these a model learns that whatever is not
    a debunk is a hoax (the starter before them flagged 89 % of such tweets ``hoaks``).
    ``strip=False`` keeps the placeholders: test text as a stream would carry it."""
    path = data / "ibrohim_hs" / f"multilabel_{split}.csv"
    if not path.exists():
        return []
    texts = [" ".join((_PLATFORM.sub(" ", r["text"]) if strip else r["text"]).split())
             for r in read_rows(path) if r["HS"] == "0" and r["Abusive"] == "0"]
    texts = [t for t in texts if len(t) >= 20]
    if n is None or n >= len(texts):
        return texts
    return [texts[i] for i in sorted(np.random.default_rng(seed).permutation(len(texts))[:n])]


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def umpo_topics(data: Path) -> dict[str, int]:
    """Tweet -> claim topic number, from ``umpo_tweets/claims.csv``."""
    numbers: dict[str, int] = {}
    out = {}
    for row in read_rows(data / "umpo_tweets" / "claims.csv"):
        out[_key(row["text"])] = numbers.setdefault(row["topic"], len(numbers))
    return out


def project_starter() -> list[dict[str, Any]]:
    """The starter corpora the project wrote (``"project": true`` in the manifest the
    product trains from), so the benchmarks' starter is the shipped one."""
    return [c for c in manifest()["corpora"] if c.get("project")]


def project_corpora() -> list[Corpus]:
    """The corpora the project wrote: the starter's samples and written texts, and
    the demo's items."""
    out = []
    empty = {lab: ([], np.zeros(0, dtype=int)) for lab in LABELS}
    for entry in project_starter():
        rows = read_rows(Path(str(data_dir().joinpath(entry["file"]))))
        texts = [r["text"] for r in rows]
        out.append(Corpus(entry["name"], empty,  # the labels the starter learns from it
                          {lab: (texts, np.array([int(r[lab]) for r in rows]))
                           for lab in LABELS if lab in entry["labels"]}, real=False))
    demo_texts, truth = demo_items()
    demo = {lab: (demo_texts, np.array([int(lab in t) for t in truth])) for lab in LABELS}
    return [*out, Corpus("sejuk_demo", empty, demo, real=False)]


def project_starter_rows(corpora: Sequence[Corpus], label: str
                         ) -> tuple[list[str], NDArray[np.int_], NDArray[np.bool_]]:
    """The starter corpus's rows the project wrote, for ``label``, and which of them the
    manifest marks as background for it (left out once a district's labels replace them)."""
    entries = {entry["name"]: entry for entry in project_starter()}
    texts: list[str] = []
    ys = [np.zeros(0, dtype=int)]
    background = [np.zeros(0, dtype=bool)]
    for corpus in corpora:  # project_corpora judges each for the manifest's labels only
        if corpus.name in entries and label in corpus.test:
            part, y = corpus.test[label]
            texts += part
            ys.append(np.asarray(y, dtype=int))
            background.append(np.full(len(part),
                                      label in entries[corpus.name].get("background", ())))
    return texts, np.concatenate(ys), np.concatenate(background)


_TAG = re.compile(r"<[^>]+>")


def demo_items(day: date = date(2026, 11, 20)) -> tuple[list[str], list[frozenset[str]]]:
    """The demo's items as the store reads them (title + text without markup), once each."""
    from sejuk.demo.content import demo_entries

    texts, truth, seen = [], [], set()
    for entry in demo_entries(day, "https://demo.sejuk.example"):
        body = html.unescape(_TAG.sub(" ", entry.text))
        text = f"{entry.title}\n{body}" if entry.title else body
        if _key(text) not in seen:
            seen.add(_key(text))
            texts.append(text)
            truth.append(entry.truth)
    return texts, truth


# -- systems ----------------------------------------------------------------------------------
class Predictor:
    """A fitted system: flags for texts (and scores for ranking, where it has them)."""

    def __init__(self, flags: Callable[[list[str]], NDArray[np.bool_]],
                 proba: Callable[[list[str]], NDArray[np.float64]] | None = None,
                 threshold: float = 0.5) -> None:
        self.flags, self.proba, self.threshold = flags, proba, threshold


def sejuk_model(label: str, texts: Sequence[str], y: NDArray[np.int_],
                local: NDArray[np.bool_] | None = None, local_share: float | None = None,
                places: str | None = PLACES_DROPPED, unlabelled: Sequence[str] = (),
                background: NDArray[np.bool_] | None = None,
                platform: str | None = PLATFORM_DROPPED, **params: object) -> TextModel:
    """Sejuk's one-label model as the product trains it (local rows weighted as it weighs
    them, ``unlabelled`` texts of the district self-trained on as it does, ``background``
    rows of ordinary text left out once the local labels replace them); ``places=None``
    reads place names as words, ``platform=None`` mentions, links and retweet marks as
    tokens (measured variants, and the designs before each was dropped)."""
    from classifiers.model import DEFAULT_PARAMS
    from classifiers.scoring import DEBUNK_SUPPRESSED
    from classifiers.selftrain import Pool
    from classifiers.training import LOCAL_SHARE
    from feeds.debunk import looks_like_debunk

    texts = list(texts)
    local = np.zeros(len(texts), dtype=bool) if local is None else local
    pool = (Pool.read(unlabelled, [looks_like_debunk("", t) for t in unlabelled], texts,
                      places=places, platform=platform) if len(unlabelled) else None)
    fit = fit_label(prepare(texts, places=places, platform=platform), np.asarray(y), local,
                    copy_groups(texts),
                    {**DEFAULT_PARAMS, **params},
                    local_share=LOCAL_SHARE if local_share is None else local_share,
                    pool=pool, never_if_debunk=label in DEBUNK_SUPPRESSED,
                    background=background, label=label)
    fit.component.provenance.update(places=places, platform=platform)
    return TextModel({label: fit.component})


def fit_sejuk(label: str, texts: Sequence[str], y: NDArray[np.int_],
              local: NDArray[np.bool_] | None = None, local_share: float | None = None,
              offset: float = 0.0, places: str | None = PLACES_DROPPED,
              unlabelled: Sequence[str] = (), background: NDArray[np.bool_] | None = None,
              **params: object) -> Predictor:
    """Sejuk's component for ``label`` as the product trains it, flagging as it flags;
    ``offset`` moves the operating point from the class-balanced boundary (decision
    score 0) to that decision score (a measured variant, see :data:`BOUNDARY_SYSTEMS`)."""
    model = sejuk_model(label, texts, y, local, local_share, places, unlabelled, background,
                        **params)
    component = model.components[label]
    overrides = ({label: float(component.calibrate(np.array([offset]))[0])}
                 if offset else None)

    def proba(batch: list[str]) -> NDArray[np.float64]:
        return model.predict_proba(batch)[:, 0]

    def flags(batch: list[str]) -> NDArray[np.bool_]:
        return flag_texts(model, batch, model.predict_proba(batch), overrides)[:, 0]

    return Predictor(flags, proba, model.threshold(label, overrides))


def _plain(make: Callable[[], Pipeline]) -> Callable[..., Predictor]:
    def fit(label: str, texts: Sequence[str], y: NDArray[np.int_],
            local: NDArray[np.bool_] | None = None) -> Predictor:
        pipeline = make().fit(list(texts), y)
        return Predictor(lambda batch: pipeline.predict(batch).astype(bool))
    return fit


SEJUK = "Sejuk"
WORD_LR = "word TF-IDF + LR"
CHAR_SVC = "char_wb 2-5 + LinearSVC"
SYSTEMS: dict[str, Callable[..., Predictor]] = {
    WORD_LR: _plain(lambda: Pipeline([
        ("tfidf", TfidfVectorizer()),
        ("clf", LogisticRegression(max_iter=2000, class_weight="balanced"))])),
    CHAR_SVC: _plain(lambda: Pipeline([
        ("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
        ("clf", LinearSVC(class_weight="balanced"))])),
    SEJUK: fit_sejuk,
}
#: Sejuk with its operating point moved below the class-balanced boundary: does flagging
#: more of what the model is unsure about pay on text it never saw? Not run by default
#: (``--systems``); measured 5 Dec 2026, not kept (benchmarks/README.md).
BOUNDARY_SYSTEMS: dict[str, Callable[..., Predictor]] = {
    f"Sejuk, boundary {d:+g}": partial(fit_sejuk, offset=d) for d in (-0.5, -0.75, -1.0)}
#: Sejuk trained with a share of its rows copied into neutral surroundings
#: (:mod:`classifiers.augment`; the product's default is ``SHARE``), another share or none:
#: does it hold where text is wrapped as forwards are, and on the transfer settings?
SURROUND_SYSTEMS: dict[str, Callable[..., Predictor]] = {
    "Sejuk, surroundings 0.5": partial(fit_sejuk, surround=0.5),
    "Sejuk, no surroundings": partial(fit_sejuk, surround=0.0)}
#: The design before 6 Dec 2026 (twelfth session): no surroundings, platform tokens
#: read, and where a section trains as the starter does, no ordinary tweets among the
#: hoax negatives (``benchmarks.classifier.bench.starter_training``).
BEFORE = "Sejuk before ordinary tweets and surroundings"
SURROUND_SYSTEMS[BEFORE] = partial(fit_sejuk, surround=0.0, platform=None)
#: Sejuk reading mentions, links and retweet marks as tokens, as it did before 7 Dec 2026
#: (eighteenth session): do they move the flags on text it never saw?
#: (benchmarks/README.md, *platform tokens carry no weight*)
PLATFORM_SYSTEMS: dict[str, Callable[..., Predictor]] = {
    "Sejuk, platform tokens kept": partial(fit_sejuk, platform=None)}
