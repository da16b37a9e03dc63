"""The store's tables (SQLAlchemy 2 ORM).

Three groups:
* the blueprint (promise, pillars, themes, journey, locations, teams), keyed by
  the blueprint's stable `code` and referenced by surrogate integer ids, so that
  renaming a code keeps every row that points at it;
* analytical data (customers by pseudonymous key, interactions, responses,
  verbatims in redacted form, orders, employee pulse, text enrichments), each
  imported table with a natural key (source, external_id) for idempotent imports;
* personal data (`customer_pii`, `verbatim_originals`), marked
  `info={"personal_data": True}`. Personal tables point at analytical rows, never
  the reverse, so no analytical query needs them; `Customer.pii` raises when it
  is lazily touched, so reading personal data is always an explicit join.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names: Alembic can drop and alter them on every database.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SOURCE_LEN = 100
EXTERNAL_ID_LEN = 200
CODE_LEN = 64
HASH_LEN = 64
USERNAME_LEN = 64
ACTOR_LEN = 200
PERSONAL = {"personal_data": True}


class Base(DeclarativeBase):
    """Declarative base with our naming convention and JSON for dict columns."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


def _fk(
    target: str, *, nullable: bool = True, cascade: bool = False, index: bool = True
) -> Mapped[Any]:
    return mapped_column(
        ForeignKey(target, ondelete="CASCADE" if cascade else None),
        nullable=nullable,
        index=index,
    )


def _dimension(target: str) -> Mapped[Any]:
    """A reference to a blueprint entity from a high-volume table: no index.

    Analyses scan these tables whole and group in the engine, so an index on a
    column with a dozen values would only slow every import down; the blueprint
    check that counts rows before a removal can afford a scan.
    """
    return _fk(target, index=False)


