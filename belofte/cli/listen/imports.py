"""`belofte import`: bring customer data files into the workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from belofte.cli import output
from belofte.cli.context import workspace_of
from belofte.cli.output import e
from belofte.cli.progress import import_progress
from belofte.ingest.kinds import RecordKind
from belofte.ingest.report import ImportSummary
from belofte.services import handlers
from belofte.services.jobs.worker import work_off
from belofte.services.listen.imports import import_file, plan_import


def import_(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="CSV, JSON Lines (.jsonl) or Excel (.xlsx) file.")
    ],
    kind: Annotated[
        RecordKind, typer.Option("--kind", "-k", help="What the file holds.")
    ],
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping",
            "-m",
            help="Mapping file (YAML): columns, defaults, "
            "date formats. Default: match column names.",
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            "-s",
            help="Name of the system the file comes from; "
            "with each record's id it forms the natural key. Default: the "
            "mapping's source, else the kind.",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Store nothing if any row is rejected.")
    ] = False,
    show_mapping: Annotated[
        bool,
        typer.Option(
            "--show-mapping", help="Print the mapping it would use; import nothing."
        ),
    ] = False,
    wait: Annotated[
        bool,
        typer.Option(
            "--wait",
            help="Analyse the stored texts now, with a progress bar, instead of "
            "leaving it to a worker (`belofte serve`, `belofte worker`).",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the summary as JSON.")
    ] = False,
) -> None:
    """Import records exactly once; rejected rows go to FILE.errors.csv with reasons."""
    ws = workspace_of(ctx)
    if show_mapping:
        plan = plan_import(ws, file, kind, mapping, source)
        rows = plan.columns.describe()
        if as_json:
            output.emit_json(
                {
                    "format": plan.format,
                    "encoding": plan.encoding,
                    "delimiter": plan.delimiter,
                    "source": plan.source,
                    "mapping": dict(rows)
                    | {"ignored": [w for f, w in rows if f == "ignored"]},
                }
            )
            return
        output.say(
            f"{e(file.name)}: {e(plan.format)}, encoding {e(plan.encoding)}, "
            f"delimiter {e(repr(plan.delimiter))}, source {e(plan.source)}"
        )
        table = Table("field", "from")
        for name, where in rows:
            table.add_row(e(name), e(where))
        output.show(table)
        return
    with import_progress("importing", e(file.name), quiet=as_json) as progress:
        summary = import_file(
            ws,
            file,
            kind,
            mapping_path=mapping,
            source=source,
            strict=strict,
            on_progress=progress.reading,
        )
        if wait and summary.enrich_job is not None:
            handlers.install()
            work_off(ws, [summary.enrich_job], progress.analysing)
    _show_summary(summary, as_json, waited=wait)


def _show_summary(summary: ImportSummary, as_json: bool, *, waited: bool) -> None:
    if as_json:
        output.emit_json(summary.as_dict())
        return
    output.say(
        f"{e(summary.file)} ({e(summary.kind)}, source {e(summary.source)}): "
        f"read {summary.read:,}, stored {summary.stored:,}, "
        f"updated {summary.updated:,}, "
        f"duplicates {summary.duplicates:,}, rejected {summary.rejected:,} "
        f"in {summary.seconds:.1f} s ({summary.rows_per_second:,.0f} rows/s)"
    )
    if summary.enrich_job is not None and waited:
        output.say("its texts are analysed (language, sentiment, themes)")
    elif summary.enrich_job is not None:
        output.say(
            f"its texts are being analysed (job {summary.enrich_job}) by a worker "
            "(`belofte serve` or `belofte worker`); `belofte jobs list` shows it, "
            "`--wait` analyses them now"
        )
    for column in summary.not_stored:
        output.say(f"  column {e(column['column'])} not stored: {e(column['reason'])}")
    for error in summary.first_errors:
        output.say(
            f"  line {error['line']} {e(error['column'])}: {e(error['reason'])}"
            f" ({e(error['value'])})"
        )
    if summary.errors_file:
        output.say(
            f"Every rejected row, with line, column, reason and value: "
            f"{e(summary.errors_file)}"
        )
