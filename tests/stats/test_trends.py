"""Period-over-period changes with multiplicity adjustment.

Reference: each step must equal the two-group comparison of the score
(`compare_nps` / `compare_proportions` / `compare_means`, themselves checked
against hand calculations, statsmodels and scipy) of later vs earlier, and
the adjusted p-values statsmodels `multipletests` over the steps. The
linear trend is checked against statsmodels `WLS(y, [1, period], weights=1/v)
.fit(cov_type="fixed scale", use_t=False)` (known variances, z test).
"""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests

from belofte.stats import (
    MeanMoments,
    NpsCounts,
    ProportionMoments,
    WarningCode,
    compare_means,
    compare_nps,
    linear_trend,
    period_changes,
)

MONTHS = [
    ("2026-01", NpsCounts(50, 30, 20)),
    ("2026-02", NpsCounts(70, 20, 10)),
    ("2026-03", NpsCounts(60, 25, 15)),
    ("2026-04", NpsCounts(40, 30, 30)),
]


@pytest.mark.parametrize(
    ("adjustment", "sm_method"), [("holm", "holm"), ("bh", "fdr_bh")]
)
def test_nps_changes_are_consecutive_and_adjusted(
    adjustment: str, sm_method: str
) -> None:
    steps = period_changes(MONTHS, adjustment=adjustment)  # type: ignore[arg-type]
    assert [(s.previous, s.period) for s in steps] == [
        ("2026-01", "2026-02"),
        ("2026-02", "2026-03"),
        ("2026-03", "2026-04"),
    ]
    for step, (before, after) in zip(
        steps, zip(MONTHS, MONTHS[1:], strict=False), strict=True
    ):
        direct = compare_nps(after[1], before[1])
        assert step.change == pytest.approx(direct.difference)
        assert step.comparison.p_value == pytest.approx(direct.p_value)
    raw = [s.comparison.p_value for s in steps]
    expected = multipletests(raw, method=sm_method)[1]
    assert [s.comparison.adjusted_p_value for s in steps] == pytest.approx(
        list(expected), abs=1e-12
    )
    assert steps[0].change == pytest.approx(0.3)


def test_mean_and_proportion_series() -> None:
    means = [
        ("w1", MeanMoments.from_values([3, 4, 5, 4])),
        ("w2", MeanMoments.from_values([5, 6, 5, 6, 7])),
    ]
    step = period_changes(means)[0]
    assert step.comparison.method == "Welch t test"
    assert step.change == pytest.approx(
        compare_means(means[1][1], means[0][1]).difference
    )
    props = period_changes(
        [("q1", ProportionMoments(40, 30)), ("q2", ProportionMoments(45, 20))]
    )
    assert props[0].change == pytest.approx(20 / 45 - 0.75)


def test_empty_periods_and_series() -> None:
    assert period_changes([]) == ()
    assert period_changes([("only", NpsCounts(1, 1, 1))]) == ()
    steps = period_changes(
        [
            ("a", NpsCounts(5, 5, 5)),
            ("b", NpsCounts(0, 0, 0)),
            ("c", NpsCounts(9, 1, 1)),
        ]
    )
    assert all(s.change is None for s in steps)
    assert all(WarningCode.NO_RESPONSES in s.comparison.warnings for s in steps)
    assert all(s.comparison.adjusted_p_value is None for s in steps)


def wls_reference(
    x: list[float], y: list[float], v: list[float]
) -> tuple[float, float, float]:
    fit = sm.WLS(
        np.array(y), sm.add_constant(np.array(x)), weights=1 / np.array(v)
    ).fit(cov_type="fixed scale", use_t=False)
    return float(fit.params[1]), float(fit.bse[1]), float(fit.pvalues[1])


def test_linear_trend_matches_weighted_least_squares() -> None:
    r = linear_trend(MONTHS)
    y, v = [], []
    for _, c in MONTHS:
        p, d = c.promoters / c.n, c.detractors / c.n
        y.append(p - d)
        v.append((p + d - (p - d) ** 2) / c.n)
    slope, se, p_value = wls_reference([0, 1, 2, 3], y, v)
    assert r.value == pytest.approx(slope, abs=1e-10)
    assert r.se == pytest.approx(se, abs=1e-10)
    assert r.p_value == pytest.approx(p_value, abs=1e-10)
    assert r.interval is not None
    assert r.interval.low == pytest.approx(slope - 1.959963985 * se, abs=1e-6)


def test_linear_trend_keeps_gaps_and_handles_edges() -> None:
    means = [
        ("w1", MeanMoments.from_values([3, 4, 5, 4])),
        ("w2", MeanMoments(0, 0.0, 0.0)),
        ("w3", MeanMoments.from_values([5, 6, 5, 6, 7])),
    ]
    r = linear_trend(means)
    a, c = means[0][1], means[2][1]
    slope, se, _ = wls_reference(
        [0, 2], [a.mean, c.mean], [a.variance / a.n, c.variance / c.n]
    )
    assert r.value == pytest.approx(slope)
    assert r.se == pytest.approx(se)
    one = linear_trend([("a", NpsCounts(1, 2, 3)), ("b", NpsCounts(0, 0, 0))])
    assert one.value is None
    assert one.warnings == (WarningCode.FEW_PERIODS,)
    assert linear_trend([]).warnings == (WarningCode.FEW_PERIODS,)
    flat = linear_trend(
        [("a", ProportionMoments(10, 10)), ("b", ProportionMoments(12, 12))]
    )
    assert flat.value == pytest.approx(0.0)
