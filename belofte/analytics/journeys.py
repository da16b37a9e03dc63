"""Journeys in the engine: each answer's path of touchpoints, and its steps' verdicts.

A journey is what the customer went through in the `window_days` before an
answer: their orders (as `order-<channel>`) and interactions (as their
touchpoint, or kind when none), each counted once at its first occurrence, in
time order. Paths are grouped in the engine with the NPS categories of the
answers at their end.

For peak-end, the moments are the journey's rated steps (an interaction's 1-5
`rating`, e.g. the stars after a delivery): per answer the engine returns the
worst rating, the mean rating and the last one ("end").
"""

from __future__ import annotations

import ibis
import pandas as pd

from belofte.analytics.cuts import Cut, apply_cut
from belofte.analytics.engine import Capability, Engine
from belofte.analytics.scores import ScoreScale
from belofte.analytics.tables import ORDERS, RESPONSES, STEPS

__all__ = ["PATH_SEPARATOR", "moment_ratings", "path_counts"]

PATH_SEPARATOR = " > "
#: Interactions that are not experiences of the customer (assignment to an arm).
NOT_STEPS = ("experiment-exposure",)


def _steps(engine: Engine) -> ibis.Table:
    steps = engine.table(STEPS)
    steps = steps.filter(~steps.kind.isin(NOT_STEPS) & steps.customer_id.notnull())
    orders = engine.table(ORDERS).filter(lambda o: o.customer_id.notnull())
    return ibis.union(
        steps.select(
            "customer_id",
            "at",
            token=ibis.coalesce(steps.touchpoint, steps.kind),
        ),
        orders.select(
            "customer_id",
            "at",
            token=ibis.literal("order-")
            + ibis.coalesce(orders.channel, ibis.literal("other")),
        ),
    )


def _answers_with_steps(
    engine: Engine, cut: Cut, steps: ibis.Table, window_days: int
) -> tuple[ibis.Table, dict[str, ibis.Expr]]:
    """Each NPS answer of `cut` joined to its customer's steps in the window."""
    engine.require(Capability.TIME_WINDOWS, "journey windows")
    responses, keys = apply_cut(engine, engine.table(RESPONSES), cut)
    answers = responses.filter(
        responses.nps.notnull() & responses.customer_id.notnull()
    )
    answers = answers.select(
        "response_id", "nps", answer_at=answers.at, cust=answers.customer_id, **keys
    )
    joined = answers.inner_join(
        steps,
        [
            answers.cust == steps.customer_id,
            steps.at <= answers.answer_at,
            steps.at >= answers.answer_at - ibis.interval(days=window_days),
        ],
    )
    return joined, keys


def path_counts(
    engine: Engine,
    cut: Cut,
    window_days: int = 60,
    scale: ScoreScale | None = None,
) -> pd.DataFrame:
    """Answers, promoters, passives and detractors per path (and `cut` keys)."""
    if not engine.has(Capability.STRUCT_ARRAY_SORT):
        engine.require(Capability.ORDERED_COLLECT, "journey paths")
    scale = scale or ScoreScale()
    joined, keys = _answers_with_steps(engine, cut, _steps(engine), window_days)
    group = ["response_id", "nps", *keys]
    first = joined.group_by([*group, "token"]).aggregate(first_at=joined.at.min())
    if engine.has(Capability.ORDERED_COLLECT):
        ordered = first.token.collect(order_by=[first.first_at, first.token])
        paths = first.group_by(group).aggregate(path=ordered.join(PATH_SEPARATOR))
    else:
        # Spark has no ordered aggregate: sort the (time, token) pairs instead.
        step = ibis.struct({"first_at": first.first_at, "token": first.token})
        collected = first.group_by(group).aggregate(items=step.collect())
        paths = collected.select(
            *group,
            path=collected["items"].sort().map(lambda s: s.token).join(PATH_SEPARATOR),
        )
    nps = paths.nps
    result = paths.group_by(["path", *keys]).aggregate(
        answers=paths.count(),
        # Boolean sums: PostgreSQL cannot cast boolean to bigint.
        promoters=(nps >= scale.promoter_min).sum(),
        passives=((nps > scale.detractor_max) & (nps < scale.promoter_min)).sum(),
        detractors=(nps <= scale.detractor_max).sum(),
    )
    frame = engine.execute(result)
    order = ["answers", "path", *keys]  # the keys too: ties come back in one order
    ascending = [False] + [True] * (len(order) - 1)
    return frame.sort_values(
        order, ascending=ascending, na_position="last"
    ).reset_index(drop=True)


def moment_ratings(engine: Engine, cut: Cut, window_days: int = 60) -> pd.DataFrame:
    """Per answer with >= 2 rated steps in its journey: nps, worst, mean, end.

    `end` is the rating of the journey's last rated step (latest in time; ties
    averaged).
    """
    plain = Cut((), None, cut.where, cut.since, cut.until)
    steps = engine.table(STEPS)
    steps = steps.filter(steps.rating.notnull() & steps.customer_id.notnull())
    joined, _ = _answers_with_steps(engine, plain, steps, window_days)
    rated = joined.select("response_id", "nps", "at", "rating")
    per_answer = rated.group_by(["response_id", "nps"]).aggregate(
        steps=rated.count(),
        worst=rated.rating.min(),
        mean=rated.rating.mean(),
        last_at=rated.at.max(),
    )
    last = rated.inner_join(
        per_answer.select("response_id", "last_at"),
        [rated.response_id == per_answer.response_id, rated.at == per_answer.last_at],
    )
    end = last.group_by(last.response_id).aggregate(end=last.rating.mean())
    result = per_answer.filter(per_answer.steps >= 2).inner_join(end, "response_id")
    frame = engine.execute(
        result.select("response_id", "nps", "steps", "worst", "mean", "end")
    )
    return frame.sort_values("response_id").reset_index(drop=True)
