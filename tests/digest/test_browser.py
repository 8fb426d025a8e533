"""The HTML digest in headless Debian Chromium: self-contained (no request leaves the
page), no script runs even with hostile items, and a PNG of it lands in artifacts/."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from sejuk.digest import render
from sejuk.digest.service import make_digest
from tests.digest.conftest import CRAFTED_TITLE, plant_hostile

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "digest"
CHROMIUM = Path("/usr/bin/chromium")


def _inspect(html: str, name: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page(viewport={"width": 760, "height": 1000})
            requests: list[str] = []
            dialogs: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.route("**/*", lambda route: route.abort())
            page.set_content(html, wait_until="load")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            # Headless Chromium cannot capture very tall pages in one piece: keep the
            # artefact to the first 10,000 pixels (the top of the digest is what to see).
            height = min(int(page.evaluate("document.documentElement.scrollHeight")), 10_000)
            width = page.viewport_size["width"] if page.viewport_size else 1280
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True,
                            clip={"x": 0, "y": 0, "width": width, "height": height})
            return {
                "requests": requests, "dialogs": dialogs, "body": page.inner_text("body"),
                "active": page.locator("script, img, iframe, object, embed").count(),
                "chart": page.locator("svg").first.bounding_box(),
                "map": page.locator("svg[aria-label^='Peta prioritas']").first.bounding_box(),
                "card": page.locator("table[width='680']").bounding_box(),
                "hrefs": page.eval_on_selector_all("a", "els => els.map(e => e.href)"),
            }
        finally:
            browser.close()


def in_chromium(html: str, name: str) -> dict[str, Any]:
    """Load ``html`` in Chromium, record requests and dialogs, screenshot it.

    Runs in a thread of its own: Playwright's sync API refuses a thread in which an
    asyncio loop is running, and other tests may leave one behind in the main thread.
    """
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed")
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_inspect, html, name).result(timeout=120)


def test_digest_renders_offline_with_no_script(demo_copy) -> None:
    day, _hostile, _crafted = plant_hostile(demo_copy)
    digest = make_digest(demo_copy, day, None)
    seen = in_chromium(render(digest, "html"), "digest-hostile")
    assert seen["requests"] == [] and seen["dialogs"] == []
    assert CRAFTED_TITLE.split(" [")[0] in seen["body"]  # shown as text
    assert seen["active"] == 0
    assert seen["chart"]["width"] > 300 and seen["chart"]["height"] > 100
    assert seen["card"]["width"] <= 682
    assert seen["hrefs"] and all(h.startswith(("https://", "http://")) for h in seen["hrefs"])


def test_demo_digest_screenshot(demo_workspace, demo_day) -> None:
    digest = make_digest(demo_workspace, demo_day, "Polres Cirebon")
    seen = in_chromium(render(digest, "html"), "digest-demo")
    assert seen["requests"] == [] and seen["dialogs"] == []
    assert "Polres Kabupaten Cirebon" in seen["body"]
    assert seen["map"]["width"] >= 600 and seen["map"]["height"] >= 350  # the map, drawn
    assert (ARTIFACTS / "digest-demo.png").stat().st_size > 10_000
