"""The public Python API: `belofte.open_workspace(...)` and its DataFrames, the
same numbers the CLI and the API give."""

from __future__ import annotations

import pandas as pd

import belofte
from belofte.analytics.cuts import parse_cut
from belofte.services.measure.analytics import analytics_engine
from belofte.services.measure.metrics import ScoreOptions, scores
from belofte.services.workspace import Workspace


def test_the_python_api_runs_the_services_on_a_workspace(
    demo_workspace: Workspace,
) -> None:
    ws = belofte.open_workspace(demo_workspace.path)
    try:
        assert isinstance(ws, belofte.Workspace)
        frame = ws.metrics("location", period="month", metrics=["nps"])
        assert isinstance(frame, pd.DataFrame)
        service = scores(
            analytics_engine(demo_workspace),
            parse_cut(["location"], "month"),
            ScoreOptions(("nps",)),
        ).frame()
        pd.testing.assert_frame_equal(
            frame[["location", "period", "nps", "nps_n"]],
            service[["location", "period", "nps", "nps_n"]],
        )
        assert frame.attrs["notes"]
        tables = ws.promise(where={"touchpoint": "installatie-thuis"})
        assert set(tables) == {"delivery", "consistency", "weakest_links"}
        assert len(ws.journeys(top=5)) == 5
        drivers = ws.drivers(resamples=50, seed=1)
        assert {"driver", "weight"} <= set(drivers.columns)
    finally:
        ws.close()
