"""One problem in a blueprint: where it is and what is wrong, on one line."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from enum import StrEnum


class Severity(StrEnum):
    """Errors fail the check; warnings are shown and let it pass."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem at a file, line and field."""

    file: str
    line: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return (
            f"{where} {self.field}: {prefix}{self.message}"
            if self.field
            else (f"{where}: {prefix}{self.message}")
        )


def did_you_mean(word: str, choices: list[str]) -> str:
    """'; did you mean 'x'?' for the closest choice, or ''."""
    close = get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
