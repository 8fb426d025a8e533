"""Hostile text from feeds, imports and reports on every page, in a real browser.

The demo is turned into a standard workspace and given what a red team would feed it:
a fact-check source named ``Cek ![b](http://127.0.0.1:PORT/beacon.png) [KLIK DI SINI]
(http://evil.example/phish)`` (its name reaches the "why" of the dialogue plan), item
titles, narrative titles, hashtags, leader names, dialogue places, topics and follow-ups
with Markdown images and links, bare addresses, e-mail addresses and HTML. Every page is
opened (as an administrator, and the dialogue plan as a viewer, where the red team saw
it): no image and no link from that text may be rendered, no request may leave for
another host (a beacon server on 127.0.0.1 counts any that reach it), and the text
itself is shown, as characters.

The same server also proves the web layer's guards (``dashboard/guard.py``): an export
is fetched only by the browser that asked for it, ``/_stcore/metrics`` is closed, and a
link to a page survives the login form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from time import monotonic

import httpx
import pytest
from sqlalchemy import select as sql_select
from sqlalchemy import update

from sejuk.db.models import FollowUp, Item, Leader, Narrative, Outreach, Source
from sejuk.reports import ReportInput
from sejuk.reports.intake import submit_report
from sejuk.settings import Settings
from sejuk.timeutil import local_today
from sejuk.workspace import open_workspace
from tests.browser.conftest import PASSWORD, serving, shot
from tests.browser.test_dashboard_browser import login
from tests.conftest import PostgresDatabases, clone_home
from tests.dashboard.conftest import make_standard
from tests.httpserver import TestServer, running_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EVIL = "evil.example"


def hostile(beacon: str, what: str) -> str:
    """Markdown, HTML and addresses that must all end up as plain characters."""
    return (f"{what} ![b]({beacon}/{what}.png) [KLIK DI SINI](http://{EVIL}/{what}) "
            f"<img src={beacon}/{what}-html.png> www.{EVIL}/{what} lapor@{EVIL} "
            f"**tebal** :red[merah] `kode`")


@pytest.fixture(scope="module")
def beacon() -> Iterator[TestServer]:
    """A server the hostile text points at: any request reaching it is a failure."""
    with running_server() as server:
        yield server


@pytest.fixture(scope="module")
def hostile_home(demo_homes: Callable[[date], Path], tmp_path_factory: pytest.TempPathFactory,
                 postgres: PostgresDatabases | None, beacon: TestServer) -> Path:
    demo_home = demo_homes(local_today(Settings.timezone))
    home = make_standard(clone_home(demo_home, tmp_path_factory.mktemp("hostile") / "ws",
                                    postgres))
    base = beacon.base
    ws = open_workspace(home)
    try:
        with ws.session() as session:
            # The red team's source name, on the fact-check source: it is named in the
            # "why" of every talking point its debunks support.
            session.execute(update(Source).where(Source.name == "Cek Fakta Jernih").values(
                name=f"Cek ![b]({base}/beacon.png) [KLIK DI SINI](http://{EVIL}/phish)"))
            # Any other source can publish the debunk a talking point cites (which one the
            # claim matcher picks is not this test's business): all carry the same text.
            for n, source in enumerate(session.scalars(sql_select(Source).where(
                    Source.kind != "social", ~Source.name.startswith("Cek ")))):
                source.name = f"Cek{n} ![b]({base}/beacon{n}.png) [KLIK](http://{EVIL}/p{n})"
            # (a source name holds at most 200 characters, as PostgreSQL enforces: the
            # red-team text alone)
            for n, source in enumerate(session.scalars(sql_select(Source).where(
                    Source.kind == "social"))):
                source.name = hostile(base, f"s{n}")
            for n, narrative in enumerate(session.scalars(sql_select(Narrative))):
                narrative.title = hostile(base, f"narasi{n}") + " " + narrative.title
            flagged = session.scalars(sql_select(Item).where(
                Item.narrative_id.is_not(None))).all()
            for n, item in enumerate(flagged):
                item.title = hostile(base, f"judul{n}") + " " + (item.title or "")
                item.hashtags = [hostile(base, f"tagar{n}")]
            for n, leader in enumerate(session.scalars(sql_select(Leader))):
                leader.name = (hostile(base, f"t{n}") + " " + leader.name)[:200]  # its limit
                leader.organisation = hostile(base, f"o{n}")[:200]
            for n, outreach in enumerate(session.scalars(sql_select(Outreach))):
                outreach.place = hostile(base, f"tempat{n}")
                outreach.topics = [hostile(base, f"topik{n}")]
                outreach.participants = [hostile(base, f"peserta{n}")]
            for n, follow_up in enumerate(session.scalars(sql_select(FollowUp))):
                follow_up.description = hostile(base, f"tindak{n}")
        # A field report with the same kind of text (the admin's own, so the Laporan page
        # lists it). Its free-text place carries the same text: a place is accepted only
        # when it names a real one (here Kecamatan Sumber), an unknown one is refused (see
        # the test of the report form below).
        submit_report(ws, ReportInput(
            text=hostile(base, "laporan") + " Katanya surat suara sudah dicoblos di gudang.",
            place=hostile(base, "lokasi") + " Kecamatan Sumber, Kabupaten Cirebon",
            group="warga"), reporter="adi")
    finally:
        ws.close()
    return home


@pytest.fixture(scope="module")
def hostile_server(hostile_home: Path) -> Iterator[str]:
    """``sejuk serve`` (the guarded app) on the hostile workspace."""
    with serving(hostile_home) as base:
        yield base


@pytest.fixture
def browse(browser: object, hostile_server: str) -> Iterator[Callable[[], object]]:
    """New pages on the hostile server, each recording every request it makes."""
    contexts = []

    def new_page() -> object:
        context = browser.new_context(viewport={"width": 1440, "height": 2000},  # type: ignore[attr-defined]
                                      accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(120_000)
        page.requests = []  # type: ignore[attr-defined]
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message),  # type: ignore[attr-defined]
                                          dialog.dismiss()))
        return page

    yield new_page
    for context in contexts:
        context.close()


def settle(page: object) -> None:
    page.get_by_test_id("stStatusWidget").wait_for(state="detached")  # type: ignore[attr-defined]
    page.get_by_test_id("stSkeleton").first.wait_for(state="detached")  # type: ignore[attr-defined]


def open_expanders(page: object) -> None:
    """Open every closed expander: what it holds is on the page too."""
    summaries = page.locator("details > summary")  # type: ignore[attr-defined]
    for n in range(summaries.count()):
        if summaries.nth(n).evaluate("summary => !summary.parentElement.open"):
            summaries.nth(n).click()
    settle(page)


#: Each page's own title: waiting for it (not for any title, which the page being left
#: still shows) keeps the checks from running on the previous page.
TITLES = {"Ringkasan": "Pantauan Hoaks", "Rencana dialog": "Rencana dialog cooling",
          "Log dialog": "Log dialog dan tindak lanjut", "Tokoh": "Registri tokoh"}


def open_page(page: object, name: str) -> None:
    page.get_by_test_id("stSidebarNavLink").filter(has_text=name).first.click()  # type: ignore[attr-defined]
    page.get_by_role("heading", level=1).filter(  # type: ignore[attr-defined]
        has_text=TITLES.get(name, name)).first.wait_for()
    settle(page)
    open_expanders(page)


def assert_inert(page: object, origin: str, beacon: TestServer, where: str) -> None:
    """No image or link made of hostile text, no request off the app's own origin."""
    links = page.evaluate(  # type: ignore[attr-defined]
        "() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    images = page.evaluate(  # type: ignore[attr-defined]
        "() => [...document.querySelectorAll('img[src], image[href], source[src]')]"
        ".map(e => e.src || e.getAttribute('href'))")
    assert not [h for h in links if EVIL in h or beacon.base in h], (where, links)
    assert not [s for s in images if not s.startswith((origin, "data:", "blob:"))], \
        (where, images)
    away = [u for u in page.requests  # type: ignore[attr-defined]
            if not u.startswith((origin, "data:", "blob:"))]
    assert away == [], (where, away)
    assert dict(beacon.hits) == {}, where
    assert page.dialogs == [], where  # type: ignore[attr-defined]
    assert not page.get_by_test_id("stException").count(), where  # type: ignore[attr-defined]


