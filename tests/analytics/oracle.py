"""The pandas oracle: what each analytics function must return, by groupby.

Written from the definitions (methods.md §1, analytics docstrings), never by
calling the code under test: filters with boolean masks, periods with pandas
`Period`s, groups with `groupby(dropna=False)` so NULL keys form a group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from belofte.analytics.cuts import Cut, Period

#: pandas period frequency of each Period (weeks end on Sunday: ISO weeks).
FREQUENCY = {
    Period.DAY: "D",
    Period.WEEK: "W-SUN",
    Period.MONTH: "M",
    Period.QUARTER: "Q",
    Period.YEAR: "Y",
}
TEXT_DIMENSIONS = ("theme", "pillar")

SCORE_COLUMNS = [
    "nps_n",
    "promoters",
    "passives",
    "detractors",
    "csat_n",
    "csat_top",
    "ces_n",
    "ces_sum",
    "ces_sum_squares",
]
SENTIMENT_COLUMNS = ["sentiment_n", "sentiment_sum", "sentiment_sum_squares"]


def period_start(at: pd.Series, period: Period) -> pd.Series:
    """The first instant of each time's period, as a date-time at midnight."""
    return at.dt.to_period(FREQUENCY[period]).dt.start_time.astype("datetime64[ns]")


def keys_of(cut: Cut) -> list[str]:
    """The group columns of a result, period last."""
    return [*cut.by, "period"] if cut.period else list(cut.by)


def filtered(frame: pd.DataFrame, cut: Cut) -> pd.DataFrame:
    """Rows of `frame` kept by the cut's filters, with a `period` column if cut."""
    mask = pd.Series(True, index=frame.index)
    for name, values in cut.where.items():
        mask &= frame[name].isin(values)
    if cut.since is not None:
        mask &= frame["at"] >= pd.Timestamp(cut.since)
    if cut.until is not None:
        mask &= frame["at"].dt.date <= cut.until
    kept = frame[mask].copy()
    if cut.period:
        kept["period"] = period_start(kept["at"], cut.period)
    return kept


def _grouped(
    frame: pd.DataFrame,
    keys: Sequence[str],
    moments: Mapping[str, pd.Series],
) -> pd.DataFrame:
    """Sum per-row moment columns by `keys`; one row of totals without keys."""
    data = pd.DataFrame({**{k: frame[k] for k in keys}, **moments}, index=frame.index)
    if not keys:
        return pd.DataFrame({name: [data[name].sum()] for name in moments})
    out = data.groupby(list(keys), dropna=False, sort=False).sum().reset_index()
    return out.sort_values(list(keys), na_position="last", kind="stable").reset_index(
        drop=True
    )


def _indicator(mask: pd.Series) -> pd.Series:
    return mask.fillna(False).astype("int64")


def _square(values: pd.Series) -> pd.Series:
    return values.astype("float64") ** 2


def score_moments(
    facts: Mapping[str, pd.DataFrame],
    cut: Cut,
    promoter_min: int = 9,
    detractor_max: int = 6,
    csat_top_min: int = 4,
) -> pd.DataFrame:
    """NPS categories, CSAT top box and CES sums per group.

    Cut by a theme or pillar, the rows are the responses whose texts mention it,
    each response counted once per group however often it is mentioned.
    """
    keys = keys_of(cut)
    by_text = any(name in TEXT_DIMENSIONS for name in (*cut.by, *cut.where))
    if by_text:
        rows = filtered(facts["mentions"], cut)
        rows = rows[rows["response_id"].notna()]
        rows = rows.drop_duplicates([*keys, "response_id"])
    else:
        rows = filtered(facts["responses"], cut)
    nps, csat, ces = rows["nps"], rows["csat"], rows["ces"]
    moments = {
        "nps_n": _indicator(nps.notna()),
        "promoters": _indicator(nps >= promoter_min),
        "passives": _indicator((nps > detractor_max) & (nps < promoter_min)),
        "detractors": _indicator(nps <= detractor_max),
        "csat_n": _indicator(csat.notna()),
        "csat_top": _indicator(csat >= csat_top_min),
        "ces_n": _indicator(ces.notna()),
        "ces_sum": ces.astype("float64").fillna(0.0),
        "ces_sum_squares": _square(ces).fillna(0.0),
    }
    return _grouped(rows, keys, moments)


def sentiment_moments(facts: Mapping[str, pd.DataFrame], cut: Cut) -> pd.DataFrame:
    """Sentiment n, sum and sum of squares per group.

    Texts, or cut by a theme or pillar, the mentions (each with its own
    sentiment) of that theme or pillar.
    """
    by_text = any(name in TEXT_DIMENSIONS for name in (*cut.by, *cut.where))
    rows = filtered(facts["mentions" if by_text else "texts"], cut)
    score = rows["sentiment"]
    moments = {
        "sentiment_n": _indicator(score.notna()),
        "sentiment_sum": score.fillna(0.0),
        "sentiment_sum_squares": _square(score).fillna(0.0),
    }
    return _grouped(rows, keys_of(cut), moments)


def normalised(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Comparable results: period keys as midnight date-times, NULL keys as None."""
    frame = frame.copy()
    for key in keys:
        if key == "period":
            frame[key] = (
                pd.to_datetime(frame[key]).dt.normalize().astype("datetime64[ns]")
            )
        else:
            values = frame[key].astype(object)
            frame[key] = values.where(values.notna(), None)
    return frame.reset_index(drop=True)
