"""Every route of the app, as every kind of caller: the right status, no other
location's data in the body, and the security headers on every response.

The routes come from `app.routes`, so a new route fails here until it is added
to `EXPECTED` with the status each caller must get.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from belofte.web.app import create_app
from belofte.web.security import CONTENT_SECURITY_POLICY
from tests.web.access_world import (
    ADMIN_PASSWORD,
    MARKER,
    PASSWORD,
    STORE_A,
    STORE_B,
    World,
    build_world,
    sign_in,
)

ALLOWED = "allowed"  # past every lock: 2xx, or 422 when the body is not valid
#: Callers: anonymous, one token per role (manager and staff at store A), a
#: manager of store B, and signed-in browser sessions of an admin and manager A.
CALLERS = (
    "anonymous",
    "admin",
    "analyst",
    "manager",
    "staff",
    "manager_other",
    "session_admin",
    "session_manager",
)
ROLE = {
    "admin": "admin",
    "analyst": "analyst",
    "manager": "manager",
    "staff": "staff",
    "manager_other": "manager",
    "session_admin": "admin",
    "session_manager": "manager",
}
SCOPE = {
    "manager": STORE_A,
    "staff": STORE_A,
    "session_manager": STORE_A,
    "manager_other": STORE_B,
}
REVIEW = {"id": "M1", "occurred_at": "2026-11-02", "rating": 3, "text": "Prima"}


def _records(caller: str) -> int | str:
    if caller == "anonymous":
        return 401
    # Admin and analyst API tokens only: sessions and other roles are refused.
    return ALLOWED if caller in ("admin", "analyst") else 403


def _readers(caller: str) -> int | str:
    if caller == "anonymous":
        return 401
    if ROLE[caller] == "staff":
        return 403
    # The text is at store A: a manager of B is told it does not exist.
    return 404 if caller == "manager_other" else 200


def _results(caller: str) -> int:
    if caller == "anonymous":
        return 401
    # Figures and texts of the caller's own locations: staff read none of them.
    return 403 if ROLE[caller] == "staff" else 200


def _drivers(caller: str) -> int:
    # Past the locks, the world's two reviews hold no ratings to analyse: 422.
    status = _results(caller)
    return 422 if status == 200 else status


EXPECTED: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/health"): lambda c: 200,
    ("GET", "/api/openapi.json"): lambda c: 401 if c == "anonymous" else 200,
    ("POST", "/api/v1/text/analyse"): lambda c: (
        401 if c == "anonymous" else 403 if ROLE[c] == "staff" else 200
    ),
    ("GET", "/api/v1/verbatims/{verbatim_id}/enrichment"): _readers,
    ("POST", "/api/v1/verbatims/{verbatim_id}/labels"): _readers,
    ("GET", "/api/v1/verbatims"): _results,
    ("GET", "/api/v1/metrics"): _results,
    ("GET", "/api/v1/promise"): _results,
    ("GET", "/api/v1/drivers"): _drivers,
    ("GET", "/api/v1/journeys"): _results,
    # Pages: forms without the right CSRF token are refused for everyone.
    ("GET", "/login"): lambda c: 200,
    ("POST", "/login"): lambda c: 403,
    # No credentials at all: the body is not even read (sign in first).
    ("POST", "/logout"): lambda c: 303 if c == "anonymous" else 403,
    ("GET", "/"): lambda c: _page(c),
    ("GET", "/drivers"): lambda c: _page(c),
    ("GET", "/journeys"): lambda c: _page(c),
    ("GET", "/locations"): lambda c: _page(c),
    ("GET", "/locations/{code}"): lambda c: _page(c),
    ("GET", "/text"): lambda c: _page(c),
    # Forms without the session's CSRF token are refused (403).
    ("POST", "/text/{verbatim_id}/labels"): lambda c: _page(c, 403),
    # The blueprint: every location's name, so admins and analysts only.
    ("GET", "/settings"): lambda c: _page(c, 200 if c == "session_admin" else 403),
    ("POST", "/settings"): lambda c: _page(c, 403),
    ("GET", "/language/{code}"): lambda c: 303,
    # Background jobs: admins only; the forms need the session's CSRF token.
    ("GET", "/jobs"): lambda c: _page(c, 200 if c == "session_admin" else 403),
    ("POST", "/jobs/{job_id}/{action}"): lambda c: _page(c, 403),
}


def _page(caller: str, signed_in: int = 200) -> int:
    """Pages need a browser session; without one they send you to /login."""
    return signed_in if caller.startswith("session_") else 303


def _expected(method: str, path: str) -> Any:
    if path.startswith("/api/v1/records/"):
        return _records
    return EXPECTED.get((method, path))


def _request(method: str, path: str, world: World) -> tuple[str, dict[str, Any]]:
    url = path.replace("{verbatim_id}", str(world.verbatims[STORE_A]))
    url = url.replace("{code}", "nl" if path.startswith("/language/") else STORE_A)
    url = url.replace("{job_id}", "1").replace("{action}", "retry")
    if path.startswith("/api/v1/records/"):
        body: Any = REVIEW if path == "/api/v1/records/reviews" else {}
        return url, {"json": body}
    if path == "/api/v1/text/analyse":
        return url, {"json": {"text": "Vriendelijk personeel"}}
    if path.endswith("/labels"):
        return url, {"json": {"sentiment": "positive"}}
    if path.startswith("/jobs/") and method == "POST":
        return url, {"data": {"csrf": "0" * 64}}
    if path == "/settings" and method == "POST":
        return url, {"data": {"blueprint": "version: 1", "csrf": "0" * 64}}
    if path in ("/login", "/logout") and method == "POST":
        form = {"username": "admin", "password": ADMIN_PASSWORD, "csrf": "0" * 64}
        return url, {"data": form}
    return url, {}


def app_routes(app: Any) -> list[tuple[str, str]]:
    """(method, path) of every route, included routers' routes too."""
    found = []
    for route in iter_route_contexts(app.routes):
        for method in sorted((route.methods or set()) - {"HEAD"}):
            found.append((method, route.path))
    return found


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    built = build_world(tmp_path_factory.mktemp("matrix") / "ws")
    yield built
    built.ws.close()


