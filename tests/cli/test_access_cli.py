"""`belofte user`, `belofte token`, `belofte audit`: secrets shown once, every change audited."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from belofte.cli.app import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, ...]:
    code, out, err = run(capsys, "init", str(tmp_path / "shop"))
    assert code == 0, err
    assert "admin: user admin, password (shown once): " in out
    return ("--workspace", str(tmp_path / "shop"))


def test_init_takes_the_admin_password_from_the_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BELOFTE_ADMIN_PASSWORD", "correct horse battery")
    code, out, _ = run(capsys, "init", str(tmp_path / "s"))
    assert code == 0
    assert "correct horse battery" not in out
    assert "password from BELOFTE_ADMIN_PASSWORD" in out


def test_users_are_added_listed_disabled_and_given_new_passwords(
    shop: tuple[str, ...],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, err = run(
        capsys, *shop, "user", "add", "anna", "--role", "manager",
        "--locations", "utrecht-centrum", "--json",
    )  # fmt: skip
    assert code == 0, err
    added = json.loads(out)
    assert (added["username"], added["role"]) == ("anna", "manager")
    assert len(added["password"]) >= 16

    monkeypatch.setattr("sys.stdin", io.StringIO("een lang wachtwoord\n"))
    code, out, _ = run(
        capsys, *shop, "user", "add", "bob", "--role", "analyst", "--password-stdin"
    )
    assert code == 0
    assert "een lang wachtwoord" not in out and "shown once" not in out

    code, _, err = run(capsys, *shop, "user", "add", "carla", "--role", "staff")
    assert code == 3
    assert "needs at least one location" in err
    code, _, err = run(
        capsys, *shop, "user", "add", "dirk", "--role", "manager", "--locations", "mars"
    )
    assert code == 4
    code, _, err = run(capsys, *shop, "user", "add", "anna", "--role", "analyst")
    assert code == 8
    code, _, err = run(capsys, *shop, "user", "add", "eve", "--role", "root")
    assert code == 3 and "admin, analyst, manager, staff" in err

    code, out, _ = run(capsys, *shop, "user", "passwd", "anna")
    assert code == 0 and "password (shown once)" in out
    assert run(capsys, *shop, "user", "disable", "anna")[0] == 0
    assert run(capsys, *shop, "user", "disable", "nobody")[0] == 4

    users = json.loads(run(capsys, *shop, "user", "list", "--json")[1])
    assert [
        (u["username"], u["role"], u["locations"], u["disabled"]) for u in users
    ] == [
        ("admin", "admin", [], False),
        ("anna", "manager", ["utrecht-centrum"], True),
        ("bob", "analyst", [], False),
    ]
    assert "password" not in json.dumps(users)
    table = run(capsys, *shop, "user", "list")[1]
    assert "utrecht-centrum" in table

    entries = json.loads(run(capsys, *shop, "audit", "--action", "user", "--json")[1])
    assert [(e["actor"], e["action"], e["target"]) for e in entries] == [
        ("cli", "user.disabled", "anna"),
        ("cli", "user.password_changed", "anna"),
        ("cli", "user.created", "bob"),
        ("cli", "user.created", "anna"),
        ("cli", "user.created", "admin"),
    ]
    assert "wachtwoord" not in json.dumps(entries)


def test_tokens_are_created_listed_and_revoked(
    shop: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, *shop, "token", "create", "crm-sync", "--role", "analyst",
        "--expires-days", "30", "--json",
    )  # fmt: skip
    assert code == 0, err
    created = json.loads(out)
    assert created["token"].startswith("blf_")
    code, out, _ = run(
        capsys, *shop, "token", "create", "winkel", "--role", "manager",
        "--locations", "utrecht-centrum",
    )  # fmt: skip
    assert code == 0 and "secret (shown once): blf_" in out
    assert run(capsys, *shop, "token", "revoke", str(created["id"]))[0] == 0
    assert run(capsys, *shop, "token", "revoke", "999")[0] == 4
    listed = json.loads(run(capsys, *shop, "token", "list", "--json")[1])
    assert [(t["name"], t["role"], t["locations"], t["status"]) for t in listed] == [
        ("winkel", "manager", ["utrecht-centrum"], "active"),
        ("crm-sync", "analyst", [], "revoked"),
    ]
    assert created["token"] not in json.dumps(listed)
    assert created["token"] not in run(capsys, *shop, "audit")[1]
    actions = [
        e["action"]
        for e in json.loads(
            run(capsys, *shop, "audit", "--action", "token", "--json")[1]
        )
    ]
    assert actions == ["token.revoked", "token.created", "token.created"]


def test_audit_filters_and_records_imports_exports_and_blueprint_changes(
    shop: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "enquete.csv"
    data.write_text(
        "id,datum,nps\nR1,2026-05-02,9\nR2,2026-05-03,3\n", encoding="utf-8"
    )
    assert run(capsys, *shop, "import", str(data), "--kind", "responses")[0] == 0
    assert run(capsys, *shop, "export", "--parquet", str(tmp_path / "wh"))[0] == 0
    entries = json.loads(run(capsys, *shop, "audit", "--json")[1])
    by_action = {e["action"]: e for e in entries}
    assert by_action["import.file"]["target"] == "enquete.csv"
    assert by_action["import.file"]["details"]["stored"] == 2
    assert by_action["export.parquet"]["actor"] == "cli"
    assert by_action["blueprint.applied"]["details"]["created"] > 0
    only = json.loads(run(capsys, *shop, "audit", "--action", "import", "--json")[1])
    # Newest first: the file's counts, after the entry that preceded its batches.
    assert [e["action"] for e in only] == ["import.file", "import.started"]
    assert only[0]["details"]["run"] == only[1]["details"]["run"]
    assert (
        json.loads(run(capsys, *shop, "audit", "--actor", "nobody", "--json")[1]) == []
    )
    later = json.loads(
        run(capsys, *shop, "audit", "--since", "2999-01-01", "--json")[1]
    )
    assert later == []
    assert run(capsys, *shop, "audit", "--since", "gisteren")[0] == 3
    assert "import.file" in run(capsys, *shop, "audit")[1]


def test_serve_binds_this_machine_and_warns_before_exposing_the_default_secret(
    shop: tuple[str, ...],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[str] = []
    monkeypatch.setattr(
        "uvicorn.run", lambda app, host, port, **kw: started.append(host)
    )
    assert run(capsys, *shop, "serve")[0] == 0
    code, _, err = run(capsys, *shop, "serve", "--host", "0.0.0.0")  # noqa: S104
    assert code == 0 and "default secret key" in err
    monkeypatch.setenv("BELOFTE_SECRET_KEY", "een-eigen-lang-geheim-van-ons")
    code, _, err = run(capsys, *shop, "serve", "--host", "0.0.0.0")  # noqa: S104
    assert (code, err) == (0, "")
    assert started == ["127.0.0.1", "0.0.0.0", "0.0.0.0"]  # noqa: S104
    monkeypatch.delenv("BELOFTE_SECRET_KEY")
    monkeypatch.setenv("BELOFTE_ENV", "prod")
    code, _, err = run(capsys, *shop, "serve")
    assert code == 3 and "BELOFTE_SECRET_KEY must be set" in err
    assert len(started) == 3
