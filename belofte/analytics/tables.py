"""The analytical tables every engine sees: flat facts with blueprint codes.

The operational store is normalised (ids, JSON, UTC). Analyses want wide, flat
facts keyed by the blueprint's stable codes, with times already in the
workspace's time zone so that "December" means the Dutch December on every
engine. The same five tables live in the workspace's Parquet lake, in Parquet
exports for a warehouse or Spark, and in the cross-engine tests; analytics
functions only ever name the columns below.
"""

from __future__ import annotations

from typing import Final

import ibis
import ibis.expr.datatypes as dt

__all__ = [
    "CUSTOMERS",
    "CUSTOMER_PREFIX",
    "DIMENSIONS",
    "FACTS",
    "MENTIONS",
    "ORDERS",
    "RATINGS",
    "RESPONSES",
    "STEPS",
    "TEXTS",
    "TIME_COLUMN",
]

RESPONSES: Final = "responses"
TEXTS: Final = "texts"
MENTIONS: Final = "mentions"
RATINGS: Final = "ratings"
STEPS: Final = "steps"
ORDERS: Final = "orders"
CUSTOMERS: Final = "customer_attributes"

_STR = dt.String(nullable=True)
_INT = dt.Int64(nullable=True)
_FLOAT = dt.Float64(nullable=True)
_TIME = dt.Timestamp(nullable=False)

#: Where each row happened: the columns every cut can use.
_PLACE = {
    "touchpoint": _STR,
    "stage": _STR,
    "channel": _STR,
    "location": _STR,
    "region": _STR,
    "segment": _STR,
}

FACTS: Final[dict[str, ibis.Schema]] = {
    # One row per survey response.
    RESPONSES: ibis.schema(
        {
            "response_id": dt.int64,
            "customer_id": _INT,
            "at": _TIME,
            **_PLACE,
            "language": _STR,
            "nps": _INT,
            "csat": _INT,
            "ces": _INT,
        }
    ),
    # One row per analysed text (comment, review, post, ticket).
    TEXTS: ibis.schema(
        {
            "verbatim_id": dt.int64,
            "response_id": _INT,
            "customer_id": _INT,
            "kind": dt.string,
            "at": _TIME,
            **_PLACE,
            "language": _STR,
            "sentiment_label": _STR,
            "sentiment": _FLOAT,
            "nps": _INT,
            "csat": _INT,
            "ces": _INT,
        }
    ),
    # One row per theme found in a text, with the scores beside that text.
    MENTIONS: ibis.schema(
        {
            "mention_id": dt.int64,
            "verbatim_id": dt.int64,
            "response_id": _INT,
            "customer_id": _INT,
            "at": _TIME,
            "theme": dt.string,
            "pillar": dt.string,
            **_PLACE,
            "sentiment_label": dt.string,
            "sentiment": _FLOAT,
            "nps": _INT,
            "csat": _INT,
            "ces": _INT,
        }
    ),
    # One row per numeric answer to a survey question (rated attributes).
    RATINGS: ibis.schema(
        {
            "answer_id": dt.int64,
            "response_id": dt.int64,
            "question": dt.string,
            "value": dt.float64,
        }
    ),
    # One row per customer interaction (journey steps).
    STEPS: ibis.schema(
        {
            "interaction_id": dt.int64,
            "customer_id": _INT,
            "kind": dt.string,
            "at": _TIME,
            "touchpoint": _STR,
            "stage": _STR,
            "channel": _STR,
            "location": _STR,
            # The customer's 1-5 rating of this touchpoint, when given.
            "rating": _FLOAT,
        }
    ),
    # One row per order (purchases are journey steps, and outcomes for ROE).
    ORDERS: ibis.schema(
        {
            "order_id": dt.int64,
            "customer_id": _INT,
            "at": _TIME,
            "channel": _STR,
            "location": _STR,
            "revenue": _FLOAT,
            "items": _INT,
        }
    ),
    # One row per customer attribute (home store, loyalty tier, ...): segments.
    CUSTOMERS: ibis.schema({"customer_id": dt.int64, "name": dt.string, "value": _STR}),
}

#: The time column of every fact that has one (local time, no zone).
TIME_COLUMN: Final = "at"

#: Columns a cut may group or filter by, and the facts that carry them.
DIMENSIONS: Final[tuple[str, ...]] = (*_PLACE, "language", "theme", "pillar")

#: `customer.NAME` cuts by any customer attribute (joined on customer_id).
CUSTOMER_PREFIX: Final = "customer."
