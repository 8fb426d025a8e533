"""How the active model does on the district's own stream, measured on the analysts'
labels of items the labelling queue drew without asking the model.

Why: a model's card reports cross-validated figures on the data it was trained on, and
those say little about a district whose text it has never seen: the starter reports
about 0.82 macro-F1 on its corpus, and as a new district's model it scores far lower
(``benchmarks/live``). The honest measure of the model on the district's stream is the
district's own judgement of items the model did not learn from, drawn without looking
at the model. The queue's draws are such a sample (:data:`classifiers.labels.AT_RANDOM`:
its random share and its cold start), and labels given after the version was trained
are of text it did not learn from. Labels of items the queue chose for the model's
doubts, or that an analyst opened while reading flagged items, would overstate or
understate it, so they do not count.

The cold start draws in equal turns from three strata of the cue lexicons' votes
(:func:`classifiers.active.stratum`), so its draws over-represent the items a lexicon
votes for. Each stratum's labels are therefore weighed by that stratum's share of the
stream the queue draws from (post-stratification): the figures are those of the
stream, not of the draws. The random share is uniform over what the queue has not yet
labelled, and is weighed the same way; since its uncertain half takes the hard items out
of that frame, it comes out 0.01 to 0.03 favourable on hoax tweets once the model is warm
(benchmarks/README.md, *live*).

The figures are those of the flags the analysts saw (the version's stored predictions,
with the thresholds in force), each with a 90 % interval: 30 labels measure a macro-F1
only to about +/- 0.15, and the interval says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from classifiers import cues
from classifiers.active import AGAINST, FOR, NEITHER, cue_votes, recent_items, stratum
from classifiers.labels import AT_RANDOM
from classifiers.scoring import item_text
from classifiers.selftrain import ITEM_CHARS
from sejuk.db.models import Item, Label, ModelVersion, Prediction

#: What a label's weighed labels must be worth in random ones (:attr:`LiveFigures.effective`),
#: and how many of each class they must hold, before its figures are read as a
#: measurement rather than an early hint.
ENOUGH_LABELS = 30
ENOUGH_EACH = 3
#: Share of the stream that the strata holding labels must cover.
ENOUGH_COVERED = 0.9
#: Two-sided coverage of the intervals.
COVERAGE = 0.90
#: Posterior draws behind each interval (fixed seed: the page does not change between
#: loads), and the Dirichlet prior of each confusion cell of each stratum. Weak on
#: purpose: Jeffreys' 0.5 per cell and stratum gave a model that flags almost nothing
#: (hoax tweets at a tenth of the stream) flags it never made, and its intervals held
#: the truth 42 to 65 % of the time at 50 to 200 random labels; 0.1 held it 85 to 100 %
#: there, 0.02 was too narrow below 50 labels (``benchmarks/live``).
RESAMPLES = 1000
PRIOR = 0.1
#: The stream whose strata weigh the labels: the items the queue draws from (its window),
#: read from this many of them spread over the span the labels were drawn in.
STREAM_DAYS = 30
SHARE_SAMPLE = 1000


@dataclass(frozen=True)
class Estimate:
    """Precision, recall, F1 and two-class macro-F1 of flags on the stream."""

    #: None where nothing was flagged / nothing was a positive (not measured, not 0)
    precision: float | None
    recall: float | None
    f1: float
    macro_f1: float


@dataclass(frozen=True)
class LiveFigures:
    """One label's flags against the analysts' labels of drawn items."""

    label: str
    #: Labels that count (drawn, given after the version was trained, item still scored).
    labels: int
    #: Of them, the analysts said the label applies / the model had flagged.
    positives: int
    flagged: int
    #: The stream's figures (each stratum weighed by its share of the stream).
    scores: Estimate
    #: ``COVERAGE`` intervals of precision, recall and macro-F1 (None for precision
    #: without a flag among the labels, for recall without a positive: not measured).
    intervals: dict[str, tuple[float, float] | None]
    #: Share of the stream in strata that hold labels (the rest is not measured; 0 when
    #: the stream's strata could not be read).
    covered: float
    #: Kish's effective number of labels: what the weighed labels are worth as a plain
    #: random sample (30 cold-start labels, a third from a fifth of the stream, are
    #: worth about 18).
    effective: float

    @property
    def enough(self) -> bool:
        """Whether the labels are enough to read the figures as a measurement."""
        negatives = self.labels - self.positives
        return (self.effective >= ENOUGH_LABELS and self.positives >= ENOUGH_EACH
                and negatives >= ENOUGH_EACH and self.covered >= ENOUGH_COVERED)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, as ``sejuk status --json`` prints it under ``model.live``."""
        return {"labels": self.labels, "positives": self.positives, "flagged": self.flagged,
                **{k: None if v is None else round(v, 4)
                   for k, v in vars(self.scores).items()},
                **{f"{k}_interval": list(v) if v else None
                   for k, v in self.intervals.items()},
                "covered": round(self.covered, 4), "effective": round(self.effective, 1),
                "enough": self.enough}


