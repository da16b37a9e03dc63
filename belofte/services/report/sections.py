"""The sections of a results view, built from the Measure services for one cut.

`SectionBuilder(ws, engine, cut, language)` runs the very services the results
API runs (`metrics.scores`, `promise.promise`, `drivers.drivers`, with the
API's defaults) and turns each result into a `Section`: a title, a lead, an
inline SVG chart (`report_charts`), tables whose cells keep the exact numbers
(`data-value`), and quotes. The report and the web pages render the same
sections with the same macro (`report_templates/sections.html`), so a page, the
report and the API show one number for one question.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from markupsafe import Markup

from belofte.analytics.cuts import Cut, Period
from belofte.analytics.engine import Engine
from belofte.errors import InvalidInput
from belofte.services.measure.drivers import drivers
from belofte.services.measure.journeys import paths as journey_paths
from belofte.services.measure.metrics import ScoreOptions, scores
from belofte.services.measure.promise import promise
from belofte.services.measure.results import ResultTable
from belofte.services.report import charts as charts
from belofte.services.report.labels import LABELS, Language
from belofte.services.workspace import Workspace

__all__ = [
    "DRIVER_RESAMPLES",
    "DRIVER_SEED",
    "Cell",
    "Formats",
    "Section",
    "SectionBuilder",
    "Table",
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
        """A number with `digits` decimals, grouped the language's way."""
        text = f"{value:,.{digits}f}"
        if self.language == "nl":
            text = text.translate(str.maketrans(",.", ".,"))
        return text.replace("-", "−")

    def day(self, value: date) -> str:
        """A date: 31-12-2026 in Dutch, 31 Dec 2026 in English."""
        if self.language == "nl":
            return f"{value.day:02d}-{value.month:02d}-{value.year}"
        # Not strftime("%b"): that follows the process's locale.
        return f"{value.day:02d} {_MONTHS[value.month - 1]} {value.year}"

    def moment(self, value: datetime) -> str:
        """A date and time of day (in the zone `value` carries)."""
        return f"{self.day(value.date())} {value:%H:%M}"

    def score(self, value: float) -> str:
        """An NPS (a proportion in [-1, 1]) as points."""
        return self.number(value * 100, 1)

    def share(self, value: float) -> str:
        """A proportion as a percentage."""
        return self.number(value * 100, 1) + "%"

    def mean(self, value: float) -> str:
        """A mean on its own scale."""
        return self.number(value, 2)

    def p(self, value: float) -> str:
        """A p-value."""
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