class _Imported:
    """Columns of every imported record: where it came from, and its natural key."""

    source: Mapped[str] = mapped_column(String(SOURCE_LEN))
    external_id: Mapped[str] = mapped_column(String(EXTERNAL_ID_LEN))
    content_hash: Mapped[str] = mapped_column(String(HASH_LEN))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class BlueprintEntity:
    """Columns of every blueprint entity: the stable code and its place in the file."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(CODE_LEN), unique=True)
    position: Mapped[int]


# ---------------------------------------------------------------- workspace
class WorkspaceMeta(Base):
    """Key-value facts about the workspace (e.g. the pseudonymisation salt)."""

    __tablename__ = "workspace_meta"
    key: Mapped[str] = mapped_column(String(CODE_LEN), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class BlueprintVersion(Base):
    """Every distinct blueprint text that was applied, for history and audit."""

    __tablename__ = "blueprint_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(HASH_LEN), unique=True)
    applied_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    source_text: Mapped[str] = mapped_column(Text)


# ---------------------------------------------------------------- blueprint
class PromiseRow(Base):
    """The promise (one row)."""

    __tablename__ = "promise"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_name: Mapped[str] = mapped_column(String(200))
    languages: Mapped[list[Any]]
    why: Mapped[dict[str, Any]]
    how: Mapped[dict[str, Any]]
    what: Mapped[dict[str, Any]]


class PillarRow(BlueprintEntity, Base):
    """A pillar of the promise."""

    __tablename__ = "pillars"
    name: Mapped[dict[str, Any]]
    description: Mapped[dict[str, Any]]


class ThemeRow(BlueprintEntity, Base):
    """A theme that expresses a pillar, with its seed phrases per language."""

    __tablename__ = "themes"
    pillar_id: Mapped[int] = _fk("pillars.id", nullable=False)
    name: Mapped[dict[str, Any]]
    phrases: Mapped[dict[str, Any]]


class StageRow(BlueprintEntity, Base):
    """A journey stage."""

    __tablename__ = "stages"
    name: Mapped[dict[str, Any]]


class ChannelRow(BlueprintEntity, Base):
    """A channel through which customers meet the company."""

    __tablename__ = "channels"
    name: Mapped[dict[str, Any]]


class SegmentRow(BlueprintEntity, Base):
    """A customer attribute declared as a segment (`code` is the attribute name)."""

    __tablename__ = "segments"
    name: Mapped[dict[str, Any]]


class TouchpointRow(BlueprintEntity, Base):
    """A stage x channel, with the pillars it must deliver (codes, in order)."""

    __tablename__ = "touchpoints"
    stage_id: Mapped[int] = _fk("stages.id", nullable=False)
    channel_id: Mapped[int] = _fk("channels.id", nullable=False)
    name: Mapped[dict[str, Any]]


class TouchpointPillar(Base):
    """Which pillars a touchpoint is expected to deliver."""

    __tablename__ = "touchpoint_pillars"
    touchpoint_id: Mapped[int] = mapped_column(
        ForeignKey("touchpoints.id", ondelete="CASCADE"), primary_key=True
    )
    pillar_id: Mapped[int] = mapped_column(
        ForeignKey("pillars.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class LocationRow(BlueprintEntity, Base):
    """A store, the webshop, a warehouse or a service centre."""

    __tablename__ = "locations"
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    region: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(200))


class TeamRow(BlueprintEntity, Base):
    """A team, optionally at a location and owning touchpoints (codes)."""

    __tablename__ = "teams"
    name: Mapped[dict[str, Any]]
    location_id: Mapped[int | None] = _dimension("locations.id")
    touchpoint_codes: Mapped[list[Any]]


# ---------------------------------------------------------------- customers
class Customer(Base):
    """A customer by pseudonymous key; segment attributes only, nothing personal."""

    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    segment: Mapped[str | None] = mapped_column(String(100), index=True)
    attributes: Mapped[dict[str, Any]]
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    content_hash: Mapped[str | None] = mapped_column(String(HASH_LEN))
    # Personal data is read only by an explicit join in the customers repository.
    pii: Mapped[CustomerPII | None] = relationship(
        lazy="raise", back_populates="customer", passive_deletes=True
    )


class CustomerPII(Base):
    """Personal data of a customer, kept apart: nothing analytical joins it."""

    __tablename__ = "customer_pii"
    __table_args__ = (UniqueConstraint("source", "external_id"), {"info": PERSONAL})
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    source: Mapped[str] = mapped_column(String(SOURCE_LEN))
    external_id: Mapped[str] = mapped_column(String(EXTERNAL_ID_LEN))
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(40))
    street: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    consent_survey: Mapped[bool] = mapped_column(default=False)
    consent_marketing: Mapped[bool] = mapped_column(default=False)
    consent_profiling: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    customer: Mapped[Customer] = relationship(back_populates="pii", lazy="raise")


# ---------------------------------------------------------------- journey and feedback
class Interaction(_Imported, Base):
    """A journey event: a delivery, a store visit, an installation, a service call."""

    __tablename__ = "interactions"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_interactions_occurred", "occurred_at"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_scale"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(CODE_LEN))
    customer_id: Mapped[int | None] = _fk("customers.id")
    touchpoint_id: Mapped[int | None] = _dimension("touchpoints.id")
    location_id: Mapped[int | None] = _dimension("locations.id")
    channel_id: Mapped[int | None] = _dimension("channels.id")
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: The customer's rating of this one touchpoint (1-5), e.g. a star after a
    #: delivery: the moments of a journey that peak-end analysis compares.
    rating: Mapped[float | None]
    attributes: Mapped[dict[str, Any]]


class Response(_Imported, Base):
    """A survey response: NPS 0-10, CSAT 1-5, CES 1-7, each optional."""

    __tablename__ = "responses"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        CheckConstraint("nps BETWEEN 0 AND 10", name="nps_scale"),
        CheckConstraint("csat BETWEEN 1 AND 5", name="csat_scale"),
        CheckConstraint("ces BETWEEN 1 AND 7", name="ces_scale"),
        Index("ix_responses_responded", "responded_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = _fk("customers.id")
    interaction_id: Mapped[int | None] = _fk("interactions.id", index=False)
    touchpoint_id: Mapped[int | None] = _dimension("touchpoints.id")
    location_id: Mapped[int | None] = _dimension("locations.id")
    channel_id: Mapped[int | None] = _dimension("channels.id")
    responded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    language: Mapped[str | None] = mapped_column(String(8))
    nps: Mapped[int | None] = mapped_column(Integer)
    csat: Mapped[int | None] = mapped_column(Integer)
    ces: Mapped[int | None] = mapped_column(Integer)


class Answer(Base):
    """An answer to a custom survey question (number or choice)."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("response_id", "question"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = _fk("responses.id", nullable=False, cascade=True)
    question: Mapped[str] = mapped_column(String(CODE_LEN))
    value_number: Mapped[float | None]
    value_choice: Mapped[str | None] = mapped_column(String(200))


