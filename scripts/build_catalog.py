"""Build the shipped source catalogue (``feeds/data/catalog.csv`` and ``catalog.json``)
from ``../shared/data/sources/catalog.csv``.

    python scripts/build_catalog.py [--source PATH] [--version 2026.12.1]

Adds what the product needs beside the compiled facts: a stable ``id`` per entry (so a
later release can correct an entry's address and a workspace still knows which source it
is), the ``terms`` under which its items are stored (see ``feeds/terms.py``) and a
polling ``interval`` where the default would be impolite. ``catalog.json`` carries the
catalogue's version and the SHA-256 of the CSV; a test fails when one changes without
the other, so every correction ships as a new version.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "sources" / "catalog.csv"
OUT = ROOT / "feeds" / "data"
COLUMNS = ("id", "name", "kind", "province", "url", "confidence", "terms", "interval",
           "notes", "seen_year")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]


def terms_for(kind: str, url: str) -> str:
    """Publisher content is copyrighted: headline, lead and link (``lead``); Google News
    items are discovery signals whose text is only the headline (``title``); official
    announcements and public posts are kept whole (``full``)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "news.google.com":
        return "title"
    if kind in {"news", "factcheck"} or "youtube.com" in host:
        return "lead"
    return "full"


def build(source: Path, version: str) -> tuple[str, dict[str, object]]:
    rows = list(csv.DictReader(source.open(encoding="utf-8")))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    seen: set[str] = set()
    for row in rows:
        ident = slug(row["name"])
        if ident in seen:
            raise SystemExit(f"duplicate id {ident!r} from {row['name']!r}")
        seen.add(ident)
        host = (urlsplit(row["url"]).hostname or "").lower()
        writer.writerow({
            "id": ident, "name": row["name"].strip(), "kind": row["kind"].strip(),
            "province": row["province"].strip(), "url": row["url"].strip(),
            "confidence": row["confidence"].strip(), "terms": terms_for(row["kind"], row["url"]),
            "interval": "60" if host == "news.google.com" else "",
            "notes": row["notes"].strip(), "seen_year": row["seen_year"].strip(),
        })
    text = out.getvalue()
    meta = {"version": version, "entries": len(rows),
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "built_from": "shared/data/sources/catalog.csv (compiled for Sejuk from public "
                          "feed lists, aggregators and scrapers; none fetched)"}
    return text, meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--version", required=True,
                        help="new catalogue version, e.g. 2026.12.1 (year.month.n)")
    args = parser.parse_args(argv)
    text, meta = build(args.source, args.version)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "catalog.csv").write_text(text, encoding="utf-8")
    (OUT / "catalog.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"catalogue {meta['version']}: {meta['entries']} entries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
