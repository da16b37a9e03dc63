"""Key-driver bootstrap speed: 2,000 resamples of 100k respondents x 10 drivers.

Target (issue 7): under 10 s. Run: .venv/bin/python benchmarks/drivers_speed.py
[--n 100000] [--k 10] [--resamples 2000] [--method lmg|johnson]

BLAS runs single-threaded unless OPENBLAS_NUM_THREADS is set. On a shared,
loaded 2-core machine a multi-threaded OpenBLAS spins against other
processes and the one big GEMM of the bootstrap got ~50x slower (30 s
instead of 3-5 s), so a deployment should pin BLAS threads the same way.
"""

from __future__ import annotations

import os

# Before numpy is imported: OpenBLAS reads these once, at load time.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from belofte.stats.drivers import key_drivers  # noqa: E402


def synthetic_ratings(n: int, k: int, seed: int = 7) -> np.ndarray:
    """Correlated 1-10 driver ratings and an overall score driven by them."""
    rng = np.random.default_rng(seed)
    common = rng.normal(size=(n, 1))
    latent = 0.6 * common + rng.normal(size=(n, k))
    drivers = np.clip(np.round(6 + 1.5 * latent), 1, 10)
    beta = np.linspace(1.0, 0.1, k)
    overall = np.clip(
        np.round(drivers @ beta / beta.sum() + rng.normal(scale=1.0, size=n)), 0, 10
    )
    return np.column_stack([overall, drivers])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--method", choices=["lmg", "johnson"], default="lmg")
    args = parser.parse_args()
    rows = synthetic_ratings(args.n, args.k)
    start = time.perf_counter()
    result = key_drivers(rows, method=args.method, resamples=args.resamples, seed=1)
    elapsed = time.perf_counter() - start
    if result.bootstrap is None:
        raise SystemExit(f"no bootstrap: {result.warnings}")
    print(
        f"key_drivers {args.method}: n={args.n:,} k={args.k} "
        f"B={result.bootstrap.resamples} (redrawn {result.bootstrap.redrawn}) "
        f"R2={result.r_squared:.3f} in {elapsed:.2f} s (target < 10 s; "
        f"BLAS threads {os.environ['OPENBLAS_NUM_THREADS']})"
    )
    for d in result.drivers:
        if d.interval is None or d.percent is None:
            continue
        print(
            f"  {d.name:>4}  {d.percent:5.1f}%  [{d.interval.low:.4f}, {d.interval.high:.4f}]"
        )


if __name__ == "__main__":
    main()
