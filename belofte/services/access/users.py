"""Users and sign-in: who someone is, as a `Principal` (API tokens: `tokens.py`).

Secrets (passwords and session secrets) are returned once to the caller that
shows them and stored only as hashes: argon2id for passwords, SHA-256 for the
high-entropy session secrets.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import structlog

from belofte.domain.access import Principal, Role
from belofte.errors import (
    Conflict,
    InvalidInput,
    NotAuthenticated,
    NotFound,
)
from belofte.services.access.audit import audit_in
from belofte.services.access.passwords import (
    check_strength,
    generate_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from belofte.services.workspace import Workspace
from belofte.store.repositories.users import UserRecord, UserRepository

log = structlog.get_logger(__name__)

SESSION_HOURS = 12
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")


def secret_hash(secret: str) -> str:
    """SHA-256 of a token or session secret (they carry 256 random bits)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def parse_role(text: str) -> Role:
    """The Role named `text`, or InvalidInput listing the roles."""
    try:
        return Role(text)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise InvalidInput(f"role: {text!r} is not one of {known}") from None


def _check_username(username: str) -> str:
    if not _USERNAME.fullmatch(username):
        raise InvalidInput(
            "username: 1-64 characters, lowercase letters, digits, '.', '_' or '-'"
        )
    return username


def check_scope(role: Role, locations: Sequence[str]) -> None:
    """A manager or staff member (user or token) needs at least one location."""
    if role in (Role.MANAGER, Role.STAFF) and not locations:
        raise InvalidInput(f"a {role.value} needs at least one location (--locations)")


# ---------------------------------------------------------------- users
def _principal(user: UserRecord) -> Principal:
    return Principal(
        "user",
        user.id,
        user.username,
        Role(user.role),
        frozenset(user.locations),
        frozenset(user.teams),
    )


def add_user(
    ws: Workspace,
    username: str,
    role: Role,
    *,
    password: str | None = None,
    locations: Sequence[str] = (),
    teams: Sequence[str] = (),
    actor: str,
) -> tuple[UserRecord, str | None]:
    """Create a user; returns it and the generated password (None if given)."""
    _check_username(username)
    check_scope(role, locations)
    generated = None
    if password is None:
        password = generated = generate_password()
    check_strength(password)
    ws.require_current_schema()
    with ws.session() as session:
        users = UserRepository(session)
        if users.by_username(username) is not None:
            raise Conflict(f"user {username} already exists")
        user_id = users.add(
            username,
            role.value,
            hash_password(password),
            datetime.now(UTC),
            locations,
            teams,
        )
        audit_in(
            session,
            actor,
            "user.created",
            username,
            role=role.value,
            locations=list(locations),
            teams=list(teams),
        )
        user = users.by_id(user_id)
    assert user is not None  # noqa: S101 - just stored
    log.info("user.created", user=user_id, role=role.value)
    return user, generated


def list_users(ws: Workspace) -> list[UserRecord]:
    """Every user, by username."""
    ws.require_current_schema()
    with ws.session(read_only=True) as session:
        return UserRepository(session).all()


def _existing(users: UserRepository, username: str) -> UserRecord:
    user = users.by_username(username)
    if user is None:
        raise NotFound("user", username, "see `belofte user list`")
    return user


def disable_user(ws: Workspace, username: str, *, actor: str) -> None:
    """Disable a user: no more sign-ins, and every session of theirs ends."""
    ws.require_current_schema()
    with ws.session() as session:
        users = UserRepository(session)
        user = _existing(users, username)
        users.update(user.id, disabled=True)
        users.end_sessions_of(user.id)
        audit_in(session, actor, "user.disabled", username)


def set_password(
    ws: Workspace, username: str, password: str | None = None, *, actor: str
) -> str | None:
    """Give a user a new password (generated when None, and returned)."""
    generated = None
    if password is None:
        password = generated = generate_password()
    check_strength(password)
    ws.require_current_schema()
    with ws.session() as session:
        users = UserRepository(session)
        user = _existing(users, username)
        users.update(user.id, password_hash=hash_password(password))
        users.end_sessions_of(user.id)
        audit_in(session, actor, "user.password_changed", username)
    return generated


