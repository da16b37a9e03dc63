"""Importing files: every good row stored once, every bad row reported with its reason."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from belofte.errors import InvalidInput
from belofte.ingest.kinds import RecordKind
from belofte.services.listen.imports import errors_path, import_file
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.store import tables as t

HEADER = "id;klant;datum;touchpoint;winkel;nps;csat;ces;opmerking\n"
GOOD = [
    "R1;K1;31-12-2026;bezorging-thuis;Stroomhuis Utrecht Centrum;9;5;2;"
    "Snel bezorgd! Mail me op anna@example.nl\n",
    "R2;K2;2026-12-30 10:00;installatie-thuis;utrecht-centrum;3;2;6;"
    "Monteur kwam niet opdagen\n",
    "R3;K1;30-12-2026;Advies in de winkel;ASSEN-CENTRUM;8;;;\n",
    "R4;;30-12-2026;;;10;;;\n",
]
BAD = [
    ("R5;K3;30-12-2026;;;11;;;\n", "nps", "out of scale 0-10", "11"),
    ("R6;K3;30-12-2026;;;8;0;;\n", "csat", "out of scale 1-5", "0"),
    (
        "R7;K3;gisteren;;;8;;;\n",
        "datum",
        "not a date (use 31-12-2026, 2026-12-31 or ISO 8601)",
        "gisteren",
    ),
    (
        "R8;K4;30-12-2026;bezorging-thuiss;;8;;;\n",
        "touchpoint",
        "unknown touchpoint 'bezorging-thuiss'; did you mean 'bezorging-thuis'?",
        "bezorging-thuiss",
    ),
    (
        "R9;K4;30-12-2026;;utrecht-zuid;8;;;\n",
        "winkel",
        "unknown location 'utrecht-zuid'; did you mean 'utrecht-centrum'?",
        "utrecht-zuid",
    ),
    (";K5;30-12-2026;;;7;;;\n", "id", "required value is missing", ""),
    ("R10;K6;;;;7;;;\n", "datum", "required value is missing", ""),
    (
        "R11;K6;30-12-2026;;;7;;;" + "x" * 120 + "\n",
        "opmerking",
        "longer than 100 characters",
        "x" * 99 + "…",
    ),
]


def write_file(path: Path, extra: bytes = b"") -> Path:
    body = HEADER + "".join(GOOD) + "".join(line for line, *_ in BAD)
    path.write_bytes(body.encode("utf-8") + extra)
    return path


@pytest.fixture
def small_ws(tmp_path: Path, database_url: str) -> Iterator[Workspace]:
    settings = Settings(import_max_field_chars=100)
    result = init_workspace(tmp_path / "ws", "retail-nl", settings, database_url)
    yield result.workspace
    result.workspace.close()


def count(ws: Workspace, model: type[t.Base]) -> int:
    with ws.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_every_good_row_stored_every_bad_row_reported(
    small_ws: Workspace, tmp_path: Path
) -> None:
    extra = (
        b"R12;K7;30-12-2026;;;7;;;caf\xc3\xa9 caf\xe9\n"
        + b'R13;K7;30-12-2026;;;7;;;"half"open\n'
    )
    path = write_file(tmp_path / "enquete.csv", extra)
    summary = import_file(small_ws, path, RecordKind.RESPONSES)
    assert (
        summary.read,
        summary.stored,
        summary.updated,
        summary.duplicates,
        summary.rejected,
    ) == (14, 4, 0, 0, 10)
    assert summary.status == "finished"
    with errors_path(path).open(encoding="utf-8", newline="") as f:
        report = list(csv.reader(f))
    assert report[0] == ["file", "line", "column", "reason", "value"]
    expected = [
        ["enquete.csv", str(6 + i), column, reason, value]
        for i, (_, column, reason, value) in enumerate(BAD)
    ] + [
        [
            "enquete.csv",
            "14",
            "",
            "invalid UTF-8 bytes",
            "R12;K7;30-12-2026;;;7;;;café caf\ufffd",
        ],
        [
            "enquete.csv",
            "15",
            "",
            "broken quoting: ';' expected after '\"'",
            'R13;K7;30-12-2026;;;7;;;"half"open',
        ],
    ]
    assert report[1:] == expected
    assert count(small_ws, t.Response) == 4
    assert count(small_ws, t.Customer) == 2  # K1 and K2; R4 has no customer


def test_texts_are_redacted_and_originals_kept_apart(
    small_ws: Workspace, tmp_path: Path
) -> None:
    import_file(small_ws, write_file(tmp_path / "e.csv"), RecordKind.RESPONSES)
    with small_ws.session() as s:
        rows = s.execute(
            select(
                t.Verbatim.external_id,
                t.Verbatim.kind,
                t.Verbatim.text_redacted,
                t.VerbatimOriginal.text,
            )
            .join(t.VerbatimOriginal, t.VerbatimOriginal.verbatim_id == t.Verbatim.id)
            .order_by(t.Verbatim.external_id)
        ).all()
        assert [tuple(r) for r in rows] == [
            (
                "response/R1",
                "survey",
                "Snel bezorgd! Mail me op [EMAIL]",
                "Snel bezorgd! Mail me op anna@example.nl",
            ),
            (
                "response/R2",
                "survey",
                "Monteur kwam niet opdagen",
                "Monteur kwam niet opdagen",
            ),
        ]
        first = s.scalars(
            select(t.Response).where(t.Response.external_id == "R1")
        ).one()
        assert (first.nps, first.csat, first.ces) == (9, 5, 2)
        assert (
            first.responded_at.replace(tzinfo=None).isoformat() == "2026-12-30T23:00:00"
        )
        location = s.get(t.LocationRow, first.location_id)
        assert location is not None and location.code == "utrecht-centrum"


def test_reimport_stores_nothing_twice_and_counts_updates(
    small_ws: Workspace, tmp_path: Path
) -> None:
    path = write_file(tmp_path / "e.csv")
    import_file(small_ws, path, RecordKind.RESPONSES)
    again = import_file(small_ws, path, RecordKind.RESPONSES)
    assert (again.stored, again.updated, again.duplicates, again.rejected) == (
        0,
        0,
        4,
        8,
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "R2;K2;2026-12-30 10:00;installatie-thuis;utrecht-centrum;3;2;6;Monteur kwam niet opdagen",
            "R2;K2;2026-12-30 10:00;installatie-thuis;utrecht-centrum;4;2;6;Monteur kwam te laat",
        ),
        encoding="utf-8",
    )
    changed = import_file(small_ws, path, RecordKind.RESPONSES)
    assert (changed.stored, changed.updated, changed.duplicates) == (0, 1, 3)
    assert count(small_ws, t.Response) == 4
    assert count(small_ws, t.Verbatim) == 2
    with small_ws.session() as s:
        texts = set(s.scalars(select(t.VerbatimOriginal.text)))
        assert (
            "Monteur kwam te laat" in texts and "Monteur kwam niet opdagen" not in texts
        )
        nps = s.scalar(select(t.Response.nps).where(t.Response.external_id == "R2"))
        assert nps == 4


def test_strict_import_is_all_or_nothing(small_ws: Workspace, tmp_path: Path) -> None:
    path = write_file(tmp_path / "e.csv")
    with pytest.raises(InvalidInput) as failed:
        import_file(small_ws, path, RecordKind.RESPONSES, strict=True)
    assert failed.value.message.startswith(
        "strict import of e.csv: 8 row(s) rejected, nothing stored; see "
    )
    assert failed.value.problems[0] == "e.csv:6 nps: out of scale 0-10"
    assert count(small_ws, t.Response) == 0
    with small_ws.session() as s:
        run = s.scalars(select(t.ImportRun)).one()
        assert (run.status, run.counts["rejected"]) == ("failed", 8)


def test_a_clean_rerun_removes_the_stale_error_report(
    small_ws: Workspace, tmp_path: Path
) -> None:
    path = write_file(tmp_path / "e.csv")
    import_file(small_ws, path, RecordKind.RESPONSES)
    assert errors_path(path).exists()
    path.write_text(HEADER + "".join(GOOD), encoding="utf-8")
    summary = import_file(small_ws, path, RecordKind.RESPONSES)
    assert summary.errors_file is None and not errors_path(path).exists()


def test_json_lines_and_excel_import_the_same_records(
    small_ws: Workspace, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    jsonl = tmp_path / "orders.jsonl"
    jsonl.write_text(
        '{"ordernummer": "O1", "klant": "K1", "besteldatum": "2026-11-02", '
        '"omzet": "1.299,00", "marge": 210.5, "winkel": "webshop", "kanaal": "webshop"}\n'
        '{"ordernummer": "O2", "klant": "K2", "besteldatum": "2026-11-03", "omzet": 89}\n',
        encoding="utf-8",
    )
    first = import_file(small_ws, jsonl, RecordKind.ORDERS)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["ordernummer", "klant", "besteldatum", "omzet"])
    sheet.append(["O2", "K2", "2026-11-03", 89])
    sheet.append(["O3", "K3", "2026-11-04", "12,50"])
    xlsx = tmp_path / "orders.xlsx"
    workbook.save(xlsx)
    second = import_file(small_ws, xlsx, RecordKind.ORDERS)
    assert (first.stored, second.stored, second.duplicates) == (2, 1, 1)
    with small_ws.session() as s:
        revenue = dict(s.execute(select(t.Order.external_id, t.Order.revenue)).all())
        assert {k: float(v) for k, v in revenue.items()} == {
            "O1": 1299.0,
            "O2": 89.0,
            "O3": 12.5,
        }


def test_error_report_goes_to_the_workspace_when_the_folder_is_read_only(
    small_ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_file(tmp_path / "e.csv")
    refused = errors_path(path)
    real_open = Path.open

    def guarded(self: Path, *args: object, **kwargs: object) -> object:
        if self == refused and args and args[0] == "w":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", guarded)
    summary = import_file(small_ws, path, RecordKind.RESPONSES)
    assert summary.rejected == 8
    assert summary.errors_file == str(small_ws.path / "imports" / "e.csv.errors.csv")
    assert not refused.exists()


def test_error_reports_never_show_personal_data(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    """Broken quoting put the raw line, e-mail and phone included, in the report
    and on screen. Now the line is redacted and personal columns are hidden."""
    path = tmp_path / "klanten.csv"
    path.write_text(
        "id,naam,email,telefoon,opmerking\n"
        'pq1,Jan "de Vries,jan.devries@example.com,06-11223344,x\n'
        "pq2,Anna Bakker,anna@example.nl,06-99887766,goed\n"
        "pq3," + "Piet Jansen" * 50 + ",piet@example.nl,,\n",
        encoding="utf-8",
    )
    summary = import_file(sqlite_workspace, path, RecordKind.CUSTOMERS)
    assert (summary.stored, summary.rejected) == (1, 2)
    shown = summary.first_errors
    assert shown == [
        {
            "line": 2,
            "column": "",
            "reason": "broken quoting",
            "value": "pq1,[personal data],[personal data],[personal data],x",
        },
        {
            "line": 4,
            "column": "naam",
            "reason": "longer than 500 characters",
            "value": "",  # a personal field's value is never quoted
        },
    ]
    report = errors_path(path).read_text(encoding="utf-8")
    for secret in ("Vries", "jan.devries", "06-11223344", "Piet", "piet@"):
        assert secret not in report
    assert "[personal data]" in report
