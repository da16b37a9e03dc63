"""The engine gaps this suite expects, declared here independently of `GAPS`.

A gap is a capability an engine lacks; an analysis needing it must raise
UnsupportedByEngine on that engine. `test_engines` checks that the engines
declare exactly these gaps, so a new gap (or a closed one) is a visible change.
"""

from __future__ import annotations

from belofte.analytics.cuts import Cut, Period
from belofte.analytics.engine import Capability, Engine

DECLARED_GAPS: dict[str, frozenset[Capability]] = {
    "duckdb": frozenset(),
    "postgres": frozenset(),
    "pyspark": frozenset(),
    "sqlite": frozenset({Capability.ORDERED_COLLECT, Capability.WEEK_PERIODS}),
}


def cut_needs(cut: Cut) -> frozenset[Capability]:
    """The capabilities a cut asks of an engine."""
    return (
        frozenset({Capability.WEEK_PERIODS})
        if cut.period is Period.WEEK
        else frozenset()
    )


def needs_missing(
    engine: Engine, cut: Cut, also: frozenset[Capability] = frozenset()
) -> Capability | None:
    """The first capability the cut (plus `also`) needs that the engine lacks."""
    missing = (cut_needs(cut) | also) & DECLARED_GAPS[engine.name]
    return min(missing) if missing else None
