"""The audit log: append and read, never change (the database refuses it too)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from belofte.store import tables as t


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One audit entry."""

    id: int
    at: datetime
    actor: str
    action: str
    target: str
    details: dict[str, Any]


class AuditRepository:
    """Appends to and reads audit_log."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def append(
        self,
        at: datetime,
        actor: str,
        action: str,
        target: str,
        details: dict[str, Any],
    ) -> None:
        """Add one entry."""
        self.session.add(
            t.AuditEntry(
                at=at,
                actor=actor[: t.ACTOR_LEN],
                action=action,
                target=target[:500],
                details=details,
            )
        )
        self.session.flush()

    def entries(
        self,
        *,
        action: str | None = None,
        actor: str | None = None,
        since: datetime | None = None,
        limit: int = 1000,
    ) -> list[AuditRecord]:
        """Entries, newest first; `action` matches a prefix (`login` finds both)."""
        query = select(t.AuditEntry).order_by(t.AuditEntry.id.desc()).limit(limit)
        if action:
            query = query.where(
                (t.AuditEntry.action == action)
                | t.AuditEntry.action.startswith(f"{action}.", autoescape=True)
            )
        if actor:
            query = query.where(
                (t.AuditEntry.actor == actor)
                | t.AuditEntry.actor.endswith(f":{actor}", autoescape=True)
            )
        if since:
            query = query.where(t.AuditEntry.at >= since)
        return [
            AuditRecord(
                row.id,
                row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC),
                row.actor,
                row.action,
                row.target,
                dict(row.details),
            )
            for row in self.session.scalars(query)
        ]
