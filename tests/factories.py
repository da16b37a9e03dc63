"""Factories for store rows in tests (each takes a session and returns the row)."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import count

from sqlalchemy import select
from sqlalchemy.orm import Session

from belofte.store import tables as t

_ids = count(1)
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def id_of(session: Session, model: type[t.Base], code: str) -> int:
    row_id = session.scalar(select(model.id).where(model.code == code))  # type: ignore[attr-defined]
    assert row_id is not None, code
    return int(row_id)


def make_verbatim(
    session: Session,
    *,
    touchpoint: str | None = None,
    location: str | None = None,
    text: str = "De bezorging was te laat",
) -> t.Verbatim:
    verbatim = t.Verbatim(
        source="test",
        external_id=f"v{next(_ids)}",
        content_hash="0" * 64,
        imported_at=NOW,
        kind="survey",
        touchpoint_id=id_of(session, t.TouchpointRow, touchpoint)
        if touchpoint
        else None,
        location_id=id_of(session, t.LocationRow, location) if location else None,
        occurred_at=NOW,
        language="nl",
        text_redacted=text,
        attributes={},
    )
    session.add(verbatim)
    session.flush()
    return verbatim


def make_aspect(
    session: Session, verbatim: t.Verbatim, theme: str
) -> t.EnrichmentAspect:
    enrichment = t.Enrichment(
        verbatim_id=verbatim.id,
        model_version="test",
        language="nl",
        sentiment_label="negative",
        sentiment_score=-0.6,
        emotions={},
        evidence={},
        enriched_at=NOW,
    )
    session.add(enrichment)
    session.flush()
    aspect = t.EnrichmentAspect(
        enrichment_id=enrichment.id,
        theme_id=id_of(session, t.ThemeRow, theme),
        sentiment_label="negative",
        sentiment_score=-0.6,
        spans=[[4, 13]],
    )
    session.add(aspect)
    session.flush()
    return aspect
