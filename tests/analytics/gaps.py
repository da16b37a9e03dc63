"""The engine gaps this suite expects, declared here independently of `GAPS`.

A gap is a capability an engine lacks; an analysis needing it must raise
UnsupportedByEngine on that engine. `test_engines` checks that the engines
declare exactly these gaps, so a new gap (or a closed one) is a visible change.
"""

from __future__ import annotations

from belofte.analytics.cuts import Cut, Period
from belofte.analytics.engine import Capability, Engine

_GAP_NAMES: dict[str, set[str]] = {
    "duckdb": set(),
    "postgres": {"struct-array-sort"},
    "pyspark": {"ordered-collect"},
    "sqlite": {"ordered-collect", "struct-array-sort", "time-windows", "week-periods"},
}
#: By engine; a name the engine module does not (yet) define is left out.
DECLARED_GAPS: dict[str, frozenset[Capability]] = {
    engine: frozenset(c for c in Capability if c.value in names)
    for engine, names in _GAP_NAMES.items()
}


#: Windows before an answer (timestamp minus an interval), where declared.
TIME_WINDOWS = frozenset(c for c in Capability if c.value == "time-windows")


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


def lacks_journey_paths(engine: Engine) -> Capability | None:
    """Paths need an ordered collect, or a sortable array of structs."""
    gaps = DECLARED_GAPS[engine.name]
    other = {c for c in Capability if c.value == "struct-array-sort"}
    if Capability.ORDERED_COLLECT in gaps and other <= gaps:
        return Capability.ORDERED_COLLECT
    return None
