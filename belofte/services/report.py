"""One self-contained HTML report of a period: scores, promise delivery, drivers.

`render_report(ws, engine, cut, language)` runs the very services the results
API runs (`metrics.scores`, `promise.promise`, `drivers.drivers`, with the
API's defaults), so every number in the report is the API's number for the
same filters. It returns one HTML string: inline CSS and SVG charts, no script
and no external URL, printable with sensible page breaks. Every value from the
data (names, verbatims) is escaped by Jinja2's autoescape or by `report_charts`.

The template lives beside this module (`report_templates/`), not in
`web/templates`: the service renders it, and services may not import the web
layer; the report is a file for offline reading, not a page of the app.
"""

from __future__ import annotations

import math
import re
from calendar import monthrange
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from belofte.analytics.cuts import Cut, Period, parse_cut
from belofte.analytics.engine import Engine
from belofte.errors import InvalidInput
from belofte.services import report_charts as charts
from belofte.services.drivers import drivers
from belofte.services.metrics import ScoreOptions, scores
from belofte.services.promise import promise
from belofte.services.report_labels import LABELS, Language
from belofte.services.results import ResultTable
from belofte.services.workspace import Workspace

__all__ = [
    "DRIVER_RESAMPLES",
    "DRIVER_SEED",
    "period_range",
    "render_report",
    "report_cut",
]

#: The results API's defaults for `GET /api/v1/drivers`, so the numbers agree.
DRIVER_RESAMPLES, DRIVER_SEED = 1000, 20261129
#: Quotes per weakest link (the API's default `evidence`).
EVIDENCE = 3

_MONTHS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
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


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: its text, and the exact number behind it for machines."""

    text: str
    field: str = ""
    value: float | int | None = None
    low: float | None = None
    high: float | None = None
    numeric: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the report, named for tests and machines (`data-table`)."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Cell, ...]], ...]


@dataclass(slots=True)
class Section:
    """A titled part of the report: a chart, tables, quotes, an explanation."""

    key: str
    title: str
    lead: str = ""
    chart: Markup | None = None
    tables: list[Table] = field(default_factory=list)
    quotes: list[tuple[str, list[str]]] = field(default_factory=list)
    message: str = ""


class Formats:
    """Numbers and dates in the report's language (nl: 1.234,5 and 31-12-2026)."""

    def __init__(self, language: Language) -> None:
        self.language = language

    def number(self, value: float, digits: int = 1) -> str:
        text = f"{value:,.{digits}f}"
        if self.language == "nl":
            text = text.translate(str.maketrans(",.", ".,"))
        return text.replace("-", "−")

    def day(self, value: date) -> str:
        if self.language == "nl":
            return f"{value.day:02d}-{value.month:02d}-{value.year}"
        # Not strftime("%b"): that follows the process's locale.
        return f"{value.day:02d} {_MONTHS[value.month - 1]} {value.year}"

    def score(self, value: float) -> str:
        return self.number(value * 100, 1)

    def share(self, value: float) -> str:
        return self.number(value * 100, 1) + "%"

    def mean(self, value: float) -> str:
        return self.number(value, 2)

    def p(self, value: float) -> str:
        return "<" + self.number(0.001, 3) if value < 0.001 else self.number(value, 3)


def _estimate(
    row: dict[str, Any], prefix: str, show: Callable[[float], str], fmt: Formats
) -> Cell:
    value = row.get(prefix)
    if value is None:
        return Cell("–", prefix)
    low, high = row.get(f"{prefix}_low"), row.get(f"{prefix}_high")
    text = show(value)
    if low is not None and high is not None:
        separator = "; " if fmt.language == "nl" else ", "
        text += f" [{show(low)}{separator}{show(high)}]"
    return Cell(text, prefix, value, low, high, numeric=True)


def _count(row: dict[str, Any], key: str, fmt: Formats) -> Cell:
    value = row.get(key)
    if value is None:
        return Cell("–", key)
    return Cell(fmt.number(value, 0), key, value, numeric=True)


def _warnings(text: str | None, words: dict[str, str]) -> Cell:
    codes = [c for c in (text or "").split(",") if c]
    return Cell(", ".join(words.get(c, c) for c in codes), "warnings")


