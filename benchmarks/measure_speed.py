"""Measure speed on the embedded default: 1M responses, NPS by location x month.

Issue 7's targets, measured side by side in one run:
* `belofte metrics --by location --period month` (the metrics service: Ibis
  over the workspace's Parquet lake in DuckDB, then intervals, period changes
  with Holm, in Python) warm: < 0.3 s;
* at most 2x a hand-written SQL GROUP BY producing the same counts on the same
  engine (DuckDB over the same Parquet files);
* for context, the same GROUP BY on the operational SQLite store;
* freshness: the cost of the check before every analysis, of the first full
  build of the lake, and of appending one more import.

    python benchmarks/measure_speed.py [--rows 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from belofte.analytics.cuts import parse_cut
from belofte.ingest.kinds import RecordKind
from belofte.services.listen.imports import import_file
from belofte.services.measure.analytics import analytics_engine, lake, refresh
from belofte.services.measure.metrics import ScoreOptions, scores
from belofte.services.setup import init_workspace
from belofte.settings import Settings

STORES = [
    "amsterdam-zuid",
    "rotterdam-alexandrium",
    "utrecht-centrum",
    "eindhoven-woensel",
    "groningen-zuid",
    "zwolle-centrum",
    "arnhem-centrum",
    "maastricht-centrum",
    "almere-stad",
    "leeuwarden-centrum",
    "assen-centrum",
    "middelburg-centrum",
    "webshop",
]
TOUCHPOINTS = [
    "aankoop-winkel",
    "bezorging-thuis",
    "installatie-thuis",
    "klantenservice-telefoon",
]

HAND_SQL = """
SELECT location, date_trunc('month', "at") AS period,
       count(nps) AS n,
       count(*) FILTER (WHERE nps >= 9) AS promoters,
       count(*) FILTER (WHERE nps BETWEEN 7 AND 8) AS passives,
       count(*) FILTER (WHERE nps <= 6) AS detractors
FROM read_parquet('{glob}')
GROUP BY 1, 2
"""
STORE_SQL = """
SELECT l.code, strftime('%Y-%m', r.responded_at), count(r.nps),
       sum(r.nps >= 9), sum(r.nps BETWEEN 7 AND 8), sum(r.nps <= 6)
FROM responses r LEFT JOIN locations l ON l.id = r.location_id
GROUP BY 1, 2
"""


def write_csv(path: Path, rows: int, start: int, seed: int, prefix: str = "R") -> None:
    rng = random.Random(seed)
    t0 = datetime(2026, 1, 1)
    with path.open("w", encoding="utf-8") as f:
        f.write("id,responded_at,location,touchpoint,nps,csat,ces\n")
        for i in range(start, start + rows):
            when = t0 + timedelta(minutes=rng.randrange(365 * 24 * 60))
            f.write(
                f"{prefix}{i},{when:%Y-%m-%d %H:%M},{rng.choice(STORES)},{rng.choice(TOUCHPOINTS)},"
                f"{min(10, max(0, round(rng.gauss(7.6, 2.2))))},{rng.randint(1, 5)},{rng.randint(1, 7)}\n"
            )


def timed(fn, repeat: int = 7) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--keep", type=Path, help="build the workspace here and keep it"
    )
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="belofte-measure-"))
    folder = base / "ws"
    settings = Settings(enrich_on_import=False)
    if not (folder / "belofte.yaml").exists():
        ws = init_workspace(folder, "retail-nl", settings).workspace
        data = base / "responses.csv"
        print(f"writing {args.rows:,} responses ...", flush=True)
        write_csv(data, args.rows, 0, seed=7)
        started = time.perf_counter()
        summary = import_file(ws, data, RecordKind.RESPONSES)
        print(f"imported {summary.stored:,} in {time.perf_counter() - started:.1f} s")
    else:
        from belofte.services.workspace import open_workspace

        ws = open_workspace(folder, settings)
    started = time.perf_counter()
    report = refresh(ws)
    print(
        f"lake build (first analysis after the import): {time.perf_counter() - started:.2f} s  {report.actions['responses']}"
    )
    check, _ = timed(lambda: refresh(ws))
    print(f"freshness check before each analysis: {check * 1000:.1f} ms")

    engine = analytics_engine(ws)
    cut = parse_cut(by=["location"], period="month")
    nps = ScoreOptions(("nps",))
    glob = str(lake(ws).folder / "responses" / "*.parquet")
    con = duckdb.connect()
    table = scores(engine, cut, nps)  # warm: connection, Ibis compile caches
    hand_rows = con.execute(HAND_SQL.format(glob=glob)).fetchall()
    # Side by side: the two alternate, so a busy moment hits both alike.
    ours_runs, hand_runs = [], []
    for _ in range(15):
        ours_runs.append(timed(lambda: scores(engine, cut, nps), repeat=1)[0])
        hand_runs.append(
            timed(lambda: con.execute(HAND_SQL.format(glob=glob)).fetchall(), repeat=1)[
                0
            ]
        )
    ours, hand = statistics.median(ours_runs), statistics.median(hand_runs)
    ours_with_check, _ = timed(lambda: scores(analytics_engine(ws), cut, nps))
    everything, _ = timed(lambda: scores(engine, cut))
    if len(hand_rows) != len(table.rows):  # type: ignore[attr-defined]
        raise SystemExit(f"different groups: {len(hand_rows)} vs {len(table.rows)}")  # type: ignore[attr-defined]
    store = sqlite3.connect(folder / "belofte.db")
    store_time, _ = timed(lambda: store.execute(STORE_SQL).fetchall(), repeat=3)
    print(f"groups: {len(hand_rows)}")
    print(
        f"metrics service, NPS with intervals and Holm-tested changes, warm: {ours:.3f} s (target < 0.3 s)"
    )
    print(f"  the same including the freshness check: {ours_with_check:.3f} s")
    print(f"  NPS, CSAT, CES and text sentiment together: {everything:.3f} s")
    print(
        f"hand-written GROUP BY, DuckDB over the same Parquet: {hand:.3f} s -> ratio {ours / hand:.2f}x (target <= 2x)"
    )
    print(f"the same GROUP BY on the SQLite store: {store_time:.3f} s")

    extra = base / "more.csv"
    write_csv(extra, 10_000, 0, seed=8, prefix=f"M{time.time_ns()}-")
    import_file(ws, extra, RecordKind.RESPONSES)
    started = time.perf_counter()
    report = refresh(ws)
    print(
        f"after importing 10,000 more: refresh {time.perf_counter() - started:.2f} s ({report.actions['responses']})"
    )
    ws.close()


if __name__ == "__main__":
    main()
