"""Read models for the dashboard, digest and CLI, one module per page.

Every function takes the caller's session and returns plain dataclasses, so Streamlit
pages never touch SQLAlchemy and each query can be tested (and timed) on its own. None of
them loads a whole table: counts are aggregated in the database and lists are paged. What
counts as a signal is decided in :mod:`sejuk.signals`, not here; what the map shows is
:mod:`sejuk.maps.view`.

- :mod:`~sejuk.reads.overview`: flags per label, areas, spikes, volume, freshness
- :mod:`~sejuk.reads.items`: flagged items, why, and analysts' labels
- :mod:`~sejuk.reads.narratives`: near-duplicate narratives and their debunks
- :mod:`~sejuk.reads.trend`: the overview's daily trend per label
- :mod:`~sejuk.reads.tps`: the TPS roster page
- :mod:`~sejuk.reads.admin`: model versions, the audit log, operations
- :mod:`~sejuk.reads.filters`: the choices the pages' filters offer
- :mod:`~sejuk.reads.status`: counts for ``sejuk status`` and the data version caches key on
"""

from __future__ import annotations

from sejuk.reads.admin import ModelRow, OperationRow, audit_page, model_versions, operations
from sejuk.reads.filters import (
    jurisdiction_codes,
    jurisdiction_names,
    kabkota_choices,
    kecamatan_choices,
    source_kinds,
)
from sejuk.reads.items import (
    TRIAGE_STATES,
    FlaggedItem,
    ItemFilter,
    flagged_items,
    item_labels,
    items_by_id,
    urgent_items,
)
from sejuk.reads.narratives import (
    NarrativeDetail,
    NarrativeRow,
    narrative_detail,
    narratives_page,
    top_narratives,
)
from sejuk.reads.overview import (
    AreaRow,
    AreaSpike,
    DayPicture,
    ItemVolume,
    LabelTrend,
    area_overlay,
    area_spikes,
    day_picture,
    item_volume,
    label_trends,
    overdue_follow_ups,
    source_freshness,
    urgent_count,
)
from sejuk.reads.status import (
    data_version,
    flagged_counts,
    item_count,
    signalled_count,
    workspace_status,
)
from sejuk.reads.tps import TpsRow, tps_page
from sejuk.reads.trend import DayCount, daily_trend

__all__ = [
    "TRIAGE_STATES",
    "AreaRow",
    "AreaSpike",
    "DayCount",
    "DayPicture",
    "FlaggedItem",
    "ItemFilter",
    "ItemVolume",
    "LabelTrend",
    "ModelRow",
    "NarrativeDetail",
    "NarrativeRow",
    "OperationRow",
    "TpsRow",
    "area_overlay",
    "area_spikes",
    "audit_page",
    "daily_trend",
    "data_version",
    "day_picture",
    "flagged_counts",
    "flagged_items",
    "item_count",
    "item_labels",
    "item_volume",
    "items_by_id",
    "jurisdiction_codes",
    "jurisdiction_names",
    "kabkota_choices",
    "kecamatan_choices",
    "label_trends",
    "model_versions",
    "narrative_detail",
    "narratives_page",
    "operations",
    "overdue_follow_ups",
    "signalled_count",
    "source_freshness",
    "source_kinds",
    "top_narratives",
    "tps_page",
    "urgent_count",
    "urgent_items",
    "workspace_status",
]
