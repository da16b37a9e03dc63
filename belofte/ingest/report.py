"""The per-row error report (FILE.errors.csv) and the import summary."""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from belofte import csvcells

VALUE_CHARS = 100


@dataclass(frozen=True, slots=True)
class RowError:
    """One rejected row: where, which column, why, and the value (truncated)."""

    line: int
    column: str
    reason: str
    value: str


def shorten(value: object) -> str:
    """A value as text, at most VALUE_CHARS characters, on one line."""
    text = "" if value is None else str(value)
    text = text.replace("\r", " ").replace("\n", " ")
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"


class ErrorReport:
    """Writes rejected rows to a CSV next to the input, opened on the first error."""

    def __init__(
        self, path: Path, source_name: str, fallback: Path | None = None
    ) -> None:
        self.path = path
        self.fallback = fallback  # used when the input's folder cannot be written
        self.source_name = source_name
        self.count = 0
        self.first: list[RowError] = []
        self._file: IO[str] | None = None
        self._writer: Any = None

    def add(self, error: RowError) -> None:
        """Record one rejected row."""
        if self._file is None:
            try:
                self._file = self.path.open("w", encoding="utf-8", newline="")
            except OSError:
                if self.fallback is None:
                    raise
                self.fallback.parent.mkdir(parents=True, exist_ok=True)
                self.path = self.fallback
                self._file = self.path.open("w", encoding="utf-8", newline="")
            # Safe in a spreadsheet: values and even column names and reasons
            # come from the file (csvcells).
            self._writer = csvcells.writer(self._file)
            self._writer.writerow(["file", "line", "column", "reason", "value"])
        self._writer.writerow(
            [self.source_name, error.line, error.column, error.reason, error.value]
        )
        self.count += 1
        if len(self.first) < 10:
            self.first.append(error)

    def close(self) -> None:
        """Finish the file; remove a stale report when this run had no errors."""
        if self._file is not None:
            self._file.close()
        elif self.path.exists():
            # A read-only folder keeps its old report: nothing better to do.
            with contextlib.suppress(OSError):
                self.path.unlink()


@dataclass(slots=True)
class ImportSummary:
    """What an import did."""

    file: str
    kind: str
    source: str
    format: str
    read: int = 0
    stored: int = 0
    updated: int = 0
    duplicates: int = 0
    rejected: int = 0
    seconds: float = 0.0
    errors_file: str | None = None
    strict: bool = False
    status: str = "running"
    enriched: int = 0  # texts analysed right after the import (the API)
    #: The job analysing this file's texts, when it stored any (file imports).
    enrich_job: int | None = None
    first_errors: list[dict[str, Any]] = field(default_factory=list)
    #: Columns whose values were not stored, and why (personal data, undeclared).
    not_stored: list[dict[str, str]] = field(default_factory=list)

    @property
    def rows_per_second(self) -> float:
        """Rows read per second of wall time."""
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The summary as plain data (for --json and the API)."""
        data = asdict(self)
        data["rows_per_second"] = round(self.rows_per_second, 1)
        data["seconds"] = round(self.seconds, 3)
        return data
