"""NPS and CSAT golden values (methods.md §1).

References: NPS numbers are recomputed by hand from the formulas of
methods.md §1 (shown in each docstring, evaluated once with plain Python
floats and scipy's Φ⁻¹(0.975) = 1.959963985); CSAT and the two-proportion
tests are checked against statsmodels 0.15 (`proportion_confint(method=
"wilson")`, `confint_proportions_2indep(method="newcomb")`,
`proportions_ztest`).
"""

from __future__ import annotations

import pytest
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
)

from belofte.stats import (
    NpsCounts,
    ProportionMoments,
    WarningCode,
    compare_nps,
    compare_nps_groups,
    compare_proportions,
    compute_csat,
    compute_nps,
)

TOL = 1e-6


def test_nps_wald_hand_checked() -> None:
    """P=50, Pa=30, D=20: p=.5, d=.2, NPS=.3, v=.5+.2-.3²=.61, se=√(.61/100).

    CI = .3 ± 1.959964·0.0781025 = [0.1469219, 0.4530781].
    """
    r = compute_nps(NpsCounts(50, 30, 20), method="wald")
    assert r.value == pytest.approx(0.3, abs=TOL)
    assert r.se == pytest.approx(0.0781024968, abs=TOL)
    assert r.interval is not None
    assert r.interval.low == pytest.approx(0.1469219192, abs=TOL)
    assert r.interval.high == pytest.approx(0.4530780808, abs=TOL)
    assert r.interval.method == "Wald"
    assert r.interval.level == 0.95
    assert r.warnings == ()
    assert r.n == 100


def test_nps_adjusted_wald_hand_checked() -> None:
    """Adjusted counts P'=50.75, D'=20.75, n'=103: NPS'=30/103=0.2912621.

    v' = p'+d'-(p'-d')² = 0.6093412, se' = √(v'/103) = 0.0769155,
    CI = NPS' ± 1.959964·se' = [0.1405113, 0.4420130]; the point estimate
    stays the unadjusted 0.3.
    """
    r = compute_nps(NpsCounts(50, 30, 20), method="adjusted_wald")
    assert r.value == pytest.approx(0.3, abs=TOL)
    assert r.interval is not None
    assert r.interval.low == pytest.approx(0.1405113018, abs=TOL)
    assert r.interval.high == pytest.approx(0.4420129701, abs=TOL)
    assert "adjusted Wald" in r.method


def test_nps_adjusted_wald_is_clipped_to_the_nps_range() -> None:
    """P=9, Pa=1, D=0: adjusted (9.75, 0.75, n'=13) gives [0.3807923, 1.0038231] → high 1."""
    r = compute_nps(NpsCounts(9, 1, 0), method="adjusted_wald")
    assert r.interval is not None
    assert r.interval.low == pytest.approx(0.3807922687, abs=TOL)
    assert r.interval.high == 1.0
    assert r.value == pytest.approx(0.9)
    assert WarningCode.SMALL_SAMPLE in r.warnings


def test_nps_auto_picks_adjusted_below_100_and_wald_above() -> None:
    assert "adjusted" in compute_nps(NpsCounts(20, 10, 10)).method
    assert compute_nps(NpsCounts(500, 300, 200)).method == "Wald"
    # Many answers but almost no detractors: adjusted Wald again.
    assert "adjusted" in compute_nps(NpsCounts(500, 300, 2)).method


def test_nps_two_groups_hand_checked() -> None:
    """A=(50,30,20): NPS .3, v .61; B=(30,40,30): NPS 0, v .6.

    se = √(.61/100 + .6/100) = 0.11, z = .3/.11 = 2.7272727,
    p = 2(1 - Φ(z)) = 0.0063860, CI = .3 ± 1.959964·.11 = [0.0844040, 0.5155960].
    """
    c = compare_nps(
        NpsCounts(50, 30, 20), NpsCounts(30, 40, 30), labels=("Utrecht", "Delft")
    )
    assert c.difference == pytest.approx(0.3, abs=TOL)
    assert c.se == pytest.approx(0.11, abs=TOL)
    assert c.statistic == pytest.approx(2.7272727273, abs=TOL)
    assert c.p_value == pytest.approx(0.0063860233, abs=TOL)
    assert c.interval is not None
    assert c.interval.low == pytest.approx(0.0844039617, abs=TOL)
    assert c.interval.high == pytest.approx(0.5155960383, abs=TOL)
    assert c.labels == ("Utrecht", "Delft")
    # Signed: swapping the groups flips the difference, not the p-value.
    swapped = compare_nps(NpsCounts(30, 40, 30), NpsCounts(50, 30, 20))
    assert swapped.difference == pytest.approx(-0.3)
    assert swapped.p_value == pytest.approx(c.p_value)


def test_nps_pairwise_groups_are_holm_adjusted() -> None:
    groups = {
        "a": NpsCounts(50, 30, 20),
        "b": NpsCounts(30, 40, 30),
        "c": NpsCounts(45, 35, 20),
    }
    pairs = compare_nps_groups(groups)
    assert [p.labels for p in pairs] == [("a", "b"), ("a", "c"), ("b", "c")]
    raw = sorted(p.p_value for p in pairs if p.p_value is not None)
    adjusted = sorted(
        p.adjusted_p_value for p in pairs if p.adjusted_p_value is not None
    )
    assert adjusted[0] == pytest.approx(min(1.0, 3 * raw[0]))
    assert all(p.adjustment == "holm" for p in pairs)


