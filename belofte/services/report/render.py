"""One self-contained HTML report of a period: scores, promise delivery, drivers.

`render_report(ws, engine, cut, language)` renders the sections that
`sections.SectionBuilder` builds from the very services the results API runs,
so every number in the report is the API's number for the same filters. It
returns one HTML string: inline CSS and SVG charts, no script and no external
URL, printable with sensible page breaks. Every value from the
data (names, verbatims) is escaped by Jinja2's autoescape or by `report_charts`.

The template lives beside this module (`report_templates/`), not in
`web/templates`: the service renders it, and services may not import the web
layer; the report is a file for offline reading, not a page of the app.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Sequence
from datetime import date

from jinja2 import Environment, PackageLoader, StrictUndefined

from belofte.analytics.cuts import Cut, parse_cut
from belofte.analytics.engine import Engine
from belofte.errors import InvalidInput
from belofte.services.report.labels import LABELS, Language
from belofte.services.report.sections import (
    DRIVER_RESAMPLES,
    DRIVER_SEED,
    Formats,
    SectionBuilder,
)
from belofte.services.workspace import Workspace
from belofte.store.repositories.blueprint import BlueprintRepository

__all__ = [
    "DRIVER_RESAMPLES",
    "DRIVER_SEED",
    "Formats",
    "period_range",
    "render_report",
    "report_cut",
]

_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$")


def period_range(text: str) -> tuple[date, date]:
    """The first and last day of `2026`, `2026-Q3` or `2026-07`.

    >>> period_range("2026-Q3")
    (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    """
    match = _PERIOD.match(text.strip())
    if match is None:
        raise InvalidInput(
            f"period: {text!r} is not YYYY, YYYY-Qn or YYYY-MM (e.g. 2026-Q3)"
        )
    year = int(match[1])
    if not 1900 <= year <= 2999:
        raise InvalidInput(f"period: year {year} is outside 1900-2999")
    if match[2]:
        first, last = 3 * int(match[2]) - 2, 3 * int(match[2])
    elif match[3]:
        first = last = int(match[3])
    else:
        first, last = 1, 12
    return date(year, first, 1), date(year, last, monthrange(year, last)[1])


def report_cut(
    period: str, location: str | None = None, where: Sequence[str] = ()
) -> Cut:
    """The cut of a report: the period's days, one location, any other filters."""
    since, until = period_range(period)
    filters = [*where, *([f"location={location}"] if location else [])]
    return parse_cut((), None, filters, since.isoformat(), until.isoformat())


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("belofte.services.report", "templates"),
        autoescape=True,  # every value: names and verbatims come from customers
        undefined=StrictUndefined,
    )


def _known_locations(ws: Workspace, codes: Sequence[str]) -> None:
    """An unknown location would give an empty report: refuse it by name."""
    if not codes:
        return
    with ws.session(read_only=True) as session:
        known = {
            code for code, _ in BlueprintRepository(session).catalogue()["location"]
        }
    unknown = sorted(set(codes) - known)
    if unknown:
        raise InvalidInput(
            f"location: unknown {unknown[0]!r} (`belofte blueprint show` lists them)"
        )


def render_report(
    ws: Workspace, engine: Engine, cut: Cut, language: Language = "en"
) -> str:
    """The report for `cut` (its period, filters) as one self-contained HTML page.

    Parameters: the workspace (for the verbatims), its analytics engine, the cut
    (`report_cut("2026-Q3", "utrecht-centrum")`), and `"nl"` or `"en"`.
    Returns the HTML text; nothing is written.
    """
    if language not in LABELS:
        raise InvalidInput(f"lang: {language!r} is not one of {', '.join(LABELS)}")
    _known_locations(ws, cut.where.get("location", ()))
    builder = SectionBuilder(ws, engine, cut, language)
    sections = [
        builder.overview(),
        builder.by("location"),
        builder.by("touchpoint"),
        builder.trend(),
        *builder.promise(),
        builder.drivers(),
    ]
    t, fmt = builder.t, builder.fmt
    filters = [
        f"{t.get(name, name)} = {', '.join(values)}"
        for name, values in cut.where.items()
    ]
    span = (
        f"{fmt.day(cut.since)} – {fmt.day(cut.until)}"
        if cut.since and cut.until
        else t["all_time"]
    )
    return (
        _environment()
        .get_template("report.html")
        .render(
            lang=language,
            t=t,
            span=span,
            filters=filters,
            workspace=ws.path.name,
            generated=fmt.day(date.today()),
            sections=sections,
            notes=list(builder.notes),
        )
    )