def _estimate(truth: NDArray[np.int_], flagged: NDArray[np.int_],
              weights: NDArray[np.float64]) -> NDArray[np.float64]:
    """Rows of (precision, recall, F1, macro-F1) from weighted confusion counts, one row
    per row of the 2-d inputs; NaN where a figure has nothing to divide by, except F1s,
    which are 0 there as sklearn's zero_division=0 makes them."""
    t, f = truth.astype(float), flagged.astype(float)
    tp = (weights * t * f).sum(axis=-1)
    fp = (weights * (1 - t) * f).sum(axis=-1)
    fn = (weights * t * (1 - f)).sum(axis=-1)
    tn = (weights * (1 - t) * (1 - f)).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), np.nan)
        recall = np.where(tp + fn > 0, tp / (tp + fn), np.nan)
        f1_pos = np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), 0.0)
        f1_neg = np.where(2 * tn + fp + fn > 0, 2 * tn / (2 * tn + fp + fn), 0.0)
    return np.stack([precision, recall, f1_pos, (f1_pos + f1_neg) / 2], axis=-1)


def stratum_weights(strata: NDArray[np.int_], shares: Mapping[int, float] | None
                    ) -> tuple[NDArray[np.float64], float]:
    """Each labelled row's weight (its stratum's share of the stream over the stratum's
    labels) and the share of the stream its strata cover. ``None``: one stratum (no cue
    lexicon), every row weighs the same; empty: the stream's strata are unknown, every
    row weighs the same and nothing counts as covered."""
    counts = Counter(strata.tolist())
    if not shares:
        return np.ones(len(strata)), 1.0 if shares is None else 0.0
    total = sum(shares.values())
    weights = np.array([shares.get(s, 0.0) / total / counts[s] for s in strata.tolist()])
    covered = sum(shares.get(s, 0.0) for s in counts) / total
    return weights, covered


def figures(label: str, truth: Sequence[int], flagged: Sequence[int],
            strata: Sequence[int] | None = None, shares: Mapping[int, float] | None = None,
            seed: int = 0) -> LiveFigures:
    """One label's flags against the analysts' judgements, each stratum of the draws
    weighed by its ``shares`` of the stream (pure); intervals from :func:`_posterior`."""
    t = np.asarray(truth, dtype=int)
    f = np.asarray(flagged, dtype=int)
    s = np.zeros(len(t), dtype=int) if strata is None else np.asarray(strata, dtype=int)
    weights, covered = stratum_weights(s, None if strata is None else shares)
    point = _estimate(t, f, weights)
    boot = _posterior(t, f, s, weights, np.random.default_rng(seed))
    tail = (1 - COVERAGE) / 2 * 100
    intervals: dict[str, tuple[float, float] | None] = {}
    for j, name, measured in ((0, "precision", f.any()), (1, "recall", t.any()),
                              (3, "macro_f1", len(t) > 0)):
        column = boot[:, j][~np.isnan(boot[:, j])]
        intervals[name] = None if not measured or not len(column) else tuple(
            round(float(v), 4) for v in np.percentile(column, [tail, 100 - tail]))
    precision, recall, f1, macro = (None if np.isnan(v) else float(v) for v in point)
    effective = float(weights.sum() ** 2 / (weights ** 2).sum()) if weights.any() else 0.0
    return LiveFigures(label=label, labels=len(t), positives=int(t.sum()),
                       flagged=int(f.sum()),
                       scores=Estimate(precision, recall, f1 or 0.0, macro or 0.0),
                       intervals=intervals, covered=covered, effective=effective)


def _posterior(t: NDArray[np.int_], f: NDArray[np.int_], s: NDArray[np.int_],
               weights: NDArray[np.float64], rng: np.random.Generator) -> NDArray[np.float64]:
    """:data:`RESAMPLES` draws of (precision, recall, F1, macro-F1) from the posterior of
    the stream's confusion matrix: per stratum a Dirichlet over its four cells (true and
    false positives, false and true negatives) with a weak prior (:data:`PRIOR` each),
    mixed by the strata's shares. Why not a bootstrap: from 10 to 50 labels it resamples
    a stratum's two or three positives over and over, and its 90 % intervals held the
    truth of hate speech 25 to 75 % of the time in ``benchmarks/live`` (benchmarks/README.md,
    *live*)."""
    if not len(t):
        return np.empty((0, 4))
    cells = np.zeros((RESAMPLES, 4))
    for value in np.unique(s):
        member = s == value
        tt, ff = t[member], f[member]
        counts = np.array([(tt & ff).sum(), ((1 - tt) & ff).sum(), (tt & (1 - ff)).sum(),
                           ((1 - tt) & (1 - ff)).sum()], dtype=float)
        cells += weights[member].sum() * rng.dirichlet(counts + PRIOR, size=RESAMPLES)
    tp, fp, fn, tn = cells.T
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = tp / (tp + fp)
        recall = tp / (tp + fn)
        f1_pos = 2 * tp / (2 * tp + fp + fn)
        f1_neg = 2 * tn / (2 * tn + fp + fn)
    return np.stack([precision, recall, f1_pos, (f1_pos + f1_neg) / 2], axis=-1)


