"""Measure an .xlsx workbook before it is opened: calamine reads a sheet whole.

A workbook is a zip of XML parts. calamine loads the first sheet into one dense
grid, sized by the sheet's declared dimension and by where its cells are, so a
1.6 kB file with one cell at XFD1048576 asks for 512 GiB and aborts the process,
and 3.6 MB that unpack to 1.5 GB of sheet XML take gigabytes. Here the parts
are read as a stream, a mebibyte at a time, and the file is refused with a
readable reason when the sheet spans more than `MAX_CELLS` cells or
`MAX_COLUMNS` columns, or any part unpacks to more than `MAX_PART_BYTES`. The
stream is never held whole: memory stays a few mebibytes whatever the file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import IO

from belofte.errors import InvalidInput

#: The most cells (rows x columns, as a dense grid) a sheet may span.
MAX_CELLS = 5_000_000
#: The most columns: as many as an import reads (`mapping.MAX_COLUMNS`).
MAX_COLUMNS = 500
#: The most any one part may unpack to.
MAX_PART_BYTES = 512 * 1024 * 1024
_CHUNK = 1024 * 1024
#: A cell's reference starts with letters (a row's is digits only).
_COLUMN_REF = re.compile(rb' r="([A-Z]{1,3})[0-9]')
_ROW_REF = re.compile(rb'<(?:\w+:)?row [^>]*?\br="([0-9]{1,9})"')
_PREFIX = re.compile(rb"<(\w+:)?worksheet[\s>]")
_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\s[^>]*?ref="([A-Z]{1,3})?([0-9]{1,7})?'
    rb'(?::([A-Z]{1,3})([0-9]{1,7}))?"'
)
_SHEET = re.compile(rb'<(?:\w+:)?sheet\s[^>]*?\br:id="([^"]+)"')
_TARGET = re.compile(rb"<Relationship\s[^>]*>")
_ATTRIBUTE = re.compile(rb'(\w+)="([^"]*)"')
_SAVE_AS_CSV = "save it as CSV (read a line at a time) to import it"


def column_number(letters: bytes) -> int:
    """A1-style column letters as a number: A -> 1, Z -> 26, XFD -> 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def check_workbook(path: Path) -> None:
    """Raise InvalidInput unless the first sheet of `path` can be read in memory."""
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidInput(f"{name}: not a readable .xlsx workbook ({exc})") from None
    with archive:
        members = {info.filename: info for info in archive.infolist()}
        for info in members.values():
            if info.file_size > MAX_PART_BYTES:
                raise InvalidInput(
                    f"{name}: part {info.filename} unpacks to "
                    f"{info.file_size:,} bytes (at most {MAX_PART_BYTES:,}); "
                    + _SAVE_AS_CSV
                )
        sheet = _first_sheet(archive, members)
        if sheet is None:
            return  # calamine says what is wrong with it
        for part in ("xl/sharedStrings.xml", sheet):
            if part in members:
                _measure(archive, part, name, is_sheet=part == sheet)


def _first_sheet(
    archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]
) -> str | None:
    """The part name of the workbook's first sheet (as calamine picks it)."""
    try:
        workbook = _head(archive, "xl/workbook.xml")
        relations = _head(archive, "xl/_rels/workbook.xml.rels")
    except KeyError:
        return next((m for m in members if m.startswith("xl/worksheets/")), None)
    first = _SHEET.search(workbook)
    if first is None:
        return None
    for tag in _TARGET.findall(relations):
        attributes: dict[bytes, bytes] = dict(_ATTRIBUTE.findall(tag))
        if attributes.get(b"Id") == first.group(1):
            target = attributes.get(b"Target", b"").decode("utf-8", "replace")
            if target.startswith("/"):
                return target.lstrip("/")
            return str(PurePosixPath("xl") / target)
    return None


