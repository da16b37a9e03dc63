"""What every page shares: who is looking, in which language, with which filters.

A page route takes `Viewer` (the signed-in user, or a redirect to /login),
reads its filters with `read_filters` (they live in the URL, so a link is a
shareable view) and answers `render(...)`: the template with the words of the
visitor's language, the navigation their role may use and the CSRF token for
their forms. A page never shows a traceback: bad filters are shown as a
message with status 422, another store's data as 403, like the API.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response

from belofte.domain.access import Permission, Principal, may
from belofte.errors import (
    InvalidInput,
    NotAuthenticated,
    NotFound,
    NotPermitted,
    StoreUnavailable,
)
from belofte.services.access.users import session_principal
from belofte.services.measure.analytics import stale_reason
from belofte.services.measure.figures import CutQuery
from belofte.services.report.sections import Formats
from belofte.services.report.views import GRAINS, Choices, choices
from belofte.web.auth import SESSION_COOKIE, SESSION_CSRF, secret_key, workspace_of
from belofte.web.i18n import language_of, words
from belofte.web.security import csrf_token

__all__ = [
    "NAV",
    "Filters",
    "SignInFirst",
    "Viewer",
    "attempt",
    "query_value",
    "read_filters",
    "render",
    "viewer",
]

T = TypeVar("T")

#: The navigation: (path, word, the permission that shows it).
NAV: tuple[tuple[str, str, Permission], ...] = (
    ("/", "dashboard", Permission.READ_RESULTS),
    ("/text", "text", Permission.READ_VERBATIMS),
    ("/drivers", "drivers", Permission.READ_RESULTS),
    ("/journeys", "journeys", Permission.READ_RESULTS),
    ("/locations", "locations", Permission.READ_RESULTS),
    ("/settings", "settings", Permission.VIEW_SETTINGS),
    ("/jobs", "jobs", Permission.MANAGE_JOBS),
)
#: The longest filter value a page reads from its URL.
MAX_VALUE = 200


class SignInFirst(Exception):
    """No valid session: the app answers with a redirect to the sign-in page."""


def viewer(request: Request) -> Principal:
    """The signed-in user of this request; SignInFirst without a valid session."""
    session = request.cookies.get(SESSION_COOKIE)
    if not session:
        raise SignInFirst
    try:
        return session_principal(workspace_of(request), session)
    except NotAuthenticated:
        raise SignInFirst from None


Viewer = Annotated[Principal, Depends(viewer)]


def sign_in_redirect(_request: Request, _exc: Exception) -> Response:
    """The app's handler of SignInFirst."""
    return RedirectResponse("/login", status_code=303)


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of a results page, as the URL gives them."""

    since: str = ""
    until: str = ""
    location: str = ""
    channel: str = ""
    segment: str = ""
    grain: str = "month"

    def query(self) -> CutQuery:
        """The filters as the services read them."""
        where = tuple(
            f"{name}={value}"
            for name, value in (
                ("location", self.location),
                ("channel", self.channel),
                ("segment", self.segment),
            )
            if value
        )
        return CutQuery(where=where, since=self.since or None, until=self.until or None)


def query_value(request: Request, name: str) -> str:
    """One value of the URL's query, stripped; InvalidInput if long or odd."""
    value = request.query_params.get(name, "").strip()
    if len(value) > MAX_VALUE or any(ord(c) < 32 for c in value):
        raise InvalidInput(f"{name}: at most {MAX_VALUE} printable characters")
    return value


def read_filters(request: Request) -> Filters:
    """The page's filters from its URL; InvalidInput names a malformed one."""
    grain = query_value(request, "grain") or "month"
    if grain not in GRAINS:
        raise InvalidInput(f"grain: {grain!r} is not one of {', '.join(GRAINS)}")
    return Filters(
        query_value(request, "since"),
        query_value(request, "until"),
        query_value(request, "location"),
        query_value(request, "channel"),
        query_value(request, "segment"),
        grain,
    )


@dataclass(slots=True)
class Attempt:
    """The outcome of a page's service call: its value, or why there is none."""

    value: Any = None
    problem: str = ""
    status: int = 200


def attempt(call: Callable[[], T]) -> Attempt:
    """Run a view; a bad filter, another store or a missing record is a message.

    Statuses as in the API: 422, 403, 404, and 503 for a store that cannot answer.
    """
    try:
        return Attempt(call())
    except InvalidInput as exc:
        return Attempt(problem=exc.message, status=422)
    except NotPermitted as exc:
        return Attempt(problem=exc.message, status=403)
    except NotFound as exc:
        return Attempt(problem=exc.message, status=404)
    except StoreUnavailable as exc:
        return Attempt(problem=exc.message, status=503)


def render(
    request: Request,
    principal: Principal,
    template: str,
    context: Mapping[str, Any],
    *,
    status: int = 200,
) -> Response:
    """`template` with the words, navigation and CSRF token every page needs."""
    language = language_of(request)
    session = request.cookies.get(SESSION_COOKIE, "")
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    full: dict[str, Any] = {
        "t": words(language),
        "lang": language,
        "fmt": Formats(language),
        "principal": principal,
        "nav": [(path, word) for path, word, need in NAV if may(principal, need)],
        "path": request.url.path,
        "here": here,
        "csrf": csrf_token(secret_key(request), SESSION_CSRF, session),
        "stale": stale_reason(workspace_of(request)),
        **context,
    }
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(
        request, template, full, status_code=status
    )
    return response


def filter_choices(request: Request, principal: Principal) -> Choices:
    """The values the filter form offers this viewer (their own stores only)."""
    return choices(workspace_of(request), principal, language_of(request))


def forbidden(request: Request, principal: Principal, message: str) -> Response:
    """The page a role without the permission gets (403)."""
    return render(request, principal, "problem.html", {"problem": message}, status=403)


def require_page(
    request: Request, principal: Principal, permission: Permission
) -> Response | None:
    """None when `principal` may open the page; else the 403 page to answer."""
    if may(principal, permission):
        return None
    return forbidden(request, principal, words(language_of(request))["forbidden"])
