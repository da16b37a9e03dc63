"""Logs are structured and never carry verbatims or personal data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import structlog

from belofte.cli.app import main
from belofte.logs import configure_logging
from belofte.settings import Settings


def test_personal_values_are_redacted(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(Settings(log_format="json", log_level="INFO"))
    try:
        structlog.get_logger("t").info(
            "verbatim.stored",
            text="Anna de Vries: bezorging te laat",
            email="anna@example.nl",
            phone="+31 6 12345678",
            stored=1,
        )
        event = json.loads(capsys.readouterr().err)
        assert event["text"] == event["email"] == event["phone"] == "[redacted]"
        assert event["stored"] == 1
        assert event["event"] == "verbatim.stored"
        assert event["level"] == "info"
        assert "timestamp" in event
    finally:
        configure_logging(Settings())


def test_cli_info_logs_are_json_in_prod_and_hold_no_blueprint_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BELOFTE_LOG_LEVEL", "INFO")
    monkeypatch.setenv("BELOFTE_LOG_FORMAT", "json")
    try:
        assert main(["init", str(tmp_path / "ws")]) == 0
        err = capsys.readouterr().err
        events = [json.loads(line) for line in err.splitlines()]
        assert [e["event"] for e in events] == [
            "blueprint.checked",
            "blueprint.applied",
            "user.created",  # the first admin: ids and role only, never the password
            "workspace.created",
        ]
        assert "password" not in err
        assert "Techniek" not in err  # no promise text, no phrases
    finally:
        configure_logging(Settings())
