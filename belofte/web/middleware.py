"""The request plumbing around every route: bodies bounded, failures contained.

`BodyLimits` refuses a body before it costs memory: a declared length over the
route's limit is answered at once (413), a streamed body is counted as it
arrives, and a body is only read for a caller who has shown valid credentials
(an API token or a session; the sign-in form is the one anonymous body).
`BoundedJsonRoute` keeps a body within its limit from costing more once parsed:
8 MiB of `[{},{},...]` are 2.8 million objects (200 MB); a body may hold only as
many objects and arrays as its route's records need, counted before parsing.
`InternalErrors` is the last resort: an unexpected exception is logged as one
structured event (its type, never its message, which may quote SQL values) and
answered with a plain 500, and never reaches the server, which would print the
traceback with whatever values it holds.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any

import structlog
from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from belofte.errors import NotAuthenticated, StoreUnavailable
from belofte.services.access.tokens import token_principal
from belofte.services.access.users import session_principal
from belofte.services.workspace import Workspace

log = structlog.get_logger(__name__)

KIB = 1024
MIB = 1024 * KIB
#: Methods whose requests carry no body we read.
BODILESS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class BodyRule:
    """Bodies of requests whose path matches `path` may be `max_bytes` long."""

    path: re.Pattern[str]
    max_bytes: int
    anonymous: bool = False  # read without credentials (the sign-in form)


class BodyLimits:
    """Authenticate, then read at most the route's limit of the body (413 beyond)."""

    def __init__(
        self,
        app: ASGIApp,
        workspace: Workspace,
        rules: Sequence[BodyRule],
        default_bytes: int,
        session_cookie: str,
    ) -> None:
        self.app = app
        self.workspace = workspace
        self.rules = tuple(rules)
        self.default = BodyRule(re.compile(""), default_bytes)
        self.session_cookie = session_cookie

    def rule(self, path: str) -> BodyRule:
        """The first rule whose pattern matches `path`, else the default."""
        return next((r for r in self.rules if r.path.fullmatch(path)), self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on once its caller and its body's size are acceptable."""
        if scope["type"] != "http" or scope["method"] in BODILESS:
            await self.app(scope, receive, send)
            return
        rule = self.rule(scope["path"])
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > rule.max_bytes:
            await _too_large(scope, receive, send, rule.max_bytes)
            return
        if not rule.anonymous:
            refusal = await self._refusal(scope, headers)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        seen = 0
        exceeded = False

        async def limited() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > rule.max_bytes:
                    exceeded = True
                    raise _TooLarge
            return message

        async def unless_exceeded(message: Message) -> None:
            # The body parser turns our _TooLarge into its own 400: drop that.
            if not exceeded:
                await send(message)

        with contextlib.suppress(_TooLarge):
            await self.app(scope, limited, unless_exceeded)
        if exceeded:
            await _too_large(scope, receive, send, rule.max_bytes)

    async def _refusal(
        self, scope: Scope, headers: dict[bytes, bytes]
    ) -> Response | None:
        """None for a caller with valid credentials, else the answer to give."""
        api = scope["path"].startswith("/api/")
        authorization = headers.get(b"authorization", b"").decode("latin-1")
        scheme, _, secret = authorization.partition(" ")
        cookie = _cookie(headers.get(b"cookie", b""), self.session_cookie)
        try:
            if scheme.lower() == "bearer" and secret.strip():
                await run_in_threadpool(token_principal, self.workspace, secret.strip())
            elif cookie:
                await run_in_threadpool(session_principal, self.workspace, cookie)
            else:
                raise NotAuthenticated(
                    "send an API token (Authorization: Bearer ...) or sign in at /login"
                )
        except NotAuthenticated as exc:
            if not api:
                return RedirectResponse("/login", status_code=303)
            return JSONResponse(
                {"detail": exc.message},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        except StoreUnavailable as exc:
            return unavailable(exc)
        return None


def unavailable(exc: StoreUnavailable) -> JSONResponse:
    """503 with the reason, and when to try again."""
    return JSONResponse(
        {"detail": exc.message}, status_code=503, headers={"Retry-After": "5"}
    )


def _cookie(header: bytes, name: str) -> str:
    """The value of cookie `name` in a Cookie header ('' when absent)."""
    for part in header.decode("latin-1").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value.strip('"')
    return ""


class _TooLarge(Exception):
    pass


async def _too_large(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    response = JSONResponse(
        {"detail": f"request body larger than {limit} bytes"},
        status_code=413,
        headers={"Connection": "close"},  # the rest of the body is not read
    )
    await response(scope, receive, send)


class InternalErrors:
    """Answer an unexpected exception with 500 and one log event; never re-raise."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app; contain whatever escapes it."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:  # noqa: BLE001 - the last resort, by design
            log.error(
                "web.internal_error",
                error=type(exc).__name__,
                method=scope.get("method"),
                route=_route(scope),
            )
            if not started:
                response = JSONResponse({"detail": "internal error"}, status_code=500)
                await response(scope, receive, send)


def _route(scope: Scope) -> str:
    """The matched route's template (/api/v1/verbatims/{verbatim_id}), not values."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "(unmatched)"


#: Objects and arrays outside strings, found one by one (strings are skipped
#: whole, escapes included, so a "{" in a comment is not counted).
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[{]')


def containers_within(body: bytes, limit: int) -> bool:
    """Whether `body` (JSON) holds at most `limit` objects and arrays."""
    count = 0
    for match in _TOKENS.finditer(body):
        if match.group()[0] != 0x22:  # not a string: "[" or "{"
            count += 1
            if count > limit:
                return False
    return True


class BoundedJsonRoute(APIRoute):
    """A route whose JSON body may hold at most `max_containers` objects/arrays.

    Set `max_containers` on a subclass (the batch size, plus the envelope).
    """

    max_containers = 16
    #: What the bound means to a client, after "more than N objects and arrays".
    bound_reason = ""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """The route's handler, reading its JSON through the bound."""
        handler = super().get_route_handler()
        limit, reason = self.max_containers, self.bound_reason

        async def bounded(request: Request) -> Response:
            bounded_request = _BoundedRequest(request.scope, request.receive)
            bounded_request.bound = (limit, reason)
            return await handler(bounded_request)

        return bounded


class _BoundedRequest(Request):
    bound: tuple[int, str] = (16, "")

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            limit, reason = self.bound
            if not containers_within(body, limit):
                # FastAPI answers a JSONDecodeError with 422 naming the body.
                why = f"more than {limit:,} objects and arrays"
                raise json.JSONDecodeError(f"{why}; {reason}" if reason else why, "", 0)
            self._json = json.loads(body)
        return self._json
