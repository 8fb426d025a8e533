"""A field report's way in: checked, read, redacted, stored as items, answered.

A report from a Bhabinkamtibmas or Polsek officer is a lead with a place attached. It
becomes an item of the ``laporan`` source (a pasted group chat: one item, and one report
row, per message that says something) and takes the path every collected item takes
(:func:`sejuk.pipeline.ingest`, with this module's :class:`FieldReport` as its intake:
narratives, claim matching, scoring, the daily rollup behind priorities, hence the
digest and outreach), while who reported it stays in the ``reports`` table, apart from
the text, and in the audit log.

Order matters for "nothing half-stored": everything that can refuse a report (files,
sizes, pictures without text, unknown places, a time in the future) is checked before
the one transaction that stores the item, its regions, the report row and the audit
entry; OCR runs before that transaction so the database is never held while a picture
is read.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from feeds.parse import FeedEntry
from feeds.store import store_entries
from sejuk.access import audit
from sejuk.db.models import ItemRegion, Region, Report, Source
from sejuk.errors import InputError
from sejuk.phrases import Phrases, Said
from sejuk.regions.gazetteer import level_of
from sejuk.regions.tagger import RegionTagger, default_tagger
from sejuk.reports import chat as chat_text
from sejuk.reports.chat import Post
from sejuk.reports.images import image_hash, open_image
from sejuk.reports.ocr import OcrEngine, get_engine
from sejuk.reports.reply import ReportOutcome, outcome_for
from sejuk.timeutil import utc_now
from sejuk.workspace import Workspace

REPORT_SOURCE = "laporan"
REPORT_URL = "laporan:field-reports"
#: Kinds of WhatsApp group a report can come from, as the page shows them in Indonesian
#: and (:data:`GROUP_KINDS_EN`) in English.
GROUP_KINDS: dict[str, str] = {
    "warga": "Warga (RT/RW, kampung, perumahan)",
    "keluarga": "Keluarga",
    "pemuda": "Pemuda / karang taruna",
    "keagamaan": "Keagamaan (majelis taklim, jemaat, remaja masjid)",
    "relawan_paslon": "Relawan / tim paslon",
    "alumni": "Alumni / sekolah",
    "profesi": "Profesi / kerja (ojol, pedagang, guru ...)",
    "lainnya": "Lainnya",
}
GROUP_KINDS_EN: dict[str, str] = {
    "warga": "Residents (RT/RW, kampung, housing estate)",
    "keluarga": "Family",
    "pemuda": "Youth / karang taruna",
    "keagamaan": "Religious (majelis taklim, congregation, mosque youth)",
    "relawan_paslon": "Candidate volunteers / campaign team",
    "alumni": "Alumni / school",
    "profesi": "Work (ojol drivers, traders, teachers ...)",
    "lainnya": "Other",
}
MAX_TEXT = 20_000
MAX_IMAGES = 10
PLACE_EVIDENCE = "tempat pesan terlihat (laporan)"


@dataclass(frozen=True)
class ReportInput:
    """What an officer submits: pasted text or screenshots, and where, when, which group."""

    text: str = ""
    images: tuple[tuple[str, bytes], ...] = ()
    region: str | None = None
    place: str = ""
    seen_at: datetime | None = None
    group: str = "lainnya"


@dataclass
class Prepared:
    """A report that passed every check, ready to store: one post, or one per message
    of a pasted chat (each is its own hoax or call to gather, scored and matched alone)."""

    posts: list[Post]
    channel: str
    image_hashes: list[str] = field(default_factory=list)
    region: str | None = None
    ocr_engine: str | None = None
    #: messages of a pasted chat left out as chatter (:data:`~sejuk.reports.chat.CHATTER_WORDS`)
    chatter: int = 0


def check_meta(session: Session, report: ReportInput, now: datetime,
               tagger: RegionTagger) -> str | None:
    """The region code the report is about, after checking group, time and place."""
    if report.group not in GROUP_KINDS:
        raise InputError.said(_REPORTS, "group", group=report.group,
                              kinds=", ".join(GROUP_KINDS))
    if report.seen_at is not None:
        if report.seen_at.tzinfo is None:
            raise InputError.said(_REPORTS, "no_zone")
        if report.seen_at > now + timedelta(minutes=5):
            raise InputError.said(_REPORTS, "future")
    if len(report.place) > 300:
        raise InputError.said(_REPORTS, "long_place")
    code = (report.region or "").strip() or None
    if code is not None:
        if session.get(Region, code) is None:
            raise InputError.said(_REPORTS, "unknown_code", code=code)
        return code
    if report.place.strip():
        tags = tagger.tag(report.place)
        if not tags:
            raise InputError.said(_REPORTS, "unknown_place", place=report.place)
        return tags[0].code
    return None


def read_report(report: ReportInput, *, engine: Callable[[], OcrEngine],
                max_bytes: int, max_pixels: int) -> Prepared:
    """The report's text, people removed: pasted text as is, screenshots through OCR."""
    if report.text.strip() and report.images:
        raise InputError.said(_REPORTS, "both")
    if report.text.strip():
        if len(report.text) > MAX_TEXT:
            raise InputError.said(_REPORTS, "long_text", limit=MAX_TEXT)
        chat = chat_text.from_pasted(report.text)
        if not chat_text.has_words(chat.text):
            raise InputError.said(_REPORTS, "no_message")
        posts = chat_text.chat_posts(chat)
        return Prepared(posts, "text",
                        chatter=len(chat.messages) - len(posts) if len(posts) > 1 else 0)
    if not report.images:
        raise InputError.said(_REPORTS, "nothing")
    if len(report.images) > MAX_IMAGES:
        raise InputError.said(_REPORTS, "too_many", limit=MAX_IMAGES)
    pictures = [(name, open_image(name, data, max_bytes=max_bytes, max_pixels=max_pixels))
                for name, data in report.images]
    reader = engine()
    parts, forwarded, redactions = [], False, 0
    for name, picture in pictures:
        chat = chat_text.from_screenshot(reader.read(picture), picture)
        if not chat_text.has_words(chat.text):
            raise InputError.said(_REPORTS, "no_text", name=name)
        parts.append(chat.text)
        forwarded |= chat.forwarded
        redactions += chat.redactions
    return Prepared([Post("\n\n".join(parts), redactions, forwarded)], "image",
                    [image_hash(data) for _, data in report.images], ocr_engine=reader.name)


