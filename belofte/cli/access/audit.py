"""`belofte audit`: read the audit log; and the audit of CLI-only actions."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Annotated, Any

import typer
from rich.table import Table

from belofte.cli import output
from belofte.cli.context import workspace_of
from belofte.cli.output import e
from belofte.errors import InvalidInput
from belofte.services.access.audit import CLI_ACTOR, audit_entries
from belofte.services.access.audit import audit as append


def audit(
    ctx: typer.Context,
    action: Annotated[
        str | None,
        typer.Option(
            "--action", help="Only this action or family (login, import.file, ...)."
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option("--actor", help="Only this actor (cli, user:anna, or anna)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only entries from this date (YYYY-MM-DD) on."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=100_000, help="Most entries shown.")
    ] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the audit log (newest first): sign-ins, users, tokens, imports, exports."""
    start = None
    if since:
        try:
            start = datetime.combine(date.fromisoformat(since), time(), UTC)
        except ValueError:
            raise InvalidInput(f"since: {since!r} is not a date (YYYY-MM-DD)") from None
    entries = audit_entries(
        workspace_of(ctx), action=action, actor=actor, since=start, limit=limit
    )
    rows: list[dict[str, Any]] = [
        {
            "id": x.id,
            "at": x.at.isoformat(timespec="seconds"),
            "actor": x.actor,
            "action": x.action,
            "target": x.target,
            "details": x.details,
        }
        for x in entries
    ]
    if as_json:
        output.emit_json(rows)
        return
    table = Table("at (UTC)", "actor", "action", "target", "details")
    for entry, row in zip(entries, rows, strict=True):
        details = " ".join(f"{k}={v}" for k, v in row["details"].items())
        table.add_row(
            f"{entry.at.astimezone(UTC):%Y-%m-%d %H:%M}",
            e(row["actor"]),
            e(row["action"]),
            e(row["target"]),
            e(details),
        )
    output.show(table)


def audited(command: Callable[..., None], action: str) -> Callable[..., None]:
    """`command` with an audit entry after it succeeds (for CLI-only actions).

    The wrapper keeps the command's signature, so Typer sees the same options.
    """

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        command(*args, **kwargs)
        ctx = kwargs.get("ctx") or next(a for a in args if isinstance(a, typer.Context))
        append(workspace_of(ctx), CLI_ACTOR, action, "", options=sorted(kwargs))

    return run