class SectionBuilder:
    """Runs the services and turns their results into sections."""

    def __init__(self, ws: Workspace, engine: Engine, cut: Cut, language: Language):
        self.ws, self.engine, self.cut = ws, engine, cut
        self.t, self.fmt = LABELS[language], Formats(language)
        self.notes: dict[str, None] = {}
        # One query per grain gives the trends of all three scores.
        self._periods: dict[str, ResultTable] = {}

    def _note(self, result: ResultTable) -> None:
        self.notes.update(dict.fromkeys(result.notes))

    def overview(self) -> Section:
        """Every score over the whole cut."""
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

    def by(self, dimension: str, *, league: bool = False) -> Section:
        """NPS (raw and shrunken), CSAT and CES per value of `dimension`.

        `league`: chart the shrunken NPS, best first, so a small store's lucky
        month does not top the list (its interval stays visibly wide).
        """
        t, fmt = self.t, self.fmt
        result = scores(self.engine, replace(self.cut, by=(dimension,)))
        self._note(result)
        shown = "nps_shrunken" if league else "nps"
        ranked = [r for r in result.rows if r.get(shown) is not None]
        if league:
            ranked.sort(key=lambda r: -float(r[shown]))
        items = [
            charts.Bar(
                r[dimension],
                r[shown],
                r.get(f"{shown}_low"),
                r.get(f"{shown}_high"),
                f"n={fmt.number(r['nps_n'], 0)}",
                bool(r["nps_warnings"]),
            )
            for r in ranked
        ]
        title = t["league"] if league else t[f"nps_by_{dimension}"]
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
        key, lead = (
            ("league", t["league_lead"]) if league else (dimension, t["bars_lead"])
        )
        return Section(key, title, lead, chart, [table])

    def trend(self, metric: str = "nps", grain: str = "month") -> Section:
        """`metric` per period with its band; significant changes flagged (Holm)."""
        t, fmt = self.t, self.fmt
        show = {"nps": fmt.score, "csat": fmt.share, "ces": fmt.mean}[metric]
        if grain not in self._periods:
            cut = replace(self.cut, period=Period(grain))
            options = ScoreOptions(metrics=("nps", "csat", "ces"))
            self._periods[grain] = scores(self.engine, cut, options)
        result = self._periods[grain]
        self._note(result)
        points = [
            charts.Bar(
                r["period"],
                r[metric],
                r[f"{metric}_low"],
                r[f"{metric}_high"],
                note=f"n={fmt.number(r[f'{metric}_n'], 0)}",
                flagged=bool(r.get(f"{metric}_change_significant")),
            )
            for r in result.rows
            if r.get(metric) is not None
        ]
        changed = f"{metric}_change_p_adjusted"
        rows = tuple(
            (
                str(r["period"]),
                (
                    Cell(str(r["period"])),
                    _count(r, f"{metric}_n", fmt),
                    _estimate(r, metric, show, fmt),
                    _estimate(r, f"{metric}_change", show, fmt),
                    Cell(
                        fmt.p(r[changed]) if r.get(changed) is not None else "–",
                        changed,
                        r.get(changed),
                        numeric=True,
                    ),
                    _warnings(r.get(f"{metric}_warnings"), t["warning_codes"]),
                ),
            )
            for r in result.rows
        )
        title = t["trend_title"].format(metric=t[metric], grain=t["grains"][grain])
        lead = t["trend_lead"].format(metric=t[metric], grain=t["grains"][grain])
        headers = (t["period"], "n", t[metric], t["change"], t["p_adjusted"])
        chart = charts.trend(points, title, show) if points else None
        key = "trend" if metric == "nps" else f"trend-{metric}"
        table = Table(f"{metric}-{grain}", (*headers, t["warnings"]), rows)
        return Section(key, title, lead, chart, [table])

    def promise(self) -> list[Section]:
        """The delivery heat map and consistency, then the weakest links."""
        t, fmt = self.t, self.fmt
        report = promise(self.ws, self.engine, self.cut, evidence=EVIDENCE)
        for result in report.tables():
            self._note(result)
        delivery = [r for r in report.delivery.rows if r.get("kept_rate") is not None]
        pillars = sorted({str(r["pillar"]) for r in delivery})
        touchpoints = sorted({str(r["touchpoint"]) for r in delivery})
        cells = {
            (str(r["pillar"]), str(r["touchpoint"])): charts.HeatCell(
                float(r["kept_rate"]),
                int(r["kept_rate_n"]),
                r.get("kept_rate_low"),
                r.get("kept_rate_high"),
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

    def journeys(self, top: int = 12) -> Section:
        """The most frequent paths as a Sankey, with NPS and detractor shares."""
        t, fmt = self.t, self.fmt
        result = journey_paths(self.engine, self.cut, top=top)
        self._note(result)
        flows = [
            charts.Flow(
                tuple(str(r["path"]).split(" > ")),
                int(r["answers"]),
                float(r["detractor_share"]),
            )
            for r in result.rows
            if r.get("detractor_share") is not None
        ]
        chart = charts.sankey(flows, t["journeys"], fmt.share) if flows else None
        rows = tuple(
            (
                str(r["path"]),
                (
                    Cell(str(r["path"])),
                    _count(r, "answers", fmt),
                    _estimate(r, "nps", fmt.score, fmt),
                    _estimate(r, "detractor_share", fmt.share, fmt),
                    Cell(
                        fmt.number(100 * r["detractor_share_vs_rest"], 1)
                        + (" *" if r["detractor_share_vs_rest_significant"] else ""),
                        "detractor_share_vs_rest",
                        r["detractor_share_vs_rest"],
                        numeric=True,
                    ),
                ),
            )
            for r in result.rows
        )
        headers = (t["path"], t["answers"], "NPS", t["detractor_share"], t["vs_rest"])
        table = Table("paths", headers, rows)
        return Section("journeys", t["journeys"], t["journeys_lead"], chart, [table])

    def drivers(self, *, themes: bool = False) -> Section:
        """Key drivers of NPS: importance against performance.

        `themes`: the themes customers write about (performance: the share of
        their mentions that say the promise was kept) instead of the ratings.
        """
        t, fmt = self.t, self.fmt
        key, title = (
            ("drivers-themes", t["drivers_themes"])
            if themes
            else (
                "drivers",
                t["drivers"],
            )
        )
        lead = t["drivers_themes_lead"] if themes else t["drivers_lead"]
        performance = fmt.share if themes else fmt.mean
        section = Section(key, title, lead)
        try:
            result = drivers(
                self.engine,
                self.cut,
                source="themes" if themes else "ratings",
                resamples=DRIVER_RESAMPLES,
                seed=DRIVER_SEED,
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
            title,
            t["importance"],
            t["performance"],
            lambda v: fmt.number(v, 0) + "%",
            performance,
        )
        quadrants: dict[str, str] = t["quadrants"]
        rows = tuple(
            (
                str(r["driver"]),
                (
                    Cell(str(r["driver"])),
                    _estimate(r, "percent", lambda v: fmt.number(v, 1) + "%", fmt),
                    Cell(
                        performance(r["performance"])
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
        section.lead = lead + (
            f" R² = {fmt.number(r2, 3)}, n = {fmt.number(summary['n'], 0)}."
            if r2 is not None
            else ""
        )
        headers = (t["driver"], t["importance"], t["performance"], t["quadrant"])
        section.tables.append(Table(key, headers, rows))
        return section
