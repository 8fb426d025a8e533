"""The outreach pages in headless Chromium against a real ``sejuk serve`` (see
``tests/browser/conftest.py`` for the server and browser fixtures)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sejuk.db.models import AuditEntry
from sejuk.workspace import open_workspace
from tests.browser.conftest import (  # noqa: F401 (fixtures)
    PASSWORD,
    browser,
    page,
    served_home,
    server,
    shot,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def login(page, user: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.get_by_label("Nama pengguna").fill(user)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_test_id("stSidebarNavLink").first.wait_for()


def open_screen(page, slug: str, heading: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.locator(f'[data-testid="stSidebarNavLink"][href$="/{slug}"]').first.click()
    page.get_by_role("heading", level=1).filter(has_text=heading).first.wait_for()
    page.get_by_test_id("stStatusWidget").wait_for(state="detached")


def contact_views(home: Path, actor: str) -> int:
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            return int(session.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.action == "leaders.contact_view", AuditEntry.actor == actor)) or 0)
    finally:
        ws.close()


def test_analyst_plans_reads_the_log_and_sees_contacts_audited(
        page, served_home: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    login(page, "ana")
    open_screen(page, "dialog", "Rencana dialog")
    page.get_by_text("#1 Kec.").first.wait_for()
    page.get_by_text("Tokoh yang disarankan").first.wait_for()
    page.get_by_text("Bahan pembicaraan").first.wait_for()
    assert page.dialogs == []
    shot(page, "outreach-10-plan")

    open_screen(page, "dialog_log", "Log dialog")
    page.get_by_text("tindak lanjut melewati batas waktu").first.wait_for()
    page.get_by_text("Efek dialog").first.wait_for()
    shot(page, "outreach-20-log")

    open_screen(page, "dialog_tokoh", "Registri tokoh")
    assert page.get_by_text("0812-0000").count() == 0
    before = contact_views(served_home, "ana")
    page.get_by_text("Tampilkan kontak").click()
    # The rerun that shows the contacts writes the audit entry: wait for that condition.
    deadline = time.monotonic() + 120
    while contact_views(served_home, "ana") == before and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert contact_views(served_home, "ana") > before
    page.get_by_test_id("stStatusWidget").wait_for(state="detached")
    shot(page, "outreach-30-registry-contacts")


def test_viewer_gets_no_contact_switch_and_no_schedule_form(page) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    login(page, "vera")
    open_screen(page, "dialog_tokoh", "Registri tokoh")
    page.get_by_text("Kontak hanya untuk analis/admin.").wait_for()
    assert page.get_by_text("Tampilkan kontak").count() == 0
    open_screen(page, "dialog", "Rencana dialog")
    page.get_by_text("Hanya analis/admin yang dapat menjadwalkan dialog.").first.wait_for()
    assert page.get_by_role("button", name="Simpan jadwal").count() == 0
