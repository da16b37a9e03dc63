"""Bodies are bounded before they cost memory, and no failure escapes as a traceback.

The ASGI app is called directly with a `receive` that counts what it hands
out, so "refused before reading" is measured, not assumed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
import uvicorn

from belofte.domain.access import Role
from belofte.services.access.tokens import create_token
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.store.repositories import records
from belofte.web.app import create_app

RECORD = {
    "id": "R1",
    "responded_at": "2026-11-02T10:00:00+01:00",
    "touchpoint": "bezorging-thuis",
    "nps": 9,
}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Any, Workspace, str]]:
    ws = init_workspace(tmp_path / "ws", "retail-nl", Settings()).workspace
    _, secret = create_token(ws, "tests", Role.ANALYST, actor="tests")
    app = create_app(ws.settings)
    yield app, ws, secret
    ws.close()


class Upload:
    """A request body handed to the app in chunks, counting what was taken."""

    def __init__(self, body: bytes, chunk: int = 64 * 1024) -> None:
        self.chunks = [body[i : i + chunk] for i in range(0, len(body), chunk)] or [b""]
        self.taken = 0

    async def receive(self) -> dict[str, Any]:
        if not self.chunks:
            await asyncio.sleep(3600)  # a client that never sends the rest
        data = self.chunks.pop(0)
        self.taken += len(data)
        return {"type": "http.request", "body": data, "more_body": bool(self.chunks)}


def call(
    app: Any,
    path: str,
    upload: Upload,
    headers: dict[str, str],
    method: str = "POST",
) -> tuple[int, dict[str, str], bytes]:
    """Run one request through the ASGI app; (status, headers, body)."""
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }
    # In a thread of its own: another test's event loop may run in this one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, upload.receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(
        m.get("body", b"") for m in sent if m["type"] == "http.response.body"
    )
    names = {k.decode(): v.decode() for k, v in start["headers"]}
    return start["status"], names, body


def test_an_anonymous_body_is_refused_before_a_byte_is_read(
    served: tuple[Any, Workspace, str],
) -> None:
    app, _, _ = served
    bomb = b"[" + b"{}," * (10 * 1024 * 1024) + b"{}]"
    for path in ("/api/v1/records/responses/batch", "/api/v1/text/analyse"):
        upload = Upload(bomb)
        status, headers, body = call(
            app, path, upload, {"content-type": "application/json"}
        )
        assert (status, json.loads(body)) == (
            401,
            {
                "detail": "send an API token (Authorization: Bearer ...) or sign in "
                "at /login"
            },
        )
        assert headers["www-authenticate"] == "Bearer"
        assert upload.taken == 0
    # A wrong token is no better, nor a made-up session on a page's form.
    upload = Upload(bomb)
    status, _, _ = call(
        app,
        "/api/v1/records/responses/batch",
        upload,
        {"authorization": "Bearer blf_made-up", "content-type": "application/json"},
    )
    assert (status, upload.taken) == (401, 0)
    upload = Upload(bomb)
    status, headers, _ = call(
        app, "/settings", upload, {"cookie": "belofte_session=made-up"}
    )
    assert (status, headers["location"], upload.taken) == (303, "/login", 0)


def test_a_declared_length_over_the_route_limit_is_413_unread(
    served: tuple[Any, Workspace, str],
) -> None:
    app, ws, secret = served
    limit = ws.settings.api_batch_bytes
    upload = Upload(b"x" * 10)
    status, _, body = call(
        app,
        "/api/v1/records/responses/batch",
        upload,
        {"authorization": f"Bearer {secret}", "content-length": str(limit + 1)},
    )
    assert (status, json.loads(body), upload.taken) == (
        413,
        {"detail": f"request body larger than {limit} bytes"},
        0,
    )
    # The sign-in form is small: 16 KiB, even anonymously.
    upload = Upload(b"x")
    status, _, _ = call(app, "/login", upload, {"content-length": str(16 * 1024 + 1)})
    assert (status, upload.taken) == (413, 0)


def test_a_chunked_body_over_the_limit_is_413_not_400(
    served: tuple[Any, Workspace, str],
) -> None:
    app, _, secret = served
    body = json.dumps(RECORD).encode() + b" " * (1024 * 1024)  # valid JSON, too long
    upload = Upload(body)
    status, _, answer = call(
        app,
        "/api/v1/records/responses",
        upload,
        {"authorization": f"Bearer {secret}", "content-type": "application/json"},
    )
    assert (status, json.loads(answer)) == (
        413,
        {"detail": "request body larger than 1048576 bytes"},
    )
    # Reading stopped at the first chunk past the limit.
    assert upload.taken <= 1024 * 1024 + 64 * 1024


def test_a_body_within_its_limit_is_read_and_stored(
    served: tuple[Any, Workspace, str],
) -> None:
    app, _, secret = served
    upload = Upload(json.dumps(RECORD).encode())
    status, _, body = call(
        app,
        "/api/v1/records/responses",
        upload,
        {"authorization": f"Bearer {secret}", "content-type": "application/json"},
    )
    assert (status, json.loads(body)) == (
        200,
        {
            "kind": "responses",
            "source": "api",
            "received": 1,
            "stored": 1,
            "updated": 0,
            "duplicates": 0,
        },
    )


class _Server:
    """The app under a real uvicorn in a thread (the server that would log)."""

    def __init__(self, app: Any) -> None:
        import socket

        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="debug", lifespan="on", ws="none")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def __enter__(self) -> _Server:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.socket.close()


def test_a_failing_write_logs_no_values_and_no_traceback(
    served: tuple[Any, Workspace, str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """A database error whose statement carried a customer's values is a 500 that
    the server's log shows as one event: no traceback, no SQL parameters."""
    app, _, secret = served

    def broken_insert(self: records.RecordWriter, batch: list[Any]) -> None:
        # A real driver error with values in its parameters (a duplicate key).
        row = ("pseudonym_salt", "jan.devries@example.com")
        self.connection.exec_driver_sql(
            "INSERT INTO workspace_meta (key, value) VALUES (?, ?)", row
        )

    monkeypatch.setattr(records.RecordWriter, "_insert", broken_insert)
    caplog.set_level(logging.DEBUG)
    with _Server(app) as server:
        answer = httpx.post(
            f"{server.url}/api/v1/records/responses",
            json=RECORD,
            headers={"Authorization": f"Bearer {secret}"},
            timeout=30,
        )
    assert (answer.status_code, answer.json()) == (500, {"detail": "internal error"})
    out, err = capfd.readouterr()
    logged = out + err + caplog.text
    assert "web.internal_error" in logged
    assert "IntegrityError" in logged
    assert "jan.devries" not in logged
    assert "Traceback" not in logged
    assert "Exception in ASGI application" not in logged


