"""Area priorities: signal, spike and TPS vulnerability, ranked."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from typer.testing import CliRunner

from sejuk.cli import app
from sejuk.db.models import Item, ItemRegion, ModelVersion, Prediction
from sejuk.errors import InputError
from sejuk.priorities import (
    AreaPriority,
    PriorityParams,
    compute_priorities,
    score_area,
)
from sejuk.signals import test_day
from sejuk.signals.rollup import rebuild_rollup, refresh_rollup
from sejuk.timeutil import local_today
from sejuk.workspace import Workspace
from tests.places import small_roster

runner = CliRunner()


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
    small_roster(workspace)
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


def test_a_bad_level_or_window_is_refused_in_the_readers_language(workspace: Workspace) -> None:
    """They were English on an Indonesian workspace."""
    home = str(workspace.home)
    english = runner.invoke(app, ["--lang", "en", "priorities", "--level", "pulau",
                                  "--home", home])
    assert english.exit_code == 1, english.output
    assert english.stderr == ("error: level must be one of kabkota, kecamatan, desa, "
                              "got 'pulau'\n")
    indonesian = runner.invoke(app, ["priorities", "--level", "pulau", "--home", home])
    assert indonesian.exit_code == 1, indonesian.output
    assert indonesian.stderr == ("error: tingkat harus salah satu dari kabkota, kecamatan, "
                                 "desa, bukan 'pulau'\n")
    # the command line refuses --window 0 itself; the library says it in either language
    with workspace.session() as s, pytest.raises(InputError) as refused:
        compute_priorities(s, workspace.settings, day=local_today(workspace.settings.timezone),
                           window_days=0)
    assert refused.value.in_language("en") == "window_days must be at least 1, got 0"
    assert refused.value.in_language("id") == "jendela harus paling sedikit 1 hari, bukan 0"


def test_reasons_count_in_english_singular_and_plural() -> None:
    """The outreach plan, map hover and printed plan read these: "1 narratives
    circulating" and "1 flagged items in 3 days" are what an English reader met."""
    from sejuk.priorities import reasons

    one = AreaPriority(code="35.27.05", name="Omben", level="kecamatan", flagged=1,
                       flagged_by_label={"hoaks": 1}, narratives=1)
    assert reasons(one, 1, "en") == ("1 flagged item in 1 day (hoaks 1); baseline 0.0/day",
                                     "1 narrative circulating")
    two = AreaPriority(code="35.27.05", name="Omben", level="kecamatan", flagged=2,
                       flagged_by_label={"hoaks": 2}, narratives=2)
    assert reasons(two, 3, "en")[-2:] == (
        "2 flagged items in 3 days (hoaks 2); baseline 0.0/day", "2 narratives circulating")
    assert reasons(one, 3, "id")[-1] == "1 narasi beredar"


def test_a_spike_p_value_never_reads_as_zero() -> None:
    """A count far above its baseline has p near 1e-9: three decimals printed "p = 0,000"
    in the plan's reasons and "5.4e-05" in the explanation, neither what a reader takes
    in. Below 0.001 it reads "p < 0,001", in the sentence's language."""
    from sejuk.priorities import explain, p_text, reasons

    assert p_text(3e-9, "id") == "p < 0,001"
    assert p_text(5.4e-05, "en") == "p < 0.001"
    assert p_text(0.0123, "id") == "p = 0,012"
    assert p_text(0.001, "en") == "p = 0.001"
    area = AreaPriority(code="32.09.18", name="Plumbon", level="kecamatan", flagged=18,
                        flagged_by_label={"hoaks": 5, "provokasi": 16}, spike=True,
                        p_value=2e-12)
    assert reasons(area, 3, "id")[-1] == "lonjakan sinyal (p < 0,001 terhadap dasar)"
    assert reasons(area, 3, "en")[-1] == "signal spike (p < 0.001 against the baseline)"
    assert explain(area, "en")[2].endswith(", p < 0.001 -> SPIKE")
    quiet = AreaPriority(code="32.09.18", name="Plumbon", level="kecamatan", p_value=0.25)
    assert explain(quiet, "id")[2].endswith("p = 0,250")
