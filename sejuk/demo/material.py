"""The demo's material -- sources, regions, people, wording and prose templates -- loaded
from the data files in ``sejuk/demo/data`` into frozen dataclasses.

Why this exists: the demo's Indonesian prose is data, not code. The generator
(``generate``) only composes it; this module reads each file once, checks every record
(types, no empty prose, unique keys, places that exist among the demo's regions, sources
that exist in ``sources.csv``) and raises :class:`~sejuk.demo.datafiles.DemoDataError`
naming the file and the record when one is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sejuk.demo.datafiles import DATA_DIR, Folder, Record, read_csv, read_toml

__all__ = ["MATERIAL", "TRUTH_LABELS", "DemoSource", "Material", "Narrative", "Region",
           "Template", "load_material"]

TRUTH_LABELS: frozenset[str] = frozenset({"hoaks", "provokasi", "debunk"})


@dataclass(frozen=True)
class DemoSource:
    """One fixture feed: what it is, where the fixture server serves it, its zone.

    ``naive_times`` marks the source whose feed deliberately omits the zone on some
    entries, so the collector's source-timezone fallback is exercised.
    """

    key: str
    name: str
    kind: str  # news | factcheck | social | official
    region_code: str | None
    fmt: str  # rss2 | rss1 | atom | jsonfeed | mastodon
    path: str
    timezone: str
    interval_minutes: int
    naive_times: bool = False


@dataclass(frozen=True)
class Region:
    """A demo regency/city with the names the templates need."""

    code: str
    name: str
    short: str
    dateline: str
    polres: str
    race: str
    head: str
    gov_race: str
    tz: str
    city: bool
    kecamatan: tuple[tuple[str, tuple[str, ...]], ...]
    candidates: tuple[str, ...]
    n_tps: str
    n_dpt: str
    village_head: str
    tag: str
    kelurahan: frozenset[str] = frozenset()

    def kec_names(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.kecamatan)

    def desa_of(self, kec: str) -> tuple[str, ...]:
        for k, desa in self.kecamatan:
            if k == kec:
                return desa
        raise KeyError(kec)

    def desa_word(self, desa: str) -> str:
        return "Kelurahan" if self.city or desa in self.kelurahan else "Desa"


@dataclass(frozen=True)
class Template:
    """A title + body template; ``where`` limits it to regions or ``code:kecamatan``."""

    title: str
    body: tuple[str, ...]
    where: tuple[str, ...] = ()


@dataclass(frozen=True)
class Narrative:
    """A hoax narrative: variants of one claim, where it spreads, and its debunks."""

    key: str
    label: str
    places: tuple[str, ...]  # "code:kecamatan", repeated for weight
    no: int  # candidate number the claim is about
    variants: tuple[str, ...]  # social copies (plain text)
    both_variants: tuple[str, ...]  # copies that also call to action (hoaks+provokasi)
    news_variant: Template | None  # a news outlet repeating the claim uncritically
    copies: int  # social copies (both_variants are extra)
    days: tuple[int, int]  # (oldest, newest) days ago of the copies
    fc_title: str
    fc_body: tuple[str, ...]
    fc_day: int
    news_debunks: tuple[tuple[str, int, Template], ...] = field(default=())


@dataclass(frozen=True)
class Post:
    """A post used as written: source, day (days ago), title, text, truth, author."""

    source: str
    day: int
    title: str
    text: str
    truth: frozenset[str]
    author: str


@dataclass(frozen=True)
class Awkward:
    """The awkward-but-legitimate entries (see ``awkward.toml``)."""

    notice: dict[str, str | int]  # source, day, title, row, html
    long_report: dict[str, str | int]  # source, day, author, title
    long_report_paragraphs: tuple[str, ...]
    posts: tuple[Post, ...]


@dataclass(frozen=True)
class Material:
    """Everything the generator composes, as read from the data files."""

    sources: tuple[DemoSource, ...]
    regions: tuple[Region, ...]
    places: dict[str, tuple[str, ...]]  # named groups of places
    news_source_by_region: dict[str, str]
    tokoh: dict[str, tuple[str, ...]]  # community figures by regional group
    tokoh_group: dict[str, str]  # region code -> group of ``tokoh``
    reporters: dict[str, tuple[str, ...]]
    mastodon_handles: dict[str, tuple[str, ...]]  # by region code
    telegram_handles: dict[str, tuple[str, ...]]  # by source key
    days: tuple[str, ...]
    months: tuple[str, ...]
    new_places: tuple[str, ...]
    abbreviations: tuple[tuple[str, str], ...]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    closers: dict[str, tuple[str, ...]]  # generic | event | logistics | unrest
    event_words: tuple[str, ...]
    logistics_words: tuple[str, ...]
    routine_news: tuple[Template, ...]
    official: tuple[Template, ...]
    social_neutral: tuple[Template, ...]
    narratives: tuple[Narrative, ...]
    extra_factchecks: tuple[tuple[int, Template], ...]
    extra_hoaxes: tuple[tuple[int, str, str, str], ...]  # (days ago, code, kec, text)
    unrest_social: tuple[Template, ...]  # title is the post's key
    unrest_news: tuple[Template, ...]
    generic_debunks: tuple[Template, ...]
    awkward: Awkward


# ---------------------------------------------------------------------------
# Checks shared by the loaders
# ---------------------------------------------------------------------------


def _unique(records: Iterable[tuple[Record, str]], what: str) -> None:
    seen: set[str] = set()
    for rec, key in records:
        if key in seen:
            raise rec.error(f"duplicate {what} {key!r}")
        seen.add(key)


class _Places:
    """Resolves and checks places ("code" or "code:Kecamatan") and source keys."""

    def __init__(self, regions: tuple[Region, ...], groups: dict[str, tuple[str, ...]],
                 source_keys: set[str]) -> None:
        self.kec = {r.code: set(r.kec_names()) for r in regions}
        self.groups = groups
        self.source_keys = source_keys

    def check(self, rec: Record, place: str) -> str:
        code, sep, kec = place.partition(":")
        if code not in self.kec:
            raise rec.error(f"place {place!r}: {code!r} is not a demo region (regions.toml)")
        if sep and kec not in self.kec[code]:
            raise rec.error(f"place {place!r}: no kecamatan {kec!r} in region {code}")
        return place

    def where(self, rec: Record) -> tuple[str, ...]:
        """A template's ``where``: a list of places or the name of a [places] group."""
        raw = rec.raw.get("where")
        if raw is None:
            return ()
        if isinstance(raw, str):
            if raw not in self.groups:
                raise rec.error(f"'where' names no group of regions.toml [places]: {raw!r}")
            return self.groups[raw]
        return tuple(self.check(rec, p) for p in rec.texts("where"))

    def source(self, rec: Record, key: str) -> str:
        if key not in self.source_keys:
            raise rec.error(f"{key!r} is not a source of sources.csv")
        return key


