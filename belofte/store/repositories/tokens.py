"""API tokens: stored by hash, never in the clear."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from belofte.errors import NotFound
from belofte.store import tables as t


@dataclass(frozen=True, slots=True)
class TokenRecord:
    """A stored API token (without its hash)."""

    id: int
    name: str
    role: str
    locations: tuple[str, ...]
    created_by: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None


class TokenRepository:
    """Reads and writes api_tokens."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        *,
        name: str,
        token_hash: str,
        role: str,
        locations: Sequence[str],
        created_by: str,
        now: datetime,
        expires_at: datetime | None,
    ) -> int:
        """Store a new token's hash and settings; returns its id."""
        known = set(self.session.scalars(select(t.LocationRow.code)).all())
        for code in locations:
            if code not in known:
                raise NotFound("location", code, "see `belofte blueprint show`")
        row = t.ApiToken(
            name=name,
            token_hash=token_hash,
            role=role,
            location_codes=list(locations),
            created_by=created_by,
            created_at=now,
            expires_at=expires_at,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def by_hash(self, token_hash: str) -> TokenRecord | None:
        """The token whose secret hashes to `token_hash`, if any."""
        row = self.session.scalar(
            select(t.ApiToken).where(t.ApiToken.token_hash == token_hash)
        )
        return _record(row) if row is not None else None

    def by_id(self, token_id: int) -> TokenRecord | None:
        """The token with this id, if any."""
        row = self.session.get(t.ApiToken, token_id)
        return _record(row) if row is not None else None

    def all(self) -> list[TokenRecord]:
        """Every token, newest first."""
        rows = self.session.scalars(select(t.ApiToken).order_by(t.ApiToken.id.desc()))
        return [_record(row) for row in rows]

    def revoke(self, token_id: int, now: datetime) -> TokenRecord:
        """Mark a token revoked (once; a second revoke keeps the first time)."""
        row = self.session.get(t.ApiToken, token_id)
        if row is None:
            raise NotFound("token", token_id, "see `belofte token list`")
        if row.revoked_at is None:
            row.revoked_at = now
            self.session.flush()
        return _record(row)

    def touch(self, token_id: int, now: datetime) -> None:
        """Record that a token was just used."""
        row = self.session.get(t.ApiToken, token_id)
        if row is not None:
            row.last_used_at = now
            self.session.flush()


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes for timezone columns: they are UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _record(row: t.ApiToken) -> TokenRecord:
    return TokenRecord(
        row.id,
        row.name,
        row.role,
        tuple(row.location_codes),
        row.created_by,
        _aware(row.created_at) or row.created_at,
        _aware(row.expires_at),
        _aware(row.revoked_at),
        _aware(row.last_used_at),
    )