def test_a_body_within_its_limit_holds_no_more_objects_than_records(
    served: tuple[Any, Workspace, str],
) -> None:
    """8 MiB of `{},` parse to 2.8 million objects (200 MB): refused unparsed."""
    app, _, secret = served
    auth = {"authorization": f"Bearer {secret}", "content-type": "application/json"}
    for bomb in (
        b'{"records": [' + b"{}," * 2_500_000 + b"{}]}",
        b'{"records": [' + b"[]," * 2_500_000 + b"[]]}",
    ):
        status, _, body = call(
            app, "/api/v1/records/responses/batch", Upload(bomb), auth
        )
        assert (status, json.loads(body)) == (
            422,
            {
                "detail": [
                    {
                        "loc": ["body", 0],
                        "msg": "JSON decode error: more than 10,002 objects and "
                        "arrays; a batch holds at most 10,000 records",
                        "type": "json_invalid",
                    }
                ]
            },
        )
    # Braces and brackets inside texts are text: a full batch of them is fine.
    texts = [
        RECORD | {"id": f"B{n}", "comment": 'haakjes {[ "en" ]} \\\\" {'}
        for n in range(10_000)
    ]
    full = json.dumps({"records": texts}).encode()
    status, _, body = call(app, "/api/v1/records/responses/batch", Upload(full), auth)
    assert status == 200, body
    assert json.loads(body)["stored"] == 10_000


def test_containers_are_counted_outside_strings_only() -> None:
    from belofte.web.middleware import containers_within

    assert containers_within(b'{"a": "[[[{{{", "b": ["x\\"[{"]}', 2)
    assert not containers_within(b'{"a": "x\\\\", "b": [{}]}', 2)  # "x\\" ends
    assert not containers_within(b'{"a": "[[[{{{", "b": [[]]}', 2)
    assert containers_within(b'"just a string with { and ["', 0)
