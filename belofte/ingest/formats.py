"""Parse the values CX exports contain: Dutch and ISO dates, decimal commas, ja/nee.

Each parser takes a raw value (text from CSV, or a typed value from JSON Lines,
Excel or the API) and returns a clean Python value, None for empty, or raises
`ValueProblem` with a reason a person can act on.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

Raw = str | int | float | bool | datetime | date | None

_TRUE = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "x", "on"})
_FALSE = frozenset({"nee", "n", "no", "false", "onwaar", "0", "off"})
_DUTCH_DATE = re.compile(
    r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$|^(\d{1,2})[-/](\d{4})$")
_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("maart", "march", "mrt", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augustus", "august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_NUMBER_JUNK = re.compile(r"[\s€$£%]|EUR|eur")


class ValueProblem(ValueError):
    """A value that cannot be used, with the reason."""


def _blank(value: Raw) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_text(value: Raw, max_chars: int) -> str | None:
    """Trimmed text; None when empty; refuse text longer than `max_chars`.

    A NUL character is refused too: PostgreSQL cannot store one, and no CX
    export means one.
    """
    if value is None:
        return None
    text = value.strip() if type(value) is str else str(value)
    if not text:
        return None
    if len(text) > max_chars:
        raise ValueProblem(f"longer than {max_chars} characters")
    if "\x00" in text:
        raise ValueProblem("contains a NUL character")
    return text


#: The largest magnitude a stored amount may have (NUMERIC(14,2) columns).
MAX_AMOUNT = Decimal("999999999999.99")


def parse_decimal(
    value: Raw, low: float | None = None, high: float | None = None
) -> Decimal | None:
    """A number: 1234,56 / 1.234,56 / 1,234.56 / € 12,50 / 12.5.

    Never infinite or NaN; with `low`/`high`, within them.
    """
    number = _decimal(value)
    if number is None:
        return None
    if low is not None and number < Decimal(str(low)):
        raise ValueProblem(f"below {low:,.2f}")
    if high is not None and number > Decimal(str(high)):
        raise ValueProblem(f"above {high:,.2f}")
    return number


def _decimal(value: Raw) -> Decimal | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueProblem("expected a number")
    if isinstance(value, int | float):
        number = Decimal(str(value))
        if not number.is_finite():
            raise ValueProblem("expected a finite number")
        return number
    if not isinstance(value, str):
        raise ValueProblem("expected a number")
    text = _NUMBER_JUNK.sub("", value)
    if "," in text and "." in text:
        # The last separator is the decimal one: 1.234,56 (nl) or 1,234.56 (en).
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")  # Dutch decimal comma
    if len(text) > 40:  # no amount or score is longer; Decimal parses any length
        raise ValueProblem("expected a number")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueProblem("expected a number") from None
    if not number.is_finite():
        raise ValueProblem("expected a finite number")
    return number


def parse_int(
    value: Raw, low: int | None = None, high: int | None = None
) -> int | None:
    """A whole number, optionally on a scale low..high ('7', '7,0' and 7.0 are 7)."""
    if (  # the common case, without Decimal; isdigit() alone admits "²"
        type(value) is str and len(value) < 19 and value.isascii() and value.isdigit()
    ):
        number = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        decimal = _decimal(value)
        if decimal is None:
            return None
        if decimal != decimal.to_integral_value():
            raise ValueProblem("expected a whole number")
        number = int(decimal)
    if low is not None and high is not None and not low <= number <= high:
        raise ValueProblem(f"out of scale {low}-{high}")
    return number


def parse_float(
    value: Raw, low: float | None = None, high: float | None = None
) -> float | None:
    """A number as float, optionally within low..high; never infinite."""
    decimal = _decimal(value)
    if decimal is None:
        return None
    number = float(decimal)
    if not math.isfinite(number):
        raise ValueProblem("expected a finite number")
    if low is not None and high is not None and not low <= number <= high:
        raise ValueProblem(f"out of scale {low:g}-{high:g}")
    return number


def parse_bool(value: Raw) -> bool | None:
    """ja/nee, yes/no, true/false, 1/0, waar/onwaar."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        return value
    key = str(value).strip().lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueProblem("expected ja/nee (yes/no)")


def parse_datetime(
    value: Raw, zone: ZoneInfo, formats: Sequence[str] = ()
) -> datetime | None:
    """A moment in UTC. Naive times are read in `zone` (the workspace's time zone).

    Accepts ISO 8601 (2026-12-31, 2026-12-31 10:00, 2026-12-31T10:00:00+01:00, ...Z),
    Dutch 31-12-2026 (10:00), 31/12/2026, Excel date cells, and `formats` (strptime)
    tried first.
    """
    if _blank(value):
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    elif isinstance(value, str):
        moment = _parse_datetime_text(value.strip(), formats)
    else:
        raise ValueProblem("expected a date")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    if not 1900 <= moment.year <= 2200:
        raise ValueProblem("date out of range (1900-2200)")
    return moment.astimezone(UTC)


def _parse_datetime_text(text: str, formats: Sequence[str]) -> datetime:
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt)  # noqa: DTZ007 - zone applied by caller
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    match = _DUTCH_DATE.match(text)
    if match:
        day, month, year, hour, minute, second = match.groups()
        try:
            return datetime(  # noqa: DTZ001 - zone applied by caller
                int(year),
                int(month),
                int(day),
                int(hour or 0),
                int(minute or 0),
                int(second or 0),
            )
        except ValueError:
            pass
    raise ValueProblem("not a date (use 31-12-2026, 2026-12-31 or ISO 8601)")


def parse_date(value: Raw, zone: ZoneInfo, formats: Sequence[str] = ()) -> date | None:
    """A calendar date (the local date of a moment)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    moment = parse_datetime(value, zone, formats)
    return moment.astimezone(zone).date() if moment is not None else None


def parse_period(
    value: Raw, zone: ZoneInfo, formats: Sequence[str] = ()
) -> date | None:
    """A month, as its first day: 2026-03, 03-2026, maart 2026, or any date in it."""
    if _blank(value):
        return None
    if isinstance(value, str):
        text = value.strip().lower()
        match = _MONTH.match(text)
        if match:
            year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
            return _first_of(int(year), int(month))
        parts = text.replace(",", " ").split()
        if len(parts) == 2 and parts[0] in _MONTHS and parts[1].isdigit():
            return _first_of(int(parts[1]), _MONTHS[parts[0]])
    day = parse_date(value, zone, formats)
    return day.replace(day=1) if day is not None else None


def _first_of(year: int, month: int) -> date:
    if not 1 <= month <= 12 or not 1900 <= year <= 2200:
        raise ValueProblem("not a month (use 2026-03 or maart 2026)")
    return date(year, month, 1)


def normalise_header(name: Any) -> str:
    """Column names compared loosely: 'Klant ID' -> 'klant_id'."""
    text = unicodedata.normalize("NFKD", str(name).strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")
