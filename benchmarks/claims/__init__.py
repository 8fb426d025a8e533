"""Claim matching on forwards built from real tweets (see bench.py and README.md)."""
