"""Sign in and sign out.

The sign-in form carries a CSRF token bound to a short-lived pre-login cookie,
good for one post: each answer to a post sets a new one. Signed-in forms carry
a token bound to the session. Failed sign-ins are limited per username and
client, per username and per client (429) across every app process
(`services/access/sign_in_limit.py`), and every attempt is audited by the
service.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from belofte.errors import NotAuthenticated
from belofte.services.access.audit import audit
from belofte.services.access.sign_in_limit import (
    begin_sign_in,
    sign_in_succeeded,
    spend_form,
)
from belofte.services.access.users import (
    SESSION_HOURS,
    sign_in,
    sign_out,
)
from belofte.web.auth import SESSION_COOKIE, SESSION_CSRF, secret_key, workspace_of
from belofte.web.i18n import language_of, words
from belofte.web.security import csrf_ok, csrf_token

router = APIRouter(include_in_schema=False)
LOGIN_COOKIE = "belofte_login"
LOGIN_CSRF = "login"

Username = Annotated[str, Form(min_length=1, max_length=64)]
Password = Annotated[str, Form(min_length=1, max_length=1024)]
CsrfField = Annotated[str, Form(max_length=128)]


def _secure(request: Request) -> bool:
    """Cookies are Secure except for plain-http development on this machine."""
    settings = workspace_of(request).settings
    return request.url.scheme == "https" or settings.env != "dev"


def _set_cookie(
    request: Request, response: Response, name: str, value: str, max_age: int
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        secure=_secure(request),
        samesite="lax",
        path="/",
    )


def _login_page(
    request: Request,
    *,
    error: str = "",
    username: str = "",
    status: int = 200,
    renew: bool = False,
) -> Response:
    """The form; `error` is the key of its message in `web/i18n.py`.

    `renew` gives the form a new binding (the posted one is spent).
    """
    binding = (None if renew else request.cookies.get(LOGIN_COOKIE)) or (
        secrets.token_urlsafe(32)
    )
    language = language_of(request)
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(
        request,
        "login.html",
        {
            "t": words(language),
            "lang": language,
            "error": words(language)[error] if error else "",
            "username": username,
            "csrf": csrf_token(secret_key(request), LOGIN_CSRF, binding),
        },
        status_code=status,
    )
    _set_cookie(request, response, LOGIN_COOKIE, binding, 60 * 60)
    return response


@router.get("/login")
def login_form(request: Request) -> Response:
    """The sign-in form."""
    return _login_page(request)


@router.post("/login")
def login(
    request: Request, username: Username, password: Password, csrf: CsrfField
) -> Response:
    """Check the password, open a session, and go to the start page."""
    ws = workspace_of(request)
    binding = request.cookies.get(LOGIN_COOKIE)
    if not csrf_ok(secret_key(request), LOGIN_CSRF, binding, csrf) or not (
        spend_form(ws, binding or "")
    ):
        return _login_page(
            request, error="login_expired", username=username, status=403, renew=True
        )
    client = request.client.host if request.client else ""
    attempt = begin_sign_in(ws, username, client)
    if attempt.blocked:
        audit(ws, "anonymous", "login.refused", reason="too many failures")
        return _login_page(
            request, error="login_blocked", username=username, status=429, renew=True
        )
    try:
        signed_in = sign_in(ws, username, password)
    except NotAuthenticated:  # the attempt's marks stay: a failure
        return _login_page(
            request, error="login_wrong", username=username, status=401, renew=True
        )
    sign_in_succeeded(ws, attempt)
    response = RedirectResponse("/", status_code=303)
    _set_cookie(
        request, response, SESSION_COOKIE, signed_in.secret, SESSION_HOURS * 3600
    )
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(request: Request, csrf: CsrfField) -> Response:
    """End the session (the form's CSRF token must match it)."""
    session = request.cookies.get(SESSION_COOKIE)
    if not csrf_ok(secret_key(request), SESSION_CSRF, session, csrf):
        return Response("invalid form token", status_code=403, media_type="text/plain")
    assert session is not None  # noqa: S101 - csrf_ok refuses a missing session
    sign_out(workspace_of(request), session)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
