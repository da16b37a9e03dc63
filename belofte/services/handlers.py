"""Every capability's jobs in one place: their handlers, and the recurring ones.

The edges that run jobs (`belofte worker`, `belofte serve`, `belofte import
--wait`) call `install()` first; a capability only enqueues by kind and never
needs another's handler. Each handler says why running it twice (after a worker
died mid-job) has the effect of running it once. Plug-ins add kinds through the
`belofte.jobs` entry point group (a `JobKind`, or a callable returning them),
as labellers do through `belofte.labellers`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib.metadata import entry_points

from belofte.domain.schedules import Schedule
from belofte.errors import InvalidInput
from belofte.services.blueprints import check_blueprint
from belofte.services.jobs.registry import JobContext, JobKind, known_kinds, register
from belofte.services.jobs.worker import Worker
from belofte.services.listen.enrichment import ENRICH_JOB, enrich_job
from belofte.services.measure.analytics import refresh_or_keep
from belofte.services.workspace import Workspace
from belofte.store.repositories.jobs import JobRepository

#: Done and cancelled jobs are kept this long for the jobs page, then purged.
KEEP_FINISHED = timedelta(days=30)

REFRESH = "measure.refresh"
PURGE = "jobs.purge"


def _refresh(ws: Workspace, _job: JobContext) -> None:
    refresh_or_keep(ws)


def _purge(ws: Workspace, _job: JobContext) -> None:
    with ws.session() as session:
        JobRepository(session).purge_finished(datetime.now(UTC) - KEEP_FINISHED)


KINDS = (
    JobKind(
        ENRICH_JOB,
        enrich_job,
        "analyses only texts without a current enrichment: a second run finds "
        "none left and writes nothing",
        lease_s=600.0,
    ),
    JobKind(
        REFRESH,
        _refresh,
        "brings the analytics copy up to the store; a second run finds it fresh",
    ),
    JobKind(
        PURGE,
        _purge,
        "deletes what is older than the cut-off; a second run finds nothing",
    ),
)

#: Recurring jobs every workspace has (belofte.yaml's `schedules:` add more).
SCHEDULES = (
    # The morning's first dashboard finds the night's imports in the lake.
    Schedule("nightly-refresh", REFRESH, "day", "05:30"),
    Schedule("purge-finished-jobs", PURGE, "day", "03:15"),
)


#: The entry point group of job plug-ins.
ENTRY_POINT_GROUP = "belofte.jobs"


def install() -> None:
    """Register every capability's job kinds and the plug-ins' (safe to repeat)."""
    for kind in KINDS:
        register(kind)
    for point in entry_points(group=ENTRY_POINT_GROUP):
        found = point.load()
        kinds = found() if callable(found) and not isinstance(found, JobKind) else found
        for kind in kinds if isinstance(kinds, list | tuple) else (kinds,):
            if not isinstance(kind, JobKind):
                raise InvalidInput(
                    f"job plug-in {point.name!r} gives no JobKind "
                    f"({type(kind).__name__})"
                )
            register(kind)


def schedules(ws: Workspace) -> tuple[Schedule, ...]:
    """The recurring jobs of `ws`: belofte's own, then belofte.yaml's.

    A schedule of belofte.yaml naming no registered job (call `install()`
    first: plug-ins count) is an InvalidInput that names it (a worker should
    not start and silently never run it).
    """
    declared = check_blueprint(ws).blueprint.schedules
    known = {kind.kind for kind in known_kinds()}
    unknown = [s for s in declared if s.kind not in known]
    if unknown:
        raise InvalidInput(
            f"belofte.yaml schedules: unknown job {unknown[0].kind!r} "
            f"(in {unknown[0].name}); the jobs are {', '.join(sorted(known))}"
        )
    return (*SCHEDULES, *declared)


def worker(ws: Workspace, *, concurrency: int = 1) -> Worker:
    """A worker for every installed kind and `ws`'s recurring jobs."""
    install()
    return Worker(ws, concurrency=concurrency, schedules=schedules(ws))
