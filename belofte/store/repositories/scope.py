"""Where a record belongs: the location code of a verbatim (for scope checks)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from belofte.store import tables as t


class ScopeRepository:
    """Looks up the location of records, so services can check a principal's scope."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def verbatim_location(self, verbatim_id: int) -> tuple[bool, str | None]:
        """(whether the verbatim exists, its location code or None)."""
        row = self.session.execute(
            select(t.Verbatim.id, t.LocationRow.code)
            .outerjoin(t.LocationRow, t.LocationRow.id == t.Verbatim.location_id)
            .where(t.Verbatim.id == verbatim_id)
        ).first()
        if row is None:
            return False, None
        return True, row[1]
