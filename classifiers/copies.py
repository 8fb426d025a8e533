"""Groups of near-identical training texts, so that no fold is ever tested on a copy.

Why: hoaxes spread as copies (forwards, retweets, one template with another place name)
and labelled data holds them too. With a random split the copies of one text sit on both
sides, and the holdout measures memory instead of the model: the bundled template
samples scored 1.00 that way and 0.89 with copies kept together; real tweets
(umpo_tweets train split) 0.734 against 0.708. Texts are grouped when the Jaccard
similarity of their first content words reaches :data:`SIMILARITY`, candidates found by
the same MinHash bands as narratives (``feeds/narratives.py``), groups joined
transitively.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from feeds.narratives import band_keys, jaccard, signature, tokens

#: Content-word Jaccard similarity from which two texts count as copies. Stricter than a
#: narrative's (0.2): a narrative gathers retellings, a copy must share most words.
SIMILARITY = 0.5
#: Texts with fewer content words are left alone: two three-word texts sharing two words
#: would count as copies, and such loose links chain unrelated short posts together.
MIN_WORDS = 4
#: Texts of a band bucket larger than this are compared with its first few texts only
#: (:data:`PIVOTS`) instead of with each other: it bounds the pairwise checks, and a big
#: family of copies (a viral forward) is still joined through its first members.
MAX_BUCKET = 200
PIVOTS = 8


def copy_groups(texts: Sequence[str]) -> NDArray[np.intp]:
    """A group number per text; copies share one, every other text has its own."""
    words = [tokens(text) for text in texts]
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[int, list[int]] = defaultdict(list)
    for i, bag in enumerate(words):
        if len(bag) >= MIN_WORDS:
            for key in band_keys(signature(bag)):
                buckets[key].append(i)
    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        large = len(members) > MAX_BUCKET
        for a, i in enumerate(members[:PIVOTS] if large else members):
            for j in members[a + 1:]:
                if (i, j) in checked or root(i) == root(j):
                    continue
                checked.add((i, j))
                if jaccard(words[i], words[j]) >= SIMILARITY:
                    parent[root(i)] = root(j)
    return np.array([root(i) for i in range(len(texts))], dtype=np.intp)
