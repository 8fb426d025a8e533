"""The answer a reporting officer gets at once, in plain Indonesian they can forward.

Either the claim was already refuted ("SUDAH DIBANTAH" with the fact-checker's title and
link, from claim matching), or how often Sejuk has seen it: other field reports and other
items (news, public posts) in the same narrative. It is a lead, never a verdict, so an
unmatched message is never called true; the advice is always not to forward it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sejuk.db.models import Item, ItemRegion, Prediction, Report, Source
from sejuk.errors import NotFound
from sejuk.phrases import Phrases
from sejuk.regions.gazetteer import describe
from sejuk.signals import active_version, best_claim_links, safe_url

ADVICE = "Mohon tidak diteruskan ke grup lain sebelum ada penjelasan resmi."


@dataclass(frozen=True)
class ReportOutcome:
    report_id: int
    item_id: int | None
    text: str
    regions: list[dict[str, str]]
    flags: dict[str, float]
    claim_match: dict[str, Any] | None
    reply: str
    similar_reports: int
    similar_items: int
    submitted_at: datetime
    seen_at: datetime
    group_kind: str
    place: str

    def as_json(self) -> dict[str, Any]:
        """The shape ``sejuk reports add --json`` promises."""
        return {"report_id": self.report_id, "item_id": self.item_id, "text": self.text,
                "regions": self.regions, "flags": self.flags, "claim_match": self.claim_match,
                "reply": self.reply}


def claim_match(session: Session, item_id: int) -> dict[str, Any] | None:
    """The best debunk the matcher linked the item to."""
    link = best_claim_links(session, [item_id]).get(item_id)
    if link is None:
        return None
    debunk_id, similarity = link
    debunk = session.get(Item, debunk_id)
    if debunk is None:
        return None
    source = session.get(Source, debunk.source_id) if debunk.source_id else None
    return {"debunk_item_id": debunk_id, "title": debunk.title or debunk.text[:160],
            "link": safe_url(debunk.link), "source": source.name if source else None,
            "similarity": round(float(similarity), 3)}


def flags(session: Session, item_id: int, labels: Sequence[str]) -> dict[str, float]:
    """Labels the active model flags the item for, with their probability."""
    version = active_version(session)
    if version is None:
        return {}
    rows = session.execute(select(Prediction.label, Prediction.probability).where(
        Prediction.item_id == item_id, Prediction.model_version_id == version.id,
        Prediction.flagged.is_(True), Prediction.label.in_(list(labels))))
    return {label: round(float(p), 3) for label, p in rows}


def similar_counts(session: Session, item_id: int) -> tuple[int, int]:
    """(other field reports, other items) in the item's narrative. The other messages of
    the same paste (same reporter, same submission time) are no corroboration of it."""
    narrative = session.scalar(select(Item.narrative_id).where(Item.id == item_id))
    if narrative is None:
        return 0, 0
    members = select(Item.id).where(Item.narrative_id == narrative, Item.id != item_id)
    own = session.execute(select(Report.reporter, Report.submitted_at)
                          .where(Report.item_id == item_id)).first()
    if own is not None:
        members = members.where(Item.id.not_in(select(Report.item_id).where(
            Report.reporter == own.reporter, Report.submitted_at == own.submitted_at,
            Report.item_id.is_not(None))))
    reports = int(session.scalar(select(func.count(func.distinct(Report.item_id)))
                                 .where(Report.item_id.in_(members))) or 0)
    items = int(session.scalar(select(func.count()).select_from(members.subquery())) or 0)
    return reports, items - reports


def reply_text(match: dict[str, Any] | None, reports: int, items: int) -> str:
    """The forwardable answer (see the module doc)."""
    if match is not None:
        lines = ["SUDAH DIBANTAH. Info ini mirip dengan klaim yang sudah dibantah:",
                 f"\"{match['title']}\""]
        if match.get("source"):
            lines.append(f"Sumber: {match['source']}")
        if match.get("link"):
            lines.append(match["link"])
        lines.append("Mohon tidak disebarkan lagi.")
        return "\n".join(lines)
    if reports or items:
        seen = []
        if reports:
            seen.append(f"{reports} laporan lain dari petugas")
        if items:
            seen.append(f"{items} kali di berita/media sosial")
        return ("Belum ada bantahan resmi yang cocok untuk info ini. Pesan serupa sudah "
                f"terlihat: {' dan '.join(seen)}. Sedang diperiksa. {ADVICE}")
    return ("Belum ada bantahan resmi dan belum ada pesan serupa yang tercatat: ini laporan "
            f"pertama. Terima kasih, laporan sedang diperiksa. {ADVICE}")


#: Refusals of a report lookup, in the reader's language.
_ERRORS: Phrases = {"no_report": {"id": "tidak ada laporan {report}",
                                  "en": "no report {report}"}}


def outcome_for(session: Session, report_id: int, labels: Sequence[str]) -> ReportOutcome:
    """What Sejuk knows now about one report (recomputed: a debunk may arrive later)."""
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound.said(_ERRORS, "no_report", report=report_id)
    item = session.get(Item, report.item_id) if report.item_id is not None else None
    regions: list[dict[str, str]] = []
    match = None
    reports = items = 0
    found: dict[str, float] = {}
    if item is not None:
        codes = session.scalars(select(ItemRegion.region_code)
                                .where(ItemRegion.item_id == item.id)
                                .order_by(ItemRegion.region_code))
        regions = [{"code": code, "name": describe(code)} for code in codes]
        match = claim_match(session, item.id)
        reports, items = similar_counts(session, item.id)
        found = flags(session, item.id, labels)
    return ReportOutcome(
        report_id=report.id, item_id=report.item_id, text=item.text if item else "",
        regions=regions, flags=found, claim_match=match,
        reply=reply_text(match, reports, items), similar_reports=reports,
        similar_items=items, submitted_at=report.submitted_at, seen_at=report.seen_at,
        group_kind=report.group_kind, place=report.place)


def reports_of(session: Session, reporter: str, labels: Sequence[str], limit: int = 50
               ) -> list[ReportOutcome]:
    """One reporter's own reports, newest first, each with today's answer."""
    ids = session.scalars(select(Report.id).where(Report.reporter == reporter)
                          .order_by(Report.submitted_at.desc(), Report.id.desc()).limit(limit))
    return [outcome_for(session, report_id, labels) for report_id in list(ids)]


__all__ = ["ReportOutcome", "claim_match", "outcome_for", "reply_text", "reports_of"]
