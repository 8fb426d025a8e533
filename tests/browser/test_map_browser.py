"""The offline map in headless Debian Chromium against ``sejuk serve`` on the demo.

The Peta page draws the selected kabupaten/kota's kecamatan as polygons (plotly geo
choropleth paths) with TPS points, the overview draws its trend and small map, and no
request of any of it leaves the dashboard's own address (no CDN topojson, no tiles, no
fonts). The printable plan is loaded the same way. Screenshots go to artifacts/browser/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sejuk.access.auth import Principal
from sejuk.outreach.printable import build_printable, render_html
from sejuk.timeutil import local_today
from sejuk.workspace import open_workspace
from tests.browser.conftest import ARTIFACTS, PASSWORD, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def watched(browser: object, server: str) -> Iterator[tuple[object, list[str]]]:
    """A page whose every request (of any frame, worker or fetch) is recorded."""
    context = browser.new_context(viewport={"width": 1440, "height": 1500})  # type: ignore[attr-defined]
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(server)
    page.get_by_label("Nama pengguna").fill("ana")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_test_id("stSidebarNavLink").first.wait_for()
    yield page, requests
    context.close()


def _settle(page: object) -> None:
    page.get_by_test_id("stStatusWidget").wait_for(state="detached")  # type: ignore[attr-defined]
    page.wait_for_timeout(1500)  # type: ignore[attr-defined]


def test_map_draws_kecamatan_polygons_and_tps_with_no_request_leaving(
        watched: tuple[object, list[str]], server: str) -> None:
    page, requests = watched
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Peta").first.click()  # type: ignore[attr-defined]
    page.get_by_role("heading", level=1).filter(has_text="Peta").first.wait_for()  # type: ignore[attr-defined]
    paths = page.locator(".js-plotly-plot .choroplethlocation")  # type: ignore[attr-defined]
    paths.first.wait_for()
    _settle(page)
    assert paths.count() == 40  # the 40 kecamatan of Kabupaten Cirebon, the busiest regency
    box = page.locator(".js-plotly-plot .geolayer").first.bounding_box()  # type: ignore[attr-defined]
    assert box["width"] > 300 and box["height"] > 300
    tps = page.locator(".js-plotly-plot .geolayer .scattergeo path.point")  # type: ignore[attr-defined]
    assert tps.count() > 50  # TPS of the regency (and the desa item markers)
    legend = page.locator(".js-plotly-plot .legendtext").all_text_contents()  # type: ignore[attr-defined]
    assert "TPS Sangat Rawan" in legend and "Batas kab/kota" in legend
    names = page.locator(".js-plotly-plot .geolayer .scattergeo text").all_text_contents()  # type: ignore[attr-defined]
    assert "Plumbon" in names and "Sumber" in names
    shot(page, "30-map-kabupaten")

    # Clicking a kecamatan drills into it: why it scores so, its items, its TPS.
    box = paths.nth(20).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Alasan skor").first.wait_for()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="TPS di").first.wait_for()  # type: ignore[attr-defined]

    # The province: kabupaten/kota coloured, then every kecamatan of Jawa Barat.
    page.get_by_label("Wilayah (Polda/Polres)").click()  # type: ignore[attr-defined]
    page.get_by_role("option", name="Polda Jawa Barat").click()  # type: ignore[attr-defined]
    _settle(page)
    page.wait_for_function("document.querySelectorAll('.choroplethlocation').length == 27")  # type: ignore[attr-defined]
    page.get_by_text("Warnai kecamatan").click()  # type: ignore[attr-defined]
    _settle(page)
    page.wait_for_function("document.querySelectorAll('.choroplethlocation').length > 600")  # type: ignore[attr-defined]
    shot(page, "31-map-province-kecamatan")

    page.get_by_test_id("stSidebarNavLink").filter(has_text="Ringkasan").first.click()  # type: ignore[attr-defined]
    page.locator(".js-plotly-plot .choroplethlocation").first.wait_for()  # type: ignore[attr-defined]
    _settle(page)
    assert page.get_by_text("Tren 28 hari").count() == 1  # type: ignore[attr-defined]
    assert page.locator(".js-plotly-plot .scatterlayer .trace").count() >= 2  # type: ignore[attr-defined]
    shot(page, "32-overview-trend-map")

    outside = [url for url in requests if not url.startswith(server)]
    assert outside == [], outside  # not even cdn.plot.ly's world topojson
    assert not [u for u in requests if "world_" in u or "topojson" in u]


def test_printable_plan_with_map_loads_offline(browser: object, served_home: Path) -> None:
    ws = open_workspace(served_home)
    try:
        with ws.session() as session:
            plan = build_printable(session, ws.settings, kecamatan="32.09.18",
                                   day=local_today(ws.settings.timezone),
                                   principal=Principal("kasat", "viewer"))
    finally:
        ws.close()
    page = browser.new_page(viewport={"width": 900, "height": 1300})  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_content(render_html(plan), wait_until="load")
    svg = page.locator("div.map svg").first
    assert svg.bounding_box()["width"] > 500
    assert "Plumbon" in (svg.text_content() or "")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "33-printable-plan.png"),
                    clip={"x": 0, "y": 0, "width": 900, "height": 1300})
    page.close()
    assert requests == []
