"""Locks on every door: security headers, CSRF tokens, the sign-in rate limit.

Pure request plumbing; who someone is lives in `web/auth.py` and the services.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections import defaultdict, deque

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: No script at all (so none inline), our own styles, no framing, no referrer.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000")


class SecurityHeaders:
    """Add the security headers to every HTTP response (errors included)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, adding headers to the response's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = (*HEADERS, HSTS) if scope.get("scheme") == "https" else HEADERS

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in extra if n not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def csrf_token(secret_key: str, purpose: str, binding: str) -> str:
    """The CSRF token for `binding` (a session or a pre-login cookie)."""
    message = f"{purpose}:{binding}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()


def csrf_ok(secret_key: str, purpose: str, binding: str | None, token: str) -> bool:
    """Whether `token` is the CSRF token of `binding` (constant time)."""
    if not binding or not token:
        return False
    return hmac.compare_digest(csrf_token(secret_key, purpose, binding), token)


class LoginLimiter:
    """Failed sign-ins counted three ways, each with its own limit in `window_s`.

    Per username and client (5: someone mistyping), per username from any
    client (20: one account guessed from many addresses) and per client for
    any username (30: one address trying many accounts). The client is the
    connection's address, never a header: proxy headers are believed only
    from `BELOFTE_TRUSTED_PROXIES`. In memory, per process: enough for one
    belofte process per workspace, and it forgets on restart (the audit log
    keeps every failure).
    """

    def __init__(
        self,
        attempts: int = 5,
        window_s: float = 15 * 60,
        per_username: int = 20,
        per_client: int = 30,
    ) -> None:
        self.window_s = window_s
        self.limits = {"pair": attempts, "user": per_username, "client": per_client}
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    @staticmethod
    def keys(username: str, client: str) -> tuple[str, str, str]:
        """The pair's, the username's and the client's keys (no username in clear)."""

        def digest(kind: str, text: str) -> str:
            return hashlib.sha256(f"{kind}|{text}".encode()).hexdigest()

        name = username.lower()
        return (
            digest("pair", f"{name}|{client}"),
            digest("user", name),
            digest("client", client),
        )

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        return failures

    def is_blocked(self, keys: tuple[str, ...], now: float | None = None) -> bool:
        """Whether any of the keys has used up its attempts."""
        now = time.monotonic() if now is None else now
        blocked = False
        for kind, key in zip(self.limits, keys, strict=True):
            if len(self._recent(key, now)) >= self.limits[kind]:
                blocked = True
            if not self._failures[key]:
                del self._failures[key]
        return blocked

    def failed(self, keys: tuple[str, ...], now: float | None = None) -> None:
        """Count a failed attempt under every key."""
        now = time.monotonic() if now is None else now
        for key in keys:
            self._recent(key, now).append(now)

    def succeeded(self, keys: tuple[str, ...]) -> None:
        """Forget the pair's failures after a good sign-in (the others stay)."""
        self._failures.pop(keys[0], None)


class SingleUse:
    """Values that may be used once within `window_s` (sign-in form bindings).

    A sign-in form's CSRF token is bound to a pre-login cookie; once a form is
    posted, that binding is spent, so a captured token and cookie cannot be
    replayed. Bounded: the oldest are forgotten first beyond `limit`.
    """

    def __init__(self, window_s: float = 60 * 60, limit: int = 100_000) -> None:
        self.window_s = window_s
        self.limit = limit
        self._spent: dict[str, float] = {}

    def spend(self, value: str, now: float | None = None) -> bool:
        """Mark `value` used; False when it was used already."""
        now = time.monotonic() if now is None else now
        key = hashlib.sha256(value.encode()).hexdigest()
        while self._spent and (
            len(self._spent) >= self.limit
            or next(iter(self._spent.values())) <= now - self.window_s
        ):
            del self._spent[next(iter(self._spent))]
        if key in self._spent:
            return False
        self._spent[key] = now
        return True
