"""`belofte demo` goes through the normal import path: 0 rejections but the planted ones."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from belofte.cli.app import main
from belofte.demo.world import WorldSize
from belofte.services.demo import create_demo
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.store import tables as t

SMALL = WorldSize(customers=1500, months=12, seed=2026)


def fingerprint(ws: Workspace) -> str:
    """Everything analytical that a seed decides (not import times, not salted keys)."""
    with ws.session(read_only=True) as s:
        rows = s.execute(
            select(
                t.Response.external_id,
                t.Response.nps,
                t.Response.csat,
                t.Response.ces,
                t.Response.responded_at,
                t.TouchpointRow.code,
                t.LocationRow.code,
                t.Verbatim.text_redacted,
            )
            .outerjoin(t.TouchpointRow, t.TouchpointRow.id == t.Response.touchpoint_id)
            .outerjoin(t.LocationRow, t.LocationRow.id == t.Response.location_id)
            .outerjoin(t.Verbatim, t.Verbatim.response_id == t.Response.id)
            .order_by(t.Response.external_id)
        ).all()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_demo_imports_everything_but_the_malformed_file(tmp_path: Path) -> None:
    first = create_demo(tmp_path / "a", Settings(), SMALL)
    second = create_demo(tmp_path / "b", Settings(), SMALL)
    try:
        by_file = {s.file: s for s in first.imports}
        assert [s.file for s in first.imports] == [
            "customers.csv",
            "pulse.csv",
            "orders.csv",
            "events.csv",
            "responses.csv",
            "reviews.csv",
            "social.csv",
            "tickets.csv",
            "responses-malformed.csv",
        ]
        for name, summary in by_file.items():
            if name != "responses-malformed.csv":
                assert (summary.rejected, summary.stored) == (0, summary.read), name
        malformed = by_file["responses-malformed.csv"]
        assert (malformed.read, malformed.rejected, malformed.stored) == (12, 12, 0)
        assert (
            malformed.errors_file is not None and Path(malformed.errors_file).exists()
        )
        assert by_file["customers.csv"].stored == 1500
        assert fingerprint(first.workspace) == fingerprint(second.workspace)
        with first.workspace.session(read_only=True) as s:
            texts = list(s.scalars(select(t.Verbatim.text_redacted)))
        assert len(texts) > 500
        assert not any("@example." in text for text in texts)  # redacted on import
        assert any(
            "[EMAIL]" in text or "[PHONE]" in text or "[IBAN]" in text for text in texts
        )
    finally:
        first.workspace.close()
        second.workspace.close()


def test_demo_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "demo",
            str(tmp_path / "demo"),
            "--customers",
            "300",
            "--months",
            "3",
            "--json",
        ]
    )
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert result["workspace"] == str(tmp_path / "demo")
    assert sum(i["rejected"] for i in result["imports"]) == 12
