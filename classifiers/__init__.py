"""The text classifier: hoaks and provokasi scores with reasons, debunk recognition,
safe persistence and versioned retraining.

Modules: ``text`` (normalisation), ``model`` (pipeline, train, evaluate), ``persist``
(skops), ``registry`` (versions), ``scoring`` (stored predictions), ``dataset`` (labelled
CSV), ``debunk`` (debunk recognition), ``claims`` (matching items to debunked claims),
``active`` (the labelling queue), ``report`` (HTML training report), ``stopwords``
(readable reasons), ``labels`` (analyst labels), ``workflow`` (jobs over a workspace). Importing the
package itself stays light (no scikit-learn) because the collector needs only ``debunk``.
"""

from __future__ import annotations

from classifiers.debunk import debunk_verdict, looks_like_debunk

__all__ = ["debunk_verdict", "looks_like_debunk"]
