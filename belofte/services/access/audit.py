"""The audit log: who did what, when, to which target; never personal data.

Services append in the same unit of work as the change they audit, so a change
and its entry commit together. Details hold ids and counts only.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import structlog
from sqlalchemy.orm import Session

from belofte.services.workspace import Workspace
from belofte.store.repositories.audit import AuditRecord, AuditRepository

log = structlog.get_logger(__name__)

#: The actor of commands run on the workspace's own machine.
CLI_ACTOR = "cli"


def audit_in(
    session: Session, actor: str, action: str, target: str = "", **details: Any
) -> None:
    """Append an entry inside the caller's unit of work."""
    AuditRepository(session).append(datetime.now(UTC), actor, action, target, details)
    log.debug("audit.appended", action=action)


def audit(
    ws: Workspace, actor: str, action: str, target: str = "", **details: Any
) -> None:
    """Append an entry in its own unit of work."""
    ws.require_current_schema()
    with ws.session() as session:
        audit_in(session, actor, action, target, **details)


def audit_entries(
    ws: Workspace,
    *,
    action: str | None = None,
    actor: str | None = None,
    since: datetime | None = None,
    limit: int = 1000,
) -> list[AuditRecord]:
    """Entries, newest first, filtered by action (prefix), actor and time."""
    ws.require_current_schema()
    with ws.session(read_only=True) as session:
        return AuditRepository(session).entries(
            action=action, actor=actor, since=since, limit=limit
        )
