"""Change between consecutive periods, tested and adjusted across the series.

A trend view shows a score per period; this module says which steps are
real. Each change is `later - earlier`, tested with the two-group method of
the score (NPS z test, two-proportion z test, Welch), and the p-values of all
steps form one family adjusted with Holm (default) or Benjamini-Hochberg.
`linear_trend` answers the other question: is the score drifting over the
whole series (a weighted least-squares slope per period)?
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from scipy import stats

from belofte.stats.means import compare_means
from belofte.stats.moments import MeanMoments, NpsCounts, ProportionMoments
from belofte.stats.multiplicity import AdjustMethod, adjust_comparisons
from belofte.stats.results import (
    Comparison,
    Estimate,
    Interval,
    WarningCode,
    no_estimate,
)
from belofte.stats.scores import compare_nps, compare_proportions, z_critical
from belofte.stats.shrinkage import point_and_variance, pooled_within_variance

TREND_METHOD = "weighted least-squares slope per period (weights 1/se²), z test"

M = TypeVar("M", NpsCounts, ProportionMoments, MeanMoments)


@dataclass(frozen=True, slots=True)
class PeriodChange:
    """The change from `previous` to `period`; labels are (period, previous)."""

    period: str
    previous: str
    comparison: Comparison

    @property
    def change(self) -> float | None:
        """Score in `period` minus score in `previous`."""
        return self.comparison.difference


def period_changes(
    series: Sequence[tuple[str, M]],
    *,
    level: float = 0.95,
    adjustment: AdjustMethod = "holm",
) -> tuple[PeriodChange, ...]:
    """Consecutive changes of an ordered series of (period label, moments).

    All elements must be of one kind: `NpsCounts` (NPS z test),
    `ProportionMoments` (pooled two-proportion z test, Newcombe interval) or
    `MeanMoments` (Welch). A period without responses gives a change of
    `None` with `NO_RESPONSES` and drops out of the adjustment family.

    Examples
    --------
    >>> steps = period_changes([
    ...     ("2026-01", NpsCounts(50, 30, 20)),
    ...     ("2026-02", NpsCounts(70, 20, 10)),
    ... ])
    >>> round(steps[0].change, 2), steps[0].comparison.adjustment
    (0.3, 'holm')

    """
    if not series:
        return ()
    compare = _comparer(series[0][1])
    raw = [
        compare(current, before, level, (label, previous))
        for (previous, before), (label, current) in zip(
            series, series[1:], strict=False
        )
    ]
    adjusted = adjust_comparisons(raw, method=adjustment)
    return tuple(
        PeriodChange(period=c.labels[0], previous=c.labels[1], comparison=c)
        for c in adjusted
    )


Comparer = Callable[[M, M, float, tuple[str, str]], Comparison]


def _comparer(sample: M) -> Comparer[M]:
    if isinstance(sample, NpsCounts):
        return lambda a, b, level, labels: compare_nps(a, b, level=level, labels=labels)
    if isinstance(sample, ProportionMoments):
        return lambda a, b, level, labels: compare_proportions(
            a, b, level=level, labels=labels
        )
    return lambda a, b, level, labels: compare_means(a, b, level=level, labels=labels)


def linear_trend(series: Sequence[tuple[str, M]], *, level: float = 0.95) -> Estimate:
    """Slope of the score per period, weighted by precision, with a z test.

    Period i (its position in `series`, so gaps between periods with data
    count) has score y_i with sampling variance v_i from
    `shrinkage.point_and_variance`; the slope is the weighted least-squares
    fit of y on i with weights 1/v_i and known variances, so
    Var(slope) = 1/Σ w_i (i - ī_w)². This treats the periods as independent
    samples and ignores true period-to-period noise beyond sampling error.

    Examples
    --------
    >>> r = linear_trend([("jan", NpsCounts(40, 30, 30)),
    ...                   ("feb", NpsCounts(50, 30, 20)),
    ...                   ("mar", NpsCounts(60, 30, 10))])
    >>> round(r.value, 3), r.p_value < 0.001
    (0.2, True)

    """
    moments: list[NpsCounts | ProportionMoments | MeanMoments] = [m for _, m in series]
    means = [m for m in moments if isinstance(m, MeanMoments)]
    pooled = pooled_within_variance(means) if means else None
    points: list[tuple[int, float, float]] = []
    for i, m in enumerate(moments):
        y, v = point_and_variance(m, pooled_variance=pooled)
        points.append((i, y, v))
    usable = [(x, y, v) for x, y, v in points if math.isfinite(v) and v > 0]
    n = sum(m.n for m in moments)
    if len(usable) < 2:
        return no_estimate(n, WarningCode.FEW_PERIODS, method=TREND_METHOD)
    w = [1 / v for _, _, v in usable]
    sw = sum(w)
    x_bar = sum(wi * x for wi, (x, _, _) in zip(w, usable, strict=True)) / sw
    y_bar = sum(wi * y for wi, (_, y, _) in zip(w, usable, strict=True)) / sw
    sxx = sum(wi * (x - x_bar) ** 2 for wi, (x, _, _) in zip(w, usable, strict=True))
    sxy = sum(
        wi * (x - x_bar) * (y - y_bar) for wi, (x, y, _) in zip(w, usable, strict=True)
    )
    slope = sxy / sxx
    se = math.sqrt(1 / sxx)
    z = z_critical(level)
    return Estimate(
        value=slope,
        interval=Interval(slope - z * se, slope + z * se, level, TREND_METHOD),
        n=n,
        p_value=float(2 * stats.norm.sf(abs(slope / se))),
        method=TREND_METHOD,
        se=se,
    )
