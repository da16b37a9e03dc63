"""CES / mean scores and Welch comparisons (methods.md §1, §3 formulas).

References: the t interval is checked against
`scipy.stats.t.interval(0.95, n - 1, loc=mean, scale=sem)` and statsmodels
`DescrStatsW.tconfint_mean`; Welch against
`scipy.stats.ttest_ind(a, b, equal_var=False)` (statistic, p-value, df and
its `confidence_interval()`).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.weightstats import DescrStatsW

from belofte.stats import (
    MeanMoments,
    WarningCode,
    compare_means,
    compute_ces,
    compute_mean,
    compute_sentiment,
)

CES_A = [5, 6, 7, 4, 6, 6, 5, 7, 3, 6, 5, 6]
CES_B = [4, 3, 5, 4, 2, 5, 4, 3, 4, 6, 4, 3, 5, 2, 4, 4]


def test_mean_t_interval_matches_scipy_and_statsmodels() -> None:
    r = compute_mean(MeanMoments.from_values(CES_A))
    y = np.asarray(CES_A, dtype=float)
    low, high = stats.t.interval(0.95, y.size - 1, loc=y.mean(), scale=stats.sem(y))
    sm_low, sm_high = DescrStatsW(y).tconfint_mean(alpha=0.05)
    assert r.value == pytest.approx(y.mean(), abs=1e-12)
    assert r.interval is not None
    assert r.interval.low == pytest.approx(low, abs=1e-9)
    assert r.interval.high == pytest.approx(high, abs=1e-9)
    assert r.interval.low == pytest.approx(sm_low, abs=1e-9)
    assert r.interval.high == pytest.approx(sm_high, abs=1e-9)
    assert r.warnings == (WarningCode.SMALL_SAMPLE,)


def test_ces_clips_to_the_scale_and_sentiment_to_minus_one_one() -> None:
    ces = compute_ces(MeanMoments.from_values([7, 7, 7, 6]), scale=(1, 7))
    assert ces.interval is not None
    assert ces.interval.high == 7
    senti = compute_sentiment(MeanMoments.from_values([0.9, 1.0, -0.2, 0.95]))
    assert senti.interval is not None
    assert senti.interval.high <= 1.0
    assert senti.interval.low >= -1.0


@pytest.mark.parametrize("level", [0.9, 0.95, 0.99])
def test_welch_matches_scipy(level: float) -> None:
    a, b = np.asarray(CES_A, float), np.asarray(CES_B, float)
    c = compare_means(
        MeanMoments.from_values(a), MeanMoments.from_values(b), level=level
    )
    ref = stats.ttest_ind(a, b, equal_var=False)
    ci = ref.confidence_interval(confidence_level=level)
    assert c.difference == pytest.approx(a.mean() - b.mean(), abs=1e-12)
    assert c.statistic == pytest.approx(ref.statistic, abs=1e-9)
    assert c.p_value == pytest.approx(ref.pvalue, abs=1e-12)
    assert c.df == pytest.approx(ref.df, abs=1e-9)
    assert c.interval is not None
    assert c.interval.low == pytest.approx(ci.low, abs=1e-9)
    assert c.interval.high == pytest.approx(ci.high, abs=1e-9)
    assert c.method == "Welch t test"


def test_mean_moments_merge_exactly() -> None:
    whole = MeanMoments.from_values(CES_A + CES_B)
    merged = MeanMoments.from_values(CES_A) + MeanMoments.from_values(CES_B)
    assert merged == whole
    assert MeanMoments.from_values([1.0, np.nan, 3.0]) == MeanMoments(2, 4.0, 10.0)


def test_mean_edge_cases_warn_and_never_raise() -> None:
    empty = compute_mean(MeanMoments(0, 0.0, 0.0))
    assert empty.value is None
    assert empty.warnings == (WarningCode.NO_RESPONSES,)
    one = compute_mean(MeanMoments.from_values([4]))
    assert one.value == 4
    assert one.interval is not None
    assert (one.interval.low, one.interval.high) == (4, 4)
    assert WarningCode.ZERO_VARIANCE in one.warnings
    flat = compute_mean(MeanMoments.from_values([5] * 40))
    assert flat.warnings == (WarningCode.ZERO_VARIANCE,)
    no_group = compare_means(MeanMoments(0, 0.0, 0.0), MeanMoments.from_values(CES_A))
    assert no_group.difference is None
    assert no_group.warnings == (WarningCode.NO_RESPONSES,)
    both_flat = compare_means(
        MeanMoments.from_values([5, 5]), MeanMoments.from_values([4, 4, 4])
    )
    assert both_flat.difference == 1
    assert both_flat.p_value is None
    assert WarningCode.ZERO_VARIANCE in both_flat.warnings
    one_flat = compare_means(
        MeanMoments.from_values([5]), MeanMoments.from_values(CES_B)
    )
    assert one_flat.df == pytest.approx(len(CES_B) - 1)
    assert one_flat.p_value is not None
