"""Holm and Benjamini-Hochberg against statsmodels `multipletests` (to 1e-12)."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats.multitest import multipletests

from belofte.stats import (
    Comparison,
    adjust_comparisons,
    adjust_p_values,
    benjamini_hochberg,
    bonferroni,
    holm,
)

CASES = [
    [0.01, 0.04, 0.03],
    [0.5],
    [0.001, 0.001, 0.2, 0.9, 0.049, 0.05],
    list(np.random.default_rng(20261129).uniform(0, 0.2, size=25)),
    list(np.random.default_rng(7).uniform(0, 1, size=40)),
]


@pytest.mark.parametrize("p", CASES)
def test_holm_matches_statsmodels(p: list[float]) -> None:
    expected = multipletests(p, method="holm")[1]
    assert np.allclose(holm(p), expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("p", CASES)
def test_bh_matches_statsmodels(p: list[float]) -> None:
    expected = multipletests(p, method="fdr_bh")[1]
    assert np.allclose(benjamini_hochberg(p), expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("p", CASES)
def test_bonferroni_matches_statsmodels(p: list[float]) -> None:
    expected = multipletests(p, method="bonferroni")[1]
    assert np.allclose(bonferroni(p), expected, rtol=0, atol=1e-12)
    adjusted = np.array(adjust_p_values(p, "bonferroni"), dtype=float)
    assert np.allclose(adjusted, expected, rtol=0, atol=1e-12)


def test_missing_p_values_stay_out_of_the_family() -> None:
    adjusted = adjust_p_values([0.01, None, 0.04, float("nan")], "holm")
    assert adjusted[1] is None
    assert adjusted[3] is None
    assert adjusted[0] == pytest.approx(0.02)
    assert adjusted[2] == pytest.approx(0.04)
    assert holm([]) == ()
    assert benjamini_hochberg([]) == ()


def test_adjust_comparisons_keeps_order_and_names_the_method() -> None:
    cs = [
        Comparison(0.1, None, p, 10, 10, "z", labels=(str(i), "x"))
        for i, p in enumerate([0.04, 0.01, 0.03])
    ]
    out = adjust_comparisons(cs, method="bh")
    assert [c.labels[0] for c in out] == ["0", "1", "2"]
    assert [c.adjusted_p_value for c in out] == pytest.approx([0.04, 0.03, 0.04])
    assert {c.adjustment for c in out} == {"bh"}
    assert out[1].is_significant()
    assert not out[0].is_significant(alpha=0.01)