ADMIN_PAGES = ["Ringkasan", "Peta", "Item", "Narasi", "TPS", "Rencana dialog", "Log dialog",
               "Tokoh", "Laporan", "Pelabelan", "Model", "Sumber"]
#: Where the hostile text is drawn as text (not only inside a table's canvas): what the
#: check must find there, literally (a link's address is followed by an invisible word
#: joiner, which keeps Markdown from making it a link, so the pattern stops before it).
SHOWN = {"Item": re.compile(r"(judul\d+|laporan) !\[b\]\(http"),  # the newest item's detail
         "Narasi": re.compile(r"narasi\d+ !\[b\]\(http"),
         "Rencana dialog": re.compile(r"sudah dibantah oleh Cek\d* !\[b\]\(http"),
         "Log dialog": re.compile(r"tempat\d+ !\[b\]\(http"),
         "Laporan": re.compile(r"laporan !\[b\]\(http")}


def shown(page: object, pattern: re.Pattern[str], timeout_s: float = 120) -> None:
    """Wait until the page shows ``pattern`` as plain characters (tables draw theirs on a
    canvas, with hidden copies for screen readers: those do not count). Expanders that
    appear after the page first settled (a slow first run draws the plan's areas one by
    one) are opened while waiting: text in a closed one is not shown."""
    deadline = monotonic() + timeout_s
    while not page.get_by_text(pattern).filter(visible=True).count():  # type: ignore[attr-defined]
        if monotonic() > deadline:
            shot(page, "hostile-failed")  # what the page showed instead, for the CI log
            body = page.inner_text("body")  # type: ignore[attr-defined]
            raise AssertionError(f"{pattern.pattern!r} not shown; the page said:\n{body}")
        page.wait_for_timeout(500)  # type: ignore[attr-defined]
        open_expanders(page)