def ensure_first_admin(
    ws: Workspace, password: str | None, *, username: str = "admin", actor: str
) -> str | None:
    """Create the first admin unless users exist; returns a generated password."""
    ws.require_current_schema()
    with ws.session(read_only=True) as session:
        if UserRepository(session).count():
            return None
    _, generated = add_user(ws, username, Role.ADMIN, password=password, actor=actor)
    return generated


def add_demo_users(
    ws: Workspace, users: Sequence[tuple[str, Role, Sequence[str]]], *, actor: str
) -> str:
    """Create demo users (username, role, locations) sharing one new password.

    One hash for all: the demo shows scoping, and thirty argon2 hashes would
    cost seconds. Returns the password, to show once.
    """
    password = generate_password()
    shared = hash_password(password)
    ws.require_current_schema()
    now = datetime.now(UTC)
    with ws.session() as session:
        repository = UserRepository(session)
        for username, role, locations in users:
            _check_username(username)
            repository.add(username, role.value, shared, now, locations)
            audit_in(
                session,
                actor,
                "user.created",
                username,
                role=role.value,
                locations=list(locations),
                teams=[],
            )
    return password


# ---------------------------------------------------------------- sign-in
@dataclass(frozen=True, slots=True)
class SignedIn:
    """A new browser session: the principal and the cookie secret (shown once)."""

    principal: Principal
    secret: str


def sign_in(ws: Workspace, username: str, password: str) -> SignedIn:
    """Check a password and open a session; audit success and failure alike.

    Raises NotAuthenticated with one message for every reason, so the answer
    does not tell whether the user exists.
    """
    ws.require_current_schema()
    now = datetime.now(UTC)
    with ws.session(read_only=True) as session:
        user = (
            UserRepository(session).by_username(username)
            if _USERNAME.fullmatch(username)
            else None
        )
    # The password is checked (slow on purpose) before the write lock is taken:
    # on SQLite every other writer would wait for the hash.
    ok = verify_password(user.password_hash if user else None, password)
    rehashed = (
        hash_password(password)
        if user is not None and ok and needs_rehash(user.password_hash)
        else None
    )
    with ws.session() as session:
        users = UserRepository(session)
        if user is None or not ok or user.disabled:
            reason = (
                "unknown user"
                if user is None
                else ("disabled" if ok else "wrong password")
            )
            # An unknown name may be a password typed in the wrong box: not kept.
            target = user.username if user is not None else ""
            audit_in(session, "anonymous", "login.failed", target, reason=reason)
            failed = True
        else:
            failed = False
            updates: dict[str, object] = {"last_login_at": now}
            if rehashed is not None:
                updates["password_hash"] = rehashed
            users.update(user.id, **updates)
            secret = secrets.token_urlsafe(32)
            users.add_session(
                secret_hash(secret), user.id, now, now + timedelta(hours=SESSION_HOURS)
            )
            audit_in(session, f"user:{user.username}", "login.succeeded", user.username)
    if failed:
        raise NotAuthenticated("wrong username or password")
    assert user is not None  # noqa: S101 - checked above
    return SignedIn(_principal(user), secret)


def sign_out(ws: Workspace, secret: str) -> None:
    """End a browser session."""
    ws.require_current_schema()
    with ws.session() as session:
        users = UserRepository(session)
        user_id = users.session_user(secret_hash(secret), datetime.now(UTC))
        users.end_session(secret_hash(secret))
        if user_id is not None:
            user = users.by_id(user_id)
            name = user.username if user else str(user_id)
            audit_in(session, f"user:{name}", "logout", name)


def session_principal(ws: Workspace, secret: str) -> Principal:
    """The user of a live session; NotAuthenticated if expired, ended or disabled."""
    ws.require_current_schema()
    with ws.session(read_only=True) as session:
        users = UserRepository(session)
        user_id = users.session_user(secret_hash(secret), datetime.now(UTC))
        user = users.by_id(user_id) if user_id is not None else None
    if user is None or user.disabled:
        raise NotAuthenticated("sign in first")
    return _principal(user)
