"""The Laporan page on a phone-sized headless Chromium: a reporter signs in, sees only
Laporan, uploads a generated WhatsApp screenshot and gets the answer to forward."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.ocr.screens import LIGHT, make_screenshot
from sejuk.access.auth import Principal, add_user
from sejuk.workspace import open_workspace
from tests.browser.conftest import PASSWORD, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def reporter(served_home: Path) -> str:
    ws = open_workspace(served_home)
    with ws.session() as session:
        add_user(session, Principal("test", "admin"), "bhabin.weru", PASSWORD, "reporter")
    ws.close()
    return "bhabin.weru"


def test_reporter_sends_a_screenshot_from_a_phone(browser, server: str, reporter: str,
                                                  tmp_path: Path) -> None:
    picture = tmp_path / "grup-warga.png"
    picture.write_bytes(make_screenshot(4, theme=LIGHT, width=720).png())
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(server)
        page.get_by_label("Nama pengguna").fill(reporter)
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.get_by_role("heading", level=1).filter(has_text="Laporan").wait_for()
        assert page.get_by_test_id("stSidebarNavLink").count() == 0  # no other page
        page.get_by_text("Tangkapan layar", exact=True).click()
        page.locator("input[type=file]").set_input_files(str(picture))
        page.get_by_text("grup-warga.png").wait_for()
        page.get_by_label("Atau tulis tempatnya").fill("Kecamatan Weru, Kabupaten Cirebon")
        page.get_by_role("button", name="Kirim laporan").click()
        page.get_by_text("Laporan diterima").first.wait_for()
        page.get_by_test_id("stCode").first.wait_for()
        reply = page.get_by_test_id("stCode").first.inner_text()
        assert "tidak diteruskan" in reply or "SUDAH DIBANTAH" in reply
        assert not page.get_by_test_id("stException").count()
        page.get_by_test_id("stExpander").first.wait_for()
        shot(page, "20-laporan-phone")
    finally:
        context.close()
