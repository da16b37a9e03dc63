"""Reading CSV (any encoding and delimiter), JSON Lines and Excel, row by row."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from belofte.errors import InvalidInput
from belofte.ingest.readers import BadRow, RawRow, open_table


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
