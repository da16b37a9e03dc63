"""On the embedded SQLite store writers take turns: a long import must never
make a web write wait past its busy timeout ("database is locked", a 503).

The import (a real `belofte import` process, one 60,000-row batch) commits
whenever a transaction has been open a quarter of the busy timeout, then leaves
a gap; the web app meanwhile stores answers through the API and signs in (a
session and an audit entry), with the timeout set to half a second so that one
long transaction, or an import that takes the lock straight back, would show.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from belofte.domain.access import Role
from belofte.services.access.tokens import create_token
from belofte.services.setup import init_workspace
from belofte.settings import Settings
from belofte.web.app import create_app
from tests.web.test_sessions import form_csrf

ROWS = 60_000
BUSY_MS = 500
PASSWORD = "een-lang-wachtwoord-1"  # noqa: S105 - a test workspace's password


def _write_file(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "klant", "datum", "touchpoint", "nps", "opmerking"])
        for i in range(ROWS):
            out.writerow(
                [
                    f"R{i:06d}",
                    f"K{i % 4000:05d}",
                    f"{1 + i % 28:02d}-{1 + (i // 28) % 11:02d}-2026",
                    "bezorging-thuis",
                    str(i % 11),
                    "Bezorging was te laat" if i % 10 == 0 else "",
                ]
            )


def test_web_writes_during_a_long_import_never_find_the_store_locked(
    tmp_path: Path,
) -> None:
    settings = Settings(sqlite_busy_timeout_ms=BUSY_MS, admin_password=PASSWORD)  # type: ignore[arg-type]
    ws = init_workspace(tmp_path / "ws", "retail-nl", settings).workspace
    _, secret = create_token(ws, "tests", Role.ANALYST, actor="tests")
    data = tmp_path / "antwoorden.csv"
    _write_file(data)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELOFTE_")}
    env |= {
        "BELOFTE_SQLITE_BUSY_TIMEOUT_MS": str(BUSY_MS),
        "BELOFTE_IMPORT_BATCH_SIZE": str(ROWS),
        "BELOFTE_ENRICH_ON_IMPORT": "false",
    }
    importer = subprocess.Popen(
        [
            *(sys.executable, "-m", "belofte", "-w", str(ws.path)),
            *("import", str(data), "--kind", "responses"),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    codes: list[int] = []
    with TestClient(
        create_app(ws.settings),
        base_url="https://testserver",
        raise_server_exceptions=False,
    ) as client:
        n = 0
        while importer.poll() is None:
            n += 1
            stored = client.post(
                "/api/v1/records/responses?source=web",
                json={
                    "id": f"W{n}",
                    "responded_at": "2026-11-02T10:00:00+01:00",
                    "touchpoint": "bezorging-thuis",
                    "nps": 9,
                },
                headers={"Authorization": f"Bearer {secret}"},
            )
            form = form_csrf(client.get("/login").text)
            signed_in = client.post(
                "/login",
                data={"username": "admin", "password": PASSWORD, "csrf": form},
                follow_redirects=False,
            )
            codes += [stored.status_code, signed_in.status_code]
    _, errors = importer.communicate()
    assert importer.returncode == 0, errors.decode()
    assert len(codes) >= 10  # the writes really ran beside the import
    assert set(codes) == {200, 303}, codes
    ws.close()