def report_source(session: Session) -> Source:
    """The ``laporan`` source (created on first use, disabled: nothing to poll)."""
    source = session.scalar(select(Source).where(Source.url == REPORT_URL))
    if source is None:
        source = Source(name=REPORT_SOURCE, url=REPORT_URL, kind="social", enabled=False,
                        consecutive_failures=0, interval_minutes=15, full_text=False,
                        terms="full")
        session.add(source)
        session.flush()
    return source


def store_report(session: Session, prepared: Prepared, report: ReportInput, *,
                 reporter: str, salt: str, tagger: RegionTagger, now: datetime
                 ) -> list[Report]:
    """Items, regions, report rows and audit entries, one per post, in the caller's
    transaction: a chat split into posts is stored whole or not at all."""
    source = report_source(session)
    seen_at = report.seen_at or now
    submission = uuid.uuid4().hex
    entries = [FeedEntry(guid=f"laporan:{submission}:{index}", link=None, title="",
                         text=post.text, published=seen_at)
               for index, post in enumerate(prepared.posts, 1)]
    item_ids = store_entries(session, source, entries, salt=salt, tagger=tagger,
                             now=now).new_item_ids
    if prepared.region:  # the place the officer gave, where the text did not name it
        tagged = set(session.scalars(select(ItemRegion.item_id).where(
            ItemRegion.item_id.in_(item_ids), ItemRegion.region_code == prepared.region)))
        session.add_all(ItemRegion(item_id=item_id, region_code=prepared.region,
                                   level=level_of(prepared.region), evidence=PLACE_EVIDENCE)
                        for item_id in item_ids if item_id not in tagged)
    rows = [Report(item_id=item_id, reporter=reporter, submitted_at=now, seen_at=seen_at,
                   region_code=prepared.region, place=report.place.strip()[:300],
                   group_kind=report.group, channel=prepared.channel,
                   images=len(prepared.image_hashes), image_hashes=prepared.image_hashes,
                   forwarded=post.forwarded, redactions=post.redactions,
                   ocr_engine=prepared.ocr_engine)
            for post, item_id in zip(prepared.posts, item_ids, strict=True)]
    session.add_all(rows)
    session.flush()
    split = {"submission": submission, "messages": len(rows), "chatter": prepared.chatter}
    for index, row in enumerate(rows, 1):
        audit.record(session, reporter, "report.add", f"report:{row.id}", item=row.item_id,
                     channel=prepared.channel, images=row.images, region=prepared.region,
                     group=report.group, redactions=row.redactions,
                     **({**split, "message": index} if len(rows) > 1 else {}))
    return rows


@dataclass
class FieldReport:
    """Intake of :func:`sejuk.pipeline.ingest`: one checked and read report (one row per
    post), stored in one transaction; the officer waits for the answer, so just its
    items are finished."""

    prepared: Prepared
    report: ReportInput
    reporter: str
    tagger: RegionTagger
    now: datetime

    def bring_in(self, workspace: Workspace, progress: object = None
                 ) -> tuple[list[int], list[int]]:
        """Store the report; its rows' ids, and their items as the only ones to finish."""
        from sejuk.access.privacy import ensure_salt

        with workspace.session() as session:
            rows = store_report(session, self.prepared, self.report, reporter=self.reporter,
                                salt=ensure_salt(session), tagger=self.tagger, now=self.now)
            ids = [(row.id, row.item_id) for row in rows]
        return [report_id for report_id, _ in ids], [item for _, item in ids if item]


