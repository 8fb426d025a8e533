"""Cooling-system outreach: where to hold dialogues, with whom, about what, and after.

- :mod:`~sejuk.outreach.recommend` — pure ranking, leader suggestion and talking-point rules
- :mod:`~sejuk.outreach.gather` — reads the database into those rules' inputs
- :mod:`~sejuk.outreach.plan` — scheduling, the dialogue log and the follow-up lifecycle
- :mod:`~sejuk.outreach.effect` — flagged items per day before and after each dialogue
- :mod:`~sejuk.outreach.printable` — one kecamatan's plan as HTML and PDF

The leader registry itself is :mod:`sejuk.outreach.leaders`.
"""

from __future__ import annotations

from sejuk.outreach.effect import Effect, dialogue_effects
from sejuk.outreach.gather import Plan, plan_recommendations
from sejuk.outreach.plan import (
    DialogueView,
    FollowUpView,
    add_follow_up,
    cancel_dialogue,
    complete_follow_up,
    follow_ups,
    get_dialogue,
    list_dialogues,
    overdue_follow_ups,
    record_outcome,
    schedule_dialogue,
)
from sejuk.outreach.recommend import Recommendation

__all__ = [
    "DialogueView",
    "Effect",
    "FollowUpView",
    "Plan",
    "Recommendation",
    "add_follow_up",
    "cancel_dialogue",
    "complete_follow_up",
    "dialogue_effects",
    "follow_ups",
    "get_dialogue",
    "list_dialogues",
    "overdue_follow_ups",
    "plan_recommendations",
    "record_outcome",
    "schedule_dialogue",
]
