"""Reading verbatims for the text explorer: filtered, scoped, paged, newest first.

Only redacted texts and their labels are read (never `verbatim_originals`, never
customers): every filter is a bound parameter in one SQL query, and the
location filter is applied here, in SQL, so a scoped caller's page and total
never count another location's texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from belofte.store.tables import (
    ChannelRow,
    Enrichment,
    EnrichmentAspect,
    LocationRow,
    PillarRow,
    ThemeRow,
    TouchpointRow,
    Verbatim,
)

__all__ = ["FoundAspect", "FoundVerbatim", "VerbatimCriteria", "VerbatimRepository"]


@dataclass(frozen=True, slots=True)
class VerbatimCriteria:
    """Which verbatims to read; an empty tuple means no filter on that field."""

    #: Location codes; None means every location (an unscoped caller).
    locations: tuple[str, ...] | None = None
    themes: tuple[str, ...] = ()
    pillars: tuple[str, ...] = ()
    touchpoints: tuple[str, ...] = ()
    sentiments: tuple[str, ...] = ()
    emotions: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    start: datetime | None = None  # UTC, inclusive
    end: datetime | None = None  # UTC, exclusive
    text: str | None = None  # case-insensitive substring of the redacted text


@dataclass(frozen=True, slots=True)
class FoundAspect:
    """A theme found in a verbatim, with its sentiment and evidence spans."""

    theme: str
    pillar: str
    touchpoint: str | None
    sentiment: str
    score: float
    spans: list[Any]


@dataclass(frozen=True, slots=True)
class FoundVerbatim:
    """One redacted verbatim with where it was written and its labels."""

    id: int
    kind: str
    occurred_at: datetime
    location: str | None
    touchpoint: str | None
    channel: str | None
    language: str | None
    rating: float | None
    text: str
    sentiment_label: str | None
    sentiment_score: float | None
    emotions: dict[str, Any]
    evidence: dict[str, Any]
    model_version: str | None
    aspects: tuple[FoundAspect, ...]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(
    c: VerbatimCriteria, dialect: str, *, scan: bool = False
) -> list[ColumnElement[bool]]:
    """The WHERE of `c`; `scan`: keep SQLite off the date index (see `search`)."""
    v, e, a = Verbatim, Enrichment, EnrichmentAspect
    when: ColumnElement[Any] = v.occurred_at.expression
    if scan and dialect == "sqlite":  # `+column`: SQLite's way to skip its index
        when = UnaryExpression(when, operator=custom_op("+"), type_=when.type)
    found: list[ColumnElement[bool]] = []
    if c.locations is not None:
        codes = select(LocationRow.id).where(LocationRow.code.in_(c.locations))
        found.append(v.location_id.in_(codes))
    if c.themes:
        themes = select(ThemeRow.id).where(ThemeRow.code.in_(c.themes))
        found.append(exists().where(a.enrichment_id == e.id, a.theme_id.in_(themes)))
    if c.pillars:
        pillars = (
            select(ThemeRow.id)
            .join(PillarRow, PillarRow.id == ThemeRow.pillar_id)
            .where(PillarRow.code.in_(c.pillars))
        )
        found.append(exists().where(a.enrichment_id == e.id, a.theme_id.in_(pillars)))
    if c.touchpoints:
        # Where it was written, or where a theme in it was placed (as mentions).
        points = select(TouchpointRow.id).where(TouchpointRow.code.in_(c.touchpoints))
        mentioned = exists().where(a.enrichment_id == e.id, a.touchpoint_id.in_(points))
        found.append(or_(v.touchpoint_id.in_(points), mentioned))
    if c.sentiments:
        found.append(e.sentiment_label.in_(c.sentiments))
    if c.emotions:
        found.append(or_(*(e.emotions[name].as_float() > 0 for name in c.emotions)))
    if c.languages:
        found.append(func.coalesce(e.language, v.language).in_(c.languages))
    if c.start is not None:
        found.append(when >= c.start)
    if c.end is not None:
        found.append(when < c.end)
    if c.text:
        pattern = f"%{_escape_like(c.text)}%"
        # SQLite's LIKE ignores ASCII case itself (as its lower() does, no more);
        # ILIKE would lower() every row first, which doubled the scan's cost.
        if dialect == "sqlite":
            found.append(v.text_redacted.like(pattern, escape="\\"))
        else:
            found.append(v.text_redacted.ilike(pattern, escape="\\"))
    return found


def _reads_labels(c: VerbatimCriteria) -> bool:
    """Whether a condition of `c` reads the enrichment (labels) of a text."""
    # The language filter reads the detected language first (coalesce).
    return any(
        (c.themes, c.pillars, c.touchpoints, c.sentiments, c.emotions, c.languages)
    )


class VerbatimRepository:
    """Searches redacted verbatims and their enrichments."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def search(
        self, criteria: VerbatimCriteria, *, offset: int, limit: int
    ) -> tuple[int, list[FoundVerbatim]]:
        """(how many match, the `limit` newest from `offset`)."""
        v, e = Verbatim, Enrichment
        dialect = self.session.get_bind().dialect.name
        where = _conditions(criteria, dialect)
        counted = select(func.count()).select_from(v)
        if _reads_labels(criteria):  # else the join only costs: 50 ms per 100k texts
            counted = counted.outerjoin(e, e.verbatim_id == v.id)
        # Counting a substring search reads every text anyway: one scan of the
        # table beats walking the date index row by row (20 ms vs 127 ms for
        # 100k texts). The page itself still walks the index, newest first.
        scan = _conditions(criteria, dialect, scan=bool(criteria.text))
        total = self.session.execute(counted.where(*scan)).scalar_one()
        location, point, channel = (
            aliased(LocationRow),
            aliased(TouchpointRow),
            aliased(ChannelRow),
        )
        rows: list[Any] = list(
            self.session.execute(
                select(
                    v.id,
                    v.kind,
                    v.occurred_at,
                    location.code,
                    point.code,
                    channel.code,
                    func.coalesce(e.language, v.language),
                    v.rating,
                    v.text_redacted,
                    e.sentiment_label,
                    e.sentiment_score,
                    e.emotions,
                    e.evidence,
                    e.model_version,
                    e.id,
                )
                .select_from(v)
                .outerjoin(e, e.verbatim_id == v.id)
                .outerjoin(location, location.id == v.location_id)
                .outerjoin(point, point.id == v.touchpoint_id)
                .outerjoin(
                    channel, channel.id == func.coalesce(v.channel_id, point.channel_id)
                )
                .where(*where)
                .order_by(v.occurred_at.desc(), v.id.desc())
                .offset(offset)
                .limit(limit)
            )
        )
        aspects = self._aspects([r[-1] for r in rows if r[-1] is not None])
        found = [
            FoundVerbatim(
                id=row[0],
                kind=row[1],
                occurred_at=row[2],
                location=row[3],
                touchpoint=row[4],
                channel=row[5],
                language=row[6],
                rating=row[7],
                text=row[8],
                sentiment_label=row[9],
                sentiment_score=row[10],
                emotions=row[11] or {},
                evidence=row[12] or {},
                model_version=row[13],
                aspects=tuple(aspects.get(row[14], ())),
            )
            for row in rows
        ]
        return int(total), found

    def _aspects(self, enrichment_ids: Sequence[int]) -> dict[int, list[FoundAspect]]:
        if not enrichment_ids:
            return {}
        a = EnrichmentAspect
        rows = self.session.execute(
            select(
                a.enrichment_id,
                ThemeRow.code,
                PillarRow.code,
                TouchpointRow.code,
                a.sentiment_label,
                a.sentiment_score,
                a.spans,
            )
            .join(ThemeRow, ThemeRow.id == a.theme_id)
            .join(PillarRow, PillarRow.id == ThemeRow.pillar_id)
            .outerjoin(TouchpointRow, TouchpointRow.id == a.touchpoint_id)
            .where(a.enrichment_id.in_(enrichment_ids))
            .order_by(a.id)
        )
        found: dict[int, list[FoundAspect]] = {}
        for enrichment_id, *values in rows:
            found.setdefault(enrichment_id, []).append(FoundAspect(*values))
        return found
