"""Durable jobs on SQLite and PostgreSQL: the outbox, one claim per job, leases,
retries with backoff, dead letters, the uniqueness key, recurring occurrences."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from belofte.domain.schedules import Schedule, occurrences
from belofte.errors import InvalidInput, StoreUnavailable
from belofte.ingest.kinds import RecordKind
from belofte.services import handlers
from belofte.services.access.audit import audit_entries
from belofte.services.jobs import queue
from belofte.services.jobs.registry import JobContext, JobKind, register
from belofte.services.jobs.schedules import ensure_next
from belofte.services.jobs.worker import Worker, backoff, error_line, work_off
from belofte.services.listen import imports
from belofte.services.listen.imports import import_file
from belofte.services.workspace import Workspace
from belofte.store import tables as t
from belofte.store.repositories.jobs import JobRepository

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
runs: list[tuple[int, int]] = []  # (job id, attempt) of the test handlers


def _record(_ws: Workspace, job: JobContext) -> None:
    runs.append((job.job_id, job.attempt))


def _fail(_ws: Workspace, job: JobContext) -> None:
    runs.append((job.job_id, job.attempt))
    raise ValueError(f"kapot bij klant {job.payload.get('who')}")


@pytest.fixture(autouse=True)
def kinds() -> Iterator[None]:
    register(JobKind("test.record", _record, "records its run; tests count them"))
    register(
        JobKind("test.fail", _fail, "fails every time", max_attempts=3, backoff_s=10)
    )
    runs.clear()
    yield
    runs.clear()


def _jobs(ws: Workspace) -> list[t.Job]:
    with ws.session() as session:
        return list(session.scalars(select(t.Job).order_by(t.Job.id)))


def test_a_rolled_back_change_leaves_no_job_and_a_committed_one_has_its_job(
    workspace: Workspace,
) -> None:
    def change_that_fails() -> None:
        with workspace.session() as session:
            queue.enqueue(session, "test.record", {"run": 1})
            raise RuntimeError("the change fails after the job was enqueued")

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert _jobs(workspace) == []
    with workspace.session() as session:
        job_id = queue.enqueue(session, "test.record", {"run": 2})
    assert [j.id for j in _jobs(workspace)] == [job_id]


def test_an_import_and_the_analysis_of_its_texts_commit_together(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "enquete.csv"
    data.write_text(
        "id,datum,nps,opmerking\nR1,2026-11-02,3,Bezorging te laat\n", encoding="utf-8"
    )
    summary = import_file(workspace, data, RecordKind.RESPONSES)
    jobs = _jobs(workspace)
    assert [(j.id, j.kind, j.payload, j.status) for j in jobs] == [
        (summary.enrich_job, "listen.enrich", {"run": 1}, "queued")
    ]
    # The same file again changes nothing: no texts to analyse, no new job.
    assert import_file(workspace, data, RecordKind.RESPONSES).enrich_job is None
    # A last batch that cannot commit takes its job with it.
    other = tmp_path / "andere.csv"
    other.write_text("id,datum,nps,opmerking\nR2,2026-11-02,9,Top\n", encoding="utf-8")
    real = imports.audit_in

    def failing(
        session: object, actor: str, action: str, *a: object, **k: object
    ) -> None:
        if action == "import.file":
            raise StoreUnavailable("the database's disk is full")
        real(session, actor, action, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(imports, "audit_in", failing)
    with pytest.raises(StoreUnavailable):
        import_file(workspace, other, RecordKind.RESPONSES)
    assert len(_jobs(workspace)) == 1
    handlers.install()
    monkeypatch.undo()
    assert work_off(workspace, [summary.enrich_job or 0]) == {
        summary.enrich_job: "done"
    }


def test_a_unique_key_makes_a_job_run_once(workspace: Workspace) -> None:
    first = queue.submit(workspace, "test.record", unique_key="once")
    assert queue.submit(workspace, "test.record", unique_key="once") is None
    Worker(workspace).run(_never(), once=True)
    assert runs == [(first, 1)]
    # Done, and still the same key: enqueued again, it does not run again.
    assert queue.submit(workspace, "test.record", unique_key="once") is None


def _never() -> object:
    import threading

    return threading.Event()


def test_each_due_job_is_claimed_once_and_leases_pass_on(workspace: Workspace) -> None:
    for n in range(3):
        queue.submit(workspace, "test.record", {"n": n})
    later = queue.submit(workspace, "test.record", delay_s=3600)
    now = datetime.now(UTC)
    lease = timedelta(seconds=60)
    leases = {"test.record": lease, "test.other": lease * 10}
    with workspace.session() as session:
        jobs = JobRepository(session)
        a = jobs.claim("a", now, leases)
        b = jobs.claim("b", now, leases)
        c = jobs.claim("c", now, leases)
        assert jobs.claim("d", now, leases) is None  # the fourth is not due
    assert a and b and c and len({a.id, b.id, c.id}) == 3
    assert later not in {a.id, b.id, c.id}
    assert a.lease_until == now + lease  # the kind's own lease
    # Worker a dies: after its lease, its job is claimed again, attempt 2.
    with workspace.session() as session:
        jobs = JobRepository(session)
        again = jobs.claim("e", now + lease + timedelta(seconds=1), leases)
        assert again is not None and again.id == a.id and again.attempts == 2
        assert not jobs.finish(a.id, "a", now)  # a's late finish is refused
        assert jobs.finish(a.id, "e", now)


def test_failures_are_retried_with_backoff_then_dead_with_one_clean_line(
    workspace: Workspace,
) -> None:
    job_id = queue.submit(workspace, "test.fail", {"who": "K-4711"}, max_attempts=3)
    assert job_id is not None
    worker = Worker(workspace, name="w")
    delays = []
    for attempt in (1, 2, 3):
        with workspace.session() as session:
            JobRepository(session).session.execute(
                t.Job.__table__.update().values(run_at=datetime.now(UTC))
            )
        job = worker.claim("w", ("test.fail",))
        assert job is not None and job.attempts == attempt
        before = datetime.now(UTC)
        status = worker.run_job(job, "w")
        with workspace.session() as session:
            stored = JobRepository(session).by_id(job_id)
        assert stored is not None
        if attempt < 3:
            assert status == "queued"
            delays.append((stored.run_at - before).total_seconds())
        else:
            assert status == "dead"
    # 10 s then 20 s, each with at most 25 % jitter.
    assert 10 <= delays[0] <= 12.6 and 20 <= delays[1] <= 25.1
    assert stored.last_error == "ValueError"  # never the message: it quoted data


def test_backoff_and_error_lines() -> None:
    kind = JobKind("test.x", _record, "-", backoff_s=10)
    assert [round(backoff(kind, n) / 10, 0) for n in (1, 2, 3)] in (
        [1, 2, 4],
        [1, 2, 5],
        [1, 3, 4],
        [1, 3, 5],
        [1, 2, 4],
    )
    assert backoff(kind, 40) <= 3600 * 1.25
    assert error_line(InvalidInput("nps: out of scale\nsecond line")) == (
        "InvalidInput: nps: out of scale"
    )


def test_people_retry_the_dead_and_cancel_the_queued(workspace: Workspace) -> None:
    dead = queue.submit(workspace, "test.fail", max_attempts=1)
    queued = queue.submit(workspace, "test.record", delay_s=3600)
    assert dead is not None and queued is not None
    Worker(workspace).run(_never(), once=True)
    with pytest.raises(InvalidInput, match="only dead or cancelled jobs are retried"):
        queue.retry_job(workspace, queued, actor="user:admin")
    queue.retry_job(workspace, dead, actor="user:admin")
    queue.cancel_job(workspace, queued, actor="user:admin")
    overview = queue.job_overview(workspace)
    assert overview.counts == {
        "queued": 1,  # the retried one, its error cleared
        "retrying": 0,
        "running": 0,
        "done": 0,
        "dead": 0,
        "cancelled": 1,
    }
    actions = [(e.action, e.target) for e in audit_entries(workspace, action="job")]
    assert actions == [
        ("job.cancelled", f"job:{queued}"),
        ("job.retried", f"job:{dead}"),
    ]


def test_payloads_hold_ids_not_texts(workspace: Workspace) -> None:
    with pytest.raises(InvalidInput, match="ids and short codes only"):
        queue.submit(workspace, "test.record", {"text": "x" * 500})
    with pytest.raises(InvalidInput, match="looks like personal data"):
        queue.submit(workspace, "test.record", {"who": "jan.devries@example.com"})
    with pytest.raises(InvalidInput, match="is not capability.what"):
        queue.submit(workspace, "Record")


def test_occurrences_follow_the_local_calendar_across_daylight_saving() -> None:
    nightly = Schedule("nacht", "measure.refresh", "day", "02:30")
    # The night the clocks go back (25 October 2026, 03:00 CEST -> 02:00 CET):
    # 02:30 comes twice and the first counts; the next is 25 hours later.
    last, upcoming = occurrences(
        nightly, datetime(2026, 10, 25, 12, 0, tzinfo=UTC), AMSTERDAM
    )
    assert (last.isoformat(), upcoming.isoformat()) == (
        "2026-10-25T00:30:00+00:00",
        "2026-10-26T01:30:00+00:00",
    )
    hourly = Schedule("uur", "measure.refresh", "hour", ":15")
    assert [
        m.isoformat()
        for m in occurrences(
            hourly, datetime(2026, 12, 7, 10, 5, tzinfo=UTC), AMSTERDAM
        )
    ] == [
        "2026-12-07T09:15:00+00:00",
        "2026-12-07T10:15:00+00:00",
    ]
    with pytest.raises(ValueError, match="is not HH:MM"):
        Schedule("x", "measure.refresh", "day", "25:00")


def test_several_workers_queue_each_occurrence_once(workspace: Workspace) -> None:
    schedule = Schedule("elke-minuut", "test.record", "minute")
    now = datetime(2026, 12, 7, 10, 0, 30, tzinfo=UTC)
    added = [ensure_next(workspace, [schedule], now) for _ in range(4)]
    assert added == [2, 0, 0, 0]
    keys = sorted(j.unique_key or "" for j in _jobs(workspace))
    assert keys == [
        "schedule:elke-minuut@2026-12-07T10:00:00+00:00",
        "schedule:elke-minuut@2026-12-07T10:01:00+00:00",
    ]
    later = now + timedelta(minutes=1)
    assert ensure_next(workspace, [schedule], later) == 1  # only the new next one


def test_belofte_yaml_schedules_name_known_jobs(sqlite_workspace: Workspace) -> None:
    ws = sqlite_workspace
    handlers.install()
    text = ws.blueprint_path.read_text(encoding="utf-8")
    ws.blueprint_path.write_text(
        text + "\nschedules:\n  - {id: ochtend, job: measure.refresh, every: day, "
        'at: "06:00"}\n',
        encoding="utf-8",
    )
    names = [s.name for s in handlers.schedules(ws)]
    assert names == ["nightly-refresh", "purge-finished-jobs", "ochtend"]
    ws.blueprint_path.write_text(
        text + "\nschedules:\n  - {id: fout, job: measure.nothing, every: minute}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match="unknown job 'measure.nothing'"):
        handlers.schedules(ws)


def test_finished_jobs_are_purged_after_thirty_days(workspace: Workspace) -> None:
    old = queue.submit(workspace, "test.record")
    Worker(workspace).run(_never(), once=True)
    with workspace.session() as session:
        session.execute(
            t.Job.__table__.update()
            .where(t.Job.id == old)
            .values(finished_at=datetime.now(UTC) - timedelta(days=31))
        )
        assert (
            JobRepository(session).purge_finished(
                datetime.now(UTC) - handlers.KEEP_FINISHED
            )
            == 1
        )
        assert session.scalar(select(func.count()).select_from(t.Job)) == 0


def test_a_worker_whose_store_fails_at_the_end_of_a_job_goes_on(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The job whose end could not be recorded stays leased (its lease passes
    it on); the thread does not die with it, and runs the next job."""
    first = queue.submit(workspace, "test.record")
    second = queue.submit(workspace, "test.record")
    finish = JobRepository.finish
    failures = iter([True])

    def flaky(self: JobRepository, job_id: int, worker: str, now: datetime) -> bool:
        if next(failures, False):
            raise StoreUnavailable("the database is busy")
        return finish(self, job_id, worker, now)

    monkeypatch.setattr(JobRepository, "finish", flaky)
    monkeypatch.setattr("belofte.services.jobs.worker.ERROR_PAUSE_S", 0.01)
    report = Worker(workspace).run(_never(), once=True)
    assert runs == [(first, 1), (second, 1)] and report.done == 1
    statuses = {j.id: j.status for j in _jobs(workspace)}
    assert statuses == {first: "running", second: "done"}


def test_a_job_whose_worker_died_in_its_last_attempt_is_dead_not_rerun(
    workspace: Workspace,
) -> None:
    job_id = queue.submit(workspace, "test.record", max_attempts=1)
    now = datetime.now(UTC)
    with workspace.session() as session:
        claimed = JobRepository(session).claim("gone", now, {})
    assert claimed is not None and claimed.id == job_id
    later = now + timedelta(minutes=6)  # past the default five-minute lease
    Worker(workspace)._tend(later)
    [job] = [j for j in _jobs(workspace) if j.id == job_id]
    assert (job.status, job.last_error) == (
        "dead",
        "its worker stopped during the last attempt (lease expired)",
    )
    assert runs == []
