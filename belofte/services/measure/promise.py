"""Promise delivery, consistency and the weakest link, with the evidence behind it.

* **Delivery**: per pillar x touchpoint (and any extra cut), the share of
  decided mentions that say the promise was kept, with a Wilson interval.
* **Consistency**: per pillar, how unevenly the touchpoints (and the locations)
  deliver it: the between-unit SD of the true kept rates (tau, random effects)
  with a Q-profile interval, Cochran's heterogeneity test and I².
* **Weakest link**: per pillar, the touchpoint x location cell with the lowest
  empirical-Bayes (shrunken) kept rate, so a cell with three unlucky mentions
  does not win, and the newest redacted verbatims that report it broken.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from belofte.analytics.cuts import Cut
from belofte.analytics.engine import Engine
from belofte.analytics.promise import broken_evidence, promise_counts
from belofte.services.measure.results import ResultTable, estimate_columns
from belofte.services.workspace import Workspace
from belofte.stats import (
    LeagueTable,
    ProportionMoments,
    compute_csat,
    shrink_proportions,
)
from belofte.store.repositories.facts import FactRepository

__all__ = ["PromiseReport", "promise"]

#: A cell name joins its keys with this (touchpoints and locations are codes).
CELL = " @ "


@dataclass(frozen=True, slots=True)
class PromiseReport:
    """The three views of promise delivery."""

    delivery: ResultTable
    consistency: ResultTable
    weakest: ResultTable

    def tables(self) -> tuple[ResultTable, ...]:
        """All three, in reading order."""
        return (self.delivery, self.consistency, self.weakest)


def _moments(row: dict[str, Any]) -> ProportionMoments:
    return ProportionMoments(int(row["kept"] + row["broken"]), int(row["kept"]))


def _label(value: Any) -> str:
    return "(none)" if value is None or pd.isna(value) else str(value)


def promise(
    ws: Workspace,
    engine: Engine,
    cut: Cut,
    *,
    level: float = 0.95,
    evidence: int = 3,
) -> PromiseReport:
    """Promise delivery by pillar x touchpoint (x `cut`), consistency, weakest links."""
    delivery_rows = []
    for row in promise_counts(engine, cut, ("touchpoint",)).to_dict("records"):
        out = {k: _label(row[k]) for k in ("pillar", "touchpoint", *cut.keys)}
        out |= {
            "kept": row["kept"],
            "broken": row["broken"],
            "undecided": row["undecided"],
        }
        out |= estimate_columns("kept_rate", compute_csat(_moments(row), level=level))
        delivery_rows.append(out)
    delivery = ResultTable(
        "delivery",
        ("pillar", "touchpoint", *cut.keys),
        tuple(delivery_rows),
        (
            "kept_rate: kept / (kept + broken) mentions, Wilson interval; neutral "
            "or mixed mentions are decided by the score beside them, else undecided",
        ),
    )
    plain = Cut((), None, cut.where, cut.since, cut.until)
    consistency_rows = []
    for across in ("touchpoint", "location"):
        leagues = _leagues(promise_counts(engine, plain, (across,)), (across,), level)
        for pillar, league in leagues.items():
            spread = league.consistency
            row = {"pillar": pillar, "across": across, "units": len(league.units)}
            row |= estimate_columns("tau", spread.tau)
            row["heterogeneity_p"] = spread.heterogeneity_p
            row["i_squared"] = spread.i_squared
            row["weakest"] = spread.weakest
            if spread.weakest_estimate is not None:
                row |= estimate_columns("weakest_kept_rate", spread.weakest_estimate)
            consistency_rows.append(row)
    consistency = ResultTable(
        "consistency",
        ("pillar", "across"),
        tuple(consistency_rows),
        (
            "tau: SD of the true kept rates between units (Paule-Mandel, "
            "Q-profile interval); weakest: lowest shrunken kept rate",
        ),
    )
    cells = ("touchpoint", "location")
    leagues = _leagues(promise_counts(engine, plain, cells), cells, level)
    weakest_rows = []
    for pillar, league in leagues.items():
        if not league.units:
            continue
        unit = league.units[-1]
        touchpoint, location = unit.name.split(CELL)
        ids = broken_evidence(
            engine,
            plain,
            {
                "pillar": pillar,
                "touchpoint": _none(touchpoint),
                "location": _none(location),
            },
            limit=evidence,
        )
        row = {"pillar": pillar, "touchpoint": touchpoint, "location": location}
        row |= estimate_columns("kept_rate_shrunken", unit.shrunken)
        row["kept_rate_raw"] = round(unit.raw, 6)
        row["evidence"] = _quotes(ws, ids)
        weakest_rows.append(row)
    weakest = ResultTable(
        "weakest_links",
        ("pillar",),
        tuple(weakest_rows),
        (
            "per pillar, the touchpoint @ location cell with the lowest shrunken "
            "kept rate",
        ),
    )
    return PromiseReport(delivery, consistency, weakest)


def _none(text: str) -> str | None:
    return None if text == "(none)" else text


def _leagues(
    frame: pd.DataFrame, units: tuple[str, ...], level: float
) -> dict[str, LeagueTable]:
    grouped: dict[str, dict[str, ProportionMoments]] = {}
    for row in frame.to_dict("records"):
        if any(row[u] is None or pd.isna(row[u]) for u in units):
            continue  # a mention with no place is no unit of the promise's delivery
        name = CELL.join(str(row[u]) for u in units)
        grouped.setdefault(str(row["pillar"]), {})[name] = _moments(row)
    return {
        pillar: shrink_proportions(
            {k: v for k, v in units_.items() if v.n}, level=level
        )
        for pillar, units_ in grouped.items()
    }


def _quotes(ws: Workspace, ids: list[int]) -> list[str]:
    if not ids:
        return []
    with ws.session(read_only=True) as session:
        texts = FactRepository(session).redacted_texts(ids)
    return [texts[i] for i in ids if i in texts]
