"""`belofte report` from the command line: writes the file, refuses a bad period."""

from __future__ import annotations

from pathlib import Path

import pytest

from belofte.cli.app import main


def test_report_writes_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "shop"
    assert main(["init", str(ws)]) == 0
    out = tmp_path / "rapport.html"
    code = main(
        [
            "--workspace",
            str(ws),
            "report",
            "--period",
            "2026-Q3",
            "--lang",
            "nl",
            "--location",
            "utrecht-centrum",
            "--out",
            str(out),
        ]
    )
    printed, _ = capsys.readouterr()
    assert code == 0
    assert printed.strip().endswith("rapport.html")
    html = out.read_text(encoding="utf-8")
    assert '<html lang="nl">' in html and "01-07-2026 – 30-09-2026" in html
    assert "vestiging = utrecht-centrum" in html.lower()


@pytest.mark.parametrize("period", ["2026-Q5", "juli", "2026-7"])
def test_a_bad_period_is_exit_3_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], period: str
) -> None:
    ws = tmp_path / "shop"
    assert main(["init", str(ws)]) == 0
    capsys.readouterr()
    code = main(
        [
            "--workspace",
            str(ws),
            "report",
            "--period",
            period,
            "--out",
            str(tmp_path / "r.html"),
        ]
    )
    _, err = capsys.readouterr()
    assert code == 3
    assert err.strip().splitlines() == [
        f"error: period: {period!r} is not YYYY, YYYY-Qn or YYYY-MM (e.g. 2026-Q3)"
    ]
    assert not (tmp_path / "r.html").exists()


def test_an_unknown_location_is_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "shop"
    assert main(["init", str(ws)]) == 0
    capsys.readouterr()
    out = tmp_path / "r.html"
    code = main(
        ["--workspace", str(ws), "report", "--period", "2026-Q3"]
        + ["--location", "nergens", "--out", str(out)]
    )
    _, err = capsys.readouterr()
    assert code == 3
    assert err.strip() == (
        "error: location: unknown 'nergens' (`belofte blueprint show` lists them)"
    )
    assert not out.exists()
