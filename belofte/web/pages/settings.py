"""Settings: view and edit the promise blueprint; choose the pages' language.

The blueprint form posts the whole YAML text; it is checked exactly as
`belofte blueprint check` checks the file (every problem with its line), and
only a valid text that the store accepts is applied and saved (admins only).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from belofte.blueprint import BlueprintInvalid
from belofte.domain.access import Permission, Principal, may
from belofte.domain.promise import text_in
from belofte.errors import Conflict
from belofte.services.blueprints import blueprint_text, check_blueprint, save_blueprint
from belofte.web.auth import SESSION_COOKIE, SESSION_CSRF, secret_key, workspace_of
from belofte.web.i18n import LANGUAGE_COOKIE, LANGUAGES, language_of, words
from belofte.web.pages.common import Viewer, forbidden, render, require_page
from belofte.web.security import csrf_ok

router = APIRouter(include_in_schema=False)
#: The largest blueprint the form takes (the demo's is about 12 kB).
MAX_BLUEPRINT_CHARS = 1_000_000
#: One year: the language choice is a preference, not a secret.
LANGUAGE_MAX_AGE = 365 * 24 * 3600


def _settings_page(
    request: Request,
    principal: Principal,
    *,
    text: str | None = None,
    problems: tuple[str, ...] = (),
    message: str = "",
    status: int = 200,
) -> Response:
    ws = workspace_of(request)
    language = language_of(request)
    promise, pillars, touchpoints, locations = None, [], [], []
    try:
        blueprint = check_blueprint(ws).blueprint
    except BlueprintInvalid:
        pass  # the file on disk was broken by hand: the form still shows it
    else:
        promise = [
            (key, text_in(getattr(blueprint.promise, key), language))
            for key in ("why", "how", "what")
        ]
        pillars = [
            (text_in(p.name, language), [text_in(t.name, language) for t in p.themes])
            for p in blueprint.pillars
        ]
        names = {p.id: text_in(p.name, language) for p in blueprint.pillars}
        touchpoints = [
            (text_in(tp.name, language), [names.get(p, p) for p in tp.pillars])
            for tp in blueprint.touchpoints
        ]
        locations = [
            (loc.name, loc.kind.value, loc.city or "") for loc in blueprint.locations
        ]
    return render(
        request,
        principal,
        "settings.html",
        {
            "text": blueprint_text(ws) if text is None else text,
            "problems": problems,
            "message": message,
            "promise": promise,
            "pillars": pillars,
            "touchpoints": touchpoints,
            "locations": locations,
            "may_edit": may(principal, Permission.EDIT_BLUEPRINT),
            "max_chars": MAX_BLUEPRINT_CHARS,
        },
        status=status,
    )


@router.get("/settings")
def settings(request: Request, principal: Viewer) -> Response:
    """The promise and the blueprint's YAML (editable by admins)."""
    denied = require_page(request, principal, Permission.VIEW_SETTINGS)
    return denied or _settings_page(request, principal)


@router.post("/settings")
def save(
    request: Request,
    principal: Viewer,
    blueprint: Annotated[str, Form(max_length=MAX_BLUEPRINT_CHARS)],
    csrf: Annotated[str, Form(max_length=128)],
) -> Response:
    """Check, apply and save the posted blueprint, or show every problem."""
    denied = require_page(request, principal, Permission.EDIT_BLUEPRINT)
    if denied is not None:
        return denied
    t = words(language_of(request))
    if not csrf_ok(
        secret_key(request), SESSION_CSRF, request.cookies.get(SESSION_COOKIE), csrf
    ):
        return forbidden(request, principal, t["form_expired"])
    text = blueprint.replace("\r\n", "\n")  # browsers send CRLF line ends
    try:
        result = save_blueprint(workspace_of(request), text, actor=principal.actor)
    except BlueprintInvalid as exc:
        return _settings_page(
            request, principal, text=text, problems=exc.problems, status=422
        )
    except Conflict as exc:
        return _settings_page(
            request, principal, text=text, problems=(exc.message,), status=409
        )
    changes = len(result.report.changes)
    message = t["applied"].format(changes=changes) if changes else t["unchanged"]
    return _settings_page(request, principal, message=message)


@router.get("/language/{code}")
def choose_language(
    code: Annotated[str, Path(pattern="^(nl|en)$")],
    back: Annotated[str, Query(max_length=2000, alias="next")] = "/",
) -> Response:
    """Remember the pages' language and go back to the page it was chosen on."""
    # Only a path of this site: never an open redirect to another host.
    target = back if back.startswith("/") and not back.startswith("//") else "/"
    if "\\" in target or any(ord(c) < 32 for c in target):
        target = "/"
    response = RedirectResponse(target, status_code=303)
    assert code in LANGUAGES  # noqa: S101 - the path pattern allows only these
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=LANGUAGE_MAX_AGE,
        httponly=True,
        samesite="lax",
        path="/",
    )
    return response