def _head(archive: zipfile.ZipFile, part: str, limit: int = 4 * _CHUNK) -> bytes:
    """The first `limit` bytes of a part (the workbook's index is small)."""
    with archive.open(part) as stream:
        return stream.read(limit)


def _measure(archive: zipfile.ZipFile, part: str, name: str, *, is_sheet: bool) -> None:
    """Stream `part`, refusing it as soon as it proves too large."""
    with archive.open(part) as stream:
        if is_sheet:
            _measure_sheet(stream, name)
            return
        total = 0
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > MAX_PART_BYTES:
                raise InvalidInput(
                    f"{name}: its shared strings unpack to more than "
                    f"{MAX_PART_BYTES:,} bytes; " + _SAVE_AS_CSV
                )


def _measure_sheet(stream: IO[bytes], name: str) -> None:
    """Count rows and cells and find the largest reference, chunk by chunk.

    Chunks are cut before their last `<`, so no tag is split and nothing is
    counted twice; the work per cell stays in C (`count`, `findall`, `set`).
    """
    total = rows = cells = max_row = max_column = 0
    carry = b""
    first = True
    row, cell = (b"<row ", b"<row>"), (b"<c ", b"<c>")
    while True:
        chunk = stream.read(_CHUNK)
        total += len(chunk)
        if total > MAX_PART_BYTES:
            raise InvalidInput(
                f"{name}: its first sheet unpacks to more than "
                f"{MAX_PART_BYTES:,} bytes; " + _SAVE_AS_CSV
            )
        text = carry + chunk
        cut = text.rfind(b"<") if chunk else len(text)
        if cut <= 0 and chunk and len(text) < _CHUNK:
            carry = text  # one tag so far: read on
            continue
        text, carry = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
        if first:
            _check_dimension(text, name)
            prefix = _PREFIX.search(text)
            if prefix is not None and prefix.group(1):  # <x:worksheet>: <x:row>
                p = prefix.group(1)
                row, cell = (
                    (b"<" + p + b"row ", b"<" + p + b"row>"),
                    (
                        b"<" + p + b"c ",
                        b"<" + p + b"c>",
                    ),
                )
            first = False
        rows += text.count(row[0]) + text.count(row[1])
        cells += text.count(cell[0]) + text.count(cell[1])
        columns = set(_COLUMN_REF.findall(text))
        if columns:
            max_column = max(max_column, max(map(column_number, columns)))
        numbers = _ROW_REF.findall(text)
        if numbers:
            widest = max(map(len, numbers))
            max_row = max(max_row, int(max(n for n in numbers if len(n) == widest)))
        # Cells without a reference are placed one after another: counted too.
        _refuse_if_large(name, max(max_row, rows), max(max_column, 1), cells)
        if not chunk:
            return


def _check_dimension(text: bytes, name: str) -> None:
    """The sheet's declared size: calamine reserves room for it up front."""
    found = _DIMENSION.search(text)
    if found is None or not found.group(3):
        return
    low_col, low_row = found.group(1) or b"A", int(found.group(2) or 1)
    high_col, high_row = found.group(3), int(found.group(4))
    rows = high_row - low_row + 1
    columns = column_number(high_col) - column_number(low_col) + 1
    _refuse_if_large(name, rows, columns, 0, declared=True)


def _refuse_if_large(
    name: str, rows: int, columns: int, cells: int, *, declared: bool = False
) -> None:
    how = "declares" if declared else "spans"
    if columns > MAX_COLUMNS:
        raise InvalidInput(
            f"{name}: its first sheet {how} {columns:,} columns (at most "
            f"{MAX_COLUMNS}); " + _SAVE_AS_CSV
        )
    if rows * columns > MAX_CELLS or cells > MAX_CELLS:
        raise InvalidInput(
            f"{name}: its first sheet {how} {max(rows * columns, cells):,} cells "
            f"({rows:,} rows x {columns:,} columns; at most {MAX_CELLS:,}); "
            + _SAVE_AS_CSV
        )
