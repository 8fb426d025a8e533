"""Self-training: the district's own unlabelled items as extra, weakly labelled rows.

Why: a hundred labels teach the model little of a district's kind of text (the starter
corpus is tweets and the project's samples; a district collects its own news, posts and
forwards). Its collected items are thousands of unlabelled examples of exactly that
text. After a label is fitted on the starter corpus plus the district's labels, that
model scores the items; the half of the flagged items it is surest about become
positives, the half of the unflagged ones it is surest about negatives, each weighing
what a starter row weighs (far less than an analyst's label, and never more than all of
them together), and the label's classifier is fitted again with them. The features stay
those of the labelled texts (vocabulary and IDF): the items re-weigh the words the model
already reads by how they occur in the district's own text, and no word that only an
unlabelled item has (a private person's name in a post, say) enters the model file, which
outlives the retention of the items' text.

Measured in ``benchmarks/adaptation`` (benchmarks/README.md, *self-training*): gains from
about 100 labels on, on both real sets; with fewer labels of a class the first model's
mistakes are what gets learnt (hoax tweets, 50 random labels of which 10 negatives:
-0.04), hence :data:`MIN_LOCAL`; a handful of items adds noise, hence :data:`MIN_POOL`.
Refitting the vocabulary on the items too gained no more (within 0.015 either way).

Below that gate, a label with a cue lexicon (:mod:`classifiers.cues`: ``hoaks``,
``provokasi``) has its items labelled by the lexicon's votes from the district's first
label on, and from the gate on the model labels the items the lexicon abstains on: the
votes do not come from the first model, so its mistakes are not what gets learnt.
Measured in the same benchmark (*cue lexicons label the items*): +0.15 / +0.14 macro-F1 at
25 / 50 random hate-speech labels, +0.15 / +0.07 hoax-tweet labels; at 200, level on hoax
tweets, +0.02 on hate speech.

Why the model's own flags and not the labels' share of positives decide how many items
become positives: analysts label what the queue and the item list show them, mostly
flagged items, so their labels' share of positives says little of the stream's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from classifiers import cues
from classifiers.text import PLACES_DROPPED, PLATFORM_DROPPED, prepare

#: Local rows of each class a label needs before its items are pseudo-labelled.
MIN_LOCAL = 15
#: Unlabelled items needed: a handful add noise, not a district's vocabulary.
MIN_POOL = 100
#: The share of each side (flagged, unflagged) taken, the most certain first.
SHARE = 0.5
#: A pseudo-labelled item's weight before class balancing (a starter row weighs 1), as
#: long as the pseudo-labelled items together weigh no more than the district's own
#: labels (:func:`weight`).
WEIGHT = 1.0
#: An item is read up to this many characters: a long article's title and lede say what
#: it is about, and the cost stays bounded (a 20,000-sample training with 3,000 items:
#: 1.09x the time without them for posts, 1.66x for articles, most of which the cue
#: lexicons label; benchmarks/README.md, *one BLAS thread while training*).
ITEM_CHARS = 1000


@dataclass(frozen=True)
class Pool:
    """Unlabelled items: their heads (:data:`ITEM_CHARS`), each once, and whether each
    refutes a claim. They are read as the model reads them (``classifiers.text.prepare``)
    only when a label uses them: most trainings of a new district have too few labels."""

    heads: list[str]
    #: Items that refute a claim: left out for a label a debunk cannot carry (never
    #: flagged for it, they restate the claims circulating now, so they are no example of
    #: its negatives either).
    debunk: NDArray[np.bool_]
    places: str | None = PLACES_DROPPED
    platform: str | None = PLATFORM_DROPPED
    _found: dict[str, list[frozenset[str]]] = field(default_factory=dict, compare=False,
                                                    repr=False)

    def __len__(self) -> int:
        return len(self.heads)

    def categories(self, label: str) -> list[frozenset[str]]:
        """Per item, the categories of ``label``'s cue lexicon found in it
        (:mod:`classifiers.cues`; none for a label without one), read from the items as
        written, once per label: the votes and the card's counts both come from them."""
        if label not in self._found:
            self._found[label] = [cues.categories(head, label) for head in self.heads]
        return self._found[label]

    def votes(self, label: str) -> NDArray[np.int_]:
        """``label``'s cue lexicon's vote on each item (all abstain without one)."""
        return np.array([cues.decide(label, found) for found in self.categories(label)],
                        dtype=int)

    @cached_property
    def texts(self) -> list[str]:
        """The items as the model reads them (prepared on first use, once)."""
        return prepare(self.heads, places=self.places, platform=self.platform)

    @classmethod
    def read(cls, texts: Sequence[str], debunk: Sequence[bool], labelled: Sequence[str],
             places: str | None = PLACES_DROPPED, platform: str | None = PLATFORM_DROPPED
             ) -> Pool:
        """The pool of ``texts`` (raw, with their debunk flags), each text once and none
        that repeats a labelled text (a copy of a labelled item is no unlabelled item),
        each cut to :data:`ITEM_CHARS`."""
        from classifiers.dataset import text_key

        seen = {text_key(t[:ITEM_CHARS]) for t in labelled}
        keep_texts, keep_debunk = [], []
        for text, is_debunk in zip(texts, debunk, strict=True):
            head = text[:ITEM_CHARS]  # two items with one head are one row to the model
            key = text_key(head)
            if key and key not in seen:
                seen.add(key)
                keep_texts.append(head)
                keep_debunk.append(bool(is_debunk))
        return cls(keep_texts, np.array(keep_debunk, dtype=bool), places, platform)

    def digest(self) -> str:
        """SHA-256 of the items' heads: which items a model learnt from, for its card
        (the labelled data's hash does not say it: the pool depends on when it ran)."""
        import hashlib

        sha = hashlib.sha256()
        for text in self.heads:
            sha.update(text.encode("utf-8"))
            sha.update(b"\0")
        return sha.hexdigest()


