"""The results pages: dashboard, drivers, journeys, locations, one location.

Each page reads its filters from the URL and renders the sections of one view
of `services/report/views.py` (the report's and the API's numbers). No script: the
filter form is a GET form, so every view is a link; hovering a chart's marks
shows n and the interval (SVG titles).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from belofte.domain.access import Permission, Principal
from belofte.services.report import views
from belofte.services.report.sections import Section
from belofte.services.report.views import Choices
from belofte.web.auth import workspace_of
from belofte.web.i18n import language_of, words
from belofte.web.pages.common import (
    Filters,
    Viewer,
    attempt,
    filter_choices,
    read_filters,
    render,
    require_page,
)

router = APIRouter(include_in_schema=False)
LocationCode = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[\w.-]+$")]


def _results_page(
    request: Request,
    principal: Principal,
    title: str,
    build: Callable[[Filters], list[Section]],
    choices: Choices | None = None,
    **context: Any,
) -> Response:
    denied = require_page(request, principal, Permission.READ_RESULTS)
    if denied is not None:
        return denied
    read = attempt(lambda: read_filters(request))
    filters: Filters = read.value or Filters()
    outcome = read if read.problem else attempt(lambda: build(filters))
    return render(
        request,
        principal,
        "results.html",
        {
            "title": title,
            "filters": filters,
            "choices": choices or filter_choices(request, principal),
            "sections": outcome.value or [],
            "problem": outcome.problem,
            "fixed_location": "",
            "show_grain": False,
            **context,
        },
        status=outcome.status,
    )


@router.get("/")
def dashboard(request: Request, principal: Viewer) -> Response:
    """Scores, promise delivery, trends and the store league for the filters."""
    ws, language = workspace_of(request), language_of(request)
    return _results_page(
        request,
        principal,
        words(language)["dashboard_title"],
        lambda f: views.dashboard(ws, principal, f.query(), language, f.grain),
        show_grain=True,
    )


@router.get("/drivers")
def drivers(request: Request, principal: Viewer) -> Response:
    """Importance vs performance of the rated attributes."""
    ws, language = workspace_of(request), language_of(request)
    return _results_page(
        request,
        principal,
        words(language)["drivers_title"],
        lambda f: views.driver_view(ws, principal, f.query(), language),
    )


@router.get("/journeys")
def journeys(request: Request, principal: Viewer) -> Response:
    """The most frequent paths with their detractor shares (Sankey)."""
    ws, language = workspace_of(request), language_of(request)
    return _results_page(
        request,
        principal,
        words(language)["journeys_title"],
        lambda f: [views.journey_view(ws, principal, f.query(), language)],
    )


@router.get("/locations")
def locations(request: Request, principal: Viewer) -> Response:
    """Every location the viewer may see, each linking to its page."""
    denied = require_page(request, principal, Permission.READ_RESULTS)
    if denied is not None:
        return denied
    return render(
        request,
        principal,
        "locations.html",
        {"choices": filter_choices(request, principal)},
    )


@router.get("/locations/{code}")
def location(request: Request, principal: Viewer, code: LocationCode) -> Response:
    """One store's scores, trend, promise delivery and touchpoints."""
    ws, language = workspace_of(request), language_of(request)
    choices = filter_choices(request, principal)
    known = dict(choices.locations)
    if code not in known:  # unknown, or another store's: the same answer
        denied = require_page(request, principal, Permission.READ_RESULTS)
        return denied or render(
            request,
            principal,
            "problem.html",
            {"problem": f"location {code} not found"},
            status=404,
        )
    return _results_page(
        request,
        principal,
        known[code],
        lambda f: views.location_view(
            ws, principal, code, f.query(), language, f.grain
        ),
        choices,
        show_grain=True,
        fixed_location=code,
    )
