"""`belofte import` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from belofte.cli.app import main


@pytest.fixture
def shop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["init", str(tmp_path / "shop")]) == 0
    capsys.readouterr()
    return tmp_path / "shop"


def test_import_summary_json(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "reviews.csv"
    data.write_text(
        "review_id,datum,sterren,tekst,winkel\n"
        "G1,01-11-2026,5,Top service!,utrecht-centrum\n"
        "G2,02-11-2026,6,Te duur,utrecht-centrum\n"
        "G1,01-11-2026,5,Top service!,utrecht-centrum\n",
        encoding="utf-8",
    )
    code = main(
        [
            "--workspace",
            str(shop),
            "import",
            str(data),
            "--kind",
            "reviews",
            "--source",
            "google",
            "--json",
        ]
    )
    out, _ = capsys.readouterr()
    summary = json.loads(out)
    assert code == 0
    assert {
        k: summary[k]
        for k in (
            "file",
            "kind",
            "source",
            "format",
            "read",
            "stored",
            "updated",
            "duplicates",
            "rejected",
            "status",
            "errors_file",
            "first_errors",
        )
    } == {
        "file": "reviews.csv",
        "kind": "reviews",
        "source": "google",
        "format": "csv",
        "read": 3,
        "stored": 1,
        "updated": 0,
        "duplicates": 1,
        "rejected": 1,
        "status": "finished",
        "errors_file": str(tmp_path / "reviews.csv.errors.csv"),
        "first_errors": [
            {"line": 3, "column": "sterren", "reason": "out of scale 1-5", "value": "6"}
        ],
    }
    assert summary["rows_per_second"] > 0


def test_import_text_and_show_mapping(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "pulse.csv"
    data.write_text(
        "winkel;maand;eNPS;ruimte om te handelen;werkdruk\n"
        "assen-centrum;2026-10;8;4;3\n",
        encoding="utf-8",
    )
    assert (
        main(
            [
                "--workspace",
                str(shop),
                "import",
                str(data),
                "--kind",
                "pulse",
                "--show-mapping",
                "--json",
            ]
        )
        == 0
    )
    plan = json.loads(capsys.readouterr().out)
    assert plan["delimiter"] == ";" and plan["source"] == "pulse"
    assert plan["mapping"]["location"] == "column 'winkel'"
    assert plan["mapping"]["period"] == "column 'maand'"
    assert plan["mapping"]["enps"] == "column 'eNPS'"
    assert plan["mapping"]["room_to_act"] == "column 'ruimte om te handelen'"
    assert plan["mapping"]["ignored"] == ["column 'werkdruk'"]
    assert main(["--workspace", str(shop), "import", str(data), "--kind", "pulse"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "pulse.csv (pulse, source pulse): read 1, stored 1, updated 0, "
        "duplicates 0, rejected 0 in "
    )


def test_import_errors_are_one_line(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "x.csv"
    data.write_text("foo,bar\n1,2\n", encoding="utf-8")
    code = main(["--workspace", str(shop), "import", str(data), "--kind", "orders"])
    _, err = capsys.readouterr()
    assert code == 3
    assert err.splitlines() == [
        "required field 'ordered_at' has no column; name it in a mapping file "
        "(columns: {ordered_at: COLUMN})",
        "required field 'revenue' has no column; name it in a mapping file "
        "(columns: {revenue: COLUMN})",
        "error: cannot import this file as orders",
    ]
    code = main(
        [
            "--workspace",
            str(shop),
            "import",
            str(tmp_path / "nope.csv"),
            "--kind",
            "orders",
        ]
    )
    assert code == 3 and capsys.readouterr().err == "error: nope.csv: no such file\n"


def test_source_names_are_checked(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "x.csv"
    data.write_text(
        "ordernummer,besteldatum,omzet\nO1,2026-11-01,10\n", encoding="utf-8"
    )
    code = main(
        [
            "--workspace",
            str(shop),
            "import",
            str(data),
            "--kind",
            "orders",
            "--source",
            "kassa; DROP TABLE orders",
        ]
    )
    assert code == 3
    assert capsys.readouterr().err == (
        "error: invalid source 'kassa; DROP TABLE orders': use 1-100 letters, digits, "
        "'.', '_' or '-'\n"
    )
