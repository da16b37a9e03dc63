"""Journeys: the most frequent paths and who they leave as detractors; peak-end.

Paths come from the engine (`analytics.journeys`); here each path gets its NPS
(with interval), its detractor share (Wilson interval) and a test of that share
against all other answers (pooled two-proportion z test, Holm or BH across the
paths shown). Peak-end compares how well the worst, the mean and the last
judged moment of a journey explain NPS: R² of each single predictor with
percentile bootstrap intervals, and the bootstrap interval of R²(worst) minus
R²(mean).
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np

from belofte.analytics.cuts import Cut
from belofte.analytics.engine import Engine
from belofte.analytics.journeys import path_counts, step_verdicts
from belofte.services.results import ResultTable, estimate_columns
from belofte.services.workspace import Workspace
from belofte.stats import (
    NpsCounts,
    ProportionMoments,
    adjust_comparisons,
    compare_proportions,
    compute_csat,
    compute_nps,
)
from belofte.store.repositories.blueprint import BlueprintRepository

__all__ = ["paths", "peak_end"]


def paths(
    engine: Engine,
    cut: Cut,
    *,
    top: int = 15,
    window_days: int = 60,
    level: float = 0.95,
    adjustment: Literal["holm", "bh"] = "holm",
) -> ResultTable:
    """The `top` most frequent paths with NPS and detractor share."""
    frame = path_counts(engine, cut, window_days)
    keys = list(cut.keys)
    total = frame[["answers", "detractors"]].sum()
    shown = frame.head(top).to_dict("records")
    comparisons = []
    rows: list[dict[str, Any]] = []
    for record in shown:
        counts = NpsCounts(
            int(record["promoters"]), int(record["passives"]), int(record["detractors"])
        )
        path_share = ProportionMoments(counts.n, counts.detractors)
        rest = ProportionMoments(
            int(total["answers"]) - counts.n,
            int(total["detractors"]) - counts.detractors,
        )
        comparisons.append(
            compare_proportions(
                path_share, rest, level=level, labels=(record["path"], "other paths")
            )
        )
        row: dict[str, Any] = {k: record[k] for k in keys}
        row |= {"path": record["path"], "answers": counts.n}
        row |= estimate_columns("nps", compute_nps(counts, level=level))
        row |= estimate_columns(
            "detractor_share", compute_csat(path_share, level=level)
        )
        rows.append(row)
    for row, comparison in zip(
        rows, adjust_comparisons(comparisons, method=adjustment), strict=True
    ):
        row["detractor_share_vs_rest"] = _round(comparison.difference)
        row["detractor_share_vs_rest_p_adjusted"] = _round(
            comparison.adjusted_p_value, 8
        )
        row["detractor_share_vs_rest_significant"] = comparison.is_significant()
    notes = (
        f"a journey: the customer's orders and touchpoints in the {window_days} days "
        "before an answer, in order of first occurrence",
        f"detractor_share_vs_rest: this path's share minus all other answers' share, "
        f"pooled z test, {adjustment} adjustment across the {len(rows)} paths shown",
    )
    summary = {"answers_with_a_journey": int(total["answers"]), "paths": len(frame)}
    return ResultTable("paths", (*keys, "path"), tuple(rows), notes, summary)


def _round(value: float | None, digits: int = 6) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


def _r_squared(
    y: np.ndarray[Any, Any], x: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    """Squared correlation of y with each column of x (single-predictor OLS R²)."""
    yc = y - y.mean()
    xc = x - x.mean(axis=0)
    denominator = np.sqrt((yc * yc).sum() * (xc * xc).sum(axis=0))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (yc @ xc) / denominator
    return np.where(denominator > 0, r * r, np.nan)


def peak_end(
    ws: Workspace,
    engine: Engine,
    cut: Cut,
    *,
    resamples: int = 2000,
    seed: int = 20261129,
    level: float = 0.95,
) -> ResultTable:
    """Peak-end: how well the worst, the mean and the last moment explain NPS."""
    with ws.session(read_only=True) as session:
        order = BlueprintRepository(session).stage_positions()
    frame = step_verdicts(engine, cut, order)
    y = frame["nps"].to_numpy(dtype=np.float64)
    x = frame[["worst", "mean", "end"]].to_numpy(dtype=np.float64)
    n = len(y)
    point = _r_squared(y, x) if n > 2 else np.full(3, np.nan)
    rng = np.random.default_rng(seed)
    draws = np.full((resamples, 3), np.nan)
    if n > 2:
        for b in range(resamples):
            pick = rng.integers(0, n, n)
            draws[b] = _r_squared(y[pick], x[pick])
    alpha = (1 - level) / 2
    rows = []
    for i, name in enumerate(("worst", "mean", "end")):
        low, high = (
            np.nanquantile(draws[:, i], [alpha, 1 - alpha])
            if n > 2
            else (np.nan, np.nan)
        )
        rows.append(
            {
                "moment": name,
                "r_squared": _round(point[i]),
                "r_squared_low": _round(low),
                "r_squared_high": _round(high),
            }
        )
    difference = draws[:, 0] - draws[:, 1]
    low, high = (
        np.nanquantile(difference, [alpha, 1 - alpha]) if n > 2 else (np.nan, np.nan)
    )
    summary = {
        "answers": n,
        "worst_minus_mean": _round(point[0] - point[1]),
        "worst_minus_mean_low": _round(low),
        "worst_minus_mean_high": _round(high),
        "peak_beats_mean": bool(n > 2 and low > 0),
        "resamples": resamples,
        "seed": seed,
        "warnings": "SMALL_SAMPLE" if n < 30 else "",
    }
    notes = (
        "moments: the verdicts (+1 praised, -1 criticised, 0 mixed) on each theme an "
        "answer's comment judges, for answers judging at least two; end = the theme "
        "at the latest journey stage",
        f"intervals: percentile bootstrap of answers, B = {resamples}, seed {seed}",
    )
    return ResultTable("peak_end", ("moment",), tuple(rows), notes, summary)
