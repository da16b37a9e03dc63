"""promise_counts and broken_evidence on every engine equal the pandas oracle."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pandas.testing as pdt
import pytest

from belofte.analytics.cuts import Cut, Period
from belofte.analytics.engine import Engine
from belofte.analytics.promise import broken_evidence, promise_counts
from belofte.errors import UnsupportedByEngine
from tests.analytics import oracle
from tests.analytics.gaps import needs_missing

#: (cut, dimensions) by id.
CASES: dict[str, tuple[Cut, tuple[str, ...]]] = {
    "pillar-touchpoint": (Cut(), ("touchpoint",)),
    "pillar-location": (Cut(), ("location",)),
    "pillar-touchpoint-location": (Cut(), ("touchpoint", "location")),
    "by-pillar-again": (Cut(by=("pillar",)), ("touchpoint",)),
    "by-channel": (Cut(by=("channel",)), ("touchpoint",)),
    "month": (Cut(period=Period.MONTH), ("touchpoint",)),
    "week": (Cut(period=Period.WEEK), ("location",)),
    "where-and-range": (
        Cut(
            where={"channel": ("winkel", "thuis")},
            since=date(2024, 12, 30),
            until=date(2025, 6, 30),
        ),
        ("touchpoint",),
    ),
}
PARQUET_CUTS = {"month", "pillar-touchpoint"}  # cases and cells
SPARK_SUBSETS = {
    "test_promise_counts": {"pillar-touchpoint", "week", "month"},
    "test_broken_evidence": {"null-touchpoint"},
}

CELLS: dict[str, dict[str, str | None]] = {
    "pillar-touchpoint": {"pillar": "snel-geregeld", "touchpoint": "bezorging-thuis"},
    "null-touchpoint": {"pillar": "eerlijke-prijs", "touchpoint": None},
    # A text mentions two themes of one pillar: it is one text of evidence.
    "pillar-only": {"pillar": "snel-geregeld"},
    "location": {"pillar": "vertrouwd-dichtbij", "location": "amsterdam-zuid"},
}


@pytest.mark.parametrize("name", list(CASES))
def test_promise_counts(
    engine: Engine, facts: dict[str, pd.DataFrame], name: str
) -> None:
    cut, dimensions = CASES[name]
    if missing := needs_missing(engine, cut):
        with pytest.raises(UnsupportedByEngine, match=missing.value):
            promise_counts(engine, cut, dimensions)
        return
    actual = promise_counts(engine, cut, dimensions)
    expected = oracle.promise_counts(facts, cut, dimensions)
    keys = list(expected.columns[:-3])
    assert list(actual.columns) == [*keys, "kept", "broken", "undecided"]
    pdt.assert_frame_equal(
        oracle.normalised(actual, keys),
        oracle.normalised(expected, keys),
        check_dtype=False,
    )


@pytest.mark.parametrize("cell", list(CELLS))
def test_broken_evidence(
    engine: Engine, facts: dict[str, pd.DataFrame], cell: str
) -> None:
    cut = Cut(until=date(2025, 12, 31))
    actual = broken_evidence(engine, cut, CELLS[cell], limit=5)
    assert actual == oracle.broken_evidence(facts, cut, CELLS[cell], limit=5)


def test_broken_evidence_names_a_text_once(
    engine: Engine, facts: dict[str, pd.DataFrame]
) -> None:
    """A text breaking a pillar in two themes is one piece of evidence, not two."""
    mentions = facts["mentions"]
    _, broken = oracle.verdicts(mentions)
    twice = mentions[broken].groupby(["verbatim_id", "pillar"]).size()
    verbatim_id, pillar = twice[twice >= 2].index[0]
    day = mentions.loc[mentions["verbatim_id"] == verbatim_id, "at"].iloc[0].date()
    cut = Cut(since=day, until=day)
    expected = oracle.broken_evidence(facts, cut, {"pillar": pillar}, limit=20)
    assert verbatim_id in expected
    assert broken_evidence(engine, cut, {"pillar": pillar}, limit=20) == expected
