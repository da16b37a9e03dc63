"""`belofte metrics`, `promise`, `drivers`, `journeys`, `export`: the Measure commands.

Each command parses its options into a `Cut`, opens the analytics engine and
calls one service; the result is a `ResultTable` shown as a table (default),
JSON (`--json`) or CSV (`--csv`).
"""

from __future__ import annotations

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
from belofte.errors import InvalidInput
from belofte.services.measure.analytics import analytics_engine, stale_reason
from belofte.services.measure.results import ResultTable
from belofte.services.workspace import Workspace
from belofte.store.session import redact_url

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
        help="Where the analysis runs: duckdb (in process), spark (local Spark; "
        "needs belofte[spark]), or the URL of a PostgreSQL or SQLite database "
        "holding the analytical tables (see `belofte export --database`).",
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


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell(row: dict[str, Any], column: Column) -> str:
    if column.kind == "score":
        return _interval(row, column.key, 100, 1)
    if column.kind == "share":
        return _interval(row, column.key, 100, 1)
    if column.kind == "mean":
        return _interval(row, column.key, 1, 2)
    value = row.get(column.key)
    if isinstance(value, list):  # quotes: one line each, shortened
        return "\n".join(f"“{_short(str(v))}”" for v in value)
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
        output.emit_csv(result.columns, result.rows)
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


def open_engine(ws: Workspace, engine: str, parquet: Path | None) -> Engine:
    """The engine, with a status line while the analytical tables are updated."""
    with output.stderr.status("", spinner="dots") as status:

        def updating(table: str) -> None:
            status.update(f"updating the analytical tables ({table})")

        made = analytics_engine(ws, engine, parquet, updating)
    reason = stale_reason(ws)
    if reason is not None and parquet is None:
        output.warn(
            "these figures may be behind: the analytics copy could not be "
            f"updated ({reason})"
        )
    return made


def run_analysis(
    ctx: typer.Context,
    engine: str,
    parquet: Path | None,
    analysis: Callable[[Engine], ResultTable],
) -> ResultTable:
    """Open the engine over the workspace (or a Parquet export) and run `analysis`."""
    return analysis(open_engine(workspace_of(ctx), engine, parquet))


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
    from belofte.services.measure.metrics import (
        METRICS,
        ScoreOptions,
        comparisons,
        scores,
    )

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


