"""Rewrite docs/cli.md from the commands' --help (checked by tests/test_docs.py)."""

from pathlib import Path

from belofte.cli.reference import render_reference

target = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
target.write_text(render_reference(), encoding="utf-8")
print(f"wrote {target}")
