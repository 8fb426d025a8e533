"""Whitespace tokens of a batch of texts, split and looked up with numpy.

Why: the scorer caches each raw token's features (``classifiers/vectorise.py``), so
every post costs one cache lookup per token. With a ``dict`` that is a ``str.split``
(a new string object per token) and a hash plus a key comparison per token, both of
which miss the CPU caches once the table holds tens of thousands of tokens: they were a
third of the scorer's time. Here a batch is one array of code points; token bounds,
a polynomial hash per token and the table lookup are whole-array operations, and each
hit is verified against the stored code points, so a hash collision can cost time but
never a wrong answer.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

#: ``str.split()``'s whitespace (``str.isspace``), by code point; none lies above U+3000
#: (the table's last entry stands for every code point above).
WHITESPACE = np.zeros(0x3002, dtype=bool)
WHITESPACE[[c for c in range(0x3001) if chr(c).isspace()]] = True


@functools.cache
def non_word_characters() -> NDArray[np.bool_]:
    """For every code point, whether ``\\w`` does not match it: splitting on these gives
    the words that the token pattern ``\\b\\w+\\b`` finds (its maximal runs)."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    marked = re.sub(r"\W", "\x00", every).encode("utf-32-le", "surrogatepass")
    return np.frombuffer(marked, dtype=np.uint32) == 0


class IntMap:
    """Distinct 64-bit integer keys to non-negative values: an open-addressing hash
    table (linear probing, at most half full) read and grown for many keys at once."""

    _EMPTY = np.uint64(2 ** 64 - 1)
    _MIX = np.uint64(0x9E3779B97F4A7C15)

    def __init__(self, keys: NDArray[Any] | None = None,
                 values: NDArray[np.intp] | None = None) -> None:
        self.size = 0
        self._resize(max(16, 4 * (0 if keys is None else len(keys))))
        if keys is not None and values is not None:
            self.insert(keys, values)

    def _resize(self, capacity: int) -> None:
        old = (self._keys, self._values) if self.size else None
        self._bits = max(4, (capacity - 1).bit_length())
        self._mask = np.uint64((1 << self._bits) - 1)
        self._keys = np.full(1 << self._bits, self._EMPTY, dtype=np.uint64)
        self._values = np.full(1 << self._bits, -1, dtype=np.intp)
        self.size = 0
        if old is not None:
            used = old[0] != self._EMPTY
            self._place(old[0][used], old[1][used])

    def _slot(self, keys: NDArray[np.uint64]) -> NDArray[np.uint64]:
        return (keys * self._MIX) >> np.uint64(64 - self._bits)

    def insert(self, keys: NDArray[Any], values: NDArray[np.intp]) -> None:
        """Add keys that are distinct and not in the table (the caller's promise)."""
        keys = keys.astype(np.uint64)
        if 2 * (self.size + len(keys)) > len(self._keys):
            self._resize(4 * (self.size + len(keys)))
        self._place(keys, np.asarray(values, dtype=np.intp))

    def _place(self, keys: NDArray[np.uint64], values: NDArray[np.intp]) -> None:
        pos = self._slot(keys)
        pending = np.arange(len(keys))
        while len(pending):
            free = self._keys[pos] == self._EMPTY
            _, first = np.unique(pos[free], return_index=True)
            chosen = np.flatnonzero(free)[first]
            self._keys[pos[chosen]] = keys[pending[chosen]]
            self._values[pos[chosen]] = values[pending[chosen]]
            left = np.ones(len(pending), dtype=bool)
            left[chosen] = False
            pending, pos = pending[left], (pos[left] + np.uint64(1)) & self._mask
        self.size += len(keys)

    def get(self, keys: NDArray[Any]) -> NDArray[np.intp]:
        """Each key's value, -1 where absent."""
        keys = keys.astype(np.uint64, copy=False)
        out = np.full(len(keys), -1, dtype=np.intp)
        pos = self._slot(keys)
        pending = np.arange(len(keys))
        while len(pending):
            slot = self._keys[pos]
            hit = slot == keys[pending]
            out[pending[hit]] = self._values[pos[hit]]
            left = ~hit & (slot != self._EMPTY)
            pending, pos = pending[left], (pos[left] + np.uint64(1)) & self._mask
        return out


