"""Key-driver inputs on every engine equal the pandas oracle."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from belofte.analytics.cuts import Cut
from belofte.analytics.drivers import (
    driver_moments,
    driver_rows,
    rated_questions,
    themes_in,
)
from belofte.analytics.engine import Engine
from belofte.errors import InvalidInput
from tests.analytics import oracle
from tests.analytics.facts import QUESTIONS, THEMES

RATED = ("vriendelijkheid", "deskundigheid", "levertijd", "prijs")
THEMED = ("levertijd", "vriendelijk-personeel", "prijs-kwaliteit", "productkennis")

#: (cut, outcome, drivers, source) by id.
CASES = {
    "ratings-nps": (Cut(), "nps", RATED, "ratings"),
    "ratings-csat-where": (
        Cut(where={"channel": ("winkel", "webshop")}, until=date(2025, 6, 30)),
        "csat",
        RATED[:2],
        "ratings",
    ),
    "ratings-ces": (Cut(), "ces", ("overall", "prijs"), "ratings"),
    "themes-nps": (Cut(), "nps", THEMED, "themes"),
    "themes-csat-where": (
        Cut(where={"location": ("utrecht-centrum", "webshop")}),
        "csat",
        THEMED[:3],
        "themes",
    ),
    "themes-ces": (Cut(), "ces", THEMED, "themes"),
}
PARQUET_CUTS = {"ratings-nps"}
SPARK_SUBSETS = {
    "test_driver_rows": {"ratings-nps", "themes-ces"},
    "test_driver_moments": {"themes-nps"},
}


def _complete(table: pd.DataFrame, drivers: tuple[str, ...]) -> np.ndarray:
    values: np.ndarray = table[["outcome", *drivers]].to_numpy(dtype=np.float64)
    complete: np.ndarray = values[np.isfinite(values).all(axis=1)]
    return complete


def _rows_sorted(values: np.ndarray) -> np.ndarray:
    return values[np.lexsort(values.T[::-1])] if len(values) else values


def test_rated_questions(engine: Engine) -> None:
    assert rated_questions(engine) == sorted(QUESTIONS)


def test_themes_in(engine: Engine, facts: dict[str, pd.DataFrame]) -> None:
    assert themes_in(engine, Cut()) == sorted(THEMES)
    cut = Cut(where={"location": ("amsterdam-zuid",)}, since=date(2025, 12, 1))
    expected = sorted(set(oracle.filtered(facts["mentions"], cut)["theme"]))
    assert themes_in(engine, cut) == expected


@pytest.mark.parametrize("name", list(CASES))
def test_driver_rows(engine: Engine, facts: dict[str, pd.DataFrame], name: str) -> None:
    """The same complete rows (as a set) and the same number dropped."""
    cut, outcome, drivers, source = CASES[name]
    table = oracle.driver_table(facts, cut, outcome, drivers, source)
    expected = _complete(table, drivers)
    actual = driver_rows(engine, cut, outcome, drivers, source)
    assert actual.names == drivers
    assert actual.dropped == len(table) - len(expected)
    np.testing.assert_allclose(_rows_sorted(actual.values), _rows_sorted(expected))


@pytest.mark.parametrize("name", ["ratings-nps", "themes-nps"])
def test_driver_rows_in_respondent_order(
    engine: Engine, facts: dict[str, pd.DataFrame], name: str
) -> None:
    """Rows come in one order on every engine, so a seeded bootstrap reproduces.

    The bootstrap draws row indices from the seed: rows in engine order give
    other intervals on another engine (or another run of a parallel one).
    """
    cut, outcome, drivers, source = CASES[name]
    expected = _complete(
        oracle.driver_table(facts, cut, outcome, drivers, source), drivers
    )
    actual = driver_rows(engine, cut, outcome, drivers, source)
    np.testing.assert_allclose(actual.values, expected)


@pytest.mark.parametrize("name", ["ratings-nps", "ratings-csat-where", "themes-nps"])
def test_driver_moments(
    engine: Engine, facts: dict[str, pd.DataFrame], name: str
) -> None:
    cut, outcome, drivers, source = CASES[name]
    values = _complete(
        oracle.driver_table(facts, cut, outcome, drivers, source), drivers
    )
    n, sums, cross = driver_moments(engine, cut, outcome, drivers, source)
    assert n == len(values)
    np.testing.assert_allclose(sums, values.sum(axis=0), rtol=1e-9)
    np.testing.assert_allclose(cross, values.T @ values, rtol=1e-9)


def test_unknown_outcome_is_invalid_input(engine: Engine) -> None:
    with pytest.raises(InvalidInput, match="outcome"):
        driver_rows(engine, Cut(), "revenue", RATED, "ratings")
