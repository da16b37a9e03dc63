"""Stream rows out of CSV, JSON Lines and Excel files with constant memory.

Every row comes out as `RawRow` (its line number and values in header order) or
`BadRow` (line number and why it cannot be read): invalid UTF-8, broken quoting,
a line that is not a JSON object. A bad row never stops the file.

CSV is read as bytes and decoded line by line, so one bad byte sequence costs one
row, not the file. Records are assembled by quote parity before the csv module
parses them, so an unclosed quote swallows at most `MAX_RECORD_LINES` lines:
then its first line is reported and the following lines are read again.

Nothing is read further than a row may be long: a line (CSV or JSON Lines) over
`row_chars(max_field_chars)` characters is reported and skipped without being
held in memory, however long it is. A workbook is measured before it is opened
(`workbooks.check_workbook`): calamine reads a sheet whole.
"""

from __future__ import annotations

import codecs
import csv
import json
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from belofte.errors import InvalidInput
from belofte.ingest.formats import Raw
from belofte.ingest.workbooks import check_workbook

SAMPLE_BYTES = 64 * 1024
MAX_RECORD_LINES = 50
DELIMITERS = (",", ";", "\t")
#: How many times the longest field a whole row may be.
ROW_FIELDS = 20
#: UTF-8 spends at most this many bytes on a character.
BYTES_PER_CHAR = 4
_SKIP_BYTES = 1024 * 1024


def row_chars(max_field_chars: int) -> int:
    """The longest row (or JSON line) read, in characters."""
    return ROW_FIELDS * max_field_chars


def capped_lines(file: IO[bytes], max_bytes: int) -> Iterator[tuple[bytes, int]]:
    """(line, its length in bytes) per line; a line over `max_bytes` comes as b"".

    An overlong line is read on in chunks and dropped, so memory stays at
    `max_bytes` whatever a file holds (a 200 MB line, say).
    """
    while True:
        data = file.readline(max_bytes + 1)
        if not data:
            return
        if len(data) <= max_bytes or data.endswith(b"\n"):
            yield data, len(data)
            continue
        size = len(data)
        while not data.endswith(b"\n"):
            data = file.readline(_SKIP_BYTES)
            if not data:
                break
            size += len(data)
        yield b"", size


@dataclass(frozen=True, slots=True)
class RawRow:
    """One readable row."""

    line: int
    values: list[Raw]
    extras: dict[str, Raw] | None = None


@dataclass(frozen=True, slots=True)
class BadRow:
    """One row that could not be read."""

    line: int
    reason: str
    value: str = ""


class TableReader(ABC):
    """A file's header and rows; `bytes_read` / `total_bytes` drive progress bars."""

    header: list[str]
    total_bytes: int
    format: str
    encoding: str | None = None
    delimiter: str | None = None

    @property
    @abstractmethod
    def bytes_read(self) -> int:
        """How far into the file reading has got."""

    @abstractmethod
    def rows(self) -> Iterator[RawRow | BadRow]:
        """The rows after the header."""

    def close(self) -> None:  # noqa: B027 - readers without a file keep this no-op
        """Release the file."""


