"""`belofte demo`: a year of the fictional chain Stroomhuis, ready to explore."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from belofte.cli import output
from belofte.cli.context import settings_of
from belofte.cli.output import e
from belofte.cli.progress import import_progress
from belofte.demo.world import WorldSize
from belofte.services.demo import create_demo


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
) -> None:
    """Create a demo workspace: Stroomhuis's stores, webshop and a year of customers."""
    size = WorldSize(customers=customers, months=months, seed=seed)
    with import_progress("demo", "importing", quiet=as_json) as progress:
        result = create_demo(
            directory,
            settings_of(ctx),
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
            }
        )
        return
    table = Table("file", "read", "stored", "rejected", "texts analysed")
    for s in result.imports:
        table.add_row(
            e(s.file),
            f"{s.read:,}",
            f"{s.stored:,}",
            f"{s.rejected:,}",
            f"{s.enriched:,}" if s.enriched else "",
        )
    output.show(table)
    output.say(
        f"Demo workspace [bold]{e(result.workspace.path)}[/] ready in "
        f"{result.seconds:.0f} s. The malformed file shows the error report: "
        f"{e(result.imports[-1].errors_file)}"
    )
