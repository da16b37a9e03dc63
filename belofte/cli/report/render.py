"""`belofte report`: one self-contained HTML report of a period, NL or EN."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from belofte.cli import output
from belofte.cli.context import workspace_of
from belofte.cli.measure.analyse import EngineOption, ParquetOption, Where, open_engine
from belofte.cli.output import e


class LanguageOption(StrEnum):
    """The report's language."""

    NL = "nl"
    EN = "en"


def report(
    ctx: typer.Context,
    period: Annotated[
        str,
        typer.Option(
            "--period",
            "-p",
            help="The period: YYYY, YYYY-Qn or YYYY-MM (e.g. 2026-Q3), local days.",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="The HTML file to write.", dir_okay=False),
    ],
    location: Annotated[
        str | None,
        typer.Option(
            "--location", help="Only this location (code).", show_default=False
        ),
    ] = None,
    where: Where = None,
    lang: Annotated[
        LanguageOption, typer.Option("--lang", help="Report language.")
    ] = LanguageOption.EN,
    engine: EngineOption = "duckdb",
    parquet: ParquetOption = None,
) -> None:
    """Write one self-contained HTML report (charts inline, printable) of a period."""
    from belofte.services.report.render import render_report, report_cut

    cut = report_cut(period, location, where or ())
    ws = workspace_of(ctx)
    html = render_report(ws, open_engine(ws, engine, parquet), cut, lang.value)
    out.write_text(html, encoding="utf-8")
    output.say(e(str(out)))
