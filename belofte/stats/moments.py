"""Sufficient statistics: what the engine computes and Python finishes.

Each class is what an engine returns per group (counts, sums, sums of
squares and cross-products). `+` merges two groups, so partial aggregates
(per shard, per day) combine exactly; `from_values` builds one from raw
values for tests and small data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

Matrix = tuple[tuple[float, ...], ...]


@dataclass(frozen=True, slots=True)
class MeanMoments:
    """n, sum and sum of squares of a numeric score (CES, ratings, sentiment)."""

    n: int
    sum: float
    sum_squares: float

    def __add__(self, other: MeanMoments) -> MeanMoments:
        return MeanMoments(
            self.n + other.n, self.sum + other.sum, self.sum_squares + other.sum_squares
        )

    @property
    def mean(self) -> float:
        """Σy / n (NaN when n = 0)."""
        return self.sum / self.n if self.n > 0 else float("nan")

    @property
    def variance(self) -> float:
        """Sample variance with n - 1; 0 when n <= 1 (gbstats convention)."""
        if self.n <= 1:
            return 0.0
        # Clamp: Σy² - (Σy)²/n can come out a hair below 0 in floating point.
        return max((self.sum_squares - self.sum**2 / self.n) / (self.n - 1), 0.0)

    @classmethod
    def from_values(cls, values: ArrayLike) -> MeanMoments:
        """Moments of the finite values (NaN is skipped)."""
        y = np.asarray(values, dtype=np.float64).ravel()
        y = y[np.isfinite(y)]
        return cls(int(y.size), float(y.sum()), float((y * y).sum()))


@dataclass(frozen=True, slots=True)
class ProportionMoments:
    """Number of successes out of n (e.g. top-2-box CSAT answers)."""

    n: int
    successes: int
    out_of_scale: int = 0

    def __add__(self, other: ProportionMoments) -> ProportionMoments:
        return ProportionMoments(
            self.n + other.n,
            self.successes + other.successes,
            self.out_of_scale + other.out_of_scale,
        )

    @property
    def proportion(self) -> float:
        """The share successes / n (NaN when n = 0)."""
        return self.successes / self.n if self.n > 0 else float("nan")

    @classmethod
    def from_scores(
        cls,
        scores: Iterable[float],
        *,
        success_min: float = 4,
        scale: tuple[float, float] = (1, 5),
    ) -> ProportionMoments:
        """Count answers >= `success_min` (top-2-box on 1-5 by default).

        Answers outside `scale` are dropped and counted in `out_of_scale`.
        """
        lo, hi = scale
        n = successes = dropped = 0
        for s in scores:
            if not lo <= s <= hi:
                dropped += 1
                continue
            n += 1
            successes += s >= success_min
        return cls(n, successes, dropped)


@dataclass(frozen=True, slots=True)
class NpsCounts:
    """Promoters, passives and detractors of one group.

    The cut-offs live in `from_scores` so that the finishing functions see
    counts only and a configured scale changes nothing downstream.
    """

    promoters: int
    passives: int
    detractors: int
    out_of_scale: int = 0

    def __add__(self, other: NpsCounts) -> NpsCounts:
        return NpsCounts(
            self.promoters + other.promoters,
            self.passives + other.passives,
            self.detractors + other.detractors,
            self.out_of_scale + other.out_of_scale,
        )

    @property
    def n(self) -> int:
        """Answers on the scale."""
        return self.promoters + self.passives + self.detractors

    @classmethod
    def from_scores(
        cls,
        scores: Iterable[float],
        *,
        promoter_min: float = 9,
        detractor_max: float = 6,
        scale: tuple[float, float] = (0, 10),
    ) -> NpsCounts:
        """Classify 0-10 answers (cut-offs configurable); count out-of-scale."""
        lo, hi = scale
        p = pa = d = dropped = 0
        for s in scores:
            if not lo <= s <= hi:
                dropped += 1
            elif s >= promoter_min:
                p += 1
            elif s <= detractor_max:
                d += 1
            else:
                pa += 1
        return cls(p, pa, d, dropped)


@dataclass(frozen=True, slots=True)
class CrossProductMoments:
    """n, column sums and the raw cross-product matrix of [outcome, drivers...].

    Column 0 is the outcome. This is what an engine pushes down for a key-
    driver analysis (`SUM(x_i * x_j)` for every pair); the correlation matrix
    and hence LMG and Johnson weights follow from it exactly. Rows with a
    missing value must be removed by the engine before summing (listwise).
    """

    n: int
    sums: tuple[float, ...]
    cross: Matrix

    def __add__(self, other: CrossProductMoments) -> CrossProductMoments:
        if len(self.sums) != len(other.sums):
            msg = "cannot merge cross-products of different column counts"
            raise ValueError(msg)
        return CrossProductMoments(
            self.n + other.n,
            tuple(a + b for a, b in zip(self.sums, other.sums, strict=True)),
            _as_matrix(np.asarray(self.cross) + np.asarray(other.cross)),
        )

    @classmethod
    def from_rows(cls, rows: ArrayLike) -> CrossProductMoments:
        """Moments of a 2-D array (outcome first); rows with NaN are skipped."""
        z = np.asarray(rows, dtype=np.float64)
        z = z[np.isfinite(z).all(axis=1)]
        return cls(
            int(z.shape[0]), tuple(float(v) for v in z.sum(axis=0)), _as_matrix(z.T @ z)
        )

    def covariance(self) -> NDArray[np.float64]:
        """Sample covariance matrix (n - 1); zeros when n <= 1."""
        k = len(self.sums)
        if self.n <= 1:
            return np.zeros((k, k))
        s = np.asarray(self.sums)
        return (np.asarray(self.cross) - np.outer(s, s) / self.n) / (self.n - 1)


def _as_matrix(a: NDArray[np.float64]) -> Matrix:
    return tuple(tuple(float(v) for v in row) for row in a)
