"""The text pipeline: redact, language, sentiment, emotions, aspects, plug-ins.

Rules first, learning on top: the shipped lexicons and the blueprint's theme
phrases label every text from day one; once a workspace has learned its own
models (``belofte text learn``) those decide the sentiment, find themes the
phrases miss and read each aspect's polarity, while the rules still supply
emotions, mixed feelings and the evidence spans that make a label explainable.

The same text with the same models always gets the same enrichment: every
step is a pure function, and the model version is part of the result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import replace

from belofte.domain.promise import Blueprint
from belofte.text.aspects import ThemeMatcher
from belofte.text.emotions import detect_emotions
from belofte.text.features import Features
from belofte.text.labellers import Labeller
from belofte.text.labels import AspectLabel, Enrichment, Polarity, Sentiment
from belofte.text.language import detect_language
from belofte.text.learn import TextModels, aspect_features, text_features
from belofte.text.redact import redact_pii
from belofte.text.sentiment import (
    Hit,
    clause_sentiment,
    lexicon_sentiment,
    polarity_hits,
)
from belofte.text.tokens import Token, clauses, tokenize

__all__ = ["RULES_VERSION", "Pipeline"]

#: Bumped whenever the shipped lexicons or rules change what they label.
RULES_VERSION = "rules-1"

_ANALYSED = frozenset({"nl", "en"})
_MIXED_DOUBT = 0.8
_VERSION_LEN = 40  # the learned model must be this sure to overrule "mixed"


class Pipeline:
    """Enrich texts for one workspace: its blueprint, models and plug-ins."""

    def __init__(
        self,
        blueprint: Blueprint | None = None,
        models: TextModels | None = None,
        *,
        prior: str = "nl",
        labellers: Sequence[Labeller] = (),
    ) -> None:
        self.matcher = ThemeMatcher.from_blueprint(blueprint) if blueprint else None
        self.pillars = (
            {theme.id: pillar.id for pillar, theme in blueprint.themes()}
            if blueprint
            else {}
        )
        self.models = models
        self.prior = prior
        self.labellers = tuple(labellers)
        parts = [RULES_VERSION]
        if models is not None:
            parts.append(models.version)
        parts.extend(f"{lab.name}-{lab.version}" for lab in self.labellers)
        self.version = _short_version("+".join(parts))

    def enrich(self, text: str, *, redacted: bool = False) -> Enrichment:
        """Everything the pipeline says about one text.

        ``redacted``: the text already went through the redactor (stored
        verbatims have); otherwise it is redacted first, and the spans refer
        to the redacted text.
        """
        clean = text if redacted else redact_pii(text).text
        language = detect_language(clean, prior=self.prior)
        code = language.code if language.code in _ANALYSED else self.prior
        tokens = tokenize(clean)
        # The lexicon's hits serve the document, every theme and the models.
        hits = polarity_hits(tokens, code)
        rules = lexicon_sentiment(tokens, code, hits=hits)
        models = self.models
        # One feature row serves the sentiment and the theme model.
        row = (
            text_features(clean, code, models.recipe, tokens=tokens, hits=hits)
            if models is not None and (models.sentiment or models.categories)
            else None
        )
        enrichment = Enrichment(
            language=language.code,
            detected_language=language.detected,
            sentiment=self._sentiment(rules, row),
            emotions=detect_emotions(tokens, code)
            if language.code in _ANALYSED
            else (),
            aspects=self._aspects(clean, tokens, code, row, (hits, rules)),
            model_version=self.version,
            text=clean,
        )
        for labeller in self.labellers:
            enrichment = replace(
                labeller.label(clean, enrichment), model_version=self.version
            )
        return enrichment

    def enrich_many(
        self, texts: Iterable[str], *, redacted: bool = False
    ) -> list[Enrichment]:
        """Enrich many texts (same results as one at a time)."""
        return [self.enrich(text, redacted=redacted) for text in texts]

    # ---------------------------------------------------------------- steps
    def _sentiment(self, rules: Sentiment, row: Features | None) -> Sentiment:
        model = self.models.sentiment if self.models else None
        if model is None or row is None:
            return rules
        probabilities = dict(zip(model.classes, model.scores(row), strict=True))
        label = max(probabilities, key=probabilities.__getitem__)
        score = probabilities.get("positive", 0.0) - probabilities.get("negative", 0.0)
        if rules.label is Polarity.MIXED and probabilities[label] < _MIXED_DOUBT:
            return Sentiment(Polarity.MIXED, round(score, 4), rules.spans)
        try:
            polarity = Polarity(label)
        except ValueError:
            polarity = Polarity.NEUTRAL
        spans = _merge(model.evidence(row, label), _agreeing(rules, polarity))
        return Sentiment(polarity, round(score, 4), spans)

    def _aspects(
        self,
        text: str,
        tokens: list[Token],
        language: str,
        row: Features | None,
        lexicon: tuple[list[Hit], Sentiment],
    ) -> tuple[AspectLabel, ...]:
        found: dict[str, AspectLabel] = {}
        if self.matcher is not None:
            hits, document = lexicon
            found = {
                a.theme: a
                for a in self.matcher.find(
                    tokens, language, hits=hits, document=document
                )
            }
        models = self.models
        if models is None:
            return tuple(found.values())
        if models.categories is not None and row is not None:
            for theme, _ in models.categories.predict_labels(row):
                if theme in found or theme not in self.pillars:
                    continue
                spans = tuple(models.categories.evidence(row, theme))
                found[theme] = AspectLabel(
                    theme,
                    self.pillars[theme],
                    None,
                    _clause_of(tokens, spans, language, lexicon),
                    spans,
                )
        if models.aspect_polarity is None:
            return tuple(found.values())
        labelled = []
        for aspect in found.values():
            focus = aspect.spans[0] if aspect.spans else None
            row = aspect_features(text, language, aspect.theme, focus, models.recipe)
            probabilities = dict(
                zip(
                    models.aspect_polarity.classes,
                    models.aspect_polarity.scores(row),
                    strict=True,
                )
            )
            label = max(probabilities, key=probabilities.__getitem__)
            score = probabilities.get("positive", 0.0) - probabilities.get(
                "negative", 0.0
            )
            try:
                polarity = Polarity(label)
            except ValueError:
                polarity = Polarity.NEUTRAL
            spans = _merge(
                models.aspect_polarity.evidence(row, label),
                _agreeing(aspect.sentiment, polarity),
            )
            labelled.append(
                replace(aspect, sentiment=Sentiment(polarity, round(score, 4), spans))
            )
        return tuple(labelled)


def _short_version(version: str) -> str:
    """At most 40 characters (the store's column), still unique per setup."""
    if len(version) <= _VERSION_LEN:
        return version
    digest = hashlib.blake2b(version.encode(), digest_size=6).hexdigest()
    return f"{version[: _VERSION_LEN - 13]}-{digest}"


def _agreeing(sentiment: Sentiment, polarity: Polarity) -> tuple[tuple[int, int], ...]:
    """The rule layer's spans when it agrees with the learned label."""
    if sentiment.label is polarity or sentiment.label is Polarity.MIXED:
        return sentiment.spans
    return ()


def _merge(*groups: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    spans = sorted({span for group in groups for span in group})
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _clause_of(
    tokens: list[Token],
    spans: tuple[tuple[int, int], ...],
    language: str,
    lexicon: tuple[list[Hit], Sentiment],
) -> Sentiment:
    """The sentiment of the clause holding the first evidence span.

    ``lexicon``: the text's hits and its whole sentiment, already read.
    """
    hits, document = lexicon
    if spans:
        for clause in clauses(tokens):
            first, last = tokens[clause.first], tokens[clause.last - 1]
            if first.start <= spans[0][0] < last.end:
                return clause_sentiment(tokens, clause, language, hits=hits)
    return document
