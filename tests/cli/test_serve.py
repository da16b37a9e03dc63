"""`belofte serve` as a process, as a client on this machine meets it.

These reproduce what a probe found against a fresh server: a rotating
X-Forwarded-For reset the sign-in limit, sixteen concurrent first ingests took
the whole connection pool for 30 s, and a read-only store started a server that
answered 500 to everything.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from belofte.domain.access import Role
from belofte.services.access.tokens import create_token
from belofte.services.setup import init_workspace
from belofte.settings import Settings

PASSWORD = "een-lang-wachtwoord-1"  # noqa: S105 - a test workspace's password
RECORD = {
    "responded_at": "2026-11-02T10:00:00+01:00",
    "touchpoint": "bezorging-thuis",
    "nps": 8,
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELOFTE_")}
    return env | extra


@pytest.fixture
def workspace_path(tmp_path: Path) -> tuple[Path, str]:
    settings = Settings(admin_password=PASSWORD)  # type: ignore[arg-type]
    ws = init_workspace(tmp_path / "ws", "retail-nl", settings).workspace
    _, token = create_token(ws, "loader", Role.ANALYST, actor="tests")
    ws.close()
    return ws.path, token


def start_serve(path: Path, *options: str) -> tuple[subprocess.Popen[bytes], str]:
    """`belofte serve OPTIONS` on `path` and a free port, once it answers; its URL."""
    port = _free_port()
    log = path.parent / f"serve-{port}.log"
    with log.open("w") as errors:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "belofte", "-w", str(path)),
                *("serve", "--port", str(port), *options),
            ],
            env=_environment(),
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"the server did not start: {log.read_text()}")
        time.sleep(0.1)


@pytest.fixture
def server(workspace_path: tuple[Path, str]) -> Iterator[tuple[str, str]]:
    path, token = workspace_path
    process, url = start_serve(path)
    try:
        yield url, token
    finally:
        process.terminate()
        process.wait(timeout=15)


def _sign_in(client: httpx.Client, password: str, forwarded: str) -> int:
    page = client.get("/login")
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert found
    answer = client.post(
        "/login",
        data={"username": "admin", "password": password, "csrf": found.group(1)},
        headers={"X-Forwarded-For": forwarded},
        follow_redirects=False,
    )
    return answer.status_code


def test_a_forwarded_for_header_does_not_reset_the_sign_in_limit(
    server: tuple[str, str],
) -> None:
    url, _ = server
    with httpx.Client(base_url=url, timeout=30) as client:
        codes = [_sign_in(client, "fout-fout-fout", f"10.1.1.{n}") for n in range(6)]
        assert codes == [401] * 5 + [429]
        # The right password from a "new" address is still refused.
        assert _sign_in(client, PASSWORD, "10.9.9.9") == 429


def test_sixteen_concurrent_first_ingests_after_start_all_succeed(
    server: tuple[str, str],
) -> None:
    """Each held one pooled connection and asked for a second (the salt): the
    pool ran dry, requests stalled 30 s and answered 500."""
    url, token = server
    results: list[int] = []
    started = time.monotonic()

    def ingest(n: int) -> None:
        answer = httpx.post(
            f"{url}/api/v1/records/responses",
            json=RECORD | {"id": f"C{n}"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )
        results.append(answer.status_code)

    threads = [threading.Thread(target=ingest, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200] * 16
    assert time.monotonic() - started < 20  # not one pool timeout (30 s)


def test_a_read_only_store_is_refused_at_start(
    workspace_path: tuple[Path, str],
) -> None:
    path, _ = workspace_path
    read_only = f"sqlite:///file:{path / 'belofte.db'}?mode=ro&uri=true"
    result = subprocess.run(
        [sys.executable, "-m", "belofte", "-w", str(path), "serve", "--port", "1"],
        env=_environment(BELOFTE_DATABASE_URL=read_only),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 6
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: cannot write to the database sqlite:///")
    assert lines[0].endswith(
        ": the database is read-only; belofte needs to write to it"
    )
    assert "Traceback" not in result.stderr
