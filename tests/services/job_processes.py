"""Real `belofte worker` processes for the job tests and benchmarks/jobs.py.

A job plug-in is "installed" the way pip installs one (a module and a
dist-info with a `belofte.jobs` entry point) into a folder that the worker
processes get on PYTHONPATH. Its kind, `bench.record`, writes one row per run
to `job_runs` (to count double runs, with the wall-clock time) and its effect once to `job_effects`
(keyed by the job id: the idempotency that keeps a rerun's effect single).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine, text

PLUGIN = """
import os
import time

from sqlalchemy import text

from belofte.services.jobs.registry import JobKind


def _record(ws, job):
    pid = os.getpid()
    with ws.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO job_runs (job_id, pid, phase, at)"
                " VALUES (:j, :p, 'start', :t)"
            ),
            {"j": job.job_id, "p": pid, "t": time.time()},
        )
    time.sleep(float(job.payload.get("sleep", 0)))
    with ws.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO job_effects (job_id) VALUES (:j) ON CONFLICT DO NOTHING"),
            {"j": job.job_id},
        )
        connection.execute(
            text(
                "INSERT INTO job_runs (job_id, pid, phase, at)"
                " VALUES (:j, :p, 'end', :t)"
            ),
            {"j": job.job_id, "p": pid, "t": time.time()},
        )


KINDS = [
    JobKind(
        "bench.record",
        _record,
        "its effect is keyed by the job id: a second run adds nothing",
        lease_s=float(os.environ.get("BENCH_LEASE_S", "300")),
    )
]
"""


def install_plugin(folder: Path) -> Path:
    """Write the plug-in into `folder` (for PYTHONPATH); returns `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "belofte_bench_jobs.py").write_text(PLUGIN, encoding="utf-8")
    info = folder / "belofte_bench_jobs-0.1.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: belofte-bench-jobs\nVersion: 0.1\n",
        encoding="utf-8",
    )
    (info / "entry_points.txt").write_text(
        "[belofte.jobs]\nbench = belofte_bench_jobs:KINDS\n", encoding="utf-8"
    )
    return folder


def create_tables(engine: Engine) -> None:
    """The plug-in's own tables, beside the workspace's."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TABLE job_runs"
                " (job_id INTEGER, pid INTEGER, phase TEXT, at DOUBLE PRECISION)"
            )
        )
        connection.execute(
            text("CREATE TABLE job_effects (job_id INTEGER PRIMARY KEY)")
        )


def worker_process(
    workspace: Path, plugin: Path, *args: str, lease_s: float = 300.0
) -> subprocess.Popen[bytes]:
    """`belofte worker ARGS` on `workspace`, with the plug-in installed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELOFTE_")}
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(plugin), env.get("PYTHONPATH")])
    )
    env["BENCH_LEASE_S"] = str(lease_s)
    log = (
        workspace.parent / f"worker-{len(list(workspace.parent.glob('worker-*')))}.log"
    )
    with log.open("wb") as errors:  # the child keeps its own copy of the file
        return subprocess.Popen(
            [sys.executable, "-m", "belofte", "-w", str(workspace), "worker", *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )


def runs(engine: Engine) -> list[tuple[int, int, str]]:
    """(job id, pid, phase) of every run so far."""
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT job_id, pid, phase FROM job_runs"))
        return [(int(j), int(p), str(phase)) for j, p, phase in rows]


def effects(engine: Engine) -> int:
    """How many jobs had their effect."""
    with engine.connect() as connection:
        return int(
            connection.execute(text("SELECT count(*) FROM job_effects")).scalar() or 0
        )


def started_at(engine: Engine) -> dict[int, float]:
    """The wall-clock time each job first started."""
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT job_id, min(at) FROM job_runs WHERE phase = 'start'"
                " GROUP BY job_id"
            )
        )
        return {int(j): float(at) for j, at in rows}
