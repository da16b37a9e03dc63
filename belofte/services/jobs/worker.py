"""The worker: claim due jobs, run them under a renewed lease, finish or retry.

Each of `concurrency` threads claims one job at a time (exactly one claim per
job across processes: `store/repositories/jobs.py`), runs its handler while a
timer renews the lease, and marks it done. A failed attempt is queued again
after an exponential backoff with jitter (10 s, 20 s, 40 s, ... at most an
hour); after its last attempt the job is dead, with the error's type and, for
belofte's own errors, their one-line message (never a value: messages of other
exceptions may quote data). A worker that dies mid-job loses its lease and the
job is claimed again: handlers are idempotent (`registry.JobKind.idempotent`).

Stopping (`stop` set, e.g. on SIGTERM) lets the running jobs finish and claims
no more; `abandon()` gives the running jobs back at once, for a second signal.
"""

from __future__ import annotations

import os
import random
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import structlog

from belofte.errors import BelofteError, StoreUnavailable
from belofte.services.jobs.registry import JobContext, JobKind, kind_of, known_kinds
from belofte.services.jobs.schedules import Schedule, ensure_next
from belofte.services.workspace import Workspace
from belofte.store.repositories.jobs import DONE, RUNNING, JobRecord, JobRepository

log = structlog.get_logger(__name__)

#: How long an idle worker waits before it looks for due jobs again.
POLL_S = 0.25
#: How often a worker looks for jobs whose last attempt's lease ran out.
BURY_EVERY_S = 30.0
#: How long a worker thread waits after the store failed it.
ERROR_PAUSE_S = 5.0
#: The longest wait between two attempts of a job.
MAX_BACKOFF_S = 3600.0


def error_line(exc: BaseException) -> str:
    """A failure in one line that holds no data: the type, and our own message."""
    if isinstance(exc, BelofteError):
        return f"{type(exc).__name__}: {exc.message}".splitlines()[0][:500]
    return type(exc).__name__


def backoff(kind: JobKind, attempt: int) -> float:
    """Seconds before attempt `attempt + 1`: doubling, with up to 25 % jitter."""
    delay = min(kind.backoff_s * 2.0 ** max(attempt - 1, 0), MAX_BACKOFF_S)
    return float(delay * (1 + random.uniform(0, 0.25)))  # noqa: S311 - spread, not secrets


@dataclass(slots=True)
class WorkerReport:
    """What a worker did."""

    done: int = 0
    failed: int = 0
    dead: int = 0
    lost: int = 0  # jobs whose lease was taken over before they finished
    kinds: dict[str, int] = field(default_factory=dict)


