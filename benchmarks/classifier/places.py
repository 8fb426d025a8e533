"""Does a place name alone move the flags? And does masking place words stop it?

Sejuk ranks areas by their flagged items, so a model that learned "Probolinggo" or
"Jakarta" as hoax words flags that area's routine news more often than another's, and
its priority rises for a reason no analyst would accept. The *places* section trains
each system on the starter corpus (as the *starter* section does), then scores the
demo's items, once as they are and once under a dateline naming each of 40 kabupaten/kota
drawn from the gazetteer ("TASIKMALAYA, Sejuk – ..."), and reports per system and label
the flag rate under the place that raises it least and most, the spread between them and
how many items are flagged or not depending on the place alone. A model that gave no
weight to places would show a spread of 0.

Sejuk drops every place name its region tagger accepts before the model reads a text
(:func:`classifiers.text.drop_places`). Two optional systems (``--systems``) measure
against it: "Sejuk, place names as words" (nothing dropped, as before 6 Dec 2026) and
"Sejuk, place words masked" (every word of ``place_words.txt``, built by
``place_words.py``, read as ``tempattoken``, including names the tagger does not accept
bare, such as "Kendal" or "Magetan"; nothing dropped, as it was measured).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from benchmarks.corpora import Corpus, Predictor, demo_items, fit_sejuk

PLACE_TOKEN = "tempattoken"
MASKED = "Sejuk, place words masked"
UNMASKED = "Sejuk, place names as words"
_LETTERS = re.compile(r"[A-Za-z]+")


@cache
def place_words() -> frozenset[str]:
    lines = Path(__file__).with_name("place_words.txt").read_text("utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


def mask_place_words(text: str) -> str:
    words = place_words()
    return _LETTERS.sub(lambda m: PLACE_TOKEN if m.group(0).lower() in words else m.group(0),
                        text)


def _fit_with(mask: Callable[[str], str]) -> Callable[..., Predictor]:
    def fit(label: str, texts: Sequence[str], y: NDArray[np.int_],
            local: NDArray[np.bool_] | None = None, local_share: float | None = None,
            **params: object) -> Predictor:
        """Sejuk trained and scored on masked texts (place names not dropped)."""
        fitted = fit_sejuk(label, [mask(t) for t in texts], y, local, local_share,
                           places=None, **params)
        proba = fitted.proba
        assert proba is not None
        return Predictor(lambda batch: fitted.flags([mask(t) for t in batch]),
                         lambda batch: proba([mask(t) for t in batch]), fitted.threshold)
    return fit


fit_masked = _fit_with(mask_place_words)
MASKED_SYSTEMS: dict[str, Callable[..., Predictor]] = {
    MASKED: fit_masked, UNMASKED: partial(fit_sejuk, places=None)}


@dataclass(frozen=True)
class PlaceShift:
    system: str
    label: str
    items: int
    places: int
    #: Flag rate of the items without a dateline.
    undated: float
    lowest: float
    lowest_place: str
    highest: float
    highest_place: str
    #: Items whose flag changes with the place named, of ``items``.
    place_dependent: int

    @property
    def spread(self) -> float:
        return self.highest - self.lowest


def datelines(n: int = 40, seed: int = 7) -> list[str]:
    """``n`` kabupaten/kota names drawn from the whole gazetteer, as a dateline writes them."""
    from sejuk.regions.gazetteer import kabkota_base, load_gazetteer

    places = [p for p in load_gazetteer() if p.level == "kabkota"]
    return [kabkota_base(p.name)[0].upper() for p in random.Random(seed).sample(places, n)]


def place_sensitivity(corpora: Sequence[Corpus], systems: Mapping[str, Callable[..., Any]],
                      train_for: Callable[[Sequence[Corpus], str], tuple[list[str], Any]]
                      ) -> list[PlaceShift]:
    """Every system trained as the starter is, the demo's items under 40 datelines."""
    texts, _ = demo_items()
    places = datelines()
    out = []
    for label in ("hoaks", "provokasi"):
        x, y = train_for(corpora, label)
        for name, fit in systems.items():
            predictor = fit(label, x, y)
            base = predictor.flags(texts)
            rates, dependent = [], np.zeros(len(texts), dtype=bool)
            for place in places:
                flags = predictor.flags([f"{place}, Sejuk – {t}" for t in texts])
                rates.append(float(flags.mean()))
                dependent |= flags != base
            low, high = int(np.argmin(rates)), int(np.argmax(rates))
            out.append(PlaceShift(name, label, len(texts), len(places), float(base.mean()),
                                  rates[low], places[low].title(), rates[high],
                                  places[high].title(), int(dependent.sum())))
    return out


def summarise_places(shifts: Sequence[PlaceShift]) -> list[str]:
    if not shifts:
        return []
    first = shifts[0]
    lines = ["", f"## places (flag rate of the demo's {first.items} items under a dateline "
                 f"naming each of {first.places} kabupaten/kota)",
             f"{'system':<28} {'label':<10} {'no dateline':>11} {'lowest':>30} "
             f"{'highest':>30} {'spread':>7} {'items flagged by place':>23}"]
    for s in shifts:
        lines.append(f"{s.system[:28]:<28} {s.label:<10} {s.undated:>11.3f} "
                     f"{f'{s.lowest:.3f} ({s.lowest_place[:20]})':>30} "
                     f"{f'{s.highest:.3f} ({s.highest_place[:20]})':>30} {s.spread:>7.3f} "
                     f"{f'{s.place_dependent} of {s.items}':>23}")
    return lines


__all__ = ["MASKED", "MASKED_SYSTEMS", "PlaceShift", "mask_place_words", "place_sensitivity",
           "summarise_places"]
