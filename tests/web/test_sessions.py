"""Sign-in, sessions, CSRF, the rate limit, tokens that expire or are revoked, and
hostile strings escaped wherever a page shows them. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from belofte.domain.access import Role
from belofte.errors import InvalidInput
from belofte.services.access.audit import audit_entries
from belofte.services.access.tokens import create_token, revoke_token
from belofte.services.access.users import add_user, disable_user
from belofte.store import tables as t
from belofte.web.app import create_app
from tests.web.access_world import (
    ADMIN_PASSWORD,
    PASSWORD,
    STORE_A,
    World,
    build_world,
    form_csrf,
    sign_in,
)

HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


@pytest.fixture
def world(tmp_path: Path, database_url: str) -> Iterator[World]:
    built = build_world(tmp_path / "ws", database_url)
    yield built
    built.ws.close()


@pytest.fixture
def local_world(tmp_path: Path) -> Iterator[World]:
    """The same on SQLite only, for what does not depend on the database."""
    built = build_world(tmp_path / "ws")
    yield built
    built.ws.close()


def _client(world: World) -> Iterator[TestClient]:
    app = create_app(world.ws.settings)
    with TestClient(
        app, base_url="https://testserver", raise_server_exceptions=False
    ) as made:
        yield made


@pytest.fixture
def client(world: World) -> Iterator[TestClient]:
    yield from _client(world)


@pytest.fixture
def local(local_world: World) -> Iterator[TestClient]:
    yield from _client(local_world)


def _login(client: TestClient, username: str, password: str, csrf: str | None = None):  # type: ignore[no-untyped-def]
    token = csrf if csrf is not None else form_csrf(client.get("/login").text)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf": token},
        follow_redirects=False,
    )


def test_sign_in_sets_a_locked_down_cookie_and_sign_out_ends_the_session(
    world: World, client: TestClient
) -> None:
    response = _login(client, "manager-a", PASSWORD)
    assert (response.status_code, response.headers["location"]) == (303, "/")
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if "belofte_session=" in c
    )
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=lax" in cookie
    home = client.get("/")
    assert home.status_code == 200
    assert "Aangemeld als <strong>manager-a</strong>" in home.text  # Dutch first
    assert f'<option value="{STORE_A}">' in home.text  # their one store
    assert "<script" not in home.text  # no script at all: the CSP allows none
    csrf = form_csrf(home.text)
    session = client.cookies["belofte_session"]

    assert client.post("/logout", data={"csrf": "0" * 64}).status_code == 403
    out = client.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    assert (out.status_code, out.headers["location"]) == (303, "/login")
    client.cookies.set("belofte_session", session)  # a replayed cookie is dead
    assert client.get("/", follow_redirects=False).status_code == 303
    assert client.get("/api/openapi.json").status_code == 401

    actions = [
        (e.actor, e.action)
        for e in audit_entries(world.ws)
        if e.action in ("logout", "login.succeeded")
    ]
    assert actions == [
        ("user:manager-a", "logout"),
        ("user:manager-a", "login.succeeded"),
    ]


def test_a_wrong_password_is_refused_audited_and_never_stored(
    world: World, client: TestClient
) -> None:
    response = _login(client, "manager-a", "niet-het-wachtwoord")
    assert response.status_code == 401
    assert "Onjuiste gebruikersnaam of wachtwoord." in response.text
    unknown = _login(client, "niemand", "mijn-geheime-wachtwoord")
    assert unknown.status_code == 401
    assert "Onjuiste gebruikersnaam of wachtwoord." in unknown.text  # the same
    failures = audit_entries(world.ws, action="login.failed")
    assert [(e.actor, e.target, e.details) for e in failures] == [
        ("anonymous", "", {"reason": "unknown user"}),
        ("anonymous", "manager-a", {"reason": "wrong password"}),
    ]
    everything = str([(e.target, e.details) for e in audit_entries(world.ws)])
    assert "niet-het-wachtwoord" not in everything
    assert "mijn-geheime-wachtwoord" not in everything
    assert "niemand" not in everything  # maybe a password typed in the wrong box


def test_a_disabled_user_can_neither_sign_in_nor_keep_a_session(
    local_world: World, local: TestClient
) -> None:
    sign_in(local, "analist", PASSWORD)
    disable_user(local_world.ws, "analist", actor="t")
    assert local.get("/", follow_redirects=False).status_code == 303
    assert _login(local, "analist", PASSWORD).status_code == 401


def test_the_sign_in_form_needs_its_csrf_token(local: TestClient) -> None:
    assert _login(local, "admin", ADMIN_PASSWORD, csrf="0" * 64).status_code == 403
    # A token from another browser (another pre-login cookie) is refused too.
    other = TestClient(local.app, base_url="https://testserver")
    stolen = form_csrf(other.get("/login").text)
    local.get("/login")
    assert _login(local, "admin", ADMIN_PASSWORD, csrf=stolen).status_code == 403
    assert _login(local, "admin", ADMIN_PASSWORD).status_code == 303


def test_five_failures_block_that_username_from_that_client(
    local_world: World, local: TestClient
) -> None:
    for _ in range(5):
        assert _login(local, "manager-a", "fout-fout-fout").status_code == 401
    blocked = _login(local, "manager-a", PASSWORD)  # even the right password
    assert blocked.status_code == 429
    assert "Te veel mislukte pogingen" in blocked.text
    assert _login(local, "analist", PASSWORD).status_code == 303  # others may
    assert audit_entries(local_world.ws, action="login.refused")


def _from(local: TestClient, address: str) -> TestClient:
    """A browser on another machine (its own cookies, its own address)."""
    return TestClient(local.app, base_url="https://testserver", client=(address, 40000))


def test_one_username_is_limited_across_clients(
    local_world: World, local: TestClient
) -> None:
    """Twenty failures for one account, four from each of five addresses, block
    it everywhere, even with the right password from a sixth address."""
    for n in range(5):
        other = _from(local, f"10.0.0.{n}")
        for _ in range(4):
            assert _login(other, "manager-a", "fout-fout-fout").status_code == 401
    assert _login(_from(local, "10.0.0.9"), "manager-a", PASSWORD).status_code == 429
    assert _login(local, "analist", PASSWORD).status_code == 303  # others may


def test_one_client_is_limited_across_usernames(local: TestClient) -> None:
    """An address guessing many accounts (once each) is stopped after thirty."""
    for n in range(30):
        assert _login(local, f"gok-{n}", "fout-fout-fout").status_code == 401
    assert _login(local, "analist", PASSWORD).status_code == 429
    assert _login(_from(local, "10.0.0.7"), "analist", PASSWORD).status_code == 303


def test_a_sign_in_form_token_is_good_for_one_post(local: TestClient) -> None:
    page = local.get("/login")
    token, cookie = form_csrf(page.text), local.cookies.get("belofte_login")
    assert _login(local, "admin", "fout-fout-fout", csrf=token).status_code == 401
    # The same token with the same pre-login cookie, replayed: spent.
    thief = TestClient(local.app, base_url="https://testserver")

    def post(token: str, binding: str | None) -> Any:
        return thief.post(
            "/login",
            data={"username": "admin", "password": ADMIN_PASSWORD, "csrf": token},
            headers={"cookie": f"belofte_login={binding}"},
            follow_redirects=False,
        )

    replay = post(token, cookie)
    assert replay.status_code == 403
    assert "Dit formulier is verlopen" in replay.text
    # The answer carries a fresh form (a new binding) that works, once.
    renewed = replay.cookies.get("belofte_login")
    assert renewed not in (None, cookie)
    assert post(form_csrf(replay.text), renewed).status_code == 303


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_usernames_are_escaped_on_the_login_page(
    local: TestClient, payload: str
) -> None:
    response = _login(local, payload, "wat-dan-ook")
    assert response.status_code == 401
    assert payload not in response.text
    assert "<img" not in response.text and "<script>" not in response.text
    assert "&lt;" in response.text


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_names_never_become_users_or_tokens(
    local_world: World, payload: str
) -> None:
    with pytest.raises(InvalidInput):
        add_user(local_world.ws, payload, Role.ANALYST, password=PASSWORD, actor="t")
    with pytest.raises(InvalidInput):
        create_token(local_world.ws, payload, Role.ANALYST, actor="t")


def _token_row(world: World, name: str) -> t.ApiToken:
    with world.ws.session() as session:
        row = session.scalar(select(t.ApiToken).where(t.ApiToken.name == name))
        assert row is not None
        return row


def test_tokens_stop_working_when_revoked_or_expired(
    world: World, client: TestClient
) -> None:
    secret = world.tokens["analyst"]
    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/openapi.json", headers=bearer).status_code == 200
    row = _token_row(world, "analyst")
    assert row.last_used_at is not None
    assert row.token_hash != secret and secret not in row.token_hash

    record, expiring = create_token(
        world.ws, "kort", Role.ANALYST, expires_days=1, actor="t"
    )
    expiring_bearer = {"Authorization": f"Bearer {expiring}"}
    assert client.get("/api/openapi.json", headers=expiring_bearer).status_code == 200
    with world.ws.session() as session:
        session.execute(
            update(t.ApiToken)
            .where(t.ApiToken.id == record.id)
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    expired = client.get("/api/openapi.json", headers=expiring_bearer)
    assert (expired.status_code, expired.json()) == (
        401,
        {"detail": "this API token has expired"},
    )

    revoke_token(world.ws, row.id, actor="t")
    revoked = client.get("/api/openapi.json", headers=bearer)
    assert (revoked.status_code, revoked.json()) == (
        401,
        {"detail": "this API token was revoked"},
    )
    for bad in ("blf_nonsense", "nonsense", "blf_" + "x" * 300):
        response = client.get(
            "/api/openapi.json", headers={"Authorization": f"Bearer {bad}"}
        )
        assert response.status_code == 401
    assert (
        client.get(
            "/api/openapi.json", headers={"Authorization": "Basic YWRtaW46YWRtaW4="}
        ).status_code
        == 401
    )


def test_api_imports_are_audited_with_the_token_as_actor(
    world: World, client: TestClient
) -> None:
    bearer = {"Authorization": f"Bearer {world.tokens['admin']}"}
    response = client.post(
        "/api/v1/records/reviews/batch?source=crm",
        json={
            "records": [
                {"id": "X1", "occurred_at": "2026-11-03", "text": "Goed", "rating": 5},
                {
                    "id": "X2",
                    "occurred_at": "2026-11-03",
                    "text": "Slecht",
                    "rating": 1,
                },
            ]
        },
        headers=bearer,
    )
    assert response.status_code == 200
    entry = audit_entries(world.ws, action="import.api")[0]
    assert entry.actor.startswith("token:") and entry.actor.endswith(":admin")
    assert (entry.target, entry.details["source"], entry.details["stored"]) == (
        "reviews",
        "crm",
        2,
    )
    assert "Goed" not in str(entry.details)
