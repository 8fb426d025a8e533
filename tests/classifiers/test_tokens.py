"""Batch token splitting and lookup with numpy agree with ``str.split`` and a dict."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifiers.tokens import IntMap, Splitter, TokenIndex

#: Letters, digits, the whitespace str.split() knows (ASCII and Unicode), NUL, emoji,
#: a lone surrogate and an astral letter.
ALPHABET = st.sampled_from(list("ab ab\t\n\x0b\x0c\r\x1c\x1f\x85\xa0\u2000\u2028\u3000"
                                "\x00\u200b\U0001f600\ud800\U0001d400é1"))
TEXTS = st.lists(st.text(ALPHABET, max_size=12), max_size=6)


@given(TEXTS)
@settings(max_examples=300, deadline=None)
def test_split_is_str_split(texts: list[str]) -> None:
    batch = Splitter().split(texts)
    expected = [(doc, token) for doc, text in enumerate(texts) for token in text.split()]
    assert list(zip(batch.doc.tolist(), batch.strings(np.arange(len(batch))),
                    strict=True)) == expected


@given(TEXTS, TEXTS)
@settings(max_examples=200, deadline=None)
def test_index_finds_exactly_the_added_tokens(first: list[str], second: list[str]) -> None:
    """A base of 1 makes the hash a sum of code points: anagrams ("ab", "ba") collide,
    so the verification and the overflow path are exercised, not only the happy path."""
    for base in (1, None):
        splitter = Splitter(base)
        index = TokenIndex(splitter)
        reference: dict[str, int] = {}
        for texts in (first, second):
            batch = splitter.split(texts)
            tokens = batch.strings(np.arange(len(batch)))
            assert index.find(batch).tolist() == [reference.get(t, -1) for t in tokens]
            new = [t for t in dict.fromkeys(tokens) if t not in reference]
            index.add(new)
            for token in new:
                reference[token] = len(reference)
            assert index.find(batch).tolist() == [reference[t] for t in tokens]


def test_colliding_tokens_are_told_apart() -> None:
    splitter = Splitter(1)
    index = TokenIndex(splitter)
    index.add(["ab", "ba", "abc"])
    found = index.find(splitter.split(["ba ab cba abc ab"]))
    assert found.tolist() == [1, 0, -1, 2, 0]


def test_int_map_grows_and_keeps_every_key() -> None:
    table = IntMap()
    keys = np.random.default_rng(7).choice(2 ** 62, size=5000, replace=False).astype(np.uint64)
    for part in np.array_split(np.arange(5000), 10):
        table.insert(keys[part], part)
    assert table.get(keys).tolist() == list(range(5000))
    assert (table.get(keys + np.uint64(2 ** 62)) == -1).all()


def test_add_refuses_what_is_not_one_token() -> None:
    index = TokenIndex(Splitter())
    with pytest.raises(ValueError, match="single tokens"):
        index.add(["two words"])
