"""The dashboard in a real browser: headless Debian Chromium against ``sejuk serve``.

Sign in, open every page (a screenshot of each goes to ``artifacts/browser/``), filter,
label an item and find the label in the database, and check that the hostile demo item
(``<script>``, a ``javascript:`` link) renders as inert literal text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from sejuk.db.models import AuditEntry, Label
from sejuk.workspace import open_workspace
from tests.browser.conftest import PASSWORD, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = [("Ringkasan", "Pantauan"), ("Peta", "Peta"), ("Item", "Item"), ("Narasi", "Narasi"),
         ("TPS", "TPS"), ("Pelabelan", "Pelabelan"), ("Model", "Model"), ("Sumber", "Sumber")]


def login(page, user: str, password: str = PASSWORD) -> None:
    page.get_by_label("Nama pengguna").fill(user)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


def open_page(page, name: str, heading: str) -> None:
    page.get_by_test_id("stSidebarNavLink").filter(has_text=name).first.click()
    page.get_by_role("heading", level=1).filter(has_text=heading).first.wait_for()
    page.get_by_test_id("stStatusWidget").wait_for(state="detached")
    page.get_by_test_id("stSkeleton").first.wait_for(state="detached")
    if name == "Peta":
        page.locator(".js-plotly-plot .scatterlayer").first.wait_for()
    if name == "Model":  # the page's last widget: the screenshot shows the whole page
        page.get_by_role("button", name="Latih model baru").wait_for()


def count(home: Path, model: type, **where: object) -> int:
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            query = select(func.count()).select_from(model)
            for key, value in where.items():
                query = query.where(getattr(model, key) == value)
            return int(session.scalar(query) or 0)
    finally:
        ws.close()


def test_wrong_password_is_refused_without_saying_why(page, served_home: Path) -> None:
    login(page, "ana", "salah-sekali-123")
    page.get_by_text("Nama pengguna atau kata sandi salah.").wait_for()
    page.reload()
    login(page, "tidak-ada", "salah-sekali-123")
    page.get_by_text("Nama pengguna atau kata sandi salah.").wait_for()
    assert page.get_by_test_id("stSidebarNavLink").count() == 0
    assert count(served_home, AuditEntry, action="auth.failed") >= 2
    shot(page, "00-login-failed")


def test_admin_opens_every_page(page) -> None:
    login(page, "adi")
    page.get_by_test_id("stSidebarNavLink").first.wait_for()
    page.get_by_label("Kata sandi").wait_for(state="detached")
    for n, (name, heading) in enumerate(PAGES, start=1):
        open_page(page, name, heading)
        assert not page.get_by_test_id("stException").count(), name
        shot(page, f"{n:02d}-{name.lower()}")
    assert page.dialogs == []


def test_viewer_sees_no_admin_or_labelling_pages(page) -> None:
    login(page, "vera")
    page.get_by_test_id("stSidebarNavLink").first.wait_for()
    links = page.get_by_test_id("stSidebarNavLink").all_inner_texts()
    assert any("Ringkasan" in link for link in links)
    assert not any(word in " ".join(links) for word in ("Model", "Sumber", "Pelabelan"))


def test_choices_follow_a_language_switch_and_are_kept(page) -> None:
    """Streamlit keeps a keyed selectbox's choice as the text it showed: after switching
    to English the TPS filters still read "(semua)". The switch hands every choice its
    value again: the words follow the language, the choice stays."""
    login(page, "ana")
    page.get_by_test_id("stSidebarNavLink").first.wait_for()
    open_page(page, "TPS", "TPS")
    boxes = page.get_by_test_id("stSelectbox")
    boxes.nth(2).click()
    page.get_by_role("option", name="Sangat Rawan").click()
    page.get_by_test_id("stStatusWidget").wait_for(state="detached")
    page.get_by_text("English").click()
    page.get_by_role("heading", level=1).filter(has_text="Polling stations").wait_for()
    # The heading arrives before the rerun has sent the choices; expect() waits for them.
    expect(boxes.nth(0).get_by_role("combobox")).to_have_value("(all)")
    expect(boxes.nth(2).get_by_role("combobox")).to_have_value("Sangat Rawan")
    shot(page, "30-tps-english")
    page.get_by_text("Bahasa Indonesia").click()
    page.get_by_role("heading", level=1).filter(has_text="TPS").wait_for()
    expect(boxes.nth(0).get_by_role("combobox")).to_have_value("(semua)")
    expect(boxes.nth(2).get_by_role("combobox")).to_have_value("Sangat Rawan")


def test_filter_label_and_hostile_item(page, served_home: Path) -> None:
    login(page, "ana")
    page.get_by_test_id("stSidebarNavLink").first.wait_for()

    # Filter: a search nothing matches empties the list; the hostile item is found.
    open_page(page, "Item", "Item")
    search = page.get_by_label("Cari teks")
    search.fill("tidak-ada-yang-cocok-xyz")
    search.press("Enter")
    page.get_by_text("Tidak ada item yang ditandai pada rentang ini.").wait_for()
    page.get_by_label("Rentang waktu").first.click()
    page.get_by_role("option", name="Semua waktu").click()
    page.get_by_text("Hanya ditandai").click()
    page.get_by_test_id("stStatusWidget").wait_for(state="detached")
    search.fill("SALDO 100RB")
    search.press("Enter")
    body = page.get_by_test_id("stText").filter(has_text="<script>alert(1)</script>")
    body.first.wait_for()
    shot(page, "20-hostile-item")
    assert page.dialogs == []
    assert page.evaluate(
        "() => [...document.scripts].filter(s => s.textContent.includes('alert(1)')).length"
    ) == 0
    assert page.evaluate(
        "() => [...document.querySelectorAll('a[href]')]"
        ".filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript')).length"
    ) == 0
    assert "[klik](javascript:alert(1))" in body.first.inner_text()

    # Export: the file is what the filter selects, and the export is audited.
    with page.expect_download() as download:
        page.get_by_role("button", name="Ekspor CSV").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "SALDO 100RB" in content
    assert count(served_home, AuditEntry, action="export", actor="ana") == 1

    # Label: one click stores one label, with the analyst's name.
    before = count(served_home, Label, created_by="ana")
    open_page(page, "Pelabelan", "Pelabelan")
    page.get_by_role("button", name="hoaks: ya").click()
    page.get_by_text("Label yang sudah ada: hoaks=1").wait_for()
    page.get_by_text("Label tersimpan").first.wait_for()  # the toast survives the rerun
    assert count(served_home, Label, created_by="ana") == before + 1
    shot(page, "21-labelled")
    assert page.dialogs == []
