"""The text API: analyse a text, read a stored enrichment, correct labels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from belofte.domain.access import Role
from belofte.services.access.tokens import create_token
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.store import tables as t
from belofte.web.app import create_app


@pytest.fixture
def api(tmp_path: Path) -> Iterator[tuple[TestClient, Workspace]]:
    result = init_workspace(tmp_path / "ws", "retail-nl", Settings())
    ws = result.workspace
    _, secret = create_token(ws, "tests", Role.ANALYST, actor="tests")
    with TestClient(create_app(ws.settings), raise_server_exceptions=False) as client:
        client.headers["Authorization"] = f"Bearer {secret}"
        yield client, ws
    ws.close()


def test_analyse_returns_labels_with_spans_into_the_redacted_text(
    api: tuple[TestClient, Workspace],
) -> None:
    client, _ = api
    response = client.post(
        "/api/v1/text/analyse",
        json={"text": "Het personeel was niet vriendelijk. Mail me: piet@example.nl"},
    )
    assert response.status_code == 200
    body = response.json()
    text = body["text"]
    assert text == "Het personeel was niet vriendelijk. Mail me: [EMAIL]"
    assert body["language"] == "nl"
    assert body["sentiment"]["label"] == "negative"
    assert [text[s:e] for s, e in body["sentiment"]["spans"]] == ["niet vriendelijk"]
    aspect = next(a for a in body["aspects"] if a["theme"] == "vriendelijk-personeel")
    assert aspect["pillar"] == "vertrouwd-dichtbij"
    assert aspect["sentiment"]["label"] == "negative"
    assert body["model_version"] == "rules-2"


def test_corrections_round_trip_and_bad_input_is_422(
    api: tuple[TestClient, Workspace],
) -> None:
    client, ws = api
    stored = client.post(
        "/api/v1/records/reviews",
        json={
            "id": "G1",
            "occurred_at": "2026-11-01",
            "rating": 2,
            "text": "Prima hoor",
        },
    )
    assert stored.status_code == 200
    with ws.session() as s:
        verbatim_id = s.scalar(select(t.Verbatim.id))
    enrichment = client.get(f"/api/v1/verbatims/{verbatim_id}/enrichment").json()
    assert enrichment["text"] == "Prima hoor"
    assert enrichment["enrichment"]["sentiment"]["label"] == "positive"

    fixed = client.post(
        f"/api/v1/verbatims/{verbatim_id}/labels",
        json={
            "sentiment": "negative",
            "aspects": {"levertijd": "absent"},
        },
    )
    assert (fixed.status_code, fixed.json()) == (
        200,
        {"verbatim_id": verbatim_id, "corrected": 2},
    )
    with ws.session() as s:
        rows = s.execute(
            select(
                t.LabelCorrection.task,
                t.LabelCorrection.label,
                t.LabelCorrection.corrected_by,
            ).order_by(t.LabelCorrection.id)
        ).all()
    by = "token:1:tests"  # the caller, not a name the body claims
    assert rows == [("sentiment", "negative", by), ("aspect", "absent", by)]

    bad = client.post(
        f"/api/v1/verbatims/{verbatim_id}/labels", json={"sentiment": "great"}
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "sentiment"]
    unknown_theme = client.post(
        f"/api/v1/verbatims/{verbatim_id}/labels",
        json={"aspects": {"bezorging": "negative"}},
    )
    assert unknown_theme.status_code == 404
    assert client.get("/api/v1/verbatims/424242/enrichment").status_code == 404
    assert client.post("/api/v1/verbatims/0/labels", json={}).status_code == 422


def test_analyse_refuses_oversized_and_empty_text(
    api: tuple[TestClient, Workspace],
) -> None:
    client, _ = api
    too_long = client.post("/api/v1/text/analyse", json={"text": "a" * 10_001})
    assert too_long.status_code == 422
    assert too_long.json()["detail"][0]["loc"] == ["body", "text"]
    assert client.post("/api/v1/text/analyse", json={"text": ""}).status_code == 422
    assert (
        client.post("/api/v1/text/analyse", json={"text": "x", "extra": 1}).status_code
        == 422
    )
