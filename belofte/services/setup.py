"""Creating a workspace and keeping its database schema current."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import structlog

from belofte.blueprint import BLUEPRINT_FILE, parse_blueprint
from belofte.blueprint.templates import template_text
from belofte.errors import InvalidInput, StoreUnavailable
from belofte.services.access.audit import CLI_ACTOR
from belofte.services.access.users import ensure_first_admin
from belofte.services.blueprints import ApplyResult, apply_blueprint
from belofte.services.measure.analytics import lake
from belofte.services.workspace import FOLDERS, Workspace
from belofte.settings import WORKSPACE_ENV_FILE, Settings
from belofte.store import migrate
from belofte.store.repositories.meta import MetaRepository
from belofte.store.session import DATABASE_FILE, check_connection, check_writable

log = structlog.get_logger(__name__)

#: The username of the admin every new workspace starts with.
FIRST_ADMIN = "admin"

_GITIGNORE = f"""# belofte workspace: never commit the data or the secrets
{DATABASE_FILE}
{DATABASE_FILE}-*
{WORKSPACE_ENV_FILE}
imports/
"""


@dataclass(frozen=True, slots=True)
class InitResult:
    """The new workspace and what applying its blueprint created."""

    workspace: Workspace
    template: str
    applied: ApplyResult
    #: The first admin's generated password, to show once (None: from the setting).
    admin_password: str | None = None
    admin_username: str = FIRST_ADMIN


def init_workspace(
    target: Path, template: str, settings: Settings, database_url: str | None = None
) -> InitResult:
    """Create a workspace from `template`, migrate its store, apply the blueprint."""
    target = target.expanduser().resolve()
    if (target / BLUEPRINT_FILE).exists():
        raise InvalidInput(f"{target} is already a workspace ({BLUEPRINT_FILE} exists)")
    if target.exists() and not target.is_dir():
        raise InvalidInput(f"{target} exists and is not a folder")
    text = template_text(template)
    parse_blueprint(text, f"template {template}")  # a broken template must never land
    url = database_url or settings.database_url
    ws_settings = settings.model_copy(update={"workspace": target, "database_url": url})
    ws = Workspace(target, ws_settings)
    try:
        if url is not None:
            check_connection(ws.engine)  # fail before writing anything
        _write_files(target, text, database_url)
        migrate.upgrade(ws.engine)
        with ws.session() as session:
            MetaRepository(session).pseudonym_salt()
        applied = apply_blueprint(ws)
        given = settings.admin_password
        password = ensure_first_admin(
            ws,
            given.get_secret_value() if given else None,
            username=FIRST_ADMIN,
            actor=CLI_ACTOR,
        )
    except BaseException:
        ws.close()
        raise
    log.info("workspace.created", template=template, database=ws.database_label)
    return InitResult(ws, template, applied, password)


def _write_files(target: Path, blueprint: str, database_url: str | None) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for folder in FOLDERS:
        (target / folder).mkdir(exist_ok=True)
    (target / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")
    if database_url is not None:
        env_file = target / WORKSPACE_ENV_FILE
        env_file.write_text(f"BELOFTE_DATABASE_URL={database_url}\n", encoding="utf-8")
        os.chmod(env_file, 0o600)  # it may hold a password
    (target / BLUEPRINT_FILE).write_text(blueprint, encoding="utf-8")


def ensure_writable(ws: Workspace) -> None:
    """Raise StoreUnavailable unless the store and the analytics folder take writes.

    For long-running processes (`belofte serve`), checked once at start.
    """
    ws.require_current_schema()
    check_writable(ws.engine)
    folder = lake(ws).folder
    probe = folder / ".write-check"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"belofte")
        probe.unlink()
    except OSError as exc:
        raise StoreUnavailable(
            f"cannot write to the analytics folder {folder}: {exc.strerror}"
        ) from None


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    """Where the store's schema is, and where this version of belofte wants it."""

    database: str
    current: str | None
    head: str

    @property
    def is_current(self) -> bool:
        """Whether the store is at this version's newest schema."""
        return self.current == self.head


def schema_status(ws: Workspace) -> SchemaStatus:
    """The store's migration state."""
    check_connection(ws.engine)
    return SchemaStatus(
        ws.database_label, migrate.current_revision(ws.engine), migrate.head_revision()
    )


def upgrade_schema(ws: Workspace, revision: str = "head") -> SchemaStatus:
    """Migrate the store up to `revision`."""
    check_connection(ws.engine)
    migrate.upgrade(ws.engine, revision)
    log.info("schema.upgraded", revision=revision)
    return schema_status(ws)


def downgrade_schema(ws: Workspace, revision: str) -> SchemaStatus:
    """Migrate the store down to `revision` ('base' removes every table)."""
    check_connection(ws.engine)
    migrate.downgrade(ws.engine, revision)
    log.info("schema.downgraded", revision=revision)
    return schema_status(ws)
