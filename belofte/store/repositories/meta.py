"""Workspace facts kept in the store (key-value)."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from belofte.store.tables import WorkspaceMeta

SALT_KEY = "pseudonym_salt"
#: `data_changed:<target>` changes whenever imported rows of that target change
#: in place (see RecordWriter).
CHANGED_KEY = "data_changed"


class MetaRepository:
    """Reads and writes workspace_meta."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str) -> str | None:
        """The value of `key`, if set."""
        row = self.session.get(WorkspaceMeta, key)
        return row.value if row is not None else None

    def set(self, key: str, value: str) -> None:
        """Set `key` to `value`."""
        row = self.session.get(WorkspaceMeta, key)
        if row is None:
            self.session.add(WorkspaceMeta(key=key, value=value))
        else:
            row.value = value
        self.session.flush()

    def with_prefix(self, prefix: str) -> dict[str, str]:
        """Every key starting with `prefix`, with its value."""
        rows = self.session.execute(
            select(WorkspaceMeta.key, WorkspaceMeta.value).where(
                WorkspaceMeta.key.startswith(prefix, autoescape=True)
            )
        )
        return {key: value for key, value in rows}  # noqa: C416 - Row, not tuple

    def pseudonym_salt(self) -> str:
        """The workspace's secret salt for customer keys, created on first use."""
        salt = self.get(SALT_KEY)
        if salt is None:
            salt = secrets.token_hex(32)
            self.set(SALT_KEY, salt)
        return salt