def _stratum_of(title: str | None, text: str | None, labels: Sequence[str]) -> int:
    """The cold start's stratum of an item, as its queue reads it (all labels open)."""
    return stratum(cue_votes(item_text(title, text)[:ITEM_CHARS], labels))


def stream_shares(session: Session, labels: Sequence[str], since: datetime
                  ) -> dict[int, float] | None:
    """Each stratum's share of the stream the labels were drawn from: the items the queue
    could draw since ``since``, read from up to :data:`SHARE_SAMPLE` of them spread evenly
    over the whole span (every n-th id: on a Polda's worst day the newest 2,000 items are
    half an hour of it). Add-a-half smoothing keeps a stratum the sample missed from
    weighing nothing. None when no label has a cue lexicon (one stratum); empty when the
    span holds no item. Kept per process for a minute-stable key (new items change it),
    since reading the cues of the sample costs about half a second."""
    voting = tuple(label for label in labels if label in cues.LEXICONS)
    if not voting:
        return None
    newest = session.scalar(select(func.max(Item.id))) or 0
    key = (str(session.get_bind().url), voting, since.replace(second=0, microsecond=0),
           int(newest))
    if key not in _SHARES:
        rows = recent_items(session, since, spread=SHARE_SAMPLE)
        counts = Counter(_stratum_of(r.title, r.text, voting) for r in rows)
        total = sum(counts.values())
        if len(_SHARES) >= 32:
            _SHARES.clear()
        _SHARES[key] = {s: (counts[s] + 0.5) / (total + 1.5) for s in (FOR, AGAINST, NEITHER)
                        } if total else {}
    return _SHARES[key]


#: stream_shares' results, by database, labels, start of the span and newest item.
_SHARES: dict[tuple[Any, ...], dict[int, float]] = {}


def judgements(session: Session, version: ModelVersion, labels: Sequence[str]
               ) -> tuple[dict[str, tuple[list[int], list[int], list[int]]], datetime | None]:
    """Per label, the analysts' values, the version's stored flags and the items' strata,
    over the labels that measure it: given in the dashboard to an item the queue drew
    without the model (:data:`AT_RANDOM`), after the version was trained (it did not learn
    from them), the item still stored and scored by the version; and when the first of
    them was given."""
    voting = [label for label in labels if label in cues.LEXICONS]
    rows = session.execute(
        select(Label.item_id, Label.label, Label.value, Prediction.flagged, Item.title,
               Item.text, Label.created_at)
        .join(Prediction, (Prediction.item_id == Label.item_id)
              & (Prediction.label == Label.label)
              & (Prediction.model_version_id == version.id))
        .join(Item, Item.id == Label.item_id)
        .where(Label.origin == "dashboard", Label.drawn.in_(AT_RANDOM),
               Label.created_at > version.trained_at)
        .order_by(Label.id))
    out: dict[str, tuple[list[int], list[int], list[int]]] = {}
    first: datetime | None = None
    read: dict[int, int] = {}  # an item judged for both labels has its cues read once
    for item_id, label, value, flagged, title, text, given in rows:
        truth, flags, strata = out.setdefault(label, ([], [], []))
        truth.append(int(value))
        flags.append(int(bool(flagged)))
        if item_id not in read:
            read[item_id] = _stratum_of(title, text, voting) if voting else 0
        strata.append(read[item_id])
        first = given if first is None else min(first, given)
    return out, first


def live_figures(session: Session, version: ModelVersion | None, labels: Sequence[str]
                 ) -> dict[str, LiveFigures]:
    """The configured ``labels`` measured on the district's drawn labels (a label with
    none is absent): what the Model page and ``sejuk status`` show."""
    if version is None:
        return {}
    judged, first = judgements(session, version, labels)
    if not judged or first is None:
        return {}
    # the queue draws from the last STREAM_DAYS days: the first label's items came
    # from that far back
    shares = stream_shares(session, labels, first - timedelta(days=STREAM_DAYS))
    out = {}
    for label in labels:
        if label in judged:
            truth, flags, strata = judged[label]
            out[label] = figures(label, truth, flags,
                                 strata if shares is not None else None, shares)
    return out
