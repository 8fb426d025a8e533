"""The ranking behind the label queue: uncertain items alternate with random draws."""

from __future__ import annotations

from classifiers.active import Candidate, rank_for_labelling


def _cut(_label: str) -> float:
    return 0.5


def test_places_alternate_between_uncertain_and_drawn_items() -> None:
    candidates = [Candidate(i, {"hoaks": 0.5 + i / 1000}) for i in range(100)]
    picks = rank_for_labelling(candidates, 10, _cut)
    assert [p.why for p in picks] == ["uncertain", "sample"] * 5
    uncertain = [p.key for p in picks if p.why == "uncertain"]
    assert uncertain == [0, 1, 2, 3, 4], "closest to the threshold first"
    assert len({p.key for p in picks}) == 10
    assert rank_for_labelling(candidates, 10, _cut) == picks, "stable across page loads"


def test_the_random_draw_takes_one_item_per_narrative_first() -> None:
    copies = [Candidate(i, {"hoaks": 0.99}, group=1) for i in range(50)]
    others = [Candidate(100 + i, {"hoaks": 0.99}, group=10 + i) for i in range(3)]
    picks = rank_for_labelling(copies + others, 6, _cut, explore=1.0)
    groups = [p.group for p in picks]
    assert groups[:4].count(1) == 1, "a viral narrative's copies do not fill the draw"
    assert len(picks) == 6


def test_no_exploration_is_pure_uncertainty() -> None:
    candidates = [Candidate(i, {"hoaks": 0.5 + i / 1000}) for i in range(20)]
    picks = rank_for_labelling(candidates, 4, _cut, explore=0.0)
    assert [p.key for p in picks] == [0, 1, 2, 3]
    assert rank_for_labelling(candidates[:3], 10, _cut) and \
        len(rank_for_labelling(candidates[:3], 10, _cut)) == 3
