"""The Laporan page in AppTest: a reporter sees only it and only their own reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from sejuk.access.auth import Principal, add_user
from sejuk.reports import ReportInput, submit_report
from sejuk.workspace import open_workspace
from tests.dashboard.conftest import PASSWORD, make_app, sign_in


@pytest.fixture
def reporter_home(standard_home: Path) -> Path:
    ws = open_workspace(standard_home)
    with ws.session() as session:
        add_user(session, Principal("test", "admin"), "bhabin", PASSWORD, "reporter")
        add_user(session, Principal("test", "admin"), "polsek", PASSWORD, "reporter")
    submit_report(ws, ReportInput(text="Laporan milik polsek: kumpul di kantor camat besok",
                                  region="32.09"), reporter="polsek")
    ws.close()
    return standard_home


def test_reporter_sees_only_laporan_and_own_reports(reporter_home: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    at = sign_in(make_app(reporter_home, monkeypatch), "bhabin")
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Laporan"]
    assert "polsek" not in " ".join(e.label for e in at.expander)
    at.text_area(key="lap_text").set_value(
        "Diteruskan\nBesok jam 9 kumpul di depan kantor Bawaslu, kita kepung. Hub 0812 3456 "
        "7890")
    at.button(key="FormSubmitter:laporan-Kirim laporan").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    replies = [c.value for c in at.code]
    assert replies and "tidak diteruskan" in replies[0]
    assert len(at.expander) == 1
    assert "3456" not in at.expander[0].label


def test_reporter_is_not_told_about_urgent_items(reporter_home: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The sidebar's urgent-items count is watch data: a reporter, who sees only the
    Laporan page, does not get it (it was drawn before the reporter's page was chosen)."""
    from sqlalchemy import select, update

    from sejuk.db.models import Item

    ws = open_workspace(reporter_home)
    with ws.session() as session:
        first = session.scalar(select(Item.id).order_by(Item.id).limit(1))
        session.execute(update(Item).where(Item.id == first).values(triage="urgent"))
    ws.close()
    at = sign_in(make_app(reporter_home, monkeypatch), "bhabin")
    assert not at.exception, at.exception
    assert not any("MENDESAK" in e.value for e in at.sidebar.error)
    assert not any("MENDESAK" in e.value for e in at.error)
    analyst = sign_in(make_app(reporter_home, monkeypatch), "ana")
    assert any("MENDESAK" in e.value for e in analyst.sidebar.error)


def test_a_refused_report_reads_in_indonesian(reporter_home: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A field officer's refusal on the Laporan page is Indonesian, like the page."""
    at = sign_in(make_app(reporter_home, monkeypatch), "bhabin")
    at.text_area(key="lap_text").set_value("+62 812-1111-2222")  # no message, only a number
    at.button(key="FormSubmitter:laporan-Kirim laporan").click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [
        "teksnya tidak berisi pesan \\(hanya nama, nomor atau penanda\\)"]


def test_a_pasted_group_chat_is_answered_message_by_message(
        reporter_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An officer pastes a group's chat: one answer per message that says something, the
    one repeating a debunked claim open and marked, the others closed."""
    from sqlalchemy import select

    from sejuk.db.models import ClaimMatch, Item

    ws = open_workspace(reporter_home)
    with ws.session() as session:  # a message the demo's matcher links to a debunk
        copied = session.scalar(select(Item.text).join(ClaimMatch, ClaimMatch.item_id == Item.id)
                                .order_by(ClaimMatch.similarity.desc()).limit(1))
    ws.close()
    assert copied
    chat = ("25/11/24 19.21 - Moh. Hasan: Assalamualaikum warga, mohon info yang beredar "
            "dicek dulu\n"
            f"25/11/24 19.42 - +62 812-3456-7890: {' '.join(copied.split())}\n"
            "25/11/24 19.43 - Siti: Aamiin\n"
            "25/11/24 19.50 - Abdul: Besok kita kumpul di kantor PPK jam 8, bawa warga")
    at = sign_in(make_app(reporter_home, monkeypatch), "bhabin")
    at.text_area(key="lap_text").set_value(chat)
    at.button(key="FormSubmitter:laporan-Kirim laporan").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert [s.value for s in at.success] == [
        "Obrolan yang ditempel: 3 pesan, masing-masing menjadi satu laporan. 1 sudah dibantah."]
    answers = [e for e in at.expander if e.label.startswith("Pesan ")]
    assert [e.label.split(":")[0] for e in answers] == ["Pesan 1", "Pesan 2", "Pesan 3"]
    assert "sudah dibantah" in answers[1].label and answers[1].proto.expanded
    assert not answers[0].proto.expanded and not answers[2].proto.expanded
    assert answers[1].code[0].value.startswith("SUDAH DIBANTAH")
    assert not any("Hasan" in e.label or "3456" in e.label or "Aamiin" in e.label
                   for e in at.expander)


def test_group_kinds_read_in_the_pages_language(reporter_home: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """In English the group list and a sent report's group were Indonesian."""
    from sejuk.reports import GROUP_KINDS, GROUP_KINDS_EN

    assert set(GROUP_KINDS_EN) == set(GROUP_KINDS)
    at = sign_in(make_app(reporter_home, monkeypatch), "polsek")
    at.radio(key="lang").set_value("en").run()
    group = at.selectbox(key="lap_group")
    assert group.options == list(GROUP_KINDS_EN.values())
    assert GROUP_KINDS_EN["lainnya"] in [c.value for c in at.caption]  # its own report
