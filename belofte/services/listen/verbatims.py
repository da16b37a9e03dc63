"""The text explorer's read: redacted verbatims by filter, newest first, paged.

A scoped caller (manager, staff) reads only its own locations: asking for
another location is NotPermitted, exactly as for figures (`scope_filter`).
Dates are the workspace's local calendar days, as in every analysis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from belofte.analytics.engine import Engine
from belofte.domain.access import Principal, scope_filter
from belofte.errors import InvalidInput
from belofte.services.access.scope import LOCATION
from belofte.services.measure.resultcache import cached
from belofte.services.workspace import Workspace
from belofte.store.repositories.enrichments import EnrichmentRepository
from belofte.store.repositories.verbatims import (
    FoundVerbatim,
    VerbatimCriteria,
    VerbatimRepository,
)

__all__ = [
    "MAX_PAGE_SIZE",
    "VerbatimFilters",
    "VerbatimPage",
    "corrections_of",
    "search_verbatims",
]

MAX_PAGE_SIZE = 200
#: The days a filter may name (a later one would overflow its day's end).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


@dataclass(frozen=True, slots=True)
class VerbatimFilters:
    """What the caller asked for; each tuple keeps texts matching any of its values."""

    themes: tuple[str, ...] = ()
    pillars: tuple[str, ...] = ()
    touchpoints: tuple[str, ...] = ()
    sentiments: tuple[str, ...] = ()
    emotions: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None  # inclusive
    text: str | None = None


@dataclass(frozen=True, slots=True)
class VerbatimPage:
    """One page of matching verbatims and how many match in all."""

    total: int
    page: int
    size: int
    items: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready body."""
        return {
            "total": self.total,
            "page": self.page,
            "size": self.size,
            "items": list(self.items),
        }


def search_verbatims(
    ws: Workspace,
    principal: Principal | None,
    filters: VerbatimFilters,
    *,
    page: int = 1,
    size: int = 50,
) -> VerbatimPage:
    """The `page`-th `size` newest verbatims matching `filters` in the caller's scope.

    `principal` None is the workspace's own process (CLI, Python API): no scope.
    """
    if page < 1:
        raise InvalidInput("page: must be 1 or more")
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise InvalidInput(f"size: must be between 1 and {MAX_PAGE_SIZE}")
    for name, day in (("since", filters.since), ("until", filters.until)):
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise InvalidInput(f"{name}: must be between {FIRST_DAY} and {LAST_DAY}")
    if filters.since and filters.until and filters.since > filters.until:
        raise InvalidInput("until: comes before since")
    locations: tuple[str, ...] | None = filters.locations or None
    if principal is not None:
        wanted = {LOCATION: filters.locations} if filters.locations else {}
        locations = scope_filter(principal, wanted, LOCATION).get(LOCATION)
    zone = ZoneInfo(ws.settings.timezone)
    criteria = VerbatimCriteria(
        locations=locations,
        themes=filters.themes,
        pillars=filters.pillars,
        touchpoints=filters.touchpoints,
        sentiments=filters.sentiments,
        emotions=filters.emotions,
        languages=filters.languages,
        start=_midnight(filters.since, zone),
        end=_midnight(filters.until + timedelta(days=1), zone)
        if filters.until
        else None,
        text=filters.text.strip() or None if filters.text else None,
    )
    ws.require_current_schema()

    def read(_engine: Engine) -> VerbatimPage:
        with ws.session(read_only=True) as session:
            total, found = VerbatimRepository(session).search(
                criteria, offset=(page - 1) * size, limit=size
            )
        return VerbatimPage(total, page, size, tuple(_item(v, zone) for v in found))

    # Texts and their labels are facts of the data version, like the figures:
    # the same page asked again (back from a correction, paging back) is kept.
    return cached(ws, ("verbatims", criteria, page, size), read)


def corrections_of(
    ws: Workspace, verbatim_ids: Sequence[int]
) -> dict[int, tuple[str | None, dict[str, str]]]:
    """The standing label corrections of these texts: (sentiment, theme -> label).

    Callers pass ids they already read through `search_verbatims` (in scope).
    """
    if not verbatim_ids:
        return {}
    with ws.session(read_only=True) as session:
        return EnrichmentRepository(session).corrections(verbatim_ids)


def _midnight(day: date | None, zone: ZoneInfo) -> datetime | None:
    if day is None:
        return None
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)


def _item(found: FoundVerbatim, zone: ZoneInfo) -> dict[str, Any]:
    moment = found.occurred_at
    if moment.tzinfo is None:  # SQLite keeps UTC without an offset
        moment = moment.replace(tzinfo=UTC)
    evidence = found.evidence
    emotion_spans = evidence.get("emotions") or {}
    sentiment = (
        None
        if found.sentiment_label is None
        else {
            "label": found.sentiment_label,
            "score": found.sentiment_score,
            "spans": evidence.get("sentiment") or [],
        }
    )
    return {
        "id": found.id,
        "kind": found.kind,
        "occurred_at": moment.astimezone(zone).isoformat(),
        "location": found.location,
        "touchpoint": found.touchpoint,
        "channel": found.channel,
        "language": found.language,
        "rating": found.rating,
        "text": found.text,
        "sentiment": sentiment,
        "emotions": [
            {"name": name, "score": score, "spans": emotion_spans.get(name, [])}
            for name, score in sorted(found.emotions.items(), key=lambda e: -e[1])
        ],
        "aspects": [
            {
                "theme": a.theme,
                "pillar": a.pillar,
                "touchpoint": a.touchpoint,
                "sentiment": a.sentiment,
                "score": a.score,
                "spans": a.spans,
            }
            for a in found.aspects
        ],
        "model_version": found.model_version,
    }