class Worker:
    """Runs due jobs of the registered kinds in `concurrency` threads."""

    def __init__(
        self,
        ws: Workspace,
        *,
        concurrency: int = 1,
        schedules: Sequence[Schedule] = (),
        poll_s: float = POLL_S,
        name: str | None = None,
    ) -> None:
        self.ws = ws
        self.concurrency = concurrency
        self.schedules = tuple(schedules)
        self.poll_s = poll_s
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self.report = WorkerReport()
        self._lock = threading.Lock()
        self._held: dict[int, str] = {}  # job id -> the thread's worker name
        self._scheduled: set[str] = set()  # occurrence keys queued or found
        self._buried_at = float("-inf")

    # -- running ------------------------------------------------------------
    def run(self, stop: threading.Event, *, once: bool = False) -> WorkerReport:
        """Work until `stop` is set (or, with `once`, until nothing is due)."""
        threads = [
            threading.Thread(
                target=self._loop,
                args=(stop, once, f"{self.name}:{n}"),
                name=f"belofte-worker-{n}",
                daemon=True,
            )
            for n in range(self.concurrency)
        ]
        for thread in threads:
            thread.start()
        while any(t.is_alive() for t in threads):
            self._tend(datetime.now(UTC))
            stop.wait(1.0)
            for thread in threads:
                thread.join(timeout=0 if not stop.is_set() else None)
        return self.report

    def _tend(self, now: datetime) -> None:
        """Schedule the next recurring jobs; bury jobs whose last lease expired."""
        try:
            ensure_next(self.ws, self.schedules, now, self._scheduled)
            if time.monotonic() - self._buried_at < BURY_EVERY_S:
                return
            with self.ws.session() as session:
                buried = JobRepository(session).bury_exhausted(now)
            self._buried_at = time.monotonic()
            if buried:
                log.warning("job.buried", jobs=buried)
        except StoreUnavailable as exc:
            log.info("worker.store_unavailable", error=type(exc).__name__)

    def _loop(self, stop: threading.Event, once: bool, name: str) -> None:
        kinds = tuple(k.kind for k in known_kinds())
        while not stop.is_set():
            try:
                job = self.claim(name, kinds)
            except StoreUnavailable:
                job = None
                if once:
                    return
                stop.wait(ERROR_PAUSE_S)
                continue
            if job is None:
                if once:
                    return
                stop.wait(self.poll_s)
                continue
            try:
                self.run_job(job, name)
            except Exception as exc:  # noqa: BLE001 - the thread must not die quietly
                # Recording the end failed (a busy or lost store, or a bug here):
                # the lease passes the job on; this thread goes on after a pause.
                log.error(
                    "worker.job_not_recorded", job=job.id, error=type(exc).__name__
                )
                stop.wait(ERROR_PAUSE_S)

    def claim(
        self, name: str, kinds: tuple[str, ...], job_id: int | None = None
    ) -> JobRecord | None:
        """Lease the next due job of `kinds` (or job `job_id`) to `name`."""
        now = datetime.now(UTC)
        known = known_kinds()
        leases = {k.kind: timedelta(seconds=k.lease_s) for k in known}
        most = {k.kind: k.max_attempts for k in known}
        with self.ws.session() as session:
            return JobRepository(session).claim(
                name, now, leases, kinds, job_id, most_attempts=most
            )

    def run_job(
        self,
        job: JobRecord,
        name: str,
        progress: Callable[[int, int], None] | None = None,
    ) -> str:
        """Run a claimed job to its end; returns its new status."""
        kind = kind_of(job.kind)
        if kind is None:  # claimed by an older filter: give it back
            self._release(job.id, name)
            return RUNNING
        with self._lock:
            self._held[job.id] = name
        renewing = threading.Event()
        renewer = threading.Thread(
            target=self._renew, args=(job.id, name, kind, renewing), daemon=True
        )
        renewer.start()
        started = time.perf_counter()
        context = JobContext(
            job.id, job.payload, job.attempts, progress or (lambda _d, _t: None)
        )
        try:
            kind.handler(self.ws, context)
        except Exception as exc:  # noqa: BLE001 - every failure is recorded
            status = self._failed(job, name, kind, exc)
        else:
            status = self._finished(job, name)
        finally:
            renewing.set()
            renewer.join()
            with self._lock:
                self._held.pop(job.id, None)
        log.info(
            "job.ran",
            job=job.id,
            kind=job.kind,
            attempt=job.attempts,
            status=status,
            seconds=round(time.perf_counter() - started, 3),
        )
        return status

    def _renew(
        self, job_id: int, name: str, kind: JobKind, done: threading.Event
    ) -> None:
        """Extend the lease every third of it while the job runs."""
        while not done.wait(kind.lease_s / 3):
            try:
                with self.ws.session() as session:
                    until = datetime.now(UTC) + timedelta(seconds=kind.lease_s)
                    if not JobRepository(session).extend(job_id, name, until):
                        return
            except StoreUnavailable:
                continue  # try again; the lease has two thirds left

    def _finished(self, job: JobRecord, name: str) -> str:
        with self.ws.session() as session:
            kept = JobRepository(session).finish(job.id, name, datetime.now(UTC))
        with self._lock:
            if kept:
                self.report.done += 1
                self.report.kinds[job.kind] = self.report.kinds.get(job.kind, 0) + 1
            else:
                self.report.lost += 1
        return DONE if kept else RUNNING

    def _failed(self, job: JobRecord, name: str, kind: JobKind, exc: Exception) -> str:
        now = datetime.now(UTC)
        last = job.attempts >= min(job.max_attempts, kind.max_attempts)
        retry_at = (
            None if last else now + timedelta(seconds=backoff(kind, job.attempts))
        )
        line = error_line(exc)
        log.warning("job.failed", job=job.id, kind=job.kind, error=type(exc).__name__)
        with self.ws.session() as session:
            status = JobRepository(session).fail(job.id, name, line, now, retry_at)
        with self._lock:
            self.report.failed += 1
            if last:
                self.report.dead += 1
        return status or RUNNING

    # -- stopping -----------------------------------------------------------
    def _release(self, job_id: int, name: str) -> None:
        with self.ws.session() as session:
            JobRepository(session).release(job_id, name, datetime.now(UTC))

    def abandon(self) -> int:
        """Give every running job of this worker back at once; how many."""
        with self._lock:
            held = dict(self._held)
        for job_id, name in held.items():
            self._release(job_id, name)
        return len(held)


#: The states in which a job will not run again by itself.
_ENDED = ("done", "dead", "cancelled")


def work_off(
    ws: Workspace,
    job_ids: Sequence[int],
    progress: Callable[[int, int], None] | None = None,
) -> dict[int, str]:
    """Run these jobs here and now (or wait while another worker runs them).

    For `belofte import --wait` and the demo: the caller's progress bar follows
    each job it runs itself. Returns each job's final status.
    """
    worker = Worker(ws, name=f"{socket.gethostname()}:{os.getpid()}:wait")
    kinds = tuple(k.kind for k in known_kinds())
    ended: dict[int, str] = {}
    for job_id in job_ids:
        while True:
            job = worker.claim(worker.name, kinds, job_id)
            if job is not None:
                worker.run_job(job, worker.name, progress)
            with ws.session(read_only=True) as session:
                found = JobRepository(session).by_id(job_id)
            if found is None or found.status in _ENDED:
                ended[job_id] = found.status if found is not None else "missing"
                break
            time.sleep(0.2)  # queued for later, retrying, or another worker's
    return ended
