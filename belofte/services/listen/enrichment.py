"""Use cases of text analysis: enrich stored texts, analyse one, correct labels.

The pipeline of a workspace is its applied blueprint (themes, touchpoints),
its newest learned models (``models/text/vNNNN``, see ``learning``) and the
plug-in labellers its settings name. Enrichment is incremental: texts without
an enrichment or enriched by an older model version, in id order, one
transaction per batch, so an interrupted run continues where it stopped.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import structlog
from sqlalchemy.orm import Session

from belofte.blueprint import parse_blueprint
from belofte.domain.access import Principal
from belofte.domain.promise import Blueprint
from belofte.errors import InvalidInput, NotFound
from belofte.services.access.scope import require_visible_verbatim
from belofte.services.jobs.registry import JobContext
from belofte.services.workspace import Workspace
from belofte.store.repositories.blueprint import BlueprintRepository
from belofte.store.repositories.enrichments import (
    AspectRow,
    EnrichmentRepository,
    EnrichmentRow,
    PendingText,
)
from belofte.text.labellers import load_labellers
from belofte.text.labels import Enrichment, Polarity
from belofte.text.learn import TextModels
from belofte.text.pipeline import Pipeline

__all__ = [
    "ASPECT_LABELS",
    "EnrichSummary",
    "analyse_text",
    "correct_labels",
    "enrich_newest",
    "enrich_texts",
    "models_folder",
    "newest_models",
    "stored_enrichment",
    "text_pipeline",
]

log = structlog.get_logger(__name__)

Progress = Callable[[int, int], None]  # done, total

#: Labels a person may give an aspect; "absent": the theme is not in the text.
ASPECT_LABELS = frozenset({p.value for p in Polarity} | {"absent"})
_BATCH = 1000  # texts per transaction
_WINDOW = 20_000  # texts read at a time
_PARALLEL_FROM = 5_000  # fewer texts: forking workers does not pay off
_MAX_WORKERS = 8
_MODELS = Path("models") / "text"


@dataclass(slots=True)
class EnrichSummary:
    """What an enrichment run did."""

    enriched: int
    model_version: str
    seconds: float


def models_folder(ws: Workspace) -> Path:
    """Where the workspace keeps its learned text models."""
    return ws.path / _MODELS


def newest_models(ws: Workspace) -> TextModels | None:
    """The newest learned models (``vNNNN`` folders), or None before learning."""
    folder = models_folder(ws)
    versions = sorted(
        p
        for p in folder.glob("v[0-9][0-9][0-9][0-9]")
        if (p / "manifest.json").is_file()
    )
    if not versions:
        return None
    try:
        return TextModels.load(versions[-1])
    except InvalidInput as exc:
        raise InvalidInput(
            f"{versions[-1]}: {exc}; run `belofte text learn` to fit a new version "
            "(or delete that folder to use the one before it)"
        ) from None


def applied_blueprint(ws: Workspace) -> Blueprint | None:
    """The blueprint applied to the store (its themes have rows), if any."""
    with ws.session(read_only=True) as session:
        text = BlueprintRepository(session).applied_text()
    return parse_blueprint(text).blueprint if text else None


def text_pipeline(ws: Workspace) -> Pipeline:
    """The workspace's pipeline, rebuilt when the blueprint or models change."""
    with ws.session(read_only=True) as session:
        blueprint_version = BlueprintRepository(session).version()
    folder = models_folder(ws)
    newest = max((p.name for p in folder.glob("v[0-9][0-9][0-9][0-9]")), default="")
    key = (blueprint_version, newest, ws.settings.text_labellers)
    cached = ws.cache.get("text_pipeline")
    if cached is not None and cached[0] == key:
        pipeline: Pipeline = cached[1]
        return pipeline
    blueprint = applied_blueprint(ws)
    names = [n.strip() for n in ws.settings.text_labellers.split(",") if n.strip()]
    pipeline = Pipeline(
        blueprint,
        newest_models(ws),
        prior=blueprint.default_language if blueprint else "nl",
        labellers=load_labellers(names),
    )
    ws.cache["text_pipeline"] = (key, pipeline)
    return pipeline


def analyse_text(ws: Workspace, text: str) -> Enrichment:
    """Enrich one text (redacted first) without storing anything."""
    if len(text) > ws.settings.import_max_field_chars:
        raise InvalidInput(
            f"text: longer than {ws.settings.import_max_field_chars} characters"
        )
    return text_pipeline(ws).enrich(text)


