"""`belofte serve`: the web app and API on this machine."""

from __future__ import annotations

from typing import Annotated

import typer

from belofte.cli import output
from belofte.cli.context import settings_of, workspace_of
from belofte.settings import DEFAULT_SECRET

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on. Default: this machine only.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(min=1, max=65535, help="Port to listen on.")
    ] = 8000,
) -> None:
    """Serve the web app and the API (OpenAPI description at /api/openapi.json)."""
    import uvicorn

    from belofte.web.app import create_app

    settings = settings_of(ctx)
    ws = workspace_of(ctx)
    if (
        host not in LOOPBACK
        and settings.secret_key.get_secret_value() == DEFAULT_SECRET
    ):
        output.warn(
            f"listening on {host} with the default secret key: set BELOFTE_SECRET_KEY "
            "before exposing belofte to a network"
        )
    app = create_app(ws.settings)
    output.say(
        f"belofte serves {output.e(ws.path)} on http://{host}:{port} "
        "(API description: /api/openapi.json)"
    )
    output.say(
        f"Sign in at http://{host}:{port}/login; API clients send "
        "`Authorization: Bearer <token>` (`belofte token create`)"
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
