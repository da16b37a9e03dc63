"""Journey paths and peak-end verdicts on every engine equal the pandas oracle."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pandas.testing as pdt
import pytest

from belofte.analytics.cuts import Cut
from belofte.analytics.engine import Engine
from belofte.analytics.journeys import moment_ratings, path_counts
from belofte.errors import UnsupportedByEngine
from tests.analytics import oracle
from tests.analytics.gaps import TIME_WINDOWS, lacks_journey_paths, needs_missing

#: (cut, window in days) by id.
PATHS = {
    "all-60": (Cut(), 60),
    "all-365": (Cut(), 365),
    "by-segment": (Cut(by=("segment",)), 90),
    "where-range": (
        Cut(where={"channel": ("winkel",)}, since=date(2025, 1, 1)),
        120,
    ),
}
PARQUET_CUTS = {"all-365"}
SPARK_SUBSETS = {
    "test_path_counts": {"all-365", "by-segment"},
    "test_moment_ratings": {"where-range"},
}

#: (cut, window in days) by id, for peak-end's moment ratings.
MOMENTS = {
    "all-365": (Cut(), 365),
    "all-730": (Cut(), 730),
    "where-range": (
        Cut(where={"channel": ("winkel", "thuis")}, until=date(2025, 6, 30)),
        365,
    ),
}


def _by_path(frame: pd.DataFrame) -> pd.DataFrame:
    # Equal counts leave the order of paths open: compare as sets of rows.
    columns = [
        c for c in frame.columns if c not in ("promoters", "passives", "detractors")
    ]
    return frame.sort_values(columns, na_position="last").reset_index(drop=True)


@pytest.mark.parametrize("name", list(PATHS))
def test_path_counts(engine: Engine, facts: dict[str, pd.DataFrame], name: str) -> None:
    cut, window = PATHS[name]
    if missing := needs_missing(engine, cut) or lacks_journey_paths(engine):
        with pytest.raises(UnsupportedByEngine, match=missing.value):
            path_counts(engine, cut, window)
        return
    actual = path_counts(engine, cut, window)
    expected = oracle.path_counts(facts, cut, window)
    keys = ["path", *oracle.keys_of(cut)]
    assert sorted(actual.columns) == sorted(expected.columns)
    # Most frequent first.
    assert actual["answers"].is_monotonic_decreasing
    pdt.assert_frame_equal(
        _by_path(oracle.normalised(actual[expected.columns], keys)),
        _by_path(oracle.normalised(expected, keys)),
        check_dtype=False,
    )


@pytest.mark.parametrize("name", list(MOMENTS))
def test_moment_ratings(
    engine: Engine, facts: dict[str, pd.DataFrame], name: str
) -> None:
    cut, window = MOMENTS[name]
    if missing := needs_missing(engine, cut, TIME_WINDOWS):
        with pytest.raises(UnsupportedByEngine, match=missing.value):
            moment_ratings(engine, cut, window)
        return
    actual = moment_ratings(engine, cut, window)
    expected = oracle.moment_ratings(facts, cut, window)
    assert len(expected) > 20  # the data gives peak-end something to do
    pdt.assert_frame_equal(
        actual.reset_index(drop=True),
        expected,
        check_dtype=False,
        check_exact=False,
        rtol=1e-9,
    )
