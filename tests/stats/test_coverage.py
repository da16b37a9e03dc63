"""Seeded simulations: the 95% intervals cover the truth about 95% of the time.

These are properties, not golden values: with 1,000 seeded replications (300
for τ) the Monte-Carlo standard error of a 95% coverage is about 0.7 (1.3)
points, so the bounds below allow for it and for the known small-sample behaviour of each
method (Wald NPS under-covers at n = 40, which is why adjusted Wald exists).
"""

from __future__ import annotations

import numpy as np
import pytest

from belofte.stats import (
    MeanMoments,
    NpsCounts,
    ProportionMoments,
    compare_means,
    compute_csat,
    compute_nps,
    shrink_units,
)

REPS = 1000


def coverage(hits: list[bool]) -> float:
    return float(np.mean(hits))


@pytest.mark.slow
def test_nps_adjusted_wald_covers_at_small_n() -> None:
    rng = np.random.default_rng(20261129)
    probs = [0.45, 0.35, 0.20]
    truth = probs[0] - probs[2]
    hits: dict[str, list[bool]] = {"wald": [], "adjusted_wald": []}
    for p, pa, d in rng.multinomial(40, probs, size=REPS):
        for method, out in hits.items():
            ci = compute_nps(NpsCounts(int(p), int(pa), int(d)), method=method).interval  # type: ignore[arg-type]
            out.append(ci is not None and ci.contains(truth))
    assert 0.93 <= coverage(hits["adjusted_wald"]) <= 0.975
    assert coverage(hits["wald"]) <= coverage(hits["adjusted_wald"]) + 0.01


@pytest.mark.slow
def test_wilson_and_welch_cover() -> None:
    rng = np.random.default_rng(7)
    wilson = []
    for x in rng.binomial(30, 0.8, size=REPS):
        ci = compute_csat(ProportionMoments(30, int(x))).interval
        wilson.append(ci is not None and ci.contains(0.8))
    assert 0.92 <= coverage(wilson) <= 0.985
    welch = []
    for _ in range(REPS):
        a = rng.normal(5.0, 1.0, size=12)
        b = rng.normal(4.5, 2.5, size=30)
        c = compare_means(MeanMoments.from_values(a), MeanMoments.from_values(b))
        welch.append(c.interval is not None and c.interval.contains(0.5))
    assert 0.93 <= coverage(welch) <= 0.97


@pytest.mark.slow
def test_q_profile_interval_for_tau_covers() -> None:
    rng = np.random.default_rng(11)
    tau = 0.1
    hits = []
    for _ in range(300):
        v = rng.uniform(0.002, 0.02, size=25)
        y = rng.normal(0.3, tau, size=25) + rng.normal(0, np.sqrt(v))
        ci = shrink_units(
            [str(i) for i in range(25)], list(y), list(v)
        ).consistency.tau.interval
        hits.append(ci is not None and ci.contains(tau))
    assert 0.91 <= coverage(hits) <= 0.99
