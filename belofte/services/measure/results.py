"""Flat views of statistical results, shared by the CLI, the web and the Python API.

Every analysis returns rich frozen objects (`stats` results); this module turns
one `Estimate` or `Comparison` into the flat, named columns a table, a CSV, a
JSON body or a DataFrame shows, so all of them say the same thing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa

from belofte.stats import Comparison, Estimate

__all__ = ["ResultTable", "comparison_columns", "estimate_columns", "rounded"]


def _number(value: float | None) -> float | None:
    """A plain float, None for missing or not finite (JSON has no NaN)."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def rounded(value: float | None, digits: int = 6) -> float | None:
    """A plain float rounded for display, None for missing or not finite."""
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


def estimate_columns(prefix: str, estimate: Estimate) -> dict[str, Any]:
    """Columns `P`, `P_low`, `P_high`, `P_n`, `P_method`, `P_warnings` for prefix P."""
    interval = estimate.interval
    if interval is not None and estimate.fallback_interval is not None:
        # Zero variance collapses Wald to a point: show the informative one.
        interval = estimate.fallback_interval
    return {
        prefix: _number(estimate.value),
        f"{prefix}_low": _number(interval.low) if interval else None,
        f"{prefix}_high": _number(interval.high) if interval else None,
        f"{prefix}_n": estimate.n,
        f"{prefix}_method": interval.method if interval else None,
        f"{prefix}_warnings": ",".join(estimate.warnings),
    }


def comparison_columns(prefix: str, comparison: Comparison) -> dict[str, Any]:
    """The difference, its interval, raw and adjusted p, and whether significant."""
    interval = comparison.interval
    return {
        prefix: _number(comparison.difference),
        f"{prefix}_low": _number(interval.low) if interval else None,
        f"{prefix}_high": _number(interval.high) if interval else None,
        f"{prefix}_p": _number(comparison.p_value),
        f"{prefix}_p_adjusted": _number(comparison.adjusted_p_value),
        f"{prefix}_adjustment": comparison.adjustment,
        f"{prefix}_significant": comparison.is_significant(),
    }


@dataclass(frozen=True, slots=True)
class ResultTable:
    """Rows of named values, with the group keys first and notes on the methods."""

    name: str
    keys: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    notes: tuple[str, ...] = ()
    #: Numbers about the whole result (R², n, seed...), shown above the rows.
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        """Every column, in first-seen order."""
        seen: dict[str, None] = dict.fromkeys(self.keys)
        for row in self.rows:
            seen.update(dict.fromkeys(row))
        return list(seen)

    def frame(self) -> pd.DataFrame:
        """As a pandas DataFrame."""
        return pd.DataFrame(list(self.rows), columns=self.columns)

    def arrow(self) -> pa.Table:
        """As an Arrow table."""
        return pa.Table.from_pandas(self.frame(), preserve_index=False)

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready body: name, keys, rows, notes."""
        return {
            "name": self.name,
            "keys": list(self.keys),
            "summary": dict(self.summary),
            "rows": [dict(row) for row in self.rows],
            "notes": list(self.notes),
        }

    def select(self, columns: Sequence[str]) -> ResultTable:
        """The same rows with only `columns` (keys kept)."""
        wanted = [*self.keys, *(c for c in columns if c not in self.keys)]
        rows = tuple({c: row.get(c) for c in wanted} for row in self.rows)
        return ResultTable(self.name, self.keys, rows, self.notes, self.summary)
