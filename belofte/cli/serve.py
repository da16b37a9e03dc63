"""`belofte serve`: the web app and API on this machine."""

from __future__ import annotations

import webbrowser
from typing import Annotated

import typer

from belofte.cli import output
from belofte.cli.context import settings_of, workspace_of
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
) -> None:
    """Serve the web app and the API (OpenAPI description at /api/openapi.json)."""
    serve_workspace(workspace_of(ctx), settings_of(ctx), host, port, open_browser)


def serve_workspace(
    ws: Workspace, settings: Settings, host: str, port: int, open_browser: bool
) -> None:
    """Warm the analytics, then serve `ws` until interrupted."""
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
    # Build the analytics lake now, not on the first visitor's page view.
    refresh_or_keep(ws)
    app = create_app(ws.settings)
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
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        # uvicorn believes X-Forwarded-For from 127.0.0.1 by default: any local
        # client could then pick the address the sign-in limit counts by.
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
    )
