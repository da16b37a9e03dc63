"""The public Python API: a workspace with its analyses, as pandas DataFrames.

`belofte.open_workspace("shop")` returns this `Workspace`, the store's
workspace plus `metrics()`, `promise()`, `drivers()` and `journeys()`, which
run the very services the CLI and the API run. It lives here, beside the
analyses, so that the store's workspace knows nothing of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from belofte.analytics.cuts import Cut, parse_cut
from belofte.analytics.engine import Engine
from belofte.services import workspace as store_workspace
from belofte.services.measure import journeys as journey_service
from belofte.services.measure import metrics as metric_service
from belofte.services.measure.analytics import analytics_engine
from belofte.services.measure.drivers import drivers as find_drivers
from belofte.services.measure.promise import promise as promise_report
from belofte.settings import Settings

__all__ = ["Workspace", "open_workspace"]


class Workspace(store_workspace.Workspace):
    """An opened workspace with its analyses. Build it with `open_workspace`."""

    __slots__ = ()

    def metrics(
        self,
        by: str | Sequence[str] = (),
        *,
        period: str | None = None,
        where: Mapping[str, str | Sequence[str]] | None = None,
        since: str | None = None,
        until: str | None = None,
        metrics: Sequence[str] = ("nps", "csat", "ces", "sentiment"),
        compare: bool = False,
        engine: str = "duckdb",
    ) -> pd.DataFrame:
        """NPS, CSAT, CES, sentiment with intervals per group, as a DataFrame.

        `.attrs["notes"]` names the methods; `pyarrow.Table.from_pandas(df)`
        gives Arrow.

        Examples
        --------
        >>> ws.metrics(by="location", period="month")  # doctest: +SKIP

        """
        cut = _cut(by, period, where, since, until)
        options = metric_service.ScoreOptions(tuple(metrics))
        run = metric_service.comparisons if compare else metric_service.scores
        return _frame(run(self._engine_for(engine), cut, options))

    def promise(
        self,
        by: str | Sequence[str] = (),
        *,
        where: Mapping[str, str | Sequence[str]] | None = None,
        since: str | None = None,
        until: str | None = None,
        engine: str = "duckdb",
    ) -> dict[str, pd.DataFrame]:
        """Promise delivery, consistency and weakest links, one DataFrame each."""
        cut = _cut(by, None, where, since, until)
        report = promise_report(self, self._engine_for(engine), cut)
        return {table.name: _frame(table) for table in report.tables()}

    def drivers(
        self,
        *,
        outcome: str = "nps",
        themes: bool = False,
        where: Mapping[str, str | Sequence[str]] | None = None,
        method: str = "lmg",
        resamples: int = 2000,
        seed: int = 20261129,
        engine: str = "duckdb",
    ) -> pd.DataFrame:
        """Key drivers (LMG or Johnson) with bootstrap intervals, one row a driver."""
        result = find_drivers(
            self._engine_for(engine),
            _cut((), None, where, None, None),
            outcome=outcome,
            source="themes" if themes else "ratings",
            method="johnson" if method == "johnson" else "lmg",
            resamples=resamples,
            seed=seed,
        )
        return _frame(result)

    def journeys(
        self,
        by: str | Sequence[str] = (),
        *,
        where: Mapping[str, str | Sequence[str]] | None = None,
        top: int = 15,
        window_days: int = 60,
        peak_end: bool = False,
        engine: str = "duckdb",
    ) -> pd.DataFrame:
        """Most frequent journey paths with NPS and detractor share (or peak-end)."""
        cut = _cut(by, None, where, None, None)
        eng = self._engine_for(engine)
        if peak_end:
            return _frame(journey_service.peak_end(eng, cut, window_days=window_days))
        return _frame(journey_service.paths(eng, cut, top=top, window_days=window_days))

    def _engine_for(self, engine: str) -> Engine:
        return analytics_engine(self, engine)


def open_workspace(
    path: Path | str | None = None, settings: Settings | None = None
) -> Workspace:
    """Open the workspace at `path` (or the one `settings` and the cwd point to).

    Examples
    --------
    >>> ws = belofte.open_workspace("shop")  # doctest: +SKIP
    >>> ws.metrics("location", period="month")  # doctest: +SKIP

    """
    opened = store_workspace.open_workspace(path, settings)
    return Workspace(opened.path, opened.settings)


def _cut(
    by: str | Sequence[str],
    period: str | None,
    where: Mapping[str, str | Sequence[str]] | None,
    since: str | None,
    until: str | None,
) -> Cut:
    filters = [
        f"{name}={value if isinstance(value, str) else ','.join(value)}"
        for name, value in (where or {}).items()
    ]
    return parse_cut(
        [by] if isinstance(by, str) else list(by), period, filters, since, until
    )


def _frame(result: Any) -> pd.DataFrame:
    frame: pd.DataFrame = result.frame()
    frame.attrs["notes"] = list(result.notes)
    frame.attrs["summary"] = dict(result.summary)
    return frame
