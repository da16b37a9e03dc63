"""Mean scores (CES, ratings, text sentiment) with t intervals and Welch tests.

methods.md §1: "CES and mean scores: mean with a t interval (n - 1 df);
compare groups with Welch's t-test (section 3 formulas, absolute
difference)". Input is always `MeanMoments` (n, Σy, Σy²).
"""

from __future__ import annotations

import math

from scipy import stats

from belofte.stats.moments import MeanMoments
from belofte.stats.results import (
    Comparison,
    Estimate,
    Interval,
    WarningCode,
    no_estimate,
    unique_codes,
)

SMALL_SAMPLE_N = 30
SENTIMENT_RANGE = (-1.0, 1.0)


def t_critical(level: float, df: float) -> float:
    """Two-sided Student-t quantile t_{df, 1 - α/2}."""
    return float(stats.t.ppf(0.5 + level / 2, df))


def compute_mean(
    moments: MeanMoments,
    *,
    level: float = 0.95,
    bounds: tuple[float, float] | None = None,
) -> Estimate:
    """Mean with a Student-t interval on n - 1 df.

    `bounds` clips the interval to the scale (e.g. (1, 7) for CES). n = 1 or
    identical answers give variance 0 (gbstats convention), a point interval
    and `ZERO_VARIANCE`.

    Examples
    --------
    >>> r = compute_mean(MeanMoments.from_values([4, 5, 6, 5, 5]))
    >>> r.value, round(r.interval.low, 4), round(r.interval.high, 4)
    (5.0, 4.122, 5.878)

    """
    n = moments.n
    method = "Student t (n - 1 df)"
    if n == 0:
        return no_estimate(0, WarningCode.NO_RESPONSES, method=method)
    codes: list[WarningCode] = []
    if n < SMALL_SAMPLE_N:
        codes.append(WarningCode.SMALL_SAMPLE)
    mean = moments.mean
    se = math.sqrt(moments.variance / n)
    if se == 0.0:
        codes.append(WarningCode.ZERO_VARIANCE)
        interval = Interval(mean, mean, level, method)
    else:
        half = t_critical(level, n - 1) * se
        interval = Interval(mean - half, mean + half, level, method)
    if bounds is not None:
        interval = interval.clipped(*bounds)
    return Estimate(
        value=mean, interval=interval, n=n, warnings=tuple(codes), method=method, se=se
    )


def compute_ces(
    moments: MeanMoments, *, level: float = 0.95, scale: tuple[float, float] = (1, 7)
) -> Estimate:
    """Customer Effort Score: the mean answer with a t interval clipped to the scale."""
    return compute_mean(moments, level=level, bounds=scale)


def compute_sentiment(moments: MeanMoments, *, level: float = 0.95) -> Estimate:
    """Mean text sentiment on [-1, 1] with a t interval clipped to that range."""
    return compute_mean(moments, level=level, bounds=SENTIMENT_RANGE)


def compare_means(
    a: MeanMoments,
    b: MeanMoments,
    *,
    level: float = 0.95,
    labels: tuple[str, str] = ("a", "b"),
) -> Comparison:
    """Welch's t-test of mean_a - mean_b with Welch-Satterthwaite df.

    Matches `scipy.stats.ttest_ind(a, b, equal_var=False)`. A group with
    n <= 1 has variance 0; when both are 0 the test is undefined and p is
    `None` with `ZERO_VARIANCE`.
    """
    method = "Welch t test"
    if a.n == 0 or b.n == 0:
        return Comparison(
            difference=None,
            interval=None,
            p_value=None,
            n_a=a.n,
            n_b=b.n,
            method=method,
            warnings=(WarningCode.NO_RESPONSES,),
            labels=labels,
        )
    codes: list[WarningCode] = []
    if min(a.n, b.n) < SMALL_SAMPLE_N:
        codes.append(WarningCode.SMALL_SAMPLE)
    diff = a.mean - b.mean
    va, vb = a.variance / a.n, b.variance / b.n
    se = math.sqrt(va + vb)
    if se == 0.0:
        codes.append(WarningCode.ZERO_VARIANCE)
        return Comparison(
            difference=diff,
            interval=Interval(diff, diff, level, method),
            p_value=None,
            n_a=a.n,
            n_b=b.n,
            method=method,
            warnings=unique_codes(codes),
            se=0.0,
            labels=labels,
        )
    df = welch_df(va, a.n, vb, b.n)
    t = diff / se
    half = t_critical(level, df) * se
    return Comparison(
        difference=diff,
        interval=Interval(diff - half, diff + half, level, method),
        p_value=float(2 * stats.t.sf(abs(t), df)),
        n_a=a.n,
        n_b=b.n,
        method=method,
        warnings=unique_codes(codes),
        statistic=t,
        df=df,
        se=se,
        labels=labels,
    )


def welch_df(var_mean_a: float, n_a: int, var_mean_b: float, n_b: int) -> float:
    """Welch-Satterthwaite df from the variances of the two means (s²/n)."""
    # A term whose variance is 0 contributes nothing (and n = 1 would divide by 0).
    denom = sum(
        v * v / (n - 1) for v, n in ((var_mean_a, n_a), (var_mean_b, n_b)) if v > 0
    )
    return (var_mean_a + var_mean_b) ** 2 / denom
