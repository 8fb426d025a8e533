"""The text classifier: hoaks and provokasi scores with reasons, debunk recognition,
safe persistence and versioned retraining.

Modules: ``text`` (normalisation), ``model`` (pipeline, train, evaluate), ``persist``
(skops), ``registry`` (versions), ``scoring`` (stored predictions), ``dataset`` (labelled
CSV), ``claims`` (matching items to debunked claims), ``active`` (the labelling queue),
``report`` (HTML training report), ``stopwords`` (readable reasons), ``labels`` (analyst
labels), ``workflow`` (jobs over a workspace), ``figures`` (per-label figures a version reports,
kept components' marked). Data flows one way, feeds -> classifiers:
recognising a fact-check's wording is the collector's job (:mod:`feeds.debunk`), and
nothing in ``feeds`` imports this package.
"""

from __future__ import annotations