class _Builder:
    """Runs the services and turns their results into sections."""

    def __init__(self, ws: Workspace, engine: Engine, cut: Cut, language: Language):
        self.ws, self.engine, self.cut = ws, engine, cut
        self.t, self.fmt = LABELS[language], Formats(language)
        self.notes: dict[str, None] = {}

    def _note(self, result: ResultTable) -> None:
        self.notes.update(dict.fromkeys(result.notes))

    def overview(self) -> Section:
        result = scores(self.engine, self.cut)
        self._note(result)
        t, fmt = self.t, self.fmt
        row = result.rows[0] if result.rows else {}
        shows = {"nps": fmt.score, "csat": fmt.share, "ces": fmt.mean}
        shows["sentiment"] = fmt.mean
        rows = tuple(
            (
                metric,
                (
                    Cell(t[metric]),
                    _count(row, f"{metric}_n", fmt),
                    _estimate(row, metric, show, fmt),
                    _warnings(row.get(f"{metric}_warnings"), t["warning_codes"]),
                ),
            )
            for metric, show in shows.items()
        )
        table = Table(
            "overview", (t["metric"], "n", t["estimate"], t["warnings"]), rows
        )
        return Section("overview", t["overview"], t["overview_lead"], tables=[table])

    def by(self, dimension: str) -> Section:
        t, fmt = self.t, self.fmt
        result = scores(self.engine, replace(self.cut, by=(dimension,)))
        self._note(result)
        items = [
            charts.Bar(
                r[dimension],
                r["nps"],
                r["nps_low"],
                r["nps_high"],
                f"n={fmt.number(r['nps_n'], 0)}",
                bool(r["nps_warnings"]),
            )
            for r in result.rows
            if r.get("nps") is not None
        ]
        title = t[f"nps_by_{dimension}"]
        rows = tuple(
            (
                str(r[dimension]),
                (
                    Cell(str(r[dimension])),
                    _count(r, "nps_n", fmt),
                    _estimate(r, "nps", fmt.score, fmt),
                    _estimate(r, "nps_shrunken", fmt.score, fmt),
                    _estimate(r, "csat", fmt.share, fmt),
                    _estimate(r, "ces", fmt.mean, fmt),
                    _warnings(r.get("nps_warnings"), t["warning_codes"]),
                ),
            )
            for r in result.rows
        )
        headers = (t[dimension], "n", "NPS", t["nps_shrunken"], "CSAT", "CES")
        table = Table(f"nps-{dimension}", (*headers, t["warnings"]), rows)
        chart = charts.bars(items, title, fmt.score) if items else None
        return Section(dimension, title, t["bars_lead"], chart, [table])

    def trend(self) -> Section:
        t, fmt = self.t, self.fmt
        cut = replace(self.cut, period=Period("month"))
        result = scores(self.engine, cut, ScoreOptions(metrics=("nps",)))
        self._note(result)
        points = [
            charts.Bar(
                r["period"],
                r["nps"],
                r["nps_low"],
                r["nps_high"],
                flagged=bool(r.get("nps_change_significant")),
            )
            for r in result.rows
            if r.get("nps") is not None
        ]
        rows = tuple(
            (
                str(r["period"]),
                (
                    Cell(str(r["period"])),
                    _count(r, "nps_n", fmt),
                    _estimate(r, "nps", fmt.score, fmt),
                    _estimate(r, "nps_change", fmt.score, fmt),
                    Cell(
                        fmt.p(r["nps_change_p_adjusted"])
                        if r.get("nps_change_p_adjusted") is not None
                        else "–",
                        "nps_change_p_adjusted",
                        r.get("nps_change_p_adjusted"),
                        numeric=True,
                    ),
                    _warnings(r.get("nps_warnings"), t["warning_codes"]),
                ),
            )
            for r in result.rows
        )
        headers = (t["month"], "n", "NPS", t["change"], t["p_adjusted"], t["warnings"])
        chart = charts.trend(points, t["trend"], fmt.score) if points else None
        table = Table("nps-month", headers, rows)
        return Section("trend", t["trend"], t["trend_lead"], chart, [table])

    def promise(self) -> list[Section]:
        t, fmt = self.t, self.fmt
        report = promise(self.ws, self.engine, self.cut, evidence=EVIDENCE)
        for result in report.tables():
            self._note(result)
        delivery = [r for r in report.delivery.rows if r.get("kept_rate") is not None]
        pillars = sorted({str(r["pillar"]) for r in delivery})
        touchpoints = sorted({str(r["touchpoint"]) for r in delivery})
        cells = {
            (str(r["pillar"]), str(r["touchpoint"])): (
                float(r["kept_rate"]),
                int(r["kept_rate_n"]),
            )
            for r in delivery
        }
        chart = (
            charts.heat_map(pillars, touchpoints, cells, t["delivery"], fmt.share)
            if cells
            else None
        )
        rows = tuple(
            (
                f"{r['pillar']} × {r['touchpoint']}",
                (
                    Cell(str(r["pillar"])),
                    Cell(str(r["touchpoint"])),
                    _count(r, "kept", fmt),
                    _count(r, "broken", fmt),
                    _estimate(r, "kept_rate", fmt.share, fmt),
                    _warnings(r.get("kept_rate_warnings"), t["warning_codes"]),
                ),
            )
            for r in report.delivery.rows
        )
        headers = (t["pillar"], t["touchpoint"], t["kept"], t["broken"], t["kept_rate"])
        delivery_table = Table("delivery", (*headers, t["warnings"]), rows)
        consistency = tuple(
            (
                f"{r['pillar']} / {r['across']}",
                (
                    Cell(str(r["pillar"])),
                    Cell(t.get(str(r["across"]), str(r["across"]))),
                    _count(r, "units", fmt),
                    _estimate(r, "tau", fmt.score, fmt),
                    Cell(str(r.get("weakest") or "–")),
                    _estimate(r, "weakest_kept_rate", fmt.share, fmt),
                ),
            )
            for r in report.consistency.rows
        )
        consistency_table = Table(
            "consistency",
            (
                t["pillar"],
                t["across"],
                t["units"],
                t["tau"],
                t["weakest"],
                t["kept_rate"],
            ),
            consistency,
        )
        weakest = tuple(
            (
                str(r["pillar"]),
                (
                    Cell(str(r["pillar"])),
                    Cell(f"{r['touchpoint']} @ {r['location']}"),
                    _estimate(r, "kept_rate_shrunken", fmt.share, fmt),
                    Cell(
                        fmt.share(r["kept_rate_raw"]),
                        "kept_rate_raw",
                        r["kept_rate_raw"],
                        numeric=True,
                    ),
                ),
            )
            for r in report.weakest.rows
        )
        weakest_table = Table(
            "weakest-links",
            (t["pillar"], t["cell"], t["kept_rate_shrunken"], t["kept_rate_raw"]),
            weakest,
        )
        quotes = [
            (f"{r['pillar']}: {r['touchpoint']} @ {r['location']}", list(r["evidence"]))
            for r in report.weakest.rows
            if r["evidence"]
        ]
        return [
            Section(
                "delivery",
                t["delivery"],
                t["delivery_lead"],
                chart,
                [delivery_table, consistency_table],
            ),
            Section(
                "weakest",
                t["weakest_links"],
                t["weakest_lead"],
                tables=[weakest_table],
                quotes=quotes,
            ),
        ]

    def drivers(self) -> Section:
        t, fmt = self.t, self.fmt
        section = Section("drivers", t["drivers"], t["drivers_lead"])
        try:
            result = drivers(
                self.engine, self.cut, resamples=DRIVER_RESAMPLES, seed=DRIVER_SEED
            )
        except InvalidInput as exc:  # no ratings in this cut: say so, keep the rest
            section.message = exc.message
            return section
        self._note(result)
        points = [
            charts.Point(str(r["driver"]), float(r["percent"]), float(r["performance"]))
            for r in result.rows
            if r.get("percent") is not None
            and r.get("performance") is not None
            and math.isfinite(r["performance"])
        ]
        section.chart = charts.scatter(
            points,
            t["drivers"],
            t["importance"],
            t["performance"],
            lambda v: fmt.number(v, 0) + "%",
            fmt.mean,
        )
        quadrants: dict[str, str] = t["quadrants"]
        rows = tuple(
            (
                str(r["driver"]),
                (
                    Cell(str(r["driver"])),
                    _estimate(r, "percent", lambda v: fmt.number(v, 1) + "%", fmt),
                    Cell(
                        fmt.mean(r["performance"])
                        if r.get("performance") is not None
                        else "–",
                        "performance",
                        r.get("performance"),
                        numeric=True,
                    ),
                    Cell(quadrants.get(str(r.get("quadrant")), "–"), "quadrant"),
                ),
            )
            for r in result.rows
        )
        summary = result.summary
        r2 = summary.get("r_squared")
        section.lead = t["drivers_lead"] + (
            f" R² = {fmt.number(r2, 3)}, n = {fmt.number(summary['n'], 0)}."
            if r2 is not None
            else ""
        )
        headers = (t["driver"], t["importance"], t["performance"], t["quadrant"])
        section.tables.append(Table("drivers", headers, rows))
        return section


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("belofte.services", "report_templates"),
        autoescape=True,  # every value: names and verbatims come from customers
        undefined=StrictUndefined,
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
    builder = _Builder(ws, engine, cut, language)
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
