"""Who is asking: an API token (Bearer) or a signed-in session; and may they.

Route dependencies: `Annotated[Principal, Depends(requires(Permission.X))]`.
Sessions sending anything but GET must carry the X-CSRF-Token header (the token
the pages show), so another site cannot act with a signed-in browser.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from belofte.domain.access import Permission, Principal, require
from belofte.errors import NotAuthenticated, NotPermitted
from belofte.services.access.tokens import token_principal
from belofte.services.access.users import session_principal
from belofte.services.workspace import Workspace
from belofte.web.security import csrf_ok

SESSION_COOKIE = "belofte_session"
CSRF_HEADER = "X-CSRF-Token"
SESSION_CSRF = "session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

bearer = HTTPBearer(
    auto_error=False,
    description="An API token from `belofte token create` (shown once).",
)


def workspace_of(request: Request) -> Workspace:
    """The app's workspace."""
    workspace: Workspace = request.app.state.workspace
    return workspace


def secret_key(request: Request) -> str:
    """The key that signs CSRF tokens."""
    return workspace_of(request).settings.secret_key.get_secret_value()


def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
) -> Principal:
    """The caller, from a Bearer token or the session cookie; else NotAuthenticated."""
    ws = workspace_of(request)
    if credentials is not None:
        return token_principal(ws, credentials.credentials)
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        principal = session_principal(ws, session)
        if request.method not in SAFE_METHODS and not csrf_ok(
            secret_key(request),
            SESSION_CSRF,
            session,
            request.headers.get(CSRF_HEADER, ""),
        ):
            raise NotPermitted(f"missing or wrong {CSRF_HEADER} header")
        return principal
    raise NotAuthenticated(
        "send an API token (Authorization: Bearer ...) or sign in at /login"
    )


def requires(
    permission: Permission, *, tokens_only: bool = False
) -> Callable[..., Principal]:
    """A dependency: the caller, if their role allows `permission`."""

    def dependency(
        principal: Annotated[Principal, Depends(current_principal)],
    ) -> Principal:
        if tokens_only and principal.kind != "token":
            raise NotPermitted("this API takes API tokens, not browser sessions")
        require(principal, permission)
        return principal

    return dependency


#: Any signed-in caller.
Authenticated = Annotated[Principal, Depends(current_principal)]
