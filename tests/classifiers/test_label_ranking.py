"""The ranking behind the label queue: uncertain items alternate with random draws."""

from __future__ import annotations

import math

from classifiers.active import Candidate, cue_votes, rank_for_labelling


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


def test_a_queue_ranked_afresh_after_each_label_continues_the_alternations() -> None:
    """The labelling page shows the first item of a queue ranked again after each label:
    the ``turn`` (items labelled so far) decides whose place comes first, so one item at
    a time the analyst still sees the random share, and in the cold start every stratum."""
    candidates = [Candidate(i, {"hoaks": 0.5 + i / 1000}) for i in range(100)]
    firsts = [rank_for_labelling(candidates, 10, _cut, turn=turn)[0].why
              for turn in range(4)]
    assert firsts == ["uncertain", "sample", "uncertain", "sample"]
    voted = [Candidate(i, {"hoaks": 0.3}, cues={"hoaks": (1, -1, 0)[i % 3]})
             for i in range(30)]
    strata = [rank_for_labelling(voted, 9, _cut, ranked=frozenset(), turn=turn)[0].key % 3
              for turn in range(6)]
    assert strata == [0, 1, 2, 0, 1, 2], "for, against, neither, one item at a time"


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


def test_a_cold_queue_draws_in_turn_from_what_the_cue_words_vote_for_against_and_neither(
        ) -> None:
    """Cold, a random draw of a stream holds few of a rare class: the draw takes turns
    between the items a lexicon votes for (proposed for that label), against every label
    it votes on, and the rest; warm, the votes change nothing."""
    def candidate(i: int) -> Candidate:
        votes = ({"hoaks": 0, "provokasi": 1} if i % 10 == 0 else
                 {"hoaks": 0, "provokasi": -1} if i % 10 == 1 else {"provokasi": 0})
        return Candidate(i, {"hoaks": 0.3, "provokasi": 0.2}, cues=votes)

    candidates = [candidate(i) for i in range(60)]
    cold = rank_for_labelling(candidates, 9, _cut, ranked=frozenset())
    assert [min(p.key % 10, 2) for p in cold] == [0, 1, 2] * 3, \
        "for, against, the rest, in turn"
    assert [(p.why, p.label) for p in cold if p.key % 10 == 0] == [("cue", "provokasi")] * 3
    assert {p.why for p in cold if p.key % 10 != 0} == {"sample"}
    plain = [Candidate(c.key, c.proba) for c in candidates]
    assert [p.key for p in rank_for_labelling(candidates, 9, _cut)] == \
        [p.key for p in rank_for_labelling(plain, 9, _cut)], "warm: votes rank nothing"


def test_an_item_both_lexicons_vote_for_is_proposed_for_the_label_it_matches_most() -> None:
    threat = "Waspada! Besok kita kepung kantor KPPS, kami tau rumah kalian"
    votes = cue_votes(threat, ["hoaks", "provokasi", "gosip"])
    assert votes == {"provokasi": 1, "hoaks": 1} and next(iter(votes)) == "provokasi", \
        "a warning (hoaks) against a call to a mass, a threat and an official (provokasi)"
    cold = rank_for_labelling([Candidate(1, {"hoaks": 0.2, "provokasi": 0.4}, cues=votes)], 1,
                              _cut, ranked=frozenset())
    assert (cold[0].label, cold[0].why) == ("provokasi", "cue")
    assert cold[0].distance == abs(math.log(0.4 / 0.6)), "the distance of the label proposed"
