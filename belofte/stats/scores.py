"""NPS and CSAT with intervals and two-group comparisons (methods.md §1).

NPS is kept as a proportion difference on [-1, 1] (show x100 in the UI).
Comparisons report the signed difference a - b.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from itertools import combinations
from typing import Literal

from scipy import stats

from belofte.stats.moments import NpsCounts, ProportionMoments
from belofte.stats.multiplicity import AdjustMethod, adjust_comparisons
from belofte.stats.results import (
    Comparison,
    Estimate,
    Interval,
    WarningCode,
    no_estimate,
    unique_codes,
)

NpsMethod = Literal["auto", "wald", "adjusted_wald"]
DiffInterval = Literal["newcombe", "wald"]

SMALL_SAMPLE_N = 30
# Rocks (2016): adjusted Wald is the safer default below ~100 answers or when
# promoters/detractors are (nearly) absent or universal.
ADJUST_BELOW_N = 100
ADJUST_BELOW_COUNT = 5
WALD = "Wald"
ADJUSTED_WALD = "adjusted Wald (Rocks 2016: +3/4 promoters, +3/4 detractors, +3 n)"


@functools.lru_cache(maxsize=64)
def z_critical(level: float) -> float:
    """Two-sided standard-normal quantile Φ⁻¹(1 - α/2).

    Cached: scipy's ppf costs ~0.2 ms a call, and a trend table asks for the
    same level once per group and period.
    """
    return float(stats.norm.ppf(0.5 + level / 2))


def _nps_parts(promoters: float, detractors: float, n: float) -> tuple[float, float]:
    """NPS and the per-respondent trinomial variance v = p + d - (p - d)²."""
    p, d = promoters / n, detractors / n
    nps = p - d
    # max(): p + d - (p - d)^2 >= 0 exactly, but rounding can dip below.
    return nps, max(p + d - nps * nps, 0.0)


def _wald_interval(counts: NpsCounts, z: float, level: float) -> tuple[Interval, float]:
    nps, v = _nps_parts(counts.promoters, counts.detractors, counts.n)
    se = math.sqrt(v / counts.n)
    ci = Interval(nps - z * se, nps + z * se, level, WALD)
    return ci.clipped(-1.0, 1.0), se


def _adjusted_wald_interval(
    counts: NpsCounts, z: float, level: float
) -> tuple[Interval, float]:
    n_adj = counts.n + 3.0
    nps_adj, v_adj = _nps_parts(
        counts.promoters + 0.75, counts.detractors + 0.75, n_adj
    )
    se = math.sqrt(v_adj / n_adj)
    # Centred on the adjusted NPS, clipped to the NPS range (methods.md §1).
    ci = Interval(nps_adj - z * se, nps_adj + z * se, level, ADJUSTED_WALD)
    return ci.clipped(-1.0, 1.0), se


def _prefers_adjusted(counts: NpsCounts) -> bool:
    n, p, d = counts.n, counts.promoters, counts.detractors
    return n < ADJUST_BELOW_N or min(p, d, n - p, n - d) < ADJUST_BELOW_COUNT


def compute_nps(
    counts: NpsCounts, *, method: NpsMethod = "auto", level: float = 0.95
) -> Estimate:
    """NPS (share promoters - share detractors) with a Wald or adjusted-Wald CI.

    `method="auto"` uses adjusted Wald when n < 100 or fewer than 5 answers
    are (or are not) promoters or detractors, else Wald. The point estimate is
    always the unadjusted NPS; `Estimate.method` names the interval. With all
    answers in one category (v = 0) the Wald interval collapses to a point:
    the result carries `ZERO_VARIANCE` and the other interval in
    `fallback_interval` (the adjusted-Wald one when Wald was asked for).

    Examples
    --------
    >>> r = compute_nps(NpsCounts(promoters=50, passives=30, detractors=20),
    ...                 method="wald")
    >>> round(r.value, 2), round(r.interval.low, 4), round(r.interval.high, 4)
    (0.3, 0.1469, 0.4531)

    """
    n = counts.n
    dropped = counts.out_of_scale
    codes: list[WarningCode] = []
    if dropped:
        codes.append(WarningCode.OUT_OF_SCALE)
    if n == 0:
        return no_estimate(0, WarningCode.NO_RESPONSES, *codes, dropped=dropped)
    if method == "auto":
        method = "adjusted_wald" if _prefers_adjusted(counts) else "wald"
    if n < SMALL_SAMPLE_N:
        codes.append(WarningCode.SMALL_SAMPLE)
    z = z_critical(level)
    nps, v = _nps_parts(counts.promoters, counts.detractors, n)
    wald, wald_se = _wald_interval(counts, z, level)
    adjusted, adjusted_se = _adjusted_wald_interval(counts, z, level)
    fallback = None
    if v == 0.0:
        codes.append(WarningCode.ZERO_VARIANCE)
        fallback = adjusted if method == "wald" else wald
    interval, se = (wald, wald_se) if method == "wald" else (adjusted, adjusted_se)
    return Estimate(
        value=nps,
        interval=interval,
        n=n,
        warnings=unique_codes(codes),
        method=interval.method,
        se=se,
        fallback_interval=fallback,
        dropped=dropped,
    )


def compare_nps(
    a: NpsCounts,
    b: NpsCounts,
    *,
    level: float = 0.95,
    labels: tuple[str, str] = ("a", "b"),
) -> Comparison:
    """Difference NPS_a - NPS_b with a two-sided z test and Wald interval.

    se = sqrt(v_a/n_a + v_b/n_b), p = 2(1 - Φ(|z|)) (methods.md §1). When both
    groups have zero variance the test is undefined: p is `None` and the
    interval a point, with `ZERO_VARIANCE`.
    """
    method = "two-sample z test on NPS (trinomial variance)"
    if a.n == 0 or b.n == 0:
        return _empty_comparison(a.n, b.n, method, labels)
    codes = _size_codes(a.n, b.n)
    nps_a, v_a = _nps_parts(a.promoters, a.detractors, a.n)
    nps_b, v_b = _nps_parts(b.promoters, b.detractors, b.n)
    diff = nps_a - nps_b
    se = math.sqrt(v_a / a.n + v_b / b.n)
    z = z_critical(level)
    interval = Interval(diff - z * se, diff + z * se, level, WALD).clipped(-2.0, 2.0)
    return _finish_z(diff, se, interval, a.n, b.n, method, codes, labels)


def compare_nps_groups(
    groups: Mapping[str, NpsCounts],
    *,
    level: float = 0.95,
    adjustment: AdjustMethod = "holm",
) -> tuple[Comparison, ...]:
    """All pairwise NPS differences with Holm (or BH) adjusted p-values.

    This is the "more than two groups" rule of methods.md §1 (pairwise
    comparisons with Holm correction, not the 3 x k chi-square test).
    """
    pairs = [
        compare_nps(groups[x], groups[y], level=level, labels=(x, y))
        for x, y in combinations(groups, 2)
    ]
    return adjust_comparisons(pairs, method=adjustment)


def wilson_interval(successes: float, n: float, level: float = 0.95) -> Interval:
    """Wilson score interval for a proportion (n > 0)."""
    z = z_critical(level)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return Interval(
        max(centre - half, 0.0), min(centre + half, 1.0), level, "Wilson score"
    )


def compute_csat(moments: ProportionMoments, *, level: float = 0.95) -> Estimate:
    """CSAT as the top-box share with a Wilson score interval.

    Examples
    --------
    >>> r = compute_csat(ProportionMoments(n=40, successes=30))
    >>> round(r.value, 2), round(r.interval.low, 4), round(r.interval.high, 4)
    (0.75, 0.5981, 0.8581)

    """
    n, dropped = moments.n, moments.out_of_scale
    codes: list[WarningCode] = [WarningCode.OUT_OF_SCALE] if dropped else []
    if n == 0:
        return no_estimate(0, WarningCode.NO_RESPONSES, *codes, dropped=dropped)
    if n < SMALL_SAMPLE_N:
        codes.append(WarningCode.SMALL_SAMPLE)
    p = moments.proportion
    if moments.successes in (0, n):
        # Wilson stays informative here; the code says the answers are all alike.
        codes.append(WarningCode.ZERO_VARIANCE)
    interval = wilson_interval(moments.successes, n, level)
    return Estimate(
        value=p,
        interval=interval,
        n=n,
        warnings=tuple(codes),
        method=interval.method,
        se=math.sqrt(p * (1 - p) / n),
        dropped=dropped,
    )


def compare_proportions(
    a: ProportionMoments,
    b: ProportionMoments,
    *,
    level: float = 0.95,
    interval: DiffInterval = "newcombe",
    labels: tuple[str, str] = ("a", "b"),
) -> Comparison:
    """Difference p_a - p_b: Newcombe (or Wald) interval, pooled two-proportion z test.

    The interval is Newcombe's hybrid score interval (his method 10, from the
    two Wilson intervals) or the unpooled Wald one; the p-value is always the
    pooled z test (statsmodels `proportions_ztest`). `se` is the unpooled one.
    """
    method = "two-proportion z test (pooled)"
    if a.n == 0 or b.n == 0:
        return _empty_comparison(a.n, b.n, method, labels)
    codes = _size_codes(a.n, b.n)
    p1, p2 = a.proportion, b.proportion
    diff = p1 - p2
    se = math.sqrt(p1 * (1 - p1) / a.n + p2 * (1 - p2) / b.n)
    if interval == "newcombe":
        w1 = wilson_interval(a.successes, a.n, level)
        w2 = wilson_interval(b.successes, b.n, level)
        low = diff - math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2)
        high = diff + math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2)
        ci = Interval(low, high, level, "Newcombe hybrid score")
    else:
        z = z_critical(level)
        ci = Interval(diff - z * se, diff + z * se, level, WALD).clipped(-1.0, 1.0)
    pooled = (a.successes + b.successes) / (a.n + b.n)
    se0 = math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n))
    result = _finish_z(diff, se0, ci, a.n, b.n, method, codes, labels)
    return Comparison(
        difference=result.difference,
        interval=ci,
        p_value=result.p_value,
        n_a=a.n,
        n_b=b.n,
        method=method,
        warnings=result.warnings,
        statistic=result.statistic,
        se=se,
        labels=labels,
    )


def _size_codes(n_a: int, n_b: int) -> list[WarningCode]:
    return [WarningCode.SMALL_SAMPLE] if min(n_a, n_b) < SMALL_SAMPLE_N else []


def _empty_comparison(
    n_a: int, n_b: int, method: str, labels: tuple[str, str]
) -> Comparison:
    return Comparison(
        difference=None,
        interval=None,
        p_value=None,
        n_a=n_a,
        n_b=n_b,
        method=method,
        warnings=(WarningCode.NO_RESPONSES,),
        labels=labels,
    )


def _finish_z(
    diff: float,
    se: float,
    interval: Interval,
    n_a: int,
    n_b: int,
    method: str,
    codes: list[WarningCode],
    labels: tuple[str, str],
) -> Comparison:
    """Two-sided z test of diff / se; p is None (ZERO_VARIANCE) when se = 0."""
    if se > 0:
        statistic: float | None = diff / se
        # 2(1 - Φ(|z|)) = erfc(|z|/√2): exact, and 100x cheaper than scipy's sf.
        p: float | None = math.erfc(abs(diff / se) / math.sqrt(2))
    else:
        statistic = p = None
        codes = [*codes, WarningCode.ZERO_VARIANCE]
    return Comparison(
        difference=diff,
        interval=interval,
        p_value=p,
        n_a=n_a,
        n_b=n_b,
        method=method,
        warnings=unique_codes(codes),
        statistic=statistic,
        se=se,
        labels=labels,
    )
