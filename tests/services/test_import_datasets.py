"""Each real public dataset that fits a kind imports to exactly its distinct records.

The expected counts are computed here from the raw CSV with the csv module (the
oracle) and also pinned to the numbers documented in each dataset's SOURCE.md.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from belofte.ingest.kinds import RecordKind
from belofte.services.listen.imports import import_file
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.store import tables as t
from tests.conftest import SHARED_DATA

MAPPINGS = Path(__file__).resolve().parents[2] / "examples" / "mappings"
pytestmark = pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason=f"shared datasets not found at {SHARED_DATA}"
)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    folder = tmp_path_factory.mktemp("datasets") / "ws"
    result = init_workspace(folder, "retail-nl", Settings())
    yield result.workspace
    result.workspace.close()


def rows_of(relative: str, delimiter: str = ",") -> list[list[str]]:
    with (SHARED_DATA / relative).open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter=delimiter))[1:]


def copy_in(relative: str, tmp_path: Path) -> Path:
    """Imports write FILE.errors.csv next to FILE: work on a copy, never in shared/."""
    target = tmp_path / Path(relative).name
    target.write_bytes((SHARED_DATA / relative).read_bytes())
    return target


def stored(ws: Workspace, model: type[t.Base], source: str) -> int:
    with ws.session() as s:
        column = model.source  # type: ignore[attr-defined]
        return (
            s.scalar(select(func.count()).select_from(model).where(column == source))
            or 0
        )


def test_twitter_airline_tweets(ws: Workspace, tmp_path: Path) -> None:
    rel = "twitter-us-airline-sentiment/Tweets.csv"
    rows = rows_of(rel)
    distinct_rows, distinct_ids = (
        len({tuple(r) for r in rows}),
        len({r[0] for r in rows}),
    )
    assert (len(rows), distinct_rows, distinct_ids) == (10248, 10175, 10147)
    summary = import_file(
        ws,
        copy_in(rel, tmp_path),
        RecordKind.SOCIAL,
        mapping_path=MAPPINGS / "twitter-us-airline-sentiment.yaml",
    )
    # Exact repeats are duplicates; a tweet relabelled in a later row is an update.
    assert (
        summary.read,
        summary.stored,
        summary.updated,
        summary.duplicates,
        summary.rejected,
    ) == (
        10248,
        distinct_ids,
        distinct_rows - distinct_ids,
        len(rows) - distinct_rows,
        0,
    )
    assert stored(ws, t.Verbatim, "twitter-airlines") == 10147
    with ws.session() as s:
        attributes = s.scalar(
            select(t.Verbatim.attributes).where(
                t.Verbatim.external_id == "570301031407624196"
            )
        )
        assert attributes == {
            "airline_sentiment": "negative",
            "negativereason": "Bad Flight",
            "airline": "Virgin America",
        }


def test_olist_reviews_orders_and_deliveries(ws: Workspace, tmp_path: Path) -> None:
    rel = "olist-classified-reviews-pt/olist_classified_public_dataset.csv"
    rows = rows_of(rel)
    undelivered = sum(1 for r in rows if not r[10].strip())
    assert (len(rows), undelivered) == (2502, 91)
    path = copy_in(rel, tmp_path)
    reviews = import_file(
        ws, path, RecordKind.REVIEWS, mapping_path=MAPPINGS / "olist-reviews.yaml"
    )
    orders = import_file(
        ws, path, RecordKind.ORDERS, mapping_path=MAPPINGS / "olist-orders.yaml"
    )
    events = import_file(
        ws, path, RecordKind.EVENTS, mapping_path=MAPPINGS / "olist-deliveries.yaml"
    )
    assert (reviews.stored, reviews.rejected) == (2502, 0)
    assert (orders.stored, orders.rejected) == (2502, 0)
    assert (events.stored, events.rejected) == (2502 - undelivered, undelivered)
    assert stored(ws, t.Verbatim, "olist") == 2502
    assert stored(ws, t.Order, "olist") == 2502
    assert stored(ws, t.Interaction, "olist-delivery") == 2411


def test_cars4u_survey_comments(ws: Workspace, tmp_path: Path) -> None:
    rel = "ibm-cars4u-car-rental-feedback/car_rental_training_data.csv"
    rows = rows_of(rel, ";")
    distinct = len({tuple(r) for r in rows})
    assert (len(rows), distinct) == (342, 333)
    summary = import_file(
        ws,
        copy_in(rel, tmp_path),
        RecordKind.RESPONSES,
        mapping_path=MAPPINGS / "ibm-cars4u-car-rental-feedback.yaml",
    )
    assert (summary.stored, summary.duplicates, summary.updated, summary.rejected) == (
        distinct,
        len(rows) - distinct,
        0,
        0,
    )
    assert stored(ws, t.Response, "cars4u") == 333
    with ws.session() as s:
        answers = s.scalar(
            select(func.count())
            .select_from(t.Answer)
            .join(t.Response, t.Response.id == t.Answer.response_id)
            .where(t.Response.source == "cars4u")
        )
        assert answers == 333 * 10


def test_bitext_tickets(ws: Workspace, tmp_path: Path) -> None:
    rel = "bitext-customer-support-intents/Bitext_Sample_Customer_Support_Training_Dataset.csv"
    rows = rows_of(rel)
    assert (len(rows), len({tuple(r) for r in rows})) == (3221, 3221)
    summary = import_file(
        ws,
        copy_in(rel, tmp_path),
        RecordKind.TICKETS,
        mapping_path=MAPPINGS / "bitext-customer-support-intents.yaml",
    )
    assert (summary.stored, summary.duplicates, summary.rejected) == (3221, 0, 0)


def test_telco_customers(ws: Workspace, tmp_path: Path) -> None:
    rel = "ibm-telco-customer-churn/Telco-Customer-Churn.csv"
    rows = rows_of(rel)
    assert len({r[0] for r in rows}) == len(rows) == 7043
    path = copy_in(rel, tmp_path)
    summary = import_file(
        ws,
        path,
        RecordKind.CUSTOMERS,
        mapping_path=MAPPINGS / "ibm-telco-customer-churn.yaml",
    )
    assert (summary.stored, summary.rejected) == (7043, 0)
    again = import_file(
        ws,
        path,
        RecordKind.CUSTOMERS,
        mapping_path=MAPPINGS / "ibm-telco-customer-churn.yaml",
    )
    assert (again.stored, again.duplicates) == (0, 7043)
    with ws.session() as s:
        segments = dict(
            s.execute(
                select(t.Customer.segment, func.count()).group_by(t.Customer.segment)
            ).all()
        )
        assert sum(segments.values()) == 7043
        assert segments["Month-to-month"] == sum(
            1 for r in rows if r[15] == "Month-to-month"
        )


def test_airline_passenger_ratings(ws: Workspace, tmp_path: Path) -> None:
    rel = "airline-passenger-satisfaction-sample/airline_passenger_satisfaction_30pct_sample.csv"
    rows = rows_of(rel)
    assert (len(rows), len({tuple(r) for r in rows})) == (38847, 38847)
    summary = import_file(
        ws,
        copy_in(rel, tmp_path),
        RecordKind.RESPONSES,
        mapping_path=MAPPINGS / "airline-passenger-satisfaction.yaml",
    )
    assert (summary.stored, summary.duplicates, summary.rejected) == (38847, 0, 0)
    with ws.session() as s:
        mean_wifi = s.scalar(
            select(func.avg(t.Answer.value_number)).where(
                t.Answer.question == "inflight-wifi"
            )
        )
        expected = sum(int(r[6]) for r in rows) / len(rows)
        assert mean_wifi == pytest.approx(expected)
