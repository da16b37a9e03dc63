"""The text API: analyse a text, read a stored enrichment, correct labels.

No `from __future__ import annotations` here: FastAPI reads the body models from
the route functions' annotations at runtime.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request

from belofte.domain.access import Permission, Principal
from belofte.services.listen.enrichment import (
    analyse_text,
    correct_labels,
    stored_enrichment,
)
from belofte.services.workspace import Workspace
from belofte.web.auth import requires
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


Analyst = Annotated[Principal, Depends(requires(Permission.ANALYSE_TEXT))]
Reader = Annotated[Principal, Depends(requires(Permission.READ_VERBATIMS))]
Corrector = Annotated[Principal, Depends(requires(Permission.CORRECT_LABELS))]


def _workspace(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


@router.post("/text/analyse", operation_id="analyse_text")
def analyse(request: Request, body: AnalyseRequest, _: Analyst) -> AnalyseResult:
    """Analyse one text (redacted first); nothing is stored."""
    result = analyse_text(_workspace(request), body.text)
    return AnalyseResult.model_validate(result.as_json())


@router.get("/verbatims/{verbatim_id}/enrichment", operation_id="verbatim_enrichment")
def enrichment(
    request: Request, verbatim_id: VerbatimId, principal: Reader
) -> dict[str, Any]:
    """A stored text (redacted) and its analysis; ``enrichment`` null before it.

    Managers and staff get 404 for a text of another location.
    """
    return stored_enrichment(_workspace(request), verbatim_id, principal)


@router.post("/verbatims/{verbatim_id}/labels", operation_id="correct_labels")
def correct(
    request: Request,
    verbatim_id: VerbatimId,
    body: CorrectionRequest,
    principal: Corrector,
) -> CorrectionResult:
    """Correct a text's labels; the next `belofte text learn` uses them.

    The correction is recorded under the caller's name.
    """
    correct_labels(
        _workspace(request),
        verbatim_id,
        sentiment=body.sentiment,
        aspects=body.aspects,
        by=principal.actor,
        principal=principal,
    )
    return CorrectionResult(
        verbatim_id=verbatim_id,
        corrected=(body.sentiment is not None) + len(body.aspects),
    )
