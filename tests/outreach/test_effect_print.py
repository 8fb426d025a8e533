"""Before/after signal trends, and the printable plan (HTML escaping, PDF, contacts)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from sejuk.access import audit
from sejuk.errors import InputError
from sejuk.outreach import dialogue_effects, record_outcome, schedule_dialogue
from sejuk.outreach.effect import verdict
from sejuk.outreach.printable import build_printable, printable_url, render_html, render_pdf
from tests.outreach.conftest import ANALYST, HOT, VIEWER, World, at_local


@pytest.mark.parametrize(("before", "after", "expected"), [
    ([3, 2, 4], [0, 1, 0], "down"),
    ([0, 1, 0], [3, 2, 4], "up"),
    ([2, 2, 2], [2, 2, 3], "flat"),
    ([0, 1, 0], [1, 0, 0], "quiet"),
    ([5, 5, 5], [0], "too_early"),
])
def test_verdict(before: list[int], after: list[int], expected: str) -> None:
    assert verdict(before, after) == expected


def _held(world: World, days_ago: int) -> int:
    with world.workspace.session() as session:
        outreach_id = schedule_dialogue(
            session, ANALYST, region_code=HOT,
            scheduled_at=at_local(world.day - timedelta(days=days_ago), 8),
            place="Balai Desa Uji", participants=["Kapolsek Uji"],
            leader_ids=[world.leaders["agama_desa"]], topics=["Surat suara"])
        record_outcome(session, ANALYST, outreach_id, outcome="ok")
    return outreach_id


def test_effect_counts_flagged_items_per_day_around_the_dialogue(world: World) -> None:
    outreach_id = _held(world, 3)  # items: 3 on day 0, 2 on day -1 (both after it)
    with world.workspace.session() as session:
        [effect] = dialogue_effects(session, world.day, days=5)
    assert effect.outreach_id == outreach_id and effect.day == world.day - timedelta(days=3)
    assert effect.before == (0, 0, 0, 0, 0)
    assert effect.after == (0, 2, 3)  # three days so far, the last one is today
    assert effect.verdict == "up" and effect.verdict_text() == "Naik"
    assert effect.verdict_text("en") == "Up"
    assert effect.after_rate == pytest.approx(5 / 3)


def test_effect_before_the_rise_and_the_jurisdiction_filter(world: World) -> None:
    _held(world, 0)  # on the day itself: the five items fall before or on it
    with world.workspace.session() as session:
        [effect] = dialogue_effects(session, world.day, days=3)
        assert effect.before == (0, 0, 2) and effect.after == ()
        assert effect.verdict == "too_early"
        assert dialogue_effects(session, world.day, jurisdiction="32.09.21") == []


# -- printable ---------------------------------------------------------------------------------
def test_html_escapes_feed_text_and_is_self_contained(world: World) -> None:
    with world.workspace.session() as session:
        plan = build_printable(session, world.workspace.settings, kecamatan=HOT,
                               day=world.day, principal=ANALYST)
    html = render_html(plan)
    assert "<script" not in html.lower()
    assert "Surat suara sudah dicoblos" in html
    assert "Kyai Uji Satu" in html and "0812-1111-0001" in html
    assert "https://test.sejuk.example/cek/1" in html  # the debunk link
    assert "@media print" in html
    # Nothing is loaded from elsewhere: no external stylesheet, script, font or image.
    assert not re.search(r"<(link|script|img|iframe)\b", html, re.I)
    assert "url(" not in html


def test_print_contacts_only_for_analysts_and_audited(world: World) -> None:
    with world.workspace.session() as session:
        viewer_plan = build_printable(session, world.workspace.settings, kecamatan=HOT,
                                      day=world.day, principal=VIEWER)
        assert audit.recent(session, action="leaders.contact_view") == []
        build_printable(session, world.workspace.settings, kecamatan=HOT, day=world.day,
                        principal=ANALYST)
        [entry] = audit.recent(session, action="leaders.contact_view")
    html = render_html(viewer_plan)
    assert "0812-1111" not in html and "Kontak tidak dicetak" in html
    assert entry.target == f"print:{HOT}" and entry.actor == "analis1"


def test_pdf_is_a_pdf_with_the_plan(world: World) -> None:
    with world.workspace.session() as session:
        plan = build_printable(session, world.workspace.settings, kecamatan=HOT,
                               day=world.day, principal=ANALYST)
    data = render_pdf(plan)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(data) > 1500


def test_print_refuses_a_non_kecamatan_and_drops_unsafe_links(world: World) -> None:
    with world.workspace.session() as session, pytest.raises(InputError, match="kecamatan"):
        build_printable(session, world.workspace.settings, kecamatan="32.09",
                        day=world.day, principal=ANALYST)
    assert printable_url("javascript:alert(1)") == ""
    assert printable_url(" https://a.example/x ") == "https://a.example/x"
    assert printable_url('https://a.example/"onmouseover=alert(1)') == ""
