"""The label queue in a one-regency workspace: every item read "wilayah 32.09" (its
diversity key, the kabupaten) and the region penalty fell on every tagged item alike."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from typer.testing import CliRunner

from classifiers.dataset import read_labelled_csv
from classifiers.workflow import classify_pending, train_from_set
from sejuk.cli import app
from sejuk.db.models import Item, ItemRegion
from sejuk.regions.gazetteer import children_index, describe
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

DATA = Path(__file__).parent.parent / "data"
runner = CliRunner()
TEXTS = ["katanya surat suara sudah dicoblos di gudang kecamatan",
         "warga diajak kumpul di balai desa bahas hasil TPS",
         "kabar KPU undur jadwal coblosan, benarkah?",
         "ayo kepung kantor panwascam besok pagi",
         "ada bagi-bagi amplop di dekat TPS tadi malam",
         "kotak suara dibawa pulang ketua KPPS katanya"]


def _tagged(workspace: Workspace, kabupaten: str) -> tuple[list[int], list[str]]:
    """Six items of ``kabupaten``, tagged with it and one of three kecamatan; the first
    also with a desa (its most specific place)."""
    kecamatan = children_index()[kabupaten][:3]
    desa = children_index()[kecamatan[0]][1]
    ids = []
    with workspace.session() as session:
        for n, text in enumerate(TEXTS):
            item = Item(title="", text=text, published_at=utc_now(),
                        content_hash=hashlib.sha256(text.encode()).hexdigest())
            session.add(item)
            session.flush()
            ids.append(item.id)
            tags = [(kabupaten, "kabkota"), (kecamatan[n % 3], "kecamatan")]
            tags += [(desa, "desa")] if n == 0 else []
            session.add_all(ItemRegion(item_id=item.id, region_code=code, level=level)
                            for code, level in tags)
    return ids, [desa, *kecamatan]


def test_queue_names_the_most_specific_place_and_spreads_over_kecamatan(
        workspace: Workspace) -> None:
    train_from_set(workspace, read_labelled_csv(DATA / "labelled_small.csv",
                                                ("hoaks", "provokasi")))
    ids, (desa, *kecamatan) = _tagged(workspace, "32.09")
    classify_pending(workspace)
    home = str(workspace.home)
    rows = json.loads(runner.invoke(app, ["label-queue", "--home", home, "--json"]).stdout)
    by_id = {r["item_id"]: r for r in rows}
    assert set(ids) <= set(by_id)
    assert by_id[ids[0]]["place_code"] == desa
    assert {by_id[i]["place_code"] for i in ids[1:]} == set(kecamatan)
    # one regency: diversity goes one level down, to the kecamatan
    assert {by_id[i]["region_code"] for i in ids} == set(kecamatan)
    text = runner.invoke(app, ["label-queue", "--home", home]).stdout
    line = next(x for x in text.splitlines() if x.startswith(f"item {ids[0]} "))
    assert line.endswith(f"wilayah {describe(desa)}")
    assert "wilayah 32.09" not in text
