"""Measure figures for a caller: the scoped doors the REST API reads through.

Each function parses the caller's filters into a `Cut` (`parse_cut`, whose
InvalidInput names the field), forces it into the caller's locations
(`scoped_cut`: a manager asking for another store is NotPermitted), opens the
workspace's analytics engine and runs the very service `belofte metrics |
promise | drivers | journeys` runs, so the API and the CLI give the same
numbers for the same filters. Results are kept for the data version they were
computed at (`resultcache`): asking again costs no query until data changes.
When the analytics copy could not be refreshed, each answer says so in a note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypeVar

from belofte.analytics.cuts import Cut, parse_cut
from belofte.analytics.engine import Engine
from belofte.analytics.scores import score_moments
from belofte.domain.access import Principal
from belofte.errors import InvalidInput
from belofte.services.access.scope import scoped_cut
from belofte.services.measure import drivers as driver_service
from belofte.services.measure import journeys as journey_service
from belofte.services.measure.analytics import stale_reason
from belofte.services.measure.drivers import DriverSource
from belofte.services.measure.metrics import METRICS, ScoreOptions, comparisons, scores
from belofte.services.measure.promise import PromiseReport, promise
from belofte.services.measure.resultcache import cached
from belofte.services.measure.results import ResultTable
from belofte.services.workspace import Workspace

__all__ = [
    "MAX_COMPARED_GROUPS",
    "CutQuery",
    "scoped_drivers",
    "scoped_journeys",
    "scoped_metrics",
    "scoped_promise",
]


#: `compare` answers every pair: at most this many groups (4,950 pairs).
MAX_COMPARED_GROUPS = 100


@dataclass(frozen=True, slots=True)
class CutQuery:
    """A cut as the caller wrote it (text), before it is parsed and scoped."""

    by: tuple[str, ...] = ()
    period: str | None = None
    where: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None


def _cut(ws: Workspace, principal: Principal, query: CutQuery) -> Cut:
    cut = parse_cut(query.by, query.period, query.where, query.since, query.until)
    return scoped_cut(ws, principal, cut)


R = TypeVar("R", ResultTable, PromiseReport)


def _marked(ws: Workspace, result: R) -> R:
    """`result`, with a note when it was computed on an earlier copy of the data."""
    reason = stale_reason(ws)
    if reason is None:
        return result
    note = f"data may be behind: the analysis copy could not be updated ({reason})"
    if isinstance(result, PromiseReport):
        return PromiseReport(*(_noted(t, note) for t in result.tables()))
    return _noted(result, note)


def _noted(table: ResultTable, note: str) -> ResultTable:
    return replace(table, notes=(*table.notes, note))


def _split(items: Sequence[str]) -> tuple[str, ...]:
    """`["nps,csat", "ces"]` -> `("nps", "csat", "ces")`."""
    return tuple(p.strip() for item in items for p in item.split(",") if p.strip())


def scoped_metrics(
    ws: Workspace,
    principal: Principal,
    query: CutQuery,
    *,
    metrics: Sequence[str] = (),
    compare: bool = False,
    adjust: Literal["holm", "bh"] = "holm",
    level: float = 0.95,
) -> ResultTable:
    """`belofte metrics` for `principal`: scores, or every pair compared."""
    cut = _cut(ws, principal, query)
    options = ScoreOptions(_split(metrics) or METRICS, level, adjust)

    def build(engine: Engine) -> ResultTable:
        if not compare:
            return scores(engine, cut, options)
        # Pairs grow with the square of the groups: a day-by-store cut of a year
        # would answer millions of rows, so the API compares a bounded number.
        groups = len(score_moments(engine, cut, options.scale))
        if groups > MAX_COMPARED_GROUPS:
            raise InvalidInput(
                f"compare: {groups} groups make {groups * (groups - 1) // 2} "
                f"pairs; compare at most {MAX_COMPARED_GROUPS} groups (narrow "
                "the cut)"
            )
        return comparisons(engine, cut, options)

    bound = MAX_COMPARED_GROUPS if compare else None  # the answer depends on it
    key = ("metrics", cut, options.metrics, compare, bound, adjust, level)
    return _marked(ws, cached(ws, key, build))


def scoped_promise(
    ws: Workspace,
    principal: Principal,
    query: CutQuery,
    *,
    evidence: int = 3,
    level: float = 0.95,
) -> PromiseReport:
    """`belofte promise` for `principal`: delivery, consistency, weakest links."""
    cut = _cut(ws, principal, query)
    report = cached(
        ws,
        ("promise", cut, level, evidence),
        lambda engine: promise(ws, engine, cut, level=level, evidence=evidence),
    )
    return _marked(ws, report)


def scoped_drivers(
    ws: Workspace,
    principal: Principal,
    query: CutQuery,
    *,
    outcome: str = "nps",
    themes: bool = False,
    names: Sequence[str] = (),
    method: Literal["lmg", "johnson"] = "lmg",
    resamples: int = 1000,
    seed: int = 20261129,
) -> ResultTable:
    """`belofte drivers` for `principal` (ratings, or theme mentions)."""
    cut = _cut(ws, principal, query)
    source: DriverSource = "themes" if themes else "ratings"
    chosen = _split(names)
    table = cached(
        ws,
        ("drivers", cut, outcome, source, chosen, method, resamples, seed),
        lambda engine: driver_service.drivers(
            engine,
            cut,
            outcome=outcome,
            source=source,
            names=chosen,
            method=method,
            resamples=resamples,
            seed=seed,
        ),
    )
    return _marked(ws, table)


def scoped_journeys(
    ws: Workspace,
    principal: Principal,
    query: CutQuery,
    *,
    top: int = 15,
    window_days: int = 60,
    peak_end: bool = False,
) -> ResultTable:
    """`belofte journeys` for `principal`: frequent paths, or peak-end."""
    cut = _cut(ws, principal, query)

    def build(engine: Engine) -> ResultTable:
        if peak_end:
            return journey_service.peak_end(engine, cut, window_days=window_days)
        return journey_service.paths(engine, cut, top=top, window_days=window_days)

    return _marked(ws, cached(ws, ("journeys", cut, top, window_days, peak_end), build))
