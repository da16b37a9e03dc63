"""Text analysis in a workspace: enrichment on import, incremental runs,
determinism, corrections and learning that measurably helps."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from belofte.demo.verbatims import Aspect, compose, random_aspects, sentiment_of
from belofte.errors import InvalidInput, NotFound
from belofte.ingest.kinds import RecordKind
from belofte.services.listen.enrichment import (
    analyse_text,
    correct_labels,
    enrich_texts,
    newest_models,
    stored_enrichment,
    text_pipeline,
)
from belofte.services.listen.imports import ingest_records
from belofte.services.listen.learning import learn, suggest_themes
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.store import tables as t
from belofte.text.labels import Polarity
from belofte.text.pipeline import Pipeline


def _nps(truth: str, rng: random.Random) -> int:
    """A score that agrees with the text most of the time, as in real surveys."""
    if rng.random() < 0.1:
        return rng.randrange(0, 11)
    if truth == "positive":
        return rng.choice((9, 10))
    if truth == "negative":
        return rng.randrange(0, 7)
    return rng.choice((7, 8))


def _demo_texts(n: int, seed: int) -> list[tuple[str, str, list[Aspect]]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        aspects = random_aspects(rng, (1, 1, 1, 2))
        text = compose(rng, "nl", aspects, emoji_rate=0.0)
        out.append((text, sentiment_of(aspects), aspects))
    return out


def _responses(
    texts: list[tuple[str, str, list[Aspect]]], seed: int
) -> list[dict[str, object]]:
    rng = random.Random(seed)
    return [
        {
            "id": f"R{i}",
            "responded_at": "2026-11-01",
            "nps": _nps(truth, rng),
            "comment": text,
        }
        for i, (text, truth, _) in enumerate(texts)
    ]


def _stored(ws: Workspace) -> tuple[list[Any], list[Any]]:
    """Every enrichment and aspect row, without ids or times."""
    enrichments = select(
        t.Enrichment.verbatim_id,
        t.Enrichment.sentiment_label,
        t.Enrichment.sentiment_score,
        t.Enrichment.emotions,
        t.Enrichment.evidence,
    ).order_by(t.Enrichment.verbatim_id)
    aspects = (
        select(
            t.Enrichment.verbatim_id,
            t.EnrichmentAspect.theme_id,
            t.EnrichmentAspect.sentiment_label,
            t.EnrichmentAspect.spans,
        )
        .join(t.Enrichment, t.Enrichment.id == t.EnrichmentAspect.enrichment_id)
        .order_by(t.Enrichment.verbatim_id, t.EnrichmentAspect.theme_id)
    )
    with ws.session() as s:
        return list(s.execute(enrichments)), list(s.execute(aspects))


def count(ws: Workspace, model: type[t.Base]) -> int:
    with ws.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    result = init_workspace(tmp_path / "ws", "retail-nl", Settings())
    yield result.workspace
    result.workspace.close()


def test_ingest_enriches_new_texts_with_evidence(workspace: Workspace) -> None:
    ws = workspace  # SQLite and PostgreSQL
    ingest_records(
        ws,
        RecordKind.RESPONSES,
        [
            {
                "id": "A",
                "responded_at": "2026-11-01",
                "nps": 3,
                "comment": "Vriendelijk personeel, maar de bezorging was twee dagen te "
                "laat. Bel me op 06-12345678",
            },
            {
                "id": "B",
                "responded_at": "2026-11-01",
                "nps": 10,
                "comment": "Top service!",
            },
            {"id": "C", "responded_at": "2026-11-01", "nps": 8},
        ],
        source="test",
    )
    assert count(ws, t.Verbatim) == count(ws, t.Enrichment) == 2
    with ws.session() as s:
        first = s.scalar(select(t.Verbatim.id).order_by(t.Verbatim.id))
    assert first is not None
    stored = stored_enrichment(ws, first)
    text = stored["text"]
    assert text.endswith("Bel me op [PHONE]")
    enrichment = stored["enrichment"]
    assert enrichment["language"] == "nl"
    assert enrichment["sentiment"]["label"] == "mixed"
    aspects = {a["theme"]: a for a in enrichment["aspects"]}
    assert aspects["vriendelijk-personeel"]["sentiment"] == "positive"
    assert aspects["levertijd"]["sentiment"] == "negative"
    # Evidence spans point at the words that gave the label.
    staff = [text[s:e] for s, e in aspects["vriendelijk-personeel"]["spans"]]
    assert "Vriendelijk personeel" in staff
    late = [text[s:e] for s, e in aspects["levertijd"]["spans"]]
    assert "laat" in late


def test_enrichment_is_incremental_and_deterministic(workspace: Workspace) -> None:
    ws = workspace  # SQLite and PostgreSQL
    texts = _demo_texts(60, seed=1)
    ingest_records(ws, RecordKind.RESPONSES, _responses(texts, 2), source="t")
    assert count(ws, t.Enrichment) == 60
    assert enrich_texts(ws).enriched == 0  # nothing new
    before = _stored(ws)
    assert enrich_texts(ws, everything=True).enriched == 60
    assert _stored(ws) == before
    # A changed text is enriched again; the others are left alone.
    changed = _responses(texts[:1], 2)
    changed[0]["comment"] = "Waardeloze service, nooit meer."
    ingest_records(ws, RecordKind.RESPONSES, changed, source="t")
    with ws.session() as s:
        label = s.scalar(
            select(t.Enrichment.sentiment_label)
            .join(t.Verbatim, t.Verbatim.id == t.Enrichment.verbatim_id)
            .where(t.Verbatim.text_redacted == "Waardeloze service, nooit meer.")
        )
    assert label == "negative"
    assert count(ws, t.Enrichment) == 60


def test_enrichment_off_by_setting(tmp_path: Path) -> None:
    result = init_workspace(
        tmp_path / "off", "retail-nl", Settings(enrich_on_import=False)
    )
    ws = result.workspace
    try:
        ingest_records(
            ws, RecordKind.RESPONSES, _responses(_demo_texts(5, 3), 1), source="t"
        )
        assert count(ws, t.Enrichment) == 0
        progress: list[tuple[int, int]] = []
        assert (
            enrich_texts(ws, on_progress=lambda d, n: progress.append((d, n))).enriched
            == 5
        )
        assert progress == [(0, 5), (5, 5)]
    finally:
        ws.close()


def test_learning_beats_the_rules_on_held_out_demo_texts(ws: Workspace) -> None:
    """Scores are free labels: learning from them must help on texts it never saw."""
    train = _demo_texts(1500, seed=10)
    ingest_records(ws, RecordKind.RESPONSES, _responses(train, 11), source="t")
    rules = text_pipeline(ws)
    summary = learn(ws)
    assert summary.version == "learned-v0001"
    assert summary.sentiment_examples == 1500
    learned = text_pipeline(ws)
    assert learned.version == "rules-2+learned-v0001"
    held_out = _demo_texts(600, seed=99)

    def accuracy(pipeline: Pipeline) -> float:
        hits = 0
        for text, truth, _ in held_out:
            label = pipeline.enrich(text).sentiment.label.value
            hits += label == truth
        return hits / len(held_out)

    def theme_f1(pipeline: Pipeline) -> float:
        tp = fp = fn = 0
        for text, _, aspects in held_out:
            found = {a.theme for a in pipeline.enrich(text).aspects}
            gold = {a.theme for a in aspects}
            tp, fp, fn = (
                tp + len(found & gold),
                fp + len(found - gold),
                fn + len(gold - found),
            )
        return 2 * tp / (2 * tp + fp + fn)

    before, after = accuracy(rules), accuracy(learned)
    assert after > before + 0.02, (before, after)
    assert theme_f1(learned) > theme_f1(rules), (theme_f1(rules), theme_f1(learned))
    # Re-enrichment uses the newest model.
    assert enrich_texts(ws).enriched == 1500
    with ws.session() as s:
        versions = set(s.scalars(select(t.Enrichment.model_version)))
    assert versions == {"rules-2+learned-v0001"}


def test_corrections_change_the_next_model(ws: Workspace) -> None:
    texts = _demo_texts(300, seed=5)
    odd = "Het was apart, zeg maar."
    payloads = _responses(texts, 6) + [
        {"id": f"X{i}", "responded_at": "2026-11-02", "nps": 10, "comment": odd}
        for i in range(40)
    ]
    ingest_records(ws, RecordKind.RESPONSES, payloads, source="t")
    learn(ws)
    models = newest_models(ws)
    assert models is not None
    assert analyse_text(ws, odd).sentiment.label is Polarity.POSITIVE
    with ws.session() as s:
        ids = list(
            s.scalars(select(t.Verbatim.id).where(t.Verbatim.text_redacted == odd))
        )
    for verbatim_id in ids:
        correct_labels(ws, verbatim_id, sentiment="negative", by="tester")
    summary = learn(ws)
    assert summary.version == "learned-v0002"
    assert summary.corrections == 40
    assert analyse_text(ws, odd).sentiment.label is Polarity.NEGATIVE


def test_corrections_are_validated(workspace: Workspace) -> None:
    ws = workspace  # SQLite and PostgreSQL
    ingest_records(
        ws, RecordKind.RESPONSES, _responses(_demo_texts(2, 1), 1), source="t"
    )
    with ws.session() as s:
        verbatim_id = s.scalar(select(t.Verbatim.id))
    assert verbatim_id is not None
    with pytest.raises(InvalidInput, match="sentiment: 'great' is not one of"):
        correct_labels(ws, verbatim_id, sentiment="great", by="x")
    with pytest.raises(InvalidInput, match="aspects.levertijd: 'late' is not one of"):
        correct_labels(ws, verbatim_id, aspects={"levertijd": "late"}, by="x")
    with pytest.raises(NotFound, match="theme bezorging not found"):
        correct_labels(ws, verbatim_id, aspects={"bezorging": "negative"}, by="x")
    with pytest.raises(NotFound, match="verbatim 999999 not found"):
        correct_labels(ws, 999999, sentiment="negative", by="x")
    with pytest.raises(InvalidInput, match="give a sentiment or at least one aspect"):
        correct_labels(ws, verbatim_id, by="x")
    assert count(ws, t.LabelCorrection) == 0


def test_learning_needs_labels(ws: Workspace) -> None:
    with pytest.raises(InvalidInput, match="nothing to learn from yet"):
        learn(ws)


def test_suggested_themes_come_from_unexplained_texts(ws: Workspace) -> None:
    texts = _demo_texts(50, seed=8)
    odd = [
        {
            "id": f"P{i}",
            "responded_at": "2026-11-02",
            "nps": 2,
            "comment": "De muziek stond veel te hard!",
        }
        for i in range(12)
    ]
    ingest_records(ws, RecordKind.RESPONSES, _responses(texts, 9) + odd, source="t")
    suggestions = suggest_themes(ws, limit=5)
    top = suggestions[0]
    assert top.phrase == "muziek hard"
    assert top.texts >= 12
    assert top.negative_share == 1.0


def test_parallel_enrichment_equals_one_process(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import belofte.services.listen.enrichment as enrichment

    ingest_records(
        ws, RecordKind.RESPONSES, _responses(_demo_texts(120, 4), 1), source="t"
    )
    one_process = _stored(ws)
    monkeypatch.setattr(enrichment, "_PARALLEL_FROM", 10)
    monkeypatch.setattr(enrichment, "_BATCH", 25)
    monkeypatch.setattr(enrichment, "_MAX_WORKERS", 2)
    monkeypatch.setattr(enrichment.os, "cpu_count", lambda: 2)
    progress: list[int] = []
    summary = enrich_texts(
        ws, everything=True, on_progress=lambda d, n: progress.append(d)
    )
    assert summary.enriched == 120
    assert progress == [0, 25, 50, 75, 100, 120]
    assert _stored(ws) == one_process


def test_a_damaged_model_is_a_clear_error(ws: Workspace) -> None:
    folder = ws.path / "models" / "text" / "v0001"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(
        '{"version": "learned-v0001", "parts": {"sentiment": "sentiment.npz"},'
        ' "features": {}}'
    )
    (folder / "sentiment.npz").write_bytes(b"not a model")
    with pytest.raises(
        InvalidInput, match=r"v0001: not a belofte text model .*belofte text learn"
    ):
        analyse_text(ws, "prima")
