"""Change between consecutive periods, tested and adjusted across the series.

A trend view shows a score per period; this module says which steps are
real. Each change is `later - earlier`, tested with the two-group method of
the score (NPS z test, two-proportion z test, Welch), and the p-values of all
steps form one family adjusted with Holm (default) or Benjamini-Hochberg.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from belofte.stats.means import compare_means
from belofte.stats.moments import MeanMoments, NpsCounts, ProportionMoments
from belofte.stats.multiplicity import AdjustMethod, adjust_comparisons
from belofte.stats.results import Comparison
from belofte.stats.scores import compare_nps, compare_proportions

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
