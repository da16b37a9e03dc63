"""POST /api/v1/records/{kind} and /batch: the ingest API.

No `from __future__ import annotations` here: FastAPI reads the body models from
the route functions' annotations at runtime, and these models are made per kind.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from pydantic import BaseModel

from belofte.domain.access import Permission, Principal
from belofte.ingest.kinds import RecordKind
from belofte.services.listen.imports import ingest_records
from belofte.web.auth import requires
from belofte.web.middleware import BoundedJsonRoute
from belofte.web.schemas.records import (
    MAX_BATCH,
    IngestResult,
    batch_model,
    record_model,
)

SourceQuery = Annotated[
    str,
    Query(
        min_length=1,
        max_length=100,
        pattern=r"^[A-Za-z0-9._-]+$",
        description="Name of the sending system; with a record's id, the natural key.",
    ),
]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="Key for records without an id: a retry stores nothing twice.",
    ),
]

#: Admin and analyst API tokens only: the ingest API is for machines.
Ingester = Annotated[Principal, Depends(requires(Permission.INGEST, tokens_only=True))]


def _result(kind: RecordKind, source: str, summary: Any) -> IngestResult:
    return IngestResult(
        kind=kind.value,
        source=source,
        received=summary.read,
        stored=summary.stored,
        updated=summary.updated,
        duplicates=summary.duplicates,
    )


class _RecordsRoute(BoundedJsonRoute):
    # A batch is one object holding one array of flat records.
    max_containers = MAX_BATCH + 2
    bound_reason = f"a batch holds at most {MAX_BATCH:,} records"


def build_router(max_chars: int) -> APIRouter:
    """One pair of routes per record kind, each with its own documented body."""
    router = APIRouter(
        prefix="/api/v1/records", tags=["ingest"], route_class=_RecordsRoute
    )
    for kind in RecordKind:
        record = record_model(kind, max_chars)
        batch = batch_model(kind, record)
        _add_routes(router, kind, record, batch)
    return router


# Routes are plain functions: FastAPI runs them in its thread pool, so a database
# write never blocks the event loop.
def _add_routes(
    router: APIRouter, kind: RecordKind, record: type[BaseModel], batch: type[BaseModel]
) -> None:
    def one(
        request: Request,
        body: record,  # type: ignore[valid-type]
        principal: Ingester,
        source: SourceQuery = "api",
        idempotency_key: IdempotencyKey = None,
    ) -> IngestResult:
        payload = body.model_dump(exclude_unset=True)  # type: ignore[attr-defined]
        summary = ingest_records(
            request.app.state.workspace,
            kind,
            [payload],
            source=source,
            idempotency_key=idempotency_key,
            actor=principal.actor,
        )
        return _result(kind, source, summary)

    def many(
        request: Request,
        body: batch,  # type: ignore[valid-type]
        principal: Ingester,
        source: SourceQuery = "api",
        idempotency_key: IdempotencyKey = None,
    ) -> IngestResult:
        payloads = [r.model_dump(exclude_unset=True) for r in body.records]  # type: ignore[attr-defined]
        summary = ingest_records(
            request.app.state.workspace,
            kind,
            payloads,
            source=source,
            idempotency_key=idempotency_key,
            actor=principal.actor,
        )
        return _result(kind, source, summary)

    router.add_api_route(
        f"/{kind.value}",
        one,
        methods=["POST"],
        status_code=200,
        summary=f"Store one {kind.value} record",
        operation_id=f"ingest_{kind.value}",
    )
    router.add_api_route(
        f"/{kind.value}/batch",
        many,
        methods=["POST"],
        summary=f"Store up to 10,000 {kind.value} records",
        operation_id=f"ingest_{kind.value}_batch",
    )
