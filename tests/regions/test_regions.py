"""Gazetteer coverage, tagging quality, jurisdictions, TPS personnel and priorities."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.db.models import AuditEntry, Item, ItemRegion, ModelVersion, Prediction, Tps
from sejuk.errors import InputError, NotFound
from sejuk.jurisdiction_files import import_jurisdictions
from sejuk.jurisdictions import (
    jurisdiction_areas,
    minimal_cover,
    resolve_kabkota,
    subtract,
)
from sejuk.personnel import Rule, desa_need, parse_ratio, summarise
from sejuk.priorities import (
    AreaPriority,
    PriorityParams,
    compute_priorities,
    rebuild_rollup,
    refresh_rollup,
    score_area,
)
from sejuk.regions import children_index, gazetteer_index, load_gazetteer
from sejuk.settings import TpsSettings
from sejuk.signals import test_day
from sejuk.tagger import default_tagger, evaluate
from sejuk.timeutil import local_today
from sejuk.tps import (
    INDICATORS,
    SPECIAL_KINDS,
    Level,
    TpsRow,
    computed_level,
    find_tps,
    set_override,
    store_roster,
)
from sejuk.workspace import Workspace

DATA = Path(__file__).parent.parent / "data" / "tagging"
runner = CliRunner()


# -- gazetteer ----------------------------------------------------------------------------
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


# -- tagging ------------------------------------------------------------------------------
def _cases(name: str) -> list[tuple[str, str | None, list[str]]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return [(r["text"], r["source_region"] or None,
                 [c for c in r["expected"].split(";") if c]) for r in csv.DictReader(f)]


@pytest.mark.parametrize("name", ["sentences.csv", "heldout.csv"])
def test_tagging_set_meets_targets(name: str) -> None:
    cases = _cases(name)
    assert len(cases) >= (150 if name == "sentences.csv" else 40)
    scores = evaluate(default_tagger(), cases)
    assert scores["kabkota"].precision >= 0.95
    assert scores["kabkota"].recall >= 0.80
    assert scores["kecamatan"].precision >= 0.95


@pytest.mark.parametrize(("text", "source", "expected"), [
    ("Ricuh di Cirebon", None, ["32"]),
    ("Ricuh di Cirebon", "32.74", ["32.74"]),
    ("Di Cirebon, warga Kecamatan Sumber resah", None, ["32.09.15"]),
    ("Polres Cirebon Kota siaga", None, ["32.74"]),
    ("Warga Kapetakan berdoa", "32.09", ["32.09.22"]),
    ("Tidak ada tempat disebut di sini", None, []),
])
def test_tagging_examples(text: str, source: str | None, expected: list[str]) -> None:
    assert [t.code for t in default_tagger().tag(text, source)] == expected


def test_tag_file_prints_one_json_object_per_line(tmp_path: Path) -> None:
    f = tmp_path / "in.txt"
    f.write_text("Kecamatan Weru Kabupaten Cirebon\nTanpa tempat\n", encoding="utf-8")
    result = runner.invoke(app, ["regions", "tag", "--file", str(f), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert lines[0]["codes"] == ["32.09.19"] and lines[0]["level"] == "kecamatan"
    assert lines[0]["evidence"] and lines[1]["codes"] == []


# -- jurisdictions ------------------------------------------------------------------------
def test_minimal_cover_and_subtract() -> None:
    kec = children_index()["32.09"]
    assert minimal_cover(kec) == ["32.09"]
    desa = children_index()["32.09.15"]
    rest = subtract(["32.09"], desa[:2])
    assert "32.09" not in rest and "32.09.15" not in rest
    assert set(desa[2:]) <= set(rest)
    assert minimal_cover([*rest, *desa[:2]]) == ["32.09"]


def test_defaults_and_ambiguous_polsek(workspace: Workspace) -> None:
    with workspace.session() as s:
        assert jurisdiction_areas(s, "Polda Jawa Barat") == ["32"]
        assert jurisdiction_areas(s, "Polresta Cirebon") == ["32.09"]
        assert jurisdiction_areas(s, "Polsek Sumber, Cirebon") == ["32.09.15"]
        with pytest.raises(NotFound, match="ambiguous"):
            jurisdiction_areas(s, "Polsek Sumber")
        with pytest.raises(NotFound, match="unknown jurisdiction"):
            jurisdiction_areas(s, "Polres Atlantis")


def _split_file(tmp_path: Path) -> Path:
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


def test_override_file_splits_a_regency(workspace: Workspace, tmp_path: Path) -> None:
    path = _split_file(tmp_path)
    with workspace.session() as s:
        assert import_jurisdictions(s, path, actor="analis") == ["Polresta Cirebon",
                                                                "Polres Cirebon Kota"]
    desa = children_index()["32.09.15"][:3]
    with workspace.session() as s:
        city = jurisdiction_areas(s, "polres cirebon kota")
        assert set(city) == {"32.74", *desa}
        regency = jurisdiction_areas(s, "Polresta Cirebon")
        assert not set(regency) & set(city)
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "jurisdictions.import"))


@pytest.mark.parametrize(("content", "message"), [
    ('[[jurisdiction]]\nname = "X"\nkind = "polres"\nareas = ["99.99"]\n', "unknown region"),
    ('[[jurisdiction]]\nname = "X"\nkind = "koramil"\nareas = ["32.09"]\n', "kind must be"),
    ('[[jurisdiction]]\nname = "X"\nkind = "polres"\nareas = ["32.09"]\n'
     '[jurisdiction.personnel]\nrawan = "dua"\n', "personnel"),
    ('[[jurisdiction]]\nname = "A"\nkind = "polres"\nareas = ["32.09"]\n'
     '[[jurisdiction]]\nname = "B"\nkind = "polres"\nareas = ["32.09.15"]\n', "overlapping"),
    ("not toml [", "not valid TOML"),
])
def test_bad_jurisdiction_files_import_nothing(workspace: Workspace, tmp_path: Path,
                                               content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message), workspace.session() as s:
        import_jurisdictions(s, path)
    result = runner.invoke(app, ["jurisdictions", "list", "--home", str(workspace.home),
                                 "--json"])
    assert json.loads(result.stdout) == []


def test_csv_jurisdictions_with_row_numbers(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "j.csv"
    path.write_text("name,kind,region_code,exclude\nPolres A,polres,32.09,0\n"
                    "Polres A,polres,32.09.15,1\nPolres B,polres,77.77,0\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 4"), workspace.session() as s:
        import_jurisdictions(s, path)


# -- TPS, overrides and personnel ---------------------------------------------------------
@given(st.sets(st.sampled_from(INDICATORS)), st.sampled_from(INDICATORS))
def test_adding_an_indicator_never_lowers_the_level(active: set[str], extra: str) -> None:
    tps = TpsSettings()
    before = computed_level(dict.fromkeys(active, 1), tps)
    after = computed_level(dict.fromkeys(active | {extra}, 1), tps)
    assert after >= before


def test_personnel_rule_pools_per_desa_and_special_minimum() -> None:
    rule = Rule()
    need = desa_need([(1, None)] * 3 + [(2, None), (3, None), (1, "lapas")], rule)
    # ceil(3*2/5)=2 + 1 + 2, plus a special TPS at least 2
    assert need.police == 7 and need.special == 1
    assert need.tps == {"Kurang Rawan": 4, "Rawan": 1, "Sangat Rawan": 1}
    assert str(parse_ratio("2-4-8")) == "2:4:8"
    with pytest.raises(ValueError, match="at least 1"):
        parse_ratio("0:5")


@pytest.mark.parametrize("kind", sorted(SPECIAL_KINDS))
def test_every_special_kind_the_roster_accepts_gets_its_own_guard(kind: str) -> None:
    need = desa_need([(1, kind)], Rule())
    assert need.special == 1 and need.police == Rule().special_min


def _roster(workspace: Workspace) -> None:
    desa = children_index()["32.09.15"]
    rows = [TpsRow(desa[i % 4], i + 1, 200, -6.76, 108.48, None,
                   Level(1 + i % 3), {}) for i in range(12)]
    with workspace.session() as s:
        store_roster(s, rows, workspace.settings.tps)


def test_override_is_audited_and_summary_uses_jurisdiction_rule(
        workspace: Workspace, tmp_path: Path) -> None:
    _roster(workspace)
    desa = children_index()["32.09.15"]
    with workspace.session() as s:
        tps = find_tps(s, desa[0], 1)
        with pytest.raises(InputError, match="reason"):
            set_override(s, tps, "Sangat Rawan", reason=" ", actor="a")
        set_override(s, tps, "Sangat Rawan", reason="posko dekat TPS", actor="analis")
        assert tps.level == 3
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "tps.override"))
        assert entry is not None and entry.actor == "analis"
    result = runner.invoke(app, ["tps", "summary", "--home", str(workspace.home), "--json"])
    data = json.loads(result.stdout)
    assert data["total_tps"] == 12 and data["tps"]["Sangat Rawan"] == 5
    assert data["police"] > 0 and data["kecamatan"][0]["code"] == "32.09.15"
    with workspace.session() as s:
        import_jurisdictions(s, _split_file(tmp_path))
        polresta = summarise(s, "Polresta Cirebon")
        assert polresta.rule.ratios[Level.RAWAN] == parse_ratio("2:1")


def test_tps_override_cli(workspace: Workspace) -> None:
    _roster(workspace)
    desa = children_index()["32.09.15"][0]
    home = str(workspace.home)
    result = runner.invoke(app, ["tps", "override", desa, "1", "--level", "Rawan", "--home",
                                 home])
    assert result.exit_code == 1 and "reason" in result.stderr
    result = runner.invoke(app, ["tps", "override", desa, "1", "--level", "Rawan",
                                 "--reason", "cek lapangan", "--home", home])
    assert result.exit_code == 0 and "Rawan" in result.stdout


# -- priorities ---------------------------------------------------------------------------
def _signals(workspace: Workspace, day: date, flagged_today: int, code: str = "32.09.15.2001"
             ) -> None:
    with workspace.session() as s:
        version = ModelVersion(path="x", sha256="0", labels=["hoaks"], status="active")
        s.add(version)
        s.flush()
        ids = []
        when = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=3)
        for n in range(flagged_today + 10):
            # 10 items spread over the baseline, then today's flagged ones
            at = when - timedelta(days=2 + n) if n < 10 else when
            item = Item(url=f"https://x.example/{n}", title="t", text="t", published_at=at,
                        content_hash=str(n))
            s.add(item)
            s.flush()
            s.add(ItemRegion(item_id=item.id, region_code=code, level="desa"))
            s.add(Prediction(item_id=item.id, model_version_id=version.id, label="hoaks",
                             probability=0.9, flagged=n >= 10 or n % 3 == 0))
            ids.append(item.id)
        s.flush()
        refresh_rollup(s, version.id, ids)


def test_priorities_rank_signal_with_components(workspace: Workspace) -> None:
    _roster(workspace)
    day = date(2026, 11, 20)
    _signals(workspace, day, 6)
    with workspace.session() as s:
        rows = compute_priorities(s, workspace.settings, day=day)
        top = rows[0]
        assert top.code == "32.09.15" and top.flagged == 6 and top.spike
        assert top.tps_total == 12 and 0 < top.vulnerability <= 1
        assert top.score == pytest.approx((top.signal_part + top.spike_part)
                                          * top.vulnerability_factor, abs=1e-3)
        assert len(top.top_items) == 5
        assert compute_priorities(s, workspace.settings, day=day,
                                  jurisdiction="Polres Cirebon Kota") == []
        kab = compute_priorities(s, workspace.settings, day=day, level="kabkota")
        assert kab[0].code == "32.09" and kab[0].flagged == 6
        version_id = s.scalar(select(ModelVersion.id))
        before = rows[0].as_dict()
        rebuild_rollup(s, version_id)
        assert compute_priorities(s, workspace.settings, day=day)[0].as_dict() == before
    result = runner.invoke(app, ["priorities", "--home", str(workspace.home), "--date",
                                 day.isoformat(), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["code"] == "32.09.15"
    result = runner.invoke(app, ["priorities", "--home", str(workspace.home), "--date",
                                 day.isoformat(), "--explain", "--jurisdiction",
                                 "Polsek Sumber, Cirebon"])
    assert result.exit_code == 0, result.output
    assert "Sumber" in result.stdout and "LONJAKAN" in result.stdout


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 200), st.integers(1, 50), st.floats(0.1, 50.0),
       st.floats(0, 1), st.lists(st.integers(0, 20), max_size=28))
def test_priority_rises_with_flagged_volume(flagged: int, more: int, weight: float,
                                            vuln: float, history: list[int]) -> None:
    def score(n: int, w: float) -> float:
        area = AreaPriority("1", "x", "kecamatan", flagged=n, weighted=w, vulnerability=vuln)
        tests = [test_day(date(2026, 11, 20), n, history)]
        return score_area(area, tests, PriorityParams()).score

    per_item = weight / max(flagged, 1)
    assert score(flagged + more, weight + per_item * more) > score(flagged, weight)


def test_bad_priority_arguments(workspace: Workspace) -> None:
    with workspace.session() as s, pytest.raises(InputError):
        compute_priorities(s, workspace.settings, day=local_today(workspace.settings.timezone),
                           level="pulau")
    result = runner.invoke(app, ["priorities", "--home", str(workspace.home), "--date", "x"])
    assert result.exit_code == 1


def test_positions_from_tps_else_the_shipped_centroids(workspace: Workspace) -> None:
    _roster(workspace)
    result = runner.invoke(app, ["regions", "positions", "--home", str(workspace.home)])
    data = {p["code"]: p for p in json.loads(result.stdout)}
    assert data["32.09.15"] == {"code": "32.09.15", "name": "Sumber", "lat": -6.76,
                                "lon": 108.48, "tps": 12, "source": "tps"}
    assert len(data) == 7285  # every kecamatan has a position, TPS or not
    plumbon = data["32.09.18"]
    assert plumbon["source"] == "boundary" and plumbon["tps"] == 0
    assert -6.9 < plumbon["lat"] < -6.6 and 108.3 < plumbon["lon"] < 108.6


# -- TPS roster import --------------------------------------------------------------------
def _write_roster(tmp_path: Path, *rows: str) -> Path:
    from sejuk.tps import template_csv

    header = template_csv().splitlines()[0]
    path = tmp_path / "roster.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _row(kab: str, kec: str, desa: str, number: int, level: str = "", extra: str = "") -> str:
    from sejuk.tps import TEMPLATE_COLUMNS

    values = dict.fromkeys(TEMPLATE_COLUMNS, "0")
    values.update(provinsi="", kabkota=kab, kecamatan=kec, desa=desa, desa_code="",
                  tps_number=str(number), voters="200", lat="", lon="", special_kind=extra,
                  level=level)
    return ",".join(values[c] for c in TEMPLATE_COLUMNS)


def test_roster_names_resolve_with_variants(workspace: Workspace, tmp_path: Path) -> None:
    path = _write_roster(
        tmp_path,
        _row("Cirebon", "Kec. Sumber", "Desa Kaliwadas", 1),        # kecamatan decides
        _row("Kab. Cirebon", "Kapetakan", "Kapetakan", 2, "Rawan"),   # alias spelling
        _row("Jakarta Pusat", "Gambir", "Gambir", 3, "", "rumah_sakit"),
        _row("Kota Cirebon", "Kesambi", "Pekiringan", 4, "Sangat Rawan"),
    )
    result = runner.invoke(app, ["tps", "import", str(path), "--home", str(workspace.home)])
    assert result.exit_code == 0, result.output
    with workspace.session() as s:
        codes = sorted(s.scalars(select(Tps.region_code)))
    assert codes == ["31.71.01.1001", "32.09.15.1006", "32.09.22.2016", "32.74.05.1001"]


@pytest.mark.parametrize(("row", "message"), [
    (_row("Kota Cirebon", "Sumber", "Kaliwadas", 1), "row 3: kecamatan 'Sumber' not found"),
    (_row("Kabupaten Atlantis", "Sumber", "Kaliwadas", 1), "row 3: kabupaten/kota"),
    (_row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 0), "row 3: tps_number"),
    (_row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 2, "Agak Rawan"), "row 3: unknown"),
    (_row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 1), "repeats row 2"),
])
def test_bad_roster_rows_reject_the_whole_file(workspace: Workspace, tmp_path: Path,
                                               row: str, message: str) -> None:
    path = _write_roster(tmp_path, _row("Kabupaten Cirebon", "Sumber", "Kaliwadas", 1), row)
    result = runner.invoke(app, ["tps", "import", str(path), "--home", str(workspace.home)])
    assert result.exit_code == 1
    assert message in result.stderr and "nothing imported" in result.stderr
    with workspace.session() as s:
        assert s.scalar(select(Tps.id)) is None


def test_every_kabkota_and_province_is_found_by_its_full_name() -> None:
    tagger = default_tagger()
    for place in load_gazetteer():
        if place.level == "kabkota":
            text = f"Warga {place.name} menggelar doa bersama."
        elif place.level == "provinsi":
            text = f"Polda {place.name} menggelar apel siaga."
        else:
            continue
        assert [t.code for t in tagger.tag(text)] == [place.code], text


def test_almost_every_kecamatan_is_found_with_cue_and_regency() -> None:
    tagger = default_tagger()
    index = gazetteer_index()
    missed = []
    kecamatan = [p for p in load_gazetteer() if p.level == "kecamatan"]
    for place in kecamatan:
        text = f"Warga Kecamatan {place.name}, {index[place.parent or ''].name} berdoa."
        if [t.code for t in tagger.tag(text)] != [place.code]:
            missed.append(place.name)
    # Only "Misool (Misool Utara)": a bracketed alternative name in the source.
    assert len(missed) <= 1, missed


def test_tps_page_lists_an_area_worst_first(workspace: Workspace) -> None:
    """What the TPS page lists (sejuk.views.tps_page): the area's TPS, worst first."""
    from sejuk.views import tps_page

    _roster(workspace)
    with workspace.session() as s:
        rows = tps_page(s, region_prefix="32.09.15")
        assert len(rows) == 12 and [r.level for r in rows] == sorted(
            (r.level for r in rows), reverse=True)
        assert rows[0].level == Level.SANGAT_RAWAN and rows[0].override_level is None
        assert all(r.region_code.startswith("32.09.15.") for r in rows)
        assert len(tps_page(s, region_prefix="32.09.15", level=int(Level.RAWAN))) == 4
        assert tps_page(s, region_prefix="32.74") == []
