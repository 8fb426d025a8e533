"""The dashboard's pages under Streamlit's AppTest, on the demo workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")

pytestmark = pytest.mark.slow


@pytest.fixture
def app(demo_home: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("SEJUK_HOME", str(demo_home))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_overview_shows_counts_flags_and_areas(app: AppTest) -> None:
    assert "Sejuk" in app.title[0].value
    metrics = {m.label: m.value for m in app.metric}
    assert int(metrics["Item tersimpan"].replace(".", "")) >= 300
    assert any(label.startswith("Ditandai 24 jam: hoaks") for label in metrics)
    flagged, areas, sources = app.dataframe[0].value, app.dataframe[1].value, \
        app.dataframe[2].value
    assert len(flagged) > 0
    assert {"Kurang Rawan", "Rawan", "Sangat Rawan"} <= set(areas.columns)
    assert "Kabupaten Cirebon" in set(areas["Kabupaten/Kota"])
    assert len(sources) >= 8


def test_label_filter_changes_the_rows(app: AppTest) -> None:
    app.multiselect(key="overview_labels").set_value(["provokasi"]).run()
    flags = set(app.dataframe[0].value["Tanda"])
    assert flags
    assert all("provokasi" in flag for flag in flags)


def test_english_is_available(app: AppTest) -> None:
    app.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert "Election" in app.title[0].value
    assert any(m.label == "Stored items" for m in app.metric)


def test_missing_workspace_shows_one_clear_error(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEJUK_HOME", str(tmp_path / "missing"))
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception
    assert "no such workspace directory" in at.error[0].value
