"""A workspace with a user and a token of every role, and a text at two locations.

Store A (utrecht-centrum) and store B (almere-stad) each hold one review whose
text carries a marker word, so a test can assert that no answer given to a
caller scoped to A ever contains B's marker (and the reverse).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from belofte.domain.access import Role
from belofte.ingest.kinds import RecordKind
from belofte.services.access.tokens import create_token
from belofte.services.access.users import add_user
from belofte.services.listen.imports import ingest_records
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.store import tables as t

STORE_A, STORE_B = "utrecht-centrum", "almere-stad"
MARKER = {STORE_A: "Domtorenbezoek", STORE_B: "Weerwaterwandeling"}
ADMIN_PASSWORD = "beheer-wachtwoord-1"  # noqa: S105 - a test fixture's password
PASSWORD = "medewerker-wachtwoord-1"  # noqa: S105
#: The callers with a token: name -> (role, locations)
TOKEN_CALLERS: dict[str, tuple[Role, tuple[str, ...]]] = {
    "admin": (Role.ADMIN, ()),
    "analyst": (Role.ANALYST, ()),
    "manager": (Role.MANAGER, (STORE_A,)),
    "staff": (Role.STAFF, (STORE_A,)),
    "manager_other": (Role.MANAGER, (STORE_B,)),
}
#: The users: username -> (role, locations)
USERS: dict[str, tuple[Role, tuple[str, ...]]] = {
    "analist": (Role.ANALYST, ()),
    "manager-a": (Role.MANAGER, (STORE_A,)),
    "staff-a": (Role.STAFF, (STORE_A,)),
    "manager-b": (Role.MANAGER, (STORE_B,)),
}


@dataclass
class World:
    """The workspace, its secrets, and the ids of the two texts."""

    ws: Workspace
    tokens: dict[str, str] = field(default_factory=dict)
    verbatims: dict[str, int] = field(default_factory=dict)


def build_world(folder: Path, database_url: str | None = None) -> World:
    settings = Settings(admin_password=ADMIN_PASSWORD)  # type: ignore[call-arg]
    ws = init_workspace(folder, "retail-nl", settings, database_url).workspace
    world = World(ws)
    for username, (role, locations) in USERS.items():
        add_user(ws, username, role, password=PASSWORD, locations=locations, actor="t")
    for name, (role, locations) in TOKEN_CALLERS.items():
        world.tokens[name] = create_token(
            ws, name.replace("_", "-"), role, locations=locations, actor="t"
        )[1]
    for code, word in MARKER.items():
        ingest_records(
            ws,
            RecordKind.REVIEWS,
            [
                {
                    "id": f"R-{code}",
                    "occurred_at": "2026-11-01",
                    "location": code,
                    "rating": 4,
                    "text": f"Na het {word} kwam ik langs, vriendelijk personeel",
                }
            ],
            source="test",
            actor="t",
        )
        with ws.session() as session:
            world.verbatims[code] = session.scalar(
                select(t.Verbatim.id).where(t.Verbatim.external_id == f"R-{code}")
            )
    return world


def form_csrf(html: str) -> str:
    """The CSRF token a page's form carries."""
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, html
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str) -> str:
    """Sign `client` in; returns the CSRF token of the session's forms."""
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf": form_csrf(page.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    home = client.get("/")
    assert home.status_code == 200
    return form_csrf(home.text)
