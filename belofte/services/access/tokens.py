"""API tokens: a secret for a machine, with a role, locations and an expiry.

The secret is returned once (`blf_` + 256 random bits) and stored as its SHA-256.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import structlog

from belofte.domain.access import Principal, Role
from belofte.errors import InvalidInput, NotAuthenticated, StoreUnavailable
from belofte.services.access.audit import audit_in
from belofte.services.access.users import check_scope, secret_hash
from belofte.services.workspace import Workspace
from belofte.store.repositories.tokens import TokenRecord, TokenRepository

log = structlog.get_logger(__name__)

TOKEN_PREFIX = "blf_"  # noqa: S105 - marks belofte tokens (secret scanners), not a secret
_TOKEN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}")


def create_token(
    ws: Workspace,
    name: str,
    role: Role,
    *,
    locations: Sequence[str] = (),
    expires_days: int | None = None,
    actor: str,
) -> tuple[TokenRecord, str]:
    """Create an API token; returns it and its secret (shown once, stored hashed)."""
    if not _TOKEN_NAME.fullmatch(name):
        raise InvalidInput("name: 1-100 letters, digits, spaces, '.', '_' or '-'")
    check_scope(role, locations)
    if expires_days is not None and not 1 <= expires_days <= 3650:
        raise InvalidInput("expires-days: between 1 and 3650")
    now = datetime.now(UTC)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ws.require_current_schema()
    with ws.session() as session:
        tokens = TokenRepository(session)
        token_id = tokens.add(
            name=name,
            token_hash=secret_hash(secret),
            role=role.value,
            locations=list(dict.fromkeys(locations)),
            created_by=actor,
            now=now,
            expires_at=now + timedelta(days=expires_days) if expires_days else None,
        )
        audit_in(
            session,
            actor,
            "token.created",
            f"token:{token_id}",
            name=name,
            role=role.value,
            locations=list(locations),
            expires_days=expires_days,
        )
        record = tokens.by_id(token_id)
    assert record is not None  # noqa: S101 - just stored
    log.info("token.created", token=token_id, role=role.value)
    return record, secret


def list_tokens(ws: Workspace) -> list[TokenRecord]:
    """Every token (never their secrets), newest first."""
    ws.require_current_schema()
    with ws.session(read_only=True) as session:
        return TokenRepository(session).all()


def revoke_token(ws: Workspace, token_id: int, *, actor: str) -> TokenRecord:
    """Revoke a token: it stops working at once."""
    ws.require_current_schema()
    with ws.session() as session:
        record = TokenRepository(session).revoke(token_id, datetime.now(UTC))
        audit_in(session, actor, "token.revoked", f"token:{token_id}", name=record.name)
    return record


def token_principal(ws: Workspace, secret: str) -> Principal:
    """The principal of a valid API token, noting its use.

    Unknown, revoked and expired tokens raise NotAuthenticated.
    """
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        raise NotAuthenticated("invalid API token")
    ws.require_current_schema()
    now = datetime.now(UTC)
    with ws.session(read_only=True) as session:
        record = TokenRepository(session).by_hash(secret_hash(secret))
    if record is None:
        raise NotAuthenticated("invalid API token")
    if record.revoked_at is not None:
        raise NotAuthenticated("this API token was revoked")
    if record.expires_at is not None and record.expires_at <= now:
        raise NotAuthenticated("this API token has expired")
    # Once a minute is enough, and keeps most requests from taking a write lock;
    # a store that cannot take the note (locked, full, read-only) still serves.
    if record.last_used_at is None or now - record.last_used_at > timedelta(minutes=1):
        try:
            with ws.session() as session:
                TokenRepository(session).touch(record.id, now)
        except StoreUnavailable:
            log.info("token.use_unrecorded", token=record.id)
    return Principal(
        "token", record.id, record.name, Role(record.role), frozenset(record.locations)
    )


def token_status(record: TokenRecord, now: datetime | None = None) -> str:
    """active, expired or revoked."""
    now = now or datetime.now(UTC)
    if record.revoked_at is not None:
        return "revoked"
    if record.expires_at is not None and record.expires_at <= now:
        return "expired"
    return "active"
