"""The ingest API: same validation and idempotency as imports, 422 with the field path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from belofte.domain.access import Role
from belofte.services.access.tokens import create_token
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.store import tables as t
from belofte.web.app import create_app

GOOD = {
    "id": "A1",
    "customer": "K1",
    "responded_at": "2026-11-02T10:00:00+01:00",
    "touchpoint": "bezorging-thuis",
    "nps": 9,
    "comment": "Top, bel me: 06-12345678",
}


@pytest.fixture
def api(tmp_path: Path, database_url: str) -> Iterator[tuple[TestClient, Workspace]]:
    result = init_workspace(tmp_path / "ws", "retail-nl", Settings(), database_url)
    ws = result.workspace
    _, secret = create_token(ws, "tests", Role.ANALYST, actor="tests")
    with TestClient(create_app(ws.settings), raise_server_exceptions=False) as client:
        client.headers["Authorization"] = f"Bearer {secret}"
        yield client, ws
    ws.close()


def responses(ws: Workspace) -> int:
    with ws.session() as s:
        return s.scalar(select(func.count()).select_from(t.Response)) or 0


def test_one_record_then_its_retry(api: tuple[TestClient, Workspace]) -> None:
    client, ws = api
    first = client.post("/api/v1/records/responses?source=shop", json=GOOD)
    assert (first.status_code, first.json()) == (
        200,
        {
            "kind": "responses",
            "source": "shop",
            "received": 1,
            "stored": 1,
            "updated": 0,
            "duplicates": 0,
        },
    )
    retry = client.post("/api/v1/records/responses?source=shop", json=GOOD)
    assert retry.json()["duplicates"] == 1
    changed = client.post(
        "/api/v1/records/responses?source=shop", json=GOOD | {"nps": 10}
    )
    assert changed.json()["updated"] == 1
    assert responses(ws) == 1
    with ws.session() as s:
        assert s.scalar(select(t.Verbatim.text_redacted)) == "Top, bel me: [PHONE]"


def test_idempotency_key_for_records_without_id(
    api: tuple[TestClient, Workspace],
) -> None:
    client, ws = api
    body = {k: v for k, v in GOOD.items() if k != "id"}
    headers = {"Idempotency-Key": "web-form-7f3a"}
    for _ in range(3):
        assert (
            client.post(
                "/api/v1/records/responses", json=body, headers=headers
            ).status_code
            == 200
        )
    assert responses(ws) == 1
    with ws.session() as s:
        assert s.scalar(select(t.Response.external_id)) == "web-form-7f3a"


def test_batch(api: tuple[TestClient, Workspace]) -> None:
    client, ws = api
    records = [GOOD | {"id": f"B{i}", "nps": i % 11} for i in range(500)]
    reply = client.post("/api/v1/records/responses/batch", json={"records": records})
    assert reply.json() == {
        "kind": "responses",
        "source": "api",
        "received": 500,
        "stored": 500,
        "updated": 0,
        "duplicates": 0,
    }
    assert responses(ws) == 500


def test_422_names_the_field(api: tuple[TestClient, Workspace]) -> None:
    client, ws = api
    bad = client.post("/api/v1/records/responses", json=GOOD | {"nps": 11})
    assert (bad.status_code, bad.json()) == (
        422,
        {
            "detail": [
                {
                    "loc": ["body", "nps"],
                    "msg": "out of scale 0-10",
                    "type": "value_error",
                }
            ]
        },
    )
    unknown = client.post("/api/v1/records/responses", json=GOOD | {"colour": "red"})
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["body", "colour"]
    assert unknown.json()["detail"][0]["type"] == "extra_forbidden"
    nested = client.post("/api/v1/records/responses", json=GOOD | {"nps": {"a": 1}})
    assert nested.status_code == 422 and nested.json()["detail"][0]["loc"][:2] == [
        "body",
        "nps",
    ]
    batch = client.post(
        "/api/v1/records/responses/batch",
        json={
            "records": [
                GOOD,
                GOOD | {"id": "X", "touchpoint": "bezorging-thuiss"},
            ]
        },
    )
    assert (batch.status_code, batch.json()) == (
        422,
        {
            "detail": [
                {
                    "loc": ["body", "records", 1, "touchpoint"],
                    "msg": "unknown touchpoint 'bezorging-thuiss'; did you mean 'bezorging-thuis'?",
                    "type": "value_error",
                }
            ]
        },
    )
    assert responses(ws) == 0  # a batch with a bad record stores nothing


def test_hostile_requests(api: tuple[TestClient, Workspace]) -> None:
    client, _ = api
    assert (
        client.post(
            "/api/v1/records/responses",
            content=b"{not json",
            headers={"content-type": "application/json"},
        ).status_code
        == 422
    )
    too_many = client.post(
        "/api/v1/records/responses/batch", json={"records": [GOOD] * 10_001}
    )
    assert too_many.status_code == 422
    assert too_many.json()["detail"][0] == {
        "loc": ["body", 0],
        "msg": "JSON decode error: more than 10,002 objects and arrays; a batch "
        "holds at most 10,000 records",
        "type": "json_invalid",
    }
    huge = client.post(
        "/api/v1/records/responses",
        content=b"x" * (1024 * 1024 + 1),
        headers={"content-type": "application/json"},
    )
    assert (huge.status_code, huge.json()) == (
        413,
        {"detail": "request body larger than 1048576 bytes"},
    )
    assert client.post("/api/v1/records/nonsense", json=GOOD).status_code == 404
    bad_source = client.post("/api/v1/records/responses?source=a%20b", json=GOOD)
    assert bad_source.status_code == 422


def test_openapi_describes_every_kind(api: tuple[TestClient, Workspace]) -> None:
    client, _ = api
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    for kind in (
        "responses",
        "reviews",
        "social",
        "tickets",
        "events",
        "orders",
        "customers",
        "pulse",
    ):
        assert f"/api/v1/records/{kind}" in paths
        assert f"/api/v1/records/{kind}/batch" in paths
    nps = spec["components"]["schemas"]["ResponsesRecord"]["properties"]["nps"]
    assert nps["description"] == "int (0-10), optional"


ORDER = {
    "id": "O1",
    "customer": "K1",
    "ordered_at": "2026-11-02T10:00:00+01:00",
    "revenue": 129.95,
}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("revenue", float("nan"), "expected a finite number"),  # was a 500
        ("revenue", float("inf"), "expected a finite number"),  # was stored
        ("revenue", "-Infinity", "expected a finite number"),
        ("revenue", "1e309", "above 999,999,999,999.99"),  # overflowed NUMERIC(14,2)
        ("margin", -1e13, "below -999,999,999,999.99"),
        ("id", "O\x002", "contains a NUL character"),  # breaks PostgreSQL
        ("customer", "K\x00", "contains a NUL character"),
    ],
)
def test_numbers_and_text_that_no_column_can_hold_are_422(
    api: tuple[TestClient, Workspace], field: str, value: object, message: str
) -> None:
    client, ws = api
    answer = client.post(
        "/api/v1/records/orders",
        content=json.dumps(ORDER | {field: value}),  # NaN and Infinity as JSON allows
        headers={"content-type": "application/json"},
    )
    assert (answer.status_code, answer.json()) == (
        422,
        {"detail": [{"loc": ["body", field], "msg": message, "type": "value_error"}]},
    )
    with ws.session() as s:
        assert s.scalar(select(func.count()).select_from(t.Order)) == 0
    assert client.post("/api/v1/records/orders", json=ORDER).status_code == 200


def test_a_nul_in_a_text_is_422_on_every_kind(
    api: tuple[TestClient, Workspace],
) -> None:
    client, _ = api
    answer = client.post(
        "/api/v1/records/responses", json=GOOD | {"comment": "goed\x00 zo"}
    )
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "comment"]
