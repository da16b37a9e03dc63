"""Response bodies of the results API: `ResultTable`s as JSON, documented.

Every figure comes with its n, interval, method and warnings as sibling
columns of a row (`nps`, `nps_low`, `nps_high`, `nps_n`, `nps_method`,
`nps_warnings`), exactly as `belofte metrics --json` prints them.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, Field

from belofte.services.measure.promise import PromiseReport
from belofte.services.measure.results import ResultTable

#: A calendar day a filter may name (a later one would overflow a day's end).
Day = Annotated[date, Field(ge=date(1900, 1, 1), le=date(2999, 12, 31))]


def _plain(value: Any) -> Any:
    """JSON-safe: numpy scalars as Python values, NaN and infinities as null."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()  # numpy scalar
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


class ResultTableOut(BaseModel):
    """One table of results: group keys first, then each figure with its evidence."""

    name: str = Field(description="What the table holds (scores, delivery, ...).")
    keys: list[str] = Field(description="The columns that name a row's group.")
    summary: dict[str, Any] = Field(
        description="Numbers about the whole result (n, R², resamples, seed, warnings)."
    )
    rows: list[dict[str, Any]] = Field(
        description="One object per group. A figure X comes with X_low and X_high "
        "(its interval), X_n, X_method (how the interval was computed) and "
        "X_warnings (comma-separated codes such as SMALL_SAMPLE); shares and NPS "
        "are proportions (NPS on [-1, 1]); null where not computable."
    )
    notes: list[str] = Field(description="How the figures were computed.")

    @classmethod
    def of(cls, table: ResultTable) -> ResultTableOut:
        """The body of `table`."""
        return cls.model_validate(_plain(table.as_json()))


class PromiseOut(BaseModel):
    """Promise delivery, its consistency, and the weakest link per pillar."""

    delivery: ResultTableOut
    consistency: ResultTableOut
    weakest_links: ResultTableOut

    @classmethod
    def of(cls, report: PromiseReport) -> PromiseOut:
        """The body of `report`."""
        return cls(
            delivery=ResultTableOut.of(report.delivery),
            consistency=ResultTableOut.of(report.consistency),
            weakest_links=ResultTableOut.of(report.weakest),
        )
