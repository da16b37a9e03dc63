"""The pipeline reads a batch step by step; a text must not notice.

Every text gets exactly the same enrichment (labels, scores, evidence spans,
learned themes, aspect polarity) alone, in a batch, across a batch boundary
and in another order: the speed of ``Pipeline.enrich_many`` must never buy a
different answer.
"""

from __future__ import annotations

from importlib import resources

import pytest

from belofte.blueprint import parse_blueprint
from belofte.demo.verbatims import mixed_verbatims, sentiment_of
from belofte.text import pipeline
from belofte.text.learn import (
    AspectExample,
    CategoryExample,
    TextExample,
    TextModels,
    fit_aspect_polarity,
    fit_categories,
    fit_sentiment,
)
from belofte.text.pipeline import Pipeline


@pytest.fixture(scope="module")
def learned() -> Pipeline:
    template = resources.files("belofte.blueprint") / "templates" / "retail-nl.yaml"
    blueprint = parse_blueprint(template.read_text(encoding="utf-8")).blueprint
    training = mixed_verbatims(600, seed=3)
    models = TextModels(
        "batches",
        sentiment=fit_sentiment(
            [TextExample(t, sentiment_of(a), lang) for t, lang, a in training]
        ),
        categories=fit_categories(
            [
                CategoryExample(t, frozenset(x.theme for x in a), lang)
                for t, lang, a in training
            ]
        ),
        aspect_polarity=fit_aspect_polarity(
            [
                AspectExample(t, x.theme, x.polarity, lang)
                for t, lang, a in training
                for x in a
            ]
        ),
    )
    return Pipeline(blueprint, models)


def test_a_text_reads_the_same_alone_in_a_batch_and_in_another_order(
    learned: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "_BATCH", 64)  # several batches, one cut
    texts = [text for text, _, _ in mixed_verbatims(150, seed=11)]
    texts.append(texts[5])  # a repeat in another batch
    batched = learned.enrich_many(texts)
    backwards = learned.enrich_many(texts[::-1])[::-1]
    assert batched == backwards
    for i in [*range(8), *range(60, 68), 128, 149, 150]:  # both sides of cuts
        assert learned.enrich(texts[i]) == batched[i]
    assert batched[150] == batched[5]
    # the learned parts really ran: learned themes, aspect polarity, evidence
    assert any(e.aspects for e in batched)
    assert any(a.sentiment.spans for e in batched for a in e.aspects)
    assert {e.model_version for e in batched} == {learned.version}
    assert learned.version.endswith("+batches")
