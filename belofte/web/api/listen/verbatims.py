"""GET /api/v1/verbatims: the text explorer's search, paged, redacted text only.

No `from __future__ import annotations` here: FastAPI reads the parameters
from the route functions' annotations at runtime.
"""

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import StringConstraints

from belofte.domain.access import Permission, Principal
from belofte.services.listen.verbatims import (
    MAX_PAGE_SIZE,
    VerbatimFilters,
    search_verbatims,
)
from belofte.web.auth import requires, workspace_of
from belofte.web.schemas.results import Day
from belofte.web.schemas.text import SentimentLabel
from belofte.web.schemas.verbatims import Emotion, VerbatimPageOut

router = APIRouter(prefix="/api/v1", tags=["text"])
Reader = Annotated[Principal, Depends(requires(Permission.READ_VERBATIMS))]
Code = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f]+$")
]


@dataclass(frozen=True, slots=True)
class _Query:
    """The search's query parameters, each repeatable (any of its values)."""

    theme: Annotated[list[Code] | None, Query(description="Theme codes.")] = None
    pillar: Annotated[list[Code] | None, Query(description="Pillar codes.")] = None
    touchpoint: Annotated[list[Code] | None, Query(description="Touchpoints.")] = None
    sentiment: Annotated[list[SentimentLabel] | None, Query()] = None
    emotion: Annotated[list[Emotion] | None, Query()] = None
    language: Annotated[list[Code] | None, Query(description="nl, en, ...")] = None
    location: Annotated[list[Code] | None, Query(description="Locations.")] = None
    since: Annotated[Day | None, Query(description="From this date.")] = None
    until: Annotated[Day | None, Query(description="Up to this date.")] = None
    q: Annotated[
        str | None,
        Query(max_length=200, pattern=r"^[^\x00]*$", description="Text contains."),
    ] = None

    def filters(self) -> VerbatimFilters:
        """As the service's filters."""
        return VerbatimFilters(
            themes=tuple(self.theme or ()),
            pillars=tuple(self.pillar or ()),
            touchpoints=tuple(self.touchpoint or ()),
            sentiments=tuple(self.sentiment or ()),
            emotions=tuple(self.emotion or ()),
            languages=tuple(self.language or ()),
            locations=tuple(self.location or ()),
            since=self.since,
            until=self.until,
            text=self.q,
        )


@router.get("/verbatims", operation_id="search_verbatims")
def search(
    request: Request,
    principal: Reader,
    query: Annotated[_Query, Depends()],
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
) -> VerbatimPageOut:
    """Redacted verbatims with their labels and evidence spans, newest first.

    Managers get only their locations' texts; asking for another is 403.
    """
    found = search_verbatims(
        workspace_of(request), principal, query.filters(), page=page, size=size
    )
    return VerbatimPageOut.model_validate(found.as_json())
