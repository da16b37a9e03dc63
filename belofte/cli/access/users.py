"""`belofte user` and `belofte token`: who may sign in, and the API's keys.

Passwords and token secrets are shown once, here, and never again: belofte
keeps only their hashes. Everything these commands do is audited (actor `cli`).
"""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Annotated, Any

import typer
from rich.table import Table

from belofte.cli import output
from belofte.cli.context import workspace_of
from belofte.cli.output import e
from belofte.services.access import tokens, users
from belofte.services.access.audit import CLI_ACTOR

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
RoleOption = Annotated[
    str, typer.Option("--role", "-r", help="admin, analyst, manager or staff.")
]
LocationsOption = Annotated[
    str,
    typer.Option(
        "--locations",
        "-l",
        help="Comma-separated location codes (managers and staff see only these).",
    ),
]
PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Read the password from standard input instead of generating one.",
    ),
]

user_app = typer.Typer(
    help="People who sign in to the web app: add, list, disable, new password.",
    no_args_is_help=True,
)
token_app = typer.Typer(
    help="API tokens: create (shown once), list, revoke.", no_args_is_help=True
)


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def _stdin_password(enabled: bool) -> str | None:
    if not enabled:
        return None
    return sys.stdin.readline().rstrip("\r\n")


def _when(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""


@user_app.command("add")
def user_add(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Login name (lowercase).")],
    role: RoleOption,
    locations: LocationsOption = "",
    teams: Annotated[
        str, typer.Option("--teams", help="Comma-separated team codes.")
    ] = "",
    password_stdin: PasswordStdin = False,
    as_json: JsonFlag = False,
) -> None:
    """Add a user; a generated password is printed once."""
    user, generated = users.add_user(
        workspace_of(ctx),
        username,
        users.parse_role(role),
        password=_stdin_password(password_stdin),
        locations=_codes(locations),
        teams=_codes(teams),
        actor=CLI_ACTOR,
    )
    if as_json:
        output.emit_json(
            {"username": user.username, "role": user.role, "password": generated}
        )
        return
    output.say(f"Added {e(user.role)} [bold]{e(user.username)}[/]")
    if generated:
        output.say(f"  password (shown once): {e(generated)}")


@user_app.command("list")
def user_list(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List users with their role, locations and last sign-in."""
    people = users.list_users(workspace_of(ctx))
    rows: list[dict[str, Any]] = [
        {
            "username": u.username,
            "role": u.role,
            "locations": list(u.locations),
            "teams": list(u.teams),
            "disabled": u.disabled,
            "created_at": _when(u.created_at),
            "last_login_at": _when(u.last_login_at),
        }
        for u in people
    ]
    if as_json:
        output.emit_json(rows)
        return
    table = Table("username", "role", "locations", "disabled", "last sign-in")
    for row in rows:
        table.add_row(
            e(row["username"]),
            e(row["role"]),
            e(", ".join(row["locations"])),
            "yes" if row["disabled"] else "",
            e(row["last_login_at"]),
        )
    output.show(table)


@user_app.command("disable")
def user_disable(
    ctx: typer.Context, username: Annotated[str, typer.Argument(help="Login name.")]
) -> None:
    """Disable a user: no more sign-ins, current sessions end."""
    users.disable_user(workspace_of(ctx), username, actor=CLI_ACTOR)
    output.say(f"Disabled {e(username)}")


@user_app.command("passwd")
def user_passwd(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Login name.")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Set a new password (generated and printed once, or read from stdin)."""
    generated = users.set_password(
        workspace_of(ctx),
        username,
        _stdin_password(password_stdin),
        actor=CLI_ACTOR,
    )
    output.say(f"New password set for {e(username)}; their sessions ended")
    if generated:
        output.say(f"  password (shown once): {e(generated)}")


@token_app.command("create")
def token_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="What the token is for, e.g. crm-sync.")],
    role: RoleOption,
    locations: LocationsOption = "",
    expires_days: Annotated[
        int | None,
        typer.Option(
            "--expires-days", min=1, max=3650, help="Days until the token expires."
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Create an API token; its secret is printed once (send it as Bearer)."""
    record, secret = tokens.create_token(
        workspace_of(ctx),
        name,
        users.parse_role(role),
        locations=_codes(locations),
        expires_days=expires_days,
        actor=CLI_ACTOR,
    )
    if as_json:
        output.emit_json(
            {
                "id": record.id,
                "name": record.name,
                "role": record.role,
                "locations": list(record.locations),
                "expires_at": _when(record.expires_at) or None,
                "token": secret,
            }
        )
        return
    output.say(f"Created token {record.id} ({e(record.name)}, {e(record.role)})")
    output.say(f"  secret (shown once): {e(secret)}")
    output.say("  use it as: Authorization: Bearer <secret>")


@token_app.command("list")
def token_list(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List API tokens (never their secrets) with status and last use."""
    rows: list[dict[str, Any]] = [
        {
            "id": r.id,
            "name": r.name,
            "role": r.role,
            "locations": list(r.locations),
            "status": tokens.token_status(r),
            "created_by": r.created_by,
            "created_at": _when(r.created_at),
            "expires_at": _when(r.expires_at),
            "last_used_at": _when(r.last_used_at),
        }
        for r in tokens.list_tokens(workspace_of(ctx))
    ]
    if as_json:
        output.emit_json(rows)
        return
    table = Table("id", "name", "role", "locations", "status", "expires", "last used")
    for row in rows:
        table.add_row(
            str(row["id"]),
            e(row["name"]),
            e(row["role"]),
            e(", ".join(row["locations"])),
            e(row["status"]),
            e(row["expires_at"]),
            e(row["last_used_at"]),
        )
    output.show(table)


@token_app.command("revoke")
def token_revoke(
    ctx: typer.Context,
    token_id: Annotated[int, typer.Argument(help="Token id (see `token list`).")],
) -> None:
    """Revoke an API token: it stops working at once."""
    record = tokens.revoke_token(workspace_of(ctx), token_id, actor=CLI_ACTOR)
    output.say(f"Revoked token {record.id} ({e(record.name)})")