def stored_enrichment(
    ws: Workspace, verbatim_id: int, principal: Principal | None = None
) -> dict[str, Any]:
    """A stored verbatim's redacted text and enrichment (None before analysis).

    With a `principal`, a verbatim outside its location scope is NotFound.
    """
    ws.require_current_schema()
    require_visible_verbatim(ws, principal, verbatim_id)
    with ws.session(read_only=True) as session:
        repository = EnrichmentRepository(session)
        text = repository.text_of(verbatim_id)
        return {
            "verbatim_id": verbatim_id,
            "text": text,
            "enrichment": repository.stored(verbatim_id),
        }


def enrich_texts(
    ws: Workspace, *, everything: bool = False, on_progress: Progress | None = None
) -> EnrichSummary:
    """Enrich new and changed texts (``everything``: all of them again).

    Large runs analyse on every core: forked workers take windows of texts
    while this process does all the reading and writing, one transaction per
    batch, so an interrupted run keeps what it wrote.
    """
    ws.require_current_schema()
    started = time.perf_counter()
    pipeline = text_pipeline(ws)
    with ws.session(read_only=True) as session:
        total = EnrichmentRepository(session).count_pending(
            pipeline.version, everything=everything
        )
        codes = _codes(session)
    done = last = 0
    if on_progress:
        on_progress(0, total)
    with _analysers(pipeline, codes, total) as analyse:
        while done < total:
            with ws.session(read_only=True) as session:
                window = EnrichmentRepository(session).pending(
                    pipeline.version, after=last, limit=_WINDOW, everything=everything
                )
            if not window:
                break
            for rows in analyse(window):
                with ws.session() as session:
                    EnrichmentRepository(session).save(rows)
                done += len(rows)
                if on_progress:
                    on_progress(done, total)
            last = window[-1].id
    seconds = time.perf_counter() - started
    log.info("text.enriched", texts=done, seconds=round(seconds, 2))
    return EnrichSummary(done, pipeline.version, seconds)


Analyser = Callable[[list[PendingText]], Iterator[list[EnrichmentRow]]]
# The pipeline of the current run, inherited by forked workers (not pickled:
# models can be megabytes).
_RUN: tuple[Pipeline, _Codes] | None = None


@contextmanager
def _analysers(pipeline: Pipeline, codes: _Codes, total: int) -> Iterator[Analyser]:
    """Analyse windows of texts, in worker processes when it pays off."""
    global _RUN  # noqa: PLW0603 - handed to forked workers, see above
    workers = min(os.cpu_count() or 1, _MAX_WORKERS)
    if (
        total < _PARALLEL_FROM
        or workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
        or threading.active_count() > 1  # forking beside threads can hang
    ):

        def here(window: list[PendingText]) -> Iterator[list[EnrichmentRow]]:
            for i in range(0, len(window), _BATCH):
                yield _analysed_many(pipeline, window[i : i + _BATCH], codes)

        yield here
        return
    _RUN = (pipeline, codes)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:

            def parallel(window: list[PendingText]) -> Iterator[list[EnrichmentRow]]:
                batches = [
                    window[i : i + _BATCH] for i in range(0, len(window), _BATCH)
                ]
                yield from pool.imap(_analyse_batch, batches)

            yield parallel
    finally:
        _RUN = None


def _analyse_batch(batch: list[PendingText]) -> list[EnrichmentRow]:
    if _RUN is None:  # pragma: no cover - only reached in a worker without a run
        raise RuntimeError("no enrichment run in this process")
    pipeline, codes = _RUN
    return _analysed_many(pipeline, batch, codes)


def pending_texts(ws: Workspace) -> int:
    """How many texts wait for (new or changed) analysis."""
    ws.require_current_schema()
    pipeline = text_pipeline(ws)
    with ws.session(read_only=True) as session:
        return EnrichmentRepository(session).count_pending(pipeline.version)


def enrich_newest(ws: Workspace, count: int) -> int:
    """Enrich up to ``count`` of the newest unenriched texts (after an ingest)."""
    if count <= 0:
        return 0
    pipeline = text_pipeline(ws)
    with ws.session(read_only=True) as session:
        codes = _codes(session)
        batch = EnrichmentRepository(session).pending(
            pipeline.version, limit=count, newest=True
        )
    for i in range(0, len(batch), _BATCH):
        rows = _analysed_many(pipeline, batch[i : i + _BATCH], codes)
        # Analysed before the write lock is taken: a writer waits for a save only.
        with ws.session() as session:
            EnrichmentRepository(session).save(rows)
    return len(batch)


