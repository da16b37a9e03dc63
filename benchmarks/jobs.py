"""Durable jobs under load: several real `belofte worker` processes, a killed
worker, and how late a delayed job runs. On SQLite and (with --postgres) on
PostgreSQL. The handler is the test plug-in's `bench.record`
(tests/services/job_processes.py): one row per run in `job_runs`, its effect
once in `job_effects`, keyed by the job id.

1. Throughput: 10,000 jobs, 4 worker processes (`--once`, 1 thread each), and
   one worker for comparison: every job done, double runs counted (a job that
   started twice), jobs/s from the first worker's start to the last one's
   exit; beside it a bare loop calling the same handler in one process (the
   cost of the queue is the difference).
2. Crash: 1,000 jobs of 5 ms, one worker killed with SIGKILL half-way, then a
   fresh worker: jobs done, jobs that started twice (only those the killed
   worker held, after their 2 s lease), effects (must equal the jobs).
3. Delay: 20 jobs each due 1.5 s after it is queued, on an idle worker: the
   seconds between `run_at` and the handler's start, median and worst.

    python benchmarks/jobs.py [--jobs 10000] [--workers 4] \
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import tempfile
import time
import types
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.services

from belofte.services.jobs import queue  # noqa: E402
from belofte.services.setup import init_workspace  # noqa: E402
from belofte.services.workspace import Workspace  # noqa: E402
from belofte.settings import Settings  # noqa: E402
from belofte.store import tables as t  # noqa: E402
from tests.services import job_processes as jp  # noqa: E402

KIND = "bench.record"


@contextmanager
def database(server: str | None, folder: Path, name: str) -> Iterator[str]:
    """A fresh SQLite file, or a fresh database on the PostgreSQL server."""
    if server is None:
        yield f"sqlite:///{folder / f'{name}.db'}"
        return
    db = f"belofte_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{db}"'))
    try:
        yield make_url(server).set(database=db).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        admin.dispose()


def workspace(folder: Path, url: str) -> Workspace:
    ws = init_workspace(folder, "retail-nl", Settings(), url).workspace
    jp.create_tables(ws.engine)
    return ws


def submit(ws: Workspace, count: int, **options: object) -> list[int]:
    payload = {k: v for k, v in options.items() if k == "sleep"}
    extra = {k: v for k, v in options.items() if k != "sleep"}
    with ws.session() as session:
        ids = [
            queue.enqueue(session, KIND, dict(payload), **extra) for _ in range(count)
        ]
    return [i for i in ids if i is not None]


def statuses(ws: Workspace) -> Counter[str]:
    with ws.session(read_only=True) as session:
        return Counter(session.scalars(select(t.Job.status).where(t.Job.kind == KIND)))


def wait(condition, seconds: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        time.sleep(0.1)


def bare_loop(ws: Workspace, count: int) -> float:
    """jobs/s of the plug-in's handler called in a loop, without a queue."""
    module = types.ModuleType("bench_plugin")
    exec(jp.PLUGIN, module.__dict__)  # noqa: S102 - our own test plug-in
    start = time.perf_counter()
    for n in range(count):
        module._record(ws, types.SimpleNamespace(job_id=-1 - n, payload={}))
    elapsed = time.perf_counter() - start
    with ws.engine.begin() as connection:
        connection.execute(text("DELETE FROM job_runs"))
        connection.execute(text("DELETE FROM job_effects"))
    return count / elapsed


def throughput(ws: Workspace, plugin: Path, jobs: int, workers: int) -> None:
    bare = bare_loop(ws, jobs)
    submit(ws, jobs)
    start = time.perf_counter()
    processes = [jp.worker_process(ws.path, plugin, "--once") for _ in range(workers)]
    for process in processes:
        if process.wait(timeout=1800) != 0:
            raise SystemExit(f"a worker failed: see {ws.path.parent}/worker-*.log")
    elapsed = time.perf_counter() - start
    started = Counter(j for j, _, phase in jp.runs(ws.engine) if phase == "start")
    by_worker = Counter(pid for _, pid, phase in jp.runs(ws.engine) if phase == "end")
    done = statuses(ws)["done"]
    print(
        f"  throughput: {done:,}/{jobs:,} done by {workers} workers "
        f"(shares {sorted(by_worker.values())}), "
        f"{sum(1 for n in started.values() if n > 1)} double runs, "
        f"{jobs / elapsed:,.0f} jobs/s (bare loop {bare:,.0f} jobs/s)"
    )


def crash(ws: Workspace, plugin: Path, jobs: int) -> None:
    submit(ws, jobs, sleep=0.005)
    first = jp.worker_process(ws.path, plugin, lease_s=2)
    wait(lambda: len(jp.runs(ws.engine)) >= jobs, 600)  # about half started
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = len({j for j, _, p in jp.runs(ws.engine) if p == "start"})
    start = time.perf_counter()
    second = jp.worker_process(ws.path, plugin, lease_s=2)
    try:
        wait(lambda: statuses(ws)["done"] == jobs, 600)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=60)
    started = Counter(j for j, _, phase in jp.runs(ws.engine) if phase == "start")
    print(
        f"  kill -9 after {killed_at:,} of {jobs:,} jobs: {statuses(ws)['done']:,} done "
        f"({time.perf_counter() - start:.1f} s for the fresh worker), "
        f"{sum(1 for n in started.values() if n > 1)} started twice, "
        f"{jp.effects(ws.engine):,} effects"
    )


def delay(ws: Workspace, plugin: Path, count: int) -> None:
    worker = jp.worker_process(ws.path, plugin)
    try:
        time.sleep(3)  # started and idle
        late: list[float] = []
        for _ in range(count):
            run_at = datetime.now(UTC) + timedelta(seconds=1.5)
            [job] = submit(ws, 1, run_at=run_at)
            wait(lambda job=job: job in jp.started_at(ws.engine), 30)
            late.append(jp.started_at(ws.engine)[job] - run_at.timestamp())
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
    print(
        f"  delayed job: started {statistics.median(late):.2f} s after run_at "
        f"(median of {count}), worst {max(late):.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--crash-jobs", type=int, default=1_000)
    parser.add_argument(
        "--postgres", help="a PostgreSQL server URL (a database is made)"
    )
    args = parser.parse_args()
    servers: list[tuple[str, str | None]] = [("SQLite", None)]
    if args.postgres:
        servers.append(("PostgreSQL", args.postgres))
    with tempfile.TemporaryDirectory(prefix="belofte-jobs-") as tmp:
        root = Path(tmp)
        plugin = jp.install_plugin(root / "plugin")
        for label, server in servers:
            print(label)
            steps = [
                (
                    f"throughput-{n}",
                    lambda ws, n=n: throughput(ws, plugin, args.jobs, n),
                )
                for n in sorted({1, args.workers})
            ]
            for name, run in (
                *steps,
                ("crash", lambda ws: crash(ws, plugin, args.crash_jobs)),
                ("delay", lambda ws: delay(ws, plugin, 20)),
            ):
                folder = root / f"{label}-{name}"
                folder.mkdir()
                with database(server, folder, name) as url:
                    ws = workspace(folder / "ws", url)
                    try:
                        run(ws)
                    finally:
                        ws.close()


if __name__ == "__main__":
    main()
