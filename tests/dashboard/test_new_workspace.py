"""A new Polres's workspace (``sejuk init``: no items, sources or TPS): every page says
what is missing and what to do next instead of empty grids and placeholders."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.i18n import t
from dashboard.trendfigure import trend_figure
from sejuk.access.auth import Principal, add_user
from sejuk.db.models import ModelVersion, Source, Tps
from sejuk.reads.trend import DayCount
from sejuk.timeutil import local_today
from sejuk.workspace import Workspace
from tests.dashboard.conftest import PASSWORD, goto, make_app, sign_in
from tests.outreach.conftest import add_item

pytestmark = pytest.mark.slow


@pytest.fixture
def home(workspace: Workspace) -> Path:
    with workspace.session() as session:
        add_user(session, Principal("test", "admin"), "adi", PASSWORD, "admin")
        add_user(session, Principal("test", "admin"), "vera", PASSWORD, "viewer")
    return workspace.home


def signed_in(home: Path, monkeypatch: pytest.MonkeyPatch, user: str, lang: str) -> AppTest:
    at = sign_in(make_app(home, monkeypatch), user)
    assert not at.exception, at.exception
    at.radio(key="lang").set_value(lang).run()
    return at


def texts(at: AppTest) -> list[str]:
    return [e.value for e in (*at.info, *at.caption, *at.warning)]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_overview_says_what_is_missing(home: Path, monkeypatch: pytest.MonkeyPatch,
                                       lang: str) -> None:
    at = signed_in(home, monkeypatch, "adi", lang)
    shown = texts(at)
    assert t("no_top_areas", lang) in shown
    assert t("no_sources_admin", lang) in shown
    assert not [df for df in at.dataframe if df.value.empty]


def test_a_viewer_is_told_an_administrator_adds_sources(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = signed_in(home, monkeypatch, "vera", "id")
    assert t("no_sources_other", "id") in texts(at)


def test_an_area_with_nothing_flagged_is_not_a_priority_area(
        home: Path, workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first collection brings an ordinary item from Kecamatan Sumber: the overview
    listed it as a priority area with score 0, which the map (rightly) does not rank."""
    with workspace.session() as session:
        version = ModelVersion(path="test", sha256="0" * 64, labels=["hoaks", "provokasi"],
                               status="active")
        source = Source(name="Warta Uji", url="http://127.0.0.1:9/rss", kind="news")
        session.add_all([version, source])
        session.flush()
        add_item(session, version, source, title="Jembatan desa diresmikan",
                 text="Bupati meresmikan jembatan baru.", region="32.09.15",
                 published=datetime.now(UTC) - timedelta(hours=1), flagged=False)
    at = signed_in(home, monkeypatch, "adi", "id")
    assert t("no_top_areas", "id") in texts(at)
    assert not [df for df in at.dataframe if "Skor prioritas" in df.value.columns]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_after_midnight_the_overview_shows_yesterdays_priorities_and_says_so(
        home: Path, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """Flags of yesterday only (as just after local midnight, when the 24-hour figures
    still count them): the overview said "no priority areas today" beside them; now its
    spike, priority and map headings say yesterday and a caption says why."""
    zone = ZoneInfo(workspace.settings.timezone)
    yesterday = local_today(zone) - timedelta(days=1)
    with workspace.session() as session:
        version = ModelVersion(path="test", sha256="0" * 64, labels=["hoaks", "provokasi"],
                               status="active")
        source = Source(name="Warta Uji", url="http://127.0.0.1:9/rss", kind="news")
        session.add_all([version, source, *(
            Tps(region_code="32.09.18.2001", number=n, voters=200, lat=-6.7, lon=108.5,
                level=3, computed_level=3, indicators={}) for n in (1, 2))])
        session.flush()
        for n in range(3):
            add_item(session, version, source, title=f"Surat suara sudah dicoblos {n}",
                     text="Sebarkan sebelum dihapus.", region="32.09.18",
                     published=datetime.combine(yesterday, time(20, n), zone))
    at = signed_in(home, monkeypatch, "adi", lang)
    if local_today(zone) - timedelta(days=1) != yesterday:
        pytest.skip("the run crossed local midnight: the items are now two days old")
    when = t("day_yesterday", lang, day=f"{yesterday:%d/%m}")
    assert t("top_areas", lang, when=when) in [h.value for h in at.subheader]
    assert t("spikes", lang, when=when) in [h.value for h in at.subheader]
    assert t("day_fallback", lang, day=f"{yesterday:%d/%m/%Y}") in texts(at)
    assert t("no_top_areas", lang) not in texts(at)
    (table,) = [df.value for df in at.dataframe if t("col_score", lang) in df.value.columns]
    assert list(table[t("col_code", lang)]) == ["32.09.18"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_sources_page_without_sources(home: Path, monkeypatch: pytest.MonkeyPatch,
                                      lang: str) -> None:
    at = goto(signed_in(home, monkeypatch, "adi", lang), "sources")
    assert t("no_sources_here", lang) in texts(at)
    # No empty health grid, no export of nothing, no "No options to select" toggle.
    assert not [df for df in at.dataframe if df.value.empty]
    assert not [s for s in at.selectbox if s.key == "src_toggle"]
    assert not at.get("download_button")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_tps_page_without_a_roster(home: Path, monkeypatch: pytest.MonkeyPatch,
                                   lang: str) -> None:
    at = goto(signed_in(home, monkeypatch, "adi", lang), "tps")
    assert t("no_tps", lang) in texts(at)
    assert "sejuk tps import" in t("no_tps", lang)
    assert not [df for df in at.dataframe if df.value.empty]
    assert not at.get("download_button")


def test_empty_trend_says_so_and_counts_in_whole_numbers() -> None:
    days = [DayCount(date(2026, 11, 1) + timedelta(n), 0, {"hoaks": 0}, ())
            for n in range(28)]
    for lang in ("id", "en"):
        figure = trend_figure(days, lang)
        assert [a.text for a in figure.layout.annotations] == [t("trend_empty", lang)]
        assert figure.layout.yaxis.dtick == 1 and figure.layout.yaxis2.dtick == 1
    assert trend_figure(days, "en").layout.yaxis.title.text == "items"
    busy = [DayCount(d.day, 40, {"hoaks": 12}, ()) for d in days]
    figure = trend_figure(busy, "id")
    assert not figure.layout.annotations
    # whole ticks on both axes, each its own: the flagged axis overlaying the items axis
    # once took its grid (3.11, 6.22 ... labelled 3, 6)
    assert (figure.layout.yaxis.dtick, figure.layout.yaxis2.dtick) == (10, 5)
    assert figure.layout.yaxis2.tickmode == "linear" and figure.layout.yaxis2.tick0 == 0


@pytest.mark.parametrize("lang", ["id", "en"])
def test_dialogue_log_without_dialogues_says_where_they_come_from(
        home: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    at = goto(signed_in(home, monkeypatch, "vera", lang), "dialog_log")
    shown = texts(at)
    assert t("dlog_no_dialogues", lang) in shown
    assert t("dlog_no_fu", lang) in shown  # not a bare heading and toggle
    at.selectbox(key="dialog_log_status").set_value("held").run()
    assert t("dlog_no_dialogues", lang) in texts(at)  # none at all, whatever the status


@pytest.mark.parametrize(("lang", "name"), [("id", "Batas provinsi"),
                                            ("en", "Province boundary")])
def test_the_map_names_its_boundaries_in_the_language(
        home: Path, monkeypatch: pytest.MonkeyPatch, lang: str, name: str) -> None:
    at = signed_in(home, monkeypatch, "adi", lang)
    (overview_map,) = [c for c in at.get("plotly_chart") if '"Scattergeo"' in c.proto.spec
                       or "scattergeo" in c.proto.spec]
    assert f'"name":"{name}"' in overview_map.proto.spec.replace(": ", ":")
    if lang == "en":
        assert "Boundary provinsi" not in overview_map.proto.spec


@pytest.mark.parametrize(("lang", "national"), [("id", "nasional"), ("en", "national")])
def test_catalogue_names_provinces_and_national_sources_in_the_language(
        home: Path, monkeypatch: pytest.MonkeyPatch, lang: str, national: str) -> None:
    """The catalogue's Province column showed the code ('32') and 'nasional' in English."""
    at = goto(signed_in(home, monkeypatch, "adi", lang), "sources")
    at.selectbox(key="cat_province").set_value("32").run()
    (catalogue,) = [df.value for df in at.dataframe if "URL" in df.value.columns]
    scopes = set(catalogue[t("provinsi", lang)])
    assert "Jawa Barat" in scopes and national in scopes
    assert "32" not in scopes


@pytest.mark.parametrize("lang", ["id", "en"])
def test_catalogue_column_is_each_entrys_confidence_and_health_shows_no_none(
        home: Path, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """The column of each entry's grade was headed like the filter ("Keyakinan minimal",
    "Minimum confidence"), and a source never fetched showed HTTP "None"."""
    with workspace.session() as session:
        session.add(Source(name="Kabar Uji", url="https://kabar.example/rss", kind="news"))
    at = goto(signed_in(home, monkeypatch, "adi", lang), "sources")
    (catalogue,) = [df.value for df in at.dataframe if "URL" in df.value.columns
                    and t("provinsi", lang) in df.value.columns]
    assert t("catalog_grade", lang) in catalogue.columns
    assert t("catalog_confidence", lang) not in catalogue.columns
    (health,) = [df.value for df in at.dataframe if t("col_http", lang) in df.value.columns]
    assert health[t("col_http", lang)].tolist() == ["-"]
