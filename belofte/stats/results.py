"""Frozen result objects shared by every statistic, and the warning codes.

Every result carries its estimate, an interval that names its level and
method, a p-value where the method has one, n, and machine-readable warnings
(methods.md, preamble). Degenerate data never raises: the estimate is `None`
and a warning code says why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum


class WarningCode(StrEnum):
    """Machine-readable data conditions attached to results (never exceptions)."""

    NO_RESPONSES = "NO_RESPONSES"
    """n = 0: there is nothing to estimate."""
    ZERO_VARIANCE = "ZERO_VARIANCE"
    """All answers are equal, so the plain interval collapses to a point."""
    SMALL_SAMPLE = "SMALL_SAMPLE"
    """n < 30: intervals are wide; prefer adjusted Wald for NPS."""
    OUT_OF_SCALE = "OUT_OF_SCALE"
    """Some answers were outside the scale and were dropped (counted)."""
    CONSTANT_DRIVER = "CONSTANT_DRIVER"
    """A driver has zero variance and was dropped."""
    COLLINEAR_DRIVERS = "COLLINEAR_DRIVERS"
    """A driver was a linear combination of others and was dropped."""
    CONSTANT_OUTCOME = "CONSTANT_OUTCOME"
    """The outcome has zero variance: no driver analysis."""
    TOO_FEW_RESPONDENTS = "TOO_FEW_RESPONDENTS"
    """n <= k + 1: the regression cannot be estimated."""
    FEW_RESPONDENTS_PER_DRIVER = "FEW_RESPONDENTS_PER_DRIVER"
    """n < 10 k: weights are estimated but unstable."""
    NO_DRIVERS = "NO_DRIVERS"
    """No usable driver is left after dropping constant/collinear ones."""
    TOO_MANY_DRIVERS_FOR_LMG = "TOO_MANY_DRIVERS_FOR_LMG"
    """k > 15: all-subsets LMG refused; use Johnson's relative weights."""
    DEGENERATE_RESAMPLES = "DEGENERATE_RESAMPLES"
    """Some bootstrap resamples were degenerate and were redrawn."""
    BOOTSTRAP_INCOMPLETE = "BOOTSTRAP_INCOMPLETE"
    """Too many degenerate resamples: no bootstrap intervals are given."""
    FEW_UNITS = "FEW_UNITS"
    """Fewer than 3 units: between-unit spread is barely identified."""
    NO_BETWEEN_UNIT_SPREAD = "NO_BETWEEN_UNIT_SPREAD"
    """Estimated between-unit variance is 0: all units shrink to the mean."""
    FEW_PERIODS = "FEW_PERIODS"
    """Fewer than 2 periods with responses: no trend can be estimated."""
    UNIT_EXCLUDED = "UNIT_EXCLUDED"
    """A unit without responses or a usable variance was left out."""


@dataclass(frozen=True, slots=True)
class Interval:
    """A confidence (or credible/percentile) interval that names its method."""

    low: float
    high: float
    level: float = 0.95
    method: str = ""

    @property
    def width(self) -> float:
        """Width high - low."""
        return self.high - self.low

    def contains(self, value: float) -> bool:
        """Whether low <= value <= high."""
        return self.low <= value <= self.high

    def clipped(self, low: float, high: float) -> Interval:
        """The interval clipped to [low, high] (e.g. NPS to [-1, 1])."""
        return replace(self, low=max(self.low, low), high=min(self.high, high))


@dataclass(frozen=True, slots=True)
class Estimate:
    """A point estimate with its interval, n and warnings.

    `value` is `None` when there is nothing to estimate (see `warnings`).
    `fallback_interval` holds a second interval where methods.md asks for one
    (NPS with zero variance: the adjusted-Wald interval next to the collapsed
    Wald point). `dropped` counts answers or rows left out (out of scale,
    missing).
    """

    value: float | None
    interval: Interval | None
    n: int
    warnings: tuple[WarningCode, ...] = ()
    p_value: float | None = None
    method: str = ""
    se: float | None = None
    fallback_interval: Interval | None = None
    dropped: int = 0

    @property
    def has_estimate(self) -> bool:
        """Whether a (finite) estimate exists."""
        return self.value is not None and math.isfinite(self.value)


@dataclass(frozen=True, slots=True)
class Comparison:
    """A difference between two groups (a - b) with its test.

    `adjusted_p_value` is filled by `multiplicity.adjust_comparisons` and
    `adjustment` names the procedure ("holm", "bh").
    """

    difference: float | None
    interval: Interval | None
    p_value: float | None
    n_a: int
    n_b: int
    method: str
    warnings: tuple[WarningCode, ...] = ()
    statistic: float | None = None
    df: float | None = None
    se: float | None = None
    labels: tuple[str, str] = ("a", "b")
    adjusted_p_value: float | None = None
    adjustment: str | None = None

    def with_adjusted_p(self, adjusted: float | None, adjustment: str) -> Comparison:
        """A copy carrying a multiplicity-adjusted p-value."""
        return replace(self, adjusted_p_value=adjusted, adjustment=adjustment)

    def is_significant(self, alpha: float = 0.05) -> bool:
        """Adjusted p (else raw p) below alpha; False without a p-value."""
        p = self.adjusted_p_value if self.adjusted_p_value is not None else self.p_value
        return p is not None and p < alpha


def no_estimate(
    n: int, *codes: WarningCode, method: str = "", dropped: int = 0
) -> Estimate:
    """An `Estimate` without value or interval, carrying the reasons."""
    return Estimate(
        value=None,
        interval=None,
        n=n,
        warnings=tuple(codes),
        method=method,
        dropped=dropped,
    )


def unique_codes(
    codes: list[WarningCode] | tuple[WarningCode, ...],
) -> tuple[WarningCode, ...]:
    """Codes without repeats, in first-seen order."""
    return tuple(dict.fromkeys(codes))
