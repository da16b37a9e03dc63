"""Promise delivery in the engine: kept and broken mentions per pillar and place.

A mention of a theme is the customer telling whether a pillar of the promise was
kept. It counts as **kept** when its own sentiment is positive, **broken** when
negative; a neutral or mixed mention is decided by the score beside its text
(NPS promoter or CSAT top box: kept; NPS detractor or CSAT 1-2: broken) and is
otherwise *undecided* (counted, not rated).
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import pandas as pd

from belofte.analytics.cuts import Cut, apply_cut
from belofte.analytics.engine import Engine
from belofte.analytics.scores import ScoreScale
from belofte.analytics.tables import MENTIONS, TIME_COLUMN

__all__ = ["PROMISE_COLUMNS", "broken_evidence", "promise_counts"]

PROMISE_COLUMNS = ("kept", "broken", "undecided")


def _verdicts(table: ibis.Table, scale: ScoreScale) -> tuple[ibis.Expr, ibis.Expr]:
    label = table.sentiment_label
    unsure = label.isin(("neutral", "mixed"))
    good_score = (
        (table.nps >= scale.promoter_min) | (table.csat >= scale.csat_top_min)
    ).fill_null(False)
    bad_score = ((table.nps <= scale.detractor_max) | (table.csat <= 2)).fill_null(
        False
    )
    kept = (label == "positive") | (unsure & good_score)
    broken = (label == "negative") | (unsure & bad_score & ~good_score)
    return kept, broken


def promise_counts(
    engine: Engine,
    cut: Cut,
    dimensions: Sequence[str] = ("touchpoint",),
    scale: ScoreScale | None = None,
) -> pd.DataFrame:
    """Kept, broken and undecided mentions per pillar x `dimensions` (x cut keys)."""
    scale = scale or ScoreScale()
    table, keys = apply_cut(engine, engine.table(MENTIONS), cut)
    kept, broken = _verdicts(table, scale)
    group = {"pillar": table.pillar}
    for name in dimensions:
        group.setdefault(name, table[name])
    group |= keys
    aggregate = table.aggregate(
        by=[expr.name(name) for name, expr in group.items()],
        kept=kept.sum(),  # a boolean sum: PostgreSQL cannot cast boolean to bigint
        broken=broken.sum(),
        mentions=table.count(),
    )
    frame = engine.execute(aggregate)
    frame["kept"] = frame["kept"].fillna(0).astype("int64")
    frame["broken"] = frame["broken"].fillna(0).astype("int64")
    frame["undecided"] = (
        frame.pop("mentions").astype("int64") - frame["kept"] - frame["broken"]
    )
    names = list(group)
    return (
        frame[[*names, *PROMISE_COLUMNS]]
        .sort_values(names, na_position="last")
        .reset_index(drop=True)
    )


def broken_evidence(
    engine: Engine,
    cut: Cut,
    cell: dict[str, str | None],
    limit: int = 3,
    scale: ScoreScale | None = None,
) -> list[int]:
    """Ids of the newest texts that report the promise broken in one cell."""
    scale = scale or ScoreScale()
    table, _ = apply_cut(engine, engine.table(MENTIONS), cut)
    _, broken = _verdicts(table, scale)
    predicates = [broken]
    for name, value in cell.items():
        predicates.append(
            table[name].isnull() if value is None else table[name] == value
        )
    # One row per text: a text may break the cell in several mentions.
    texts = (
        table.filter(predicates)
        .group_by("verbatim_id")
        .aggregate(newest=table[TIME_COLUMN].max())
    )
    newest = (
        texts.order_by([ibis.desc("newest"), ibis.desc("verbatim_id")])
        .select("verbatim_id")
        .limit(limit)
    )
    return [int(v) for v in engine.execute(newest)["verbatim_id"]]
