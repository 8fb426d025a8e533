"""Build the demo workspace through the real code paths, offline.

The fixture feeds are rendered for today's date, served from a local HTTP server on
127.0.0.1 and collected by the same collector users point at the web; the starter model
(trained on real Indonesian corpora and Sejuk's samples, ``classifiers/starter.py``) is made
active, items are classified, the TPS roster and the community leaders are imported. Only
the data is fixture; every step is product code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from classifiers.starter import install_starter
from classifiers.workflow import classify_pending
from feeds.collect import CollectReport
from feeds.sources import add_source
from sejuk.db.models import Item, Leader, Meta, Source
from sejuk.demo.content import SOURCES, demo_entries
from sejuk.demo.feedgen import render_feed
from sejuk.demo.server import serve_routes
from sejuk.errors import WorkspaceError
from sejuk.outreach.demo import seed_demo_dialogues
from sejuk.outreach.leaders import parse_leaders, store_leaders
from sejuk.phrases import Phrases, say
from sejuk.pipeline import FeedSources, ingest
from sejuk.signals import active_version
from sejuk.timeutil import local_today, utc_now
from sejuk.tps.roster import parse_roster, store_roster
from sejuk.workspace import Workspace, init_workspace

#: Meta key: the day a demo workspace was first built for (its feeds' "today").
DAY_KEY = "demo_day"

#: Links in demo items point here: a reserved domain, never a real outlet.
DEMO_LINK_BASE = "https://demo.sejuk.example"
DEMO_ACTOR = "demo"


@dataclass(frozen=True)
class DemoSummary:
    collect: CollectReport
    model_version: int
    classified: int
    tps: int
    leaders: int


def _data(name: str) -> str:
    return resources.files("sejuk.demo").joinpath(f"data/{name}").read_text(encoding="utf-8")


_STEPS: Phrases = {
    "roster": {"id": "Menyiapkan data TPS dan tokoh ...",
               "en": "Preparing TPS and leader data ..."},
    "model": {"id": "Memasang model awal (korpus nyata + sampel Sejuk) ...",
              "en": "Installing the starter model (real corpora + Sejuk's samples) ..."},
    "collect": {"id": "Mengumpulkan {n} feed dari server lokal {url} ...",
                "en": "Collecting {n} feeds from the local server {url} ..."},
    "classify": {"id": "Mengklasifikasi item ...", "en": "Classifying items ..."},
    "other_day": {"id": "{home} berisi demo bertanggal {built}; bangun demo untuk {asked} di "
                         "folder lain (--home), agar cerita yang sama tidak tersimpan dua kali "
                         "(tidak ada yang ditambahkan)",
                   "en": "{home} holds a demo dated {built}; build the demo for {asked} in "
                         "another folder (--home), so the same stories are not stored twice "
                         "(nothing was added)"},
    "dated": {"id": "Demo ini tetap bertanggal {day}, hari ia pertama dibangun; untuk demo "
                    "hari ini, bangun di folder lain (--home).",
              "en": "This demo stays dated {day}, the day it was first built; for today's "
                    "demo, build in another folder (--home)."},
    "dialogues": {"id": "Menyiapkan contoh dialog cooling system ...",
                  "en": "Preparing example cooling-system dialogues ..."},
}


def _narrator(progress: Callable[[str], None], lang: str) -> Callable[..., None]:
    """``tell(step, **values)``: one step of the build, in ``lang``, to ``progress``
    (``tell("", text=...)`` passes a sentence already in it)."""

    def tell(step: str, **values: object) -> None:
        progress(say(_STEPS, step, lang, **values) if step else str(values["text"]))

    return tell


def _settle_day(session: Session, asked: date | None, actual: date, zone: str,
                home: Path) -> date:
    """The day this demo is written for: the one it was first built for.

    Guids and links carry the planned dates, so building the same folder for another day
    would store every story a second time, shifted by the days between. A folder built
    before the day was recorded is read from its newest item (never after its build
    day: later posts were moved before the build time)."""
    row = session.get(Meta, DAY_KEY)
    built = date.fromisoformat(row.value) if row is not None else None
    if built is None:
        newest = session.scalar(select(func.max(Item.published_at)))
        built = local_today(zone, newest) if newest is not None else None
        day = built or asked or actual
        session.add(Meta(key=DAY_KEY, value=day.isoformat()))
        if built is None:
            return day
    if asked is not None and asked != built:
        raise WorkspaceError.said(_STEPS, "other_day", home=home, built=built, asked=asked)
    return built


def build_demo(home: Path, *, today: date | None = None,
               progress: Callable[[str], None] | None = None,
               lang: str = "id") -> tuple[Workspace, DemoSummary]:
    """Create (or refresh) a demo workspace in ``home``, telling ``progress`` in ``lang``."""
    tell = _narrator(progress or (lambda _text: None), lang)
    workspace = init_workspace(home, kind="demo")
    settings = workspace.settings
    # Today on the workspace's clock. Posts planned for later today (the demo's
    # newest are written for 05:00-10:59) are moved into the hours before now.
    # (A --date in the future is a rehearsal: its posts stay where they were written.)
    actual_today = local_today(settings.timezone)
    try:
        with workspace.session() as session:
            day = _settle_day(session, today, actual_today, settings.timezone, workspace.home)
    except WorkspaceError:
        workspace.close()
        raise
    if today is None and day < actual_today:
        tell("dated", day=day)
    today = day
    not_after = utc_now() if today <= actual_today else None

    tell("roster")
    with workspace.session() as session:
        rows = parse_roster(_data("tps.csv"), session, name="demo/tps.csv")
        tps_result = store_roster(session, rows, settings.tps, actor=DEMO_ACTOR,
                                  origin="demo/tps.csv")
        leaders = 0
        if not session.scalar(select(func.count()).select_from(Leader)):
            rows = parse_leaders(_data("leaders.csv"), session, name="demo/leaders.csv")
            leaders = store_leaders(session, rows, actor=DEMO_ACTOR,
                                    origin="demo/leaders.csv").added

    tell("model")
    with workspace.session() as session:
        install_starter(session, settings.classifier.labels, settings.models_dir,
                        actor=DEMO_ACTOR)
        model = active_version(session)
        model_version = model.id if model is not None else 0

    entries = demo_entries(today, DEMO_LINK_BASE, not_after=not_after)
    routes = {}
    for source in SOURCES:
        mine = [e for e in entries if e.source_key == source.key]
        routes[source.path] = render_feed(source, mine, DEMO_LINK_BASE)

    with serve_routes(routes) as base_url:
        with workspace.session() as session:
            known = set(session.scalars(select(Source.name)))
            for source in SOURCES:
                if source.name in known:
                    existing = session.scalar(select(Source).where(Source.name == source.name))
                    assert existing is not None
                    existing.url = base_url + source.path
                    existing.etag = existing.last_modified = None
                    continue
                add_source(session, base_url + source.path, source.name, source.kind,
                           region_code=source.region_code,
                           interval_minutes=source.interval_minutes, timezone=source.timezone)
        tell("collect", n=len(SOURCES), url=base_url)
        announced: list[str] = []

        def stage(step: str, _done: int, _total: int) -> None:
            if not announced:  # stored: narratives, claims and scores follow
                announced.append(step)
                tell("classify")

        ingested = ingest(workspace, FeedSources(force=True), progress=stage)
    report = ingested.intake
    tell("", text=report.summary(lang))
    classified = ingested.scored
    if not classified:  # a refreshed demo: the new items were none, the model may be new
        _, classified = classify_pending(workspace)

    tell("dialogues")
    with workspace.session() as session:
        seed_demo_dialogues(session, today, actor=DEMO_ACTOR)
    return workspace, DemoSummary(collect=report, model_version=model_version,
                                  classified=classified, tps=tps_result.added + tps_result.updated,
                                  leaders=leaders)
