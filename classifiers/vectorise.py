"""A fast, exact re-implementation of a fitted TF-IDF ``FeatureUnion``'s ``transform``.

Why: scikit-learn's vectorisers rebuild every word, word pair and character n-gram of
every text in Python, one dictionary lookup per feature; with ``char_wb`` n-grams that
made Sejuk's classification ten times slower than a bare word TF-IDF + LR. But posts
are made of tokens that repeat across posts: each whitespace token's normalisation, its
character n-gram columns and its word ids are computed once, cached, and a batch's
sparse matrix is assembled with numpy. Tokens are found and looked up in the cache as
whole arrays (``classifiers/tokens.py``), and a batch's unseen tokens are normalised and
cut into words and n-grams together, one pass of each pattern over their joined text.
The result is the same matrix (up to float rounding) as
``union.transform(normalise_many(texts))``: ``TextModel.predict_proba`` uses it, the
persisted pipeline stays plain scikit-learn (skops loads it with the reviewed trusted
types, this module is never saved), and any union this module does not recognise falls
back to the pipeline itself.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from itertools import chain, repeat
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import normalize

from classifiers.text import normalise_token, normalise_tokens
from classifiers.tokens import (
    Batch,
    IntMap,
    Splitter,
    TokenIndex,
    append_grown,
    non_word_characters,
)

#: Cached tokens, and their code points, before the cache starts afresh (bounds memory in
#: a long-running server: about 60 MB of tables at either limit).
MAX_CACHED_TOKENS = 500_000
MAX_CACHED_POINTS = 8_000_000

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
        self._flat = np.zeros(0, dtype=np.intp)
        self._start = np.zeros(0, dtype=np.intp)
        self._length = np.zeros(0, dtype=np.intp)
        self._n_flat = 0
        self._n = 0
        self._pending: list[tuple[int, ...]] = []

    @property
    def flat(self) -> NDArray[np.intp]:
        return self._flat[:self._n_flat]

    @property
    def start(self) -> NDArray[np.intp]:
        return self._start[:self._n]

    @property
    def length(self) -> NDArray[np.intp]:
        return self._length[:self._n]

    def add(self, values: tuple[int, ...]) -> None:
        self._pending.append(values)

    def flush(self) -> None:
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        lengths = np.fromiter(map(len, pending), dtype=np.intp, count=len(pending))
        values = np.fromiter(chain.from_iterable(pending), dtype=np.intp)
        self._extend(values, lengths)

    def extend(self, values: NDArray[np.intp], lengths: NDArray[np.intp]) -> None:
        """Append many sequences at once: ``values`` concatenated, ``lengths`` each."""
        self.flush()
        self._extend(values, lengths)

    def _extend(self, values: NDArray[Any], lengths: NDArray[Any]) -> None:
        self._start = append_grown(self._start, self._n,
                              self._n_flat + np.cumsum(lengths) - lengths)
        self._length = append_grown(self._length, self._n, lengths)
        self._n += len(lengths)
        self._flat = append_grown(self._flat, self._n_flat, values)
        self._n_flat += len(values)

    def gather(self, entries: NDArray[np.intp]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """The concatenated sequences of ``entries`` and each one's length."""
        lengths = self.length[entries]
        ends = np.cumsum(lengths)
        offsets = np.repeat(self.start[entries] - (ends - lengths), lengths)
        return self.flat[offsets + np.arange(int(ends[-1]) if len(ends) else 0)], lengths


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
        self._pairs = IntMap(self._pair_keys, self._pair_cols)
        # Bulk path for unseen tokens: one regex pass yields every word token and a "\n"
        # between tokens; another every character window within a padded word.
        self._bulk = False
        self._vocab: TokenIndex | None = None
        try:
            pattern = re.compile(word.token_pattern.removeprefix("(?u)"))
            if pattern.groups == 0 and self._char_range[0] == self._char_range[1]:
                self._words_or_newline = re.compile(f"(?:{pattern.pattern})|\n")
                if pattern.pattern == r"\b\w+\b":  # words are runs of word characters
                    self._vocab_splitter = Splitter(separators=non_word_characters())
                    self._vocab = TokenIndex(self._vocab_splitter)
                    self._vocab.add(list(ids))  # entry numbers = word ids
                self._windows = re.compile(f"(?=([^\n]{{{self._char_range[0]}}}))")
                self._bulk = True
        except re.error:
            pass
        self._ids_newline = {**ids, "\n": -1}
        # Packed character windows: each n-gram of the vocabulary as one integer, every
        # character as its rank (from 1) in the vocabulary's alphabet, if they fit in 64 bits.
        self._packed: IntMap | None = None
        n = self._char_range[0]
        grams = [(t, c) for t, c in self._char_vocab.items() if len(t) == n]
        alphabet = sorted({ch for t, _ in grams for ch in t} - {"\n"})
        self._bits = 64 // n
        if self._bulk and grams and len(alphabet) < 2 ** self._bits:
            self._rank = np.zeros(max(map(ord, alphabet)) + 2, dtype=np.uint32)
            self._rank[[ord(ch) for ch in alphabet]] = np.arange(1, len(alphabet) + 1)
            keys = np.zeros(len(grams), dtype=np.uint64)
            for i in range(n):
                keys = (keys << np.uint64(self._bits)) | self._rank[
                    [ord(t[i]) for t, _ in grams]].astype(np.uint64)
            self._packed = IntMap(keys, np.array([c for _, c in grams], dtype=np.intp))
        #: The caches grow during transform; scoring threads (the dashboard) take turns.
        self._lock = threading.RLock()
        self._splitter = Splitter()
        self._idf = np.concatenate([self.word.idf, self.char.idf])
        self._idf_coef_memo: dict[tuple[int, int], tuple[NDArray[np.float64], Any]] = {}
        self.reset()

    def reset(self) -> None:
        """Forget every cached token (the vocabulary tables stay)."""
        with self._lock:
            self._chars = _Ragged()
            self._words = _Ragged()
            self._index = TokenIndex(self._splitter)

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

    def _add_one(self, raw: str) -> None:
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

    def _add_many(self, raw_tokens: list[str]) -> None:
        """Compute many unseen tokens at once, with C-level passes over joined strings
        instead of Python work per token (same results as :meth:`_token_features`)."""
        count = len(raw_tokens)
        normalised = "\n".join(normalise_tokens(raw_tokens)).lower().split("\n")
        word_ids, word_len = self._word_ids(normalised)
        # Character n-grams: every window of each padded word (" word "), "\n" between.
        n = self._char_range[0]
        per_token = np.fromiter(map(len, map(str.split, normalised)), dtype=np.intp,
                                count=count)
        words = " ".join(normalised).split()
        padded = np.fromiter(map(len, words), dtype=np.intp, count=len(words)) + 2
        cols = self._window_columns(" " + " \n ".join(words) + " ") if words else \
            np.zeros(0, dtype=np.intp)
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

    def _word_ids(self, normalised: list[str]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """The word ids of many normalised tokens, concatenated, and each token's count.

        With the token pattern ``\\b\\w+\\b`` the words are the runs of word
        characters, split and looked up in the vocabulary with numpy
        (:class:`classifiers.tokens.TokenIndex`); otherwise the pattern runs over the
        tokens' joined text, "\\n" marking the next token.
        """
        count = len(normalised)
        if self._vocab is not None:
            batch = self._vocab_splitter.split(normalised)
            found = self._vocab.find(batch)
            return (np.where(found >= 0, found, self._unknown),
                    np.bincount(batch.doc, minlength=count))
        found = self._words_or_newline.findall("\n".join(normalised))
        codes = np.fromiter(map(self._ids_newline.get, found, repeat(self._unknown)),
                            dtype=np.intp, count=len(found))
        newline = codes == -1
        return codes[~newline], np.bincount(np.cumsum(newline)[~newline], minlength=count)

    def _window_columns(self, text: str) -> NDArray[np.intp]:
        """The column (or -1) of every n-character window of ``text`` holding no "\n",
        in order: the windows packed into integers (each character's rank in the
        vocabulary's alphabet) and looked up in the sorted packed vocabulary."""
        n = self._char_range[0]
        if self._packed is None:
            windows = self._windows.findall(text)
            return np.fromiter(map(self._char_vocab.get, windows, repeat(-1)),
                               dtype=np.intp, count=len(windows))
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        count = len(points) - n + 1
        if count <= 0:
            return np.zeros(0, dtype=np.intp)
        ranks = self._rank[np.minimum(points, len(self._rank) - 1)].astype(np.uint64)
        newline = points == 10
        keys = ranks[:count].copy()
        bad = newline[:count].copy()
        bits = np.uint64(self._bits)
        for i in range(1, n):
            keys <<= bits
            keys |= ranks[i:count + i]
            bad |= newline[i:count + i]
        keys = keys[~bad]
        return self._packed.get(keys)

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
        """Each whitespace token's entry in the feature tables and its text number, in
        order; tokens never seen before are computed together and added."""
        index = self._index
        if index.size >= MAX_CACHED_TOKENS or index.n_points >= MAX_CACHED_POINTS:
            self.reset()
        batch = self._splitter.split(list(texts))
        entries = self._index.find(batch)
        missing = np.flatnonzero(entries < 0)
        try:
            self._add_missing(batch, entries, missing)
        except BaseException:
            self.reset()  # features and index grow in step; never leave them apart
            raise
        return entries, batch.doc

    def _add_missing(self, batch: Batch, entries: NDArray[np.intp],
                     missing: NDArray[np.intp]) -> None:
        """Compute, store and number the tokens at ``missing`` (entries filled in)."""
        if len(missing):
            absent = batch.strings(missing)
            where = dict(zip(absent, missing.tolist(), strict=True))  # one place per token
            new = list(where)
            first = self._index.size
            if self._bulk:
                self._chars.flush()
                self._words.flush()
                self._add_many(new)
            else:
                for token in new:
                    self._add_one(token)
            self._index.add_found(batch, np.fromiter(where.values(), dtype=np.intp,
                                                     count=len(where)))
            number = dict(zip(new, range(first, first + len(new)), strict=True))
            entries[missing] = list(map(number.__getitem__, absent))
        self._chars.flush()
        self._words.flush()

    def _counts(self, texts: Sequence[str]) -> tuple[NDArray[np.intp], NDArray[np.intp],
                                                     NDArray[np.float64]]:
        """Each document's distinct columns, sorted (the character block's shifted past
        the word block's), with their tf (sublinear where the vectoriser says so)."""
        n_docs = len(texts)
        with self._lock:  # the caches grow (or reset) here; read them in the same turn
            entries, token_doc = self._entries(texts)
            char_cols, char_len = self._chars.gather(entries)
            word_ids, word_len = self._words.gather(entries)
        n_word = self.word.n_features
        width = n_word + self.char.n_features
        # Keys row * width + column: sorting them groups each document's repeated columns
        # (32-bit keys when they fit: half the sorting work).
        dtype = np.uint32 if n_docs * width < 2 ** 32 else np.int64
        doc_base = token_doc.astype(dtype) * dtype(width)
        char_keys = np.repeat(doc_base, char_len)
        char_keys += (char_cols + n_word).astype(dtype)
        word_rows = np.repeat(token_doc, word_len)
        word_base = np.repeat(doc_base, word_len)
        unigram = self._unigram_col[word_ids]
        known = unigram >= 0
        keys = [word_base[known] + unigram[known].astype(dtype), char_keys]
        if len(word_ids) > 1 and len(self._pair_keys):
            both = ((word_ids[:-1] != self._unknown) & (word_ids[1:] != self._unknown)
                    & (word_rows[:-1] == word_rows[1:]))
            first = np.flatnonzero(both)
            pair = word_ids[first].astype(np.int64) * self._width + word_ids[first + 1]
            col = self._pairs.get(pair)
            hit = col >= 0
            keys.append(word_base[first[hit]] + col[hit].astype(dtype))
        flat = np.concatenate(keys)
        flat.sort()
        new = np.empty(len(flat), dtype=bool)
        new[:1] = True
        np.not_equal(flat[1:], flat[:-1], out=new[1:])
        starts = np.flatnonzero(new)
        unique = flat[starts]
        counts = np.diff(starts, append=len(flat)).astype(np.float64)
        bounds = np.searchsorted(unique, np.arange(n_docs + 1, dtype=dtype) * dtype(width))
        rows = np.repeat(np.arange(n_docs, dtype=np.intp), np.diff(bounds))
        cols = unique.astype(np.intp) - rows * width
        tf = counts
        if self.word.sublinear and self.char.sublinear:
            np.log(tf, tf)
            tf += 1.0
        else:
            is_char = cols >= n_word
            for block, mask in ((self.word, ~is_char), (self.char, is_char)):
                if block.sublinear:
                    v = counts[mask]
                    np.log(v, v)
                    tf[mask] = v + 1.0
        return rows, cols, tf

    def _norms(self, rows: NDArray[np.intp], cols: NDArray[np.intp],
               values: NDArray[np.float64], n_docs: int
               ) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        """Each value's (document, block) group and every group's l2 norm (1 where the
        block is not normalised or empty), as ``TfidfTransformer`` divides by."""
        group = rows * 2 + (cols >= self.word.n_features)
        norms = np.sqrt(np.bincount(group, values * values, minlength=2 * n_docs))
        norms[norms == 0.0] = 1.0
        for block, part in ((self.word, 0), (self.char, 1)):
            if not block.norm:
                norms[part::2] = 1.0
        return group, norms

    def weights(self, texts: Sequence[str]
                ) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
        """The union's TF-IDF matrix as sorted (row, column, value) triples, the columns
        of the character block shifted past the word block, as ``transform`` returns."""
        rows, cols, values = self._counts(texts)
        values *= self._idf[cols]
        group, norms = self._norms(rows, cols, values, len(texts))
        values /= norms[group]
        return rows, cols, values

    def scores(self, texts: Sequence[str], coef: NDArray[np.float64]
               ) -> NDArray[np.float64]:
        """``transform(texts) @ coef`` (coef: features x outputs), without the matrix:
        each block's sum of tf * idf * coef, divided by the block's norm."""
        n_docs = len(texts)
        rows, cols, tf = self._counts(texts)
        values = tf * self._idf[cols]
        group, norms = self._norms(rows, cols, values, n_docs)
        out = np.empty((n_docs, coef.shape[1]))
        for j in range(coef.shape[1]):
            per_group = np.bincount(group, tf * self._idf_coef(coef, j)[cols],
                                    minlength=2 * n_docs) / norms
            out[:, j] = per_group[0::2] + per_group[1::2]
        return out

    def _idf_coef(self, coef: NDArray[np.float64], j: int) -> NDArray[np.float64]:
        """idf times column ``j`` of ``coef``, kept per (coef, column): scoring threads
        read it concurrently, so it is built in a local and stored whole."""
        key = (id(coef), j)
        memo = self._idf_coef_memo.get(key)
        if memo is None or memo[1] is not coef:
            memo = (self._idf * coef[:, j], coef)  # coef kept alive: its id stays its own
            if len(self._idf_coef_memo) > 16:
                self._idf_coef_memo = {}
            self._idf_coef_memo[key] = memo
        return memo[0]

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Raw (not yet normalised) texts to the union's TF-IDF matrix."""
        n_docs = len(texts)
        rows, cols, values = self.weights(texts)
        indptr = np.zeros(n_docs + 1, dtype=np.intp)
        np.cumsum(np.bincount(rows, minlength=n_docs), out=indptr[1:])
        return sparse.csr_matrix((values, cols, indptr),
                                 shape=(n_docs, self.word.n_features + self.char.n_features))
