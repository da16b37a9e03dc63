"""The same analysis on 10M responses through DuckDB and PySpark (local), same code.

Writes a synthetic responses fact table (`analytics.tables` schema) as Parquet
parts, with empty Parquet files for the other facts, then runs the metrics
service (NPS, CSAT, CES by location x month with intervals and Holm-tested
changes) through `connect_parquet` on each engine and prints the times. Spark
needs `pip install 'belofte[spark]'` and Java 17.

    python benchmarks/engines_scale.py [--rows 10000000] [--engines duckdb,spark]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from belofte.analytics.cuts import parse_cut
from belofte.analytics.engine import connect_parquet
from belofte.analytics.lake import arrow_schema
from belofte.analytics.tables import FACTS, RESPONSES
from belofte.services.measure.analytics import spark_session
from belofte.services.measure.metrics import ScoreOptions, scores

STORES = [f"store-{i:02d}" for i in range(24)] + ["webshop"]
PART_ROWS = 2_000_000


def write_facts(folder: Path, rows: int, seed: int = 11) -> None:
    rng = np.random.default_rng(seed)
    schemas = {name: arrow_schema(name) for name in FACTS}
    for name, schema in schemas.items():
        (folder / name).mkdir(parents=True, exist_ok=True)
        if name != RESPONSES:
            pq.write_table(schema.empty_table(), folder / name / "part-00000.parquet")
    start = np.datetime64("2026-01-01T00:00:00", "us")
    year = np.int64(365 * 24 * 3600 * 1_000_000)
    for part, first in enumerate(range(0, rows, PART_ROWS)):
        n = min(PART_ROWS, rows - first)
        columns = {
            "response_id": np.arange(first, first + n, dtype=np.int64),
            "customer_id": rng.integers(0, rows // 3, n),
            "at": start + rng.integers(0, year, n).astype("timedelta64[us]"),
            "touchpoint": rng.choice(["aankoop-winkel", "bezorging-thuis"], n),
            "stage": rng.choice(["aankoop", "bezorging"], n),
            "channel": rng.choice(["winkel", "webshop"], n),
            "location": rng.choice(STORES, n),
            "region": rng.choice(["Noord", "Zuid"], n),
            "segment": rng.choice(["particulier", "zakelijk"], n),
            "language": rng.choice(["nl", "en"], n),
            "nps": np.clip(np.rint(rng.normal(7.6, 2.2, n)), 0, 10).astype(np.int64),
            "csat": rng.integers(1, 6, n),
            "ces": rng.integers(1, 8, n),
        }
        table = pa.table(
            {
                c: pa.array(v, type=schemas[RESPONSES].field(c).type)
                for c, v in columns.items()
            },
            schema=schemas[RESPONSES],
        )
        pq.write_table(table, folder / RESPONSES / f"part-{part:05d}.parquet")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--engines", default="duckdb,spark")
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="belofte-scale-"))
    if not (folder / RESPONSES).is_dir():
        started = time.perf_counter()
        write_facts(folder, args.rows)
        print(
            f"wrote {args.rows:,} responses as Parquet in {time.perf_counter() - started:.1f} s ({folder})"
        )
    cut = parse_cut(by=["location"], period="month")
    options = ScoreOptions(("nps", "csat", "ces"))
    results = {}
    for name in args.engines.split(","):
        started = time.perf_counter()
        engine = connect_parquet(
            folder, spark=spark_session() if name == "spark" else None
        )
        connected = time.perf_counter() - started
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            table = scores(engine, cut, options)
            runs.append(time.perf_counter() - started)
        results[name] = table.rows
        print(
            f"{name}: connect {connected:.1f} s; NPS/CSAT/CES by location x month "
            f"({len(table.rows)} groups): first {runs[0]:.2f} s, then {min(runs[1:]):.2f} s"
        )
    if len(results) == 2:
        a, b = results.values()
        same = all(
            x["nps_n"] == y["nps_n"] and abs((x["nps"] or 0) - (y["nps"] or 0)) < 1e-12
            for x, y in zip(a, b, strict=True)
        )
        print(f"same results on both engines: {same}")


if __name__ == "__main__":
    main()
