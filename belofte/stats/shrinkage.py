"""Empirical-Bayes league tables and between-unit consistency.

Model (normal-normal, random effects): unit i's observed score y_i ~
N(θ_i, v_i) with known sampling variance v_i, and θ_i ~ N(μ, τ²).

* τ² by Paule-Mandel: the τ² where the generalised statistic
  Σ (y_i - μ̂(τ²))²/(v_i + τ²) equals its expectation k - 1 (0 when it is
  below k - 1 already). Why not DerSimonian-Laird: with stores of very
  different sizes DL's fixed weights underestimate τ² so badly that the
  estimate can fall outside its own Q-profile interval (seen on the demo);
  PM solves the same equation as that interval, so it always lies inside it
  (Veroniki et al. 2016 recommend PM or REML). Cochran's Q with the fixed
  weights w_i = 1/v_i still gives the heterogeneity test.
* μ̂ = Σ w*_i y_i / Σ w*_i with w*_i = 1/(v_i + τ²), Var(μ̂) = 1/Σ w*.
* Shrunken θ̂_i = μ̂ + (1 - B_i)(y_i - μ̂), B_i = v_i/(v_i + τ²): small
  stores (large v_i) move most towards the chain mean.
* Posterior variance (1 - B_i) v_i + B_i² Var(μ̂): the normal posterior
  variance plus the uncertainty of μ̂ (Morris 1983, first-order); the
  uncertainty of τ² itself is not propagated, so intervals are slightly
  narrow when k is small (flagged with FEW_UNITS below 3 units).
* Consistency = τ, the SD of the true unit scores, with a Q-profile
  interval (Viechtbauer 2007): the τ² where the generalised statistic
  Σ (y_i - μ̂(τ²))²/(v_i + τ²) equals the χ²_{k-1} quantiles, truncated at 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

from belofte.stats.importance import FloatArray
from belofte.stats.moments import MeanMoments, NpsCounts, ProportionMoments
from belofte.stats.results import Estimate, Interval, WarningCode, unique_codes

METHOD = "empirical Bayes, normal-normal, Paule-Mandel tau^2"
TAU_METHOD = "Q-profile (Viechtbauer 2007)"
MIN_UNITS = 3


@dataclass(frozen=True, slots=True)
class UnitEstimate:
    """One unit's raw and shrunken score; `shrinkage` is B_i (0 = none, 1 = all)."""

    name: str
    raw: float
    raw_se: float
    shrunken: Estimate
    shrinkage: float


@dataclass(frozen=True, slots=True)
class Consistency:
    """How unevenly units deliver: τ (SD of true unit scores) with its CI."""

    tau: Estimate
    tau_squared: float
    q: float
    df: int
    heterogeneity_p: float | None
    i_squared: float | None
    weakest: str | None
    weakest_estimate: Estimate | None


@dataclass(frozen=True, slots=True)
class LeagueTable:
    """Units ranked by shrunken score (best first), with the chain mean."""

    units: tuple[UnitEstimate, ...]
    grand_mean: Estimate
    consistency: Consistency
    warnings: tuple[WarningCode, ...]
    excluded: tuple[str, ...] = ()
    method: str = METHOD


