"""`belofte demo`: a year of the fictional chain Stroomhuis, ready to explore."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from belofte.blueprint import BLUEPRINT_FILE
from belofte.cli import output
from belofte.cli.context import settings_of
from belofte.cli.output import e
from belofte.cli.progress import import_progress
from belofte.cli.serve import serve_workspace
from belofte.cli.workspace import admin_lines
from belofte.demo.world import WorldSize
from belofte.domain.access import Role
from belofte.services.demo import create_demo
from belofte.services.workspace import open_workspace


def demo(
    ctx: typer.Context,
    directory: Annotated[
        Path, typer.Argument(help="Folder for the demo workspace.")
    ] = Path("belofte-demo"),
    seed: Annotated[
        int, typer.Option(help="Random seed: same seed, same world.")
    ] = 2026,
    customers: Annotated[
        int, typer.Option(min=100, max=10_000_000, help="Number of customers.")
    ] = 40_000,
    months: Annotated[int, typer.Option(min=2, max=36, help="Months of history.")] = 12,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    serve: Annotated[
        bool,
        typer.Option(
            "--serve",
            help="Then serve it in the browser (an existing demo is served as is).",
        ),
    ] = False,
    port: Annotated[
        int, typer.Option(min=1, max=65535, help="Port for --serve.")
    ] = 8000,
) -> None:
    """Create a demo workspace: Stroomhuis's stores, webshop and a year of customers."""
    settings = settings_of(ctx)
    if serve and (directory / BLUEPRINT_FILE).exists():
        output.say(
            f"Serving the existing demo {e(directory)} (its passwords were shown "
            "when it was made; `belofte user passwd admin` sets a new one)"
        )
        existing = open_workspace(directory, settings=settings)
        ctx.call_on_close(existing.close)
        serve_workspace(existing, settings, "127.0.0.1", port, open_browser=True)
        return
    size = WorldSize(customers=customers, months=months, seed=seed)
    with import_progress("demo", "importing", quiet=as_json) as progress:
        result = create_demo(
            directory,
            settings,
            size,
            on_progress=progress.reading,
            on_enrich=progress.analysing,
        )
    ctx.call_on_close(result.workspace.close)
    if as_json:
        output.emit_json(
            {
                "workspace": str(result.workspace.path),
                "seconds": round(result.seconds, 1),
                "imports": [s.as_dict() for s in result.imports],
                "texts_analysed": result.texts_analysed,
                "admin": {"username": "admin", "password": result.admin_password},
                "users": [
                    {"username": name, "role": role.value, "locations": list(codes)}
                    for name, role, codes in result.users
                ],
                "users_password": result.users_password,
            }
        )
        return
    table = Table("file", "read", "stored", "rejected")
    for s in result.imports:
        table.add_row(e(s.file), f"{s.read:,}", f"{s.stored:,}", f"{s.rejected:,}")
    output.show(table)
    output.say(
        f"analysed {result.texts_analysed:,} texts (language, sentiment, themes)"
    )
    output.say(
        f"Demo workspace [bold]{e(result.workspace.path)}[/] ready in "
        f"{result.seconds:.0f} s. The malformed file shows the error report: "
        f"{e(result.imports[-1].errors_file)}"
    )
    admin_lines("admin", result.admin_password)
    managers = [name for name, role, _ in result.users if role is Role.MANAGER]
    output.say(
        f"  demo users (one password, shown once: {e(result.users_password)}): "
        f"analist, {e(managers[0])}, staff-... (a manager and a staff member per "
        "location; `belofte user list` shows all)"
    )
    if serve:
        serve_workspace(result.workspace, settings, "127.0.0.1", port, True)
        return
    output.say(
        f"Sign in: `belofte --workspace {e(result.workspace.path)} serve`, then "
        "open http://127.0.0.1:8000/login"
    )
