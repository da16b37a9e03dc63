"""Multiple-comparison adjustment: Holm (FWER) and Benjamini-Hochberg (FDR).

Holm is the default for a handful of planned comparisons (pairwise groups,
consecutive periods): it controls the chance of any false alarm and is never
worse than Bonferroni. Benjamini-Hochberg suits screening many cuts (every
store x touchpoint), where a controlled share of false alarms is acceptable.
All return adjusted p-values in the input order, identical to
`statsmodels.stats.multitest.multipletests(p, method="holm" | "fdr_bh" |
"bonferroni")`.
Missing p-values (`None`/NaN, e.g. from a zero-variance comparison) are left
out of the family and stay `None`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np

from belofte.stats.results import Comparison

AdjustMethod = Literal["holm", "bh", "bonferroni"]


def holm(p_values: Sequence[float]) -> tuple[float, ...]:
    """Holm step-down adjusted p-values: max_{j<=i} min(1, (m - j + 1) p_(j)).

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03])
    (0.03, 0.06, 0.06)

    """
    p = np.asarray(p_values, dtype=np.float64)
    m = p.size
    if m == 0:
        return ()
    order = np.argsort(p, kind="mergesort")
    stepped = (m - np.arange(m)) * p[order]
    adjusted_sorted = np.minimum(np.maximum.accumulate(stepped), 1.0)
    adjusted = np.empty(m)
    adjusted[order] = adjusted_sorted
    return tuple(float(v) for v in adjusted)


def bonferroni(p_values: Sequence[float]) -> tuple[float, ...]:
    """Bonferroni adjusted p-values min(1, m p_i) (for reference; Holm dominates it)."""
    m = len(p_values)
    return tuple(min(1.0, m * float(p)) for p in p_values)


def benjamini_hochberg(p_values: Sequence[float]) -> tuple[float, ...]:
    """Benjamini-Hochberg step-up adjusted p-values: min_{j>=i} m p_(j) / j.

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03])
    (0.03, 0.04, 0.04)

    """
    p = np.asarray(p_values, dtype=np.float64)
    m = p.size
    if m == 0:
        return ()
    order = np.argsort(p, kind="mergesort")
    scaled = p[order] * m / np.arange(1, m + 1)
    # Step-up: running minimum from the largest p-value down.
    adjusted_sorted = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    adjusted = np.empty(m)
    adjusted[order] = adjusted_sorted
    return tuple(float(v) for v in adjusted)


def adjust_p_values(
    p_values: Sequence[float | None], method: AdjustMethod = "holm"
) -> tuple[float | None, ...]:
    """Adjust the present p-values as one family; `None`/NaN stay `None`."""
    present = [i for i, p in enumerate(p_values) if p is not None and not math.isnan(p)]
    values = [float(p_values[i]) for i in present]  # type: ignore[arg-type]
    adjust = {"holm": holm, "bh": benjamini_hochberg, "bonferroni": bonferroni}[method]
    adjusted = adjust(values)
    out: list[float | None] = [None] * len(p_values)
    for i, a in zip(present, adjusted, strict=True):
        out[i] = a
    return tuple(out)


def adjust_comparisons(
    comparisons: Sequence[Comparison], method: AdjustMethod = "holm"
) -> tuple[Comparison, ...]:
    """Copies of `comparisons` carrying adjusted p-values for the whole family."""
    adjusted = adjust_p_values([c.p_value for c in comparisons], method)
    return tuple(
        c.with_adjusted_p(a, method) for c, a in zip(comparisons, adjusted, strict=True)
    )
