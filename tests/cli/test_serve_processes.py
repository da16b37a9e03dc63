"""Several app processes on one PostgreSQL store, as `belofte serve --workers N`
runs them: the sign-in limit, spent sign-in forms, sessions and the results'
freshness hold across processes, not per process.

Two servers share the store: `serve --workers 2` (its port spread over two
app processes by the kernel) and a second `serve --no-worker` on another
port, so that a test can send a request to a *different* process on purpose.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from belofte.domain.access import Role
from belofte.services.access.tokens import create_token
from belofte.services.access.users import add_user
from belofte.services.setup import init_workspace
from belofte.settings import Settings
from tests.cli.test_serve import PASSWORD, RECORD, start_serve

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def servers(
    tmp_path_factory: pytest.TempPathFactory, module_postgres_url: str
) -> Iterator[tuple[str, str, str, int]]:
    """(URL of `serve --workers 2`, URL of a second server, a token, the pid)."""
    settings = Settings(admin_password=PASSWORD)  # type: ignore[arg-type]
    path = tmp_path_factory.mktemp("processes") / "ws"
    ws = init_workspace(path, "retail-nl", settings, module_postgres_url).workspace
    _, token = create_token(ws, "loader", Role.ANALYST, actor="tests")
    add_user(ws, "analist", Role.ANALYST, password=PASSWORD, actor="tests")
    ws.close()
    pooled, first = start_serve(path, "--workers", "2")
    single, second = start_serve(path, "--no-worker")
    try:
        yield first, second, token, pooled.pid
    finally:
        for process in (pooled, single):
            process.terminate()
            process.wait(timeout=30)


def _form(client: httpx.Client) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/login").text)
    assert found
    return found.group(1)


def _post_login(
    client: httpx.Client, username: str, password: str, csrf: str
) -> httpx.Response:
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf": csrf},
        follow_redirects=False,
    )


def test_serve_workers_starts_that_many_app_processes(
    servers: tuple[str, str, str, int],
) -> None:
    *_, pid = servers
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    spawned = [
        c for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()
    ]
    assert len(spawned) == 2


def test_racing_sign_ins_on_several_processes_get_five_tries_in_all(
    servers: tuple[str, str, str, int],
) -> None:
    """Twelve wrong passwords at once, half to each server: no more than five
    are checked (a race may refuse some early, never let one more through), and
    with the tries that are left, five in all; then the right password is
    refused on both."""
    first, second, _, _ = servers
    clients = [
        httpx.Client(base_url=first if n % 2 else second, timeout=60) for n in range(12)
    ]
    forms = [_form(client) for client in clients]
    codes: list[int] = []
    start = threading.Barrier(len(clients))

    def attempt(client: httpx.Client, csrf: str) -> None:
        start.wait()
        codes.append(_post_login(client, "admin", "fout-fout-fout", csrf).status_code)

    threads = [
        threading.Thread(target=attempt, args=pair)
        for pair in zip(clients, forms, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(codes) == 12 and set(codes) == {401, 429}
    checked = codes.count(401)
    assert 1 <= checked <= 5
    # What a race refused early is not lost: the tries left add up to five.
    for n in range(6):
        with httpx.Client(base_url=(first, second)[n % 2], timeout=60) as client:
            code = _post_login(client, "admin", "fout-fout-fout", _form(client))
        if code.status_code == 429:
            break
        checked += 1
    assert checked == 5
    for base in (first, second):
        with httpx.Client(base_url=base, timeout=60) as client:
            assert (
                _post_login(client, "admin", PASSWORD, _form(client)).status_code == 429
            )
    for client in clients:
        client.close()


def test_failures_in_turn_on_two_processes_add_up(
    servers: tuple[str, str, str, int],
) -> None:
    first, second, _, _ = servers
    codes = []
    for n in range(6):
        with httpx.Client(base_url=(first, second)[n % 2], timeout=60) as client:
            codes.append(_post_login(client, "gast", "fout", _form(client)).status_code)
    assert codes == [401] * 5 + [429]


def test_a_sign_in_form_is_spent_in_every_process(
    servers: tuple[str, str, str, int],
) -> None:
    first, second, _, _ = servers
    with httpx.Client(base_url=first, timeout=60) as client:
        csrf = _form(client)
        binding = client.cookies["belofte_login"]
        assert (
            _post_login(client, "nobody-1", "fout-fout-fout", csrf).status_code == 401
        )
    with httpx.Client(base_url=second, timeout=60) as thief:
        thief.cookies.set("belofte_login", binding)
        replay = _post_login(thief, "nobody-1", "fout-fout-fout", csrf)
    assert replay.status_code == 403


def test_a_session_from_one_process_works_and_ends_in_every_process(
    servers: tuple[str, str, str, int],
) -> None:
    first, second, _, _ = servers
    with httpx.Client(base_url=first, timeout=60) as browser:
        assert (
            _post_login(browser, "analist", PASSWORD, _form(browser)).status_code == 303
        )
        session = browser.cookies["belofte_session"]
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', browser.get("/").text)
        assert csrf
    with httpx.Client(base_url=second, timeout=60) as elsewhere:
        elsewhere.cookies.set("belofte_session", session)
        assert elsewhere.get("/", follow_redirects=False).status_code == 200
        ended = elsewhere.post(
            "/logout", data={"csrf": csrf.group(1)}, follow_redirects=False
        )
        assert ended.status_code == 303
    with httpx.Client(base_url=first, timeout=60) as browser:
        browser.cookies.set("belofte_session", session)
        assert browser.get("/", follow_redirects=False).status_code == 303  # to /login


def test_a_write_in_one_process_shows_in_the_others_results_within_a_second(
    servers: tuple[str, str, str, int],
) -> None:
    first, second, token, _ = servers
    headers = {"Authorization": f"Bearer {token}"}

    def answers() -> int:
        table = httpx.get(
            f"{second}/api/v1/metrics",
            params={"metric": "nps"},
            headers=headers,
            timeout=60,
        ).json()
        return int(table["rows"][0]["nps_n"]) if table["rows"] else 0

    before = answers()  # now cached in that process
    stored = httpx.post(
        f"{first}/api/v1/records/responses",
        json=RECORD | {"id": "P1"},
        headers=headers,
        timeout=60,
    )
    assert stored.json()["stored"] == 1
    written = time.monotonic()
    while answers() != before + 1:
        assert time.monotonic() - written < 3, "the other process never saw it"
        time.sleep(0.05)
    assert time.monotonic() - written < 1 + 0.5  # FRESH_FOR_S and a page's time
