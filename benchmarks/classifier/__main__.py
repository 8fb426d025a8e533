"""``python -m benchmarks.classifier [--data DIR] [--limit N] [--json]``."""

from __future__ import annotations

from benchmarks.classifier.bench import main

raise SystemExit(main())
