"""Jobs run by real `belofte worker` processes: one claim per job across processes,
nothing lost when a worker is killed, a clean stop on SIGTERM, recurring jobs
queued once by several workers. On SQLite and PostgreSQL."""

from __future__ import annotations

import signal
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from belofte.services.jobs import queue
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.store import tables as t
from tests.services import job_processes as jp


@pytest.fixture
def world(tmp_path: Path, database_url: str) -> Iterator[tuple[Workspace, Path]]:
    ws = init_workspace(
        tmp_path / "ws", "retail-nl", Settings(), database_url
    ).workspace
    jp.create_tables(ws.engine)
    plugin = jp.install_plugin(tmp_path / "plugin")
    yield ws, plugin
    ws.close()


def _submit(ws: Workspace, count: int, **payload: float) -> list[int]:
    with ws.session() as session:
        ids = [
            queue.enqueue(session, "bench.record", dict(payload)) for _ in range(count)
        ]
    return [i for i in ids if i is not None]


def _statuses(ws: Workspace) -> Counter[str]:
    with ws.session(read_only=True) as session:
        # (Not the workspace's own recurring jobs, which the workers also queue.)
        return Counter(
            session.scalars(select(t.Job.status).where(t.Job.kind == "bench.record"))
        )


def _wait(condition, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


def test_several_worker_processes_run_each_job_once(
    world: tuple[Workspace, Path],
) -> None:
    ws, plugin = world
    _submit(ws, 300)
    workers = [
        jp.worker_process(ws.path, plugin, "--once", "--concurrency", "2")
        for _ in range(4)
    ]
    for process in workers:
        assert process.wait(timeout=180) == 0
    done = [r for r in jp.runs(ws.engine) if r[2] == "end"]
    per_job = Counter(job for job, _, _ in done)
    assert len(per_job) == 300 and set(per_job.values()) == {1}  # no double runs
    assert len({pid for _, pid, _ in done}) > 1  # the work was shared
    assert _statuses(ws) == Counter({"done": 300})


def test_a_killed_worker_loses_no_job_and_its_rerun_has_one_effect(
    world: tuple[Workspace, Path],
) -> None:
    ws, plugin = world
    _submit(ws, 40, sleep=0.05)
    first = jp.worker_process(ws.path, plugin, lease_s=2)
    _wait(lambda: len(jp.runs(ws.engine)) >= 20)
    first.send_signal(signal.SIGKILL)
    first.wait()
    second = jp.worker_process(ws.path, plugin, lease_s=2)
    try:
        _wait(lambda: _statuses(ws) == Counter({"done": 40}))
    finally:
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=30) == 0
    started = Counter(job for job, _, phase in jp.runs(ws.engine) if phase == "start")
    assert len(started) == 40
    rerun = [job for job, n in started.items() if n > 1]
    assert len(rerun) <= 1  # only the job the killed worker held
    assert jp.effects(ws.engine) == 40  # and its effect is single


def test_sigterm_lets_the_running_job_finish(world: tuple[Workspace, Path]) -> None:
    ws, plugin = world
    [job] = _submit(ws, 1, sleep=2)
    process = jp.worker_process(ws.path, plugin)
    _wait(lambda: len(jp.runs(ws.engine)) == 1)  # it started
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    assert [phase for j, _, phase in jp.runs(ws.engine) if j == job] == ["start", "end"]
    assert _statuses(ws) == Counter({"done": 1})


def test_several_workers_run_a_recurring_job_once_per_occurrence(
    world: tuple[Workspace, Path],
) -> None:
    ws, plugin = world
    ws.blueprint_path.write_text(
        ws.blueprint_path.read_text(encoding="utf-8")
        + "\nschedules:\n  - {id: elke-minuut, job: bench.record, every: minute}\n",
        encoding="utf-8",
    )
    workers = [jp.worker_process(ws.path, plugin) for _ in range(3)]
    try:
        _wait(lambda: len([r for r in jp.runs(ws.engine) if r[2] == "end"]) >= 1)
        time.sleep(3)  # every worker has looked at the schedule a few times
    finally:
        for process in workers:
            process.send_signal(signal.SIGTERM)
        for process in workers:
            assert process.wait(timeout=30) == 0
    with ws.session(read_only=True) as session:
        keys = [
            key
            for (key,) in session.execute(
                select(t.Job.unique_key).where(t.Job.kind == "bench.record")
            )
        ]
    assert len(keys) == len(set(keys))  # each occurrence queued once
    per_job = Counter(j for j, _, phase in jp.runs(ws.engine) if phase == "end")
    assert set(per_job.values()) == {1}
