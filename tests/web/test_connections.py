"""No request path holds two pooled connections at once.

A request that holds one connection and asks for a second deadlocks with its
neighbours once they together hold the whole pool: sixteen concurrent first
ingests after a restart stalled for the pool's 30 s timeout and answered 500.
Counting checkouts per thread finds such a path deterministically, where a
load test finds it only when the timing is unlucky.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from belofte.domain.access import Role
from belofte.services.access.tokens import create_token
from belofte.services.setup import init_workspace
from belofte.settings import Settings
from belofte.web.app import create_app

RECORD = {
    "id": "R1",
    "responded_at": "2026-11-02T10:00:00+01:00",
    "touchpoint": "bezorging-thuis",
    "location": "utrecht-centrum",
    "nps": 9,
    "comment": "Snel bezorgd",
}


class Checkouts:
    """The most connections any one thread held at once, per engine."""

    def __init__(self) -> None:
        self.held: dict[int, int] = defaultdict(int)
        self.most = 0
        self.lock = threading.Lock()

    def watch(self, engine: Any) -> None:
        event.listen(engine, "checkout", self._out)
        event.listen(engine, "checkin", self._in)

    def _out(self, *_: Any) -> None:
        with self.lock:
            thread = threading.get_ident()
            self.held[thread] += 1
            self.most = max(self.most, self.held[thread])

    def _in(self, *_: Any) -> None:
        with self.lock:
            self.held[threading.get_ident()] -= 1


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[TestClient, Checkouts]]:
    ws = init_workspace(tmp_path / "ws", "retail-nl", Settings()).workspace
    _, secret = create_token(ws, "loader", Role.ADMIN, actor="tests")
    ws.close()
    app = create_app(ws.settings)
    checkouts = Checkouts()
    checkouts.watch(app.state.workspace.engine)
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {secret}"
        yield client, checkouts


def test_ingest_and_results_take_one_connection_at_a_time(
    watched: tuple[TestClient, Checkouts],
) -> None:
    client, checkouts = watched
    # The first requests after a start: salt, vocabulary and schema uncached.
    assert client.post("/api/v1/records/responses", json=RECORD).status_code == 200
    batch = {"records": [RECORD | {"id": f"R{n}"} for n in range(2, 30)]}
    assert client.post("/api/v1/records/responses/batch", json=batch).status_code == 200
    for path in (
        "/api/v1/metrics?by=location",
        "/api/v1/promise",
        "/api/v1/journeys",
        "/api/v1/verbatims",
    ):
        assert client.get(path).status_code == 200, path
    analysed = client.post("/api/v1/text/analyse", json={"text": "Top service"})
    assert analysed.status_code == 200
    assert checkouts.most == 1