def test_every_page_shows_hostile_text_as_text(browse: Callable[[], object],
                                               hostile_server: str,
                                               beacon: TestServer) -> None:
    page = browse()
    page.goto(hostile_server)  # type: ignore[attr-defined]
    login(page, "adi")
    page.get_by_test_id("stSidebarNavLink").first.wait_for()  # type: ignore[attr-defined]
    for n, name in enumerate(ADMIN_PAGES, start=1):
        open_page(page, name)
        if name == "Item":  # the hostile items are older than the default window
            page.get_by_label("Rentang waktu").first.click()  # type: ignore[attr-defined]
            page.get_by_role("option", name="Semua waktu").click()  # type: ignore[attr-defined]
            page.get_by_text("Hanya ditandai").click()  # type: ignore[attr-defined]
            settle(page)
        if name == "Laporan":  # the list of one's reports renders after the form
            page.locator("details > summary").first.wait_for()  # type: ignore[attr-defined]
            open_expanders(page)
        if name in SHOWN:
            shown(page, SHOWN[name])
        assert_inert(page, hostile_server, beacon, name)
        shot(page, f"hostile-{n:02d}-{name.lower().replace(' ', '-')}")


def test_the_dialogue_plan_is_inert_for_a_viewer_too(browse: Callable[[], object],
                                                     hostile_server: str,
                                                     beacon: TestServer) -> None:
    page = browse()
    page.goto(hostile_server + "/dialog")  # type: ignore[attr-defined]
    login(page, "vera")
    page.get_by_role("heading", level=1).filter(has_text="Rencana dialog").first.wait_for()  # type: ignore[attr-defined]
    settle(page)
    open_expanders(page)
    shown(page, SHOWN["Rencana dialog"])
    assert_inert(page, hostile_server, beacon, "dialog (viewer)")
    shot(page, "hostile-viewer-dialog")