def open_table(
    path: Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    max_field_chars: int = 10_000,
) -> TableReader:
    """A reader for `path`, chosen by its extension (.csv/.tsv/.txt, .jsonl, .xlsx)."""
    if not path.is_file():
        raise InvalidInput(f"{path.name}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return JsonLinesReader(path, max_field_chars)
    if suffix in (".xlsx", ".xlsm"):
        return ExcelReader(path)
    if suffix in (".csv", ".tsv", ".txt", ""):
        return CsvReader(path, encoding, delimiter, max_field_chars)
    raise InvalidInput(
        f"{path.name}: unsupported file type {suffix!r}; use CSV, JSON Lines or .xlsx"
    )


# ---------------------------------------------------------------- CSV
class CsvReader(TableReader):
    """CSV with detected encoding (UTF-8, UTF-8 with BOM, cp1252) and delimiter."""

    format = "csv"
    encoding: str
    delimiter: str

    def __init__(
        self,
        path: Path,
        encoding: str | None,
        delimiter: str | None,
        max_field_chars: int,
    ) -> None:
        self.path = path
        self.total_bytes = path.stat().st_size
        self.max_field_chars = max_field_chars
        self.max_row_chars = row_chars(max_field_chars)
        # The csv module's own field limit (131,072 by default, process-wide) must
        # not be the one that decides: a longer row is refused before parsing,
        # and a long field is the converter's to reject, with its own reason.
        if csv.field_size_limit() < self.max_row_chars:
            csv.field_size_limit(self.max_row_chars)
        self._file: IO[bytes] = path.open("rb")
        try:
            self._start(encoding, delimiter)
        except BaseException:
            self._file.close()
            raise

    def _start(self, encoding: str | None, delimiter: str | None) -> None:
        path = self.path
        sample = self._file.read(SAMPLE_BYTES)
        self._file.seek(0)
        self.encoding = encoding or detect_encoding(sample)
        if self.encoding == "utf-8-sig":
            self._file.read(3)
        self._decoder = codecs.getdecoder(
            "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        )
        self._read = 0
        self._line_number = 0
        self._pending: list[tuple[int, str, bool]] = []
        self._lines = capped_lines(self._file, BYTES_PER_CHAR * self.max_row_chars)
        first = self._next_record()
        if first is None:
            raise InvalidInput(f"{path.name}: the file is empty")
        _, text, _bad = first
        if text is _OVERLONG or len(text) > self.max_row_chars:
            raise InvalidInput(
                f"{path.name}: the header line is longer than {self.max_row_chars:,} "
                "characters; is this a CSV file?"
            )
        try:
            self.delimiter = delimiter or detect_delimiter(text)
            self.header = next(
                csv.reader([text], delimiter=self.delimiter, strict=True)
            )
        except csv.Error as exc:
            raise InvalidInput(
                f"{path.name}: cannot read the header line: {exc}"
            ) from None
        if not any(h.strip() for h in self.header):
            raise InvalidInput(f"{path.name}: the header line is empty")
        check_header(path.name, self.header)

    @property
    def bytes_read(self) -> int:
        """Bytes consumed so far."""
        return self._read

    def _line(self) -> tuple[int, str, bool] | None:
        """The next physical line: (number, text, decoded cleanly), or None."""
        if self._pending:
            return self._pending.pop(0)
        line = next(self._lines, None)
        if line is None:
            return None
        data, size = line
        self._read += size
        self._line_number += 1
        if not data:
            return self._line_number, _OVERLONG, False
        try:
            return self._line_number, self._decoder(data)[0], True
        except UnicodeDecodeError:
            text = data.decode(self.encoding or "utf-8", errors="replace")
            return self._line_number, text, False

    def _next_record(self) -> tuple[int, str, bool] | None:
        """The next logical record: physical lines joined until quotes balance."""
        first = self._line()
        if first is None:
            return None
        number, text, clean = first
        if text is _OVERLONG or text.count('"') % 2 == 0:
            return first
        parts = [first]
        quotes = text.count('"')
        while len(parts) < MAX_RECORD_LINES:
            part = self._line()
            if part is None:
                break
            if part[1] is _OVERLONG:
                self._pending.insert(0, part)
                break
            parts.append(part)
            quotes += part[1].count('"')
            if quotes % 2 == 0:
                return number, "".join(p[1] for p in parts), all(p[2] for p in parts)
        # Unbalanced: give back every line but the first, and report the first.
        self._pending = parts[1:] + self._pending
        return number, text, False

    def rows(self) -> Iterator[RawRow | BadRow]:
        """Every record after the header."""
        longest = self.max_row_chars
        parse = csv.reader  # one small reader per record keeps errors local
        while True:
            record = self._next_record()
            if record is None:
                return
            number, text, clean = record
            if text is _OVERLONG or len(text) > longest:
                yield BadRow(number, f"row longer than {longest:,} characters")
                continue
            if not text.strip():
                continue
            if not clean:
                reason = (
                    "broken quoting" if text.count('"') % 2 else "invalid text encoding"
                )
                if reason == "invalid text encoding":
                    reason = f"invalid {self.encoding.upper()} bytes"
                yield BadRow(number, reason, text.rstrip("\r\n"))
                continue
            if '"' not in text:  # the common case: no quoting, a plain split is exact
                yield RawRow(number, list(text.rstrip("\r\n").split(self.delimiter)))
                continue
            try:
                values: list[Raw] = list(
                    next(parse([text], delimiter=self.delimiter, strict=True))
                )
            except csv.Error as exc:
                yield BadRow(number, f"broken quoting: {exc}", text.rstrip("\r\n"))
                continue
            yield RawRow(number, values)

    def close(self) -> None:
        """Close the file."""
        self._file.close()


#: The text of a line too long to read (compared by identity).
_OVERLONG = "\x00overlong"


#: The longest column name a header may have.
MAX_HEADER_CHARS = 1000


def check_header(name: str, header: list[str]) -> None:
    """Refuse a header whose column names cannot be column names."""
    for number, column in enumerate(header, start=1):
        if len(column) > MAX_HEADER_CHARS:
            raise InvalidInput(
                f"{name}: column {number} of the header is {len(column):,} characters "
                f"long (at most {MAX_HEADER_CHARS:,}); is the first line a header?"
            )


def detect_encoding(sample: bytes) -> str:
    """utf-8-sig (BOM), utf-8, else cp1252 as Dutch Excel writes it.

    A sample with valid multi-byte UTF-8 characters is UTF-8 even when some bytes
    are broken: those rows are reported, not the whole file misread as cp1252.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3:  # a character cut off by the sample's end
            return "utf-8"
    if not sample.decode("utf-8", errors="ignore").isascii():
        return "utf-8"
    return "cp1252"


def detect_delimiter(header: str) -> str:
    """The delimiter that splits the header line most: , ; or tab."""
    counts = {d: len(next(csv.reader([header], delimiter=d))) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: (counts[d], d == ","))


# ---------------------------------------------------------------- JSON Lines
class JsonLinesReader(TableReader):
    """One JSON object per line; the header is the keys of the first objects."""

    format = "jsonl"
    encoding = "utf-8"
    HEADER_LINES = 1000

    def __init__(self, path: Path, max_field_chars: int = 10_000) -> None:
        self.path = path
        self.total_bytes = path.stat().st_size
        self.max_row_chars = row_chars(max_field_chars)
        self.max_bytes = BYTES_PER_CHAR * self.max_row_chars
        self._read = 0
        keys: dict[str, None] = {}
        with path.open("rb") as sample:
            lines = capped_lines(sample, self.max_bytes)
            for _, (data, _size) in zip(range(self.HEADER_LINES), lines, strict=False):
                try:
                    obj = json.loads(data)
                except ValueError:
                    continue
                except RecursionError:  # [[[[...]]]]: not a record
                    continue
                if isinstance(obj, dict):
                    keys.update(dict.fromkeys(str(k) for k in obj))
        if not keys:
            raise InvalidInput(f"{path.name}: no JSON objects found")
        self.header = list(keys)
        check_header(path.name, self.header)
        self._file: IO[bytes] = path.open("rb")

    @property
    def bytes_read(self) -> int:
        """Bytes consumed so far."""
        return self._read

    def rows(self) -> Iterator[RawRow | BadRow]:
        """Every line as a row; keys outside the header come as extras."""
        header = self.header
        known = set(header)
        lines = capped_lines(self._file, self.max_bytes)
        for number, (data, size) in enumerate(lines, start=1):
            self._read += size
            # Bytes bound the read; characters are what the limit says.
            if not data or (
                len(data) > self.max_row_chars
                and len(data.decode("utf-8", "replace")) > self.max_row_chars
            ):
                yield BadRow(
                    number, f"line longer than {self.max_row_chars:,} characters"
                )
                continue
            if not data.strip():
                continue
            try:
                obj = json.loads(data.decode("utf-8"))
            except RecursionError:
                yield BadRow(number, "JSON nested too deeply")
                continue
            except UnicodeDecodeError:
                yield BadRow(
                    number, "invalid UTF-8 bytes", data.decode("utf-8", "replace")
                )
                continue
            except ValueError as exc:
                yield BadRow(
                    number, f"invalid JSON: {exc}", data.decode("utf-8", "replace")
                )
                continue
            if not isinstance(obj, dict):
                yield BadRow(
                    number, "expected a JSON object", data.decode("utf-8", "replace")
                )
                continue
            values = [_json_value(obj.get(k)) for k in header]
            extras = {str(k): _json_value(v) for k, v in obj.items() if k not in known}
            yield RawRow(number, values, extras or None)

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def _json_value(value: Any) -> Raw:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, ensure_ascii=False)  # nested values are kept as JSON text


# ---------------------------------------------------------------- Excel
class ExcelReader(TableReader):
    """The first sheet of an .xlsx workbook, read row by row (python-calamine)."""

    format = "xlsx"

    def __init__(self, path: Path) -> None:
        from python_calamine import CalamineWorkbook

        self.path = path
        self.total_bytes = path.stat().st_size
        check_workbook(path)  # calamine reads the sheet whole: measure it first
        try:
            workbook = CalamineWorkbook.from_path(str(path))
            self._sheet = workbook.get_sheet_by_index(0)
            self._rows = iter(self._sheet.iter_rows())
        except Exception as exc:  # noqa: BLE001 - calamine raises its own kinds
            raise InvalidInput(
                f"{path.name}: not a readable .xlsx workbook ({exc})"
            ) from None
        first = next(self._rows, None)
        if first is None:
            raise InvalidInput(f"{path.name}: the first sheet is empty")
        self.header = [
            str(c) if c not in (None, "") else f"column_{i + 1}"
            for i, c in enumerate(first)
        ]
        self._rows_total = max(self._sheet.total_height, 1)
        self._done = 0

    @property
    def bytes_read(self) -> int:
        """Progress as a share of the file size, by rows read."""
        return int(self.total_bytes * self._done / self._rows_total)

    def rows(self) -> Iterator[RawRow | BadRow]:
        """Every row after the header; empty rows are skipped."""
        for number, cells in enumerate(self._rows, start=2):
            self._done = number
            values: list[Raw] = [_cell(c) for c in cells]
            if all(v is None for v in values):
                continue
            yield RawRow(number, values)


def _cell(value: Any) -> Raw:
    if value == "" or value is None:
        return None
    if isinstance(value, str | int | float | bool | datetime | date):
        return value
    return str(value)
