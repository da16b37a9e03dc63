"""What each kind of job does: its handler, attempts, lease, and why it is safe.

A handler runs at least once per job: a worker that dies mid-job loses its
lease and the job runs again. Each handler is registered with the reason its
effect stays single when it runs twice (`idempotent`), which `belofte jobs
kinds` shows. Handlers are registered by `services/handlers.py`, the one
place that knows every capability's jobs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from belofte.services.workspace import Workspace

#: A job kind: capability.what, lowercase (e.g. `listen.enrich`).
KIND = re.compile(r"^[a-z]+(?:\.[a-z_]+)+$")


@dataclass(frozen=True, slots=True)
class JobContext:
    """What a handler gets besides the workspace."""

    job_id: int
    payload: dict[str, Any]
    attempt: int
    #: Call with (done, total) to report progress (`belofte import --wait`).
    progress: Callable[[int, int], None]


Handler = Callable[[Workspace, JobContext], None]


@dataclass(frozen=True, slots=True)
class JobKind:
    """A registered kind of job."""

    kind: str
    handler: Handler
    idempotent: str  # why running twice has the effect of running once
    max_attempts: int = 5
    lease_s: float = 300.0
    backoff_s: float = 10.0  # the first retry's delay; doubled per attempt


_KINDS: dict[str, JobKind] = {}


def register(kind: JobKind) -> None:
    """Make `kind` known (again: the same registration is allowed twice)."""
    if not KIND.match(kind.kind):
        raise ValueError(f"job kind {kind.kind!r} is not capability.what")
    _KINDS[kind.kind] = kind


def kind_of(name: str) -> JobKind | None:
    """The registered kind called `name`."""
    return _KINDS.get(name)


def known_kinds() -> tuple[JobKind, ...]:
    """Every registered kind, by name."""
    return tuple(_KINDS[name] for name in sorted(_KINDS))
