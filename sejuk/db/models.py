"""The data model: typed SQLAlchemy 2.0 tables shared by every capability.

Design notes (why it looks like this):
- Items are stored once per story: unique by canonical URL, and ``item_sources`` keeps
  every (source, guid) that delivered it, so the same story from two outlets is one row
  that remembers both, and a re-fetch of one feed is recognised by its guid.
- Region codes are Kemendagri codes in dotted form (``32.09.01.2001``); an item's regions
  live in ``item_regions`` so that area queries use an index instead of JSON scans.
- Predictions are per item, label and model version with a precomputed ``flagged`` so
  that "flagged today" is an index range scan even with millions of items.
- Vulnerability levels are small integers (1 Kurang Rawan, 2 Rawan, 3 Sangat Rawan) so
  that "worst TPS in an area" is ``max(level)``.
- Authors are stored as a salted hash; ``author_handle`` stays NULL unless an
  administrator opted in.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sejuk.db.types import JSONType, UTCDateTime
from sejuk.timeutil import utc_now


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSONType,
    }


class Meta(Base):
    """Workspace facts that must be shared by every process: schema marker, author salt."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Region(Base):
    __tablename__ = "regions"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16), index=True)
    parent_code: Mapped[str | None] = mapped_column(String(16), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)


class Jurisdiction(Base):
    """A police unit (Polda, Polres/Polresta, Polsek) and the region codes it covers."""

    __tablename__ = "jurisdictions"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("jurisdictions.id"))
    # Personnel rule per level, e.g. {"1": "2:5", "2": "1:1", "3": "2:1", "special_min": 2};
    # empty means the parent's rule, else the default (see sejuk.tps.personnel).
    personnel: Mapped[dict[str, Any]] = mapped_column(default=dict)
    areas: Mapped[list[JurisdictionArea]] = relationship(cascade="all, delete-orphan")


class JurisdictionArea(Base):
    __tablename__ = "jurisdiction_areas"
    jurisdiction_id: Mapped[int] = mapped_column(
        ForeignKey("jurisdictions.id", ondelete="CASCADE"), primary_key=True
    )
    region_code: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)


class Source(Base):
    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    region_code: Mapped[str | None] = mapped_column(String(16))
    timezone: Mapped[str | None] = mapped_column(String(64))
    interval_minutes: Mapped[int] = mapped_column(Integer, default=15)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_fetch_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    next_due_at: Mapped[datetime | None] = mapped_column(index=True)
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    # Feed collection (0003): the public-post platform a social feed comes from
    # (mastodon, bluesky, youtube, reddit, telegram; NULL for plain news feeds), and
    # whether to fetch each entry's page for the full text when the feed has summaries.
    platform: Mapped[str | None] = mapped_column(String(16))
    full_text: Mapped[bool] = mapped_column(Boolean, default=False)
    # Catalogue and terms (0008): the catalogue entry the source came from, and what may
    # be stored of its items: "full" text, the "lead" (title, first paragraph, link) or
    # the "title" and link only (see feeds.terms).
    catalog_id: Mapped[str | None] = mapped_column(String(64))
    terms: Mapped[str] = mapped_column(String(16), default="full", server_default="full")


class Narrative(Base):
    """A cluster of near-duplicate items: one claim copied with small edits."""

    __tablename__ = "narratives"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime] = mapped_column(index=True)
    size: Mapped[int] = mapped_column(Integer, default=1)
    # A soft reference (no foreign key): narratives and items reference each other, and a
    # purged debunk must not block retention.
    debunk_item_id: Mapped[int | None] = mapped_column(Integer)


