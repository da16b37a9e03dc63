"""Passwords, principals and the location scope of analyses."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from belofte.analytics.cuts import parse_cut
from belofte.domain.access import (
    ROLE_PERMISSIONS,
    Permission,
    Principal,
    Role,
    is_visible,
    may,
    require,
)
from belofte.errors import Conflict, InvalidInput, NotAuthenticated, NotPermitted
from belofte.services.access import users
from belofte.services.access.passwords import (
    hash_password,
    needs_rehash,
    verify_password,
)
from belofte.services.access.scope import scoped_cut
from belofte.services.workspace import Workspace
from belofte.store import tables as t

PASSWORD = "een lang wachtwoord"  # noqa: S105 - a test's password
MANAGER_A = Principal("user", 1, "anna", Role.MANAGER, frozenset({"utrecht-centrum"}))
ANALYST = Principal("token", 2, "crm", Role.ANALYST)


def test_passwords_are_argon2id_and_verify() -> None:
    hashed = hash_password("een lang wachtwoord")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert "een lang wachtwoord" not in hashed
    assert hash_password("een lang wachtwoord") != hashed  # salted
    assert verify_password(hashed, "een lang wachtwoord")
    assert not verify_password(hashed, "een ander wachtwoord")
    assert not verify_password(None, "een lang wachtwoord")
    assert not verify_password("not a hash", "een lang wachtwoord")
    assert not needs_rehash(hashed)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    assert needs_rehash(weak.hash("x"))


def test_sign_in_rehashes_old_parameters(sqlite_workspace: Workspace) -> None:
    ws = sqlite_workspace
    users.add_user(ws, "bob", Role.ANALYST, password=PASSWORD, actor="t")
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    with ws.session() as session:
        user = session.scalar(select(t.User).where(t.User.username == "bob"))
        assert user is not None
        user.password_hash = weak.hash("een lang wachtwoord")
    signed_in = users.sign_in(ws, "bob", "een lang wachtwoord")
    assert signed_in.principal.role is Role.ANALYST
    with ws.session() as session:
        stored = session.scalar(
            select(t.User.password_hash).where(t.User.username == "bob")
        )
    assert stored is not None and stored.startswith("$argon2id$v=19$m=65536,t=3")


def test_user_rules(sqlite_workspace: Workspace) -> None:
    ws = sqlite_workspace
    with pytest.raises(InvalidInput, match="at least 10"):
        users.add_user(ws, "kort", Role.ANALYST, password="kort", actor="t")  # noqa: S106
    with pytest.raises(InvalidInput, match="username"):
        users.add_user(ws, "Anna Jansen", Role.ANALYST, actor="t")
    with pytest.raises(Conflict):
        users.add_user(ws, "admin", Role.ANALYST, actor="t")
    with pytest.raises(NotAuthenticated):
        users.sign_in(ws, "x" * 5000, "y")
    with pytest.raises(NotAuthenticated):
        users.session_principal(ws, "no such session")


def test_roles_permissions_and_visibility() -> None:
    assert ROLE_PERMISSIONS[Role.ADMIN] == frozenset(Permission)
    assert may(ANALYST, Permission.INGEST) and not may(ANALYST, Permission.MANAGE_USERS)
    assert not may(MANAGER_A, Permission.INGEST)
    staff = Principal("user", 3, "sam", Role.STAFF, frozenset({"utrecht-centrum"}))
    assert [p for p in Permission if may(staff, p)] == [Permission.VIEW_CUSTOMER_CARD]
    with pytest.raises(NotPermitted, match="the staff role may not read verbatims"):
        require(staff, Permission.READ_VERBATIMS)
    assert is_visible(ANALYST, None) and is_visible(ANALYST, "almere-stad")
    assert is_visible(MANAGER_A, "utrecht-centrum")
    assert not is_visible(MANAGER_A, "almere-stad") and not is_visible(MANAGER_A, None)
    assert MANAGER_A.actor == "user:anna" and ANALYST.actor == "token:2:crm"


def test_a_scoped_cut_is_forced_to_the_principals_locations(
    sqlite_workspace: Workspace,
) -> None:
    ws = sqlite_workspace
    cut = parse_cut(["touchpoint"], "month", ["channel=winkel"])
    assert scoped_cut(ws, ANALYST, cut) is cut
    forced = scoped_cut(ws, MANAGER_A, cut)
    assert forced.where == {"channel": ("winkel",), "location": ("utrecht-centrum",)}
    assert (forced.by, forced.period) == (cut.by, cut.period)
    own = parse_cut(["location"], None, ["location=utrecht-centrum"])
    assert scoped_cut(ws, MANAGER_A, own).where == {"location": ("utrecht-centrum",)}
    with pytest.raises(NotPermitted, match="almere-stad is outside your scope"):
        scoped_cut(
            ws, MANAGER_A, parse_cut([], None, ["location=utrecht-centrum,almere-stad"])
        )
    nowhere = Principal("user", 4, "nobody", Role.MANAGER)
    with pytest.raises(NotPermitted):
        scoped_cut(ws, nowhere, cut)
    # Customer attributes: declared segments only, for a scoped role.
    segment = parse_cut(["customer.loyalty"], None, ["customer.home_store=x"])
    assert scoped_cut(ws, MANAGER_A, segment).by == ("customer.loyalty",)
    with pytest.raises(NotPermitted, match="customer.kleur is not a declared segment"):
        scoped_cut(ws, MANAGER_A, parse_cut(["customer.kleur"]))
    assert scoped_cut(ws, ANALYST, parse_cut(["customer.kleur"])).by == (
        "customer.kleur",
    )


def test_the_scope_narrows_the_measure_services(demo_workspace: Workspace) -> None:
    """A manager's figures come from their store alone, whatever the cut asks."""
    from belofte.services.measure.analytics import analytics_engine
    from belofte.services.measure.metrics import scores

    engine = analytics_engine(demo_workspace, "duckdb")
    manager = Principal("user", 1, "m", Role.MANAGER, frozenset({"assen-centrum"}))
    cut = scoped_cut(demo_workspace, manager, parse_cut(["location"]))
    result = scores(engine, cut)
    locations = {row["location"] for row in result.frame().to_dict("records")}
    assert locations == {"assen-centrum"}


def test_the_demo_has_a_user_per_role_and_location(demo_workspace: Workspace) -> None:
    people = {
        u.username: (u.role, u.locations) for u in users.list_users(demo_workspace)
    }
    assert people["admin"] == ("admin", ())
    assert people["analist"] == ("analyst", ())
    assert people["manager-assen-centrum"] == ("manager", ("assen-centrum",))
    assert people["staff-webshop"] == ("staff", ("webshop",))
    assert len(people) == 2 + 2 * 15
