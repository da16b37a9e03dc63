"""Helpers every command uses to reach its settings and workspace."""

from __future__ import annotations

import typer

from belofte.services.workspace import Workspace, open_workspace
from belofte.settings import Settings


def settings_of(ctx: typer.Context) -> Settings:
    """The settings the root callback built."""
    state = ctx.find_root().obj
    settings: Settings = state.settings
    return settings


def workspace_of(ctx: typer.Context) -> Workspace:
    """Open the workspace named by --workspace, BELOFTE_WORKSPACE or the cwd."""
    ws = open_workspace(settings=settings_of(ctx))
    ctx.call_on_close(ws.close)
    return ws
