"""``python -m benchmarks.claims [--data DIR] [--ablations] [--semantic] [--json]``."""

from __future__ import annotations

from benchmarks.claims.bench import main

raise SystemExit(main())