class Verbatim(_Imported, Base):
    """What a customer wrote, redacted: survey comment, review, social post, ticket."""

    __tablename__ = "verbatims"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_verbatims_occurred", "occurred_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    response_id: Mapped[int | None] = _fk("responses.id", cascade=True)
    customer_id: Mapped[int | None] = _fk("customers.id")
    touchpoint_id: Mapped[int | None] = _dimension("touchpoints.id")
    location_id: Mapped[int | None] = _dimension("locations.id")
    channel_id: Mapped[int | None] = _dimension("channels.id")
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    language: Mapped[str | None] = mapped_column(String(8))
    rating: Mapped[float | None]
    text_redacted: Mapped[str] = mapped_column(Text)
    attributes: Mapped[dict[str, Any]]


class VerbatimOriginal(Base):
    """The original, unredacted text of a verbatim: personal data."""

    __tablename__ = "verbatim_originals"
    __table_args__ = {"info": PERSONAL}
    verbatim_id: Mapped[int] = mapped_column(
        ForeignKey("verbatims.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)


class Order(_Imported, Base):
    """A purchase: revenue and margin per order."""

    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_orders_ordered", "ordered_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = _fk("customers.id")
    location_id: Mapped[int | None] = _dimension("locations.id")
    channel_id: Mapped[int | None] = _dimension("channels.id")
    ordered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revenue: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    margin: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    items: Mapped[int | None]
    currency: Mapped[str] = mapped_column(String(3), default="EUR")


class PulseResponse(_Imported, Base):
    """One employee's pulse answers for a store (and team) and period; anonymous."""

    __tablename__ = "pulse_responses"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        CheckConstraint("enps BETWEEN 0 AND 10", name="enps_scale"),
        CheckConstraint("room_to_act BETWEEN 1 AND 5", name="room_to_act_scale"),
        Index("ix_pulse_responses_period", "location_id", "period"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = _fk("locations.id", nullable=False, index=False)
    team_id: Mapped[int | None] = _fk("teams.id")
    period: Mapped[date] = mapped_column(Date)
    enps: Mapped[int | None]
    room_to_act: Mapped[int | None]
    answers: Mapped[dict[str, Any]]


# ---------------------------------------------------------------- text understanding
class Enrichment(Base):
    """The current text analysis of one verbatim."""

    __tablename__ = "enrichments"
    id: Mapped[int] = mapped_column(primary_key=True)
    verbatim_id: Mapped[int] = mapped_column(
        ForeignKey("verbatims.id", ondelete="CASCADE"), unique=True
    )
    model_version: Mapped[str] = mapped_column(String(CODE_LEN))
    language: Mapped[str | None] = mapped_column(String(8))
    sentiment_label: Mapped[str | None] = mapped_column(String(20))
    sentiment_score: Mapped[float | None]
    emotions: Mapped[dict[str, Any]]
    evidence: Mapped[dict[str, Any]]
    enriched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EnrichmentAspect(Base):
    """A theme (and touchpoint) found in a verbatim, with its own sentiment."""

    __tablename__ = "enrichment_aspects"
    id: Mapped[int] = mapped_column(primary_key=True)
    enrichment_id: Mapped[int] = _fk("enrichments.id", nullable=False, cascade=True)
    theme_id: Mapped[int] = _fk("themes.id", nullable=False)
    touchpoint_id: Mapped[int | None] = _dimension("touchpoints.id")
    sentiment_label: Mapped[str] = mapped_column(String(20))
    sentiment_score: Mapped[float]
    spans: Mapped[list[Any]]


class LabelCorrection(Base):
    """A person's correction of a text label; the next `text learn` uses it.

    ``task`` is "sentiment" (the text's overall label) or "aspect" (a theme's
    label in the text; ``label`` "absent" says the theme is not there).
    """

    __tablename__ = "label_corrections"
    id: Mapped[int] = mapped_column(primary_key=True)
    verbatim_id: Mapped[int] = _fk("verbatims.id", nullable=False, cascade=True)
    task: Mapped[str] = mapped_column(String(20))
    theme_id: Mapped[int | None] = _fk("themes.id", index=False)
    label: Mapped[str] = mapped_column(String(20))
    corrected_by: Mapped[str] = mapped_column(String(100))
    corrected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ImportRun(Base):
    """One run of an import, with its counts (read, stored, updated, ...)."""

    __tablename__ = "import_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(SOURCE_LEN))
    file_name: Mapped[str | None] = mapped_column(String(500))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20))
    counts: Mapped[dict[str, Any]]
    #: Which process runs it, and when it last committed a batch: a run still
    #: `running` whose process is gone was interrupted (kill -9, a crash).
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None]
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


