"""A locked, full or read-only store, or an analytics copy that cannot be written:
503 with the reason (never 500, never "this is a bug"), reads that go on, and
records that never commit without their audit entry."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select

from belofte.cli.app import main
from belofte.domain.access import Role
from belofte.errors import StoreUnavailable
from belofte.ingest.kinds import RecordKind
from belofte.services.access.audit import audit_entries
from belofte.services.access.tokens import create_token
from belofte.services.listen import imports
from belofte.services.listen.imports import import_file, ingest_records
from belofte.services.measure import analytics, resultcache
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.store import tables as t
from belofte.web.app import create_app
from tests.web.access_world import ADMIN_PASSWORD, sign_in

RECORD = {
    "responded_at": "2026-11-02T10:00:00+01:00",
    "touchpoint": "bezorging-thuis",
    "location": "utrecht-centrum",
    "nps": 9,
}
FULL = "the database's disk is full; free space, then try again"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    settings = Settings(admin_password=ADMIN_PASSWORD)  # type: ignore[arg-type]
    made = init_workspace(tmp_path / "ws", "retail-nl", settings).workspace
    ingest_records(
        made,
        RecordKind.RESPONSES,
        [RECORD | {"id": f"R{n}", "nps": n % 11} for n in range(40)],
        source="test",
    )
    yield made
    made.close()


def _client(ws: Workspace) -> tuple[TestClient, Any]:
    _, secret = create_token(ws, f"t{id(ws)}", Role.ADMIN, actor="tests")
    app = create_app(ws.settings)
    client = TestClient(app, base_url="https://testserver")
    client.headers["Authorization"] = f"Bearer {secret}"
    return client, app


def _fill_the_disk(engine: Any) -> None:
    """Every new connection may not grow the file: SQLITE_FULL, as on a full disk."""

    @event.listens_for(engine, "connect")
    def _full(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    engine.dispose()  # connections made from now on are "full"


def _no_space(*_: Any, **__: Any) -> int:
    """A Parquet write on a full disk."""
    raise OSError(errno.ENOSPC, "No space left on device")


def count(ws: Workspace) -> int:
    with ws.session(read_only=True) as s:
        return s.scalar(select(func.count()).select_from(t.Response)) or 0


def test_a_full_store_answers_503_with_the_reason(ws: Workspace) -> None:
    client, app = _client(ws)
    with client:
        assert client.get("/api/v1/metrics").status_code == 200
        _fill_the_disk(app.state.workspace.engine)
        batch = {"records": [RECORD | {"id": f"F{n}"} for n in range(3000)]}
        full = client.post("/api/v1/records/responses/batch", json=batch)
        assert (full.status_code, full.json()) == (503, {"detail": FULL})
        assert full.headers["retry-after"] == "5"
        # Reads go on.
        assert client.get("/api/v1/metrics").status_code == 200
    assert count(ws) == 40


def test_a_full_store_is_one_line_in_the_cli(
    ws: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = tmp_path / "enquete.csv"
    data.write_text(
        "id,datum,nps,opmerking\n"
        + "".join(f"F{n},2026-11-02,8,{'lang verhaal ' * 40}\n" for n in range(3000)),
        encoding="utf-8",
    )
    original = imports._run

    def full_run(*args: Any, **kwargs: Any) -> None:
        _fill_the_disk(args[0].engine)
        original(*args, **kwargs)

    monkeypatch.setattr(imports, "_run", full_run)
    code = main(["-w", str(ws.path), "import", str(data), "--kind", "responses"])
    err = capsys.readouterr().err
    assert code == 6
    assert err.strip().splitlines() == [f"error: {FULL}"]


def test_a_strict_import_checks_its_file_without_holding_the_write_lock(
    ws: Workspace, tmp_path: Path
) -> None:
    """A --strict import held the write lock for its whole run: a concurrent
    ingest waited, then failed, and pages took 24 s."""
    data = tmp_path / "enquete.csv"
    data.write_text(
        "id,datum,nps\n" + "".join(f"S{n},2026-11-02,7\n" for n in range(6000)),
        encoding="utf-8",
    )
    other = Workspace(
        ws.path, ws.settings.model_copy(update={"sqlite_busy_timeout_ms": 0})
    )
    written: list[int] = []

    def meanwhile(done: int, total: int, rows: int) -> None:
        # Another writer between the import's batches: never locked out.
        ingest_records(
            other,
            RecordKind.RESPONSES,
            [RECORD | {"id": f"M{len(written)}"}],
            source="other",
        )
        written.append(done)

    try:
        summary = ws.settings.model_copy(update={"import_batch_size": 1000})
        strict_ws = Workspace(ws.path, summary)
        result = import_file(
            strict_ws, data, RecordKind.RESPONSES, strict=True, on_progress=meanwhile
        )
        strict_ws.close()
    finally:
        other.close()
    assert result.stored == 6000
    assert len(written) == 14  # seven chunks checked, then the same seven written
    assert written == sorted(written)  # the first half checks, the second writes
    assert count(ws) == 40 + 6000 + 14


def test_records_never_commit_without_their_audit_entry(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """On a full disk 10,000 records were committed while their audit entry was
    lost: now they are written in one transaction, or not at all."""
    real = imports.audit_in

    def failing(session: Any, actor: str, action: str, *args: Any, **kw: Any) -> None:
        if action in ("import.api", "import.file"):
            raise StoreUnavailable(FULL)
        real(session, actor, action, *args, **kw)

    monkeypatch.setattr(imports, "audit_in", failing)
    with pytest.raises(StoreUnavailable):
        ingest_records(ws, RecordKind.RESPONSES, [RECORD | {"id": "A1"}], source="test")
    assert count(ws) == 40
    data = tmp_path / "enquete.csv"
    data.write_text(
        "id,datum,nps\n" + "".join(f"B{n},2026-11-02,7\n" for n in range(2500)),
        encoding="utf-8",
    )
    small = Workspace(
        ws.path, ws.settings.model_copy(update={"import_batch_size": 1000})
    )
    with pytest.raises(StoreUnavailable):
        import_file(small, data, RecordKind.RESPONSES)
    small.close()
    # The finished batches stay, covered by the entry written before them; the
    # last batch went with its entry.
    assert count(ws) == 40 + 2000
    assert [e.action for e in audit_entries(ws, action="import")] == [
        "import.started",
        "import.api",  # the fixture's records
    ]


def test_reads_go_on_over_the_last_copy_when_the_lake_cannot_be_written(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, app = _client(ws)
    with client:
        before = client.get("/api/v1/metrics").json()
        assert before["rows"][0]["nps_n"] == 40
        ingest_records(
            app.state.workspace,
            RecordKind.RESPONSES,
            [RECORD | {"id": f"N{n}"} for n in range(10)],
            source="test",
        )

        monkeypatch.setattr("belofte.analytics.lake.Lake._write_part", _no_space)
        after = client.get("/api/v1/metrics")
        assert after.status_code == 200
        body = after.json()
        assert body["rows"] == before["rows"]  # the last good copy
        assert body["notes"][-1] == (
            "data may be behind: the analysis copy could not be updated "
            "(No space left on device)"
        )
        sign_in(client, "admin", ADMIN_PASSWORD)
        page = client.get("/", headers={"Accept-Language": "en"})
        assert page.status_code == 200
        assert "These figures may be behind" in page.text
        monkeypatch.undo()
        # Space again: the next try (here at once, normally after 30 s) refreshes.
        monkeypatch.setattr(analytics, "RETRY_STALE_S", 0.0)
        monkeypatch.setattr(resultcache, "FRESH_FOR_S", 0.0)
        fresh = client.get("/api/v1/metrics").json()
        assert fresh["rows"][0]["nps_n"] == 50
        assert not any("behind" in note for note in fresh["notes"])


def test_without_any_copy_the_reason_is_a_503(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("belofte.analytics.lake.Lake._write_part", _no_space)
    client, _ = _client(ws)
    with client:
        answer = client.get("/api/v1/metrics")
    assert (answer.status_code, answer.json()) == (
        503,
        {"detail": "the analytics copy cannot be built: No space left on device"},
    )


def test_a_read_only_store_reads_and_refuses_writes_with_503(ws: Workspace) -> None:
    client, _ = _client(ws)
    with client:
        assert client.get("/api/v1/metrics").status_code == 200  # the lake is made
    url = f"sqlite:///file:{ws.path / 'belofte.db'}?mode=ro&uri=true"
    read_only = ws.settings.model_copy(update={"database_url": url})
    token = client.headers["authorization"]
    with TestClient(create_app(read_only)) as client:
        client.headers["Authorization"] = token
        # Reading needs no write: not even the token's last-use note.
        assert client.get("/api/v1/metrics").status_code == 200
        refused = client.post("/api/v1/records/responses", json=RECORD | {"id": "X"})
        assert (refused.status_code, refused.json()) == (
            503,
            {"detail": "the database is read-only; belofte needs to write to it"},
        )
