"""The sign-in limit and single-use sign-in forms, in the store for every process.

Attempts are counted three ways, each with its own limit in the window: per
username and client (5: someone mistyping), per username from any client (20:
one account guessed from many addresses) and per client for any username (30:
one address trying many accounts). The client is the connection's address,
never a header: proxy headers are believed only from `BELOFTE_TRUSTED_PROXIES`.

An attempt is marked *before* its password is checked and then counted, so
attempts racing in several app processes cannot slip past the limit together:
each sees at least every mark committed before its own. A refused attempt's
marks are dropped (waiting out the window works); a good sign-in drops its own
marks and the pair's earlier failures. Only hashes are stored, never a username.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from belofte.services.workspace import Workspace
from belofte.store.repositories.sign_in import SignInRepository

#: Attempts allowed in the window: per username and client, per username, per client.
LIMITS = {"pair": 5, "user": 20, "client": 30}
WINDOW = timedelta(minutes=15)
#: How long a sign-in form is good for (its binding cookie lives as long).
FORM_WINDOW = timedelta(hours=1)


def _digest(kind: str, text: str) -> str:
    return hashlib.sha256(f"{kind}|{text}".encode()).hexdigest()


def sign_in_keys(username: str, client: str) -> tuple[str, str, str]:
    """The pair's, the username's and the client's keys (no username in clear)."""
    name = username.lower()
    return (
        _digest("pair", f"{name}|{client}"),
        _digest("user", name),
        _digest("client", client),
    )


@dataclass(frozen=True, slots=True)
class SignInAttempt:
    """An attempt that was marked; `blocked` when it went over a limit."""

    keys: tuple[str, str, str]
    marks: tuple[int, ...]
    blocked: bool


def begin_sign_in(
    ws: Workspace, username: str, client: str, *, now: datetime | None = None
) -> SignInAttempt:
    """Mark an attempt and say whether it may go on to the password check."""
    now = now or datetime.now(UTC)
    keys = sign_in_keys(username, client)
    with ws.session() as session:
        repository = SignInRepository(session)
        repository.purge(now - max(WINDOW, FORM_WINDOW))
        marks = repository.mark(keys, now)
    with ws.session(read_only=True) as session:
        counts = SignInRepository(session).counts(keys, now - WINDOW)
    blocked = any(
        counts.get(key, 0) > limit
        for key, limit in zip(keys, LIMITS.values(), strict=True)
    )
    if blocked:
        with ws.session() as session:
            SignInRepository(session).forget(ids=marks)
    return SignInAttempt(keys, tuple(marks), blocked)


def sign_in_succeeded(ws: Workspace, attempt: SignInAttempt) -> None:
    """A good password: drop this attempt's marks and the pair's failures."""
    with ws.session() as session:
        SignInRepository(session).forget(ids=attempt.marks, key=attempt.keys[0])


def spend_form(ws: Workspace, binding: str, *, now: datetime | None = None) -> bool:
    """Mark a sign-in form's binding as posted; False when it was posted before."""
    now = now or datetime.now(UTC)
    with ws.session() as session:
        return SignInRepository(session).spend(_digest("form", binding), now)