def _template(rec: Record, places: _Places, *, title_empty: bool = False) -> Template:
    return Template(rec.text("title", empty=title_empty), rec.lines("body"), places.where(rec))


# ---------------------------------------------------------------------------
# Loaders, one per data file
# ---------------------------------------------------------------------------


def _sources(folder: Folder) -> tuple[DemoSource, ...]:
    rows = read_csv("sources.csv", folder)
    _unique(((r, r.text("key")) for r in rows), "source key")
    return tuple(DemoSource(
        r.text("key"), r.text("name"), r.text("kind"), r.optional_text("region_code"),
        r.text("fmt"), r.text("path"), r.text("timezone"), r.integer("interval_minutes"),
        naive_times=r.flag("naive_times")) for r in rows)


def _region(rec: Record) -> Region:
    kec_table = rec.table("kecamatan")
    kecamatan = tuple((kec, kec_table.texts(kec)) for kec in kec_table.raw)
    if not kecamatan:
        raise rec.error("'kecamatan' lists no kecamatan")
    desa = {d for _, names in kecamatan for d in names}
    kelurahan = frozenset(rec.texts("kelurahan")) if "kelurahan" in rec.raw else frozenset()
    if kelurahan - desa:
        raise rec.error(f"'kelurahan' names unknown desa {sorted(kelurahan - desa)}")
    s = rec.text
    return Region(
        s("code"), s("name"), s("short"), s("dateline"), s("polres"), s("race"), s("head"),
        s("gov_race"), s("tz"), rec.flag("city"), kecamatan, rec.texts("candidates"),
        s("n_tps"), s("n_dpt"), s("village_head"), s("tag"), kelurahan=kelurahan)