class NarrativeBucket(Base):
    """One LSH band of an item's MinHash signature (0003): items sharing a bucket are
    candidate near-duplicates, so clustering a new item is an indexed lookup instead of a
    comparison with every stored item."""

    __tablename__ = "narrative_buckets"
    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    # ``url`` is the canonical form (dedup key); ``link`` is the address as published.
    url: Mapped[str | None] = mapped_column(String(2000), unique=True)
    link: Mapped[str | None] = mapped_column(String(2000))
    guid: Mapped[str | None] = mapped_column(String(2000))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16), default="article")
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(index=True)
    fetched_at: Mapped[datetime] = mapped_column(default=utc_now)
    language: Mapped[str | None] = mapped_column(String(8))
    author_hash: Mapped[str | None] = mapped_column(String(64))
    author_handle: Mapped[str | None] = mapped_column(String(200))
    hashtags: Mapped[list[str]] = mapped_column(JSONType, default=list)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    is_debunk: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The analyst whose word settled ``is_debunk`` (None: the rules recognise it).
    debunk_by: Mapped[str | None] = mapped_column(String(100))
    narrative_id: Mapped[int | None] = mapped_column(
        ForeignKey("narratives.id", ondelete="SET NULL"), index=True
    )
    triage: Mapped[str | None] = mapped_column(String(16), index=True)
    triage_by: Mapped[str | None] = mapped_column(String(100))
    triage_at: Mapped[datetime | None]
    text_purged_at: Mapped[datetime | None]

    source: Mapped[Source | None] = relationship()
    regions: Mapped[list[ItemRegion]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class ItemSource(Base):
    """Every (source, guid) that delivered an item: dedup key and provenance."""

    __tablename__ = "item_sources"
    __table_args__ = (UniqueConstraint("source_id", "guid", name="uq_item_sources_source_guid"),)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    guid: Mapped[str] = mapped_column(String(2000))
    seen_at: Mapped[datetime] = mapped_column(default=utc_now)


class ItemRegion(Base):
    __tablename__ = "item_regions"
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    region_code: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    level: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[str] = mapped_column(Text, default="")


class IngestBacklog(Base):
    """Stored items whose after-ingest work is not done yet (0009).

    A row is written in the same transaction as its item, so a crash (even ``kill -9``)
    between storing and post-processing leaves the work on record; every run of the
    ingest path (:func:`sejuk.pipeline.ingest`) finishes the backlog, stage by stage, each
    stage's batch in one transaction with the stage's own writes: 0 = narratives,
    1 = claim matching, 2 = scoring and the rollup (the row is deleted then).
    """

    __tablename__ = "ingest_backlog"
    __table_args__ = (Index("ix_ingest_backlog_stage", "stage", "item_id"),)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    stage: Mapped[int] = mapped_column(Integer, default=0)
    queued_at: Mapped[datetime] = mapped_column(default=utc_now)


class AreaDaySignal(Base):
    """Daily rollup per model version, tagged region and label (see sejuk.rollup).

    Kept so that priorities and baselines read (areas x days) rows instead of scanning
    millions of predictions; ``weight`` is the sum of confidence x source reach of the
    flagged items.
    """

    __tablename__ = "area_day_signals"
    model_version_id: Mapped[int] = mapped_column(
        ForeignKey("model_versions.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    region_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    label: Mapped[str] = mapped_column(String(32), primary_key=True)
    items: Mapped[int] = mapped_column(Integer, default=0)
    flagged: Mapped[int] = mapped_column(Integer, default=0)
    weight: Mapped[float] = mapped_column(Float, default=0.0)


class ModelVersion(Base):
    __tablename__ = "model_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    trained_at: Mapped[datetime] = mapped_column(default=utc_now)
    path: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64))
    labels: Mapped[list[str]] = mapped_column(JSONType)
    metrics: Mapped[dict[str, Any]] = mapped_column(default=dict)
    card: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), default="candidate")
    promoted_at: Mapped[datetime | None]
    promoted_by: Mapped[str | None] = mapped_column(String(100))


