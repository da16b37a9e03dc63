"""CSV that a spreadsheet opens without running anything: one escaping for all.

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-`,
`@`, a tab or a carriage return as a formula (`=HYPERLINK(...)`, DDE
`=cmd|'/C calc'!A0`). Checking only the start of each field is not enough: a
Dutch Excel splits a comma-separated file on `;`, so `x;=cmd|...` arrives as a
cell that starts with `=`. `spreadsheet_text` therefore puts a `'` before a
trigger at the start *and* after every `,` `;` tab or line break (spaces and
quotes in between), whichever delimiter the reader splits on. Numbers are
written as numbers: `-0.5` in a result column is data, not a formula.

Every CSV belofte writes (error reports, `--csv` results) goes through `writer`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, Any

__all__ = ["spreadsheet_text", "writer"]

_TRIGGER = re.compile(r'(^|[,;\t\r\n])([ "]*)([=+\-@\t\r])')


def spreadsheet_text(text: str) -> str:
    """`text` with a `'` before every character that could start a formula cell.

    Examples
    --------
    >>> spreadsheet_text("=1+1"), spreadsheet_text("x;=cmd|'/C calc'!A0")
    ("'=1+1", "x;'=cmd|'/C calc'!A0")
    >>> spreadsheet_text("levering te laat")
    'levering te laat'

    """
    # Again until nothing changes: a trigger can itself be the separator before
    # the next one ("\t=..."), which one pass would not see. Escaped text is
    # left as it is, so this ends.
    while True:
        escaped = _TRIGGER.sub(r"\1\2'\3", text)
        if escaped == text:
            return text
        text = escaped


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    return spreadsheet_text(str(value))


class _Writer:
    """csv.writer with every text cell made safe."""

    def __init__(self, stream: IO[str], delimiter: str) -> None:
        self._writer = csv.writer(stream, delimiter=delimiter)

    def writerow(self, row: Iterable[Any]) -> None:
        """Write one row."""
        self._writer.writerow([_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write every row."""
        for row in rows:
            self.writerow(row)


def writer(stream: IO[str], delimiter: str = ",") -> _Writer:
    """A CSV writer on `stream` whose text cells a spreadsheet will not run."""
    return _Writer(stream, delimiter)
