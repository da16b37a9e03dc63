"""Key-driver inputs in the engine: one row per respondent, outcome first.

The engine pivots the long answers (or theme mentions) into one column per
driver and joins the outcome; a bootstrap resamples respondents, so the
respondent x driver matrix (n x (k + 1) numbers, ~8 MB for 100k x 10) comes to
Python. Without a bootstrap `driver_moments` returns only n, sums and
cross-products, computed in the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ibis
import numpy as np
from numpy.typing import NDArray

from belofte.analytics.cuts import Cut, apply_cut
from belofte.analytics.engine import Engine
from belofte.analytics.tables import MENTIONS, RATINGS, RESPONSES, TEXTS
from belofte.errors import InvalidInput

__all__ = [
    "check_outcome",
    "DriverRows",
    "driver_moments",
    "driver_rows",
    "rated_questions",
    "themes_in",
]

OUTCOMES = ("nps", "csat", "ces")
#: A theme driver's value: +1 praised, -1 criticised, 0 not mentioned (or mixed).
_POLARITY = {"positive": 1.0, "negative": -1.0}


@dataclass(frozen=True, slots=True)
class DriverRows:
    """Outcome in column 0, one column per driver; rows with a gap were dropped."""

    names: tuple[str, ...]
    values: NDArray[np.float64]
    dropped: int


def rated_questions(engine: Engine) -> list[str]:
    """Every question with numeric answers (candidate rated drivers)."""
    ratings = engine.table(RATINGS)
    frame = engine.execute(ratings.select("question").distinct().order_by("question"))
    return [str(q) for q in frame["question"]]


def themes_in(engine: Engine, cut: Cut) -> list[str]:
    """Themes mentioned in the texts of `cut` (candidate theme drivers)."""
    table, _ = apply_cut(
        engine, engine.table(MENTIONS), Cut((), None, cut.where, cut.since, cut.until)
    )
    # GROUP BY, not DISTINCT: ibis 12 compiles filter + DISTINCT + ORDER BY on
    # PostgreSQL and Spark as DISTINCT over the filter's columns too (duplicates).
    frame = engine.execute(table.group_by("theme").aggregate().order_by("theme"))
    return [str(t) for t in frame["theme"]]


def check_outcome(outcome: str) -> None:
    """Raise InvalidInput unless `outcome` is a score a driver analysis explains."""
    if outcome not in OUTCOMES:
        raise InvalidInput(f"outcome: {outcome!r} is not one of {', '.join(OUTCOMES)}")


def _wide(
    engine: Engine, cut: Cut, outcome: str, drivers: Sequence[str], source: str
) -> ibis.Table:
    check_outcome(outcome)
    if not drivers:
        raise InvalidInput("drivers: none to analyse")
    plain = Cut((), None, cut.where, cut.since, cut.until)
    if source == "ratings":
        responses, _ = apply_cut(engine, engine.table(RESPONSES), plain)
        base = responses.select("response_id", outcome=responses[outcome])
        answers = engine.table(RATINGS)
        answers = answers.filter(answers.question.isin(list(drivers)))
        pivot = answers.group_by("response_id").aggregate(
            **{
                f"d{i}": answers.value.max(where=answers.question == name)
                for i, name in enumerate(drivers)
            }
        )
        joined = base.inner_join(pivot, "response_id")
    else:
        texts, _ = apply_cut(engine, engine.table(TEXTS), plain)
        base = (
            texts.filter(texts.response_id.notnull())
            .select("response_id", outcome=texts[outcome])
            .distinct()
        )
        mentions = engine.table(MENTIONS)
        mentions = mentions.filter(
            mentions.theme.isin(list(drivers)) & mentions.response_id.notnull()
        )
        polarity = mentions.sentiment_label.cases(*_POLARITY.items(), else_=0.0)
        pivot = mentions.group_by("response_id").aggregate(
            **{
                f"d{i}": polarity.sum(where=mentions.theme == name).clip(-1, 1)
                for i, name in enumerate(drivers)
            }
        )
        joined = base.left_join(pivot, "response_id").select(
            base.response_id,
            "outcome",
            *(
                ibis.coalesce(pivot[f"d{i}"], 0.0).name(f"d{i}")
                for i in range(len(drivers))
            ),
        )
    # Respondent order on every engine: a seeded bootstrap draws row numbers.
    return joined.order_by("response_id").select(
        "outcome", *(f"d{i}" for i in range(len(drivers)))
    )


def driver_rows(
    engine: Engine,
    cut: Cut,
    outcome: str,
    drivers: Sequence[str],
    source: str = "ratings",
) -> DriverRows:
    """The respondent x (outcome, drivers) matrix, listwise complete."""
    frame = engine.execute(_wide(engine, cut, outcome, drivers, source))
    values = frame.to_numpy(dtype=np.float64, na_value=np.nan)
    complete = np.isfinite(values).all(axis=1)
    return DriverRows(tuple(drivers), values[complete], int((~complete).sum()))


def driver_moments(
    engine: Engine,
    cut: Cut,
    outcome: str,
    drivers: Sequence[str],
    source: str = "ratings",
) -> tuple[int, list[float], list[list[float]]]:
    """n, column sums and cross-products of the complete rows, in the engine."""
    wide = _wide(engine, cut, outcome, drivers, source)
    columns = ["outcome", *(f"d{i}" for i in range(len(drivers)))]
    complete = wide.filter([wide[c].notnull() for c in columns])
    metrics = {"n": complete.count()}
    for i, a in enumerate(columns):
        metrics[f"s{i}"] = complete[a].sum()
        for j in range(i, len(columns)):
            metrics[f"c{i}_{j}"] = (complete[a] * complete[columns[j]]).sum()
    row = engine.execute(complete.aggregate(**metrics)).iloc[0]
    size = len(columns)
    cross = [[0.0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i, size):
            cross[i][j] = cross[j][i] = float(row[f"c{i}_{j}"] or 0.0)
    return int(row["n"]), [float(row[f"s{i}"] or 0.0) for i in range(size)], cross
