"""A seeded synthetic dataset for every analytical table (`analytics.tables.FACTS`).

Stroomhuis-like codes (locations, regions, touchpoints with their stage and
channel, themes with their pillar), a few thousand rows a table, and the data
that catches engine differences:

* NULLs in every nullable column, including group keys;
* times over two years (2024-2025) with microseconds, planted on Dec 31 / Jan 1
  boundaries, the last microsecond of a day, leap day and ISO-week edge days
  (2024-12-30 is in 2025-W01, 2026-01-01 in 2026-W01, 2025-12-28 a Sunday);
* NPS answers piled on the cut-offs 6, 7, 8, 9 (and 0, 10), CSAT on 3 and 4;
* a location with exactly one response (`assen-centrum`), one with responses
  but no NPS answer at all (`leeuwarden-centrum`) and one with no rows at all
  (`middelburg-centrum`);
* responses with two texts mentioning the same theme and texts with two themes
  of one pillar (the mentions route must count each response once per group).

Everything derives from one seed, so every engine and the oracle see the same
frames.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import ibis.expr.datatypes as dt
import numpy as np
import pandas as pd
import pyarrow as pa

from belofte.analytics.tables import FACTS, MENTIONS, RATINGS, RESPONSES, STEPS, TEXTS

SEED = 20261129

#: Location code -> region.
LOCATIONS = {
    "amsterdam-zuid": "Noord-Holland",
    "rotterdam-alexandrium": "Zuid-Holland",
    "utrecht-centrum": "Utrecht",
    "arnhem-centrum": "Gelderland",
    "eindhoven-woensel": "Noord-Brabant",
    "maastricht-centrum": "Limburg",
    "groningen-zuid": "Groningen",
    "zwolle-centrum": "Overijssel",
    "almere-stad": "Flevoland",
    "webshop": "Online",
    "klantenservice": "Online",
    # Special cases, placed by hand below.
    "assen-centrum": "Drenthe",  # exactly one response
    "leeuwarden-centrum": "Friesland",  # responses, never an NPS answer
    "middelburg-centrum": "Zeeland",  # no row in any table
}
ONE_RESPONSE_LOCATION = "assen-centrum"
NO_NPS_LOCATION = "leeuwarden-centrum"
EMPTY_LOCATION = "middelburg-centrum"
_COMMON_LOCATIONS = list(LOCATIONS)[:11]

#: Touchpoint code -> (stage, channel).
TOUCHPOINTS = {
    "advies-winkel": ("orientatie", "winkel"),
    "orientatie-webshop": ("orientatie", "webshop"),
    "aankoop-winkel": ("aankoop", "winkel"),
    "aankoop-webshop": ("aankoop", "webshop"),
    "orderstatus-email": ("bezorging", "email"),
    "bezorging-thuis": ("bezorging", "thuis"),
    "afhalen-winkel": ("bezorging", "winkel"),
    "installatie-thuis": ("installatie", "thuis"),
    "klantenservice-telefoon": ("service", "telefoon"),
    "klantenservice-chat": ("service", "chat"),
    "servicebalie-winkel": ("service", "winkel"),
    "social-media": ("service", "social"),
    "reparatie": ("service", "thuis"),
}
CHANNELS = sorted({channel for _, channel in TOUCHPOINTS.values()})

#: Theme code -> pillar code.
THEMES = {
    "vriendelijk-personeel": "vertrouwd-dichtbij",
    "persoonlijk-contact": "vertrouwd-dichtbij",
    "winkel-in-de-buurt": "vertrouwd-dichtbij",
    "retour-en-reparatie": "vertrouwd-dichtbij",
    "levertijd": "snel-geregeld",
    "bezorgafspraak": "snel-geregeld",
    "klantenservice": "snel-geregeld",
    "voorraad": "snel-geregeld",
    "webshop-gebruiksgemak": "snel-geregeld",
    "prijs-kwaliteit": "eerlijke-prijs",
    "transparante-kosten": "eerlijke-prijs",
    "acties-en-prijsgarantie": "eerlijke-prijs",
    "productkennis": "deskundig-advies",
    "eerlijk-advies": "deskundig-advies",
    "installatie": "deskundig-advies",
}
SEGMENTS = ["particulier", "zakelijk", "student"]
LANGUAGES = ["nl", "en"]
QUESTIONS = ["vriendelijkheid", "deskundigheid", "levertijd", "prijs", "overall"]
STEP_KINDS = ["bezoek", "bestelling", "bezorging", "gesprek", "chat"]
TEXT_KINDS = ["review", "social", "ticket"]

START = datetime(2024, 1, 1)
END = datetime(
    2026, 1, 1
)  # exclusive for random times; edge times may reach 2026-01-04

#: Times planted on the calendar edges (local time).
EDGE_TIMES = [
    datetime(2024, 1, 1, 0, 0, 0),  # Monday, 2024-W01, first instant of the data
    datetime(2024, 2, 29, 12, 0, 0),  # leap day
    datetime(2024, 3, 31, 23, 59, 59, 999999),  # end of Q1, last microsecond
    datetime(2024, 4, 1, 0, 0, 0),
    datetime(2024, 12, 29, 23, 59, 59),  # Sunday, 2024-W52
    datetime(2024, 12, 30, 0, 0, 0),  # Monday, ISO week 2025-W01 (still 2024)
    datetime(2024, 12, 31, 23, 59, 59, 999999),  # last microsecond of 2024
    datetime(2025, 1, 1, 0, 0, 0),  # first instant of 2025
    datetime(2025, 1, 5, 23, 59, 59),  # Sunday, end of 2025-W01
    datetime(2025, 6, 30, 23, 59, 59, 500000),  # end of H1
    datetime(2025, 12, 28, 18, 30, 0),  # Sunday, 2025-W52
    datetime(2025, 12, 29, 0, 0, 1),  # Monday, ISO week 2026-W01 (still 2025)
    datetime(2025, 12, 31, 23, 59, 59, 999999),
    datetime(2026, 1, 1, 0, 0, 0),  # Thursday, 2026-W01
    datetime(2026, 1, 4, 23, 59, 59, 999999),  # Sunday, end of 2026-W01
]


def _times(rng: np.random.Generator, n: int, edges: int) -> pd.Series:
    """`n` times: random microseconds over two years, the first `edges` planted."""
    span = int((END - START).total_seconds() * 1_000_000)
    micros = rng.integers(0, span, size=n)
    times = pd.Series(pd.Timestamp(START) + pd.to_timedelta(micros, unit="us"))
    planted = [EDGE_TIMES[i % len(EDGE_TIMES)] for i in range(edges)]
    times.iloc[:edges] = pd.to_datetime(planted)
    return times.astype("datetime64[us]")


def _maybe_null(
    rng: np.random.Generator, values: np.ndarray, share: float
) -> np.ndarray:
    out = values.astype(object)
    out[rng.random(len(out)) < share] = None
    return out


def _codes(
    rng: np.random.Generator, choices: list[str], n: int, null_share: float
) -> np.ndarray:
    return _maybe_null(
        rng, rng.choice(np.array(choices, dtype=object), size=n), null_share
    )


def _answers(
    rng: np.random.Generator,
    n: int,
    values: list[int],
    weights: list[float],
    null_share: float,
) -> pd.Series:
    p = np.array(weights) / sum(weights)
    drawn = pd.Series(rng.choice(values, size=n, p=p), dtype="Int64")
    drawn[rng.random(n) < null_share] = pd.NA
    return drawn


def _place(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """touchpoint, stage, channel, location, region, segment with NULLs."""
    touchpoint = _codes(rng, list(TOUCHPOINTS), n, 0.05)
    stage = np.array(
        [None if t is None else TOUCHPOINTS[t][0] for t in touchpoint], dtype=object
    )
    channel = np.array(
        [None if t is None else TOUCHPOINTS[t][1] for t in touchpoint], dtype=object
    )
    # Some rows know the channel but not the touchpoint (imported without one).
    unknown = np.flatnonzero(pd.isna(touchpoint))
    channel[unknown[::2]] = rng.choice(
        np.array(CHANNELS, dtype=object), len(unknown[::2])
    )
    location = _codes(rng, _COMMON_LOCATIONS, n, 0.06)
    region = np.array(
        [None if loc is None else LOCATIONS[loc] for loc in location], dtype=object
    )
    segment = _codes(rng, SEGMENTS, n, 0.10)
    return {
        "touchpoint": touchpoint,
        "stage": stage,
        "channel": channel,
        "location": location,
        "region": region,
        "segment": segment,
    }


def _responses(rng: np.random.Generator, n: int = 3000) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "response_id": np.arange(1, n + 1, dtype="int64"),
            "customer_id": _answers(rng, n, list(range(1, 701)), [1.0] * 700, 0.05),
            "at": _times(rng, n, edges=3 * len(EDGE_TIMES)),
            **_place(rng, n),
            "language": _codes(rng, LANGUAGES, n, 0.04),
            # Piled on the cut-offs: 6 (detractor), 7 and 8 (passive), 9 (promoter).
            "nps": _answers(
                rng, n, list(range(11)), [3, 1, 1, 2, 2, 4, 12, 14, 16, 15, 10], 0.10
            ),
            "csat": _answers(rng, n, [1, 2, 3, 4, 5], [1, 2, 5, 6, 4], 0.15),
            "ces": _answers(rng, n, list(range(1, 8)), [3, 4, 5, 6, 5, 3, 2], 0.30),
        }
    )
    # A location with exactly one response, and one whose answers never include NPS.
    frame.loc[n - 1, ["location", "region"]] = [
        ONE_RESPONSE_LOCATION,
        LOCATIONS[ONE_RESPONSE_LOCATION],
    ]
    no_nps = frame.index[n - 8 : n - 1]
    frame.loc[no_nps, ["location", "region"]] = [
        NO_NPS_LOCATION,
        LOCATIONS[NO_NPS_LOCATION],
    ]
    frame.loc[no_nps, "nps"] = pd.NA
    return frame


def _texts(rng: np.random.Generator, responses: pd.DataFrame) -> pd.DataFrame:
    """Comments on responses (some responses have two) and unsolicited texts."""
    with_comment = responses.sample(frac=0.6, random_state=SEED)
    second = with_comment.sample(frac=0.1, random_state=SEED + 1)
    linked = pd.concat([with_comment, second]).sort_values("response_id", kind="stable")
    n_free = 700
    place_cols = ["touchpoint", "stage", "channel", "location", "region", "segment"]
    comments = pd.DataFrame(
        {
            "response_id": linked["response_id"].astype("Int64").to_numpy(),
            "customer_id": linked["customer_id"].to_numpy(),
            "kind": "comment",
            "at": linked["at"].to_numpy(),
            **{c: linked[c].to_numpy() for c in place_cols},
            "language": linked["language"].to_numpy(),
            "nps": linked["nps"].to_numpy(),
            "csat": linked["csat"].to_numpy(),
            "ces": linked["ces"].to_numpy(),
        }
    )
    free = pd.DataFrame(
        {
            "response_id": pd.Series([pd.NA] * n_free, dtype="Int64"),
            "customer_id": _answers(rng, n_free, list(range(1, 701)), [1.0] * 700, 0.4),
            "kind": rng.choice(np.array(TEXT_KINDS, dtype=object), n_free),
            "at": _times(rng, n_free, edges=len(EDGE_TIMES)).to_numpy(),
            **_place(rng, n_free),
            "language": _codes(rng, LANGUAGES, n_free, 0.02),
            "nps": pd.Series([pd.NA] * n_free, dtype="Int64"),
            # Reviews carry stars (CSAT); social posts and tickets do not.
            "csat": _answers(rng, n_free, [1, 2, 3, 4, 5], [2, 1, 2, 3, 4], 0.5),
            "ces": pd.Series([pd.NA] * n_free, dtype="Int64"),
        }
    )
    # Column by column: a frame concat warns about free's all-NULL NPS column.
    texts = pd.DataFrame(
        {c: pd.concat([comments[c], free[c]], ignore_index=True) for c in comments}
    ).astype(
        {
            "response_id": "Int64",
            "customer_id": "Int64",
            "nps": "Int64",
            "csat": "Int64",
            "ces": "Int64",
        }
    )
    n = len(texts)
    texts.insert(0, "verbatim_id", np.arange(1, n + 1, dtype="int64"))
    score = np.round(rng.uniform(-1.0, 1.0, n), 6)
    label = np.where(
        score > 0.25, "positive", np.where(score < -0.25, "negative", "neutral")
    ).astype(object)
    missing = rng.random(n) < 0.05
    score[missing] = np.nan
    label[missing] = None
    texts["sentiment_label"] = label
    texts["sentiment"] = score
    texts["at"] = texts["at"].astype("datetime64[us]")
    return texts


def _mentions(
    rng: np.random.Generator, texts: pd.DataFrame, responses: pd.DataFrame
) -> pd.DataFrame:
    """0-3 themes a text (often two of one pillar), scores of the response beside."""
    themes = np.array(list(THEMES), dtype=object)
    rows = []
    for text in texts.itertuples(index=False):
        count = rng.choice([0, 1, 2, 3], p=[0.25, 0.4, 0.25, 0.1])
        for theme in rng.choice(themes, size=count, replace=False):
            rows.append((text.verbatim_id, theme))
    mentions = pd.DataFrame(rows, columns=["verbatim_id", "theme"])
    mentions = mentions.merge(
        texts.drop(columns=["sentiment_label", "sentiment", "nps", "csat", "ces"]),
        on="verbatim_id",
        how="left",
    )
    scores = responses[["response_id", "nps", "csat", "ces"]].astype(
        {"response_id": "Int64"}
    )
    mentions = mentions.merge(scores, on="response_id", how="left")
    n = len(mentions)
    mentions.insert(0, "mention_id", np.arange(1, n + 1, dtype="int64"))
    mentions["pillar"] = mentions["theme"].map(THEMES)
    # An aspect may name its own touchpoint (the text's channel stays).
    own = rng.random(n) < 0.15
    own_tp = rng.choice(np.array(list(TOUCHPOINTS), dtype=object), n)
    mentions.loc[own, "touchpoint"] = own_tp[own]
    mentions.loc[own, "stage"] = [TOUCHPOINTS[t][0] for t in own_tp[own]]
    score = np.round(rng.uniform(-1.0, 1.0, n), 6)
    label = np.where(
        score > 0.2, "positive", np.where(score < -0.2, "negative", "neutral")
    ).astype(object)
    label[(label == "neutral") & (rng.random(n) < 0.3)] = "mixed"
    mentions["sentiment_label"] = label
    score[rng.random(n) < 0.03] = np.nan
    mentions["sentiment"] = score
    for column in ("nps", "csat", "ces"):
        mentions[column] = mentions[column].astype("Int64")
    mentions["at"] = mentions["at"].astype("datetime64[us]")
    return mentions


def _ratings(rng: np.random.Generator, responses: pd.DataFrame) -> pd.DataFrame:
    rated = responses.sample(frac=0.5, random_state=SEED + 2)["response_id"]
    response_id = np.repeat(rated.to_numpy(), len(QUESTIONS))
    question = np.tile(np.array(QUESTIONS, dtype=object), len(rated))
    keep = rng.random(len(response_id)) < 0.85  # not every question answered
    value = rng.integers(1, 11, len(response_id)).astype("float64")
    n = int(keep.sum())
    return pd.DataFrame(
        {
            "answer_id": np.arange(1, n + 1, dtype="int64"),
            "response_id": response_id[keep].astype("int64"),
            "question": question[keep],
            "value": value[keep],
        }
    )


def _steps(rng: np.random.Generator, n: int = 4000) -> pd.DataFrame:
    place = _place(rng, n)
    steps = pd.DataFrame(
        {
            "interaction_id": np.arange(1, n + 1, dtype="int64"),
            # Few customers, so that journeys have several steps.
            "customer_id": _answers(rng, n, list(range(1, 301)), [1.0] * 300, 0.03),
            "kind": rng.choice(np.array(STEP_KINDS, dtype=object), n),
            "at": _times(rng, n, edges=len(EDGE_TIMES)),
            **{k: place[k] for k in ("touchpoint", "stage", "channel", "location")},
        }
    )
    # Stars after some steps (1-5), NULL for most.
    rating = rng.integers(1, 6, n).astype("float64")
    rating[rng.random(n) < 0.5] = np.nan
    steps["rating"] = rating
    # Ties: ten customers rated two steps at the same moment.
    tied = steps.index[100:110]
    steps.loc[tied, ["customer_id", "at"]] = steps.loc[
        steps.index[110:120], ["customer_id", "at"]
    ].to_numpy()
    steps.loc[steps.index[100:110], "rating"] = 1.0
    steps.loc[steps.index[110:120], "rating"] = 5.0
    return steps


def _orders(rng: np.random.Generator, n: int = 1500) -> pd.DataFrame:
    channel = _codes(rng, ["winkel", "webshop", "telefoon"], n, 0.02)
    location = np.where(
        channel == "winkel",
        rng.choice(np.array(_COMMON_LOCATIONS[:9], dtype=object), n),
        "webshop",
    ).astype(object)
    location[rng.random(n) < 0.05] = None
    revenue = np.round(rng.lognormal(5.0, 1.0, n), 2)
    revenue[rng.random(n) < 0.03] = np.nan
    return pd.DataFrame(
        {
            "order_id": np.arange(1, n + 1, dtype="int64"),
            "customer_id": _answers(rng, n, list(range(1, 701)), [1.0] * 700, 0.05),
            "at": _times(rng, n, edges=len(EDGE_TIMES)),
            "channel": channel,
            "location": location,
            "revenue": revenue,
            "items": _answers(rng, n, [1, 2, 3, 4, 5], [8, 4, 2, 1, 1], 0.02),
        }
    )


def _customer_attributes(rng: np.random.Generator) -> pd.DataFrame:
    """Home store and loyalty tier of most customers (one value per name)."""
    rows: list[tuple[int, str, str | None]] = []
    for customer in range(1, 701):
        if rng.random() < 0.8:
            rows.append(
                (customer, "tier", str(rng.choice(["goud", "zilver", "brons"])))
            )
        if rng.random() < 0.7:
            home = rng.choice(np.array(_COMMON_LOCATIONS[:9], dtype=object))
            rows.append((customer, "home-store", home if rng.random() > 0.05 else None))
    frame = pd.DataFrame(rows, columns=["customer_id", "name", "value"])
    return frame.astype({"customer_id": "int64"})


def _generic(rng: np.random.Generator, name: str, n: int = 500) -> pd.DataFrame:
    """Rows for a fact this module does not know yet, typed from its schema."""
    columns: dict[str, Any] = {}
    for column, dtype in FACTS[name].items():
        if dtype.is_timestamp():
            columns[column] = _times(rng, n, edges=len(EDGE_TIMES))
        elif dtype.is_int64():
            values = pd.Series(rng.integers(0, 100, n), dtype="Int64")
            if dtype.nullable:
                values[rng.random(n) < 0.05] = pd.NA
            columns[column] = values if dtype.nullable else values.astype("int64")
        elif dtype.is_float64():
            floats = rng.normal(0.0, 1.0, n)
            if dtype.nullable:
                floats[rng.random(n) < 0.05] = np.nan
            columns[column] = floats
        else:
            codes = rng.choice(np.array(_COMMON_LOCATIONS, dtype=object), n)
            columns[column] = _maybe_null(rng, codes, 0.05 if dtype.nullable else 0.0)
    return pd.DataFrame(columns)


def make_facts(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Every analytical table as a pandas DataFrame, in FACTS column order."""
    rng = np.random.default_rng(seed)
    responses = _responses(rng)
    texts = _texts(rng, responses)
    mentions = _mentions(rng, texts, responses)
    frames = {
        RESPONSES: responses,
        TEXTS: texts,
        MENTIONS: mentions,
        RATINGS: _ratings(rng, responses),
        STEPS: _steps(rng),
        "orders": _orders(rng),
        "customer_attributes": _customer_attributes(rng),
    }
    out = {}
    for name in FACTS:
        generic = _generic(rng, name, len(frames[name]) if name in frames else 500)
        frame = frames.get(name, generic).copy()
        # A column FACTS gained after this module was written: typed filler.
        for column in FACTS[name]:
            if column not in frame.columns:
                frame[column] = generic[column].set_axis(frame.index)
        out[name] = frame[list(FACTS[name])]
    return out


def _arrow_type(dtype: dt.DataType) -> pa.DataType:
    if dtype.is_timestamp():
        return pa.timestamp("us")
    if dtype.is_int64():
        return pa.int64()
    if dtype.is_float64():
        return pa.float64()
    assert dtype.is_string(), dtype
    return pa.string()


def arrow_table(name: str, frame: pd.DataFrame) -> pa.Table:
    """The frame as Arrow with the fact's exact column types."""
    schema = pa.schema(
        [
            pa.field(column, _arrow_type(dtype), nullable=dtype.nullable)
            for column, dtype in FACTS[name].items()
        ]
    )
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
