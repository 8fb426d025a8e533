"""``python -m benchmarks.dashboard [--small N] [--large N] [--repeat R] [--keep DIR]``."""

from benchmarks.dashboard.bench import main

main()
