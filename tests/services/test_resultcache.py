"""Results are kept per data version: asked again, never rebuilt; stale, never long."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from belofte.analytics.engine import Engine
from belofte.ingest.kinds import RecordKind
from belofte.services.listen.imports import ingest_records
from belofte.services.measure import resultcache
from belofte.services.measure.resultcache import cached
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace, open_workspace
from belofte.settings import Settings


def _review(ws: Workspace, n: int) -> None:
    ingest_records(
        ws,
        RecordKind.REVIEWS,
        [{"id": f"R{n}", "occurred_at": "2026-11-02", "rating": 4, "text": "Prima"}],
        source="test",
        actor="t",
    )


def _count(engine: Engine) -> int:
    return int(engine.execute(engine.table("texts").count()))


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    made = init_workspace(tmp_path / "ws", "retail-nl", Settings()).workspace
    _review(made, 1)
    yield made
    made.close()


def test_asked_again_it_is_not_built_again(ws: Workspace) -> None:
    builds: list[int] = []

    def build(engine: Engine) -> int:
        builds.append(1)
        return _count(engine)

    assert cached(ws, ("texts", 1), build) == 1
    assert cached(ws, ("texts", 1), build) == 1
    assert cached(ws, ("texts", 2), build) == 1  # another key: built
    assert len(builds) == 2


def test_a_write_in_this_process_is_seen_at_once(ws: Workspace) -> None:
    assert cached(ws, ("texts",), _count) == 1
    _review(ws, 2)
    assert cached(ws, ("texts",), _count) == 2


def test_another_process_is_seen_once_the_check_is_due(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resultcache, "FRESH_FOR_S", 3600.0)  # however slow this is
    assert cached(ws, ("texts",), _count) == 1
    other = open_workspace(ws.path, Settings())  # like a CLI import meanwhile
    _review(other, 2)
    other.close()
    assert cached(ws, ("texts",), _count) == 1  # the last check is trusted
    monkeypatch.setattr(resultcache, "FRESH_FOR_S", 0.0)
    assert cached(ws, ("texts",), _count) == 2
