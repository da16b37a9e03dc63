"""Import speed: 1,000,000 synthetic survey responses (CSV) into the embedded SQLite store.

Prints rows/s of `belofte import` (run as a child process, so its peak memory is
measured alone), the rows/s of a bare sqlite3 executemany of the same records into
the same schema (same PRAGMAs, same tables: responses, their comments and the
originals, customers), their ratio, and then the same file with 1 % malformed rows:
good rows lost (must be 0) and bad rows reported.

    python benchmarks/import_speed.py [--rows 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from belofte.domain.privacy import pseudonymous_key
from belofte.services.setup import init_workspace
from belofte.settings import Settings
from belofte.store.repositories.meta import MetaRepository
from belofte.store.session import SQLITE_PRAGMAS

TOUCHPOINTS = [
    "bezorging-thuis",
    "installatie-thuis",
    "advies-winkel",
    "aankoop-webshop",
    "klantenservice-telefoon",
    "servicebalie-winkel",
]
LOCATIONS = [
    "utrecht-centrum",
    "amsterdam-zuid",
    "rotterdam-alexandrium",
    "webshop",
    "eindhoven-woensel",
    "groningen-zuid",
    "arnhem-centrum",
    "zwolle-centrum",
]
COMMENTS = [
    "Bezorging was twee dagen te laat",
    "Vriendelijk personeel, goed advies",
    "Monteur kwam niet opdagen, bel me op 06-12345678",
    "Prima",
    "Te duur",
    "Snel geregeld, top!",
    "Niet echt vriendelijk geholpen",
    "Wachttijd aan de telefoon te lang",
]


def write_file(path: Path, rows: int, bad_share: float, seed: int = 7) -> int:
    """Write the benchmark CSV; returns how many rows are malformed on purpose."""
    rng = random.Random(seed)
    bad = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(
            [
                "id",
                "klant",
                "datum",
                "touchpoint",
                "winkel",
                "nps",
                "csat",
                "ces",
                "opmerking",
            ]
        )
        for i in range(rows):
            row = [
                f"R{i:08d}",
                f"K{rng.randrange(rows // 10 or 1):07d}",
                f"{1 + i % 28:02d}-{1 + (i // 28) % 12:02d}-2026",
                TOUCHPOINTS[i % len(TOUCHPOINTS)],
                LOCATIONS[i % len(LOCATIONS)],
                str(rng.randrange(11)),
                str(1 + rng.randrange(5)),
                str(1 + rng.randrange(7)),
                rng.choice(COMMENTS) if rng.random() < 0.2 else "",
            ]
            if bad_share and rng.random() < bad_share:
                bad += 1
                kind = bad % 5
                if kind == 0:
                    row[5] = "11"  # NPS out of scale
                elif kind == 1:
                    row[6] = "0"  # CSAT out of scale
                elif kind == 2:
                    row[2] = "31-02-2026"  # no such date
                elif kind == 3:
                    row[3] = "bezorging-thuiss"  # unknown touchpoint
                else:
                    row[0] = ""  # missing key
            out.writerow(row)
    return bad


def run_import(ws: Path, data: Path) -> tuple[dict[str, object], float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELOFTE_")}
    # The import alone: text analysis after it is measured by text_speed.py.
    env["BELOFTE_ENRICH_ON_IMPORT"] = "false"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "belofte",
            "--workspace",
            str(ws),
            "import",
            str(data),
            "--kind",
            "responses",
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return json.loads(result.stdout), peak


def bare_executemany(ws: Path, data: Path) -> float:
    """The same records, parsed and keyed beforehand, straight into the same tables.

    Only the executemany calls and commits are timed: this is the floor that any
    importer of these rows into this schema pays.
    """
    workspace = init_workspace(ws, "retail-nl", Settings()).workspace
    with workspace.session() as s:
        salt = MetaRepository(s).pseudonym_salt()
    workspace.close()
    con = sqlite3.connect(ws / "belofte.db", isolation_level=None)
    for pragma in SQLITE_PRAGMAS:  # exactly the store's own connection settings
        con.execute(f"PRAGMA {pragma}")
    touchpoints = dict(con.execute("SELECT code, id FROM touchpoints").fetchall())
    locations = dict(con.execute("SELECT code, id FROM locations").fetchall())
    with data.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        rows = list(reader)
    now = "2026-11-25 12:00:00.000000"
    customer_ids: dict[str, int] = {}
    batches = []
    verbatim_id = 0
    for start in range(0, len(rows), 10_000):
        chunk = rows[start : start + 10_000]
        customers = []
        for r in chunk:
            if r[1] not in customer_ids:
                customer_ids[r[1]] = len(customer_ids) + 1
                key = pseudonymous_key(salt, "customers", r[1])
                customers.append((customer_ids[r[1]], key, now))
        responses = [
            (
                start + i + 1,
                "bare",
                r[0],
                "0" * 32,
                now,
                customer_ids[r[1]],
                touchpoints[r[3]],
                locations[r[4]],
                None,
                f"2026-{r[2][3:5]}-{r[2][:2]} 00:00:00.000000",
                None,
                int(r[5]),
                int(r[6]),
                int(r[7]),
            )
            for i, r in enumerate(chunk)
        ]
        verbatims, originals = [], []
        for i, r in enumerate(chunk):
            if r[8]:
                verbatim_id += 1
                verbatims.append(
                    (
                        verbatim_id,
                        "bare",
                        "response/" + r[0],
                        "0" * 32,
                        now,
                        "survey",
                        start + i + 1,
                        now,
                        r[8],
                    )
                )
                originals.append((verbatim_id, r[8]))
        batches.append((customers, responses, verbatims, originals))
    started = time.perf_counter()
    for customers, responses, verbatims, originals in batches:
        con.execute("BEGIN IMMEDIATE")
        con.executemany(
            "INSERT INTO customers (id, key, attributes, first_seen) VALUES (?, ?, '{}', ?)",
            customers,
        )
        con.executemany(
            "INSERT INTO responses (id, source, external_id, content_hash, imported_at,"
            " customer_id, touchpoint_id, location_id, channel_id, responded_at, language,"
            " nps, csat, ces) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            responses,
        )
        con.executemany(
            "INSERT INTO verbatims (id, source, external_id, content_hash, imported_at,"
            " kind, response_id, occurred_at, text_redacted, attributes)"
            " VALUES (?,?,?,?,?,?,?,?,?,'{}')",
            verbatims,
        )
        con.executemany(
            "INSERT INTO verbatim_originals (verbatim_id, text) VALUES (?, ?)",
            originals,
        )
        con.execute("COMMIT")
    seconds = time.perf_counter() - started
    con.close()
    return len(rows) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="belofte-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    data = root / "responses.csv"
    write_file(data, args.rows, 0.0)
    print(f"file: {args.rows:,} rows, {data.stat().st_size / 2**20:.0f} MiB")

    ws = init_workspace(root / "ws", "retail-nl", Settings()).workspace
    ws.close()
    summary, peak = run_import(ws.path, data)
    speed = float(summary["rows_per_second"])  # type: ignore[arg-type]
    print(
        f"belofte import: {speed:,.0f} rows/s ({summary['seconds']} s), "
        f"stored {summary['stored']:,}, peak memory {peak:,.0f} MiB"
    )
    bare = bare_executemany(root / "bare", data)
    print(f"bare executemany, same records and tables: {bare:,.0f} rows/s")
    print(f"ratio import / bare: {speed / bare:.2f}")
    again, _ = run_import(ws.path, data)
    print(
        f"re-import of the same file: {float(again['rows_per_second']):,.0f} rows/s, "  # type: ignore[arg-type]
        f"stored {again['stored']}, duplicates {again['duplicates']:,}"
    )

    messy = root / "responses-1pct-bad.csv"
    bad = write_file(messy, args.rows, 0.01, seed=8)
    ws2 = init_workspace(root / "ws-messy", "retail-nl", Settings()).workspace
    ws2.close()
    result, _ = run_import(ws2.path, messy)
    lost = (args.rows - bad) - int(result["stored"])  # type: ignore[call-overload]
    print(
        f"1% malformed: {bad:,} bad rows, rejected {result['rejected']:,}, "
        f"good rows lost {lost}, {float(result['rows_per_second']):,.0f} rows/s"
    )  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
