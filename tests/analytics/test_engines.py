"""Every engine holds the analytical facts with their types and declares its gaps."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from belofte.analytics.engine import GAPS, Capability, Engine, connect_parquet
from belofte.analytics.tables import FACTS
from belofte.errors import InvalidInput, UnsupportedByEngine
from tests.analytics.gaps import DECLARED_GAPS


def _kind(dtype: object) -> str:
    """A type's family: timestamp(6) and timestamp are the same to an analysis."""
    return type(dtype).__name__


def test_every_fact_has_its_schema(
    engine: Engine, facts: dict[str, pd.DataFrame]
) -> None:
    for name, schema in FACTS.items():
        table = engine.table(name)
        assert list(table.columns) == list(schema), name
        actual = {column: _kind(dtype) for column, dtype in table.schema().items()}
        assert actual == {c: _kind(d) for c, d in schema.items()}, name
        rows = engine.execute(table.count())
        assert int(rows) == len(facts[name]), name


WITH_NULLS = {
    "responses": [
        "customer_id",
        "touchpoint",
        "stage",
        "channel",
        "location",
        "region",
        "segment",
        "language",
        "nps",
        "csat",
        "ces",
    ],
    "texts": [
        "response_id",
        "touchpoint",
        "location",
        "sentiment_label",
        "sentiment",
        "nps",
        "csat",
    ],
    "mentions": ["response_id", "touchpoint", "location", "sentiment", "nps", "ces"],
    "steps": ["customer_id", "touchpoint", "stage", "channel", "location"],
}


def test_the_frames_follow_the_facts(facts: dict[str, pd.DataFrame]) -> None:
    """Exact column names; NULLs in nullable columns (and only there)."""
    assert list(facts) == list(FACTS)
    for name, schema in FACTS.items():
        frame = facts[name]
        assert list(frame.columns) == list(schema), name
        assert len(frame) >= 500, name
        for column, dtype in schema.items():
            values = frame[column]
            if dtype.is_timestamp():
                assert values.dtype == "datetime64[us]", (name, column)
            elif dtype.is_int64():
                assert str(values.dtype) in ("int64", "Int64"), (name, column)
            elif dtype.is_float64():
                assert values.dtype == "float64", (name, column)
            else:
                assert values.dropna().map(type).eq(str).all(), (name, column)
            if not dtype.nullable:
                assert values.notna().all(), (name, column)
    # NULLs where the facts have gaps: places, scores, sentiment, customers.
    for name, columns in WITH_NULLS.items():
        for column in columns:
            assert facts[name][column].isna().any(), (name, column)


def test_declared_gaps(engine: Engine) -> None:
    assert engine.capabilities == frozenset(Capability) - DECLARED_GAPS[engine.name]
    for capability in Capability:
        if capability in DECLARED_GAPS[engine.name]:
            with pytest.raises(UnsupportedByEngine, match=capability.value):
                engine.require(capability, "this analysis")
        else:
            engine.require(capability, "this analysis")


def test_gaps_table_is_this_suites() -> None:
    assert GAPS == DECLARED_GAPS


def test_unknown_table_is_invalid_input(engine: Engine) -> None:
    with pytest.raises(InvalidInput, match="unknown analytical table"):
        engine.table("customers")


def test_parquet_folder_without_a_table_is_invalid_input(tmp_path: Path) -> None:
    (tmp_path / "responses").mkdir()
    with pytest.raises(InvalidInput, match="holds no Parquet files"):
        connect_parquet(tmp_path)
