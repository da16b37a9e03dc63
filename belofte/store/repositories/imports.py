"""The record of each import run."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from belofte.store.tables import ImportRun


class ImportRunRepository:
    """Starts and finishes import_runs rows."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def start(self, kind: str, source: str, file_name: str | None) -> int:
        """A new run, marked running until `finish`."""
        run = ImportRun(
            kind=kind,
            source=source,
            file_name=file_name,
            started_at=datetime.now(UTC),
            status="running",
            counts={},
        )
        self.session.add(run)
        self.session.flush()
        return run.id

    def finish(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        """Close a run with its final status and counts."""
        run = self.session.get(ImportRun, run_id)
        if run is not None:
            run.status = status
            run.counts = counts
            run.finished_at = datetime.now(UTC)
            self.session.flush()
