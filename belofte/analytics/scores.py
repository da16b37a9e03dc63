"""Score moments in the engine: NPS categories, CSAT top box, CES and sentiment sums.

One row per group, with the sufficient statistics `stats.scores` finishes from:
counts of promoters, passives and detractors; CSAT answers and top-box answers;
CES n, sum and sum of squares; text sentiment n, sum and sum of squares. No raw
row leaves the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from belofte.analytics.cuts import Cut, apply_cut
from belofte.analytics.engine import Engine
from belofte.analytics.tables import MENTIONS, RESPONSES, TEXTS

__all__ = ["MOMENT_COLUMNS", "ScoreScale", "score_moments", "sentiment_moments"]

#: The moment columns of `score_moments`, after the group keys.
MOMENT_COLUMNS = (
    "nps_n",
    "promoters",
    "passives",
    "detractors",
    "csat_n",
    "csat_top",
    "ces_n",
    "ces_sum",
    "ces_sum_squares",
)


@dataclass(frozen=True, slots=True)
class ScoreScale:
    """Where the categories start (methods.md §1; configurable per workspace)."""

    promoter_min: int = 9
    detractor_max: int = 6
    csat_top_min: int = 4


def _by_text(cut: Cut) -> bool:
    # Theme and pillar live on mentions: scores of the responses whose text
    # mentions them, each response counted once per group.
    return any(name in ("theme", "pillar") for name in (*cut.by, *cut.where))


def score_moments(
    engine: Engine,
    cut: Cut,
    scale: ScoreScale | None = None,
    scores: tuple[str, ...] = ("nps", "csat", "ces"),
) -> pd.DataFrame:
    """NPS, CSAT and CES moments per group of `cut`, computed in the engine.

    Only the `scores` asked for are aggregated (the others come back as 0),
    so an NPS trend costs the engine no more than a hand-written count.
    """
    scale = scale or ScoreScale()
    if _by_text(cut):
        table, keys = apply_cut(engine, engine.table(MENTIONS), cut)
        table = (
            table.filter(table.response_id.notnull())
            .select(
                **keys,
                response_id=table.response_id,
                nps=table.nps,
                csat=table.csat,
                ces=table.ces,
            )
            .distinct()
        )
        keys = {name: table[name] for name in keys}
    else:
        table, keys = apply_cut(engine, engine.table(RESPONSES), cut)
    nps, csat, ces = table.nps, table.csat, table.ces
    ces_value = ces.cast("float64")
    metrics: dict[str, Any] = {}
    if "nps" in scores:
        metrics |= {
            "nps_n": nps.count(),
            "promoters": (nps >= scale.promoter_min).sum(),
            "passives": (
                (nps > scale.detractor_max) & (nps < scale.promoter_min)
            ).sum(),
            "detractors": (nps <= scale.detractor_max).sum(),
        }
    if "csat" in scores:
        metrics |= {
            "csat_n": csat.count(),
            "csat_top": (csat >= scale.csat_top_min).sum(),
        }
    if "ces" in scores:
        metrics |= {
            "ces_n": ces.count(),
            "ces_sum": ces_value.sum(),
            "ces_sum_squares": (ces_value * ces_value).sum(),
        }
    if not metrics:  # only the groups (e.g. for sentiment alone)
        metrics["nps_n"] = nps.count()
    by = [expr.name(name) for name, expr in keys.items()]
    frame = engine.execute(table.aggregate(by=by, **metrics))
    for column in MOMENT_COLUMNS:
        if column not in frame.columns:
            frame[column] = 0
    return _tidy(frame, tuple(keys), MOMENT_COLUMNS)


def sentiment_moments(engine: Engine, cut: Cut) -> pd.DataFrame:
    """Text sentiment (score in [-1, 1]) n, sum and sum of squares per group."""
    if _by_text(cut):
        table, keys = apply_cut(engine, engine.table(MENTIONS), cut)
    else:
        table, keys = apply_cut(engine, engine.table(TEXTS), cut)
    score = table.sentiment
    aggregate = table.aggregate(
        by=[expr.name(name) for name, expr in keys.items()],
        sentiment_n=score.count(),
        sentiment_sum=score.sum(),
        sentiment_sum_squares=(score * score).sum(),
    )
    columns = ("sentiment_n", "sentiment_sum", "sentiment_sum_squares")
    return _tidy(engine.execute(aggregate), tuple(keys), columns)


def _tidy(
    frame: pd.DataFrame, keys: tuple[str, ...], columns: tuple[str, ...]
) -> pd.DataFrame:
    """Fixed column order, sorted groups, NULL sums (empty groups) as 0."""
    frame = frame[[*keys, *columns]].copy()
    for column in columns:
        frame[column] = pd.to_numeric(frame[column]).fillna(0)  # all-NULL: object
        if column.endswith("_n") or column in (
            "promoters",
            "passives",
            "detractors",
            "csat_top",
        ):
            frame[column] = frame[column].astype("int64")
        else:
            frame[column] = frame[column].astype("float64")
    if keys:
        frame = frame.sort_values(list(keys), na_position="last", kind="stable")
    return frame.reset_index(drop=True)
