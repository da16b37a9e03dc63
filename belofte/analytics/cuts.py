"""Cuts: which groups an analysis is split into, and which rows it keeps.

A `Cut` is plain data (dimensions, a period, filters, a date range) that the CLI,
the web app and the Python API all build the same way; `apply_cut` turns it into
Ibis group keys and filters on any analytical table, so the engine does the
grouping.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

import ibis

from belofte.analytics.engine import Capability, Engine
from belofte.analytics.tables import CUSTOMER_PREFIX, CUSTOMERS, DIMENSIONS, TIME_COLUMN
from belofte.errors import InvalidInput

__all__ = ["PERIOD", "Cut", "Period", "apply_cut", "period_label", "parse_cut"]

#: The name of the period key in results.
PERIOD = "period"
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
_ATTRIBUTE = re.compile(r"[A-Za-z0-9_-]{1,64}")


class Period(StrEnum):
    """Calendar periods a trend can be cut into (local time)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


_TRUNCATE = {
    Period.DAY: "D",
    Period.WEEK: "W",
    Period.MONTH: "M",
    Period.QUARTER: "Q",
    Period.YEAR: "Y",
}


@dataclass(frozen=True, slots=True)
class Cut:
    """How to split and filter: `by` dimensions, an optional period, filters."""

    by: tuple[str, ...] = ()
    period: Period | None = None
    where: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    since: date | None = None
    until: date | None = None  # inclusive

    @property
    def keys(self) -> tuple[str, ...]:
        """The group columns of a result, period last."""
        return (*self.by, PERIOD) if self.period else self.by


def parse_cut(
    by: Sequence[str] = (),
    period: str | None = None,
    where: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
) -> Cut:
    """A Cut from user text: `by=["location"]`, `where=["channel=webshop,winkel"]`.

    Every problem is reported at once as `InvalidInput` naming the field.
    """
    problems: list[str] = []
    dims: list[str] = []
    for item in by:
        for name in filter(None, (part.strip() for part in item.split(","))):
            if name == PERIOD:
                problems.append("by: use --period for periods")
            elif not _known_dimension(name):
                problems.append(f"by: unknown dimension {name!r} ({_known()})")
            elif name not in dims:
                dims.append(name)
    filters: dict[str, tuple[str, ...]] = {}
    for item in where:
        name, sep, values = item.partition("=")
        name = name.strip()
        if not sep or not values.strip():
            problems.append(f"where: {item!r} is not NAME=VALUE[,VALUE]")
        elif not _known_dimension(name):
            problems.append(f"where: unknown dimension {name!r} ({_known()})")
        else:
            parts = tuple(v.strip() for v in values.split(",") if v.strip())
            filters[name] = (*filters.get(name, ()), *parts)
    chosen: Period | None = None
    if period:
        try:
            chosen = Period(period)
        except ValueError:
            problems.append(
                f"period: {period!r} is not one of {', '.join(p.value for p in Period)}"
            )
    start, end = _date("since", since, problems), _date("until", until, problems)
    if start and end and start > end:
        problems.append("until: comes before since")
    if problems:
        raise InvalidInput(problems[0], tuple(problems))
    return Cut(tuple(dims), chosen, filters, start, end)


def _known_dimension(name: str) -> bool:
    if name.startswith(CUSTOMER_PREFIX):
        return bool(_ATTRIBUTE.fullmatch(name.removeprefix(CUSTOMER_PREFIX)))
    return name in DIMENSIONS


def _known() -> str:
    return "one of " + ", ".join(DIMENSIONS) + ", or customer.ATTRIBUTE"


def _date(field_name: str, text: str | None, problems: list[str]) -> date | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        problems.append(f"{field_name}: {text!r} is not a date (YYYY-MM-DD)")
        return None
    if not EARLIEST <= day <= LATEST:
        # Engines overflow on a day after 9999-12-31 + 1; no feedback is that old.
        problems.append(f"{field_name}: {text} is outside {EARLIEST}..{LATEST}")
        return None
    return day


def apply_cut(
    engine: Engine, table: ibis.Table, cut: Cut
) -> tuple[ibis.Table, dict[str, Any]]:
    """The filtered table and the group keys (name -> expression) of `cut`."""
    for name in dict.fromkeys((*cut.by, *cut.where)):
        if name.startswith(CUSTOMER_PREFIX) and "customer_id" in table.columns:
            table = _with_attribute(engine, table, name)
    missing = [c for c in (*cut.by, *cut.where) if c not in table.columns]
    if missing:
        raise InvalidInput(
            f"by: {missing[0]!r} does not apply here (this analysis can be cut "
            f"by {', '.join(c for c in table.columns if c in DIMENSIONS)})"
        )
    predicates = [table[name].isin(values) for name, values in cut.where.items()]
    at = table[TIME_COLUMN]
    if cut.since:
        predicates.append(at >= datetime.combine(cut.since, datetime.min.time()))
    if cut.until:
        end = datetime.combine(cut.until + timedelta(days=1), datetime.min.time())
        predicates.append(at < end)
    if predicates:
        table = table.filter(predicates)
    keys: dict[str, Any] = {name: table[name] for name in cut.by}
    if cut.period:
        if cut.period is Period.WEEK:
            engine.require(Capability.WEEK_PERIODS, "weekly periods")
        keys[PERIOD] = table[TIME_COLUMN].truncate(_TRUNCATE[cut.period])
    return table, keys


def _with_attribute(engine: Engine, table: ibis.Table, name: str) -> ibis.Table:
    """`table` with a column `name` = the customer's attribute (NULL when unset)."""
    attributes = engine.table(CUSTOMERS)
    picked = attributes.filter(
        attributes.name == name.removeprefix(CUSTOMER_PREFIX)
    ).select(attribute_customer=attributes.customer_id, **{name: attributes.value})
    joined = table.left_join(picked, table.customer_id == picked.attribute_customer)
    return joined.drop("attribute_customer")


def period_label(start: Any, period: Period) -> str:
    """A period's readable key: 2026-12, 2026-Q4, 2026-W05, 2026-12-31, 2026."""
    moment = start if isinstance(start, date) else datetime.fromisoformat(str(start))
    if period is Period.DAY:
        return f"{moment:%Y-%m-%d}"
    if period is Period.WEEK:
        year, week, _ = moment.isocalendar()
        return f"{year}-W{week:02d}"
    if period is Period.MONTH:
        return f"{moment:%Y-%m}"
    if period is Period.QUARTER:
        return f"{moment.year}-Q{(moment.month - 1) // 3 + 1}"
    return f"{moment.year}"
