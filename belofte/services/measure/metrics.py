"""Scores by any cut: NPS, CSAT, CES and text sentiment with honest intervals.

The engine returns one row of moments per group (`analytics.scores`); this
service finishes each group with `stats`, adds the significance of each change
between consecutive periods (Holm or Benjamini-Hochberg within each group's
series), pairwise comparisons between groups when asked, and, for a league
table of one dimension, empirical-Bayes shrunken NPS so that small stores are
not ranked on noise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from belofte.analytics.cuts import PERIOD, Cut, period_label
from belofte.analytics.engine import Engine
from belofte.analytics.scores import ScoreScale, score_moments, sentiment_moments
from belofte.errors import InvalidInput
from belofte.services.measure.results import (
    ResultTable,
    comparison_columns,
    estimate_columns,
)
from belofte.stats import (
    MeanMoments,
    NpsCounts,
    ProportionMoments,
    compare_nps_groups,
    compute_ces,
    compute_csat,
    compute_nps,
    compute_sentiment,
    period_changes,
    shrink_nps,
)

__all__ = ["METRICS", "Adjustment", "ScoreOptions", "scores"]

METRICS = ("nps", "csat", "ces", "sentiment")
Adjustment = Literal["holm", "bh"]


@dataclass(frozen=True, slots=True)
class ScoreOptions:
    """What to compute besides the estimates."""

    metrics: tuple[str, ...] = METRICS
    level: float = 0.95
    adjustment: Adjustment = "holm"
    scale: ScoreScale = ScoreScale()


#: The test behind each score's period change (`stats.trends.period_changes`).
CHANGE_TESTS = {
    "nps": "z test",
    "csat": "two-proportion z test",
    "ces": "Welch t test",
}

#: How a missing group value (no location, no attribute) is shown.
NONE = "(none)"


def _label(value: Any) -> str:
    return (
        NONE
        if value is None or (isinstance(value, float) and pd.isna(value))
        else str(value)
    )


def _group_key(row: dict[str, Any], keys: Sequence[str]) -> tuple[str, ...]:
    return tuple(_label(row[k]) for k in keys)


def scores(
    engine: Engine, cut: Cut, options: ScoreOptions | None = None
) -> ResultTable:
    """Scores per group of `cut`; see the module docstring for what is added."""
    options = options or ScoreOptions()
    unknown = [m for m in options.metrics if m not in METRICS]
    if unknown:
        raise InvalidInput(
            f"metric: unknown {unknown[0]!r} (one of {', '.join(METRICS)})"
        )
    wanted = tuple(m for m in options.metrics if m != "sentiment")
    frame = score_moments(engine, cut, options.scale, wanted)
    if "sentiment" in options.metrics:
        sentiment = sentiment_moments(engine, cut)
        keys = list(cut.keys)
        frame = (
            frame.merge(sentiment, on=keys, how="outer")
            if keys
            else pd.concat([frame, sentiment], axis=1)
        )
    frame = frame.fillna({c: 0 for c in frame.columns if c not in cut.keys})
    if cut.period is not None:
        frame[PERIOD] = [period_label(v, cut.period) for v in frame[PERIOD]]
    by = list(cut.by)
    rows: list[dict[str, Any]] = []
    nps_counts: dict[tuple[str, ...], NpsCounts] = {}
    # The moments behind each period change (`<metric>_change` columns).
    series: dict[str, dict[tuple[str, ...], Any]] = {"nps": nps_counts}
    series |= {"csat": {}, "ces": {}}
    for record in frame.to_dict("records"):
        key = _group_key(record, cut.keys)
        row: dict[str, Any] = dict(zip(cut.keys, key, strict=True))
        counts = NpsCounts(
            int(record["promoters"]), int(record["passives"]), int(record["detractors"])
        )
        nps_counts[key] = counts
        if "nps" in options.metrics:
            row |= estimate_columns("nps", compute_nps(counts, level=options.level))
        if "csat" in options.metrics:
            csat = ProportionMoments(int(record["csat_n"]), int(record["csat_top"]))
            series["csat"][key] = csat
            row |= estimate_columns("csat", compute_csat(csat, level=options.level))
        if "ces" in options.metrics:
            ces = MeanMoments(
                int(record["ces_n"]), record["ces_sum"], record["ces_sum_squares"]
            )
            series["ces"][key] = ces
            row |= estimate_columns("ces", compute_ces(ces, level=options.level))
        if "sentiment" in options.metrics:
            text = MeanMoments(
                int(record["sentiment_n"]),
                record["sentiment_sum"],
                record["sentiment_sum_squares"],
            )
            row |= estimate_columns(
                "sentiment", compute_sentiment(text, level=options.level)
            )
        rows.append(row)
    notes = [
        "NPS and shares as proportions (NPS on [-1, 1]); intervals at "
        f"{options.level:.0%}, method per column",
    ]
    if cut.period is not None:
        for metric, test in CHANGE_TESTS.items():
            if metric in options.metrics:
                _add_changes(rows, series[metric], by, options, metric)
                notes.append(
                    f"{metric}_change: against the previous period of the same "
                    f"group, {test}, {options.adjustment} adjustment within each "
                    "group's series"
                )
    if len(by) == 1 and cut.period is None and "nps" in options.metrics:
        _add_league(rows, nps_counts, options)
        notes.append(
            "nps_shrunken: empirical-Bayes estimate (random effects, Paule-"
            "Mandel); rank by it, not by raw NPS"
        )
    return ResultTable("scores", cut.keys, tuple(rows), tuple(notes))


def comparisons(
    engine: Engine, cut: Cut, options: ScoreOptions | None = None
) -> ResultTable:
    """Every pair of groups of `cut`: NPS difference, z test, adjusted p."""
    options = options or ScoreOptions()
    frame = score_moments(engine, cut, options.scale)
    if cut.period is not None:
        frame[PERIOD] = [period_label(v, cut.period) for v in frame[PERIOD]]
    named = {
        " / ".join(_group_key(record, cut.keys)) or "all": NpsCounts(
            int(record["promoters"]), int(record["passives"]), int(record["detractors"])
        )
        for record in frame.to_dict("records")
    }
    pairs = compare_nps_groups(
        named, level=options.level, adjustment=options.adjustment
    )
    rows = tuple(
        {"a": c.labels[0], "b": c.labels[1], "n_a": c.n_a, "n_b": c.n_b}
        | comparison_columns("nps_difference", c)
        for c in pairs
    )
    note = (
        f"NPS of a minus NPS of b, two-sample z test; p adjusted across all "
        f"{len(pairs)} pairs ({options.adjustment})"
    )
    return ResultTable("comparisons", ("a", "b"), rows, (note,))


def _add_changes(
    rows: list[dict[str, Any]],
    moments: dict[tuple[str, ...], Any],
    by: list[str],
    options: ScoreOptions,
    metric: str,
) -> None:
    series: dict[tuple[str, ...], list[tuple[str, Any]]] = {}
    for key, value in moments.items():
        series.setdefault(key[: len(by)], []).append((key[-1], value))
    changes = {}
    for group, points in series.items():
        points.sort()
        for change in period_changes(
            points, level=options.level, adjustment=options.adjustment
        ):
            changes[(*group, change.period)] = change.comparison
    for row in rows:
        key = tuple(row[k] for k in (*by, PERIOD))
        if key in changes:
            row |= comparison_columns(f"{metric}_change", changes[key])


def _add_league(
    rows: list[dict[str, Any]],
    counts: dict[tuple[str, ...], NpsCounts],
    options: ScoreOptions,
) -> None:
    # A group without a value ("(none)") is shown, but it is no unit to rank.
    units = {key[0]: value for key, value in counts.items() if key[0] != NONE}
    league = shrink_nps(units, level=options.level)
    ranked = {
        unit.name: (rank, unit) for rank, unit in enumerate(league.units, start=1)
    }
    for row in rows:
        name = next(iter(row.values()))
        if name in ranked:
            rank, unit = ranked[name]
            row |= estimate_columns("nps_shrunken", unit.shrunken)
            row["rank"] = rank
    # (Not len(rows): a list being sorted looks empty to its key function.)
    rows.sort(key=lambda r: r.get("rank", math.inf))
