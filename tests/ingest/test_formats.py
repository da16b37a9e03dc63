"""Parsing the values of Dutch and English exports."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from belofte.ingest.formats import (
    ValueProblem,
    normalise_header,
    parse_bool,
    parse_datetime,
    parse_decimal,
    parse_float,
    parse_int,
    parse_period,
    parse_text,
)

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("31-12-2026", datetime(2026, 12, 30, 23, 0, tzinfo=UTC)),
        ("31-12-2026 10:30", datetime(2026, 12, 31, 9, 30, tzinfo=UTC)),
        ("1/7/2026", datetime(2026, 6, 30, 22, 0, tzinfo=UTC)),  # summer time: UTC+2
        ("2026-12-31", datetime(2026, 12, 30, 23, 0, tzinfo=UTC)),
        ("2026-12-31T10:30:00Z", datetime(2026, 12, 31, 10, 30, tzinfo=UTC)),
        ("2026-12-31 10:30:00+01:00", datetime(2026, 12, 31, 9, 30, tzinfo=UTC)),
        (datetime(2026, 3, 1, 12, 0), datetime(2026, 3, 1, 11, 0, tzinfo=UTC)),
        (date(2026, 3, 1), datetime(2026, 2, 28, 23, 0, tzinfo=UTC)),
        ("", None),
        (None, None),
    ],
)
def test_dates(raw: object, expected: datetime | None) -> None:
    assert parse_datetime(raw, AMS) == expected  # type: ignore[arg-type]


def test_date_formats_come_first() -> None:
    us = parse_datetime("2/24/2015 11:35", ZoneInfo("UTC"), ["%m/%d/%Y %H:%M"])
    assert us == datetime(2015, 2, 24, 11, 35, tzinfo=UTC)


@pytest.mark.parametrize(
    "raw", ["32-01-2026", "gisteren", "2026-13-01", "12:30", "1850-01-01"]
)
def test_bad_dates(raw: str) -> None:
    with pytest.raises(ValueProblem):
        parse_datetime(raw, AMS)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234,56", Decimal("1234.56")),
        ("1,234.56", Decimal("1234.56")),
        ("1234,56", Decimal("1234.56")),
        ("€ 12,50", Decimal("12.50")),
        ("12.5", Decimal("12.5")),
        (12.5, Decimal("12.5")),
        (7, Decimal(7)),
        ("-3,0", Decimal("-3.0")),
        (" ", None),
    ],
)
def test_decimals(raw: object, expected: Decimal | None) -> None:
    assert parse_decimal(raw) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", ["twaalf", "1,2,3", True, "9" * 5000])
def test_bad_decimals(raw: object) -> None:
    with pytest.raises(ValueProblem, match="^expected a number$"):
        parse_decimal(raw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "raw",
    ["nan", "NaN", "inf", "Infinity", "-Infinity", float("nan"), float("inf")],
)
def test_numbers_are_never_infinite_or_nan(raw: object) -> None:
    """Infinity was stored as revenue, NaN gave a 500: both are row errors now."""
    for parse in (parse_decimal, parse_float, lambda v: parse_int(v, 0, 10)):
        with pytest.raises(ValueProblem, match="^expected a finite number$"):
            parse(raw)  # type: ignore[operator]


def test_amounts_fit_their_column() -> None:
    """1e309 is finite as a decimal but no NUMERIC(14,2) holds it."""
    top = 999_999_999_999.99
    assert parse_decimal("999999999999,99", -top, top) == Decimal("999999999999.99")
    with pytest.raises(ValueProblem, match="^above 999,999,999,999.99$"):
        parse_decimal("1e309", -top, top)
    with pytest.raises(ValueProblem, match="^below -999,999,999,999.99$"):
        parse_decimal(-1e13, -top, top)
    with pytest.raises(ValueProblem, match="^expected a finite number$"):
        parse_float("1e309")  # a float overflows to infinity


def test_text_never_holds_a_nul() -> None:
    assert parse_text(" K1 ", 10) == "K1"
    with pytest.raises(ValueProblem, match="^contains a NUL character$"):
        parse_text("K\x001", 10)


def test_digits_that_are_not_ascii_are_not_numbers() -> None:
    with pytest.raises(ValueProblem, match="^expected a number$"):
        parse_int("³", 0, 10)


def test_scores_on_scales() -> None:
    assert parse_int("7", 0, 10) == 7
    assert parse_int("7,0", 0, 10) == 7
    assert parse_int(9.0, 0, 10) == 9
    with pytest.raises(ValueProblem, match="out of scale 0-10"):
        parse_int("11", 0, 10)
    with pytest.raises(ValueProblem, match="out of scale 1-5"):
        parse_int("0", 1, 5)
    with pytest.raises(ValueProblem, match="expected a whole number"):
        parse_int("7,5", 0, 10)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ja", True),
        ("Nee", False),
        ("yes", True),
        ("N", False),
        ("1", True),
        ("waar", True),
        (False, False),
        ("", None),
    ],
)
def test_booleans(raw: object, expected: bool | None) -> None:
    assert parse_bool(raw) is expected  # type: ignore[arg-type]


def test_bad_boolean() -> None:
    with pytest.raises(ValueProblem, match="expected ja/nee"):
        parse_bool("misschien")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-03", date(2026, 3, 1)),
        ("03-2026", date(2026, 3, 1)),
        ("maart 2026", date(2026, 3, 1)),
        ("March 2026", date(2026, 3, 1)),
        ("15-03-2026", date(2026, 3, 1)),
    ],
)
def test_periods(raw: str, expected: date) -> None:
    assert parse_period(raw, AMS) == expected


def test_text_limit_and_headers() -> None:
    assert parse_text("  prima  ", 10) == "prima"
    with pytest.raises(ValueProblem, match="longer than 3 characters"):
        parse_text("prima", 3)
    assert normalise_header(" Klant ID ") == "klant_id"
    assert normalise_header("Oriëntatie-moment") == "orientatie_moment"
