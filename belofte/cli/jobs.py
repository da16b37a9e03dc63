"""`belofte worker` and `belofte jobs ...`: the durable background jobs."""

from __future__ import annotations

import signal
import threading
from datetime import datetime
from types import FrameType
from typing import Annotated, Any

import typer
from rich.table import Table

from belofte.cli import output
from belofte.cli.context import workspace_of
from belofte.cli.output import e
from belofte.services import handlers
from belofte.services.access.audit import CLI_ACTOR
from belofte.services.jobs.queue import (
    VIEWS,
    cancel_job,
    job_overview,
    list_jobs,
    retry_job,
)
from belofte.services.jobs.registry import known_kinds
from belofte.services.workspace import Workspace

app = typer.Typer(
    help="Background jobs: list them, retry the dead, cancel the queued.",
    no_args_is_help=True,
)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def worker(
    ctx: typer.Context,
    concurrency: Annotated[
        int, typer.Option(min=1, max=32, help="Jobs run at once (threads).")
    ] = 1,
    once: Annotated[
        bool, typer.Option("--once", help="Run what is due now, then stop.")
    ] = False,
) -> None:
    """Run background jobs until stopped (SIGTERM, Ctrl+C: running jobs finish)."""
    ws = workspace_of(ctx)
    running = handlers.worker(ws, concurrency=concurrency)
    stop = threading.Event()

    def stopping(_signal: int, _frame: FrameType | None) -> None:
        if stop.is_set():  # the second signal: give the jobs back and go
            given = running.abandon()
            output.warn(f"stopped at once; {given} running job(s) given back")
            raise SystemExit(130)
        stop.set()

    previous = {s: signal.signal(s, stopping) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        if not once:
            output.say(
                f"worker {e(running.name)} runs jobs of {e(ws.path)} "
                f"({concurrency} at a time); stop with Ctrl+C"
            )
        report = running.run(stop, once=once)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    output.say(
        f"worker stopped: {report.done} job(s) done, {report.failed} failed "
        f"({report.dead} dead)"
    )


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def _row(job: Any) -> dict[str, Any]:
    return {
        "id": job.id,
        "kind": job.kind,
        "status": "retrying"
        if job.status == "queued" and job.last_error
        else job.status,
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "run_at": _when(job.run_at),
        "finished_at": _when(job.finished_at),
        "last_error": job.last_error or "",
        "payload": job.payload,
    }


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[
        str | None,
        typer.Option(help=f"Only jobs in this state: {', '.join(VIEWS)}."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most.")] = 50,
    as_json: JsonFlag = False,
) -> None:
    """Jobs, newest first, with their state, attempts and last error."""
    ws: Workspace = workspace_of(ctx)
    jobs = list_jobs(ws, status=status, limit=limit)
    if as_json:
        output.emit_json(
            {"counts": job_overview(ws).counts, "jobs": [_row(j) for j in jobs]}
        )
        return
    table = Table("id", "kind", "status", "attempts", "due", "last error")
    for job in jobs:
        table.add_row(
            str(job.id),
            e(job.kind),
            e(job.status),
            f"{job.attempts}/{job.max_attempts}",
            _when(job.run_at),
            e(job.last_error or ""),
        )
    output.show(table)
    counts = job_overview(ws).counts
    output.say(", ".join(f"{n} {state}" for state, n in counts.items()))


@app.command()
def retry(ctx: typer.Context, job_id: Annotated[int, typer.Argument()]) -> None:
    """Queue a dead or cancelled job again."""
    retry_job(workspace_of(ctx), job_id, actor=CLI_ACTOR)
    output.say(f"job {job_id} queued again")


@app.command()
def cancel(ctx: typer.Context, job_id: Annotated[int, typer.Argument()]) -> None:
    """Cancel a queued job, so that it does not run (audited)."""
    cancel_job(workspace_of(ctx), job_id, actor=CLI_ACTOR)
    output.say(f"job {job_id} cancelled")


@app.command()
def kinds(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """The kinds of job, why each may safely run twice, and the recurring ones."""
    handlers.install()
    schedules = handlers.schedules(workspace_of(ctx))
    rows: list[dict[str, Any]] = [
        {
            "kind": k.kind,
            "attempts": k.max_attempts,
            "idempotent": k.idempotent,
            "schedules": [
                f"{s.name}: every {s.every}{f' at {s.at}' if s.at else ''}"
                for s in schedules
                if s.kind == k.kind
            ],
        }
        for k in known_kinds()
    ]
    if as_json:
        output.emit_json(rows)
        return
    table = Table("kind", "attempts", "runs twice safely because", "recurring")
    for row in rows:
        table.add_row(
            e(row["kind"]),
            str(row["attempts"]),
            e(row["idempotent"]),
            e("; ".join(row["schedules"])),
        )
    output.show(table)
