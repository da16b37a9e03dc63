"""Stream rows out of CSV, JSON Lines and Excel files with constant memory.

Every row comes out as `RawRow` (its line number and values in header order) or
`BadRow` (line number and why it cannot be read): invalid UTF-8, broken quoting,
a line that is not a JSON object. A bad row never stops the file.

CSV is read as bytes and decoded line by line, so one bad byte sequence costs one
row, not the file. Records are assembled by quote parity before the csv module
parses them, so an unclosed quote swallows at most `MAX_RECORD_LINES` lines:
then its first line is reported and the following lines are read again.
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

SAMPLE_BYTES = 64 * 1024
MAX_RECORD_LINES = 50
DELIMITERS = (",", ";", "\t")


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
        return JsonLinesReader(path)
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
        first = self._next_record()
        if first is None:
            raise InvalidInput(f"{path.name}: the file is empty")
        _, text, _bad = first
        self.delimiter = delimiter or detect_delimiter(text)
        try:
            self.header = next(
                csv.reader([text], delimiter=self.delimiter, strict=True)
            )
        except csv.Error as exc:
            raise InvalidInput(
                f"{path.name}: cannot read the header line: {exc}"
            ) from None
        if not any(h.strip() for h in self.header):
            raise InvalidInput(f"{path.name}: the header line is empty")

    @property
    def bytes_read(self) -> int:
        """Bytes consumed so far."""
        return self._read

    def _line(self) -> tuple[int, str, bool] | None:
        """The next physical line: (number, text, decoded cleanly), or None."""
        if self._pending:
            return self._pending.pop(0)
        data = self._file.readline()
        if not data:
            return None
        self._read += len(data)
        self._line_number += 1
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
        if text.count('"') % 2 == 0:
            return first
        parts = [first]
        quotes = text.count('"')
        while len(parts) < MAX_RECORD_LINES:
            part = self._line()
            if part is None:
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
        limit = self.max_field_chars
        parse = csv.reader  # one small reader per record keeps errors local
        while True:
            record = self._next_record()
            if record is None:
                return
            number, text, clean = record
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
            if len(text) > 20 * limit:
                yield BadRow(
                    number, f"row longer than {20 * limit} characters", text[:100]
                )
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

    def __init__(self, path: Path) -> None:
        self.path = path
        self.total_bytes = path.stat().st_size
        self._read = 0
        keys: dict[str, None] = {}
        with path.open("rb") as sample:
            for _, data in zip(range(self.HEADER_LINES), sample, strict=False):
                try:
                    obj = json.loads(data)
                except ValueError:
                    continue
                if isinstance(obj, dict):
                    keys.update(dict.fromkeys(str(k) for k in obj))
        if not keys:
            raise InvalidInput(f"{path.name}: no JSON objects found")
        self.header = list(keys)
        self._file: IO[bytes] = path.open("rb")

    @property
    def bytes_read(self) -> int:
        """Bytes consumed so far."""
        return self._read

    def rows(self) -> Iterator[RawRow | BadRow]:
        """Every line as a row; keys outside the header come as extras."""
        header = self.header
        known = set(header)
        for number, data in enumerate(self._file, start=1):
            self._read += len(data)
            if not data.strip():
                continue
            try:
                obj = json.loads(data.decode("utf-8"))
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
