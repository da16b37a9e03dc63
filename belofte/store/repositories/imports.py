"""The record of each import run: started, beating with every batch, finished."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from belofte.store.tables import ImportRun

#: Statuses a run ends with; `running` until then.
RUNNING, FINISHED, FAILED, INTERRUPTED = "running", "finished", "failed", "interrupted"


@dataclass(frozen=True, slots=True)
class RunningImport:
    """A run still marked running: where its process is, when it last beat."""

    id: int
    host: str | None
    pid: int | None
    heartbeat_at: datetime | None


class ImportRunRepository:
    """Starts, beats and finishes import_runs rows."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def start(
        self,
        kind: str,
        source: str,
        file_name: str | None,
        *,
        host: str | None = None,
        pid: int | None = None,
    ) -> int:
        """A new run, marked running until `finish`."""
        now = datetime.now(UTC)
        run = ImportRun(
            kind=kind,
            source=source,
            file_name=file_name,
            started_at=now,
            status=RUNNING,
            counts={},
            host=host,
            pid=pid,
            heartbeat_at=now,
        )
        self.session.add(run)
        self.session.flush()
        return run.id

    def beat(self, run_id: int, counts: dict[str, Any]) -> None:
        """Note progress (in the same transaction as the batch it counts)."""
        self.session.execute(
            update(ImportRun)
            .where(ImportRun.id == run_id)
            .values(heartbeat_at=datetime.now(UTC), counts=counts)
        )

    def finish(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        """Close a run with its final status and counts."""
        run = self.session.get(ImportRun, run_id)
        if run is not None:
            run.status = status
            run.counts = counts
            run.finished_at = datetime.now(UTC)
            run.heartbeat_at = run.finished_at
            self.session.flush()

    def running(self) -> list[RunningImport]:
        """Every run still marked running."""
        rows = self.session.execute(
            select(
                ImportRun.id, ImportRun.host, ImportRun.pid, ImportRun.heartbeat_at
            ).where(ImportRun.status == RUNNING)
        )
        return [
            RunningImport(
                row_id,
                host,
                pid,
                beat.replace(tzinfo=UTC) if beat and not beat.tzinfo else beat,
            )
            for row_id, host, pid, beat in rows
        ]

    def interrupt(self, run_ids: list[int]) -> None:
        """Mark runs whose process is gone as interrupted (their batches stay)."""
        if run_ids:
            self.session.execute(
                update(ImportRun)
                .where(ImportRun.id.in_(run_ids), ImportRun.status == RUNNING)
                .values(status=INTERRUPTED, finished_at=datetime.now(UTC))
            )
