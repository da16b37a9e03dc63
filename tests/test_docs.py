"""Every setting and every command is documented, and the CLI reference is current."""

from __future__ import annotations

import re
from pathlib import Path

from belofte.cli.app import app
from belofte.cli.reference import command_paths, render_reference
from belofte.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented_and_described() -> None:
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`(BELOFTE_[A-Z_]+)`", text))
    fields = Settings.model_fields
    assert documented == {f"BELOFTE_{name.upper()}" for name in fields}
    for name, info in fields.items():
        assert info.description and len(info.description) > 20, name


def test_cli_reference_is_current() -> None:
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == render_reference(), "run: python scripts/cli_reference.py"


def test_every_command_is_in_the_reference_and_the_readme() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paths = command_paths(app)
    for path in paths:
        assert f"## `{' '.join(['belofte', *path])}`" in reference
    for path in (p for p in paths if len(p) == 1):
        assert f"belofte {path[0]}" in readme or f"`{path[0]}`" in readme, path


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test" in readme
    assert "bash scripts/test" in ci
