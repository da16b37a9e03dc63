"""`belofte serve`: the web app and API on this machine."""

from __future__ import annotations

import os
import threading
import webbrowser
from typing import Annotated

import typer

from belofte.cli import output
from belofte.cli.context import settings_of, workspace_of
from belofte.services import handlers
from belofte.services.measure.analytics import refresh_or_keep
from belofte.services.setup import ensure_writable
from belofte.services.workspace import Workspace
from belofte.settings import DEFAULT_SECRET, Settings

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on. Default: this machine only.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(min=1, max=65535, help="Port to listen on.")
    ] = 8000,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the sign-in page in a browser.")
    ] = False,
    worker: Annotated[
        bool,
        typer.Option(
            "--worker/--no-worker",
            help="Run background jobs in this process (the default: one command "
            "does everything on a laptop); --no-worker where `belofte worker` "
            "runs apart.",
        ),
    ] = True,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="App processes sharing the port (for PostgreSQL; on the embedded "
            "SQLite store writers take turns). The background jobs run in one "
            "process beside them.",
        ),
    ] = 1,
) -> None:
    """Serve the web app and the API (OpenAPI description at /api/openapi.json)."""
    serve_workspace(
        workspace_of(ctx),
        settings_of(ctx),
        host,
        port,
        open_browser,
        worker=worker,
        workers=workers,
    )


def serve_workspace(
    ws: Workspace,
    settings: Settings,
    host: str,
    port: int,
    open_browser: bool,
    *,
    worker: bool = True,
    workers: int = 1,
) -> None:
    """Warm the analytics, then serve `ws` (and run its jobs) until interrupted."""
    import uvicorn

    from belofte.web.app import create_app

    if (
        host not in LOOPBACK
        and settings.secret_key.get_secret_value() == DEFAULT_SECRET
    ):
        output.warn(
            f"listening on {host} with the default secret key: set BELOFTE_SECRET_KEY "
            "before exposing belofte to a network"
        )
    # A read-only or full store would start a server that fails every write:
    # refuse now, with the reason, rather than answer 503s all day.
    ensure_writable(ws)
    # Build the analytics lake now, not on the first visitor's page view (nor
    # once per app process: they find it fresh).
    refresh_or_keep(ws)
    address = f"http://{'[::1]' if host == '::1' else host}:{port}"
    output.say(
        f"belofte serves {output.e(ws.path)} on {address} "
        "(API description: /api/openapi.json)"
    )
    output.say(
        f"Sign in at {address}/login; API clients send "
        "`Authorization: Bearer <token>` (`belofte token create`)"
    )
    if open_browser:
        webbrowser.open(f"{address}/login")  # does nothing where there is none
    proxies = [p.strip() for p in settings.trusted_proxies.split(",") if p.strip()]
    stop = threading.Event()
    jobs = _start_worker(ws, stop) if worker else None
    if workers > 1:
        # Each app process builds its own app from the same settings: the
        # environment, with this workspace (uvicorn starts them afresh).
        os.environ["BELOFTE_WORKSPACE"] = str(ws.path)
        app: object = "belofte.web.app:app_from_environment"
    else:
        app = create_app(ws.settings)
    uvicorn.run(
        app,  # type: ignore[arg-type]
        factory=workers > 1,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        # uvicorn believes X-Forwarded-For from 127.0.0.1 by default: any local
        # client could then pick the address the sign-in limit counts by.
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
    )
    if jobs is not None:  # the running job finishes (or its lease passes it on)
        stop.set()
        jobs.join()


def _start_worker(ws: Workspace, stop: threading.Event) -> threading.Thread:
    """The in-process worker: the app's background jobs, in a thread beside it."""
    runner = handlers.worker(ws)
    thread = threading.Thread(
        target=runner.run, args=(stop,), name="belofte-worker", daemon=True
    )
    thread.start()
    return thread
