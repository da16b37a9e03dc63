"""Personal data never becomes a free attribute: not stored, not in the lake, not
cut by. A customer file's unrecognised columns used to be kept whole, so an
IBAN could be grouped by through the API and a BSN filtered on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from belofte.domain.access import Role
from belofte.errors import InvalidInput
from belofte.ingest.kinds import RecordKind
from belofte.services.access.tokens import create_token
from belofte.services.listen.imports import import_file
from belofte.services.measure.analytics import lake, refresh
from belofte.services.workspace import Workspace
from belofte.store import tables as t
from belofte.web.app import create_app

IBAN, BSN, EMAIL = "NL91ABNA0417164300", "111222333", "jan.devries@example.com"
CUSTOMERS = (
    "klantnummer;E-mail adres;Mobiel nummer;IBAN;BSN;geboortedatum;Voornaam;"
    "Achternaam;mail;klant_email;loyalty;favoriete_kleur\n"
    f"K1;{EMAIL};06-11223344;{IBAN};{BSN};1985-03-12;Jan;de Vries;"
    "jan@example.org;jdv@example.net;goud;blauw\n"
    "K2;anna@example.com;06-99887766;NL20INGB0001234567;123456782;1990-07-01;"
    "Anna;Bakker;;;zilver;rood\n"
)
RESPONSES = (
    "id,klant,datum,touchpoint,location,nps\n"
    "R1,K1,2026-11-02,bezorging-thuis,utrecht-centrum,9\n"
    "R2,K2,2026-11-03,bezorging-thuis,utrecht-centrum,3\n"
)
VALUES = (IBAN, BSN, EMAIL, "06-11223344", "1985-03-12", "de Vries", "jdv@example")


def _import(ws: Workspace, tmp_path: Path) -> dict[str, object]:
    customers = tmp_path / "klanten.csv"
    customers.write_text(CUSTOMERS, encoding="utf-8")
    summary = import_file(ws, customers, RecordKind.CUSTOMERS)
    responses = tmp_path / "enquete.csv"
    responses.write_text(RESPONSES, encoding="utf-8")
    import_file(ws, responses, RecordKind.RESPONSES)
    return summary.as_dict()


def test_personal_columns_go_to_the_personal_side_or_nowhere(
    workspace: Workspace, tmp_path: Path
) -> None:
    summary = _import(workspace, tmp_path)
    assert summary["stored"] == 2
    assert summary["not_stored"] == [
        {"column": "IBAN", "reason": "personal data (bank account): never stored"},
        {"column": "BSN", "reason": "personal data (national id number): never stored"},
        {
            "column": "geboortedatum",
            "reason": "personal data (birth date): never stored",
        },
        {"column": "mail", "reason": "personal data (e-mail address): never stored"},
        {
            "column": "klant_email",
            "reason": "personal data (e-mail address): never stored",
        },
        {
            "column": "favoriete_kleur",
            "reason": "not declared: list it under `attributes:` in a mapping file, "
            "or (customers) as a segment in belofte.yaml",
        },
    ]
    with workspace.session() as session:
        rows = session.execute(
            select(t.Customer.attributes, t.CustomerPII.name, t.CustomerPII.email)
            .join(t.CustomerPII, t.CustomerPII.customer_id == t.Customer.id)
            .order_by(t.CustomerPII.external_id)
        ).all()
        phones = session.scalars(
            select(t.CustomerPII.phone).order_by(t.CustomerPII.external_id)
        ).all()
    # Only the declared segment stays beside the pseudonymous key.
    assert [tuple(r) for r in rows] == [
        ({"loyalty": "goud"}, "Jan de Vries", EMAIL),
        ({"loyalty": "zilver"}, "Anna Bakker", "anna@example.com"),
    ]
    assert phones == ["06-11223344", "06-99887766"]
    _assert_no_trace(workspace)


def _assert_no_trace(ws: Workspace) -> None:
    """None of the personal values in any analytical table or the lake."""
    with ws.engine.connect() as connection:
        for table in t.analytical_tables():
            dump = str(connection.execute(text(f"SELECT * FROM {table}")).all())  # noqa: S608
            for value in VALUES:
                assert value not in dump, (table, value)
    refresh(ws)
    for part in lake(ws).folder.rglob("*.parquet"):
        dump = str(pq.read_table(part).to_pylist())
        for value in VALUES:
            assert value not in dump, (part.name, value)


def test_declared_attributes_holding_personal_data_reject_their_row(
    workspace: Workspace, tmp_path: Path
) -> None:
    data = tmp_path / "klanten.csv"
    data.write_text(
        "id,loyalty,notitie\n"
        "K1,goud,belt graag\n"
        "K2,zilver,bel 06-12345678 na vijven\n"
        f"K3,{EMAIL},\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "klanten.yaml"
    mapping.write_text("kind: customers\nattributes: [notitie]\n", encoding="utf-8")
    summary = import_file(workspace, data, RecordKind.CUSTOMERS, mapping_path=mapping)
    assert (summary.stored, summary.rejected) == (1, 2)
    assert summary.first_errors == [
        {
            "line": 3,
            "column": "notitie",
            "reason": "looks like personal data (PHONE); personal data is never "
            "kept as an attribute",
            "value": "",
        },
        {
            "line": 4,
            "column": "loyalty",
            "reason": "looks like personal data (EMAIL); personal data is never "
            "kept as an attribute",
            "value": "",
        },
    ]
    report = Path(str(summary.errors_file)).read_text(encoding="utf-8")
    assert "06-12345678" not in report and EMAIL not in report


def test_a_mapping_cannot_declare_personal_data_an_attribute(
    workspace: Workspace, tmp_path: Path
) -> None:
    data = tmp_path / "klanten.csv"
    data.write_text("id,IBAN\nK1,x\n", encoding="utf-8")
    mapping = tmp_path / "klanten.yaml"
    mapping.write_text("attributes: [IBAN]\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as raised:
        import_file(workspace, data, RecordKind.CUSTOMERS, mapping_path=mapping)
    assert raised.value.problems == (
        "attribute 'iban' looks like personal data (bank account); personal data "
        "is never kept as an attribute",
    )


def test_json_lines_keys_beyond_the_header_are_kept_only_when_declared(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    lines = [{"id": f"K{i}", "loyalty": "goud"} for i in range(3)]
    lines.append({"id": "K9", "loyalty": "brons", "IBAN": IBAN, "kleur": "groen"})
    data = tmp_path / "klanten.jsonl"
    data.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    import_file(sqlite_workspace, data, RecordKind.CUSTOMERS)
    with sqlite_workspace.session() as session:
        kept = session.scalars(select(t.Customer.attributes)).all()
    assert sorted(a["loyalty"] for a in kept) == ["brons", "goud", "goud", "goud"]
    assert all(set(a) == {"loyalty"} for a in kept)


@pytest.fixture
def api(sqlite_workspace: Workspace, tmp_path: Path) -> Iterator[dict[str, TestClient]]:
    _import(sqlite_workspace, tmp_path)
    clients = {}
    app = create_app(sqlite_workspace.settings)
    for name, role, locations in (
        ("analyst", Role.ANALYST, ()),
        ("manager", Role.MANAGER, ("utrecht-centrum",)),
    ):
        _, secret = create_token(
            sqlite_workspace, name, role, locations=locations, actor="tests"
        )
        client = TestClient(app)
        client.headers["Authorization"] = f"Bearer {secret}"
        clients[name] = client
    with clients["analyst"], clients["manager"]:
        yield clients


def test_results_cannot_be_cut_by_personal_data(
    api: dict[str, TestClient],
) -> None:
    analyst, manager = api["analyst"], api["manager"]
    # The IBAN was never stored: grouping by it finds no such attribute.
    by_iban = analyst.get("/api/v1/metrics", params={"by": "customer.iban"})
    assert by_iban.status_code == 200
    assert IBAN not in by_iban.text
    assert [r["customer.iban"] for r in by_iban.json()["rows"]] == ["(none)"]
    # A scoped role cuts only by declared segments: never "is this BSN a customer?"
    for params in (
        {"by": "customer.iban"},
        {"where": f"customer.bsn={BSN}"},
        {"by": "customer.favoriete_kleur"},
    ):
        refused = manager.get("/api/v1/metrics", params=params)
        assert refused.status_code == 403, params
        name = (params.get("by") or params["where"].split("=")[0]).removeprefix(
            "customer."
        )
        assert refused.json() == {
            "detail": f"customer.{name} is not a declared segment: a manager may "
            "cut only by the segments of belofte.yaml (loyalty, home_store)"
        }
    allowed = manager.get("/api/v1/metrics", params={"by": "customer.loyalty"})
    assert allowed.status_code == 200
    assert sorted(r["customer.loyalty"] for r in allowed.json()["rows"]) == [
        "goud",
        "zilver",
    ]
