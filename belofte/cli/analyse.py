"""`belofte metrics`, `promise`, `drivers`, `journeys`, `export`: the Measure commands.

Each command parses its options into a `Cut`, opens the analytics engine and
calls one service; the result is a `ResultTable` shown as a table (default),
JSON (`--json`) or CSV (`--csv`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from belofte.analytics.cuts import Cut, parse_cut
from belofte.analytics.engine import Engine
from belofte.cli import output
from belofte.cli.context import workspace_of
from belofte.cli.output import e
from belofte.services.analytics import analytics_engine
from belofte.services.results import ResultTable

By = Annotated[
    list[str] | None,
    typer.Option(
        "--by",
        "-b",
        help="Group by these dimensions (repeat or comma-separate): touchpoint, "
        "stage, channel, location, region, segment, language, theme, pillar.",
        show_default=False,
    ),
]
Where = Annotated[
    list[str] | None,
    typer.Option(
        "--where",
        help="Keep rows where NAME=VALUE[,VALUE...] (repeatable).",
        show_default=False,
    ),
]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        help="Also split by calendar period: day, week, month, quarter, year "
        "(the workspace's local time).",
        show_default=False,
    ),
]
Since = Annotated[
    str | None,
    typer.Option("--since", help="From this date (YYYY-MM-DD).", show_default=False),
]
Until = Annotated[
    str | None,
    typer.Option("--until", help="Up to and including this date.", show_default=False),
]
EngineOption = Annotated[
    str,
    typer.Option(
        "--engine",
        help="Where the analysis runs: duckdb (in process) or spark (local Spark; "
        "needs belofte[spark]).",
    ),
]
ParquetOption = Annotated[
    Path | None,
    typer.Option(
        "--parquet",
        help="Analyse a Parquet export (from `belofte export --parquet`) instead "
        "of the workspace's own data.",
        show_default=False,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
CsvFlag = Annotated[bool, typer.Option("--csv", help="Print CSV.")]


class AdjustOption(StrEnum):
    """Multiple-comparison control."""

    HOLM = "holm"
    BH = "bh"


@dataclass(frozen=True, slots=True)
class Column:
    """How one column of a result shows in a terminal table."""

    header: str
    key: str
    kind: str = "raw"  # raw | score (x100 with interval) | share (%) | mean | p


def _interval(row: dict[str, Any], key: str, scale: float, digits: int) -> str:
    value = row.get(key)
    if value is None:
        return "–"
    low, high = row.get(f"{key}_low"), row.get(f"{key}_high")
    text = f"{value * scale:.{digits}f}"
    if low is not None and high is not None:
        text += f" [{low * scale:.{digits}f}, {high * scale:.{digits}f}]"
    return text


def _cell(row: dict[str, Any], column: Column) -> str:
    if column.kind == "score":
        return _interval(row, column.key, 100, 1)
    if column.kind == "share":
        return _interval(row, column.key, 100, 1)
    if column.kind == "mean":
        return _interval(row, column.key, 1, 2)
    value = row.get(column.key)
    if column.kind == "p":
        return "–" if value is None else f"{value:.3g}"
    if isinstance(value, float):
        return f"{value:.3g}"
    return "" if value is None else str(value)


def render(
    result: ResultTable, columns: Sequence[Column], *, as_json: bool, as_csv: bool
) -> None:
    """Show a result as a table, JSON or CSV."""
    if as_json:
        output.emit_json(result.as_json())
        return
    if as_csv:
        result.frame().to_csv(sys.stdout, index=False)
        return
    table = Table(show_edge=False, header_style="bold")
    shown = [Column(k, k) for k in result.keys] + [
        c for c in columns if c.key not in result.keys
    ]
    for column in shown:
        table.add_column(column.header, overflow="fold")
    for row in result.rows:
        table.add_row(*(e(_cell(row, c)) for c in shown))
    output.show(table)
    for note in result.notes:
        output.say(f"[dim]{e(note)}[/]")


def _cut(
    by: list[str] | None,
    where: list[str] | None,
    period: str | None,
    since: str | None,
    until: str | None,
) -> Cut:
    return parse_cut(by or (), period, where or (), since, until)


def run_analysis(
    ctx: typer.Context,
    engine: str,
    parquet: Path | None,
    analysis: Callable[[Engine], ResultTable],
) -> ResultTable:
    """Open the engine over the workspace (or a Parquet export) and run `analysis`."""
    ws = workspace_of(ctx)
    return analysis(analytics_engine(ws, engine, parquet))


def metrics(
    ctx: typer.Context,
    by: By = None,
    where: Where = None,
    period: PeriodOption = None,
    since: Since = None,
    until: Until = None,
    metric: Annotated[
        list[str] | None,
        typer.Option(
            "--metric",
            "-m",
            help="nps, csat, ces, sentiment (default: all).",
            show_default=False,
        ),
    ] = None,
    compare: Annotated[
        bool, typer.Option("--compare", help="Compare every pair of groups (NPS).")
    ] = False,
    adjust: Annotated[
        AdjustOption, typer.Option("--adjust", help="Multiple-comparison control.")
    ] = AdjustOption.HOLM,
    level: Annotated[
        float, typer.Option("--level", min=0.5, max=0.999, help="Interval level.")
    ] = 0.95,
    engine: EngineOption = "duckdb",
    parquet: ParquetOption = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """NPS, CSAT, CES and text sentiment with intervals, by any cut and period."""
    from belofte.services.metrics import METRICS, ScoreOptions, comparisons, scores

    cut = _cut(by, where, period, since, until)
    chosen = tuple(m for item in metric or () for m in item.split(",") if m) or METRICS
    options = ScoreOptions(chosen, level, adjust.value)
    service = comparisons if compare else scores
    result = run_analysis(ctx, engine, parquet, lambda eng: service(eng, cut, options))
    if compare:
        columns = [
            Column("n a", "n_a"),
            Column("n b", "n_b"),
            Column("NPS a − b", "nps_difference", "score"),
            Column("p", "nps_difference_p", "p"),
            Column(f"p ({adjust.value})", "nps_difference_p_adjusted", "p"),
            Column("significant", "nps_difference_significant"),
        ]
    else:
        columns = [
            Column("rank", "rank"),
            Column("n", "nps_n"),
            Column("NPS", "nps", "score"),
            Column("NPS shrunken", "nps_shrunken", "score"),
            Column("change", "nps_change", "score"),
            Column("p adj.", "nps_change_p_adjusted", "p"),
            Column("CSAT %", "csat", "share"),
            Column("CES", "ces", "mean"),
            Column("sentiment", "sentiment", "mean"),
            Column("warnings", "nps_warnings"),
        ]
        present = set(result.columns)
        columns = [c for c in columns if c.key in present]
    render(result, columns, as_json=as_json, as_csv=as_csv)
