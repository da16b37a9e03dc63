"""Recurring jobs: when each occurrence is due, on the workspace's local clock.

A schedule says *what* (a job kind and its payload) and *when*: every minute,
every hour at minute MM, or every day at HH:MM local time. Occurrences are
read off the calendar, never from when the last run happened, so a slow run
or several workers cause no drift: each occurrence has one key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

Every = Literal["minute", "hour", "day"]
_AT = {
    "day": re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$"),
    "hour": re.compile(r"^:([0-5]\d)$"),
}


@dataclass(frozen=True, slots=True)
class Schedule:
    """A job that is due every minute, hour (at `:MM`) or day (at `HH:MM`)."""

    name: str
    kind: str
    every: Every
    at: str = ""
    payload: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Refuse an `at` that does not fit `every`."""
        pattern = _AT.get(self.every)
        if pattern is not None and not pattern.match(self.at):
            form = "HH:MM" if self.every == "day" else ":MM"
            raise ValueError(f"schedule {self.name}: at {self.at!r} is not {form}")

    def key(self, occurrence: datetime) -> str:
        """The unique key of one occurrence: one job, however many workers."""
        return f"schedule:{self.name}@{occurrence.astimezone(UTC).isoformat()}"


def occurrences(
    schedule: Schedule, now: datetime, zone: ZoneInfo
) -> tuple[datetime, datetime]:
    """The last occurrence at or before `now` and the next one after it (UTC).

    Examples
    --------
    >>> nightly = Schedule("nacht", "measure.refresh", "day", "02:00")
    >>> now = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
    >>> last, upcoming = occurrences(nightly, now, ZoneInfo("Europe/Amsterdam"))
    >>> last.isoformat(), upcoming.isoformat()
    ('2026-12-07T01:00:00+00:00', '2026-12-08T01:00:00+00:00')

    """
    local = now.astimezone(zone)
    if schedule.every == "minute":
        last = local.replace(second=0, microsecond=0)
        step = timedelta(minutes=1)
    elif schedule.every == "hour":
        minute = int(schedule.at[1:])
        last = local.replace(minute=minute, second=0, microsecond=0)
        if last > local:
            last -= timedelta(hours=1)
        step = timedelta(hours=1)
    else:
        hour, minute = (int(p) for p in schedule.at.split(":"))
        last = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if last > local:
            last = _same_time(last - timedelta(days=1), hour, minute)
        step = timedelta(days=1)
    upcoming = last + step
    if schedule.every == "day":  # the same local time the next day, across DST
        upcoming = _same_time(last + step, hour, minute)
    return last.astimezone(UTC), upcoming.astimezone(UTC)


def _same_time(moment: datetime, hour: int, minute: int) -> datetime:
    """`moment`'s day at hour:minute local time (its zone's offset on that day)."""
    return datetime(
        moment.year, moment.month, moment.day, hour, minute, tzinfo=moment.tzinfo
    )
