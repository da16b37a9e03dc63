"""Period-over-period changes with multiplicity adjustment.

Reference: each step must equal the two-group comparison of the score
(`compare_nps` / `compare_proportions` / `compare_means`, themselves checked
against hand calculations, statsmodels and scipy) of later vs earlier, and
the adjusted p-values statsmodels `multipletests` over the steps.
"""

from __future__ import annotations

import pytest
from statsmodels.stats.multitest import multipletests

from belofte.stats import (
    MeanMoments,
    NpsCounts,
    ProportionMoments,
    WarningCode,
    compare_means,
    compare_nps,
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
