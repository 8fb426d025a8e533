"""Retention: raw text is kept only for ``privacy.retention_days``.

Past that age an item keeps what aggregates, narratives, priorities and the audit need
(its id, times, source, regions, scores, narrative, URL) and loses what identifies or
quotes people: text, title of public posts, author hash and handle, and the account name
in the address as published (kept in ``link`` only under the handles opt-in). Texts an analyst
labelled are copied into their label rows first, on purpose: labelled samples are the
training data of the next model and are kept until an administrator deletes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from feeds.platforms import handle_free_link, names_author
from sejuk.access import audit
from sejuk.access.privacy import ensure_salt
from sejuk.db.models import Item, Label
from sejuk.settings import PrivacySettings
from sejuk.timeutil import utc_now

BATCH = 5000


@dataclass(frozen=True)
class RetentionReport:
    cutoff: datetime
    purged: int
    labels_kept: int
    dry_run: bool


def expired_items(session: Session, cutoff: datetime) -> int:
    return int(session.scalar(
        select(func.count()).select_from(Item)
        .where(Item.published_at < cutoff, Item.text_purged_at.is_(None))) or 0)


def purge_expired(session: Session, privacy: PrivacySettings, *, now: datetime | None = None,
                  actor: str = audit.SYSTEM_ACTOR, dry_run: bool = False) -> RetentionReport:
    """Blank the raw text of items older than the retention period, in batches."""
    now = now or utc_now()
    cutoff = now - timedelta(days=privacy.retention_days)
    if dry_run:
        return RetentionReport(cutoff, expired_items(session, cutoff), 0, True)
    purged = kept = 0
    while True:
        ids = list(session.scalars(
            select(Item.id).where(Item.published_at < cutoff, Item.text_purged_at.is_(None))
            .order_by(Item.id).limit(BATCH)))
        if not ids:
            break
        for label in session.scalars(select(Label).where(Label.item_id.in_(ids),
                                                         Label.text.is_(None))):
            item = session.get(Item, label.item_id)
            if item is not None:
                label.text = f"{item.title}\n{item.text}".strip()
                kept += 1
        session.execute(
            update(Item).where(Item.id.in_(ids)).values(
                text="", author_hash=None, author_handle=None, text_purged_at=now))
        session.execute(update(Item).where(Item.id.in_(ids), Item.kind == "post")
                        .values(title=""))
        _drop_handles_from_links(session, ids)
        session.flush()
        purged += len(ids)
    audit.record(session, actor, "retention.purge", f"before {cutoff.isoformat()}",
                 purged=purged, labels_kept=kept, retention_days=privacy.retention_days)
    return RetentionReport(cutoff, purged, kept, False)


def _drop_handles_from_links(session: Session, ids: list[int]) -> None:
    """The address as published names the author (``https://host/@name/113...``): stored
    only under the handles opt-in, it goes with the handle, replaced by the handle-free
    address every other item of that source has."""
    named = [(item_id, link) for item_id, link in session.execute(
        select(Item.id, Item.link).where(Item.id.in_(ids), Item.link.is_not(None)))
        if names_author(link)]
    if not named:
        return
    salt = ensure_salt(session)
    session.execute(update(Item), [{"id": item_id, "link": handle_free_link(link, salt)}
                                   for item_id, link in named])