@dataclass(frozen=True)
class Batch:
    """The whitespace tokens of some texts, as ``str.split`` would give them."""

    #: The texts joined by "\n" (token ``i`` is ``joined[starts[i]:ends[i]]``).
    joined: str
    starts: NDArray[np.intp]
    lengths: NDArray[np.intp]
    #: Every token's code points, concatenated; ``offsets[i]`` is where token ``i`` begins.
    points: NDArray[np.uint32]
    offsets: NDArray[np.intp]
    #: Each code point's position within its token.
    position: NDArray[np.intp]
    hashes: NDArray[np.uint64]
    #: Each token's text number.
    doc: NDArray[np.intp]
    #: Split at whitespace, as ``str.split()``.
    whitespace: bool

    def __len__(self) -> int:
        return len(self.starts)

    def strings(self, tokens: NDArray[np.intp]) -> list[str]:
        """The text of the given tokens."""
        if len(tokens) > len(self.starts) // 4 and self.whitespace:
            every = self.joined.split()  # cheaper than slicing many tokens one by one
            return list(map(every.__getitem__, tokens.tolist()))
        starts = self.starts[tokens]
        ends = starts + self.lengths[tokens]
        joined = self.joined
        return [joined[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]


class Splitter:
    """Splits texts into :class:`Batch` es at the code points that ``separators`` marks
    (whitespace by default, as ``str.split()``).

    The hash base is drawn per process, which makes chance collisions between ordinary
    tokens improbable. Crafted ones remain possible (a polynomial hash modulo 2**64 has
    Thue-Morse collisions for every base), but :class:`TokenIndex` verifies every hit
    against the stored code points and keeps colliding tokens by their string: a
    collision costs a dictionary lookup, never a wrong answer."""

    def __init__(self, base: int | None = None,
                 separators: NDArray[np.bool_] = WHITESPACE) -> None:
        self._separators = separators
        if base is None:
            base = int.from_bytes(os.urandom(8), "little")
        self._base = np.uint64(base | 1)
        self._powers = np.ones(1, dtype=np.uint64)

    def _power_table(self, longest: int) -> NDArray[np.uint64]:
        if len(self._powers) < longest:
            size = max(longest, 2 * len(self._powers), 64)
            factors = np.full(size, self._base, dtype=np.uint64)
            factors[0] = 1
            self._powers = np.cumprod(factors, dtype=np.uint64)  # wraps modulo 2**64
        return self._powers

    def split(self, texts: list[str]) -> Batch:
        joined = "\n".join(texts)
        points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        solid = ~self._separators[np.minimum(points, len(self._separators) - 1)]
        edges = np.diff(solid.view(np.int8), prepend=np.int8(0), append=np.int8(0))
        starts = np.flatnonzero(edges == 1)
        lengths = np.flatnonzero(edges == -1) - starts
        chars = points[solid]
        offsets = np.cumsum(lengths) - lengths
        position = np.arange(len(chars), dtype=np.intp) - np.repeat(offsets, lengths)
        if len(starts):
            powers = self._power_table(int(lengths.max()))
            terms = (chars.astype(np.uint64) + np.uint64(1)) * powers[position]
            hashes = np.add.reduceat(terms, offsets, dtype=np.uint64)
            hashes[hashes == IntMap._EMPTY] -= np.uint64(1)  # the table's empty marker
        else:
            hashes = np.zeros(0, dtype=np.uint64)
        text_ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.intp, count=len(texts)) + 1)
        doc = np.searchsorted(text_ends, starts, side="right")
        return Batch(joined, starts, lengths, chars, offsets, position, hashes, doc,
                     self._separators is WHITESPACE)


