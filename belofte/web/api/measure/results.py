"""The results API: metrics, promise delivery, drivers, journeys, as JSON.

Each route parses its query, calls one scoped service (`services/measure/figures.py`:
the caller's location scope is applied there) and returns the `ResultTable`
JSON that `belofte ... --json` prints. Bad filters answer 422 naming the field.

No `from __future__ import annotations` here: FastAPI reads the parameters
from the route functions' annotations at runtime.
"""

from dataclasses import replace
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import StringConstraints

from belofte.domain.access import Permission, Principal
from belofte.services.measure.figures import (
    CutQuery,
    scoped_drivers,
    scoped_journeys,
    scoped_metrics,
    scoped_promise,
)
from belofte.web.auth import requires, workspace_of
from belofte.web.schemas.results import Day, PromiseOut, ResultTableOut

router = APIRouter(prefix="/api/v1", tags=["results"])
#: A filter's text: no control characters (a NUL breaks engines and PostgreSQL).
Word = Annotated[str, StringConstraints(max_length=500, pattern=r"^[^\x00-\x1f]*$")]
Reader = Annotated[Principal, Depends(requires(Permission.READ_RESULTS))]
Level = Annotated[
    float, Query(ge=0.5, le=0.999, allow_inf_nan=False, description="Interval level.")
]
Adjust = Annotated[
    Literal["holm", "bh"], Query(description="Multiple-comparison control.")
]


def _filters(
    where: Annotated[
        list[Word] | None,
        Query(description="Keep rows where NAME=VALUE[,VALUE] (repeatable)."),
    ] = None,
    since: Annotated[Day | None, Query(description="From this date.")] = None,
    until: Annotated[Day | None, Query(description="Up to this date.")] = None,
) -> CutQuery:
    return CutQuery(
        where=tuple(where or ()),
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
    )


def _grouped(
    filters: Annotated[CutQuery, Depends(_filters)],
    by: Annotated[
        list[Word] | None,
        Query(description="Group by these dimensions (repeat or comma-separate)."),
    ] = None,
) -> CutQuery:
    return CutQuery(tuple(by or ()), None, filters.where, filters.since, filters.until)


def _cut(
    grouped: Annotated[CutQuery, Depends(_grouped)],
    period: Annotated[
        Literal["day", "week", "month", "quarter", "year"] | None,
        Query(description="Also split by calendar period (local time)."),
    ] = None,
) -> CutQuery:
    return replace(grouped, period=period)


Cut = Annotated[CutQuery, Depends(_cut)]
Grouped = Annotated[CutQuery, Depends(_grouped)]
Filters = Annotated[CutQuery, Depends(_filters)]


@router.get("/metrics", operation_id="metrics")
def metrics(
    request: Request,
    principal: Reader,
    cut: Cut,
    metric: Annotated[
        list[Word] | None, Query(description="nps, csat, ces, sentiment (default all).")
    ] = None,
    compare: Annotated[bool, Query(description="Every pair of groups (NPS).")] = False,
    adjust: Adjust = "holm",
    level: Level = 0.95,
) -> ResultTableOut:
    """NPS, CSAT, CES and text sentiment with intervals, by any cut and period."""
    table = scoped_metrics(
        workspace_of(request),
        principal,
        cut,
        metrics=metric or (),
        compare=compare,
        adjust=adjust,
        level=level,
    )
    return ResultTableOut.of(table)


@router.get("/promise", operation_id="promise")
def promise(
    request: Request,
    principal: Reader,
    cut: Cut,
    evidence: Annotated[
        int, Query(ge=0, le=20, description="Quotes per weakest link.")
    ] = 3,
    level: Level = 0.95,
) -> PromiseOut:
    """Promise delivery per pillar x touchpoint, its consistency, the weakest links."""
    report = scoped_promise(
        workspace_of(request), principal, cut, evidence=evidence, level=level
    )
    return PromiseOut.of(report)


@router.get("/drivers", operation_id="drivers")
def drivers(
    request: Request,
    principal: Reader,
    filters: Filters,
    outcome: Annotated[Literal["nps", "csat", "ces"], Query()] = "nps",
    themes: Annotated[bool, Query(description="Theme mentions, not ratings.")] = False,
    driver: Annotated[
        list[Word] | None, Query(description="Only these drivers.")
    ] = None,
    method: Annotated[Literal["lmg", "johnson"], Query()] = "lmg",
    resamples: Annotated[int, Query(ge=0, le=5000, description="Bootstrap B.")] = 1000,
    seed: Annotated[
        int, Query(ge=0, le=2**32 - 1, description="Bootstrap seed.")
    ] = 20261129,
) -> ResultTableOut:
    """Key drivers of NPS/CSAT/CES: relative weights with bootstrap intervals."""
    table = scoped_drivers(
        workspace_of(request),
        principal,
        filters,
        outcome=outcome,
        themes=themes,
        names=driver or (),
        method=method,
        resamples=resamples,
        seed=seed,
    )
    return ResultTableOut.of(table)


@router.get("/journeys", operation_id="journeys")
def journeys(
    request: Request,
    principal: Reader,
    cut: Grouped,
    top: Annotated[int, Query(ge=1, le=500, description="Paths shown.")] = 15,
    window: Annotated[int, Query(ge=1, le=730, description="Window in days.")] = 60,
    peak_end: Annotated[
        bool, Query(description="Worst vs mean vs last moment.")
    ] = False,
) -> ResultTableOut:
    """The most frequent journey paths with NPS and detractor share; or peak-end."""
    table = scoped_journeys(
        workspace_of(request),
        principal,
        cut,
        top=top,
        window_days=window,
        peak_end=peak_end,
    )
    return ResultTableOut.of(table)
