"""Enqueue jobs inside a unit of work (an outbox), and look after them.

`enqueue(session, ...)` adds the job in the caller's transaction: a change that
is rolled back leaves no job, and a committed one always has its job (an import
and the analysis of its texts, say). Payloads hold ids and small values only,
never personal data or texts: they are checked here. A `unique_key` makes a job
enqueued twice run once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from belofte.errors import InvalidInput, NotFound
from belofte.services.access.audit import audit_in
from belofte.services.jobs.registry import KIND
from belofte.services.workspace import Workspace
from belofte.store.repositories.jobs import (
    VIEWS,
    JobRecord,
    JobRepository,
)
from belofte.text.redact import redact_pii

__all__ = [
    "DEFAULT_ATTEMPTS",
    "VIEWS",
    "JobOverview",
    "cancel_job",
    "enqueue",
    "job_overview",
    "list_jobs",
    "retry_job",
    "submit",
]

DEFAULT_ATTEMPTS = 5
#: The longest text a payload may hold: an id, a code, a file name.
MAX_PAYLOAD_TEXT = 200
MAX_PAYLOAD_KEYS = 20


def _check_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """Ids and small values only: a payload is logged and shown on the jobs page."""
    if len(payload) > MAX_PAYLOAD_KEYS:
        raise InvalidInput(f"job payload: at most {MAX_PAYLOAD_KEYS} keys")
    for key, value in payload.items():
        if not isinstance(key, str) or not key.isidentifier():
            raise InvalidInput(f"job payload: {key!r} is not a plain name")
        if value is None or isinstance(value, bool | int | float):
            continue
        if not isinstance(value, str) or len(value) > MAX_PAYLOAD_TEXT:
            raise InvalidInput(
                f"job payload {key}: ids and short codes only (no texts, no "
                "personal data)"
            )
        if redact_pii(value).redactions:
            raise InvalidInput(f"job payload {key}: looks like personal data")
    return dict(payload)


def enqueue(
    session: Session,
    kind: str,
    payload: dict[str, Any] | None = None,
    *,
    run_at: datetime | None = None,
    delay_s: float = 0.0,
    unique_key: str | None = None,
    max_attempts: int = DEFAULT_ATTEMPTS,
) -> int | None:
    """Add a job in `session`'s unit of work; its id, or None if `unique_key` exists.

    Examples
    --------
    >>> with ws.session() as session:  # doctest: +SKIP
    ...     RecordRepository(session).add(...)
    ...     enqueue(session, "listen.enrich", {"run": 12}, unique_key="enrich:12")

    """
    if not KIND.match(kind):
        raise InvalidInput(f"job kind {kind!r} is not capability.what")
    now = datetime.now(UTC)
    when = run_at or now + timedelta(seconds=delay_s)
    return JobRepository(session).enqueue(
        kind,
        _check_payload(payload or {}),
        run_at=when,
        unique_key=unique_key[:200] if unique_key else None,
        max_attempts=max_attempts,
        now=now,
    )


def submit(
    ws: Workspace,
    kind: str,
    payload: dict[str, Any] | None = None,
    **options: Any,
) -> int | None:
    """`enqueue` in a unit of work of its own."""
    ws.require_current_schema()
    with ws.session() as session:
        return enqueue(session, kind, payload, **options)


@dataclass(frozen=True, slots=True)
class JobOverview:
    """How many jobs are in each state, and the newest ones."""

    counts: dict[str, int]
    jobs: tuple[JobRecord, ...]


def list_jobs(
    ws: Workspace, *, status: str | None = None, limit: int = 100
) -> list[JobRecord]:
    """Jobs, newest first (optionally one status)."""
    if status is not None and status not in VIEWS:
        raise InvalidInput(f"status: {status!r} is not one of {', '.join(VIEWS)}")
    if not 1 <= limit <= 1000:
        raise InvalidInput("limit: between 1 and 1000")
    ws.require_current_schema()
    with ws.session(read_only=True) as session:
        return JobRepository(session).listed(status=status, limit=limit)


def job_overview(ws: Workspace, *, status: str | None = None) -> JobOverview:
    """The counts per state and the newest jobs (of one state), for the jobs page."""
    jobs = list_jobs(ws, status=status)
    with ws.session(read_only=True) as session:
        counts = JobRepository(session).counts()
    return JobOverview(counts, tuple(jobs))


def retry_job(ws: Workspace, job_id: int, *, actor: str) -> None:
    """Queue a dead or cancelled job again (audited)."""
    _change(ws, job_id, actor, "retried", "only dead or cancelled jobs are retried")


def cancel_job(ws: Workspace, job_id: int, *, actor: str) -> None:
    """Cancel a queued job (audited); a running one finishes its attempt."""
    _change(ws, job_id, actor, "cancelled", "only queued jobs are cancelled")


def _change(ws: Workspace, job_id: int, actor: str, done: str, rule: str) -> None:
    """A person's retry or cancel of one job, refused with `rule` if it may not."""
    ws.require_current_schema()
    with ws.session() as session:
        jobs = JobRepository(session)
        job = jobs.by_id(job_id)
        if job is None:
            raise NotFound("job", job_id)
        change = jobs.retry if done == "retried" else jobs.cancel
        if not change(job_id, datetime.now(UTC)):
            raise InvalidInput(f"job {job_id} is {job.status}: {rule}")
        audit_in(session, actor, f"job.{done}", f"job:{job_id}", kind=job.kind)
