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


CUSTOMER = "customer."


def filtered(
    frame: pd.DataFrame, cut: Cut, attributes: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Rows of `frame` kept by the cut's filters, with a `period` column if cut.

    A `customer.NAME` dimension is the customer's attribute NAME (NULL when the
    customer or the attribute is unknown), from `attributes`.
    """
    for name in dict.fromkeys((*cut.by, *cut.where)):
        if name.startswith(CUSTOMER) and attributes is not None:
            values = attributes[attributes["name"] == name.removeprefix(CUSTOMER)]
            lookup = values.set_index("customer_id")["value"]
            frame = frame.assign(**{name: frame["customer_id"].map(lookup)})
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
        rows = filtered(facts["mentions"], cut, facts.get("customer_attributes"))
        rows = rows[rows["response_id"].notna()]
        rows = rows.drop_duplicates([*keys, "response_id"])
    else:
        rows = filtered(facts["responses"], cut, facts.get("customer_attributes"))
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
    table = facts["mentions" if by_text else "texts"]
    rows = filtered(table, cut, facts.get("customer_attributes"))
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


# ---------------------------------------------------------------- promise


def verdicts(
    rows: pd.DataFrame, promoter_min: int = 9, detractor_max: int = 6, top: int = 4
) -> tuple[pd.Series, pd.Series]:
    """Kept and broken per mention (analytics.promise's module docstring)."""
    label = rows["sentiment_label"]
    unsure = label.isin(["neutral", "mixed"])
    nps, csat = rows["nps"], rows["csat"]
    good = ((nps >= promoter_min) | (csat >= top)).fillna(False).astype(bool)
    bad = ((nps <= detractor_max) | (csat <= 2)).fillna(False).astype(bool)
    kept = (label == "positive") | (unsure & good)
    broken = (label == "negative") | (unsure & bad & ~good)
    return kept, broken


def promise_counts(
    facts: Mapping[str, pd.DataFrame], cut: Cut, dimensions: Sequence[str]
) -> pd.DataFrame:
    """Kept, broken and undecided mentions per pillar x dimensions x cut keys."""
    rows = filtered(facts["mentions"], cut)
    kept, broken = verdicts(rows)
    names = list(dict.fromkeys(["pillar", *dimensions, *keys_of(cut)]))
    moments = {
        "kept": kept.astype("int64"),
        "broken": broken.astype("int64"),
        "undecided": (~kept & ~broken).astype("int64"),
    }
    return _grouped(rows, names, moments)


def broken_evidence(
    facts: Mapping[str, pd.DataFrame],
    cut: Cut,
    cell: Mapping[str, str | None],
    limit: int = 3,
) -> list[int]:
    """The newest texts (ids, newest first) with a broken mention in the cell."""
    rows = filtered(facts["mentions"], cut)
    _, broken = verdicts(rows)
    mask = broken
    for name, value in cell.items():
        mask &= rows[name].isna() if value is None else rows[name] == value
    texts = rows.loc[mask, ["verbatim_id", "at"]].drop_duplicates("verbatim_id")
    newest = texts.sort_values(["at", "verbatim_id"], ascending=False)
    return [int(v) for v in newest["verbatim_id"].head(limit)]


# ---------------------------------------------------------------- drivers

POLARITY = {"positive": 1.0, "negative": -1.0}


def driver_table(
    facts: Mapping[str, pd.DataFrame],
    cut: Cut,
    outcome: str,
    drivers: Sequence[str],
    source: str,
) -> pd.DataFrame:
    """response_id, outcome and one column per driver (NaN: not answered).

    Ratings: respondents of the cut with an answer to at least one driver (the
    highest answer when a question was answered twice). Themes: respondents of
    the cut with a comment; a theme scores +1 praised, -1 criticised, 0 not
    mentioned or mixed (the sum of its mentions' polarity, clipped to [-1, 1]).
    """
    plain = Cut((), None, cut.where, cut.since, cut.until)
    if source == "ratings":
        base = filtered(facts["responses"], plain)[["response_id", outcome]]
        answers = facts["ratings"][facts["ratings"]["question"].isin(drivers)]
        wide = answers.pivot_table(
            index="response_id", columns="question", values="value", aggfunc="max"
        )
        wide = wide.reindex(columns=list(drivers))
        joined = base.merge(wide, left_on="response_id", right_index=True)
    else:
        texts = filtered(facts["texts"], plain)
        respondents = texts["response_id"].dropna().unique()
        responses = facts["responses"].set_index("response_id")
        base = pd.DataFrame(
            {
                "response_id": respondents.astype("int64"),
                outcome: responses.loc[respondents.astype("int64"), outcome].to_numpy(),
            }
        )
        mentions = facts["mentions"]
        mentions = mentions[
            mentions["theme"].isin(drivers) & mentions["response_id"].notna()
        ]
        polarity = mentions["sentiment_label"].map(POLARITY).fillna(0.0)
        summed = (
            polarity.groupby([mentions["response_id"], mentions["theme"]])
            .sum()
            .clip(-1, 1)
            .unstack()
            .reindex(columns=list(drivers))
        )
        summed.index = summed.index.astype("int64")
        joined = base.merge(summed, left_on="response_id", right_index=True, how="left")
        joined[list(drivers)] = joined[list(drivers)].fillna(0.0)
    joined = joined.rename(columns={outcome: "outcome"})
    joined["outcome"] = joined["outcome"].astype("float64")
    return joined.sort_values("response_id").reset_index(drop=True)


# ---------------------------------------------------------------- journeys


def journey_paths(
    facts: Mapping[str, pd.DataFrame], cut: Cut, window_days: int = 60
) -> pd.DataFrame:
    """Per answer: its path of touchpoints (first occurrences, time order)."""
    answers = filtered(facts["responses"], cut)
    answers = answers[answers["nps"].notna() & answers["customer_id"].notna()]
    steps = facts["steps"]
    steps = steps[
        (steps["kind"] != "experiment-exposure") & steps["customer_id"].notna()
    ]
    tokens = pd.concat(
        [
            pd.DataFrame(
                {
                    "customer_id": steps["customer_id"],
                    "at": steps["at"],
                    "token": steps["touchpoint"].fillna(steps["kind"]),
                }
            ),
            pd.DataFrame(
                {
                    "customer_id": facts["orders"]["customer_id"],
                    "at": facts["orders"]["at"],
                    "token": "order-" + facts["orders"]["channel"].fillna("other"),
                }
            ),
        ],
        ignore_index=True,
    ).dropna(subset=["customer_id"])
    keys = keys_of(cut)
    joined = answers[["response_id", "nps", "customer_id", "at", *keys]].merge(
        tokens, on="customer_id", suffixes=("_answer", "")
    )
    window = pd.Timedelta(days=window_days)
    joined = joined[
        (joined["at"] <= joined["at_answer"])
        & (joined["at"] >= joined["at_answer"] - window)
    ]
    first = (
        joined.groupby(["response_id", "token"], as_index=False)
        .agg(first_at=("at", "min"))
        .sort_values(["response_id", "first_at", "token"])
    )
    paths = first.groupby("response_id")["token"].agg(" > ".join).rename("path")
    per_answer = answers.set_index("response_id").loc[paths.index, ["nps", *keys]]
    return per_answer.assign(path=paths).reset_index()


def path_counts(
    facts: Mapping[str, pd.DataFrame], cut: Cut, window_days: int = 60
) -> pd.DataFrame:
    """Answers and NPS categories per path (and cut keys)."""
    per_answer = journey_paths(facts, cut, window_days)
    nps = per_answer["nps"]
    moments = {
        "answers": pd.Series(1, index=per_answer.index, dtype="int64"),
        "promoters": _indicator(nps >= 9),
        "passives": _indicator((nps > 6) & (nps < 9)),
        "detractors": _indicator(nps <= 6),
    }
    return _grouped(per_answer, ["path", *keys_of(cut)], moments)


def moment_ratings(
    facts: Mapping[str, pd.DataFrame], cut: Cut, window_days: int = 60
) -> pd.DataFrame:
    """Per answer with >= 2 rated steps in its window: nps, worst, mean, end.

    "end" is the rating of the latest rated step (ties on time averaged).
    """
    plain = Cut((), None, cut.where, cut.since, cut.until)
    answers = filtered(facts["responses"], plain)
    answers = answers[answers["nps"].notna() & answers["customer_id"].notna()]
    steps = facts["steps"]
    steps = steps[steps["rating"].notna() & steps["customer_id"].notna()]
    joined = answers[["response_id", "nps", "customer_id", "at"]].merge(
        steps[["customer_id", "at", "rating"]],
        on="customer_id",
        suffixes=("_answer", ""),
    )
    window = pd.Timedelta(days=window_days)
    joined = joined[
        (joined["at"] <= joined["at_answer"])
        & (joined["at"] >= joined["at_answer"] - window)
    ]
    latest = joined.groupby("response_id")["at"].transform("max")
    end = joined[joined["at"] == latest].groupby("response_id")["rating"].mean()
    per_answer = joined.groupby("response_id").agg(
        nps=("nps", "max"),
        steps=("rating", "size"),
        worst=("rating", "min"),
        mean=("rating", "mean"),
    )
    per_answer["end"] = end
    out = per_answer[per_answer["steps"] >= 2].reset_index()
    return out.sort_values("response_id").reset_index(drop=True)
