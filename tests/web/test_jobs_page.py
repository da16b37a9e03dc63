"""The Jobs page for admins: counts per state, the failing ones with their
reason, and retry and cancel as forms (CSRF, audited), in the reader's words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from threading import Event

import pytest
from fastapi.testclient import TestClient

from belofte.errors import InvalidInput
from belofte.services.access.audit import audit_entries
from belofte.services.jobs import queue
from belofte.services.jobs.registry import JobContext, JobKind, register
from belofte.services.jobs.worker import Worker
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.web.app import create_app
from tests.web.access_world import sign_in

PASSWORD = "een-lang-wachtwoord-1"  # noqa: S105 - a test workspace's password


def _fails(_ws: Workspace, _job: JobContext) -> None:
    raise InvalidInput("de mailserver antwoordt niet")


@pytest.fixture
def admin(tmp_path: Path) -> Iterator[tuple[TestClient, Workspace, str]]:
    register(JobKind("test.flaky", _fails, "fails", max_attempts=3, backoff_s=3600))
    register(JobKind("test.broken", _fails, "fails", max_attempts=1))
    settings = Settings(admin_password=PASSWORD)  # type: ignore[arg-type]
    ws = init_workspace(tmp_path / "ws", "retail-nl", settings).workspace
    with TestClient(create_app(ws.settings), base_url="https://testserver") as client:
        yield client, ws, sign_in(client, "admin", PASSWORD)
    ws.close()


def _cells(html: str, job_id: int) -> dict[str, str]:
    row = re.search(rf'<tr data-row="{job_id}">(.*?)</tr>', html, re.S)
    assert row, html
    return dict(
        re.findall(r'data-field="(\w+)"(?: data-value="[^"]*")?>([^<]*)<', row.group(1))
    )


def test_the_jobs_page_shows_what_failed_and_why(
    admin: tuple[TestClient, Workspace, str],
) -> None:
    client, ws, _ = admin
    flaky = queue.submit(ws, "test.flaky")
    broken = queue.submit(ws, "test.broken")
    Worker(ws).run(Event(), once=True)
    waiting = queue.submit(ws, "listen.enrich", {"run": 1}, delay_s=3600)
    page = client.get("/jobs")
    assert page.status_code == 200
    counts = dict(re.findall(r'<li data-row="(\w+)">.*?data-value="(\d+)"', page.text))
    assert counts == {
        "queued": "1",
        "retrying": "1",
        "running": "0",
        "dead": "1",
        "done": "0",
        "cancelled": "0",
    }
    assert _cells(page.text, broken) == {
        "kind": "test.broken",  # a plug-in's kind has no label: its id
        "status": "opgegeven (elke poging mislukt)",
        "error": "InvalidInput: de mailserver antwoordt niet",
    }
    assert (
        _cells(page.text, flaky)["status"] == "mislukt, wordt later opnieuw geprobeerd"
    )
    assert _cells(page.text, waiting) == {
        "kind": "De teksten van een import analyseren",
        "status": "wacht",
        "error": "",
    }
    english = client.get(
        "/jobs?status=retrying", headers={"Accept-Language": "en-GB,en;q=0.9"}
    )
    assert [int(i) for i in re.findall(r'<tr data-row="(\d+)">', english.text)] == [
        flaky
    ]
    assert "failed, tried again later" in english.text


def test_an_admin_retries_a_dead_job_and_cancels_a_waiting_one(
    admin: tuple[TestClient, Workspace, str],
) -> None:
    client, ws, csrf = admin
    broken = queue.submit(ws, "test.broken")
    Worker(ws).run(Event(), once=True)
    waiting = queue.submit(ws, "listen.enrich", {"run": 1}, delay_s=3600)
    retried = client.post(f"/jobs/{broken}/retry", data={"csrf": csrf})
    assert retried.status_code == 200
    assert f"Taak {broken} staat weer in de wachtrij." in retried.text
    assert _cells(retried.text, broken)["status"] == "wacht"
    cancelled = client.post(f"/jobs/{waiting}/cancel", data={"csrf": csrf})
    assert _cells(cancelled.text, waiting)["status"] == "geannuleerd"
    again = client.post(f"/jobs/{waiting}/cancel", data={"csrf": csrf})
    assert again.status_code == 422
    assert f"job {waiting} is cancelled: only queued jobs are cancelled" in again.text
    forged = client.post(f"/jobs/{broken}/cancel", data={"csrf": "0" * 64})
    assert forged.status_code == 403
    actions = [(e.action, e.target) for e in audit_entries(ws, action="job")]
    assert actions == [
        ("job.cancelled", f"job:{waiting}"),
        ("job.retried", f"job:{broken}"),
    ]
