"""Classifier benchmark: Sejuk's pipeline against plain baselines on real corpora."""
