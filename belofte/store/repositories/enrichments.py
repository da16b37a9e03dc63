"""Text enrichments, label corrections, and the labelled texts learning reads.

Enrichment is incremental: a verbatim needs work when it has no enrichment
(new, or its text changed: the record writer drops the old one) or when its
enrichment came from another model version. Batches are read by id, so a run
that is interrupted simply continues where it stopped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from belofte.errors import NotFound
from belofte.store.tables import (
    Enrichment,
    EnrichmentAspect,
    LabelCorrection,
    Response,
    ThemeRow,
    Verbatim,
)

__all__ = [
    "AspectRow",
    "EnrichmentRepository",
    "EnrichmentRow",
    "LabelledVerbatim",
    "PendingText",
]


@dataclass(frozen=True, slots=True)
class AspectRow:
    """A theme found in a verbatim, ready to store."""

    theme_id: int
    touchpoint_id: int | None
    sentiment_label: str
    sentiment_score: float
    spans: list[list[int]]


@dataclass(frozen=True, slots=True)
class EnrichmentRow:
    """The enrichment of one verbatim, ready to store."""

    verbatim_id: int
    model_version: str
    language: str | None
    sentiment_label: str
    sentiment_score: float
    emotions: dict[str, float]
    evidence: dict[str, Any]
    aspects: tuple[AspectRow, ...]


@dataclass(frozen=True, slots=True)
class PendingText:
    """A verbatim waiting for (re-)enrichment."""

    id: int
    text: str
    language: str | None


@dataclass(frozen=True, slots=True)
class LabelledVerbatim:
    """A verbatim with the scores beside it and the corrections made to it."""

    id: int
    text: str
    language: str | None
    nps: int | None
    csat: int | None
    rating: float | None
    corrected_sentiment: str | None
    corrected_aspects: Mapping[str, str]  # theme code -> label ("absent": not there)


class EnrichmentRepository:
    """Reads and writes enrichments and label corrections."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # ------------------------------------------------------------ enrichment
    def _pending_filter(self, model_version: str, everything: bool) -> Any:
        if everything:
            return True
        return or_(Enrichment.id.is_(None), Enrichment.model_version != model_version)

    def count_pending(self, model_version: str, *, everything: bool = False) -> int:
        """How many verbatims a run would enrich."""
        query = (
            select(func.count())
            .select_from(Verbatim)
            .outerjoin(Enrichment, Enrichment.verbatim_id == Verbatim.id)
            .where(self._pending_filter(model_version, everything))
        )
        return int(self.session.execute(query).scalar_one())

    def pending(
        self,
        model_version: str,
        *,
        after: int = 0,
        limit: int = 1000,
        everything: bool = False,
        newest: bool = False,
    ) -> list[PendingText]:
        """The next batch of verbatims to enrich, by id.

        ``newest``: the most recent ones first (what an ingest just wrote),
        found without scanning the table from the start.
        """
        query = (
            select(Verbatim.id, Verbatim.text_redacted, Verbatim.language)
            .outerjoin(Enrichment, Enrichment.verbatim_id == Verbatim.id)
            .where(Verbatim.id > after, self._pending_filter(model_version, everything))
            .order_by(Verbatim.id.desc() if newest else Verbatim.id)
            .limit(limit)
        )
        return [PendingText(*row) for row in self.session.execute(query)]

    def save(self, results: Sequence[EnrichmentRow]) -> None:
        """Replace the enrichments of these verbatims with ``results``."""
        if not results:
            return
        ids = [r.verbatim_id for r in results]
        self.session.execute(delete(Enrichment).where(Enrichment.verbatim_id.in_(ids)))
        now = datetime.now(UTC)
        self.session.execute(
            insert(Enrichment),
            [
                {
                    "verbatim_id": r.verbatim_id,
                    "model_version": r.model_version,
                    "language": r.language,
                    "sentiment_label": r.sentiment_label,
                    "sentiment_score": r.sentiment_score,
                    "emotions": r.emotions,
                    "evidence": r.evidence,
                    "enriched_at": now,
                }
                for r in results
            ],
        )
        enrichment_ids = dict(
            self.session.execute(
                select(Enrichment.verbatim_id, Enrichment.id).where(
                    Enrichment.verbatim_id.in_(ids)
                )
            ).all()
        )
        aspects = [
            {
                "enrichment_id": enrichment_ids[r.verbatim_id],
                "theme_id": a.theme_id,
                "touchpoint_id": a.touchpoint_id,
                "sentiment_label": a.sentiment_label,
                "sentiment_score": a.sentiment_score,
                "spans": a.spans,
            }
            for r in results
            for a in r.aspects
        ]
        if aspects:
            self.session.execute(insert(EnrichmentAspect), aspects)

    def text_of(self, verbatim_id: int) -> str:
        """The redacted text of a verbatim."""
        text = self.session.scalar(
            select(Verbatim.text_redacted).where(Verbatim.id == verbatim_id)
        )
        if text is None:
            raise NotFound("verbatim", verbatim_id)
        return text

    def stored(self, verbatim_id: int) -> dict[str, Any] | None:
        """The stored enrichment of one verbatim, as JSON-ready data."""
        row = self.session.execute(
            select(Enrichment).where(Enrichment.verbatim_id == verbatim_id)
        ).scalar_one_or_none()
        if row is None:
            return None
        aspects = self.session.execute(
            select(
                ThemeRow.code, EnrichmentAspect.sentiment_label, EnrichmentAspect.spans
            )
            .join(ThemeRow, ThemeRow.id == EnrichmentAspect.theme_id)
            .where(EnrichmentAspect.enrichment_id == row.id)
            .order_by(EnrichmentAspect.id)
        ).all()
        return {
            "verbatim_id": verbatim_id,
            "language": row.language,
            "sentiment": {"label": row.sentiment_label, "score": row.sentiment_score},
            "emotions": row.emotions,
            "aspects": [
                {"theme": code, "sentiment": label, "spans": spans}
                for code, label, spans in aspects
            ],
            "evidence": row.evidence,
            "model_version": row.model_version,
        }

    # ------------------------------------------------------------ corrections
    def correct(
        self,
        verbatim_id: int,
        task: str,
        label: str,
        *,
        theme_id: int | None = None,
        by: str,
    ) -> None:
        """Record a correction (the newest one per verbatim and task wins)."""
        if self.session.get(Verbatim, verbatim_id) is None:
            raise NotFound("verbatim", verbatim_id)
        self.session.add(
            LabelCorrection(
                verbatim_id=verbatim_id,
                task=task,
                theme_id=theme_id,
                label=label,
                corrected_by=by[:100],
                corrected_at=datetime.now(UTC),
            )
        )
        self.session.flush()

    # ------------------------------------------------------------ learning
    def labelled(self, *, batch: int = 5000) -> Iterator[LabelledVerbatim]:
        """Every verbatim with the scores beside it and its corrections."""
        corrections = self._corrections()
        last = 0
        while True:
            query = (
                select(
                    Verbatim.id,
                    Verbatim.text_redacted,
                    Verbatim.language,
                    Response.nps,
                    Response.csat,
                    Verbatim.rating,
                )
                .outerjoin(Response, Response.id == Verbatim.response_id)
                .where(Verbatim.id > last)
                .order_by(Verbatim.id)
                .limit(batch)
            )
            rows = self.session.execute(query).all()
            if not rows:
                return
            for vid, text, language, nps, csat, rating in rows:
                sentiment, aspects = corrections.get(vid, (None, {}))
                yield LabelledVerbatim(
                    vid, text, language, nps, csat, rating, sentiment, aspects
                )
            last = rows[-1][0]

    def corrections(
        self, verbatim_ids: Sequence[int]
    ) -> dict[int, tuple[str | None, dict[str, str]]]:
        """The standing corrections (sentiment, theme -> label) of these texts."""
        return self._corrections(verbatim_ids)

    def _corrections(
        self, verbatim_ids: Sequence[int] | None = None
    ) -> dict[int, tuple[str | None, dict[str, str]]]:
        query = (
            select(
                LabelCorrection.verbatim_id,
                LabelCorrection.task,
                ThemeRow.code,
                LabelCorrection.label,
            )
            .outerjoin(ThemeRow, ThemeRow.id == LabelCorrection.theme_id)
            .order_by(LabelCorrection.id)  # later corrections overwrite earlier
        )
        if verbatim_ids is not None:
            query = query.where(LabelCorrection.verbatim_id.in_(list(verbatim_ids)))
        found: dict[int, tuple[str | None, dict[str, str]]] = {}
        for vid, task, theme, label in self.session.execute(query):
            sentiment, aspects = found.get(vid, (None, {}))
            if task == "sentiment":
                sentiment = label
            elif theme is not None:
                aspects = {**aspects, theme: label}
            found[vid] = (sentiment, aspects)
        return found
