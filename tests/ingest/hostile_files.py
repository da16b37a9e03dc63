"""Files built to exhaust a reader: shared by the reader tests and
benchmarks/hostile_input.py (which measures the memory they cost)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def write_workbook(path: Path, sheet: Iterator[bytes]) -> Path:
    """A minimal .xlsx whose first sheet's XML is `sheet` (streamed, deflated)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            for part in sheet:
                out.write(part)
    return path


def _sheet(rows: Iterator[bytes], dimension: str | None = None) -> Iterator[bytes]:
    yield _SHEET_START.encode()
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>"
    yield from rows
    yield b"</sheetData></worksheet>"


def far_cell(path: Path) -> Path:
    """1.6 kB: a header and one cell at XFD1048576, the sheet's last (Excel's limit)."""
    rows = iter(
        [
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>',
            b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
        ]
    )
    return write_workbook(path, _sheet(rows, "A1:XFD1048576"))


def tall_sheet(path: Path) -> Path:
    """No dimension, cells only in column Z down to row 1,048,576: 27M cells dense."""
    rows = iter(
        [
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>',
            b'<row r="1048576"><c r="Z1048576"><v>1</v></c></row>',
        ]
    )
    return write_workbook(path, _sheet(rows))


def zip_bomb(path: Path, megabytes: int = 1500) -> Path:
    """A few MB that unpack to `megabytes` of sheet XML: rows of ten numbers."""
    row = b"".join(f'<c r="{c}2"><v>1</v></c>'.encode() for c in "ABCDEFGHIJ")
    block = (b"<row>" + row + b"</row>") * 4096
    count = megabytes * 1024 * 1024 // len(block)
    return write_workbook(path, _sheet(iter([block] * count)))


def long_line_csv(path: Path, megabytes: int = 200) -> Path:
    """A header, one good row, one line of `megabytes` MB, and one more good row."""
    with path.open("wb") as out:
        out.write(b"id,datum,nps\nR1,2026-11-02,9\nR2,2026-11-02,")
        chunk = b"x" * (1024 * 1024)
        for _ in range(megabytes):
            out.write(chunk)
        out.write(b"\nR3,2026-11-03,7\n")
    return path


def peak_rss_mib(code: str) -> float:
    """Peak resident memory (MiB) of a fresh Python process running `code`."""
    process = subprocess.Popen([sys.executable, "-c", code])  # noqa: S603 - our code
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"the measured process failed ({process.returncode})")
    return usage.ru_maxrss / 1024  # KiB on Linux