def submit_report(workspace: Workspace, report: ReportInput, *, reporter: str,
                  engine: OcrEngine | None = None, tagger: RegionTagger | None = None,
                  now: datetime | None = None) -> list[ReportOutcome]:
    """Check, read, store and answer one report (see the module doc for the order): one
    answer per post, in the order of the messages (one, unless a chat was pasted)."""
    from sejuk.pipeline import ingest

    now = now or utc_now()
    tagger = tagger or default_tagger()
    settings = workspace.settings.reports
    with workspace.session() as session:
        region = check_meta(session, report, now, tagger)
    prepared = read_report(
        report, engine=(lambda: engine) if engine else (lambda: get_engine(settings.ocr_engine)),
        max_bytes=settings.max_image_mb * 1_000_000, max_pixels=settings.max_pixels)
    prepared.region = region
    report_ids = ingest(workspace, FieldReport(prepared, report, reporter, tagger, now)).intake
    with workspace.session() as session:
        return [outcome_for(session, report_id, workspace.settings.classifier.labels)
                for report_id in report_ids]


def known_image_hashes(session: Session) -> set[str]:
    return {h for hashes in session.scalars(select(Report.image_hashes)
                                            .where(Report.channel == "image"))
            for h in hashes or []}


@dataclass
class ImportOutcome:
    reports: list[ReportOutcome] = field(default_factory=list)
    #: (file name, why it was refused: a sentence naming the file, English as ``str()``)
    refused: list[tuple[str, Said | InputError]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def import_screenshots(workspace: Workspace, files: Sequence[tuple[str, bytes]], *,
                       reporter: str, region: str | None = None, place: str = "",
                       seen_at: datetime | None = None, group: str = "lainnya",
                       engine: OcrEngine | None = None,
                       on_file: Callable[[str, Any], None] | None = None) -> ImportOutcome:
    """One report per screenshot. A refused file is named and the rest go on; a
    screenshot already reported (same bytes) is skipped, so importing twice adds nothing."""
    outcome = ImportOutcome()
    with workspace.session() as session:
        known = known_image_hashes(session)
    for name, data in files:
        if image_hash(data) in known:
            outcome.skipped.append(name)
            continue
        try:
            [result] = submit_report(workspace, ReportInput(images=((name, data),),
                                                            region=region, place=place,
                                                            seen_at=seen_at, group=group),
                                     reporter=reporter, engine=engine)
        except InputError as exc:
            # one line naming the file, whichever check refused it
            outcome.refused.append((name, exc if str(exc).startswith(f"{name}:")
                                    else Said(_REPORTS, "file", {"name": name, "error": exc})))
            if on_file:
                on_file(name, exc)
            continue
        known.add(image_hash(data))
        outcome.reports.append(result)
        if on_file:
            on_file(name, result)
    return outcome


__all__ = ["GROUP_KINDS", "GROUP_KINDS_EN", "REPORT_SOURCE", "ImportOutcome", "ReportInput",
           "import_screenshots", "submit_report"]


_REPORTS: Phrases = {
    "group": {"id": "jenis grup {group!r}: pilih salah satu dari {kinds}",
              "en": "group kind {group!r}: choose one of {kinds}"},
    "no_zone": {"id": "seen-at perlu zona waktu (mis. 2024-11-25T19:20+07:00)",
                "en": "seen-at needs a time zone (e.g. 2024-11-25T19:20+07:00)"},
    "future": {"id": "seen-at ada di masa depan", "en": "seen-at is in the future"},
    "long_place": {"id": "tempat: paling banyak 300 karakter",
                   "en": "place: at most 300 characters"},
    "unknown_code": {"id": "kode wilayah tidak dikenal {code!r}; pilih desa/kecamatan atau tulis "
                           "tempatnya (`sejuk regions list`)",
                     "en": "unknown region code {code!r}; pick a desa/kecamatan or write the "
                           "place (`sejuk regions list`)"},
    "unknown_place": {"id": "tempat {place!r} tidak dikenali; pilih desa atau kecamatannya, "
                            "atau tulis sebagai 'Desa X, Kecamatan Y, Kabupaten Z'",
                      "en": "place {place!r} was not recognised; pick the desa or kecamatan, "
                            "or write it as 'Desa X, Kecamatan Y, Kabupaten Z'"},
    "both": {"id": "kirim teks atau tangkapan layar, jangan keduanya",
             "en": "send either the text or screenshots, not both"},
    "long_text": {"id": "teksnya lebih dari {limit:,} karakter",
                  "en": "the text is longer than {limit:,} characters"},
    "no_message": {"id": "teksnya tidak berisi pesan (hanya nama, nomor atau penanda)",
                   "en": "the text holds no message (only names, numbers or markers)"},
    "nothing": {"id": "laporan perlu teks yang diteruskan atau minimal satu tangkapan layar",
                "en": "a report needs the forwarded text or at least one screenshot"},
    "too_many": {"id": "paling banyak {limit} tangkapan layar per laporan",
                 "en": "at most {limit} screenshots per report"},
    "no_text": {"id": "{name}: tidak ada teks di tangkapan layar ini; kirim tangkapan layar "
                      "pesannya, atau tempel teksnya",
                "en": "{name}: no text found in this screenshot; send a screenshot of the "
                      "messages, or paste the text"},
    "file": {"id": "{name}: {error}", "en": "{name}: {error}"},
}