@pytest.fixture(scope="module")
def clients(world: World) -> Iterator[dict[str, tuple[TestClient, dict[str, str]]]]:
    app = create_app(world.ws.settings)
    made: dict[str, tuple[TestClient, dict[str, str]]] = {}
    base = "https://testserver"
    for caller in CALLERS:
        client = TestClient(app, base_url=base, raise_server_exceptions=False)
        client.__enter__()
        headers: dict[str, str] = {}
        if caller in world.tokens:
            headers["Authorization"] = f"Bearer {world.tokens[caller]}"
        elif caller == "session_admin":
            headers["X-CSRF-Token"] = sign_in(client, "admin", ADMIN_PASSWORD)
        elif caller == "session_manager":
            headers["X-CSRF-Token"] = sign_in(client, "manager-a", PASSWORD)
        made[caller] = (client, headers)
    yield made
    for client, _ in made.values():
        client.__exit__(None, None, None)


def test_every_route_is_in_the_matrix(clients: dict[str, Any]) -> None:
    app = clients["anonymous"][0].app
    missing = [r for r in app_routes(app) if _expected(*r) is None]
    assert missing == [], "add these routes to EXPECTED in this file"
    assert len(app_routes(app)) >= 25


@pytest.mark.parametrize("caller", CALLERS)
def test_every_route_as_every_caller(
    caller: str, world: World, clients: dict[str, tuple[TestClient, dict[str, str]]]
) -> None:
    client, headers = clients[caller]
    problems = []
    for method, path in app_routes(client.app):
        url, extra = _request(method, path, world)
        response = client.request(
            method, url, headers=headers, follow_redirects=False, **extra
        )
        want = _expected(method, path)(caller)
        got = response.status_code
        ok = (200 <= got < 300 or got == 422) if want == ALLOWED else got == want
        if not ok:
            problems.append(f"{method} {path}: {got}, expected {want}")
        if got == 401:
            assert response.headers["www-authenticate"] == "Bearer"
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "unsafe-inline" not in response.headers["content-security-policy"]
        if caller in SCOPE:
            other = STORE_B if SCOPE[caller] == STORE_A else STORE_A
            assert MARKER[other] not in response.text, f"{method} {path}"
            assert other not in response.text, f"{method} {path}"
    assert problems == []


