"""Ingest benchmark: our collection pipeline against raw ``feedparser.parse``."""
