"""Empirical-Bayes league tables and consistency (τ with a Q-profile CI).

References: Cochran's Q and I² are checked against statsmodels
`combine_effects(..., method_re="chi2")`; the Paule-Mandel τ², the
random-effects mean and its variance against `method_re="iterated"` (statsmodels'
Paule-Mandel). Shrunken values are recomputed here from the formula
θ_i = μ + (1 - B_i)(y_i - μ), B_i = v_i/(v_i + τ²). The Q-profile bounds are
checked by their defining equation (generalised Q at the bound equals the
χ²_{k-1} quantile), since no reference implementation is available offline.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.meta_analysis import combine_effects

from belofte.stats import (
    MeanMoments,
    NpsCounts,
    ProportionMoments,
    WarningCode,
    shrink_means,
    shrink_nps,
    shrink_proportions,
    shrink_units,
)

NAMES = ["Utrecht", "Delft", "Gouda", "Breda", "Zwolle", "Assen"]
Y = [0.10, 0.30, 0.25, 0.50, 0.05, 0.20]
V = [0.010, 0.020, 0.015, 0.030, 0.010, 0.004]


def generalised_q(tau2: float) -> float:
    y, v = np.array(Y), np.array(V)
    w = 1 / (v + tau2)
    mu = w @ y / w.sum()
    return float(w @ (y - mu) ** 2)


def test_between_unit_variance_matches_statsmodels() -> None:
    table = shrink_units(NAMES, Y, V)
    moments = combine_effects(np.array(Y), np.array(V), method_re="chi2")
    ref = combine_effects(np.array(Y), np.array(V), method_re="iterated")
    c = table.consistency
    assert c.tau_squared == pytest.approx(ref.tau2, abs=1e-8)
    assert c.q == pytest.approx(moments.q, abs=1e-10)
    assert c.i_squared == pytest.approx(moments.i2, abs=1e-10)
    assert c.tau.value == pytest.approx(np.sqrt(ref.tau2), abs=1e-7)
    assert table.grand_mean.value == pytest.approx(ref.mean_effect_re, abs=1e-8)
    assert table.grand_mean.se == pytest.approx(ref.sd_eff_w_re, abs=1e-8)
    assert c.heterogeneity_p == pytest.approx(stats.chi2.sf(moments.q, len(Y) - 1))


def test_shrunken_values_follow_the_formula_and_rank_best_first() -> None:
    table = shrink_units(NAMES, Y, V)
    tau2 = table.consistency.tau_squared
    mu = table.grand_mean.value
    assert mu is not None
    for u in table.units:
        i = NAMES.index(u.name)
        b = V[i] / (V[i] + tau2)
        assert u.shrinkage == pytest.approx(b)
        assert u.shrunken.value == pytest.approx(mu + (1 - b) * (Y[i] - mu))
        assert u.shrunken.interval is not None
        assert u.shrunken.interval.contains(u.shrunken.value or 0)
        # Posterior sd: the normal posterior plus the uncertainty of the mean.
        se_mu = table.grand_mean.se or 0.0
        assert u.shrunken.se == pytest.approx(
            np.sqrt((1 - b) * V[i] + b * b * se_mu**2)
        )
    values = [u.shrunken.value for u in table.units]
    assert values == sorted(values, reverse=True)  # type: ignore[type-var]
    assert table.consistency.weakest == table.units[-1].name == "Zwolle"
    worst_first = shrink_units(NAMES, Y, V, higher_is_better=False)
    assert worst_first.consistency.weakest == "Breda"


def test_q_profile_interval_solves_its_defining_equation() -> None:
    c = shrink_units(NAMES, Y, V).consistency
    assert c.tau.interval is not None
    low, high = c.tau.interval.low**2, c.tau.interval.high**2
    df = len(Y) - 1
    assert generalised_q(high) == pytest.approx(stats.chi2.ppf(0.025, df), rel=1e-6)
    if low > 0:
        assert generalised_q(low) == pytest.approx(stats.chi2.ppf(0.975, df), rel=1e-6)
    else:
        assert generalised_q(0.0) <= stats.chi2.ppf(0.975, df)
    assert low <= c.tau_squared <= high
    assert c.tau.interval.method.startswith("Q-profile")


def test_small_units_shrink_more_than_large_ones() -> None:
    units = {
        "big": NpsCounts(500, 300, 200),
        "tiny": NpsCounts(5, 3, 2),
        "low": NpsCounts(200, 300, 500),
        "mid": NpsCounts(350, 300, 350),
    }
    table = shrink_nps(units)
    by_name = {u.name: u for u in table.units}
    assert by_name["tiny"].raw == pytest.approx(by_name["big"].raw)
    assert by_name["tiny"].shrinkage > by_name["big"].shrinkage
    assert by_name["tiny"].shrunken.n == 10


def test_homogeneous_units_have_no_spread() -> None:
    table = shrink_units(["a", "b", "c"], [0.2, 0.21, 0.19], [0.01, 0.01, 0.01])
    assert table.consistency.tau_squared == 0.0
    assert WarningCode.NO_BETWEEN_UNIT_SPREAD in table.warnings
    assert all(
        u.shrunken.value == pytest.approx(table.grand_mean.value) for u in table.units
    )
    assert table.consistency.tau.interval is not None
    assert table.consistency.tau.interval.low == 0.0


def test_edge_cases_warn_and_never_raise() -> None:
    none = shrink_units([], [], [])
    assert WarningCode.NO_RESPONSES in none.warnings
    assert none.units == ()
    one = shrink_units(["a"], [0.3], [0.01])
    assert WarningCode.FEW_UNITS in one.warnings
    assert one.units[0].shrunken.value == pytest.approx(0.3)
    two = shrink_units(["a", "b"], [0.1, 0.6], [0.01, 0.01])
    assert WarningCode.FEW_UNITS in two.warnings
    assert two.consistency.tau.value is not None
    nps = shrink_nps(
        {
            "empty": NpsCounts(0, 0, 0),
            "all9": NpsCounts(12, 0, 0),
            "x": NpsCounts(5, 5, 5),
            "y": NpsCounts(2, 5, 9),
        }
    )
    assert nps.excluded == ("empty",)
    assert WarningCode.UNIT_EXCLUDED in nps.warnings
    assert {u.name for u in nps.units} == {"all9", "x", "y"}


def test_proportion_and_mean_league_tables() -> None:
    csat = shrink_proportions(
        {
            "a": ProportionMoments(40, 30),
            "b": ProportionMoments(10, 10),
            "c": ProportionMoments(60, 20),
        }
    )
    assert {u.name for u in csat.units} == {"a", "b", "c"}
    assert next(u for u in csat.units if u.name == "b").raw == 1.0
    ces = shrink_means(
        {
            "a": MeanMoments.from_values([5, 6, 7, 6]),
            "b": MeanMoments.from_values([3]),
            "c": MeanMoments.from_values([2, 3, 4, 3, 2]),
        }
    )
    assert len(ces.units) == 3
    assert ces.consistency.weakest == "c" or ces.consistency.weakest == "b"