def shrink_units(
    names: Sequence[str],
    estimates: Sequence[float],
    variances: Sequence[float],
    *,
    counts: Sequence[int] | None = None,
    level: float = 0.95,
    higher_is_better: bool = True,
    bounds: tuple[float, float] = (-math.inf, math.inf),
) -> LeagueTable:
    """Shrink per-unit estimates towards the grand mean and measure spread.

    `variances` are sampling variances of the estimates (se²). Units with a
    non-finite estimate or a variance <= 0 are excluded (UNIT_EXCLUDED). The
    weakest unit is the one with the lowest shrunken score (highest when
    `higher_is_better` is False).
    """
    ns = list(counts) if counts is not None else [0] * len(names)
    usable = [
        i
        for i, (y, v) in enumerate(zip(estimates, variances, strict=True))
        if math.isfinite(y) and math.isfinite(v) and v > 0
    ]
    codes: list[WarningCode] = []
    excluded = tuple(names[i] for i in range(len(names)) if i not in set(usable))
    if excluded:
        codes.append(WarningCode.UNIT_EXCLUDED)
    y = np.array([estimates[i] for i in usable], dtype=np.float64)
    v = np.array([variances[i] for i in usable], dtype=np.float64)
    k = y.size
    z = float(stats.norm.ppf(0.5 + level / 2))
    if k < MIN_UNITS:
        codes.append(WarningCode.FEW_UNITS)
    if k == 0:
        nothing = Estimate(None, None, 0, (WarningCode.NO_RESPONSES,))
        spread = Consistency(nothing, math.nan, math.nan, 0, None, None, None, None)
        return LeagueTable(
            (),
            nothing,
            spread,
            unique_codes([*codes, WarningCode.NO_RESPONSES]),
            excluded,
        )
    q = _cochran_q(y, v)
    tau2 = _q_profile_root(float(k - 1), y, v) if k > 1 else 0.0
    if tau2 == 0.0 and k > 1:
        codes.append(WarningCode.NO_BETWEEN_UNIT_SPREAD)
    w = 1.0 / (v + tau2)
    mu = float(w @ y / w.sum())
    var_mu = 1.0 / float(w.sum())
    b = v / (v + tau2) if k > 1 else np.zeros(1)
    theta = mu + (1 - b) * (y - mu)
    post_se = np.sqrt((1 - b) * v + b * b * var_mu) if k > 1 else np.sqrt(v)
    units = []
    for i, idx in enumerate(usable):
        ci = Interval(
            theta[i] - z * post_se[i], theta[i] + z * post_se[i], level, "EB posterior"
        ).clipped(*bounds)  # a normal interval may cross the scale's ends
        est = Estimate(
            float(theta[i]), ci, ns[idx], method=METHOD, se=float(post_se[i])
        )
        units.append(
            UnitEstimate(names[idx], float(y[i]), math.sqrt(v[i]), est, float(b[i]))
        )
    units.sort(key=lambda u: u.shrunken.value or 0.0, reverse=higher_is_better)
    total_n = sum(ns[i] for i in usable)
    mean_ci = Interval(
        mu - z * math.sqrt(var_mu), mu + z * math.sqrt(var_mu), level, "random effects"
    ).clipped(*bounds)
    grand = Estimate(mu, mean_ci, total_n, method=METHOD, se=math.sqrt(var_mu))
    spread = _consistency(y, v, q, tau2, level, units[-1] if k > 1 else None)
    return LeagueTable(tuple(units), grand, spread, unique_codes(codes), excluded)


Moments = NpsCounts | ProportionMoments | MeanMoments


def point_and_variance(
    moments: Moments, *, pooled_variance: float | None = None
) -> tuple[float, float]:
    """A unit's score and the sampling variance of it, (NaN, NaN) when n = 0.

    The variance is never 0 for n > 0, so every unit can be weighted:
    NPS uses v/n, with the adjusted-Wald v when all answers share one
    category; proportions use the plus-four p̃ = (x + 2)/(n + 4) in
    p̃(1 - p̃)/n; means use s²/n, with `pooled_variance` (or NaN, which
    excludes the unit) when s² = 0.
    """
    n = moments.n
    if n == 0:
        return math.nan, math.nan
    if isinstance(moments, NpsCounts):
        p, d = moments.promoters / n, moments.detractors / n
        var = p + d - (p - d) ** 2
        if var <= 0:
            # All answers in one category: borrow the adjusted-Wald variance.
            pa = (moments.promoters + 0.75) / (n + 3)
            da = (moments.detractors + 0.75) / (n + 3)
            var = pa + da - (pa - da) ** 2
        return p - d, var / n
    if isinstance(moments, ProportionMoments):
        # Plus-four keeps 0% and 100% units from getting zero variance.
        p4 = (moments.successes + 2) / (n + 4)
        return moments.proportion, p4 * (1 - p4) / n
    s2 = moments.variance
    if s2 <= 0:
        s2 = pooled_variance if pooled_variance is not None else math.nan
    return moments.mean, s2 / n


def pooled_within_variance(units: Sequence[MeanMoments]) -> float | None:
    """Pooled within-unit variance Σ(n_i - 1)s²_i / Σ(n_i - 1); None without df."""
    dof = sum(max(m.n - 1, 0) for m in units)
    if dof == 0:
        return None
    return sum(max(m.n - 1, 0) * m.variance for m in units) / dof


