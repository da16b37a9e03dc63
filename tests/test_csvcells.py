"""Every CSV belofte writes opens in a spreadsheet without running a formula,
whichever delimiter the spreadsheet splits on (Dutch Excel splits on `;`)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from belofte.cli.app import main
from belofte.csvcells import spreadsheet_text, writer
from belofte.ingest.report import ErrorReport, RowError

HOSTILE = (
    '=HYPERLINK("http://evil.example","x")',
    "@SUM(1+1)",
    "+1+1",
    "-2+3",
    "x;=cmd|'/C calc'!A0",
    'a,"=1+1"',
    "regel een\n=2+2",
    "\t=tab",
    " ;  @evil",
)
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def naive_cells(text: str, delimiter: str) -> list[str]:
    """What a spreadsheet that ignores quotes would make cells of."""
    return [
        cell.strip(' "') for line in text.splitlines() for cell in line.split(delimiter)
    ]


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_no_cell_starts_a_formula_on_either_delimiter(delimiter: str) -> None:
    out = io.StringIO()
    writer(out, delimiter).writerows([[value, 1, -0.5] for value in HOSTILE])
    text = out.getvalue()
    for split_on in (",", ";", "\t"):
        for cell in naive_cells(text, split_on):
            assert not cell.startswith(TRIGGERS) or cell in ("-0.5",), (split_on, cell)
    # Read back properly, every value is still there, behind its quote marks.
    back = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert [row[0] for row in back] == [spreadsheet_text(v) for v in HOSTILE]
    assert all(row[1:] == ["1", "-0.5"] for row in back)  # numbers stay numbers


def test_plain_text_is_left_alone() -> None:
    for text in ("levering te laat", "NPS 9, top", "prijs: 10 - 20 euro", ""):
        assert spreadsheet_text(text) == text
    assert spreadsheet_text("a, -b") == "a, '-b"  # a cell a ;-split would start


def test_error_reports_neutralise_the_middle_of_a_field(tmp_path: Path) -> None:
    report = ErrorReport(tmp_path / "x.csv.errors.csv", "x.csv")
    report.add(RowError(2, "opmerking", "broken quoting", "x;=cmd|'/C calc'!A0"))
    report.add(RowError(3, "=kolom", "@reden", "+1+1"))
    report.close()
    text = (tmp_path / "x.csv.errors.csv").read_text(encoding="utf-8")
    for split_on in (",", ";"):
        assert not [c for c in naive_cells(text, split_on) if c.startswith(TRIGGERS)]
    assert list(csv.reader(io.StringIO(text)))[1:] == [
        ["x.csv", "2", "opmerking", "broken quoting", "x;'=cmd|'/C calc'!A0"],
        ["x.csv", "3", "'=kolom", "'@reden", "'+1+1"],
    ]


def test_results_csv_of_imported_segments_is_safe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`belofte metrics --by segment --csv` wrote imported values raw."""
    shop = tmp_path / "shop"
    assert main(["init", str(shop)]) == 0
    customers = tmp_path / "klanten.csv"
    with customers.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "segment"])
        # (Not the HYPERLINK one: its URL makes the redactor reject that row.)
        out.writerows([[f"K{i}", value] for i, value in enumerate(HOSTILE[1:6])])
    responses = tmp_path / "enquete.csv"
    responses.write_text(
        "id,klant,datum,nps\n"
        + "".join(f"R{i},K{i},2026-11-0{i + 1},{9 - i}\n" for i in range(5)),
        encoding="utf-8",
    )
    for path, kind in ((customers, "customers"), (responses, "responses")):
        assert main(["-w", str(shop), "import", str(path), "--kind", kind]) == 0
    capsys.readouterr()
    assert main(["-w", str(shop), "metrics", "--by", "segment", "--csv"]) == 0
    text = capsys.readouterr().out
    for split_on in (",", ";"):
        starts = [c for c in naive_cells(text, split_on) if c.startswith(TRIGGERS)]
        # Only the numbers a result has (negative interval bounds) start with "-".
        assert all(_is_number(c) for c in starts), starts
    segments = [r["segment"] for r in csv.DictReader(io.StringIO(text))]
    assert sorted(segments) == sorted(spreadsheet_text(v) for v in HOSTILE[1:6])


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
