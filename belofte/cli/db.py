"""`belofte db`: the store's schema migrations."""

from __future__ import annotations

from typing import Annotated

import typer

from belofte.cli import output
from belofte.cli.context import workspace_of
from belofte.cli.output import e
from belofte.services.setup import (
    SchemaStatus,
    downgrade_schema,
    schema_status,
    upgrade_schema,
)

app = typer.Typer(help="Migrate the workspace's database schema.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _show(status: SchemaStatus, as_json: bool) -> None:
    if as_json:
        output.emit_json(
            {
                "database": status.database,
                "current": status.current,
                "head": status.head,
                "is_current": status.is_current,
            }
        )
        return
    state = "up to date" if status.is_current else "needs `belofte db upgrade`"
    output.say(
        f"{e(status.database)}: schema {e(status.current)} "
        f"({state}; head {e(status.head)})"
    )


@app.command()
def status(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Show the schema revision of the database and the one this belofte needs."""
    _show(schema_status(workspace_of(ctx)), as_json)


@app.command()
def upgrade(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
    as_json: JsonFlag = False,
) -> None:
    """Migrate the database up (to the newest schema by default)."""
    _show(upgrade_schema(workspace_of(ctx), revision), as_json)


@app.command()
def downgrade(
    ctx: typer.Context,
    revision: Annotated[
        str, typer.Argument(help="Target revision; 'base' drops every table.")
    ],
    yes: Annotated[
        bool, typer.Option("--yes", help="Confirm: a downgrade can delete data.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Migrate the database down to REVISION (loses the data of the removed schema)."""
    if not yes:
        output.error("a downgrade can delete data; add --yes to confirm")
        raise typer.Exit(2)
    _show(downgrade_schema(workspace_of(ctx), revision), as_json)
