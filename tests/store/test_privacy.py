"""Personal data is kept apart: separate tables, one reader, no analytical path to it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import InvalidRequestError

import belofte
from belofte.domain.privacy import PersonalData, pseudonymous_key
from belofte.services.workspace import Workspace
from belofte.store import tables as t
from belofte.store.repositories.customers import CustomerRepository
from belofte.store.repositories.meta import MetaRepository

PACKAGE = Path(belofte.__file__).parent
PERSONAL_NAMES = {
    "CustomerPII",
    "VerbatimOriginal",
    "customer_pii",
    "verbatim_originals",
}
#: The only modules that may name the personal tables: their definition, the
#: customer repository (reads), and the import writer (writes originals and PII).
ALLOWED = {
    "store/tables.py",
    "store/repositories/customers.py",
    "store/repositories/records.py",
    "store/migrations/versions/0001_spine.py",
    # Moves e-mail, phone and name attributes to the personal side.
    "store/migrations/versions/0005_hardening.py",
}


def test_personal_tables_are_marked_and_apart() -> None:
    assert t.personal_tables() == ["customer_pii", "verbatim_originals"]
    assert not set(t.personal_tables()) & set(t.analytical_tables())
    # Personal tables point at analytical rows, never the reverse.
    for table in t.Base.metadata.sorted_tables:
        if table.name in t.personal_tables():
            continue
        targets = {fk.column.table.name for fk in table.foreign_keys}
        assert not targets & set(t.personal_tables()), table.name
    customer_columns = set(t.Customer.__table__.columns.keys())
    assert customer_columns == {
        "id",
        "key",
        "segment",
        "attributes",
        "first_seen",
        "content_hash",
    }


def _names_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    names |= {
        a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names
    }
    names |= {
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }
    return names


def test_only_the_customer_repository_touches_personal_data() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if str(path.relative_to(PACKAGE)) not in ALLOWED
        and _names_in(path) & PERSONAL_NAMES
    ]
    assert offenders == []


def test_customer_key_is_pseudonymous_and_stable(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.session() as s:
        salt = MetaRepository(s).pseudonym_salt()
        repo = CustomerRepository(s, salt)
        personal = PersonalData(
            name="Anna de Vries", email="anna@example.nl", consent_survey=True
        )
        first = repo.upsert("crm", "K-1001", segment="loyaal", personal=personal)
        again = repo.upsert("crm", "K-1001", attributes={"tier": "goud"})
        assert first.id == again.id
        assert first.key == pseudonymous_key(salt, "crm", "K-1001")
        assert "K-1001" not in first.key
        assert len(first.key) == 26
        assert again.attributes == {"tier": "goud"}
        assert again.segment == "loyaal"
        assert repo.personal_data(first.id) == personal
        # The ORM refuses to load personal data behind an analyst's back.
        with pytest.raises(InvalidRequestError, match="lazy='raise'"):
            _ = again.pii
        row = s.scalars(select(t.Customer)).one()
        assert "anna" not in repr(vars(row)).lower()


def test_salt_is_per_workspace_and_kept(sqlite_workspace: Workspace) -> None:
    with sqlite_workspace.session() as s:
        first = MetaRepository(s).pseudonym_salt()
    with sqlite_workspace.session() as s:
        assert MetaRepository(s).pseudonym_salt() == first
    assert len(first) == 64
