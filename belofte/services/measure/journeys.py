"""Journeys: the most frequent paths and who they leave as detractors; peak-end.

Paths come from the engine (`analytics.journeys`); here each path gets its NPS
(with interval), its detractor share (Wilson interval) and a test of that share
against all other answers (pooled two-proportion z test, Holm or BH across the
paths shown). Peak-end compares how well the worst, the mean and the last
rated moment of a journey explain NPS: R² of each single predictor, the R²
the worst (or last) moment adds beyond the mean, and R²(worst) - R²(mean),
all with percentile bootstrap intervals.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from belofte.analytics.cuts import Cut
from belofte.analytics.engine import Engine
from belofte.analytics.journeys import moment_ratings, path_counts
from belofte.services.measure.results import ResultTable, estimate_columns
from belofte.services.measure.results import rounded as _round
from belofte.stats import (
    NpsCounts,
    ProportionMoments,
    adjust_comparisons,
    compare_proportions,
    compute_csat,
    compute_nps,
)

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


def _fits(y: np.ndarray[Any, Any], x: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """R² of worst, mean, end alone; then the slopes of worst and end beyond the mean.

    A slope is NPS points per star in an OLS model that also holds the mean.
    """

    def fit(columns: list[int]) -> tuple[float, np.ndarray[Any, Any]]:
        design = np.column_stack([np.ones(len(y)), x[:, columns]])
        coef, *_ = np.linalg.lstsq(design, y, rcond=None)
        residual = y - design @ coef
        total = float(((y - y.mean()) ** 2).sum())
        r2 = 1.0 - float(residual @ residual) / total if total > 0 else np.nan
        return r2, coef

    alone = [fit([i])[0] for i in range(3)]
    return np.array([*alone, fit([1, 0])[1][2], fit([1, 2])[1][2]])


def peak_end(
    engine: Engine,
    cut: Cut,
    *,
    window_days: int = 60,
    resamples: int = 2000,
    seed: int = 20261129,
    level: float = 0.95,
) -> ResultTable:
    """Peak-end: how well the worst, the mean and the last moment explain NPS."""
    frame = moment_ratings(engine, cut, window_days)
    y = frame["nps"].to_numpy(dtype=np.float64)
    x = frame[["worst", "mean", "end"]].to_numpy(dtype=np.float64)
    n = len(y)
    point = _fits(y, x) if n > 3 else np.full(5, np.nan)
    rng = np.random.default_rng(seed)
    draws = np.full((resamples, 5), np.nan)
    if n > 3:
        for b in range(resamples):
            pick = rng.integers(0, n, n)
            draws[b] = _fits(y[pick], x[pick])
    alpha = (1 - level) / 2
    rows = []
    names = ("worst", "mean", "end", "worst beyond mean", "end beyond mean")
    for i, name in enumerate(names):
        low, high = (
            np.nanquantile(draws[:, i], [alpha, 1 - alpha])
            if n > 3
            else (np.nan, np.nan)
        )
        row: dict[str, Any] = {"moment": name}
        if i < 3:
            row |= {"r_squared": point[i], "r_squared_low": low, "r_squared_high": high}
        else:
            row |= {"slope": point[i], "slope_low": low, "slope_high": high}
            row["adds"] = bool(n > 3 and (low > 0 or high < 0))
        rows.append(
            {k: _round(v) if isinstance(v, float) else v for k, v in row.items()}
        )
    difference = draws[:, 0] - draws[:, 1]
    low, high = (
        np.nanquantile(difference, [alpha, 1 - alpha]) if n > 3 else (np.nan, np.nan)
    )
    summary = {
        "answers": n,
        "worst_minus_mean": _round(point[0] - point[1]),
        "worst_minus_mean_low": _round(low),
        "worst_minus_mean_high": _round(high),
        "peak_beats_mean": bool(n > 3 and low > 0),
        "resamples": resamples,
        "seed": seed,
        "warnings": "SMALL_SAMPLE" if n < 30 else "",
    }
    notes = (
        f"moments: the customer's 1-5 ratings of the touchpoints in the {window_days} "
        "days before an answer, for answers with at least two; end = the last one",
        "'worst beyond mean': the OLS slope of NPS on the worst rating in a model "
        "that also holds the mean rating; 'adds' when its interval excludes 0",
        f"intervals: percentile bootstrap of answers, B = {resamples}, seed {seed}",
    )
    return ResultTable("peak_end", ("moment",), tuple(rows), notes, summary)