def test_a_refused_report_quotes_its_hostile_place_as_text(browse: Callable[[], object],
                                                          hostile_server: str,
                                                          beacon: TestServer) -> None:
    """An unknown place is refused with an error line that quotes it: as characters."""
    page = browse()
    page.goto(hostile_server + "/laporan")  # type: ignore[attr-defined]
    login(page, "adi")
    page.get_by_role("heading", level=1).filter(has_text="Laporan").first.wait_for()  # type: ignore[attr-defined]
    settle(page)
    # the uploader states the workspace's image limit (reports.max_image_mb), not 200MB
    page.get_by_text("10MB per file").first.wait_for()  # type: ignore[attr-defined]
    page.get_by_role("textbox", name="Teks pesan").fill(  # type: ignore[attr-defined]
        "Katanya surat suara sudah dicoblos di gudang KPU, sebarkan.")
    page.get_by_label("Atau tulis tempatnya").fill(hostile(beacon.base, "tempatlapor"))  # type: ignore[attr-defined]
    page.get_by_role("button", name="Kirim laporan").click()  # type: ignore[attr-defined]
    shown(page, re.compile(r"tempat 'tempatlapor !\[b\]\(http"))  # in the page's language
    settle(page)
    assert_inert(page, hostile_server, beacon, "laporan (refused place)")
    shot(page, "hostile-laporan-refused-place")


def test_a_deep_link_survives_the_login_and_the_role_decides(
        browse: Callable[[], object], hostile_server: str) -> None:
    page = browse()
    page.goto(hostile_server + "/narasi")  # type: ignore[attr-defined]
    page.get_by_label("Kata sandi").wait_for()  # type: ignore[attr-defined]
    assert not page.get_by_test_id("stSidebarNavLink").count()  # type: ignore[attr-defined]
    login(page, "vera")
    page.get_by_role("heading", level=1).filter(has_text="Narasi").first.wait_for()  # type: ignore[attr-defined]
    assert page.url.rstrip("/").endswith("/narasi")  # type: ignore[attr-defined]
    # a page the role may not open is not opened by its link either
    other = browse()
    other.goto(hostile_server + "/model")  # type: ignore[attr-defined]
    login(other, "vera")
    other.get_by_test_id("stSidebarNavLink").first.wait_for()  # type: ignore[attr-defined]
    settle(other)
    assert not other.get_by_role("heading", level=1).filter(has_text="Model").count()  # type: ignore[attr-defined]


def test_an_export_is_served_only_to_the_browser_that_asked(
        browse: Callable[[], object], hostile_server: str) -> None:
    page = browse()
    page.goto(hostile_server + "/item")  # type: ignore[attr-defined]
    login(page, "ana")
    page.get_by_role("heading", level=1).filter(has_text="Item").first.wait_for()  # type: ignore[attr-defined]
    settle(page)
    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.get_by_role("button", name="Ekspor CSV").click()  # type: ignore[attr-defined]
    url = download.value.url
    assert Path(download.value.path()).read_bytes()  # the browser that asked has it
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}  # type: ignore[attr-defined]
    assert httpx.get(url, cookies=cookies, timeout=30).status_code == 200
    assert httpx.get(url, timeout=30).status_code == 404  # no session
    stranger = browse()
    stranger.goto(hostile_server)  # type: ignore[attr-defined]
    login(stranger, "vera")  # signed in, but not who asked
    stranger.get_by_test_id("stSidebarNavLink").first.wait_for()  # type: ignore[attr-defined]
    theirs = {c["name"]: c["value"] for c in stranger.context.cookies()}  # type: ignore[attr-defined]
    assert theirs["sejuk_client"] != cookies["sejuk_client"]
    assert httpx.get(url, cookies=theirs, timeout=30).status_code == 404


def test_metrics_are_closed(hostile_server: str) -> None:
    assert httpx.get(f"{hostile_server}/_stcore/metrics", timeout=30).status_code == 404
    assert httpx.get(f"{hostile_server}/_stcore/health", timeout=30).text == "ok"


def test_password_is_not_in_the_page_source(browse: Callable[[], object],
                                            hostile_server: str) -> None:
    page = browse()
    page.goto(hostile_server)  # type: ignore[attr-defined]
    login(page, "adi", PASSWORD)
    page.get_by_test_id("stSidebarNavLink").first.wait_for()  # type: ignore[attr-defined]
    settle(page)
    # the login form's fields stay, stale, until the first page's run ends: on a loaded
    # machine that is after the status widget has come and gone, so wait for them to go
    # (a form that stayed would time out here)
    page.get_by_label("Kata sandi").wait_for(state="detached")  # type: ignore[attr-defined]
    assert PASSWORD not in page.content()  # type: ignore[attr-defined]
