"""The gazetteer: every province and kab/kota present with its code, police names resolved."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.errors import NotFound
from sejuk.regions.gazetteer import children_index, gazetteer_index, level_of, load_gazetteer
from sejuk.regions.jurisdictions import (
    resolve_kabkota,
)
from sejuk.workspace import Workspace
from tests.places import small_roster

runner = CliRunner()


def test_every_province_and_kabkota_is_present_with_its_code() -> None:
    places = load_gazetteer()
    levels = {lv: [p for p in places if p.level == lv] for lv in ("provinsi", "kabkota")}
    assert len(levels["provinsi"]) == 38
    assert len(levels["kabkota"]) == 514
    index = gazetteer_index()
    for code, name in [("32", "Jawa Barat"), ("32.09", "Kabupaten Cirebon"),
                       ("32.74", "Kota Cirebon"), ("94", "Papua Tengah"),
                       ("31.71", "Kota Administrasi Jakarta Pusat")]:
        assert index[code].name == name
    for kab in levels["kabkota"]:
        assert kab.parent in index and children_index()[kab.code], kab


def test_police_names_resolve_to_kabkota() -> None:
    assert resolve_kabkota("Polresta Cirebon") == "32.09"
    assert resolve_kabkota("Polres Cirebon Kota") == "32.74"
    assert resolve_kabkota("Polres Kota Cirebon") == "32.74"
    assert resolve_kabkota("Polrestabes Bandung") == "32.73"
    assert resolve_kabkota("Polres Metro Jakarta Pusat") == "31.71"
    assert resolve_kabkota("Kab. Kuningan") == "32.08"
    assert resolve_kabkota("Polres Atlantis") is None


def test_positions_from_tps_else_the_shipped_centroids(workspace: Workspace) -> None:
    small_roster(workspace)
    result = runner.invoke(app, ["regions", "positions", "--home", str(workspace.home)])
    data = {p["code"]: p for p in json.loads(result.stdout)}
    assert data["32.09.15"] == {"code": "32.09.15", "name": "Sumber", "lat": -6.76,
                                "lon": 108.48, "tps": 12, "source": "tps"}
    assert len(data) == 7285  # every kecamatan has a position, TPS or not
    plumbon = data["32.09.18"]
    assert plumbon["source"] == "boundary" and plumbon["tps"] == 0
    assert -6.9 < plumbon["lat"] < -6.6 and 108.3 < plumbon["lon"] < 108.6


def test_an_unknown_level_or_code_is_refused_in_the_readers_language(
        workspace: Workspace) -> None:
    """'sejuk regions list --level pulau' said it in English on an Indonesian workspace."""
    home = str(workspace.home)
    english = runner.invoke(app, ["--lang", "en", "regions", "list", "--level", "pulau",
                                  "--home", home])
    assert english.exit_code == 1, english.output
    assert english.stderr == ("error: unknown level 'pulau'; use one of provinsi, kabkota, "
                              "kecamatan, desa\n")
    indonesian = runner.invoke(app, ["regions", "list", "--level", "pulau", "--home", home])
    assert indonesian.exit_code == 1, indonesian.output
    assert indonesian.stderr == ("error: tingkat 'pulau' tidak dikenal; gunakan salah satu "
                                 "dari provinsi, kabkota, kecamatan, desa\n")
    # an unknown parent printed nothing and exited 0, as if it had no children
    unknown = runner.invoke(app, ["regions", "list", "--parent", "99", "--home", home])
    assert unknown.exit_code == 1, unknown.output
    assert unknown.stderr == ("error: wilayah '99' tidak ada di gazetir "
                              "(`sejuk regions list`)\n")
    known = runner.invoke(app, ["regions", "list", "--parent", "32.09", "--home", home])
    assert known.exit_code == 0 and "32.09.18" in known.stdout
    with pytest.raises(NotFound) as refused:
        level_of("32.x")
    assert refused.value.in_language("en") == "not a Kemendagri region code: '32.x'"
    assert refused.value.in_language("id") == "bukan kode wilayah Kemendagri: '32.x'"
