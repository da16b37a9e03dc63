"""Demo speed: the default `belofte demo` end to end, and a large world's generation.

Prints the seconds of the default demo (40,000 customers, 12 months, generated and
imported), then generates a world big enough for about a million survey responses
(files only, streaming) with its time, row counts and peak memory.

    python benchmarks/demo_world.py [--customers 1000000]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from belofte.demo.world import World, WorldSize
from belofte.services.demo import create_demo
from belofte.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--skip-default", action="store_true")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="belofte-demo-"))
    if not args.skip_default:
        result = create_demo(root / "demo", Settings())
        rows = sum(s.read for s in result.imports)
        print(
            f"default demo: {result.seconds:.1f} s ({result.generated_seconds:.1f} s "
            f"to generate), {rows:,} rows imported, "
            f"{sum(s.rejected for s in result.imports)} rejected (the malformed file)"
        )
        result.workspace.close()
    started = time.perf_counter()
    counts = World(WorldSize(customers=args.customers)).write(root / "large")
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.customers:,} customers: {counts.rows['responses']:,} responses, "
        f"{sum(counts.rows.values()):,} rows in {seconds:.0f} s "
        f"({sum(counts.rows.values()) / seconds:,.0f} rows/s), peak memory {peak:,.0f} MiB"
    )


if __name__ == "__main__":
    main()
