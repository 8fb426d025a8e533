"""``python -m benchmarks.adaptation [--data DIR] [--ks ...] [--seeds N] [--json]``."""

from __future__ import annotations

from benchmarks.adaptation.bench import main

raise SystemExit(main())
