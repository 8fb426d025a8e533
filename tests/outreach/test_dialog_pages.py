"""The outreach pages under AppTest: plan, log and follow-ups, leader registry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from dashboard.i18n import t
from sejuk.db.models import AuditEntry, FollowUp, Outreach
from sejuk.timeutil import WIB, local_today
from sejuk.workspace import open_workspace
from tests.dashboard.conftest import goto, make_app, sign_in, standard_home  # noqa: F401

pytestmark = pytest.mark.slow

PAGES = ["dialog", "dialog_log", "dialog_tokoh"]


def scalar(home: Path, query: object) -> object:
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            return session.scalar(query)  # type: ignore[call-overload]
    finally:
        ws.close()


def click(at: AppTest, label: str, index: int = 0) -> AppTest:
    buttons = [b for b in at.button if b.label == label]
    assert buttons, f"no button {label!r}: {[b.label for b in at.button]}"
    buttons[index].click().run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def home(demo_home: Path, copy_workspace: Callable[[Path], Path]) -> Path:
    return copy_workspace(demo_home)


@pytest.mark.parametrize("page", PAGES)
def test_pages_render_on_the_demo_in_both_languages(demo_home: Path, page: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    at = goto(make_app(demo_home, monkeypatch), page)
    assert at.title
    if page != "dialog_log":  # the log shows the demo's overdue follow-up as an error box
        assert not at.error, [e.value for e in at.error]
    # an emptied choice read Streamlit's English "Choose options" on the Indonesian page
    assert {m.proto.placeholder for m in at.multiselect} <= {t("choose_many", "id")}
    assert at.multiselect or page == "dialog_tokoh", "the plan and the log have some"
    at.radio(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    assert {m.proto.placeholder for m in at.multiselect} <= {t("choose_many", "en")}


def test_plan_page_shows_ranked_areas_and_schedules_a_dialogue(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = goto(make_app(home, monkeypatch), "dialog")
    assert at.expander[0].label.startswith("#1 Kec.")
    leaders = at.dataframe[0].value
    assert {"Nama", "Jenis", "Alasan"} <= set(leaders.columns)
    assert "Kontak" not in leaders.columns  # the plan never shows phone numbers
    before = scalar(home, select(func.count()).select_from(Outreach))
    first_area = at.expander[0].label.split("(")[1].split(")")[0]
    at.text_input(key=f"dialog_place_{first_area}").set_value("Aula Kecamatan")
    click(at, "Simpan jadwal")
    assert any("dijadwalkan" in s.value for s in at.success)
    assert scalar(home, select(func.count()).select_from(Outreach)) == before + 1
    # the leaders invited are listed as invited, and not ticked to be invited again: in
    # a second area (the first's leaders were all met recently), as a new visit sees it
    codes = [e.label.split("(")[1].split(")")[0] for e in at.expander
             if e.label.startswith("#")]
    position, area = next((n, code) for n, code in enumerate(codes)
                          if at.multiselect(key=f"dialog_invite_{code}").value)
    ticked = at.multiselect(key=f"dialog_invite_{area}").value
    at.text_input(key=f"dialog_place_{area}").set_value("Balai Kelurahan")
    click(at, "Simpan jadwal", index=position)
    assert not at.error, [e.value for e in at.error]
    again = goto(make_app(home, monkeypatch), "dialog")
    assert again.multiselect(key=f"dialog_invite_{area}").value == []
    reasons = [r for df in again.dataframe if "Alasan" in df.value.columns
               for r in df.value["Alasan"]]
    assert sum("sudah diundang ke dialog yang direncanakan" in r for r in reasons) >= \
        len(ticked)
    assert scalar(home, select(func.count()).select_from(AuditEntry)
                  .where(AuditEntry.action == "outreach.schedule", AuditEntry.actor == "demo"))
    # Preparing the printable plan is an audited view of contact data.
    click(at, "Siapkan HTML dan PDF")
    assert scalar(home, select(func.count()).select_from(AuditEntry)
                  .where(AuditEntry.action == "leaders.contact_view",
                         AuditEntry.target == f"print:{first_area}"))


def test_log_page_shows_the_overdue_follow_up_and_closes_it(
        home: Path, demo_day: date, monkeypatch: pytest.MonkeyPatch) -> None:
    at = goto(make_app(home, monkeypatch), "dialog_log")
    assert any("1 tindak lanjut melewati batas waktu" in e.value for e in at.error)
    overdue = at.dataframe[0].value
    # Due four days before the demo's day (the fixture's; the page counts from today).
    late = 4 + (local_today(WIB) - demo_day).days
    assert len(overdue) == 1 and overdue["Terlambat (hari)"].iloc[0] == late
    late_id = scalar(home, select(FollowUp.id).where(FollowUp.done_at.is_(None))
                     .order_by(FollowUp.due_date))
    at.selectbox(key="dialog_fu_pick").set_value(late_id)
    click(at, "Tandai selesai")
    assert any("Tidak ada tindak lanjut yang terlambat" in s.value for s in at.success)
    assert scalar(home, select(FollowUp.done_by).where(FollowUp.id == late_id)) == "demo"


def test_log_page_records_a_planned_dialogue_as_held(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    planned = scalar(home, select(Outreach.id).where(Outreach.status == "planned"))
    at = goto(make_app(home, monkeypatch), "dialog_log")
    at.selectbox(key="dialog_log_pick").set_value(planned).run()
    at.text_area(key=f"dialog_outcome_{planned}").set_value("Dialog berjalan tertib")
    # The demo's planned dialogue is in two days: the page says so and offers no button
    # that can only fail (record_outcome would refuse it).
    (save,) = [b for b in at.button if b.label == "Simpan sebagai terlaksana"]
    assert save.disabled
    assert any(c.value.startswith("Dialog ini dijadwalkan") for c in at.caption)
    assert scalar(home, select(Outreach.status).where(Outreach.id == planned)) == "planned"
    ws = open_workspace(home)
    with ws.session() as session:  # the day has come
        dialogue = session.get(Outreach, planned)
        assert dialogue is not None
        dialogue.scheduled_at -= timedelta(days=2)
    ws.close()
    at.run()  # the page reads the new date
    at.text_area(key=f"dialog_outcome_{planned}").set_value("Dialog berjalan tertib")
    click(at, "Simpan sebagai terlaksana")
    assert scalar(home, select(Outreach.status).where(Outreach.id == planned)) == "held"
    # The effect table lists every held dialogue with counts before and after.
    effect = at.dataframe[-1].value
    assert {"Sebelum", "Sesudah", "Penilaian"} <= set(effect.columns)
    assert planned in set(effect["Dialog"])


def test_a_planned_dialogues_follow_up_is_offered_after_its_day(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The form offered today + 7 days whatever the dialogue's date; a follow-up is not
    due before its dialogue (add_follow_up refuses it), so the form starts a week after."""
    planned = scalar(home, select(Outreach.id).where(Outreach.status == "planned"))
    ws = open_workspace(home)
    with ws.session() as session:  # a dialogue three weeks ahead
        dialogue = session.get(Outreach, planned)
        assert dialogue is not None
        dialogue.scheduled_at += timedelta(days=19)
        day = dialogue.scheduled_at.astimezone(WIB).date()
    ws.close()
    at = goto(make_app(home, monkeypatch), "dialog_log")
    at.selectbox(key="dialog_log_pick").set_value(planned).run()
    due = at.date_input(key=f"dialog_fu_due_{planned}")
    assert due.value == day + timedelta(days=7) and due.min == day


