"""`belofte init` and `belofte info`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from belofte.blueprint.templates import template_names
from belofte.cli import output
from belofte.cli.context import settings_of, workspace_of
from belofte.cli.output import e
from belofte.services.blueprints import stored_counts
from belofte.services.setup import init_workspace, schema_status

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def init(
    ctx: typer.Context,
    directory: Annotated[
        Path, typer.Argument(help="Folder to create the workspace in.")
    ],
    template: Annotated[
        str,
        typer.Option(
            "--template",
            "-t",
            help=f"Blueprint template: {', '.join(template_names())}.",
        ),
    ] = "retail-nl",
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="Store the workspace in this database (e.g. "
            "postgresql+psycopg://user:pass@host/db) instead of the embedded SQLite "
            "file; saved in the workspace's belofte.env. "
            "Default: BELOFTE_DATABASE_URL.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Create a workspace: belofte.yaml from a template, the store, and its folders."""
    result = init_workspace(directory, template, settings_of(ctx), database_url)
    ws = result.workspace
    ctx.call_on_close(ws.close)
    created = result.applied.report.created
    if as_json:
        output.emit_json(
            {
                "workspace": str(ws.path),
                "template": result.template,
                "database": ws.database_label,
                "created": created,
                "admin": {
                    "username": result.admin_username,
                    "password": result.admin_password,
                },
            }
        )
        return
    summary = ", ".join(f"{n} {kind}s" for kind, n in created.items())
    output.say(
        f"Created workspace [bold]{e(ws.path)}[/] from template {e(result.template)}"
    )
    output.say(f"  database: {e(ws.database_label)}")
    output.say(f"  blueprint: {e(summary)}")
    admin_lines(result.admin_username, result.admin_password)
    output.say(
        "Next: edit belofte.yaml, then `belofte blueprint check` and "
        "`belofte blueprint apply`."
    )


def admin_lines(username: str, password: str | None) -> None:
    """Say how the first admin signs in; a generated password is shown only here."""
    if password is None:
        output.say(f"  admin: user {e(username)}, password from BELOFTE_ADMIN_PASSWORD")
    else:
        output.say(f"  admin: user {e(username)}, password (shown once): {e(password)}")


def info(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Show the workspace: its folder, database, schema and what the store holds."""
    ws = workspace_of(ctx)
    status = schema_status(ws)
    counts = stored_counts(ws) if status.is_current else {}
    data = {
        "workspace": str(ws.path),
        "database": status.database,
        "schema": status.current,
        "schema_head": status.head,
        "counts": counts,
    }
    if as_json:
        output.emit_json(data)
        return
    table = Table(show_header=False, box=None)
    table.add_row("workspace", e(ws.path))
    table.add_row("database", e(status.database))
    table.add_row("schema", e(f"{status.current} (this belofte: {status.head})"))
    for name, n in counts.items():
        table.add_row(name, str(n))
    output.show(table)