def worth_telling(component: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """A trained component's self-training record when there is something to tell an
    analyst (items were offered, and it either learnt from them or local labels judge the
    label, so the gate's reason helps), else None: one rule for the command line and the
    Model page."""
    record = component.get("self_training")
    return record if record and (record.get("applied") or component.get("local")) else None


def cue_labelled(record: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """A component's self-training record's cue part when the cue words labelled items
    (positives, negatives, categories), else None: one reading for the command line, the
    Model page and the report."""
    part = record.get("cues")
    return part if part and part["positives"] + part["negatives"] else None


def skipped_because(record: Mapping[str, Any]) -> str | None:
    """Why a component's card says it did not self-train on the items it was offered
    ("items": too few of them, "cues": its cue lexicon found nothing in them and the
    local labels are too few for the model's own, "labels": too few local labels), None
    when it did: one reading for the command line, the Model page and the report."""
    if record.get("applied"):
        return None
    if record["pool"] < MIN_POOL:
        return "items"
    return "cues" if "cues" in record else "labels"


def applies(y: NDArray[np.int_], local: NDArray[np.bool_], pool: int,
            minimum: int = MIN_LOCAL) -> bool:
    """Whether a label self-trains: its local rows hold enough of both classes and the
    pool enough items."""
    local_y = y[local]
    return bool(pool >= MIN_POOL and (local_y == 1).sum() >= minimum
                and (local_y == 0).sum() >= minimum)


def weight(pseudo: int, local_total: float) -> float:
    """Each pseudo-labelled item's weight: :data:`WEIGHT`, or less where the items would
    otherwise outweigh the analysts' labels (a workspace trained without the starter
    corpus, whose labels weigh 1 each)."""
    return min(WEIGHT, local_total / pseudo) if pseudo else WEIGHT


def uses_cues(label: str | None, own: NDArray[np.bool_], pool: int) -> bool:
    """Whether ``label``'s items are labelled by its cue lexicon (:mod:`classifiers.cues`)
    whatever the gate on local labels: it has one, the pool enough items, and the district
    has labelled a row of its stream (``own``: files and dashboard labels, not fact-check
    claims)."""
    return bool(label in cues.LEXICONS and pool >= MIN_POOL and own.any())


def pseudo_labels(scores: NDArray[np.float64], usable: NDArray[np.bool_],
                  share: float = SHARE, votes: NDArray[np.int_] | None = None,
                  model: bool = True) -> tuple[NDArray[np.intp], NDArray[np.int_]]:
    """Rows of the pool to add and their labels. ``votes`` (a cue lexicon's): each
    ``usable`` item they vote on, as voted. ``model``: of the usable items the votes leave
    open (all of them without votes), of those the model flags (decision score at least
    0, its own operating point: a threshold set in the settings moves what is flagged,
    not what the model learns) the ``share`` scored highest, of the others the ``share``
    scored lowest."""
    parts: list[NDArray[np.intp]] = []
    labels: list[NDArray[np.int_]] = []
    if votes is not None:
        voted = np.flatnonzero(usable & (votes != cues.ABSTAIN))
        parts.append(voted)
        labels.append((votes[voted] == cues.YES).astype(int))
        usable = usable & (votes == cues.ABSTAIN)
    if model:
        flagged = np.flatnonzero((scores >= 0) & usable)
        unflagged = np.flatnonzero((scores < 0) & usable)
        positives = flagged[np.argsort(-scores[flagged], kind="stable")][
            : int(np.ceil(share * len(flagged)))]
        negatives = unflagged[np.argsort(scores[unflagged], kind="stable")][
            : int(np.ceil(share * len(unflagged)))]
        parts += [positives, negatives]
        labels += [np.ones(len(positives), dtype=int), np.zeros(len(negatives), dtype=int)]
    if not parts:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=int)
    return np.concatenate(parts).astype(np.intp), np.concatenate(labels)
