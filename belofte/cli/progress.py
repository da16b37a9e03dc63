"""The progress bar of imports: reading the file, then analysing its texts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from belofte.cli import output


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Callbacks for ``import_file``: ``reading`` (bytes) and ``analysing`` (texts)."""

    reading: Callable[[int, int, int], None]
    analysing: Callable[[int, int], None]


@contextmanager
def import_progress(title: str, label: str, *, quiet: bool) -> Iterator[ImportProgress]:
    """One bar on stderr (none when ``quiet`` or not a terminal)."""
    with Progress(
        TextColumn(f"[bold]{title}[/] {{task.description}}"),
        BarColumn(),
        TextColumn("{task.fields[rows]:,} rows"),
        TimeRemainingColumn(),
        console=output.stderr,
        transient=True,
        auto_refresh=False,  # no refresh thread: imports fork a reader process
        disable=quiet or not output.stderr.is_terminal,
    ) as progress:
        task = progress.add_task(label, total=None, rows=0)

        def reading(done: int, total: int, rows: int) -> None:
            progress.update(
                task, description=label, completed=done, total=total, rows=rows
            )
            progress.refresh()

        def analysing(done: int, total: int) -> None:
            progress.update(
                task,
                description="analysing texts",
                completed=done,
                total=total,
                rows=done,
            )
            progress.refresh()

        yield ImportProgress(reading, analysing)
