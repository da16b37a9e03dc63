"""The `belofte` command end to end: outputs, workspace discovery, errors and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

import belofte
from belofte.cli.app import app, main
from belofte.settings import Settings

Run = tuple[int, str, str]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def all_commands() -> list[list[str]]:
    def walk(command: object, path: list[str]) -> list[list[str]]:
        found = [path]
        if hasattr(command, "commands"):
            for name, sub in sorted(command.commands.items()):
                found += walk(sub, [*path, name])
        return found

    return walk(typer.main.get_command(app), [])


@pytest.fixture
def shop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, _, err = run(capsys, "init", str(tmp_path / "shop"))
    assert code == 0, err
    return tmp_path / "shop"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"belofte {belofte.__version__}\n", "")


@pytest.mark.parametrize(
    "command", all_commands(), ids=lambda c: " ".join(c) or "belofte"
)
def test_every_command_has_help(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *command, "--help")
    assert code == 0
    assert err == ""
    assert out.startswith(f"Usage: belofte {' '.join(command)}".rstrip())
    summary = out.split("\n\n")[1].strip()
    assert len(summary) > 20, summary


def test_init_creates_a_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "shop"
    code, out, err = run(
        capsys, "init", str(target), "--template", "retail-nl", "--json"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    admin = data.pop("admin")  # the first admin's password, shown once
    assert admin["username"] == "admin"
    assert len(admin["password"]) >= 16
    assert data == {
        "workspace": str(target),
        "template": "retail-nl",
        "database": f"sqlite:///{target / 'belofte.db'}",
        "created": {
            "pillar": 4,
            "stage": 6,
            "channel": 7,
            "location": 15,
            "theme": 15,
            "touchpoint": 14,
            "team": 7,
            "segment": 2,
        },
    }
    assert sorted(p.name for p in target.iterdir()) == [
        ".gitignore",
        "belofte.db",
        "belofte.db-shm",
        "belofte.db-wal",
        "belofte.yaml",
        "imports",
        "models",
        "reports",
    ] or sorted(p.name for p in target.iterdir()) == [
        ".gitignore",
        "belofte.db",
        "belofte.yaml",
        "imports",
        "models",
        "reports",
    ]


def test_init_refuses_an_existing_workspace(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "init", str(shop))
    assert (code, out) == (3, "")
    assert err == f"error: {shop} is already a workspace (belofte.yaml exists)\n"


def test_init_unknown_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "init", str(tmp_path / "x"), "--template", "bakery")
    assert code == 4
    assert err == (
        "error: template 'bakery' not found; choose one of generic-en, retail-nl\n"
    )
    assert not (tmp_path / "x").exists()


def test_init_with_an_unreachable_database_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql+psycopg://belofte:geheim@127.0.0.1:9/belofte"
    code, _, err = run(capsys, "init", str(tmp_path / "x"), "--database-url", url)
    assert code == 6
    assert err.count("\n") == 1
    assert err.startswith(
        "error: cannot open the database postgresql+psycopg://belofte:***@127.0.0.1:9/belofte:"
    )
    assert "geheim" not in err
    assert not (tmp_path / "x").exists()


@pytest.mark.postgres
def test_init_on_postgres(
    tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "pg"
    assert run(capsys, "init", str(target), "--database-url", postgres_url)[0] == 0
    env_file = target / "belofte.env"
    assert env_file.read_text() == f"BELOFTE_DATABASE_URL={postgres_url}\n"
    assert env_file.stat().st_mode & 0o777 == 0o600
    assert not (target / "belofte.db").exists()
    code, out, _ = run(capsys, "--workspace", str(target), "info", "--json")
    info = json.loads(out)
    assert code == 0
    assert info["database"].startswith("postgresql+psycopg://")
    assert info["schema"] == "0007"
    assert info["counts"]["themes"] == 15


def test_blueprint_check_apply_show(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = ("--workspace", str(shop))
    assert run(capsys, *ws, "blueprint", "check") == (
        0,
        "belofte.yaml is valid: 4 pillars, 15 themes, 6 stages, 7 channels, "
        "14 touchpoints, 15 locations, 7 teams, 2 segments\n",
        "",
    )
    code, out, _ = run(capsys, *ws, "blueprint", "apply", "--json")
    assert code == 0
    assert json.loads(out) == {
        "changed": False,
        "created": {},
        "updated": {},
        "renamed": {},
        "removed": {},
        "changes": [],
    }
    code, out, _ = run(capsys, *ws, "blueprint", "show")
    assert code == 0
    assert "Vertrouwd dichtbij (vertrouwd-dichtbij)" in out
    assert "Levertijd (levertijd): 12 phrases" in out
    code, out, _ = run(capsys, *ws, "blueprint", "show", "--lang", "en")
    assert "Trusted and close by (vertrouwd-dichtbij)" in out
    code, out, _ = run(capsys, *ws, "blueprint", "show", "--json")
    assert json.loads(out)["pillars"][1]["themes"][0]["id"] == "levertijd"


def test_broken_blueprint_lists_each_problem(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = shop / "belofte.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("stage: installatie", "stage: instalatie").replace(
        "kind: webshop", "kind: web"
    )
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    stage_line = next(i for i, ln in enumerate(lines, 1) if "stage: instalatie" in ln)
    kind_line = next(i for i, ln in enumerate(lines, 1) if "kind: web" in ln)
    for command in (("blueprint", "check"), ("blueprint", "apply")):
        code, out, err = run(capsys, "--workspace", str(shop), *command)
        assert (code, out) == (3, "")
        assert err.splitlines() == [
            f"belofte.yaml:{kind_line} locations[12].kind: expected 'store', 'webshop', "
            "'warehouse' or 'service-centre', got 'web'",
            "error: belofte.yaml: 1 problem in the blueprint",
        ]
    path.write_text(text.replace("kind: web", "kind: webshop"), encoding="utf-8")
    code, _, err = run(capsys, "--workspace", str(shop), "blueprint", "check")
    assert code == 3
    assert err.splitlines()[0] == (
        f"belofte.yaml:{stage_line} journey.touchpoints[7].stage: unknown stage "
        "'instalatie'; did you mean 'installatie'?"
    )


def test_apply_refusal_exits_with_conflict(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.factories import make_aspect, make_verbatim

    ws = belofte.open_workspace(shop)
    with ws.session() as s:
        make_aspect(s, make_verbatim(s), "voorraad")
    ws.close()
    path = shop / "belofte.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      - id: voorraad")
    path.write_text(
        text[:start] + text[text.index("      - id: webshop-gebruiksgemak") :]
    )
    code, out, err = run(capsys, "--workspace", str(shop), "blueprint", "apply")
    assert (code, out) == (8, "")
    assert err.splitlines() == [
        "cannot remove theme 'voorraad': data refers to it (1 in enrichment_aspects); "
        "keep it, or give its successor `was: [voorraad]`",
        "error: blueprint not applied: 1 removal would lose data",
    ]


def test_workspace_discovery_order(
    shop: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = tmp_path / "other"
    assert run(capsys, "init", str(other), "--template", "generic-en")[0] == 0

    def workspace_seen(*args: str) -> str:
        code, out, err = run(capsys, *args, "info", "--json")
        assert code == 0, err
        return str(json.loads(out)["workspace"])

    monkeypatch.chdir(shop / "models")  # a sub-folder: the parent is found
    assert workspace_seen() == str(shop)
    monkeypatch.setenv("BELOFTE_WORKSPACE", str(other))
    assert workspace_seen() == str(other)
    assert workspace_seen("--workspace", str(shop)) == str(shop)
    monkeypatch.delenv("BELOFTE_WORKSPACE")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "info")
    assert (code, out) == (4, "")
    assert err == (
        f"error: no belofte workspace in {tmp_path} or its parents (no belofte.yaml); "
        "create one with `belofte init DIR`, or point to it with --workspace DIR or "
        "BELOFTE_WORKSPACE\n"
    )
    code, _, err = run(capsys, "--workspace", str(tmp_path), "info")
    assert code == 4
    assert err.startswith(f"error: no belofte workspace at {tmp_path}")


def test_db_commands(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = ("--workspace", str(shop))
    code, out, _ = run(capsys, *ws, "db", "status", "--json")
    assert json.loads(out) == {
        "database": f"sqlite:///{shop / 'belofte.db'}",
        "current": "0007",
        "head": "0007",
        "is_current": True,
    }
    code, _, err = run(capsys, *ws, "db", "downgrade", "base")
    assert code == 2
    assert err == "error: a downgrade can delete data; add --yes to confirm\n"
    code, out, _ = run(capsys, *ws, "db", "downgrade", "base", "--yes", "--json")
    assert code == 0
    assert json.loads(out)["current"] is None
    code, _, err = run(capsys, *ws, "blueprint", "apply")
    assert code == 6
    assert err.endswith(
        "is empty; this belofte needs schema 0007: run `belofte db upgrade`\n"
    )
    code, _, err = run(capsys, *ws, "db", "upgrade", "nonsense")
    assert code == 3
    assert err == "error: unknown schema revision 'nonsense'\n"
    assert run(capsys, *ws, "db", "upgrade")[0] == 0
    assert run(capsys, *ws, "blueprint", "apply")[1].startswith("  created the promise")


def test_invalid_setting_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BELOFTE_ENV", "staging")
    code, out, err = run(capsys, "info")
    assert (code, out) == (3, "")
    assert err == "error: setting BELOFTE_ENV: Input should be 'dev' or 'prod'\n"


def test_prod_refuses_the_default_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BELOFTE_ENV", "prod")
    code, out, err = run(capsys, "info")
    assert (code, out) == (3, "")
    assert err == (
        "error: settings: BELOFTE_SECRET_KEY must be set to your own secret when "
        "BELOFTE_ENV=prod\n"
    )
    monkeypatch.setenv("BELOFTE_SECRET_KEY", "a-long-random-production-secret")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "info")[0] == 4  # settings accepted; no workspace here


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "init")
    assert code == 2
    assert err.splitlines()[-1] == "Error: Missing argument 'directory'."


def test_internal_errors_never_show_a_traceback(
    shop: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("secret detail /home/anna")

    monkeypatch.setattr("belofte.cli.db.schema_status", broken)
    code, out, err = run(capsys, "--workspace", str(shop), "db", "status")
    assert (code, out) == (70, "")
    assert "Traceback" not in err
    assert "anna" not in err
    assert err.splitlines()[-1] == (
        "error: internal error (RuntimeError); this is a bug in belofte. "
        "Rerun with BELOFTE_DEBUG=1 to see the traceback."
    )


def test_user_values_are_not_read_as_markup(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = shop / "belofte.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "name: Stroomhuis\n", "name: '[red]Stroom[/]'\n", 1
    )
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "--workspace", str(shop), "blueprint", "show")
    assert code == 0
    assert out.startswith("[red]Stroom[/]: the promise")


def test_module_entry_point_runs() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELOFTE_")}
    result = subprocess.run(
        [sys.executable, "-m", "belofte", "--version"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, f"belofte {belofte.__version__}\n")


def test_settings_for_workspace_reads_belofte_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "belofte.env").write_text(
        "BELOFTE_DATABASE_URL=sqlite:///from-file.db\n"
    )
    assert Settings().for_workspace(tmp_path).database_url == "sqlite:///from-file.db"
    monkeypatch.setenv("BELOFTE_DATABASE_URL", "sqlite:///from-env.db")
    assert Settings().for_workspace(tmp_path).database_url == "sqlite:///from-env.db"
