"""Journeys in the engine: each answer's path of touchpoints, and its steps' verdicts.

A journey is what the customer went through in the `window_days` before an
answer: their orders (as `order-<channel>`) and interactions (as their
touchpoint, or kind when none), each counted once at its first occurrence, in
time order. Paths are grouped in the engine with the NPS categories of the
answers at their end.

For peak-end, every touchpoint a customer's comment speaks about gets a verdict
(+1 praised, -1 criticised, 0 mixed), and per answer the engine returns the
worst verdict, the mean verdict, and the verdict on the touchpoint of the latest
journey stage ("end").
"""

from __future__ import annotations

from collections.abc import Mapping

import ibis
import pandas as pd

from belofte.analytics.cuts import Cut, apply_cut
from belofte.analytics.engine import Capability, Engine
from belofte.analytics.scores import ScoreScale
from belofte.analytics.tables import MENTIONS, ORDERS, RESPONSES, STEPS

__all__ = ["PATH_SEPARATOR", "path_counts", "step_verdicts"]

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


def path_counts(
    engine: Engine,
    cut: Cut,
    window_days: int = 60,
    scale: ScoreScale | None = None,
) -> pd.DataFrame:
    """Answers, promoters, passives and detractors per path (and `cut` keys)."""
    engine.require(Capability.ORDERED_COLLECT, "journey paths")
    scale = scale or ScoreScale()
    responses, keys = apply_cut(engine, engine.table(RESPONSES), cut)
    answers = responses.filter(
        responses.nps.notnull() & responses.customer_id.notnull()
    )
    answers = answers.select(
        "response_id",
        "nps",
        answer_at=answers.at,
        cust=answers.customer_id,
        **keys,
    )
    steps = _steps(engine)
    window = ibis.interval(days=window_days)
    joined = answers.inner_join(
        steps,
        [
            answers.cust == steps.customer_id,
            steps.at <= answers.answer_at,
            steps.at >= answers.answer_at - window,
        ],
    )
    group = ["response_id", "nps", *keys]
    first = joined.group_by([*group, "token"]).aggregate(first_at=joined.at.min())
    paths = first.group_by(group).aggregate(
        path=first.token.collect(order_by=[first.first_at, first.token]).join(
            PATH_SEPARATOR
        ),
        steps=first.count(),
    )
    nps = paths.nps
    result = paths.group_by(["path", *keys]).aggregate(
        answers=paths.count(),
        promoters=(nps >= scale.promoter_min).cast("int64").sum(),
        passives=((nps > scale.detractor_max) & (nps < scale.promoter_min))
        .cast("int64")
        .sum(),
        detractors=(nps <= scale.detractor_max).cast("int64").sum(),
    )
    frame = engine.execute(result)
    return frame.sort_values(["answers", "path"], ascending=[False, True]).reset_index(
        drop=True
    )


def step_verdicts(
    engine: Engine, cut: Cut, stage_order: Mapping[str, int]
) -> pd.DataFrame:
    """Per answer with >= 2 judged touchpoints: nps, worst, mean and end verdicts."""
    plain = Cut((), None, cut.where, cut.since, cut.until)
    mentions, _ = apply_cut(engine, engine.table(MENTIONS), plain)
    mentions = mentions.filter(
        mentions.response_id.notnull()
        & mentions.touchpoint.notnull()
        & mentions.nps.notnull()
    )
    polarity = mentions.sentiment_label.cases(
        ("positive", 1.0), ("negative", -1.0), else_=0.0
    )
    position = mentions.stage.cases(*stage_order.items(), else_=-1)
    per_step = mentions.group_by(["response_id", "theme"]).aggregate(
        nps=mentions.nps.max(),
        verdict=polarity.mean(),
        position=position.max(),
    )
    per_answer = per_step.group_by("response_id").aggregate(
        nps=per_step.nps.max(),
        steps=per_step.count(),
        worst=per_step.verdict.min(),
        mean=per_step.verdict.mean(),
        last_position=per_step.position.max(),
    )
    ends = per_step.inner_join(
        per_answer.select("response_id", "last_position"),
        [
            per_step.response_id == per_answer.response_id,
            per_step.position == per_answer.last_position,
        ],
    )
    end = ends.group_by(ends.response_id).aggregate(end=ends.verdict.mean())
    result = per_answer.filter(per_answer.steps >= 2).inner_join(end, "response_id")
    frame = engine.execute(
        result.select("response_id", "nps", "steps", "worst", "mean", "end")
    )
    return frame.sort_values("response_id").reset_index(drop=True)
