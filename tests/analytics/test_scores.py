"""score_moments and sentiment_moments on every engine equal the pandas oracle.

Each cut runs on each engine (see conftest) and the whole result frame is
compared with `oracle` on the same synthetic facts: group keys (NULL keys
included), period starts, every count and sum. A cut an engine cannot run is a
declared gap (`GAPS`): the engine must raise UnsupportedByEngine, not return
something else.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pandas.testing as pdt
import pytest

from belofte.analytics.cuts import Cut, Period
from belofte.analytics.engine import Engine
from belofte.analytics.scores import score_moments, sentiment_moments
from belofte.errors import UnsupportedByEngine
from tests.analytics import oracle
from tests.analytics.facts import EMPTY_LOCATION, NO_NPS_LOCATION, ONE_RESPONSE_LOCATION
from tests.analytics.gaps import needs_missing

D, W, M, Q, Y = Period.DAY, Period.WEEK, Period.MONTH, Period.QUARTER, Period.YEAR

#: The cuts every engine must agree on (ids name what each one catches).
CUTS = {
    "all": Cut(),
    "location": Cut(by=("location",)),
    "region": Cut(by=("region",)),
    "touchpoint-channel": Cut(by=("touchpoint", "channel")),
    "stage-segment-language": Cut(by=("stage", "segment", "language")),
    "pillar": Cut(by=("pillar",)),
    "theme": Cut(by=("theme",)),
    "pillar-location": Cut(by=("pillar", "location")),
    "theme-quarter": Cut(by=("theme",), period=Q),
    "where-theme-by-location": Cut(
        by=("location",), where={"theme": ("levertijd", "voorraad")}
    ),
    "where-pillar": Cut(where={"pillar": ("snel-geregeld",)}),
    "day": Cut(period=D),
    "week": Cut(period=W),
    "month": Cut(period=M),
    "quarter": Cut(period=Q),
    "year": Cut(period=Y),
    "location-month": Cut(by=("location",), period=M),
    "pillar-week": Cut(by=("pillar",), period=W),
    "where-channel": Cut(by=("touchpoint",), where={"channel": ("winkel", "webshop")}),
    "where-two-dimensions": Cut(
        by=("region",),
        where={"channel": ("winkel",), "segment": ("zakelijk", "student")},
    ),
    "year-end-weeks": Cut(period=W, since=date(2024, 12, 23), until=date(2025, 1, 12)),
    "year-end-days": Cut(period=D, since=date(2024, 12, 29), until=date(2025, 1, 1)),
    "until-is-inclusive": Cut(by=("channel",), until=date(2024, 12, 31)),
    "since-is-inclusive": Cut(by=("channel",), since=date(2025, 12, 29)),
    "one-day": Cut(
        by=("location",), since=date(2024, 12, 31), until=date(2024, 12, 31)
    ),
    "leap-day-month": Cut(period=M, since=date(2024, 2, 29), until=date(2024, 3, 31)),
    "one-row-group": Cut(where={"location": (ONE_RESPONSE_LOCATION,)}),
    "no-nps-group": Cut(
        by=("location",), where={"location": (NO_NPS_LOCATION, ONE_RESPONSE_LOCATION)}
    ),
    "customer-tier": Cut(by=("customer.tier",)),
    "customer-home-store-where": Cut(
        by=("customer.home-store", "channel"), where={"customer.tier": ("goud",)}
    ),
    "customer-tier-pillar": Cut(by=("customer.tier", "pillar")),
    "empty": Cut(where={"location": (EMPTY_LOCATION,)}),
    "empty-by": Cut(by=("location",), where={"location": (EMPTY_LOCATION,)}),
    "empty-range": Cut(by=("location",), period=M, since=date(2027, 1, 1)),
}

#: The Parquet routes load differently, then run the same engine: a few cuts
#: (conftest deselects the others there).
PARQUET_CUTS = {"all", "pillar", "location-month", "year-end-weeks", "empty"}


#: Spark (~0.3 s a job) runs the cuts that exercise each route, period and edge.
SPARK_SUBSETS = {
    "test_score_moments": {
        "all",
        "location",
        "touchpoint-channel",
        "pillar",
        "where-theme-by-location",
        "week",
        "quarter",
        "location-month",
        "year-end-weeks",
        "until-is-inclusive",
        "no-nps-group",
        "customer-tier-pillar",
        "empty",
        "empty-by",
    },
    "test_sentiment_moments": {
        "all",
        "pillar",
        "where-theme-by-location",
        "year-end-weeks",
        "customer-tier-pillar",
        "empty",
    },
}


def assert_same_frame(actual: pd.DataFrame, expected: pd.DataFrame, cut: Cut) -> None:
    keys = oracle.keys_of(cut)
    pdt.assert_frame_equal(
        oracle.normalised(actual, keys),
        oracle.normalised(expected, keys),
        check_dtype=False,
        check_index_type=False,
        check_exact=False,
        rtol=1e-9,
        atol=1e-9,
    )


@pytest.mark.parametrize("name", list(CUTS))
def test_score_moments(
    engine: Engine, facts: dict[str, pd.DataFrame], name: str
) -> None:
    cut = CUTS[name]
    if missing := needs_missing(engine, cut):
        with pytest.raises(UnsupportedByEngine, match=missing.value):
            score_moments(engine, cut)
        return
    actual = score_moments(engine, cut)
    assert list(actual.columns) == [*oracle.keys_of(cut), *oracle.SCORE_COLUMNS]
    assert_same_frame(actual, oracle.score_moments(facts, cut), cut)


@pytest.mark.parametrize("name", list(CUTS))
def test_sentiment_moments(
    engine: Engine, facts: dict[str, pd.DataFrame], name: str
) -> None:
    cut = CUTS[name]
    if missing := needs_missing(engine, cut):
        with pytest.raises(UnsupportedByEngine, match=missing.value):
            sentiment_moments(engine, cut)
        return
    actual = sentiment_moments(engine, cut)
    assert list(actual.columns) == [*oracle.keys_of(cut), *oracle.SENTIMENT_COLUMNS]
    assert_same_frame(actual, oracle.sentiment_moments(facts, cut), cut)


def test_other_score_scale(engine: Engine, facts: dict[str, pd.DataFrame]) -> None:
    """Configurable cut-offs move answers 6-9 between categories the same way."""
    from belofte.analytics.scores import ScoreScale

    cut = Cut(by=("channel",))
    actual = score_moments(
        engine, cut, ScoreScale(promoter_min=8, detractor_max=5, csat_top_min=5)
    )
    expected = oracle.score_moments(
        facts, cut, promoter_min=8, detractor_max=5, csat_top_min=5
    )
    assert_same_frame(actual, expected, cut)


def test_the_data_has_what_the_cuts_catch(facts: dict[str, pd.DataFrame]) -> None:
    """The oracle's data really holds the edge cases the cut ids promise."""
    responses, mentions = facts["responses"], facts["mentions"]
    assert set(range(6, 10)) <= set(responses["nps"].dropna().astype(int))
    by_location = responses.groupby("location", dropna=False)
    assert by_location.size()[ONE_RESPONSE_LOCATION] == 1
    assert by_location["nps"].count()[NO_NPS_LOCATION] == 0
    assert EMPTY_LOCATION not in set(responses["location"].dropna())
    assert responses["location"].isna().any()
    at = responses["at"]
    assert (at == pd.Timestamp("2024-12-31 23:59:59.999999")).any()
    assert (at == pd.Timestamp("2025-01-01")).any()
    assert (at == pd.Timestamp("2024-12-30")).any()  # ISO 2025-W01
    # A response mentioned twice in one pillar (counted once per group).
    linked = mentions.dropna(subset=["response_id"])
    assert linked.duplicated(["pillar", "response_id"]).any()
    assert linked.duplicated(["theme", "response_id"]).any()
