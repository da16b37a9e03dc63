"""Key drivers: which ratings or themes move NPS, CSAT or CES, and what to fix first.

Relative weights (LMG/Shapley by default, Johnson's on request) with percentile
bootstrap intervals from resampling respondents, the sign of each driver's
regression coefficient, its correlation with the outcome, its performance, and
the importance-vs-performance quadrant (methods.md §2).
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
from threadpoolctl import threadpool_limits

from belofte.analytics.cuts import Cut
from belofte.analytics.drivers import (
    check_outcome,
    driver_rows,
    rated_questions,
    themes_in,
)
from belofte.analytics.engine import Engine
from belofte.errors import InvalidInput
from belofte.services.measure.results import ResultTable
from belofte.services.measure.results import rounded as _round
from belofte.stats import key_drivers

__all__ = ["DriverSource", "drivers"]

DriverSource = Literal["ratings", "themes"]

QUADRANTS = {
    (True, False): "fix first",
    (True, True): "keep it up",
    (False, False): "low priority",
    (False, True): "maybe over-delivered",
}


def drivers(
    engine: Engine,
    cut: Cut,
    *,
    outcome: str = "nps",
    source: DriverSource = "ratings",
    names: tuple[str, ...] = (),
    method: Literal["lmg", "johnson"] = "lmg",
    resamples: int = 2000,
    seed: int = 20261129,
    level: float = 0.95,
) -> ResultTable:
    """Key drivers of `outcome` among the respondents of `cut`."""
    if cut.by or cut.period:
        raise InvalidInput(
            "by: key drivers are computed for one group; narrow it with --where"
        )
    check_outcome(outcome)
    available = (
        rated_questions(engine) if source == "ratings" else themes_in(engine, cut)
    )
    chosen = names or tuple(available)
    unknown = [n for n in chosen if n not in available]
    if unknown:
        raise InvalidInput(
            f"driver: {unknown[0]!r} has no {_evidence(source)} "
            f"(known: {', '.join(available) or 'none'})"
        )
    if not chosen:
        raise InvalidInput(f"driver: this workspace has no {source} to analyse")
    data = driver_rows(engine, cut, outcome, chosen, source)
    # One BLAS thread: the bootstrap is one big matrix product, and threaded
    # OpenBLAS on a busy host ran it 10-50x slower (benchmarks/drivers_speed.py).
    with threadpool_limits(limits=1, user_api="blas"):
        result = key_drivers(
            data.values,
            names=list(chosen),
            method=method,
            level=level,
            resamples=resamples,
            seed=seed,
        )
    performance = _performance(data.values[:, 1:], source)
    usable = [d for d in result.drivers if d.percent is not None]
    mean_importance = (
        float(np.mean([d.percent for d in usable])) if usable else math.nan
    )
    # No driver with a performance (e.g. themes without decided mentions): NaN,
    # without numpy's "mean of empty slice" warning.
    known = performance[np.isfinite(performance)] if len(performance) else performance
    mean_performance = float(np.mean(known)) if len(known) else math.nan
    rows: list[dict[str, Any]] = []
    for index, driver in enumerate(result.drivers):
        perf = float(performance[index]) if len(performance) else math.nan
        row: dict[str, Any] = {
            "driver": driver.name,
            "weight": _round(driver.weight),
            "weight_low": _round(driver.interval.low) if driver.interval else None,
            "weight_high": _round(driver.interval.high) if driver.interval else None,
            "percent": _round(driver.percent, 3),
            "percent_low": _round(driver.percent_interval.low, 3)
            if driver.percent_interval
            else None,
            "percent_high": _round(driver.percent_interval.high, 3)
            if driver.percent_interval
            else None,
            "sign": driver.coefficient_sign,
            "correlation": _round(driver.correlation),
            "performance": _round(perf),
            "significant": bool(driver.interval and driver.interval.low > 0),
            "dropped": driver.dropped.value if driver.dropped else None,
        }
        if driver.percent is not None and math.isfinite(perf):
            row["quadrant"] = QUADRANTS[
                (driver.percent >= mean_importance, perf >= mean_performance)
            ]
        rows.append(row)
    rows.sort(key=lambda r: -(r["percent"] if r["percent"] is not None else -1.0))
    summary: dict[str, Any] = {
        "outcome": outcome,
        "source": source,
        "method": result.method_label,
        "r_squared": _round(result.r_squared),
        "r_squared_low": _round(result.r_squared_interval.low)
        if result.r_squared_interval
        else None,
        "r_squared_high": _round(result.r_squared_interval.high)
        if result.r_squared_interval
        else None,
        "n": result.n,
        "dropped_rows": result.dropped_rows + data.dropped,
        "warnings": ",".join(result.warnings),
    }
    notes = [
        f"{result.method_label}; weight = share of R², percent = share of R² in %",
        "performance: mean rating"
        if source == "ratings"
        else "performance: share of mentions that praise (+1) rather than criticise",
        "quadrant: importance and performance against their means over the drivers",
    ]
    if result.bootstrap is not None:
        boot = result.bootstrap
        summary |= {
            "resamples": boot.resamples,
            "seed": boot.seed,
            "redrawn": boot.redrawn,
        }
        notes.append(
            f"intervals: {boot.method}, B = {boot.resamples}, seed {boot.seed} "
            f"({boot.redrawn} degenerate resamples redrawn)"
        )
    return ResultTable("drivers", ("driver",), tuple(rows), tuple(notes), summary)


def _evidence(source: str) -> str:
    return "answers" if source == "ratings" else "mentions"


def _performance(
    values: np.ndarray[Any, np.dtype[np.float64]], source: str
) -> np.ndarray[Any, np.dtype[np.float64]]:
    if values.shape[0] == 0:
        return np.full(values.shape[1], np.nan)
    if source == "ratings":
        means: np.ndarray[Any, np.dtype[np.float64]] = values.mean(axis=0)
        return means
    praised = (values > 0).sum(axis=0)
    mentioned = (values != 0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(mentioned > 0, praised / np.maximum(mentioned, 1), np.nan)