def _people(folder: Folder, material: dict[str, object], regions: list[Record],
            places: _Places) -> None:
    doc = read_toml("people.toml", folder)
    tokoh = {g: doc.table("tokoh").texts(g) for g in doc.table("tokoh").raw}
    for rec in regions:
        if rec.text("tokoh") not in tokoh:
            raise rec.error(f"'tokoh' names no group of people.toml [tokoh]: {rec.raw['tokoh']!r}")
    reporters, telegram = doc.table("reporters"), doc.table("telegram_handles")
    material.update(
        tokoh=tokoh,
        tokoh_group={r.text("code"): r.text("tokoh") for r in regions},
        reporters={places.source(reporters, k): reporters.texts(k) for k in reporters.raw},
        telegram_handles={places.source(telegram, k): telegram.texts(k) for k in telegram.raw},
    )


def _wording(folder: Folder, material: dict[str, object]) -> None:
    doc = read_toml("wording.toml", folder)
    pairs = doc.raw.get("abbreviations")
    if not isinstance(pairs, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) and x for x in p)
            for p in pairs):
        raise doc.error("'abbreviations' must be a list of [pattern, replacement] pairs")
    closers = read_toml("closers.toml", folder)
    material.update(
        days=doc.texts("days"), months=doc.texts("months"), new_places=doc.texts("new_places"),
        abbreviations=tuple((p, r) for p, r in pairs),
        prefixes=doc.texts("prefixes", empty_items=True),
        suffixes=doc.texts("suffixes", empty_items=True),
        closers={k: closers.lines(k) for k in ("generic", "event", "logistics", "unrest")},
        event_words=closers.texts("event_words"),
        logistics_words=closers.texts("logistics_words"),
    )
    if len(material["days"]) != 7 or len(material["months"]) != 12:  # type: ignore[arg-type]
        raise doc.error("'days' needs 7 names (Monday first) and 'months' 12")


def _narrative(rec: Record, places: _Places) -> Narrative:
    fc = rec.table("factcheck")
    news = rec.optional_table("news_variant")
    days = rec.raw.get("days")
    if not (isinstance(days, list) and len(days) == 2
            and all(isinstance(d, int) and d >= 0 for d in days) and days[0] >= days[1]):
        raise rec.error("'days' must be [oldest, newest] days ago, oldest >= newest >= 0")
    debunks = tuple(
        (places.source(d, d.text("source")), d.integer("day"), _template(d, places))
        for d in rec.records("news_debunk", required=False))
    return Narrative(
        rec.text("key"), rec.text("label"),
        tuple(places.check(rec, p) for p in rec.texts("places")), rec.integer("no"),
        rec.lines("variants"),
        rec.lines("both_variants") if "both_variants" in rec.raw else (),
        _template(news, places) if news is not None else None,
        rec.integer("copies"), (days[0], days[1]), fc.text("title"), fc.lines("body"),
        fc.integer("day"), news_debunks=debunks)