def test_a_text_of_another_location_looks_like_no_text(
    world: World, clients: dict[str, tuple[TestClient, dict[str, str]]]
) -> None:
    client, headers = clients["manager"]
    own = client.get(
        f"/api/v1/verbatims/{world.verbatims[STORE_A]}/enrichment", headers=headers
    )
    assert own.status_code == 200
    assert MARKER[STORE_A] in own.json()["text"]
    other_id = world.verbatims[STORE_B]
    other = client.get(f"/api/v1/verbatims/{other_id}/enrichment", headers=headers)
    missing = client.get("/api/v1/verbatims/999999/enrichment", headers=headers)
    assert (other.status_code, missing.status_code) == (404, 404)
    assert other.json() == {"detail": f"verbatim {other_id} not found"}
    assert missing.json() == {"detail": "verbatim 999999 not found"}
    corrected = client.post(
        f"/api/v1/verbatims/{other_id}/labels",
        json={"sentiment": "negative"},
        headers=headers,
    )
    assert corrected.status_code == 404


def test_results_and_texts_of_another_location_are_refused(
    world: World, clients: dict[str, tuple[TestClient, dict[str, str]]]
) -> None:
    client, headers = clients["manager"]
    own = client.get("/api/v1/verbatims", headers=headers)
    assert own.status_code == 200
    assert [item["location"] for item in own.json()["items"]] == [STORE_A]
    assert MARKER[STORE_A] in own.json()["items"][0]["text"]
    for path in ("metrics", "promise", "drivers", "journeys", "verbatims"):
        query = "location=" if path == "verbatims" else "where=location="
        other = client.get(f"/api/v1/{path}?{query}{STORE_B}", headers=headers)
        assert other.status_code == 403, path
        assert other.json() == {"detail": f"location {STORE_B} is outside your scope"}


def test_a_session_needs_the_csrf_header_to_post_to_the_api(
    clients: dict[str, tuple[TestClient, dict[str, str]]],
) -> None:
    client, headers = clients["session_admin"]
    body = {"json": {"text": "Vriendelijk personeel"}}
    assert client.post("/api/v1/text/analyse", **body).status_code == 403
    wrong = {"X-CSRF-Token": "f" * 64}
    assert client.post("/api/v1/text/analyse", headers=wrong, **body).status_code == 403
    assert (
        client.post("/api/v1/text/analyse", headers=headers, **body).status_code == 200
    )
    # Reading needs no CSRF token: GET changes nothing.
    assert client.get("/api/openapi.json").status_code == 200


def test_the_openapi_description_declares_bearer_tokens(
    clients: dict[str, tuple[TestClient, dict[str, str]]],
) -> None:
    client, headers = clients["admin"]
    spec = client.get("/api/openapi.json", headers=headers).json()
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert "/login" not in spec["paths"]


def test_oversized_bodies_are_refused_with_the_headers(
    clients: dict[str, tuple[TestClient, dict[str, str]]],
) -> None:
    client, headers = clients["admin"]
    response = client.post(
        "/api/v1/text/analyse",
        content=b"x" * (32 * 1024 * 1024 + 1),
        headers=headers | {"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.headers["x-frame-options"] == "DENY"
