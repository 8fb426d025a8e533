"""Sejuk: election misinformation and unrest watch for Intelkam analysts.

The core package holds what feeds, classifiers and the dashboard share: settings,
storage, regions, TPS vulnerability and the CLI. Nothing here opens a database or
reads configuration at import time; callers build a :class:`~sejuk.workspace.Workspace`
and pass it (or its session) down.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
