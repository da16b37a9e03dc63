"""Relative-importance arithmetic on stacks of correlation matrices.

Everything here works on a batch: `corr` has shape (B, p, p) with the
outcome at index 0 and the k = p - 1 drivers after it, so one call serves the
full-sample fit (B = 1) and all bootstrap resamples at once. Inputs must be
valid, positive-definite correlation matrices; `drivers.py` guarantees that
(constant and collinear drivers dropped, degenerate resamples redrawn).
"""

from __future__ import annotations

from functools import cache
from math import factorial

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

MAX_LMG_DRIVERS = 15


def subset_r_squared(corr: FloatArray) -> FloatArray:
    """R² of the outcome on every subset of drivers, shape (B, 2^k).

    Column `mask` holds R²(S) for the drivers whose bits are set in `mask`
    (bit j = driver j). The subsets are visited depth-first, each made from
    its parent by adding one driver above the parent's highest: pivoting the
    parent's residual (partial) correlation matrix on that driver is a rank-1
    Schur-complement update, so R²(S) = 1 - residual variance of the outcome
    costs O(p²) per subset instead of a fresh O(|S|³) solve.
    """
    b, p, _ = corr.shape
    k = p - 1
    r2 = np.zeros((b, 1 << k))

    def visit(mask: int, start: int, resid: FloatArray) -> None:
        # `resid` covers the outcome (position 0) and drivers start..k-1.
        for j in range(start, k):
            pos = 1 + j - start
            col = resid[:, :, pos]
            pivot = col[:, pos]
            child = mask | (1 << j)
            keep = [0, *range(pos + 1, resid.shape[1])]
            sub = col[:, keep]
            reduced = resid[:, keep][:, :, keep] - (
                sub[:, :, None] * sub[:, None, :] / pivot[:, None, None]
            )
            r2[:, child] = 1.0 - reduced[:, 0, 0]
            if j + 1 < k:
                visit(child, j + 1, reduced)

    visit(0, 0, np.array(corr, dtype=np.float64))
    return r2


@cache
def shapley_matrix(k: int) -> FloatArray:
    """M with LMG = R²(all subsets) @ M, shape (2^k, k).

    LMG_j = Σ_{S ∌ j} |S|!(k - |S| - 1)!/k! · [R²(S ∪ {j}) - R²(S)]
    (methods.md §2), written as one matrix so a batch is one BLAS call.
    """
    masks = np.arange(1 << k)
    sizes = np.array([bin(m).count("1") for m in masks])
    weight_by_size = np.array(
        [factorial(s) * factorial(k - s - 1) / factorial(k) for s in range(k)]
    )
    m = np.zeros((1 << k, k))
    for j in range(k):
        without = masks[(masks >> j) & 1 == 0]
        w = weight_by_size[sizes[without]]
        m[without | (1 << j), j] += w
        m[without, j] -= w
    m.setflags(write=False)
    return m


def lmg_weights(corr: FloatArray) -> FloatArray:
    """LMG (Shapley) shares of R², shape (B, k); rows add up to the full R²."""
    k = corr.shape[1] - 1
    if k > MAX_LMG_DRIVERS:
        msg = f"LMG over all subsets is limited to {MAX_LMG_DRIVERS} drivers (got {k})"
        raise ValueError(msg)
    return subset_r_squared(corr) @ shapley_matrix(k)


def johnson_weights(corr: FloatArray) -> FloatArray:
    """Johnson's (2000) relative weights, shape (B, k); rows add up to R².

    R_xx = V Λ V', Λ_half = V Λ^{1/2} V', β = Λ_half⁻¹ r_xy,
    raw_j = Σ_m (Λ_half)_{jm}² β_m² (methods.md §2).
    """
    rxx = corr[:, 1:, 1:]
    rxy = corr[:, 1:, 0]
    eigenvalues, vectors = np.linalg.eigh(rxx)
    root = np.sqrt(np.clip(eigenvalues, 0.0, None))
    half = (vectors * root[:, None, :]) @ np.swapaxes(vectors, 1, 2)
    projected = np.einsum("bji,bj->bi", vectors, rxy) / root
    beta = np.einsum("bij,bj->bi", vectors, projected)
    weights: FloatArray = np.einsum("bjm,bm->bj", half * half, beta * beta)
    return weights


def standardized_coefficients(corr: FloatArray) -> FloatArray:
    """Standardised multiple-regression coefficients R_xx⁻¹ r_xy, shape (B, k)."""
    beta = np.linalg.solve(corr[:, 1:, 1:], corr[:, 1:, 0:1])[:, :, 0]
    return np.asarray(beta, dtype=np.float64)


def full_r_squared(corr: FloatArray) -> FloatArray:
    """R² of the full model r_xy' R_xx⁻¹ r_xy, shape (B,)."""
    beta = standardized_coefficients(corr)
    r2: FloatArray = np.einsum("bj,bj->b", beta, corr[:, 1:, 0])
    return r2


def correlation_from_covariance(cov: FloatArray) -> FloatArray:
    """Correlation matrices from covariance matrices (batched, shape kept)."""
    sd = np.sqrt(np.einsum("...ii->...i", cov))
    corr = cov / (sd[..., :, None] * sd[..., None, :])
    # Exact ones on the diagonal keep the outcome's residual variance honest.
    idx = np.arange(cov.shape[-1])
    corr[..., idx, idx] = 1.0
    return np.asarray(corr, dtype=np.float64)
