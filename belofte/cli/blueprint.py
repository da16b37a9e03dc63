"""`belofte blueprint`: check, apply and show the promise blueprint."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table
from rich.tree import Tree

from belofte.blueprint import LoadedBlueprint
from belofte.cli import output
from belofte.cli.context import workspace_of
from belofte.cli.output import e
from belofte.domain.promise import Blueprint, Text, text_in
from belofte.services.blueprints import apply_blueprint, check_blueprint

app = typer.Typer(
    help="Check, apply and show the promise blueprint (belofte.yaml).",
    no_args_is_help=True,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _summary(bp: Blueprint) -> dict[str, int]:
    return {
        "pillars": len(bp.pillars),
        "themes": sum(1 for _ in bp.themes()),
        "stages": len(bp.stages),
        "channels": len(bp.channels),
        "touchpoints": len(bp.touchpoints),
        "locations": len(bp.locations),
        "teams": len(bp.teams),
        "segments": len(bp.segments),
    }


def _warnings(loaded: LoadedBlueprint) -> None:
    for problem in loaded.warnings:
        output.warn(str(problem))


@app.command()
def check(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Validate belofte.yaml: every problem with its file, line and field."""
    loaded = check_blueprint(workspace_of(ctx))
    summary = _summary(loaded.blueprint)
    if as_json:
        output.emit_json(
            {
                "valid": True,
                "summary": summary,
                "warnings": [str(w) for w in loaded.warnings],
            }
        )
        return
    _warnings(loaded)
    counts = ", ".join(f"{n} {k}" for k, n in summary.items())
    output.say(f"belofte.yaml is valid: {e(counts)}")


@app.command()
def apply(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Sync belofte.yaml into the store (idempotent; renames keep history)."""
    result = apply_blueprint(workspace_of(ctx))
    report = result.report
    if as_json:
        output.emit_json(
            {
                "changed": report.changed,
                "created": report.created,
                "updated": report.updated,
                "renamed": report.renamed,
                "removed": report.removed,
                "changes": report.changes,
            }
        )
        return
    _warnings(result.loaded)
    if not report.changed:
        output.say("The store already holds this blueprint: nothing changed.")
        return
    for line in report.changes:
        output.say(f"  {e(line)}")
    output.say(f"Applied the blueprint: {len(report.changes)} change(s).")


@app.command()
def show(
    ctx: typer.Context,
    language: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Language to show names in. Default: the blueprint's first."
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Show the promise, pillars, themes, journey, locations, teams and segments."""
    bp = check_blueprint(workspace_of(ctx)).blueprint
    if as_json:
        output.emit_json(asdict(bp))
        return
    lang = language or bp.default_language

    def t(text: Text) -> str:
        return e(text_in(text, lang))

    output.say(f"[bold]{e(bp.name)}[/]: the promise")
    for part in ("why", "how", "what"):
        output.say(f"  [bold]{part}[/]  {t(getattr(bp.promise, part))}")
    tree = Tree("[bold]pillars and themes[/]")
    for pillar in bp.pillars:
        branch = tree.add(f"[bold]{t(pillar.name)}[/] ({e(pillar.id)})")
        for theme in pillar.themes:
            phrases = theme.phrases_for(lang)
            branch.add(f"{t(theme.name)} ({e(theme.id)}): {len(phrases)} phrases")
    output.show(tree)
    output.show(_journey(bp, t))
    locations = Table("location", "kind", "region", "city", title="locations")
    for loc in bp.locations:
        locations.add_row(
            e(loc.name), e(loc.kind), e(loc.region or ""), e(loc.city or "")
        )
    output.show(locations)
    teams = Table("team", "location", "touchpoints", title="teams")
    for team in bp.teams:
        teams.add_row(
            t(team.name), e(team.location or ""), e(", ".join(team.touchpoints))
        )
    output.show(teams)
    if bp.segments:
        segments = Table("segment", "attribute", title="segments")
        for segment in bp.segments:
            segments.add_row(t(segment.name), e(f"customer.{segment.id}"))
        output.show(segments)


def _journey(bp: Blueprint, t: Callable[[Text], str]) -> Table:
    """The journey as stages (rows) by channels (columns), touchpoints in the cells."""
    table = Table(
        "stage", *(t(c.name) for c in bp.channels), title="journey: touchpoints"
    )
    for stage in bp.stages:
        cells = []
        for channel in bp.channels:
            names = [
                t(tp.name)
                for tp in bp.touchpoints
                if tp.stage == stage.id and tp.channel == channel.id
            ]
            cells.append("\n".join(names))
        table.add_row(t(stage.name), *cells)
    return table
