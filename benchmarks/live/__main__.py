"""``python -m benchmarks.live [--data DIR] [--ks ...] [--seeds N] [--prevalence P] [--json]``."""

from __future__ import annotations

from benchmarks.live.bench import main

raise SystemExit(main())