def _stories(folder: Folder, material: dict[str, object], places: _Places) -> None:
    """The prose templates: routine, official, social, narratives, debunks, unrest."""
    def templates(name: str, table: str = "template") -> tuple[Template, ...]:
        return tuple(_template(r, places) for r in read_toml(name, folder).records(table))

    social = read_toml("social_neutral.toml", folder).records("post", name_by="text")
    unrest = read_toml("unrest.toml", folder)
    unrest_social = [(r, r.text("key")) for r in unrest.records("social", name_by="key")]
    _unique(unrest_social, "social key")
    narratives = list(read_toml("narratives.toml", folder).records("narrative", name_by="key"))
    _unique(((r, r.text("key")) for r in narratives), "narrative key")
    checks = read_toml("factchecks.toml", folder)
    hoaxes = list(checks.records("hoax", name_by="text"))
    material.update(
        routine_news=templates("routine_news.toml"),
        official=templates("official.toml"),
        generic_debunks=templates("generic_debunks.toml"),
        social_neutral=tuple(Template("", (r.text("text"),), places.where(r)) for r in social),
        unrest_social=tuple(Template(key, (r.text("text"),), places.where(r))
                            for r, key in unrest_social),
        unrest_news=tuple(_template(r, places) for r in unrest.records("news")),
        narratives=tuple(_narrative(r, places) for r in narratives),
        extra_factchecks=tuple((r.integer("day"), _template(r, places))
                               for r in checks.records("factcheck")),
        extra_hoaxes=tuple(_hoax(r, places) for r in hoaxes),
    )


def _hoax(rec: Record, places: _Places) -> tuple[int, str, str, str]:
    code, sep, kec = places.check(rec, rec.text("place")).partition(":")
    if not sep:
        raise rec.error("'place' must name a kecamatan (code:Kecamatan)")
    return rec.integer("day"), code, kec, rec.text("text")


def _awkward(folder: Folder, places: _Places) -> Awkward:
    doc = read_toml("awkward.toml", folder)
    notice, report = doc.table("notice"), doc.table("long_report")
    posts = []
    for r in doc.records("post", name_by="text"):
        truth = frozenset(r.texts("truth")) if r.raw.get("truth") else frozenset()
        if truth - TRUTH_LABELS:
            raise r.error(f"'truth' has unknown labels {sorted(truth - TRUTH_LABELS)}")
        posts.append(Post(places.source(r, r.text("source")), r.integer("day"),
                          r.text("title", empty=True), r.text("text"), truth, r.text("author")))
    return Awkward(
        notice={"source": places.source(notice, notice.text("source")),
                "day": notice.integer("day"), "title": notice.text("title"),
                "row": notice.text("row"), "html": notice.text("html")},
        long_report={"source": places.source(report, report.text("source")),
                     "day": report.integer("day"), "author": report.text("author"),
                     "title": report.text("title")},
        long_report_paragraphs=report.lines("paragraphs"),
        posts=tuple(posts))


def load_material(folder: Folder = DATA_DIR) -> Material:
    """Read and check every data file of ``folder`` (the shipped ones by default)."""
    sources = _sources(folder)
    doc = read_toml("regions.toml", folder)
    region_recs = list(doc.records("region", name_by="code"))
    _unique(((r, r.text("code")) for r in region_recs), "region code")
    regions = tuple(_region(r) for r in region_recs)
    groups_rec = doc.table("places")
    groups = {g: groups_rec.texts(g) for g in groups_rec.raw}
    places = _Places(regions, groups, {s.key for s in sources})
    for g in groups:
        for p in groups[g]:
            places.check(groups_rec, p)
    material: dict[str, object] = {
        "sources": sources, "regions": regions, "places": groups,
        "news_source_by_region": {r.text("code"): places.source(r, r.text("news_source"))
                                  for r in region_recs},
        "mastodon_handles": {r.text("code"): r.texts("mastodon_handles") for r in region_recs},
    }
    _people(folder, material, region_recs, places)
    _wording(folder, material)
    _stories(folder, material, places)
    material["awkward"] = _awkward(folder, places)
    return Material(**material)  # type: ignore[arg-type]


#: The shipped material, read once at import (the demo and its tests use it).
MATERIAL: Material = load_material()
