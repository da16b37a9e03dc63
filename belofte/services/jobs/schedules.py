"""Recurring jobs: each occurrence enqueued once, whichever workers see it first.

Every worker, about once a second, makes sure that the last occurrence of each
schedule (if it was missed while no worker ran) and the next one are queued,
each under its occurrence's unique key (`Schedule.key`): several workers
enqueue it once between them, and a slow run shifts nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from belofte.domain.schedules import Schedule, occurrences
from belofte.services.jobs.queue import enqueue
from belofte.services.workspace import Workspace

__all__ = ["Schedule", "ensure_next"]


def ensure_next(
    ws: Workspace,
    schedules: Sequence[Schedule],
    now: datetime,
    known: set[str] | None = None,
) -> int:
    """Queue the last and the next occurrence of each schedule; how many were new.

    `known` holds the occurrence keys this caller queued (or found) before: they
    are skipped, and a call with nothing new touches no table (a worker calls
    this every second).
    """
    zone = ZoneInfo(ws.settings.timezone)
    wanted = [
        (schedule, moment)
        for schedule in schedules
        for moment in occurrences(schedule, now, zone)
        if known is None or schedule.key(moment) not in known
    ]
    if not wanted:
        return 0
    added = 0
    with ws.session() as session:
        for schedule, moment in wanted:
            job = enqueue(
                session,
                schedule.kind,
                schedule.payload,
                run_at=moment,
                unique_key=schedule.key(moment),
            )
            added += job is not None
    if known is not None:
        known.update(schedule.key(moment) for schedule, moment in wanted)
    return added