class Prediction(Base):
    __tablename__ = "predictions"
    __table_args__ = (
        Index("ix_predictions_flagged", "model_version_id", "label", "flagged", "probability"),
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    model_version_id: Mapped[int] = mapped_column(
        ForeignKey("model_versions.id", ondelete="CASCADE"), primary_key=True
    )
    label: Mapped[str] = mapped_column(String(32), primary_key=True)
    probability: Mapped[float] = mapped_column(Float)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    reasons: Mapped[list[str]] = mapped_column(JSONType, default=list)
    scored_at: Mapped[datetime] = mapped_column(default=utc_now)


class ClaimMatch(Base):
    """An item that repeats a claim a debunk describes, with the similarity."""

    __tablename__ = "claim_matches"
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    debunk_item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    similarity: Mapped[float] = mapped_column(Float)
    matched_at: Mapped[datetime] = mapped_column(default=utc_now)


class DebunkedClaim(Base):
    """An item an analyst marked as a debunked claim (claim matching links its copies).

    Fact-check items are debunks by their source; this covers claims refuted elsewhere
    (an official statement, a phone call) that the analyst vouches for, with a note.
    """

    __tablename__ = "debunked_claims"
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class Label(Base):
    """An analyst's (or an imported file's) label: training data for the next model."""

    __tablename__ = "labels"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("items.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str | None] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(32))
    value: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(16), default="dashboard")
    #: How the labelling queue drew the item (``cold``, ``cue``, ``sample``: at random, so
    #: the label measures the active model on the stream, :mod:`classifiers.live`;
    #: ``uncertain``: for the model's doubts); NULL when the analyst picked it while
    #: reading, and for files.
    drawn: Mapped[str | None] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class Tps(Base):
    __tablename__ = "tps"
    __table_args__ = (UniqueConstraint("region_code", "number", "election", name="uq_tps"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(String(16), index=True)
    number: Mapped[int] = mapped_column(Integer)
    election: Mapped[str] = mapped_column(String(64), default="")
    voters: Mapped[int] = mapped_column(Integer, default=0)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    special_kind: Mapped[str | None] = mapped_column(String(32))
    indicators: Mapped[dict[str, Any]] = mapped_column(default=dict)
    assessed_level: Mapped[int | None] = mapped_column(Integer)
    computed_level: Mapped[int] = mapped_column(Integer, default=1)
    override_level: Mapped[int | None] = mapped_column(Integer)
    override_reason: Mapped[str | None] = mapped_column(Text)
    override_by: Mapped[str | None] = mapped_column(String(100))
    override_at: Mapped[datetime | None]
    level: Mapped[int] = mapped_column(Integer, default=1, index=True)


class Leader(Base):
    __tablename__ = "leaders"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    region_code: Mapped[str] = mapped_column(String(16), index=True)
    phone: Mapped[str] = mapped_column(String(64), default="")
    affiliation: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class Outreach(Base):
    """A cooling-system dialogue: planned, held or cancelled."""

    __tablename__ = "outreach"
    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(String(16), index=True)
    scheduled_at: Mapped[datetime] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(16), default="planned")
    participants: Mapped[list[str]] = mapped_column(JSONType, default=list)
    topics: Mapped[list[str]] = mapped_column(JSONType, default=list)
    outcome: Mapped[str] = mapped_column(Text, default="")
    # What the leaders and the unit agreed to do, as recorded after the dialogue.
    commitments: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    leaders: Mapped[list[OutreachLeader]] = relationship(cascade="all, delete-orphan")
    follow_ups: Mapped[list[FollowUp]] = relationship(cascade="all, delete-orphan")


class OutreachLeader(Base):
    __tablename__ = "outreach_leaders"
    outreach_id: Mapped[int] = mapped_column(
        ForeignKey("outreach.id", ondelete="CASCADE"), primary_key=True
    )
    leader_id: Mapped[int] = mapped_column(
        ForeignKey("leaders.id", ondelete="CASCADE"), primary_key=True
    )
    attended: Mapped[bool | None] = mapped_column(Boolean)


class FollowUp(Base):
    __tablename__ = "follow_ups"
    id: Mapped[int] = mapped_column(primary_key=True)
    outreach_id: Mapped[int] = mapped_column(ForeignKey("outreach.id", ondelete="CASCADE"))
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[date] = mapped_column(Date, index=True)
    done_at: Mapped[datetime | None]
    done_by: Mapped[str | None] = mapped_column(String(100))


class Operation(Base):
    """A named police operation period; every view can be filtered to it."""

    __tablename__ = "operations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]


class Report(Base):
    """A field report: who saw what where and when. The text is the item's (a
    ``laporan`` source's); the reporter is kept here only, apart from the text."""

    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("items.id", ondelete="SET NULL"), index=True)
    reporter: Mapped[str] = mapped_column(String(100), index=True)
    submitted_at: Mapped[datetime] = mapped_column(index=True)
    seen_at: Mapped[datetime]
    region_code: Mapped[str | None] = mapped_column(String(16))
    place: Mapped[str] = mapped_column(String(300), default="")
    group_kind: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(8))  # "text" or "image"
    images: Mapped[int] = mapped_column(Integer, default=0)
    #: SHA-256 of each screenshot (the images themselves are never stored).
    image_hashes: Mapped[list[str]] = mapped_column(JSONType, default=list)
    forwarded: Mapped[bool] = mapped_column(Boolean, default=False)
    #: How many names and numbers were masked or dropped before storage.
    redactions: Mapped[int] = mapped_column(Integer, default=0)
    ocr_engine: Mapped[str | None] = mapped_column(String(32))


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(16))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    last_login_at: Mapped[datetime | None]


class LoginAttempt(Base):
    """One dashboard login attempt (0009): what lockouts are counted from.

    ``source`` is where the attempt came from (the client address, see
    :func:`sejuk.access.auth.client_source`); ``outcome`` is ``ok``, ``failed`` (a wrong
    password or an unknown name: these count), ``locked`` (refused unchecked while
    locked: these do not count, so nobody can keep a lock alive) or ``unlocked`` (an
    administrator cleared the locks of ``username``, or of ``source`` when the name is
    ``*``).
    """

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_user_source", "username", "source", "at"),
        Index("ix_login_attempts_source", "source", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    username: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(100))
    outcome: Mapped[str] = mapped_column(String(16))


class AuditEntry(Base):
    """Who labelled, exported, overrode or promoted what, and when. Never purged."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(64), index=True)
    target: Mapped[str] = mapped_column(String(300), default="")
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class DigestRecord(Base):
    """One digest per date and jurisdiction, so it is sent once."""

    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("day", "jurisdiction", name="uq_digest_day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    jurisdiction: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="rendered")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    recipients: Mapped[list[str]] = mapped_column(JSONType, default=list)
    path: Mapped[str] = mapped_column(String(1000), default="")
    error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
