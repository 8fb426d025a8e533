"""What counts as a signal, decided once.

The model version in service, which items are signalled (flagged by it, or repeating a
debunked claim), how many per area and local day and when that is a spike, which region
codes an area holds and which links may be clicked. Every reader (overview, item list,
map, digest, priorities, outreach, export, status) asks here, so two screens cannot
disagree. A leaf of the core: it imports only the database models, the gazetteer
helpers, time utilities and errors, so any other module may import it.
"""

from __future__ import annotations

from sejuk.signals.areas import (
    LEVEL_WIDTH,
    area_column,
    area_of,
    in_prefixes,
    overlaps,
    prefix_filter,
    within,
)
from sejuk.signals.flags import (
    CLAIM_LABEL,
    best_claim_links,
    claim_only_clause,
    claims_count,
    signal_labels,
    signalled_clause,
)
from sejuk.signals.model import active_version, active_version_id
from sejuk.signals.spikes import (
    RULE,
    DayTest,
    SpikeRule,
    area_day_counts,
    spike_tests,
    spikes,
    test_day,
)
from sejuk.signals.urls import safe_url

__all__ = [
    "CLAIM_LABEL",
    "LEVEL_WIDTH",
    "RULE",
    "DayTest",
    "SpikeRule",
    "active_version",
    "active_version_id",
    "area_column",
    "area_day_counts",
    "area_of",
    "best_claim_links",
    "claim_only_clause",
    "claims_count",
    "in_prefixes",
    "overlaps",
    "prefix_filter",
    "safe_url",
    "signal_labels",
    "signalled_clause",
    "spike_tests",
    "spikes",
    "test_day",
    "within",
]
