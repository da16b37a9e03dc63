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


def ensure_next(ws: Workspace, schedules: Sequence[Schedule], now: datetime) -> int:
    """Queue the last and the next occurrence of each schedule; how many were new."""
    if not schedules:
        return 0
    zone = ZoneInfo(ws.settings.timezone)
    added = 0
    with ws.session() as session:
        for schedule in schedules:
            for moment in occurrences(schedule, now, zone):
                job = enqueue(
                    session,
                    schedule.kind,
                    schedule.payload,
                    run_at=moment,
                    unique_key=schedule.key(moment),
                )
                added += job is not None
    return added
