"""The job table: enqueue inside a unit of work, claim exactly once, finish or retry.

A job is claimed by one `UPDATE ... WHERE id = coalesce((SELECT id ... LIMIT 1
FOR UPDATE SKIP LOCKED), (SELECT ...)) RETURNING ...`: the first subquery
finds a job whose worker died (its lease ran out), the second the oldest due
one, each walking the (status, run_at, id) index and stopping at its first
match. On PostgreSQL the row lock skips what another worker is claiming (scalar
subqueries, not `IN (SELECT ... LIMIT n)`, which can claim more than n rows:
PostgreSQL bug #15715); on SQLite the statement runs under `BEGIN IMMEDIATE`,
which serialises writers, and SQLAlchemy drops the `FOR UPDATE`. The returned
row, never `rowcount`, says whether a claim was won. A claim holds a lease: a
worker that dies loses it when it expires, and the job is claimed again
(at-least-once).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import (
    DateTime,
    Table,
    Update,
    and_,
    bindparam,
    case,
    delete,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from belofte.store.tables import Job

#: A job's states: waiting (maybe after a failed attempt), leased, and the ends.
QUEUED, RUNNING, DONE, DEAD, CANCELLED = (
    "queued",
    "running",
    "done",
    "dead",
    "cancelled",
)
STATES = (QUEUED, RUNNING, DONE, DEAD, CANCELLED)
#: How the jobs page and `belofte jobs list` split them: a queued job whose
#: last attempt failed is "retrying" (it shows its error), not just waiting.
RETRYING = "retrying"
VIEWS = (QUEUED, RETRYING, RUNNING, DEAD, DONE, CANCELLED)
#: The lease of a kind no lease is given for.
DEFAULT_LEASE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class JobRecord:
    """One job as a worker or a page sees it."""

    id: int
    kind: str
    payload: dict[str, Any]
    status: str
    run_at: datetime
    attempts: int
    max_attempts: int
    unique_key: str | None
    lease_until: datetime | None
    worker: str | None
    last_error: str | None
    created_at: datetime
    finished_at: datetime | None

    @property
    def view(self) -> str:
        """Its state as people are shown it (`VIEWS`): a failed, queued job retries."""
        return RETRYING if self.status == QUEUED and self.last_error else self.status


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite returns naive UTC times; every time here is aware."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _record(row: Job) -> JobRecord:
    return JobRecord(
        id=row.id,
        kind=row.kind,
        payload=dict(row.payload or {}),
        status=row.status,
        run_at=_aware(row.run_at) or row.run_at,
        attempts=row.attempts,
        max_attempts=row.max_attempts,
        unique_key=row.unique_key,
        lease_until=_aware(row.lease_until),
        worker=row.worker,
        last_error=row.last_error,
        created_at=_aware(row.created_at) or row.created_at,
        finished_at=_aware(row.finished_at),
    )


#: The hot statements (claim, renew, finish, fail) run on the table, not the
#: mapped class: the ORM's bulk-update path cost more than the statement.
_JOBS = cast("Table", Job.__table__)

#: `JobRecord.view` in SQL, for the page's filter and counts.
_view = case(
    (and_(_JOBS.c.status == QUEUED, _JOBS.c.last_error.is_not(None)), RETRYING),
    else_=_JOBS.c.status,
)
_NOW = bindparam("now", type_=DateTime(timezone=True))
#: A held job marked done (built once, like the claim: see `_claim_statement`).
_FINISH = (
    update(_JOBS)
    .where(
        _JOBS.c.id == bindparam("held_job"),
        _JOBS.c.worker == bindparam("held_by"),
        _JOBS.c.status == RUNNING,
    )
    .values(status=DONE, lease_until=None, finished_at=_NOW, updated_at=_NOW)
    .returning(_JOBS.c.id)
)


@lru_cache(maxsize=64)
def _claim_statement(
    kinds: tuple[str, ...] | None,
    lease_kinds: tuple[str, ...],
    most_attempts: tuple[tuple[str, int], ...],
    by_id: bool,
) -> Update:
    """The claiming UPDATE for one worker's kinds, built once (values are bound).

    Building it took longer than running it: a worker claims thousands of jobs
    with the same statement; only `now`, the leases and the worker change.
    """
    jobs, now = _JOBS.c, _NOW
    due = or_(
        and_(jobs.status == QUEUED, jobs.run_at <= now),
        and_(jobs.status == RUNNING, jobs.lease_until < now),
    )

    def first(*where: Any) -> Any:
        # One indexed walk in (status, run_at, id) order that stops at the
        # first match: an OR of both states made the database sort every due
        # job for each claim, so a backlog of 10,000 cost 10,000 rows a claim.
        query = select(jobs.id).where(*where)
        if kinds is not None:
            query = query.where(jobs.kind.in_(kinds))
        if by_id:
            query = query.where(jobs.id == bindparam("one_job"))
        ordered = query.order_by(jobs.status, jobs.run_at, jobs.id).limit(1)
        return ordered.with_for_update(skip_locked=True).scalar_subquery()

    # A job whose worker died first (it is overdue), then the oldest due one.
    chosen = func.coalesce(
        first(jobs.status == RUNNING, jobs.lease_until < now),
        first(jobs.status == QUEUED, jobs.run_at <= now),
    )
    lease_default = bindparam("lease_default", type_=DateTime(timezone=True))
    lease = case(
        *(
            (jobs.kind == kind, bindparam(f"lease_{n}", type_=DateTime(timezone=True)))
            for n, kind in enumerate(lease_kinds)
        ),
        else_=lease_default,
    )
    attempts = case(
        *(
            (and_(jobs.kind == kind, jobs.max_attempts > most), most)
            for kind, most in most_attempts
        ),
        else_=jobs.max_attempts,
    )
    return (
        update(_JOBS)
        .where(jobs.id == chosen, due)
        .values(
            status=RUNNING,
            worker=bindparam("claimant"),
            lease_until=lease if lease_kinds else lease_default,
            attempts=jobs.attempts + 1,
            max_attempts=attempts if most_attempts else jobs.max_attempts,
            updated_at=now,
        )
        .returning(*_JOBS.c)
    )


class JobRepository:
    """Reads and writes the jobs table."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- enqueue (inside the caller's unit of work: the outbox) -------------
    def enqueue(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        run_at: datetime,
        unique_key: str | None,
        max_attempts: int,
        now: datetime,
    ) -> int | None:
        """Add a job; None when a job with `unique_key` exists already (any state).

        Two processes adding the same key at once add one job: the insert does
        nothing on a conflict (PostgreSQL and SQLite both say so in SQL).
        """
        dialect = self.session.get_bind().dialect.name
        add = postgres_insert(Job) if dialect == "postgresql" else sqlite_insert(Job)
        statement = (
            add.values(
                kind=kind,
                payload=payload,
                status=QUEUED,
                run_at=run_at,
                attempts=0,
                max_attempts=max_attempts,
                unique_key=unique_key,
                created_at=now,
                updated_at=now,
            )
            .on_conflict_do_nothing(index_elements=[Job.unique_key])
            .returning(Job.id)
        )
        job_id = self.session.scalar(statement)
        return int(job_id) if job_id is not None else None

    # -- claiming -----------------------------------------------------------
    def claim(
        self,
        worker: str,
        now: datetime,
        leases: Mapping[str, timedelta],
        kinds: tuple[str, ...] | None = None,
        job_id: int | None = None,
        most_attempts: Mapping[str, int] | None = None,
    ) -> JobRecord | None:
        """Lease the next due job (or job `job_id`) to `worker`; None if none is due.

        Due: queued with `run_at` passed, or running with its lease expired (its
        worker died). Oldest `run_at` first. The lease is the claimed kind's
        (`leases`, else DEFAULT_LEASE), set in the claiming statement itself, as
        is its kind's cap on attempts (`most_attempts`: the row then says how
        many it gets, for the jobs page).
        """
        statement = _claim_statement(
            kinds,
            tuple(leases),
            tuple((most_attempts or {}).items()),
            job_id is not None,
        )
        params: dict[str, Any] = {
            "now": now,
            "claimant": worker,
            "one_job": job_id,
            "lease_default": now + DEFAULT_LEASE,
        }
        params |= {f"lease_{n}": now + lease for n, lease in enumerate(leases.values())}
        claimed = self.session.execute(statement, params).first()
        return _record(claimed) if claimed is not None else None  # type: ignore[arg-type]

    def extend(self, job_id: int, worker: str, until: datetime) -> bool:
        """Renew `worker`'s lease; False when the job is no longer its own."""
        renewed = self.session.scalar(
            update(_JOBS)
            .where(Job.id == job_id, Job.worker == worker, Job.status == RUNNING)
            .values(lease_until=until)
            .returning(Job.id)
        )
        return renewed is not None

    # -- ends ---------------------------------------------------------------
    def finish(self, job_id: int, worker: str, now: datetime) -> bool:
        """Mark `worker`'s job done; False when its lease was lost meanwhile."""
        done = self.session.scalar(
            _FINISH, {"held_job": job_id, "held_by": worker, "now": now}
        )
        return done is not None

    def fail(
        self,
        job_id: int,
        worker: str,
        error: str,
        now: datetime,
        retry_at: datetime | None,
    ) -> str | None:
        """Record a failed attempt: queued again at `retry_at`, or dead when None.

        Returns the new status, or None when the lease was lost meanwhile.
        """
        status = QUEUED if retry_at is not None else DEAD
        values: dict[str, Any] = {
            "status": status,
            "lease_until": None,
            "last_error": error[:500],
            "updated_at": now,
        }
        if retry_at is not None:
            values["run_at"] = retry_at
        else:
            values["finished_at"] = now
        changed = self.session.scalar(
            update(_JOBS)
            .where(Job.id == job_id, Job.worker == worker, Job.status == RUNNING)
            .values(**values)
            .returning(Job.id)
        )
        return status if changed is not None else None

    def release(self, job_id: int, worker: str, now: datetime) -> None:
        """Give a job back unfinished (a worker shutting down): due at once."""
        self.session.execute(
            update(Job)
            .where(Job.id == job_id, Job.worker == worker, Job.status == RUNNING)
            .values(
                status=QUEUED,
                lease_until=None,
                run_at=now,
                attempts=Job.attempts - 1,
                updated_at=now,
            )
        )

    def bury_exhausted(self, now: datetime) -> int:
        """Jobs whose lease expired after their last attempt: dead, not rerun."""
        buried = self.session.scalars(
            update(Job)
            .where(
                Job.status == RUNNING,
                Job.lease_until < now,
                Job.attempts >= Job.max_attempts,
            )
            .values(
                status=DEAD,
                lease_until=None,
                finished_at=now,
                updated_at=now,
                last_error="its worker stopped during the last attempt (lease expired)",
            )
            .returning(Job.id)
        ).all()
        return len(buried)

    # -- what people do -----------------------------------------------------
    def retry(self, job_id: int, now: datetime) -> bool:
        """A dead or cancelled job queued again, with a fresh count of attempts.

        Its last error is cleared with them: it waits like a new job (the
        audit log keeps the retry).
        """
        again = self.session.scalar(
            update(Job)
            .where(Job.id == job_id, Job.status.in_((DEAD, CANCELLED)))
            .values(
                status=QUEUED,
                run_at=now,
                attempts=0,
                last_error=None,
                finished_at=None,
                updated_at=now,
            )
            .returning(Job.id)
        )
        return again is not None

    def cancel(self, job_id: int, now: datetime) -> bool:
        """A queued job that will not run (a running one finishes its attempt)."""
        cancelled = self.session.scalar(
            update(Job)
            .where(Job.id == job_id, Job.status == QUEUED)
            .values(status=CANCELLED, finished_at=now, updated_at=now)
            .returning(Job.id)
        )
        return cancelled is not None

    def by_id(self, job_id: int) -> JobRecord | None:
        """One job."""
        row = self.session.get(Job, job_id)
        return _record(row) if row is not None else None

    def listed(self, *, status: str | None = None, limit: int = 100) -> list[JobRecord]:
        """Jobs, newest first, optionally of one state of `VIEWS`."""
        query = select(Job).order_by(Job.id.desc()).limit(limit)
        if status is not None:
            query = query.where(_view == status)
        return [_record(row) for row in self.session.scalars(query)]

    def counts(self) -> dict[str, int]:
        """How many jobs are in each of `VIEWS`."""
        rows = self.session.execute(select(_view, func.count()).group_by(_view))
        found = {str(status): int(n) for status, n in rows}
        return {status: found.get(status, 0) for status in VIEWS}

    def purge_finished(self, before: datetime) -> int:
        """Delete done and cancelled jobs that finished before `before`."""
        deleted = self.session.scalars(
            delete(Job)
            .where(Job.status.in_((DONE, CANCELLED)), Job.finished_at < before)
            .returning(Job.id)
        ).all()
        return len(deleted)
