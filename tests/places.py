"""Places several test modules build: a small roster, a regency split in two."""

from __future__ import annotations

import json
from pathlib import Path

from sejuk.regions.gazetteer import children_index
from sejuk.tps.roster import (
    Level,
    TpsRow,
    store_roster,
)
from sejuk.workspace import Workspace


def version_file(home: Path, version: int, suffix: str) -> Path:
    """A version's estimator (``.skops``), card (``.json``) or report (``.html``): its name
    holds a random token (``model-vN-TOKEN``)."""
    folder = home / ("reports" if suffix == ".html" else "models")
    (path,) = folder.glob(f"model-v{version}-*{suffix}")
    return path


def split_regency_file(tmp_path: Path) -> Path:
    desa = children_index()["32.09.15"][:3]
    path = tmp_path / "j.toml"
    path.write_text(f'''
[[jurisdiction]]
name = "Polresta Cirebon"
kind = "polres"
areas = ["32.09"]
exclude = {json.dumps(list(desa))}
[jurisdiction.personnel]
rawan = "2:1"

[[jurisdiction]]
name = "Polres Cirebon Kota"
kind = "polres"
areas = ["32.74", {", ".join(json.dumps(d) for d in desa)}]
''', encoding="utf-8")
    return path


def small_roster(workspace: Workspace) -> None:
    desa = children_index()["32.09.15"]
    rows = [TpsRow(desa[i % 4], i + 1, 200, -6.76, 108.48, None,
                   Level(1 + i % 3), {}) for i in range(12)]
    with workspace.session() as s:
        store_roster(s, rows, workspace.settings.tps)
