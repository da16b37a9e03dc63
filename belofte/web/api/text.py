"""The text API: analyse a text, read a stored enrichment, correct labels.

No `from __future__ import annotations` here: FastAPI reads the body models from
the route functions' annotations at runtime.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from belofte.services.enrichment import analyse_text, correct_labels, stored_enrichment
from belofte.services.workspace import Workspace
from belofte.web.schemas.text import (
    AnalyseRequest,
    AnalyseResult,
    CorrectionRequest,
    CorrectionResult,
)

router = APIRouter(prefix="/api/v1", tags=["text"])
VerbatimId = Annotated[
    int, Path(ge=1, le=2**62, description="Id of a stored verbatim.")
]


def _workspace(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


@router.post("/text/analyse", operation_id="analyse_text")
def analyse(request: Request, body: AnalyseRequest) -> AnalyseResult:
    """Analyse one text (redacted first); nothing is stored."""
    result = analyse_text(_workspace(request), body.text)
    return AnalyseResult.model_validate(result.as_json())


@router.get("/verbatims/{verbatim_id}/enrichment", operation_id="verbatim_enrichment")
def enrichment(request: Request, verbatim_id: VerbatimId) -> dict[str, Any]:
    """A stored text (redacted) and its analysis; ``enrichment`` null before it."""
    return stored_enrichment(_workspace(request), verbatim_id)


@router.post("/verbatims/{verbatim_id}/labels", operation_id="correct_labels")
def correct(
    request: Request, verbatim_id: VerbatimId, body: CorrectionRequest
) -> CorrectionResult:
    """Correct a text's labels; the next `belofte text learn` uses them."""
    correct_labels(
        _workspace(request),
        verbatim_id,
        sentiment=body.sentiment,
        aspects=body.aspects,
        by=body.by,
    )
    return CorrectionResult(
        verbatim_id=verbatim_id,
        corrected=(body.sentiment is not None) + len(body.aspects),
    )
