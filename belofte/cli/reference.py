"""The CLI reference (docs/cli.md), generated from every command's --help.

`python scripts/cli_reference.py` rewrites docs/cli.md; tests/test_docs.py fails
when it is out of date, so the reference can never drift from the code.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator

import typer

WIDTH = "88"


def command_paths(app: typer.Typer) -> list[list[str]]:
    """Every command path, e.g. [], ['init'], ['blueprint', 'check'], in help order."""

    def walk(command: object, path: list[str]) -> Iterator[list[str]]:
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    return list(walk(typer.main.get_command(app), []))


def help_text(path: list[str]) -> str:
    """The --help output of one command, at a fixed width."""
    from belofte.cli.app import main

    buffer = io.StringIO()
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = WIDTH
    try:
        with contextlib.redirect_stdout(buffer):
            main([*path, "--help"])
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    return buffer.getvalue().rstrip() + "\n"


def render_reference() -> str:
    """docs/cli.md as it should be."""
    from belofte.cli.app import app

    parts = [
        "# CLI reference\n\n",
        "Generated from `--help` by `python scripts/cli_reference.py`; "
        "do not edit by hand.\n",
    ]
    for path in command_paths(app):
        title = " ".join(["belofte", *path])
        parts.append(f"\n## `{title}`\n\n```\n{help_text(path)}```\n")
    return "".join(parts)
