"""Feed collection: fetch, parse, normalise, deduplicate and store.

The public surface is small; the work is in the modules named after their one job.
"""

from __future__ import annotations

from feeds.collect import CollectReport, SourceOutcome, collect
from feeds.fetch import FetchResult, fetch, make_client
from feeds.parse import FeedEntry, ParsedFeed, parse_feed
from feeds.sources import SOURCE_KINDS, add_source, source_health

__all__ = [
    "SOURCE_KINDS",
    "CollectReport",
    "FeedEntry",
    "FetchResult",
    "ParsedFeed",
    "SourceOutcome",
    "add_source",
    "collect",
    "fetch",
    "make_client",
    "parse_feed",
    "source_health",
]
