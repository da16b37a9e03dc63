"""What each page of the web app shows, for one caller and one set of filters.

Each view parses the caller's filters (`CutQuery`, as the results API takes
them), forces them into the caller's locations (`scoped_cut`) and builds the
page's sections with `SectionBuilder`: the very sections, numbers and charts
of the report and the results API. Pages stay thin: they render sections.

Views are kept for the data version they were computed at
(`services/measure/resultcache.py`): a second visit with the same filters, before
new data arrives, costs no query at all. The key is the scoped cut, so one
store's manager never sees a view built for another.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from belofte.analytics.cuts import Cut, parse_cut
from belofte.analytics.engine import Engine
from belofte.domain.access import Principal, Role, allowed_locations
from belofte.domain.promise import text_in
from belofte.errors import InvalidInput
from belofte.services.access.scope import LOCATION, scoped_cut
from belofte.services.measure.figures import CutQuery
from belofte.services.measure.resultcache import cached
from belofte.services.report.labels import Language
from belofte.services.report.sections import Section, SectionBuilder
from belofte.services.workspace import Workspace
from belofte.store.repositories.blueprint import BlueprintRepository
from belofte.text.labels import EMOTIONS

__all__ = [
    "GRAINS",
    "Choices",
    "choices",
    "dashboard",
    "driver_view",
    "journey_view",
    "location_view",
    "warm",
]

GRAINS = ("week", "month", "quarter")


@dataclass(frozen=True, slots=True)
class Choices:
    """The values a page's filters offer: (code, name in the page's language)."""

    locations: tuple[tuple[str, str], ...]
    channels: tuple[tuple[str, str], ...]
    touchpoints: tuple[tuple[str, str], ...]
    pillars: tuple[tuple[str, str], ...]
    themes: tuple[tuple[str, str], ...]
    segments: tuple[str, ...]
    emotions: tuple[str, ...] = EMOTIONS
    sentiments: tuple[str, ...] = ("positive", "neutral", "negative", "mixed")
    languages: tuple[str, ...] = ("nl", "en", "other")


def choices(ws: Workspace, principal: Principal, language: Language) -> Choices:
    """The filter values `principal` may pick: only their own locations if scoped."""
    ws.require_current_schema()
    with ws.session(read_only=True) as session:
        catalogue = BlueprintRepository(session).catalogue()
    allowed = allowed_locations(principal)

    def named(kind: str) -> tuple[tuple[str, str], ...]:
        return tuple(
            (code, text_in(name, language) if "*" not in name else name["*"])
            for code, name in catalogue[kind]
            if kind != LOCATION or allowed is None or code in allowed
        )

    # A manager's segment filter offers the segments of their own stores only.
    segments = cached(
        ws,
        ("segments", allowed),
        lambda engine: _segments(engine, allowed),
    )
    return Choices(
        named("location"),
        named("channel"),
        named("touchpoint"),
        named("pillar"),
        named("theme"),
        segments,
    )


def dashboard(
    ws: Workspace,
    principal: Principal,
    query: CutQuery,
    language: Language,
    grain: str = "month",
) -> list[Section]:
    """Scores, trends, promise delivery, weakest links, the store league."""
    cut = _scoped(ws, principal, query)
    _grain(grain)

    def build(engine: Engine) -> list[Section]:
        b = SectionBuilder(ws, engine, cut, language)
        sections = [b.overview(), *b.promise()]
        sections += [b.trend(metric, grain) for metric in ("nps", "csat", "ces")]
        sections += [b.by("location", league=True), b.by("touchpoint")]
        return sections

    return cached(ws, ("dashboard", cut, language, grain), build)


def location_view(
    ws: Workspace,
    principal: Principal,
    location: str,
    query: CutQuery,
    language: Language,
    grain: str = "month",
) -> list[Section]:
    """One store: its scores, trend, promise delivery and touchpoints."""
    where = tuple(w for w in query.where if not w.startswith(f"{LOCATION}="))
    cut = _scoped(
        ws, principal, replace(query, where=(*where, f"{LOCATION}={location}"))
    )
    _grain(grain)

    def build(engine: Engine) -> list[Section]:
        b = SectionBuilder(ws, engine, cut, language)
        return [
            b.overview(),
            b.trend("nps", grain),
            *b.promise(),
            b.by("touchpoint"),
        ]

    return cached(ws, ("location", cut, language, grain), build)


def driver_view(
    ws: Workspace, principal: Principal, query: CutQuery, language: Language
) -> list[Section]:
    """Key drivers of NPS, rated and written, with the API's defaults."""
    cut = _scoped(ws, principal, query)

    def build(engine: Engine) -> list[Section]:
        b = SectionBuilder(ws, engine, cut, language)
        return [b.drivers(), b.drivers(themes=True)]

    return cached(ws, ("drivers", cut, language), build)


def journey_view(
    ws: Workspace, principal: Principal, query: CutQuery, language: Language
) -> Section:
    """The most frequent paths with their detractor shares, as a Sankey."""
    cut = _scoped(ws, principal, query)

    def build(engine: Engine) -> Section:
        return SectionBuilder(ws, engine, cut, language).journeys()

    return cached(ws, ("journeys", cut, language), build)


def warm(ws: Workspace) -> None:
    """Compute the unfiltered dashboard in both languages ahead of the first visit.

    The web app calls this in a background thread when it starts: Monday
    morning's first look at the dashboard then costs a look-up, not seconds.
    """
    everyone = Principal("cli", 0, "warm-up", Role.ADMIN)
    for language in ("nl", "en"):
        dashboard(ws, everyone, CutQuery(), language)


def _scoped(ws: Workspace, principal: Principal, query: CutQuery) -> Cut:
    cut = parse_cut((), None, query.where, query.since, query.until)
    return scoped_cut(ws, principal, cut)


def _grain(grain: str) -> None:
    if grain not in GRAINS:
        raise InvalidInput(f"grain: {grain!r} is not one of {', '.join(GRAINS)}")


def _segments(engine: Engine, locations: frozenset[str] | None) -> tuple[str, ...]:
    """The customer segments found in the responses (of these locations)."""
    table = engine.table("responses")
    if locations is not None:
        table = table.filter(table[LOCATION].isin(sorted(locations)))
    frame = engine.execute(table.select("segment").distinct())
    return tuple(sorted(str(v) for v in frame["segment"] if v is not None))
