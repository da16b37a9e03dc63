"""The `belofte` command: global options, settings, and errors mapped to exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import structlog
import typer
from pydantic import ValidationError

from belofte import __version__
from belofte.cli import output
from belofte.errors import (
    BelofteError,
    Conflict,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    NotPermitted,
    StoreUnavailable,
    UnsupportedByEngine,
)
from belofte.logs import configure_logging
from belofte.settings import Settings

log = structlog.get_logger(__name__)

#: Exit codes, documented in the README. Usage errors are 2 (click's own).
EXIT_CODES: tuple[tuple[type[BelofteError], int], ...] = (
    (InvalidInput, 3),
    (NotFound, 4),
    (NotAuthenticated, 5),
    (NotPermitted, 5),
    (StoreUnavailable, 6),
    (UnsupportedByEngine, 7),
    (Conflict, 8),
    (BelofteError, 1),
)
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


@dataclass(frozen=True, slots=True)
class State:
    """What the root callback hands every command."""

    settings: Settings


app = typer.Typer(
    name="belofte",
    help="belofte: keep your customer promise at every touchpoint.\n\n"
    "Listen to customers, understand what they say, measure promise delivery, "
    "act, experiment and prove the return on experience.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        output.say(f"belofte {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-w",
            help="Workspace folder. Default: BELOFTE_WORKSPACE, else the current "
            "directory or a parent holding belofte.yaml.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Read settings once, configure logging, and pass both to the command."""
    del version
    try:
        settings = Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["loc"]:
            message = f"setting BELOFTE_{str(first['loc'][0]).upper()}: {first['msg']}"
        else:
            message = "settings: " + first["msg"].removeprefix("Value error, ")
        raise InvalidInput(message) from None
    if workspace is not None:
        settings = settings.model_copy(update={"workspace": workspace})
    configure_logging(settings)
    ctx.obj = State(settings)


def _register() -> None:
    from belofte.cli import blueprint, db, demo, jobs, serve, workspace
    from belofte.cli.access import audit, users
    from belofte.cli.listen import imports, text
    from belofte.cli.measure import analyse
    from belofte.cli.report import render

    app.command("init")(workspace.init)
    app.command("demo")(demo.demo)
    app.command("info")(workspace.info)
    app.command("import")(imports.import_)
    app.command("enrich")(text.enrich)
    app.command("metrics")(analyse.metrics)
    app.command("promise")(analyse.promise)
    app.command("drivers")(analyse.drivers)
    app.command("journeys")(analyse.journeys)
    app.command("report")(render.report)
    app.command("export")(audit.audited(analyse.export, "export.parquet"))
    app.command("serve")(serve.serve)
    app.command("worker")(jobs.worker)
    app.add_typer(jobs.app, name="jobs")
    app.command("audit")(audit.audit)
    app.add_typer(users.user_app, name="user")
    app.add_typer(users.token_app, name="token")
    app.add_typer(blueprint.app, name="blueprint")
    app.add_typer(db.app, name="db")
    app.add_typer(text.app, name="text")


_register()


def exit_code(error: BelofteError) -> int:
    """The exit code for a belofte error."""
    return next(code for kind, code in EXIT_CODES if isinstance(error, kind))


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; never let a traceback reach the user."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="belofte", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except (
        typer.exceptions.TyperException
    ) as exc:  # click's usage errors (typer vendors click)
        exc.show()  # type: ignore[attr-defined]
        return int(getattr(exc, "exit_code", 2))
    except typer.Abort:
        output.error("aborted")
        return EXIT_INTERRUPTED
    except BelofteError as exc:
        problems = getattr(exc, "problems", ())
        output.error(exc.message, problems)
        return exit_code(exc)
    except KeyboardInterrupt:
        output.error("interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:
        log.error("cli.internal_error", error=type(exc).__name__)
        if _debug_setting():
            raise
        output.error(
            f"internal error ({type(exc).__name__}); this is a bug in belofte. "
            "Rerun with BELOFTE_DEBUG=1 to see the traceback."
        )
        return EXIT_INTERNAL
    return result if isinstance(result, int) else 0


def _debug_setting() -> bool:
    try:
        return Settings().debug
    except ValidationError:
        return False
