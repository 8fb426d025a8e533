"""A fast, exact re-implementation of a fitted TF-IDF ``FeatureUnion``'s ``transform``.

Why: scikit-learn's vectorisers rebuild every word, word pair and character n-gram of
every text in Python, one dictionary lookup per feature; with ``char_wb`` n-grams that
made Sejuk's classification ten times slower than a bare word TF-IDF + LR. But posts
are made of tokens that repeat across posts: each whitespace token's normalisation, its
character n-gram columns and its word ids are computed once, cached, and a batch's
sparse matrix is assembled with numpy. The result is the same matrix (up to float
rounding) as ``union.transform(normalise_many(texts))``: ``TextModel.predict_proba``
uses it, the persisted pipeline stays plain scikit-learn (skops loads it with the
reviewed trusted types, this module is never saved), and any union this module does not
recognise falls back to the pipeline itself.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from itertools import chain, repeat
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import normalize

from classifiers.text import normalise_token, normalise_tokens

#: Cached tokens before the cache starts afresh (bounds memory in a long-running server).
MAX_CACHED_TOKENS = 500_000
#: Joins a batch's texts into one string; a control character no post contains as a word.
_SEPARATOR = "\x00"

#: Vectoriser settings the fast path reproduces exactly; anything else falls back.
_PLAIN = {"lowercase": True, "preprocessor": None, "tokenizer": None, "stop_words": None,
          "strip_accents": None, "binary": False, "use_idf": True, "input": "content",
          "vocabulary": None}


def _supported(vec: Any) -> bool:
    if type(vec) is not TfidfVectorizer or not hasattr(vec, "vocabulary_"):
        return False
    params = vec.get_params()
    if any(params[k] != v for k, v in _PLAIN.items()) or vec.norm not in ("l2", None):
        return False
    low, high = vec.ngram_range
    if vec.analyzer == "word":
        return low == 1 and high in (1, 2)
    return vec.analyzer == "char_wb"


class _Block:
    """One fitted vectoriser: its TF-IDF weighting and the column count."""

    def __init__(self, vec: TfidfVectorizer) -> None:
        self.n_features = len(vec.vocabulary_)
        self.idf = np.asarray(vec.idf_, dtype=np.float64)
        self.sublinear = bool(vec.sublinear_tf)
        self.norm = vec.norm

    def weigh(self, rows: NDArray[np.intp], cols: NDArray[np.intp], n_docs: int
              ) -> sparse.csr_matrix:
        """Counts per (row, column) to TF-IDF, exactly as ``TfidfTransformer`` does."""
        x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)),
                              shape=(n_docs, self.n_features), dtype=np.float64)
        x.sum_duplicates()
        if self.sublinear:
            np.log(x.data, x.data)
            x.data += 1.0
        x.data *= self.idf[x.indices]
        if self.norm:
            x = normalize(x, norm=self.norm, copy=False)
        return x


class _Ragged:
    """A growing list of integer sequences stored flat, gathered with numpy."""

    def __init__(self) -> None:
        self.flat = np.zeros(0, dtype=np.intp)
        self.start = np.zeros(0, dtype=np.intp)
        self.length = np.zeros(0, dtype=np.intp)
        self._pending: list[tuple[int, ...]] = []

    def add(self, values: tuple[int, ...]) -> None:
        self._pending.append(values)

    def flush(self) -> None:
        if not self._pending:
            return
        lengths = np.fromiter(map(len, self._pending), dtype=np.intp,
                              count=len(self._pending))
        values = np.fromiter(chain.from_iterable(self._pending), dtype=np.intp)
        self.start = np.concatenate([self.start, len(self.flat) + np.cumsum(lengths)
                                     - lengths])
        self.length = np.concatenate([self.length, lengths])
        self.flat = np.concatenate([self.flat, values])
        self._pending = []

    def extend(self, values: NDArray[np.intp], lengths: NDArray[np.intp]) -> None:
        """Append many sequences at once: ``values`` concatenated, ``lengths`` each."""
        self.flush()
        self.start = np.concatenate([self.start, len(self.flat) + np.cumsum(lengths)
                                     - lengths])
        self.length = np.concatenate([self.length, lengths.astype(np.intp)])
        self.flat = np.concatenate([self.flat, values.astype(np.intp)])

    def gather(self, entries: NDArray[np.intp]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """The concatenated sequences of ``entries`` and each one's length."""
        lengths = self.length[entries]
        ends = np.cumsum(lengths)
        offsets = np.repeat(self.start[entries] - (ends - lengths), lengths)
        return self.flat[offsets + np.arange(int(ends[-1]) if len(ends) else 0)], lengths


