"""The demo's fixture entries: deterministic, never ahead of the build's clock, and made
from data files that load, are complete, and fail with errors naming the culprit."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from string import Formatter

import pytest

from sejuk.demo import material
from sejuk.demo.content import demo_entries
from sejuk.demo.datafiles import DemoDataError
from sejuk.demo.material import Template, load_material
from sejuk.demo.slots import REGION_BY_CODE, Ctx
from sejuk.regions.gazetteer import children_index, gazetteer_index

BASE = "http://127.0.0.1:8765"
DAY = date(2026, 11, 27)


def _utc(entry_published: datetime) -> datetime:
    # naive timestamps in the fixture are WITA wall-clock times
    if entry_published.tzinfo is None:
        return entry_published.replace(tzinfo=timezone(timedelta(hours=8)))
    return entry_published


def test_an_early_build_keeps_todays_posts_out_of_the_future() -> None:
    # 06:00 WIB: the demo writes today's newest posts for 05:00-10:59 local time
    not_after = datetime(2026, 11, 26, 23, 0, tzinfo=UTC)
    planned = demo_entries(DAY, BASE)
    assert any(_utc(e.published) > not_after for e in planned)

    built = demo_entries(DAY, BASE, not_after=not_after)
    assert max(_utc(e.published) for e in built) <= not_after
    # only the times moved: guids, links and texts are those of the planned entries
    assert [(e.guid, e.link, e.text) for e in built] == [
        (e.guid, e.link, e.text) for e in planned]
    moved = [b for p, b in zip(planned, built, strict=True) if p.published != b.published]
    assert moved and all(_utc(b.published) >= not_after - timedelta(hours=3) for b in moved)


def test_a_late_build_changes_nothing() -> None:
    evening = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # 23:00 WIB
    assert demo_entries(DAY, BASE, not_after=evening) == demo_entries(DAY, BASE)


# --- the data files (sejuk/demo/data) the demo's prose is read from ---------------------

FILES = sorted(p.name for p in Path(material.__file__).with_name("data").iterdir()
               if p.name not in {"leaders.csv", "tps.csv"})
M = material.MATERIAL


def _all_templates() -> list[Template]:
    nar = [t for n in M.narratives
           for t in ([n.news_variant] if n.news_variant else []) + [d[2] for d in n.news_debunks]]
    return [*M.routine_news, *M.official, *M.social_neutral, *M.unrest_social, *M.unrest_news,
            *M.generic_debunks, *(t for _, t in M.extra_factchecks), *nar]


def _prose() -> list[str]:
    """Every piece of text a demo entry is made of, templates and all."""
    templates = _all_templates()
    texts = [s for t in templates for s in t.body]
    texts += [t.title for t in templates if t not in M.social_neutral]  # posts have none
    for n in M.narratives:
        texts += [n.label, *n.variants, *n.both_variants, n.fc_title, *n.fc_body]
    texts += [h[3] for h in M.extra_hoaxes] + [p.text for p in M.awkward.posts]
    texts += [*M.awkward.long_report_paragraphs, str(M.awkward.notice["html"])]
    return texts + [s for pool in M.closers.values() for s in pool]


def test_every_data_file_is_shipped_and_read() -> None:
    assert set(FILES) == {"sources.csv", "regions.toml", "people.toml", "wording.toml",
                          "closers.toml", "routine_news.toml", "official.toml",
                          "social_neutral.toml", "narratives.toml", "factchecks.toml",
                          "unrest.toml", "generic_debunks.toml", "awkward.toml"}
    assert load_material() == M
    assert len(M.sources) == 11 and len(M.regions) == 6 and len(M.narratives) >= 5
    assert len(M.routine_news) > 50 and len(_prose()) > 500


def test_no_prose_is_empty_and_no_template_uses_an_unknown_slot() -> None:
    ctx = Ctx(DAY, BASE, 1)
    known = set(ctx.slots(M.regions[0], 0)) | {"nomor", "rows"}
    for text in _prose():
        assert text.strip() == text and text, repr(text)
        used = {name for _, name, _, _ in Formatter().parse(text) if name}
        assert used <= known, (text, used - known)


def test_keys_are_unique_and_every_reference_resolves() -> None:
    for keys in ([s.key for s in M.sources], [r.code for r in M.regions],
                 [n.key for n in M.narratives], [t.title for t in M.unrest_social],
                 [t.title for t in M.routine_news], [t.title for t in M.official]):
        assert len(keys) == len(set(keys)), keys
    source_keys = {s.key for s in M.sources}
    assert {s.region_code for s in M.sources} - {None} <= {r.code for r in M.regions}
    assert set(M.reporters) | set(M.telegram_handles) <= source_keys
    assert set(M.news_source_by_region.values()) <= source_keys
    assert {d[0] for n in M.narratives for d in n.news_debunks} <= source_keys
    assert all(1 <= n.no <= len(REGION_BY_CODE[n.places[0].split(":")[0]].candidates)
               for n in M.narratives)


def test_the_demo_geography_is_in_the_gazetteer() -> None:
    places, children = gazetteer_index(), children_index()
    for region in M.regions:
        assert places[region.code].name == region.name
        kecamatan = {places[c].name.lower(): c for c in children[region.code]}
        for kec, desa in region.kecamatan:
            assert kec.lower() in kecamatan, (region.code, kec)
            names = {places[c].name.lower() for c in children[kecamatan[kec.lower()]]}
            assert {d.lower() for d in desa} <= names, (region.code, kec, desa)


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(Path(material.__file__).with_name("data"), folder)
    return folder


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD = [
    # (file, old, new, what the error must name)
    ("routine_news.toml", 'body = """\nPersonel gabungan', 'bodi = """\nPersonel gabungan',
     ["routine_news.toml", "template 2", "Gudang Logistik {kpu} Dijaga 24 Jam", "'body'"]),
    ("narratives.toml", '"32.09:Weru", "32.09:Sumber"', '"32.09:Weru", "32.09:Atlantis"',
     ["narratives.toml", "narrative 1", "surat-suara-tercoblos", "Atlantis"]),
    ("narratives.toml", 'key = "pemungutan-diundur"', 'key = "surat-suara-tercoblos"',
     ["narratives.toml", "narrative 2", "duplicate narrative key"]),
    ("unrest.toml", 'key = "siaga"\ntext = "', 'key = "siaga"\ntext = " "\nx = "',
     ["unrest.toml", "social 2", "'siaga'", "'text' is empty"]),
    ("sources.csv", "losaripos,Losari Pos,news,73.71,", "losaripos,Losari Pos,news,",
     ["sources.csv", "line 7", "'losaripos'", "number of cells"]),
    ("sources.csv", "/cekfaktajernih/rss.xml,Asia/Jakarta,60",
     "/cekfaktajernih/rss.xml,Asia/Jakarta,sixty", ["sources.csv", "'cekfaktajernih'",
                                                     "'interval_minutes'", "'sixty'"]),
    ("regions.toml", 'news_source = "losaripos"', 'news_source = "losari"',
     ["regions.toml", "region 6 '73.71'", "'losari' is not a source of sources.csv"]),
    ("factchecks.toml", "[[hoax]]\nday = 23", "[[hoax]]\nday = 23\nday = 24",
     ["factchecks.toml", "not valid TOML", "line"]),
    ("awkward.toml", 'truth = ["hoaks"]', 'truth = ["hoax"]',
     ["awkward.toml", "post 3", "'truth' has unknown labels ['hoax']"]),
]


@pytest.mark.parametrize(("name", "old", "new", "named"), BAD,
                         ids=[f"{b[0]}:{b[3][-1]}" for b in BAD])
def test_a_malformed_data_file_names_the_file_and_the_record(
        tmp_path: Path, name: str, old: str, new: str, named: list[str]) -> None:
    folder = _copy(tmp_path)
    assert load_material(folder) == M  # the copy itself is fine
    _edit(folder, name, old, new)
    with pytest.raises(DemoDataError) as caught:
        load_material(folder)
    message = str(caught.value)
    assert all(part in message for part in named), message
    assert "\n" not in message.strip()
