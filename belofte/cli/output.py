"""Everything the CLI writes: tables on stdout, errors on stderr, JSON for machines.

The only module allowed to print (ruff T20 elsewhere).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape

from belofte import csvcells

# Rich escapes nothing by itself: every user or file value goes through `escape`.
stdout = Console(highlight=False, soft_wrap=True)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def emit_json(data: Any) -> None:
    """Write `data` as one JSON document to stdout (no Rich markup, no wrapping)."""
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def emit_csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """Rows as CSV on stdout, safe to open in a spreadsheet (`csvcells`)."""
    out = csvcells.writer(sys.stdout)
    out.writerow(columns)
    for row in rows:
        out.writerow(
            [
                json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                for v in (row.get(c) for c in columns)
            ]
        )


def say(text: str) -> None:
    """A line of Rich-markup text on stdout (callers escape user values)."""
    stdout.print(text)


def show(renderable: Any) -> None:
    """A Rich renderable (table, tree) on stdout."""
    stdout.print(renderable)


def error(message: str, details: Iterable[str] = ()) -> None:
    """An error: the detail lines, then the one-line summary, on stderr."""
    for line in details:
        stderr.print(escape(line))
    stderr.print(f"[bold red]error:[/] {escape(message)}")


def warn(message: str) -> None:
    """A warning line on stderr."""
    stderr.print(f"[yellow]warning:[/] {escape(message)}")


def e(value: object) -> str:
    """Escape a value for Rich markup."""
    return escape(str(value))
