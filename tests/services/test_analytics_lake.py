"""The analytics lake: fresh after every change, appended or rebuilt, on both stores."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from belofte.analytics.cuts import parse_cut
from belofte.errors import InvalidInput
from belofte.ingest.kinds import RecordKind
from belofte.services.listen.imports import import_file, ingest_records
from belofte.services.measure.analytics import analytics_engine, export_parquet, refresh
from belofte.services.measure.metrics import ScoreOptions, scores
from belofte.services.workspace import Workspace

NPS_ONLY = ScoreOptions(("nps",))


def answers(
    prefix: str, location: str, values: list[int], when: str
) -> list[dict[str, object]]:
    return [
        {
            "id": f"{prefix}{i}",
            "responded_at": when,
            "location": location,
            "touchpoint": "aankoop-winkel",
            "nps": value,
            "csat": 5 if value >= 9 else 2,
        }
        for i, value in enumerate(values)
    ]


def nps_by_location(ws: Workspace) -> dict[str, tuple[float, int]]:
    table = scores(analytics_engine(ws), parse_cut(by=["location"]), NPS_ONLY)
    return {row["location"]: (row["nps"], row["nps_n"]) for row in table.rows}


def test_refresh_appends_new_rows_and_rebuilds_changed_ones(
    workspace: Workspace,
) -> None:
    # Utrecht: 3 promoters, 1 passive, 2 detractors -> NPS 1/6.
    ingest_records(
        workspace,
        RecordKind.RESPONSES,
        answers("U", "utrecht-centrum", [10, 9, 9, 8, 6, 0], "2026-03-02 10:00"),
        source="t",
    )
    assert refresh(workspace).actions["responses"] == "rebuilt 6"
    assert refresh(workspace).actions == dict.fromkeys(
        [
            "responses",
            "texts",
            "mentions",
            "ratings",
            "steps",
            "orders",
            "customer_attributes",
        ],
        "fresh",
    )
    assert nps_by_location(workspace) == {"utrecht-centrum": (pytest.approx(1 / 6), 6)}

    # New answers only: one more part, nothing rewritten.
    ingest_records(
        workspace,
        RecordKind.RESPONSES,
        answers("A", "almere-stad", [3, 10], "2026-03-03 10:00"),
        source="t",
    )
    assert refresh(workspace).actions["responses"] == "appended 2"
    assert nps_by_location(workspace)["almere-stad"] == (0.0, 2)

    # An answer changed at the source: the table is rebuilt, never stale.
    changed = answers("U", "utrecht-centrum", [10, 9, 9, 8, 6, 0], "2026-03-02 10:00")
    changed[5]["nps"] = 10
    ingest_records(workspace, RecordKind.RESPONSES, changed, source="t")
    assert refresh(workspace).actions["responses"] == "rebuilt 8"
    assert nps_by_location(workspace)["utrecht-centrum"] == (pytest.approx(3 / 6), 6)


def test_periods_are_local_time(sqlite_workspace: Workspace) -> None:
    # 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
    ingest_records(
        sqlite_workspace,
        RecordKind.RESPONSES,
        answers("N", "utrecht-centrum", [9], "2026-12-31T23:30:00+00:00")
        + answers("D", "utrecht-centrum", [0], "2026-12-31T22:30:00+00:00"),
        source="t",
    )
    engine = analytics_engine(sqlite_workspace)
    table = scores(engine, parse_cut(period="month"), NPS_ONLY)
    assert [(r["period"], r["nps"], r["nps_n"]) for r in table.rows] == [
        ("2026-12", -1.0, 1),
        ("2027-01", 1.0, 1),
    ]
    table = scores(engine, parse_cut(until="2026-12-31"), NPS_ONLY)
    assert [r["nps_n"] for r in table.rows] == [1]


def test_a_parquet_export_gives_the_same_results(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    ingest_records(
        sqlite_workspace,
        RecordKind.RESPONSES,
        answers("U", "utrecht-centrum", [10, 9, 7, 6, 2], "2026-05-02 10:00")
        + answers("A", "almere-stad", [9, 9, 9, 1], "2026-06-02 10:00"),
        source="t",
    )
    counts = export_parquet(sqlite_workspace, tmp_path / "export")
    assert counts["responses"] == 9
    cut = parse_cut(by=["location"], period="quarter")
    own = scores(analytics_engine(sqlite_workspace), cut)
    exported = scores(
        analytics_engine(sqlite_workspace, parquet=tmp_path / "export"), cut
    )
    assert exported.rows == own.rows
    assert [(r["location"], r["period"]) for r in own.rows] == [
        ("almere-stad", "2026-Q2"),
        ("utrecht-centrum", "2026-Q2"),
    ]
    row = own.rows[1]
    # 2 promoters, 1 passive, 2 detractors: NPS 0; n < 100 takes adjusted Wald
    # (2.75 and 2.75 of 8: v = 0.6875), centred on the adjusted NPS, also 0.
    half = 1.959963984540054 * math.sqrt(0.6875 / 8)
    assert (row["nps"], row["nps_low"], row["nps_high"]) == pytest.approx(
        (0.0, -half, half), abs=1e-6
    )
    assert row["nps_warnings"] == "SMALL_SAMPLE"


def test_export_refuses_the_lake_itself(sqlite_workspace: Workspace) -> None:
    with pytest.raises(InvalidInput, match="own lake"):
        export_parquet(sqlite_workspace, sqlite_workspace.path / "analytics")


def test_cut_by_any_customer_attribute_follows_its_changes(
    workspace: Workspace, tmp_path: Path
) -> None:
    customers = tmp_path / "klanten.csv"
    customers.write_text(
        "id,segment,loyalty\nK1,particulier,goud\nK2,particulier,standaard\n",
        encoding="utf-8",
    )
    import_file(workspace, customers, RecordKind.CUSTOMERS)
    ingest_records(
        workspace,
        RecordKind.RESPONSES,
        [
            {"id": "R1", "customer": "K1", "responded_at": "2026-04-01", "nps": 10},
            {"id": "R2", "customer": "K1", "responded_at": "2026-04-02", "nps": 9},
            {"id": "R3", "customer": "K2", "responded_at": "2026-04-03", "nps": 3},
            {"id": "R4", "responded_at": "2026-04-04", "nps": 8},
        ],
        source="t",
    )

    def by_loyalty() -> list[tuple[str, float, int]]:
        table = scores(
            analytics_engine(workspace), parse_cut(by=["customer.loyalty"]), NPS_ONLY
        )
        return [(r["customer.loyalty"], r["nps"], r["nps_n"]) for r in table.rows]

    assert by_loyalty() == [
        ("goud", 1.0, 2),
        ("standaard", -1.0, 1),
        ("(none)", 0.0, 1),
    ]
    # K2 moves up a tier in place: no new ids, yet the next analysis knows.
    customers.write_text(
        "id,segment,loyalty\nK1,particulier,goud\nK2,particulier,goud\n",
        encoding="utf-8",
    )
    import_file(workspace, customers, RecordKind.CUSTOMERS)
    assert refresh(workspace).actions["customer_attributes"] == "rebuilt 2"
    assert by_loyalty() == [("goud", pytest.approx(1 / 3), 3), ("(none)", 0.0, 1)]
    with pytest.raises(InvalidInput, match="unknown dimension 'customer.'"):
        parse_cut(by=["customer."])