def shrink_nps(
    units: Mapping[str, NpsCounts],
    *,
    level: float = 0.95,
    higher_is_better: bool = True,
) -> LeagueTable:
    """League table of NPS per unit (variances from `point_and_variance`)."""
    return _shrink_moments(units, None, level, higher_is_better, (-1.0, 1.0))


def shrink_proportions(
    units: Mapping[str, ProportionMoments],
    *,
    level: float = 0.95,
    higher_is_better: bool = True,
) -> LeagueTable:
    """League table of proportions (plus-four sampling variances)."""
    return _shrink_moments(units, None, level, higher_is_better, (0.0, 1.0))


def shrink_means(
    units: Mapping[str, MeanMoments],
    *,
    level: float = 0.95,
    higher_is_better: bool = True,
) -> LeagueTable:
    """League table of mean scores; units with s² = 0 use the pooled s²."""
    pooled = pooled_within_variance(list(units.values()))
    return _shrink_moments(units, pooled, level, higher_is_better)


def _shrink_moments(
    units: Mapping[str, NpsCounts]
    | Mapping[str, ProportionMoments]
    | Mapping[str, MeanMoments],
    pooled: float | None,
    level: float,
    higher_is_better: bool,
    bounds: tuple[float, float] = (-math.inf, math.inf),
) -> LeagueTable:
    names = list(units)
    parts = [point_and_variance(units[u], pooled_variance=pooled) for u in names]
    return shrink_units(
        names,
        [y for y, _ in parts],
        [v for _, v in parts],
        counts=[units[u].n for u in names],
        level=level,
        higher_is_better=higher_is_better,
        bounds=bounds,
    )


def _cochran_q(y: FloatArray, v: FloatArray) -> float:
    """Cochran's Q with the fixed-effect weights 1/v (0 for a single unit)."""
    if y.size < 2:
        return 0.0
    w = 1.0 / v
    mean_w = float(w @ y / w.sum())
    return float(w @ (y - mean_w) ** 2)


def _generalised_q(tau2: float, y: FloatArray, v: FloatArray) -> float:
    w = 1.0 / (v + tau2)
    mu = float(w @ y / w.sum())
    return float(w @ (y - mu) ** 2)


def _q_profile_root(target: float, y: FloatArray, v: FloatArray) -> float:
    """The τ² >= 0 with generalised Q(τ²) = target (0 if Q(0) is below it)."""
    if _generalised_q(0.0, y, v) <= target:
        return 0.0
    high = max(float(np.var(y)), float(v.max()), 1e-12)
    while _generalised_q(high, y, v) > target:
        high *= 4.0
    return float(optimize.brentq(lambda t: _generalised_q(t, y, v) - target, 0.0, high))


def _consistency(
    y: FloatArray,
    v: FloatArray,
    q: float,
    tau2: float,
    level: float,
    weakest: UnitEstimate | None,
) -> Consistency:
    k = y.size
    df = k - 1
    if k < 2:
        tau = Estimate(None, None, k, (WarningCode.FEW_UNITS,), method=TAU_METHOD)
        return Consistency(tau, math.nan, q, df, None, None, None, None)
    alpha = 1 - level
    low = _q_profile_root(float(stats.chi2.ppf(1 - alpha / 2, df)), y, v)
    high = _q_profile_root(float(stats.chi2.ppf(alpha / 2, df)), y, v)
    codes = (WarningCode.FEW_UNITS,) if k < MIN_UNITS else ()
    tau = Estimate(
        math.sqrt(tau2),
        Interval(math.sqrt(low), math.sqrt(high), level, TAU_METHOD),
        k,
        codes,
        method="Paule-Mandel",
    )
    return Consistency(
        tau=tau,
        tau_squared=tau2,
        q=q,
        df=df,
        heterogeneity_p=float(stats.chi2.sf(q, df)),
        i_squared=max(0.0, (q - df) / q) if q > 0 else 0.0,
        weakest=weakest.name if weakest else None,
        weakest_estimate=weakest.shrunken if weakest else None,
    )