class _TokenCache(dict[str, int]):
    """Raw token -> entry number in the ragged feature tables; computed on first sight."""

    def __init__(self, compute: Callable[[str], int]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, token: str) -> int:
        value = self[token] = self.compute(token)
        return value


class CachedUnion:
    """The transform of a fitted ``FeatureUnion([word TF-IDF, char_wb TF-IDF])``.

    Build with :meth:`from_union`, which answers ``None`` for any other union.
    """

    def __init__(self, word: TfidfVectorizer, char: TfidfVectorizer) -> None:
        self.word = _Block(word)
        self.char = _Block(char)
        self._word_tokens = word.build_tokenizer()
        self._char_range: tuple[int, int] = tuple(char.ngram_range)
        self._char_vocab: dict[str, int] = dict(char.vocabulary_)
        # Word ids: every token that is a unigram feature or half of a bigram feature.
        vocab: dict[str, int] = word.vocabulary_
        ids: dict[str, int] = {}
        pairs: list[tuple[str, str, int]] = []
        for term, col in vocab.items():
            parts = term.split(" ")
            for part in parts:
                ids.setdefault(part, len(ids))
            if len(parts) == 2:
                pairs.append((parts[0], parts[1], int(col)))
        self._ids = ids
        self._unknown = len(ids)
        self._unigram_col = np.full(len(ids) + 1, -1, dtype=np.intp)
        for term, col in vocab.items():
            if " " not in term:
                self._unigram_col[ids[term]] = col
        width = len(ids) + 1
        keys = np.array([ids[a] * width + ids[b] for a, b, _ in pairs], dtype=np.int64)
        order = np.argsort(keys)
        self._pair_keys = keys[order]
        self._pair_cols = np.array([c for _, _, c in pairs], dtype=np.intp)[order]
        self._width = width
        # Bulk path for unseen tokens: one regex pass yields every word token and a "\n"
        # between tokens; another every character window within a padded word.
        self._bulk = False
        try:
            pattern = re.compile(word.token_pattern.removeprefix("(?u)"))
            if pattern.groups == 0 and self._char_range[0] == self._char_range[1]:
                self._words_or_newline = re.compile(f"(?:{pattern.pattern})|\n")
                self._windows = re.compile(f"(?=([^\n]{{{self._char_range[0]}}}))")
                self._bulk = True
        except re.error:
            pass
        self._ids_newline = {**ids, "\n": -1}
        #: The caches grow during transform; scoring threads (the dashboard) take turns.
        self._lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        """Forget every cached token (the vocabulary tables stay)."""
        with self._lock:
            self._chars = _Ragged()
            self._words = _Ragged()
            self._cache = _TokenCache(self._token_features)
            self._cache[_SEPARATOR] = self._token_features("")  # entry 0: no features

    @classmethod
    def from_union(cls, union: Any) -> CachedUnion | None:
        if not isinstance(union, FeatureUnion) or len(union.transformer_list) != 2:
            return None
        if union.transformer_weights or any(
                t in ("drop", "passthrough") for _, t in union.transformer_list):
            return None
        (_, word), (_, char) = union.transformer_list
        if not (_supported(word) and _supported(char) and word.analyzer == "word"
                and char.analyzer == "char_wb"):
            return None
        return cls(word, char)

    def _token_features(self, raw: str) -> int:
        normalised = normalise_token(raw).lower()  # lower: both vectorisers' preprocessing
        ids, unknown = self._ids, self._unknown
        if " " not in normalised:  # most tokens stay one word
            chars = self._char_columns(normalised) if normalised else []
            words = [ids.get(w, unknown) for w in self._word_tokens(normalised)]
        else:
            chars, words = [], []
            for token in normalised.split():
                chars.extend(self._char_columns(token))
                words.extend([ids.get(w, unknown) for w in self._word_tokens(token)])
        self._chars.add(tuple(chars))
        self._words.add(tuple(words))
        return len(self._cache)  # the entry number this token is about to get

    def _add_many(self, raw_tokens: list[str]) -> None:
        """Compute many unseen tokens at once, with C-level passes over joined strings
        instead of Python work per token (same results as :meth:`_token_features`)."""
        count = len(raw_tokens)
        normalised = "\n".join(normalise_tokens(raw_tokens)).lower().split("\n")
        # Word ids: tokens of each normalised token, "\n" marking the next one.
        found = self._words_or_newline.findall("\n".join(normalised))
        codes = np.fromiter(map(self._ids_newline.get, found, repeat(self._unknown)),
                            dtype=np.intp, count=len(found))
        newline = codes == -1
        word_owner = np.cumsum(newline)[~newline]
        word_ids = codes[~newline]
        word_len = np.bincount(word_owner, minlength=count)
        # Character n-grams: every window of each padded word (" word "), "\n" between.
        n = self._char_range[0]
        per_token = np.fromiter(map(len, map(str.split, normalised)), dtype=np.intp,
                                count=count)
        words = " ".join(normalised).split()
        padded = np.fromiter(map(len, words), dtype=np.intp, count=len(words)) + 2
        windows = self._windows.findall(" " + " \n ".join(words) + " ") if words else []
        cols = np.fromiter(map(self._char_vocab.get, windows, repeat(-1)), dtype=np.intp,
                           count=len(windows))
        per_word = np.maximum(padded - n + 1, 0)
        short = padded < n
        if short.any():  # a padded word shorter than n is one n-gram, itself
            per_word[short] = 1
            flat = np.empty(int(per_word.sum()), dtype=np.intp)
            is_short = np.repeat(short, per_word)
            flat[~is_short] = cols
            flat[is_short] = [self._char_vocab.get(f" {words[i]} ", -1)
                              for i in np.flatnonzero(short)]
            cols = flat
        owner = np.repeat(np.repeat(np.arange(count, dtype=np.intp), per_token), per_word)
        known = cols >= 0
        self._chars.extend(cols[known], np.bincount(owner[known], minlength=count))
        self._words.extend(word_ids, word_len)
        first = len(self._cache)
        self._cache.update(zip(raw_tokens, range(first, first + count), strict=True))

    def _char_columns(self, token: str) -> list[int]:
        """Columns of the ``char_wb`` n-grams of one word, as scikit-learn makes them
        (``_char_wb_ngrams``: the word padded with a space each side; a padded word no
        longer than n is one n-gram, and ends the loop)."""
        padded = f" {token} "
        size = len(padded)
        grams: list[str] = []
        for n in range(self._char_range[0], self._char_range[1] + 1):
            if size <= n:
                grams.append(padded)
                break
            grams.extend([padded[i:i + n] for i in range(size - n + 1)])
        return [c for c in map(self._char_vocab.get, grams) if c is not None]

    def _entries(self, texts: Sequence[str]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """Each token's cache entry and document row, in order.

        One ``split`` of all texts joined by a separator token (entry 0, no features) is
        much cheaper than a split per text; a text holding the separator itself takes the
        per-text path.
        """
        if len(self._cache) >= MAX_CACHED_TOKENS:
            self.reset()
        joined = f" {_SEPARATOR} ".join(texts)
        if joined.count(_SEPARATOR) == len(texts) - 1:
            tokens = joined.split()
            if self._bulk:
                unseen = set(tokens).difference(self._cache)
                if unseen:
                    self._chars.flush()
                    self._words.flush()
                    self._add_many(list(unseen))
            entries = np.fromiter(map(self._cache.__getitem__, tokens), dtype=np.intp)
            rows = np.cumsum(entries == 0)
        else:
            tokens = [t.split() for t in texts]
            per_doc = np.fromiter(map(len, tokens), dtype=np.intp, count=len(texts))
            entries = np.fromiter(map(self._cache.__getitem__, chain.from_iterable(tokens)),
                                  dtype=np.intp)
            rows = np.repeat(np.arange(len(texts), dtype=np.intp), per_doc)
        self._chars.flush()
        self._words.flush()
        return entries, rows

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Raw (not yet normalised) texts to the union's TF-IDF matrix."""
        n_docs = len(texts)
        with self._lock:  # the caches grow (or reset) here; read them in the same turn
            entries, token_doc = self._entries(texts)
            char_cols, char_len = self._chars.gather(entries)
            word_ids, word_len = self._words.gather(entries)
        char_rows = np.repeat(token_doc, char_len)
        word_rows = np.repeat(token_doc, word_len)
        unigram = self._unigram_col[word_ids]
        known = unigram >= 0
        rows = [word_rows[known]]
        cols = [unigram[known]]
        if len(word_ids) > 1 and len(self._pair_keys):
            both = ((word_ids[:-1] != self._unknown) & (word_ids[1:] != self._unknown)
                    & (word_rows[:-1] == word_rows[1:]))
            first = np.flatnonzero(both)
            keys = word_ids[first].astype(np.int64) * self._width + word_ids[first + 1]
            where = np.searchsorted(self._pair_keys, keys)
            where[where == len(self._pair_keys)] = 0
            hit = self._pair_keys[where] == keys
            rows.append(word_rows[first[hit]])
            cols.append(self._pair_cols[where[hit]])
        x_word = self.word.weigh(np.concatenate(rows), np.concatenate(cols), n_docs)
        x_char = self.char.weigh(char_rows, char_cols, n_docs)
        return sparse.hstack([x_word, x_char], format="csr")