def test_contacts_only_for_analysts_and_each_view_is_audited(
        standard_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    at = goto(sign_in(make_app(standard_home, monkeypatch), "vera"), "dialog_tokoh")
    assert "Kontak" not in at.dataframe[0].value.columns
    assert not [t for t in at.toggle if t.key == "tokoh_contacts"]
    assert not any("0812" in str(v) for v in at.dataframe[0].value.to_numpy().ravel())

    at = goto(sign_in(make_app(standard_home, monkeypatch), "ana"), "dialog_tokoh")
    at.toggle(key="tokoh_contacts").set_value(True).run()
    table = at.dataframe[0].value
    assert "Kontak" in table.columns and table["Kontak"].str.startswith("08").any()
    assert scalar(standard_home, select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "leaders.contact_view", AuditEntry.actor == "ana")) == 1


def test_log_page_in_english_has_no_indonesian_status_verdict_or_days(
        demo_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = goto(make_app(demo_home, monkeypatch), "dialog_log")
    at.radio(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    log = next(df.value for df in at.dataframe if "Status" in df.value.columns)
    assert set(log["Status"]) == {"Planned", "Held", "Cancelled"}
    assert "Planned" in at.selectbox(key="dialog_log_status").options
    assert at.selectbox(key="dialog_log_pick").value is not None
    assert not any(word in option for option in at.selectbox(key="dialog_log_pick").options
                   for word in ("Direncanakan", "Terlaksana", "Dibatalkan"))
    effect = at.dataframe[-1].value
    verdicts = {"Down", "Up", "Flat", "No signal", "Too early to tell"}
    assert set(effect["Verdict"]) <= verdicts, set(effect["Verdict"])
    assert all(cell.endswith(" days)") for cell in effect["Before"])
    (chart,) = at.get("vega_lite_chart")
    spec = chart.proto.spec
    assert '"day"' in spec and '"flagged items"' in spec and "hari" not in spec


def test_plan_page_in_english_explains_in_english(
        demo_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Why an area, why a leader, why a topic and the notes follow the language (they were
    Indonesian in English); the counter facts stay Indonesian: officers say them to leaders."""
    at = goto(make_app(demo_home, monkeypatch), "dialog")
    at.radio(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    shown = " ".join([m.value for m in at.markdown] + [c.value for c in at.caption]
                     + [w.value for w in at.warning] + [i.value for i in at.info]
                     ).replace("\\", "")  # markdown escapes
    assert "flagged items in 3 days" in shown
    assert "items in this area in the latest period: " in shown
    for indonesian in ("item ditandai dalam", "narasi beredar", "item di wilayah ini",
                       "sudah dibantah oleh", "belum ada bantahan", "Semua tokoh",
                       "Belum ada tokoh"):
        assert indonesian not in shown, indonesian
    leaders = next(df.value for df in at.dataframe if "Why" in " ".join(df.value.columns))
    why = " ".join(leaders[next(c for c in leaders.columns if "Why" in c)])
    assert "tokoh" not in why and "dialog terakhir" not in why and why