def promise(
    ctx: typer.Context,
    by: By = None,
    where: Where = None,
    period: PeriodOption = None,
    since: Since = None,
    until: Until = None,
    evidence: Annotated[
        int, typer.Option("--evidence", min=0, max=20, help="Quotes per weakest link.")
    ] = 3,
    level: Annotated[
        float, typer.Option("--level", min=0.5, max=0.999, help="Interval level.")
    ] = 0.95,
    engine: EngineOption = "duckdb",
    parquet: ParquetOption = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Promise delivery per pillar x touchpoint, its consistency, the weakest links."""
    from belofte.services.measure.promise import promise as promise_report

    cut = _cut(by, where, period, since, until)
    ws = workspace_of(ctx)
    report = promise_report(
        ws, open_engine(ws, engine, parquet), cut, level=level, evidence=evidence
    )
    if as_json:
        output.emit_json({t.name: t.as_json() for t in report.tables()})
        return
    rate = Column("kept %", "kept_rate", "share")
    views = (
        (
            report.delivery,
            [Column("kept", "kept"), Column("broken", "broken"), rate],
        ),
        (
            report.consistency,
            [
                Column("units", "units"),
                Column("spread τ (pts)", "tau", "share"),
                Column("p", "heterogeneity_p", "p"),
                Column("weakest", "weakest"),
                Column("its kept %", "weakest_kept_rate", "share"),
            ],
        ),
        (
            report.weakest,
            [
                Column("touchpoint", "touchpoint"),
                Column("location", "location"),
                Column("kept % (shrunken)", "kept_rate_shrunken", "share"),
                Column("evidence", "evidence"),
            ],
        ),
    )
    for table, columns in views:
        if not as_csv:
            output.say(f"\n[bold]{e(table.name.replace('_', ' '))}[/]")
        render(table, columns, as_json=False, as_csv=as_csv)


def drivers(
    ctx: typer.Context,
    where: Where = None,
    since: Since = None,
    until: Until = None,
    outcome: Annotated[
        str, typer.Option("--outcome", help="nps, csat or ces.")
    ] = "nps",
    themes: Annotated[
        bool,
        typer.Option("--themes", help="Theme mentions as drivers (default: ratings)."),
    ] = False,
    driver: Annotated[
        list[str] | None,
        typer.Option("--driver", "-d", help="Only these drivers.", show_default=False),
    ] = None,
    johnson: Annotated[
        bool, typer.Option("--johnson", help="Johnson's relative weights, not LMG.")
    ] = False,
    resamples: Annotated[
        int, typer.Option("--resamples", min=0, max=100_000, help="Bootstrap B.")
    ] = 2000,
    seed: Annotated[int, typer.Option("--seed", help="Bootstrap seed.")] = 20261129,
    engine: EngineOption = "duckdb",
    parquet: ParquetOption = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Key drivers of NPS/CSAT/CES: relative weights with bootstrap intervals."""
    from belofte.services.measure.drivers import drivers as key_drivers

    cut = _cut(None, where, None, since, until)
    names = tuple(n for item in driver or () for n in item.split(",") if n)
    result = run_analysis(
        ctx,
        engine,
        parquet,
        lambda eng: key_drivers(
            eng,
            cut,
            outcome=outcome,
            source="themes" if themes else "ratings",
            names=names,
            method="johnson" if johnson else "lmg",
            resamples=resamples,
            seed=seed,
        ),
    )
    _summary(result, as_json or as_csv)
    columns = [
        Column("% of R²", "percent"),
        Column("low", "percent_low"),
        Column("high", "percent_high"),
        Column("sign", "sign"),
        Column("r", "correlation"),
        Column("performance", "performance"),
        Column("quadrant", "quadrant"),
    ]
    render(result, columns, as_json=as_json, as_csv=as_csv)


def journeys(
    ctx: typer.Context,
    by: By = None,
    where: Where = None,
    since: Since = None,
    until: Until = None,
    top: Annotated[
        int, typer.Option("--top", min=1, max=500, help="Paths shown.")
    ] = 15,
    window: Annotated[
        int, typer.Option("--window", min=1, max=730, help="Journey window in days.")
    ] = 60,
    peak_end: Annotated[
        bool, typer.Option("--peak-end", help="Worst vs mean vs last moment instead.")
    ] = False,
    engine: EngineOption = "duckdb",
    parquet: ParquetOption = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Most frequent journey paths with NPS and detractor share; or peak-end."""
    from belofte.services.measure import journeys as service

    cut = _cut(by, where, None, since, until)
    ws = workspace_of(ctx)
    eng = open_engine(ws, engine, parquet)
    if peak_end:
        result = service.peak_end(eng, cut, window_days=window)
        columns = [
            Column("R²", "r_squared"),
            Column("low", "r_squared_low"),
            Column("high", "r_squared_high"),
        ]
    else:
        result = service.paths(eng, cut, top=top, window_days=window)
        columns = [
            Column("answers", "answers"),
            Column("NPS", "nps", "score"),
            Column("detractors %", "detractor_share", "share"),
            Column("vs rest (pts)", "detractor_share_vs_rest", "share"),
            Column("p adj.", "detractor_share_vs_rest_p_adjusted", "p"),
        ]
    _summary(result, as_json or as_csv)
    render(result, columns, as_json=as_json, as_csv=as_csv)


def _summary(result: ResultTable, quiet: bool) -> None:
    if quiet or not result.summary:
        return
    parts = [f"{k}={v}" for k, v in result.summary.items() if v not in (None, "")]
    output.say(f"[dim]{e(' '.join(parts))}[/]")


def export(
    ctx: typer.Context,
    parquet: Annotated[
        Path | None,
        typer.Option(
            "--parquet",
            help="Folder to write the analytical tables to (one sub-folder each).",
            show_default=False,
        ),
    ] = None,
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            help="Or load them into this PostgreSQL or SQLite database (URL); "
            "the tables are replaced.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Write the analytical tables as Parquet, or into a database (a warehouse)."""
    from belofte.services.measure.analytics import export_database, export_parquet

    if (parquet is None) == (database is None):
        raise InvalidInput("export: give exactly one of --parquet DIR, --database URL")
    ws = workspace_of(ctx)
    if parquet is not None:
        counts, where = export_parquet(ws, parquet), str(parquet)
    else:
        counts, where = export_database(ws, str(database)), redact_url(str(database))
    if as_json:
        output.emit_json({"to": where, "rows": counts})
        return
    for table, rows in counts.items():
        output.say(f"{e(table)}: {rows:,} rows")
    output.say(f"Written to {e(where)}")