class _Codes(NamedTuple):
    """Row ids of the blueprint's themes and touchpoints, by code."""

    themes: Mapping[str, int]
    touchpoints: Mapping[str, int]


def _codes(session: Session) -> _Codes:
    repository = BlueprintRepository(session)
    return _Codes(repository.ids("theme"), repository.ids("touchpoint"))


def _analysed_many(
    pipeline: Pipeline, items: list[PendingText], codes: _Codes
) -> list[EnrichmentRow]:
    """Analyse stored (already redacted) texts into rows for the store.

    One call of the pipeline for all of them: its learned models read the
    texts together, which is much cheaper than one at a time.
    """
    results = pipeline.enrich_many([item.text for item in items], redacted=True)
    return [
        _row(item, result, codes) for item, result in zip(items, results, strict=True)
    ]


def _row(item: PendingText, result: Enrichment, codes: _Codes) -> EnrichmentRow:
    """One stored text's analysis as a row for the store."""
    verbatim_id, themes, touchpoints = item.id, codes.themes, codes.touchpoints
    document = result.as_json()
    aspects = tuple(
        AspectRow(
            themes[a["theme"]],
            touchpoints.get(a["touchpoint"] or ""),
            a["sentiment"]["label"],
            a["sentiment"]["score"],
            a["spans"] + a["sentiment"]["spans"],
        )
        for a in document["aspects"]
        if a["theme"] in themes
    )
    return EnrichmentRow(
        verbatim_id=verbatim_id,
        model_version=result.model_version,
        language=result.language,
        sentiment_label=result.sentiment.label.value,
        sentiment_score=result.sentiment.score,
        emotions={e["name"]: e["score"] for e in document["emotions"]},
        evidence={
            "detected_language": result.detected_language,
            "sentiment": document["sentiment"]["spans"],
            "emotions": {e["name"]: e["spans"] for e in document["emotions"]},
        },
        aspects=aspects,
    )


def correct_labels(
    ws: Workspace,
    verbatim_id: int,
    *,
    sentiment: str | None = None,
    aspects: Mapping[str, str] | None = None,
    by: str,
    principal: Principal | None = None,
) -> None:
    """Record a person's corrections of one text's labels (for the next learn).

    With a `principal`, a verbatim outside its location scope is NotFound.
    """
    aspects = aspects or {}
    if sentiment is None and not aspects:
        raise InvalidInput("give a sentiment or at least one aspect label to correct")
    if sentiment is not None and sentiment not in {p.value for p in Polarity}:
        raise InvalidInput(
            f"sentiment: {sentiment!r} is not one of positive, neutral, negative, mixed"
        )
    for theme, label in aspects.items():
        if label not in ASPECT_LABELS:
            known = ", ".join(sorted(ASPECT_LABELS))
            raise InvalidInput(f"aspects.{theme}: {label!r} is not one of {known}")
    ws.require_current_schema()
    require_visible_verbatim(ws, principal, verbatim_id)
    with ws.session() as session:
        theme_ids = BlueprintRepository(session).ids("theme")
        repository = EnrichmentRepository(session)
        for theme in aspects:
            if theme not in theme_ids:
                raise NotFound("theme", theme, "see `belofte blueprint show`")
        if sentiment is not None:
            repository.correct(verbatim_id, "sentiment", sentiment, by=by)
        for theme, label in aspects.items():
            repository.correct(
                verbatim_id, "aspect", label, theme_id=theme_ids[theme], by=by
            )
    log.info(
        "text.corrected", verbatim=verbatim_id, labels=len(aspects) + bool(sentiment)
    )


#: The job that analyses an import's texts after it is stored (`services/handlers.py`).
ENRICH_JOB = "listen.enrich"


def enrich_job(ws: Workspace, job: JobContext) -> None:
    """The `listen.enrich` job: new and changed texts, with the job's progress.

    Idempotent: it analyses only texts without a current enrichment, so a
    second run (after a worker died mid-job) finds none left.
    """
    enrich_texts(ws, on_progress=job.progress)
