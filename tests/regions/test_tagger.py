"""Tagging text with places: the tagging sets' targets, examples, every region by its name."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.regions.gazetteer import gazetteer_index, load_gazetteer
from sejuk.regions.tagger import default_tagger, evaluate

DATA = Path(__file__).resolve().parents[1] / "data" / "tagging"
runner = CliRunner()


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
    # kecamatan-level election and security offices name their kecamatan: "Ketapang" alone
    # is Kabupaten Ketapang (Kalimantan Barat), here a kecamatan of Sampang
    ("Seruan mengepung kantor Panwascam Ketapang beredar di grup WhatsApp", "35.27",
     ["35.27.12"]),
    ("Rekapitulasi di PPK Ketapang ditunda", "35.27", ["35.27.12"]),
    ("Danramil Ketapang dan Koramil Robatal siaga", "35.27", ["35.27.10", "35.27.12"]),
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
