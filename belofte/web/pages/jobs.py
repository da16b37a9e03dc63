"""The jobs page (admins): what waits, runs, failed and why; retry or cancel.

The same data as `belofte jobs list`; retrying and cancelling are forms with
the session's CSRF token, audited by the service.
"""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import Response

from belofte.domain.access import Permission, Principal
from belofte.errors import InvalidInput, NotFound
from belofte.services.jobs.queue import VIEWS, cancel_job, job_overview, retry_job
from belofte.web.auth import SESSION_COOKIE, SESSION_CSRF, secret_key, workspace_of
from belofte.web.i18n import language_of, words
from belofte.web.pages.common import (
    Viewer,
    forbidden,
    query_value,
    render,
    require_page,
)
from belofte.web.security import csrf_ok

router = APIRouter(include_in_schema=False)


def _jobs_page(
    request: Request,
    principal: Principal,
    *,
    message: str = "",
    problem: str = "",
    status: int = 200,
) -> Response:
    chosen = query_value(request, "status")
    if chosen and chosen not in VIEWS:
        chosen, problem, status = "", f"status: {chosen!r} is not a state", 422
    overview = job_overview(workspace_of(request), status=chosen or None)
    return render(
        request,
        principal,
        "jobs.html",
        {
            "overview": overview,
            "states": VIEWS,
            "chosen": chosen,
            "message": message,
            "problem": problem,
            "zone": ZoneInfo(workspace_of(request).settings.timezone),
        },
        status=status,
    )


@router.get("/jobs")
def jobs(request: Request, principal: Viewer) -> Response:
    """Counts per state and the newest jobs (optionally of one state)."""
    denied = require_page(request, principal, Permission.MANAGE_JOBS)
    return denied or _jobs_page(request, principal)


@router.post("/jobs/{job_id}/{action}")
def act(
    request: Request,
    principal: Viewer,
    job_id: Annotated[int, Path(ge=1)],
    action: Annotated[str, Path(pattern="^(retry|cancel)$")],
    csrf: Annotated[str, Form(max_length=128)],
) -> Response:
    """Retry a dead job or cancel a queued one."""
    denied = require_page(request, principal, Permission.MANAGE_JOBS)
    if denied is not None:
        return denied
    t = words(language_of(request))
    if not csrf_ok(
        secret_key(request), SESSION_CSRF, request.cookies.get(SESSION_COOKIE), csrf
    ):
        return forbidden(request, principal, t["form_expired"])
    ws = workspace_of(request)
    try:
        if action == "retry":
            retry_job(ws, job_id, actor=principal.actor)
        else:
            cancel_job(ws, job_id, actor=principal.actor)
    except (InvalidInput, NotFound) as exc:
        code = 404 if isinstance(exc, NotFound) else 422
        return _jobs_page(request, principal, problem=exc.message, status=code)
    done = t["job_retried" if action == "retry" else "job_cancelled"]
    return _jobs_page(request, principal, message=done.format(id=job_id))