def test_nps_counts_from_scores_use_configurable_cutoffs_and_count_out_of_scale() -> (
    None
):
    scores = [10, 9, 8, 7, 6, 0, 11, -1, 9]
    assert NpsCounts.from_scores(scores) == NpsCounts(3, 2, 2, out_of_scale=2)
    assert NpsCounts.from_scores(scores, promoter_min=8, detractor_max=5) == NpsCounts(
        4, 2, 1, 2
    )
    r = compute_nps(NpsCounts.from_scores(scores))
    assert r.dropped == 2
    assert WarningCode.OUT_OF_SCALE in r.warnings


def test_nps_counts_merge() -> None:
    assert NpsCounts(1, 2, 3) + NpsCounts(4, 5, 6, 1) == NpsCounts(5, 7, 9, 1)


@pytest.mark.parametrize("method", ["auto", "wald", "adjusted_wald"])
def test_nps_without_responses(method: str) -> None:
    r = compute_nps(NpsCounts(0, 0, 0), method=method)  # type: ignore[arg-type]
    assert r.value is None
    assert r.interval is None
    assert r.warnings == (WarningCode.NO_RESPONSES,)


def test_nps_zero_variance_collapses_wald_and_offers_adjusted() -> None:
    """All 10 promoters: v = 0, Wald = [1, 1]; adjusted (10.75, .75, 13) = [0.4750355, 1]."""
    r = compute_nps(NpsCounts(10, 0, 0), method="wald")
    assert r.value == 1.0
    assert r.interval is not None
    assert (r.interval.low, r.interval.high) == (1.0, 1.0)
    assert WarningCode.ZERO_VARIANCE in r.warnings
    assert WarningCode.SMALL_SAMPLE in r.warnings
    assert r.fallback_interval is not None
    assert r.fallback_interval.low == pytest.approx(0.4750355154, abs=TOL)
    assert r.fallback_interval.high == 1.0
    # Passives only: NPS 0 with zero variance too.
    assert WarningCode.ZERO_VARIANCE in compute_nps(NpsCounts(0, 40, 0)).warnings


def test_nps_comparison_edge_cases() -> None:
    empty = compare_nps(NpsCounts(0, 0, 0), NpsCounts(5, 5, 5))
    assert empty.difference is None
    assert empty.warnings == (WarningCode.NO_RESPONSES,)
    flat = compare_nps(NpsCounts(10, 0, 0), NpsCounts(0, 0, 12))
    assert flat.difference == 2.0
    assert flat.p_value is None
    assert WarningCode.ZERO_VARIANCE in flat.warnings


@pytest.mark.parametrize(
    ("x", "n"), [(30, 40), (1, 12), (0, 25), (25, 25), (517, 1000)]
)
def test_csat_wilson_matches_statsmodels(x: int, n: int) -> None:
    r = compute_csat(ProportionMoments(n, x))
    low, high = proportion_confint(x, n, alpha=0.05, method="wilson")
    assert r.interval is not None
    assert r.interval.low == pytest.approx(low, abs=1e-9)
    assert r.interval.high == pytest.approx(high, abs=1e-9)
    assert r.interval.method == "Wilson score"
    assert r.value == pytest.approx(x / n)


def test_csat_edge_cases() -> None:
    assert compute_csat(ProportionMoments(0, 0)).warnings == (WarningCode.NO_RESPONSES,)
    all_happy = compute_csat(ProportionMoments(12, 12))
    assert all_happy.warnings == (WarningCode.SMALL_SAMPLE, WarningCode.ZERO_VARIANCE)
    assert all_happy.interval is not None
    assert all_happy.interval.high == 1.0
    assert all_happy.interval.low < 1.0
    m = ProportionMoments.from_scores([5, 4, 3, 1, 6, 0, 2])
    assert m == ProportionMoments(n=5, successes=2, out_of_scale=2)
    assert compute_csat(m).dropped == 2
    assert ProportionMoments(3, 1) + ProportionMoments(4, 2, 1) == ProportionMoments(
        7, 3, 1
    )


@pytest.mark.parametrize(
    ("a", "b"), [((30, 40), (20, 45)), ((5, 8), (9, 30)), ((200, 400), (180, 410))]
)
def test_proportion_difference_matches_statsmodels(
    a: tuple[int, int], b: tuple[int, int]
) -> None:
    c = compare_proportions(
        ProportionMoments(a[1], a[0]), ProportionMoments(b[1], b[0])
    )
    low, high = confint_proportions_2indep(
        a[0], a[1], b[0], b[1], method="newcomb", compare="diff"
    )
    z, p = proportions_ztest([a[0], b[0]], [a[1], b[1]])
    assert c.difference == pytest.approx(a[0] / a[1] - b[0] / b[1])
    assert c.interval is not None
    assert c.interval.low == pytest.approx(float(low), abs=1e-9)
    assert c.interval.high == pytest.approx(float(high), abs=1e-9)
    assert c.statistic == pytest.approx(float(z), abs=1e-9)
    assert c.p_value == pytest.approx(float(p), abs=1e-12)


def test_proportion_difference_wald_and_edges() -> None:
    """Wald: .75 - .4444444 ± 1.959964·√(.75·.25/40 + .4444·.5556/45) = [0.1032, 0.5079]."""
    c = compare_proportions(
        ProportionMoments(40, 30), ProportionMoments(45, 20), interval="wald"
    )
    assert c.interval is not None
    assert c.interval.method == "Wald"
    se = (0.75 * 0.25 / 40 + (20 / 45) * (25 / 45) / 45) ** 0.5
    assert c.interval.low == pytest.approx(0.75 - 20 / 45 - 1.959963985 * se, abs=TOL)
    none = compare_proportions(ProportionMoments(0, 0), ProportionMoments(10, 3))
    assert none.warnings == (WarningCode.NO_RESPONSES,)
    same = compare_proportions(ProportionMoments(10, 10), ProportionMoments(12, 12))
    assert same.p_value is None
    assert WarningCode.ZERO_VARIANCE in same.warnings