class TokenIndex:
    """Raw tokens to entry numbers 0, 1, 2, ... in the order they were added."""

    def __init__(self, splitter: Splitter) -> None:
        self._splitter = splitter
        self._table = IntMap()
        self._points = np.zeros(0, dtype=np.uint32)
        self.n_points = 0
        self._start = np.zeros(0, dtype=np.intp)
        self._length = np.zeros(0, dtype=np.intp)
        #: Tokens whose hash an earlier token holds: rare, looked up by string.
        self._overflow: dict[str, int] = {}
        self.size = 0

    def find(self, batch: Batch) -> NDArray[np.intp]:
        """Each token's entry, -1 for tokens not added yet."""
        entry = self._table.get(batch.hashes)
        found = np.flatnonzero(entry >= 0)
        if len(found):
            stored = entry[found]
            lengths = batch.lengths[found]
            same = self._length[stored] == lengths
            entry[found[~same]] = -1
            found, stored, lengths = found[same], stored[same], lengths[same]
        if len(found):  # compare every code point of each hit with the stored token's
            ranks = _ranges(lengths)
            here = batch.points[np.repeat(batch.offsets[found], lengths) + ranks]
            ours = self._points[np.repeat(self._start[stored], lengths) + ranks]
            equal = np.logical_and.reduceat(here == ours, np.cumsum(lengths) - lengths)
            entry[found[~equal]] = -1
        if self._overflow:
            missing = np.flatnonzero(entry < 0)
            entry[missing] = [self._overflow.get(s, -1) for s in batch.strings(missing)]
        return entry

    def add(self, tokens: list[str]) -> None:
        """Give ``tokens`` (distinct, none added before, each one token as the splitter
        sees it) the next entry numbers."""
        batch = self._splitter.split(tokens)
        if len(batch) != len(tokens) or (batch.doc != np.arange(len(tokens))).any():
            raise ValueError("TokenIndex.add takes single tokens (no separator inside)")
        self.add_found(batch, np.arange(len(tokens)))

    def add_found(self, batch: Batch, tokens: NDArray[np.intp]) -> None:
        """Give the batch's tokens numbered ``tokens`` (distinct, none added before) the
        next entry numbers, in that order, without splitting them again."""
        if not len(tokens):
            return
        lengths = batch.lengths[tokens]
        hashes = batch.hashes[tokens]
        numbers = np.arange(self.size, self.size + len(tokens), dtype=np.intp)
        self._start = append_grown(self._start, self.size,
                                   self.n_points + np.cumsum(lengths) - lengths)
        self._length = append_grown(self._length, self.size, lengths)
        points = batch.points[np.repeat(batch.offsets[tokens], lengths) + _ranges(lengths)]
        self._points = append_grown(self._points, self.n_points, points)
        self.n_points += len(points)
        self.size += len(tokens)
        # A hash another token already holds (or two new tokens share) is a collision:
        # the later token is kept by its string instead.
        fresh = np.zeros(len(tokens), dtype=bool)
        fresh[np.unique(hashes, return_index=True)[1]] = True
        fresh &= self._table.get(hashes) < 0
        self._table.insert(hashes[fresh], numbers[fresh])
        collided = np.flatnonzero(~fresh)
        for token, number in zip(batch.strings(tokens[collided]), numbers[collided].tolist(),
                                 strict=True):
            self._overflow[token] = number


def _ranges(lengths: NDArray[np.intp]) -> NDArray[np.intp]:
    """0..n-1 for every n in ``lengths``, concatenated."""
    ends = np.cumsum(lengths)
    return np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.intp) - np.repeat(
        ends - lengths, lengths)


def append_grown(buffer: NDArray[Any], used: int, values: NDArray[Any]) -> NDArray[Any]:
    """``values`` written after the first ``used`` items of ``buffer``, which doubles in
    size when full (appending to a large table does not copy it every batch)."""
    need = used + len(values)
    if need > len(buffer):
        grown = np.empty(max(need, 2 * len(buffer), 1024), dtype=buffer.dtype)
        grown[:used] = buffer[:used]
        buffer = grown
    buffer[used:need] = values
    return buffer
