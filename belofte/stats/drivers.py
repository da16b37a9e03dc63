"""Key-driver analysis: LMG (Shapley) or Johnson weights with bootstrap CIs.

methods.md §2. The outcome is regressed (OLS with intercept) on k driver
ratings; each driver gets its share of R², its percent of R², the sign of its
multiple-regression coefficient, its zero-order correlation and a bootstrap
percentile interval. Input is either raw rows (outcome in column 0) or
`CrossProductMoments` pushed down by the engine; only rows can be
bootstrapped. Data problems come back as warnings, never exceptions.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from belofte.stats.bootstrap import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    BootstrapRun,
    resample_correlations,
)
from belofte.stats.importance import (
    MAX_LMG_DRIVERS,
    FloatArray,
    correlation_from_covariance,
    johnson_weights,
    lmg_weights,
    standardized_coefficients,
)
from belofte.stats.moments import CrossProductMoments
from belofte.stats.results import Interval, WarningCode, unique_codes

DriverMethod = Literal["lmg", "johnson"]
METHOD_LABELS: dict[str, str] = {
    "lmg": "LMG (Shapley value regression, all subsets)",
    "johnson": "Johnson relative weights (RWA)",
}
# Relative tolerances: a variance below 1e-10 of the raw second moment is
# rounding noise; a driver explained to within 1e-8 by the others is collinear.
CONSTANT_TOLERANCE = 1e-10
COLLINEAR_TOLERANCE = 1e-8
RESPONDENTS_PER_DRIVER = 10


@dataclass(frozen=True, slots=True)
class DriverImportance:
    """One driver's importance.

    `weight` is its raw share of R², `percent` = 100·weight/R². The sign is
    that of the multiple-regression coefficient (not part of LMG/RWA
    themselves). A dropped driver has `dropped` set and no numbers.
    """

    name: str
    weight: float | None
    percent: float | None
    interval: Interval | None
    percent_interval: Interval | None
    coefficient_sign: int | None
    standardized_coefficient: float | None
    correlation: float | None
    dropped: WarningCode | None = None


@dataclass(frozen=True, slots=True)
class DriverDifference:
    """Bootstrap of weight(first) - weight(second): "is A more important than B"."""

    first: str
    second: str
    difference: float
    interval: Interval

    @property
    def is_clear(self) -> bool:
        """Whether the interval excludes 0 (the ordering is not noise)."""
        return self.interval.low > 0 or self.interval.high < 0


@dataclass(frozen=True, slots=True)
class BootstrapInfo:
    """How the intervals were made: resamples kept, seed, redraws."""

    resamples: int
    seed: int
    level: float
    redrawn: int
    method: str = "percentile bootstrap, resampling respondents"


@dataclass(frozen=True, slots=True)
class DriverAnalysis:
    """Result of a key-driver analysis; `method` says LMG or Johnson."""

    method: DriverMethod
    method_label: str
    r_squared: float | None
    r_squared_interval: Interval | None
    n: int
    dropped_rows: int
    drivers: tuple[DriverImportance, ...]
    warnings: tuple[WarningCode, ...]
    bootstrap: BootstrapInfo | None = None
    differences: tuple[DriverDifference, ...] = ()

    def driver(self, name: str) -> DriverImportance:
        """The driver called `name` (KeyError when absent)."""
        for d in self.drivers:
            if d.name == name:
                return d
        raise KeyError(name)


def key_drivers(
    data: ArrayLike | CrossProductMoments,
    *,
    names: Sequence[str] | None = None,
    method: DriverMethod = "lmg",
    level: float = 0.95,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> DriverAnalysis:
    """Relative importance of drivers for an outcome, with bootstrap intervals.

    Parameters
    ----------
    data : array or CrossProductMoments
        2-D array with the outcome in column 0 and one driver per further
        column (rows with a missing value are dropped and counted), or
        `CrossProductMoments` of the same columns (no bootstrap then).
    names : sequence of str, optional
        Driver names (default x1..xk).
    method : {"lmg", "johnson"}
        LMG is refused above 15 drivers (TOO_MANY_DRIVERS_FOR_LMG).
    level : float
        Interval level.
    resamples : int
        Bootstrap resamples B (0 = none); degenerate resamples are redrawn
        and counted in `bootstrap.redrawn`.
    seed : int
        Seed of the resampling, reported in `bootstrap.seed`.

    Returns
    -------
    DriverAnalysis
        Drivers keep the input order.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=(200, 2))
    >>> y = x[:, 0] + 0.5 * x[:, 1] + rng.normal(size=200)
    >>> r = key_drivers(np.column_stack([y, x]), names=["staff", "wait"],
    ...                 resamples=0)
    >>> r.driver("staff").percent > r.driver("wait").percent
    True

    """
    if isinstance(data, CrossProductMoments):
        k = len(data.sums) - 1
        cov = data.covariance()
        second = np.diag(np.asarray(data.cross)) / max(data.n, 1)
        return _analyse(cov, second, data.n, 0, _names(names, k), method, level, None)
    rows = np.asarray(data, dtype=np.float64)
    if rows.ndim != 2 or rows.shape[1] < 2:
        msg = "driver data must be 2-D with the outcome in column 0 and >= 1 driver"
        raise ValueError(msg)
    complete = np.isfinite(rows).all(axis=1)
    rows = rows[complete]
    n, k = rows.shape[0], rows.shape[1] - 1
    centred = rows - rows.mean(axis=0) if n else rows
    cov = centred.T @ centred / max(n - 1, 1)
    second = (rows * rows).mean(axis=0) if n else np.zeros(k + 1)
    boot = (rows, resamples, seed) if resamples > 0 else None
    dropped = int((~complete).sum())
    return _analyse(cov, second, n, dropped, _names(names, k), method, level, boot)


def _names(names: Sequence[str] | None, k: int) -> list[str]:
    if names is None:
        return [f"x{j + 1}" for j in range(k)]
    if len(names) != k:
        msg = f"{len(names)} names for {k} drivers"
        raise ValueError(msg)
    return list(names)


def _analyse(
    cov: FloatArray,
    second: FloatArray,
    n: int,
    dropped_rows: int,
    names: list[str],
    method: DriverMethod,
    level: float,
    boot: tuple[FloatArray, int, int] | None,
) -> DriverAnalysis:
    k = len(names)
    codes: list[WarningCode] = []
    status: list[WarningCode | None] = [None] * k

    def empty(*why: WarningCode) -> DriverAnalysis:
        drivers = tuple(
            DriverImportance(nm, None, None, None, None, None, None, None, st)
            for nm, st in zip(names, status, strict=True)
        )
        return DriverAnalysis(
            method,
            METHOD_LABELS[method],
            None,
            None,
            n,
            dropped_rows,
            drivers,
            unique_codes([*codes, *why]),
        )

    if n == 0:
        return empty(WarningCode.NO_RESPONSES)
    variances = np.diag(cov)
    constant = variances <= CONSTANT_TOLERANCE * np.maximum(
        second, np.finfo(float).tiny
    )
    if n < 2 or constant[0]:
        return empty(WarningCode.CONSTANT_OUTCOME)
    for c in np.flatnonzero(constant[1:]):
        status[int(c)] = WarningCode.CONSTANT_DRIVER
        codes.append(WarningCode.CONSTANT_DRIVER)
    candidates = [j for j in range(k) if status[j] is None]
    # Constant columns get unit variance and no covariance so the correlation
    # matrix stays finite; they are out of the analysis anyway.
    safe = cov.copy()
    flat = np.flatnonzero(constant)
    safe[flat, :] = 0.0
    safe[:, flat] = 0.0
    safe[flat, flat] = 1.0
    corr_all = correlation_from_covariance(safe)
    kept = _drop_collinear(corr_all, candidates)
    for j in set(candidates) - set(kept):
        status[j] = WarningCode.COLLINEAR_DRIVERS
        codes.append(WarningCode.COLLINEAR_DRIVERS)
    if not kept:
        return empty(WarningCode.NO_DRIVERS)
    if n <= len(kept) + 1:
        return empty(WarningCode.TOO_FEW_RESPONDENTS)
    if n < RESPONDENTS_PER_DRIVER * len(kept):
        codes.append(WarningCode.FEW_RESPONDENTS_PER_DRIVER)
    columns = [0, *(j + 1 for j in kept)]
    corr = corr_all[np.ix_(columns, columns)][None]
    beta = standardized_coefficients(corr)[0]
    r_squared = float(beta @ corr[0, 1:, 0])
    if method == "lmg" and len(kept) > MAX_LMG_DRIVERS:
        weights = None
        codes.append(WarningCode.TOO_MANY_DRIVERS_FOR_LMG)
    else:
        weights = _weights(corr, method)[0]
    run = None
    if boot is not None and weights is not None:
        rows, resamples, seed = boot
        run = resample_correlations(rows[:, columns], resamples, seed)
        if run.redrawn:
            codes.append(WarningCode.DEGENERATE_RESAMPLES)
        if not run.is_complete:
            # A handful of surviving resamples would give garbage percentiles.
            codes.append(WarningCode.BOOTSTRAP_INCOMPLETE)
    return _assemble(
        names,
        status,
        kept,
        corr,
        beta,
        r_squared,
        weights,
        run,
        method,
        level,
        n,
        dropped_rows,
        codes,
    )


def _weights(corr: FloatArray, method: DriverMethod) -> FloatArray:
    return lmg_weights(corr) if method == "lmg" else johnson_weights(corr)


def _drop_collinear(corr: FloatArray, candidates: list[int]) -> list[int]:
    """Keep drivers in order unless the kept ones already explain them (R² ≈ 1)."""
    kept: list[int] = []
    for j in candidates:
        if kept:
            idx = [i + 1 for i in kept]
            r = corr[idx, j + 1]
            explained = float(
                r @ np.linalg.lstsq(corr[np.ix_(idx, idx)], r, rcond=None)[0]
            )
            if 1.0 - explained <= COLLINEAR_TOLERANCE:
                continue
        kept.append(j)
    return kept


def _assemble(
    names: list[str],
    status: list[WarningCode | None],
    kept: list[int],
    corr: FloatArray,
    beta: FloatArray,
    r_squared: float,
    weights: FloatArray | None,
    run: BootstrapRun | None,
    method: DriverMethod,
    level: float,
    n: int,
    dropped_rows: int,
    codes: list[WarningCode],
) -> DriverAnalysis:
    lo_q, hi_q = 0.5 - level / 2, 0.5 + level / 2
    label = "bootstrap percentile"
    weight_ci = percent_ci = r2_ci = None
    info = None
    differences: tuple[DriverDifference, ...] = ()
    if run is not None and not run.is_complete:
        info = BootstrapInfo(run.correlations.shape[0], run.seed, level, run.redrawn)
    elif run is not None:
        reps = _weights(run.correlations, method)
        r2_reps = reps.sum(axis=1)
        weight_ci = np.quantile(reps, [lo_q, hi_q], axis=0)
        percent_ci = np.quantile(100 * reps / r2_reps[:, None], [lo_q, hi_q], axis=0)
        low, high = np.quantile(r2_reps, [lo_q, hi_q])
        r2_ci = Interval(float(low), float(high), level, label)
        info = BootstrapInfo(run.correlations.shape[0], run.seed, level, run.redrawn)
        differences = _differences([names[j] for j in kept], weights, reps, level)
    position = {j: i for i, j in enumerate(kept)}
    drivers = []
    for j, name in enumerate(names):
        i = position.get(j)
        if i is None:
            drivers.append(
                DriverImportance(
                    name, None, None, None, None, None, None, None, status[j]
                )
            )
            continue
        w = None if weights is None else float(weights[i])
        drivers.append(
            DriverImportance(
                name=name,
                weight=w,
                percent=None if w is None else 100 * w / r_squared,
                interval=_ci(weight_ci, i, level, label),
                percent_interval=_ci(percent_ci, i, level, label),
                coefficient_sign=int(np.sign(beta[i])),
                standardized_coefficient=float(beta[i]),
                correlation=float(corr[0, i + 1, 0]),
            )
        )
    return DriverAnalysis(
        method=method,
        method_label=METHOD_LABELS[method],
        r_squared=r_squared,
        r_squared_interval=r2_ci,
        n=n,
        dropped_rows=dropped_rows,
        drivers=tuple(drivers),
        warnings=unique_codes(codes),
        bootstrap=info,
        differences=differences,
    )


def _differences(
    names: list[str], weights: FloatArray | None, reps: FloatArray, level: float
) -> tuple[DriverDifference, ...]:
    """Percentile intervals of every pairwise weight difference (same resamples)."""
    if weights is None:
        return ()
    lo_q, hi_q = 0.5 - level / 2, 0.5 + level / 2
    out = []
    for i, j in itertools.combinations(range(len(names)), 2):
        low, high = np.quantile(reps[:, i] - reps[:, j], [lo_q, hi_q])
        ci = Interval(float(low), float(high), level, "bootstrap percentile")
        out.append(
            DriverDifference(names[i], names[j], float(weights[i] - weights[j]), ci)
        )
    return tuple(out)


def _ci(bounds: FloatArray | None, i: int, level: float, label: str) -> Interval | None:
    if bounds is None:
        return None
    return Interval(float(bounds[0, i]), float(bounds[1, i]), level, label)
