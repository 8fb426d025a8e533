"""Benchmarks: run as modules, e.g. ``python -m benchmarks.workload``; see README.md."""