# ---------------------------------------------------------------- jobs
class Job(Base):
    """Work to run later: claimed by one worker at a time under a lease.

    The payload holds ids and short codes only (`services/jobs/queue.py`).
    `unique_key` makes a job enqueued twice run once.
    """

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_due", "status", "run_at", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(20))
    run_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(default=0)
    max_attempts: Mapped[int] = mapped_column(default=5)
    unique_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    worker: Mapped[str | None] = mapped_column(String(200))
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


# ---------------------------------------------------------------- access
class User(Base):
    """A person who signs in: a role, and for managers and staff their locations."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_LEN), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    #: argon2id, PHC string format; never the password.
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class UserLocation(Base):
    """A location a (manager or staff) user is scoped to."""

    __tablename__ = "user_locations"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), primary_key=True
    )


class UserTeam(Base):
    """A team a user belongs to."""

    __tablename__ = "user_teams"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )


class UserSession(Base):
    """A signed-in browser session; the cookie holds the secret, this its hash."""

    __tablename__ = "user_sessions"
    token_hash: Mapped[str] = mapped_column(String(HASH_LEN), primary_key=True)
    user_id: Mapped[int] = _fk("users.id", nullable=False, cascade=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiToken(Base):
    """An API token: shown once, stored as a hash, revocable, optionally expiring."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(HASH_LEN), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    #: Location codes the token is scoped to (managers and staff).
    location_codes: Mapped[list[Any]]
    created_by: Mapped[str] = mapped_column(String(ACTOR_LEN))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SignInMark(Base):
    """One sign-in attempt under one of its limiter keys (hashes, no username).

    Shared by every app process, so the limit holds across them; marks older
    than the window are deleted as new ones arrive.
    """

    __tablename__ = "sign_in_marks"
    __table_args__ = (Index("ix_sign_in_marks_key_at", "key", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(HASH_LEN))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class SpentFormBinding(Base):
    """A sign-in form's binding (its hash) that was posted: good for one post."""

    __tablename__ = "spent_form_bindings"
    key: Mapped[str] = mapped_column(String(HASH_LEN), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class AuditEntry(Base):
    """One audited action; append-only (database triggers refuse UPDATE and DELETE).

    ``details`` holds ids and counts, never personal data.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(ACTOR_LEN), index=True)
    action: Mapped[str] = mapped_column(String(CODE_LEN), index=True)
    target: Mapped[str] = mapped_column(String(500))
    details: Mapped[dict[str, Any]]


def personal_tables() -> list[str]:
    """Names of the tables that hold personal data."""
    return sorted(
        t.name for t in Base.metadata.sorted_tables if t.info.get("personal_data")
    )


def analytical_tables() -> list[str]:
    """Names of the tables analytics may read: everything but personal data."""
    return sorted(
        t.name for t in Base.metadata.sorted_tables if not t.info.get("personal_data")
    )
