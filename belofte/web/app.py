"""The FastAPI app, built by `create_app(settings)`: nothing is built at import.

Errors map here, in one table, to HTTP statuses; no traceback ever reaches a
client or the server's log (`web/middleware.py`). A body is read only for a
caller with valid credentials and only up to its route's limit, every response
carries the security headers, and every API route but the health check needs
an API token or a session (`web/auth.py`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from belofte import __version__
from belofte.errors import (
    BelofteError,
    Conflict,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    NotPermitted,
    StoreUnavailable,
    UnsupportedByEngine,
)
from belofte.logs import configure_logging
from belofte.services.listen.imports import RecordsInvalid
from belofte.services.report import views
from belofte.services.workspace import Workspace, open_workspace
from belofte.settings import Settings
from belofte.web.api.listen import text, verbatims
from belofte.web.api.listen.records import build_router
from belofte.web.api.measure import results
from belofte.web.auth import SESSION_COOKIE, Authenticated
from belofte.web.middleware import KIB, MIB, BodyLimits, BodyRule, InternalErrors
from belofte.web.pages import jobs as job_pages
from belofte.web.pages import settings as settings_pages
from belofte.web.pages.access import auth as auth_pages
from belofte.web.pages.common import SignInFirst, sign_in_redirect
from belofte.web.pages.listen import text as text_pages
from belofte.web.pages.measure import results as result_pages
from belofte.web.pages.templates import build_templates
from belofte.web.security import SecurityHeaders

log = structlog.get_logger(__name__)

STATUS: tuple[tuple[type[BelofteError], int], ...] = (
    (InvalidInput, 422),
    (NotFound, 404),
    (NotAuthenticated, 401),
    (NotPermitted, 403),
    (Conflict, 409),
    (StoreUnavailable, 503),
    (UnsupportedByEngine, 501),
    (BelofteError, 400),
)
#: Any other body (a label correction, a text to analyse): small.
DEFAULT_BODY_BYTES = 1 * MIB


def body_rules(settings: Settings) -> tuple[BodyRule, ...]:
    """Each route's body limit: what its largest valid body needs, no more."""
    # A record holds a title and a text of at most import_max_field_chars
    # characters each; JSON may spell a character in up to 12 bytes (\uXXXX
    # surrogate pairs).
    record = max(DEFAULT_BODY_BYTES, 24 * settings.import_max_field_chars)
    return (
        BodyRule(re.compile(r"/api/v1/records/[a-z]+/batch"), settings.api_batch_bytes),
        BodyRule(re.compile(r"/api/v1/records/[a-z]+"), record),
        BodyRule(re.compile(r"/api/v1/text/analyse"), record),
        # The blueprint (at most 2 MiB of YAML), form-encoded.
        BodyRule(re.compile(r"/settings"), 8 * MIB),
        BodyRule(re.compile(r"/login"), 16 * KIB, anonymous=True),
    )


def create_app(settings: Settings) -> FastAPI:
    """The belofte web app for the workspace `settings` point to."""
    workspace = open_workspace(settings=settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        workspace.closed = False  # served again after a shutdown (tests do)
        threading.Thread(target=_warm, args=(workspace,), daemon=True).start()
        yield
        workspace.close()  # release database connections on shutdown

    app = FastAPI(
        lifespan=lifespan,
        title="belofte",
        version=__version__,
        # Served below, behind authentication, like every other API route.
        openapi_url=None,
        # FastAPI's interactive docs page loads its scripts from a CDN: belofte
        # runs offline and sends nothing out, so only the OpenAPI JSON is served.
        docs_url=None,
        redoc_url=None,
    )
    app.state.workspace = workspace
    app.state.templates = build_templates()
    app.include_router(build_router(workspace.settings.import_max_field_chars))
    app.include_router(text.router)
    app.include_router(results.router)
    app.include_router(verbatims.router)
    app.include_router(auth_pages.router)
    app.include_router(result_pages.router)
    app.include_router(text_pages.router)
    app.include_router(settings_pages.router)
    app.include_router(job_pages.router)
    # The stylesheet and icon, from the package: pages load nothing from elsewhere.
    app.mount("/static", StaticFiles(packages=[("belofte.web", "static")]), "static")
    app.add_middleware(
        BodyLimits,
        workspace=workspace,
        rules=body_rules(workspace.settings),
        default_bytes=DEFAULT_BODY_BYTES,
        session_cookie=SESSION_COOKIE,
    )
    app.add_middleware(InternalErrors)
    app.add_middleware(SecurityHeaders)  # outermost: on 413s and 500s too
    app.add_exception_handler(SignInFirst, sign_in_redirect)
    app.add_exception_handler(BelofteError, _belofte_error)
    app.add_exception_handler(RequestValidationError, _validation_error)

    @app.get("/api/v1/health", tags=["meta"], operation_id="health")
    async def health() -> dict[str, str]:
        """Liveness for load balancers: the one API route without a login."""
        return {"status": "ok"}

    @app.get("/api/openapi.json", include_in_schema=False)
    def openapi(_principal: Authenticated) -> dict[str, Any]:
        return app.openapi()

    return app


def app_from_environment() -> FastAPI:
    """The app of one of `belofte serve --workers N`'s processes.

    Everything that must hold across processes lives in the store (sessions,
    the sign-in limit, spent sign-in forms, jobs) or is checked against it
    (a result's data version, at most `resultcache.FRESH_FOR_S` old).
    """
    settings = Settings()
    configure_logging(settings)
    return create_app(settings)


def _warm(workspace: Workspace) -> None:
    """The dashboard ahead of its first visitor; a failure only costs that."""
    try:
        views.warm(workspace)
    except Exception as exc:  # noqa: BLE001 - e.g. an empty or unmigrated store
        log.debug("web.warm_up_skipped", error=type(exc).__name__)


async def _belofte_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BelofteError)  # noqa: S101 - registered for this type
    status = next(code for kind, code in STATUS if isinstance(exc, kind))
    if isinstance(exc, RecordsInvalid):
        single = not request.url.path.endswith("/batch")
        detail = [
            {
                "loc": ["body", p.field]
                if single
                else ["body", "records", p.index, p.field],
                "msg": p.reason,
                "type": "value_error",
            }
            for p in exc.invalid
        ]
        return JSONResponse({"detail": detail}, status_code=422)
    body: dict[str, Any] = {"detail": exc.message}
    if getattr(exc, "problems", ()):
        body["problems"] = list(exc.problems)  # type: ignore[attr-defined]
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if status == 503:
        headers = {"Retry-After": "5"}  # a lock or a full disk passes
    return JSONResponse(body, status_code=status, headers=headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)  # noqa: S101
    detail = [
        {"loc": list(e["loc"]), "msg": _message(e), "type": e["type"]}
        for e in exc.errors()
    ]
    return JSONResponse({"detail": detail}, status_code=422)


def _message(error: Any) -> str:
    """The error's message, with the parser's reason for a body that is not JSON."""
    reason = (error.get("ctx") or {}).get("error")
    if error["type"] == "json_invalid" and reason:
        return f"{error['msg']}: {reason}"
    return str(error["msg"])
