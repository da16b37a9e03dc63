"""Reading CSV (any encoding and delimiter), JSON Lines and Excel, row by row."""

from __future__ import annotations

import tracemalloc
from datetime import datetime
from pathlib import Path

import pytest

from belofte.errors import InvalidInput
from belofte.ingest.readers import BadRow, RawRow, open_table
from tests.ingest import hostile_files


def rows(path: Path) -> list[RawRow | BadRow]:
    reader = open_table(path)
    try:
        return list(reader.rows())
    finally:
        reader.close()


def test_semicolon_cp1252_dutch_excel(tmp_path: Path) -> None:
    path = tmp_path / "enquete.csv"
    path.write_bytes(
        'id;opmerking\r\n1;Geweldig, één dag\r\n2;"met ; erin"\r\n'.encode("cp1252")
    )
    reader = open_table(path)
    assert (reader.encoding, reader.delimiter, reader.header) == (
        "cp1252",
        ";",
        ["id", "opmerking"],
    )
    assert list(reader.rows()) == [
        RawRow(2, ["1", "Geweldig, één dag"]),
        RawRow(3, ["2", "met ; erin"]),
    ]
    reader.close()


def test_utf8_bom_and_tabs(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_bytes(b"\xef\xbb\xbfid\ttekst\n1\tcaf\xc3\xa9 \xf0\x9f\x98\x80\n")
    reader = open_table(path)
    assert (reader.encoding, reader.delimiter, reader.header) == (
        "utf-8-sig",
        "\t",
        ["id", "tekst"],
    )
    assert list(reader.rows()) == [RawRow(2, ["1", "café 😀"])]
    reader.close()


def test_bad_rows_are_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(
        b"id,text\n"
        b"1,goed \xc3\xa9\xc3\xa9n\n"
        b"2,caf\xe9 kapot\n"  # latin-1 byte in a UTF-8 file
        b'3,"multi\nline"\n'
        b'4,"x"y\n'  # junk after a closing quote
        b'5,"never closed\n'
        b"6,na de fout\n"
    )
    got = rows(path)
    assert got == [
        RawRow(2, ["1", "goed één"]),
        BadRow(3, "invalid UTF-8 bytes", "2,caf\ufffd kapot"),
        RawRow(4, ["3", "multi\nline"]),
        BadRow(6, "broken quoting: ',' expected after '\"'", '4,"x"y'),
        BadRow(7, "broken quoting", '5,"never closed'),
        RawRow(8, ["6", "na de fout"]),
    ]


def test_unclosed_quote_cannot_swallow_the_file(tmp_path: Path) -> None:
    body = "".join(f"{i},regel {i}\n" for i in range(2, 200))
    path = tmp_path / "x.csv"
    path.write_text('id,text\n1,"open\n' + body, encoding="utf-8")
    got = rows(path)
    assert got[0] == BadRow(2, "broken quoting", '1,"open')
    assert got[1:] == [RawRow(i + 1, [str(i), f"regel {i}"]) for i in range(2, 200)]


def test_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(
        '{"id": 1, "nps": 9, "tekst": "top"}\n'
        "niet json\n"
        "[1, 2]\n"
        '{"id": 2, "nps": null, "extra": {"a": 1}}\n',
        encoding="utf-8",
    )
    reader = open_table(path)
    assert reader.header == ["id", "nps", "tekst", "extra"]
    got = list(reader.rows())
    reader.close()
    assert got[0] == RawRow(1, [1, 9, "top", None])
    assert isinstance(got[1], BadRow) and got[1].line == 2
    assert got[1].reason.startswith("invalid JSON")
    assert got[2] == BadRow(3, "expected a JSON object", "[1, 2]\n")
    assert got[3] == RawRow(4, [2, None, None, '{"a": 1}'])


def test_excel(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["id", "nps", "datum"])
    sheet.append([1001, 9, datetime(2026, 3, 1, 10, 0)])
    sheet.append([None, None, None])
    sheet.append(["x", "negen", "gisteren"])
    path = tmp_path / "x.xlsx"
    workbook.save(path)
    assert rows(path) == [
        RawRow(2, [1001, 9, datetime(2026, 3, 1, 10, 0)]),
        RawRow(4, ["x", "negen", "gisteren"]),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.csv", b"", "x.csv: the file is empty"),
        (
            "x.pdf",
            b"%PDF",
            "x.pdf: unsupported file type '.pdf'; use CSV, JSON Lines or .xlsx",
        ),
        ("x.xlsx", b"not a workbook", "x.xlsx: not a readable .xlsx workbook"),
        ("x.jsonl", b"nope\n", "x.jsonl: no JSON objects found"),
    ],
)
def test_unreadable_files(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as caught:
        open_table(path)
    assert caught.value.message.startswith(message)


# ---------------------------------------------------------------- hostile files
def test_a_far_cell_workbook_is_refused_before_calamine_reads_it(
    tmp_path: Path,
) -> None:
    """1.6 kB with one cell at XFD1048576 made calamine ask for 512 GiB (SIGABRT)."""
    path = hostile_files.far_cell(tmp_path / "ver.xlsx")
    assert path.stat().st_size < 2048
    with pytest.raises(InvalidInput) as raised:
        open_table(path)
    assert raised.value.message == (
        "ver.xlsx: its first sheet declares 16,384 columns (at most 500); save it "
        "as CSV (read a line at a time) to import it"
    )


def test_a_sheet_spanning_too_many_cells_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as raised:
        open_table(hostile_files.tall_sheet(tmp_path / "lang.xlsx"))
    assert raised.value.message == (
        "lang.xlsx: its first sheet spans 27,262,976 cells (1,048,576 rows x 26 "
        "columns; at most 5,000,000); save it as CSV (read a line at a time) to "
        "import it"
    )


def test_a_zip_bomb_is_refused_while_it_streams(tmp_path: Path) -> None:
    """3.6 MB unpacking to 1.5 GB of XML peaked at 3.6 GB: now it is measured as
    it streams and refused, in the memory of a bare reader."""
    path = hostile_files.zip_bomb(tmp_path / "bom.xlsx", megabytes=200)
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(InvalidInput, match=r"spans 5,0\d\d,\d{3} cells .* 5,000,000"):
        open_table(path)
    setup = "from pathlib import Path; from belofte.ingest import readers\n"
    baseline = hostile_files.peak_rss_mib(setup)
    refused = hostile_files.peak_rss_mib(
        setup
        + f"try:\n    readers.open_table(Path({str(path)!r}))\n"
        + "except Exception:\n    pass"
    )
    assert refused - baseline < 32  # chunks of 1 MiB, never the sheet


def test_a_workbook_within_the_limits_reads_as_before(tmp_path: Path) -> None:
    rows_xml = iter(
        [
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
            b'<c r="B1" t="inlineStr"><is><t>nps</t></is></c></row>',
            b'<row r="2"><c r="A2" t="inlineStr"><is><t>R1</t></is></c>'
            b'<c r="B2"><v>9</v></c></row>',
        ]
    )
    path = hostile_files.write_workbook(
        tmp_path / "ok.xlsx", hostile_files._sheet(rows_xml, "A1:B2")
    )
    reader = open_table(path)
    assert reader.header == ["id", "nps"]
    assert list(reader.rows()) == [RawRow(2, ["R1", 9.0])]


def test_a_huge_line_costs_one_row_and_no_memory(tmp_path: Path) -> None:
    """A 200 MB line used to be read whole (812 MB peak) before it was rejected."""
    path = hostile_files.long_line_csv(tmp_path / "lang.csv", megabytes=40)
    tracemalloc.start()
    try:
        got = rows(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert got == [
        RawRow(2, ["R1", "2026-11-02", "9"]),
        BadRow(3, "row longer than 200,000 characters"),
        RawRow(4, ["R3", "2026-11-03", "7"]),
    ]
    assert peak < 8 * 1024 * 1024


def test_a_header_too_long_for_the_csv_module_is_a_clear_error(
    tmp_path: Path,
) -> None:
    """A header field over 131,072 characters was an internal error (rc 70)."""
    path = tmp_path / "kop.csv"
    path.write_text("id," + "x" * 140_000 + "\nR1,y\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as raised:
        open_table(path)
    assert raised.value.message == (
        "kop.csv: column 2 of the header is 140,000 characters long (at most "
        "1,000); is the first line a header?"
    )
    path.write_text("id," + "x" * 300_000 + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="header line is longer than 200,000"):
        open_table(path)


def test_quoted_fields_up_to_the_setting_are_read_not_broken(tmp_path: Path) -> None:
    """Fields between 131k and 200k characters were reported as broken quoting."""
    path = tmp_path / "lang.csv"
    text = "lang, met komma's, " * 7_500  # 142,500 characters
    path.write_text(f'id,tekst\nR1,"{text}"\n', encoding="utf-8")
    reader = open_table(path, max_field_chars=150_000)
    try:
        assert list(reader.rows()) == [RawRow(2, ["R1", text])]
    finally:
        reader.close()


def test_a_json_line_too_long_or_too_deep_costs_one_row(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(
        '{"id": "R1"}\n'
        + '{"id": "'
        + "x" * 300_000
        + '"}\n'
        + "[" * 50_000
        + "]" * 50_000
        + '\n{"id": "R2"}\n',
        encoding="utf-8",
    )
    assert rows(path) == [
        RawRow(1, ["R1"]),
        BadRow(2, "line longer than 200,000 characters"),
        BadRow(3, "JSON nested too deeply"),
        RawRow(4, ["R2"]),
    ]
