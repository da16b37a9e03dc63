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
from typing import NamedTuple

from belofte.domain.promise import Blueprint
from belofte.text import collector
from belofte.text.aspects import ThemeMatcher
from belofte.text.emotions import detect_emotions
from belofte.text.features import Features, with_aspect
from belofte.text.labellers import Labeller
from belofte.text.labels import AspectLabel, Enrichment, Polarity, Sentiment
from belofte.text.language import Language, detect_languages
from belofte.text.learn import TextModels, text_features
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
RULES_VERSION = "rules-2"  # 2: URLs, mentions and entities made whole

_ANALYSED = frozenset({"nl", "en"})
_MIXED_DOUBT = 0.8  # the learned model must be this sure to overrule "mixed"
_VERSION_LEN = 40  # the store's column for the model version
#: texts read together, step by step: 1,024 read a tenth faster than 256 (the
#: work per batch and the collector's passes after it are shared by more
#: texts); the enrichment service's transactions hold 1,000
_BATCH = 1024


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
        return self._enrich_batch([text], redacted)[0]

    def enrich_many(
        self, texts: Iterable[str], *, redacted: bool = False
    ) -> list[Enrichment]:
        """Enrich many texts (same results as one at a time).

        In batches of ``_BATCH``: the rules read the batch step by step, the
        learned models all of it at once (one encoding and one product per
        model).
        """
        out: list[Enrichment] = []
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= _BATCH:
                out.extend(self._enrich_batch(batch, redacted))
                batch = []
        if batch:
            out.extend(self._enrich_batch(batch, redacted))
        return out

    # ---------------------------------------------------------------- steps
    def _read_batch(self, texts: Sequence[str], redacted: bool) -> list[_Read]:
        """The rule layer's reading of each text, and its features for models.

        Step by step over the whole batch, not text by text: each step's
        tables (fastText's, the lexicons', the memos') stay in the CPU's
        caches. fastText's call took four times as long between other work;
        the batch is a fifth faster (the same enrichments).
        """
        cleans = [text if redacted else redact_pii(text).text for text in texts]
        languages = detect_languages(cleans, prior=self.prior)
        codes = [
            language.code if language.code in _ANALYSED else self.prior
            for language in languages
        ]
        tokens = [tokenize(clean) for clean in cleans]
        # The lexicon's hits serve the document, every theme and the models.
        hits = [
            polarity_hits(words, code)
            for words, code in zip(tokens, codes, strict=True)
        ]
        rules = [
            lexicon_sentiment(words, code, hits=found)
            for words, code, found in zip(tokens, codes, hits, strict=True)
        ]
        models = self.models
        # One feature row serves every model (and each aspect builds on it).
        rows: list[Features | None] = [None] * len(cleans)
        if models is not None and (
            models.sentiment or models.categories or models.aspect_polarity
        ):
            recipe = models.recipe
            rows = [
                text_features(clean, code, recipe, tokens=words, hits=found)
                for clean, code, words, found in zip(
                    cleans, codes, tokens, hits, strict=True
                )
            ]
        themes: list[dict[str, AspectLabel]] = [{} for _ in cleans]
        if self.matcher is not None:
            find = self.matcher.find
            themes = [
                {a.theme: a for a in find(words, code, hits=found, document=rule)}
                for words, code, found, rule in zip(
                    tokens, codes, hits, rules, strict=True
                )
            ]
        return [
            _Read(*read)
            for read in zip(
                cleans, languages, codes, tokens, hits, rules, rows, themes, strict=True
            )
        ]

    def _enrich_batch(self, texts: Sequence[str], redacted: bool) -> list[Enrichment]:
        with collector.paused():  # a quarter of the time went to the collector
            return self._enrich_paused(texts, redacted)

    def _enrich_paused(self, texts: Sequence[str], redacted: bool) -> list[Enrichment]:
        reads = self._read_batch(texts, redacted)
        models = self.models
        rows = [read.row for read in reads if read.row is not None]
        sentiments = [read.rules for read in reads]
        if models is not None and models.sentiment is not None and rows:
            sentiments = self._sentiments(
                reads, models.sentiment.scores_many(rows).tolist()
            )
        if models is not None and models.categories is not None and rows:
            categories = models.categories
            self._learned_themes(
                reads,
                [
                    categories.labels_of(scores)
                    for scores in categories.scores_many(rows)
                ],
            )
        aspects = self._aspect_sentiments(reads)
        emotions = [
            detect_emotions(read.tokens, read.code)
            if read.language.code in _ANALYSED
            else ()
            for read in reads
        ]
        out = []
        for read, sentiment, labelled, felt in zip(
            reads, sentiments, aspects, emotions, strict=True
        ):
            language = read.language
            enrichment = Enrichment(
                language=language.code,
                detected_language=language.detected,
                sentiment=sentiment,
                emotions=felt,
                aspects=labelled,
                model_version=self.version,
                text=read.clean,
            )
            for labeller in self.labellers:
                enrichment = replace(
                    labeller.label(read.clean, enrichment), model_version=self.version
                )
            out.append(enrichment)
        return out

    def _sentiments(
        self, reads: Sequence[_Read], scores: Sequence[Sequence[float]]
    ) -> list[Sentiment]:
        """Each text's sentiment from the learned model (every read has a row)."""
        model = self.models.sentiment if self.models else None
        if model is None:  # pragma: no cover - only called with a model
            return [read.rules for read in reads]
        out = [read.rules for read in reads]
        pending: list[tuple[int, str, Polarity, float]] = []
        rows: list[Features] = []
        for i, (read, row_scores) in enumerate(zip(reads, scores, strict=True)):
            rules = read.rules
            if read.row is None:  # pragma: no cover - a model implies a row
                continue
            probabilities = dict(zip(model.classes, row_scores, strict=True))
            label = max(probabilities, key=probabilities.__getitem__)
            score = probabilities.get("positive", 0.0) - probabilities.get(
                "negative", 0.0
            )
            if rules.label is Polarity.MIXED and probabilities[label] < _MIXED_DOUBT:
                out[i] = Sentiment(Polarity.MIXED, round(score, 4), rules.spans)
                continue
            try:
                polarity = Polarity(label)
            except ValueError:
                polarity = Polarity.NEUTRAL
            pending.append((i, label, polarity, score))
            rows.append(read.row)
        evidence = model.evidence_many(rows, [label for _, label, _, _ in pending])
        for (i, _, polarity, score), found in zip(pending, evidence, strict=True):
            spans = _merge(found, _agreeing(reads[i].rules, polarity))
            out[i] = Sentiment(polarity, round(score, 4), spans)
        return out

    def _learned_themes(
        self, reads: Sequence[_Read], labels: Sequence[list[tuple[str, float]]]
    ) -> None:
        """Themes the category model finds that the phrases missed, added."""
        model = self.models.categories if self.models else None
        if model is None:  # pragma: no cover - only called with a model
            return
        pending: list[tuple[_Read, str]] = []
        rows: list[Features] = []
        for read, found in zip(reads, labels, strict=True):
            if read.row is None:  # pragma: no cover - a model implies a row
                continue
            for theme, _ in found:
                if theme in read.found or theme not in self.pillars:
                    continue
                pending.append((read, theme))
                rows.append(read.row)
        evidence = model.evidence_many(rows, [theme for _, theme in pending])
        for (read, theme), found_spans in zip(pending, evidence, strict=True):
            spans = tuple(found_spans)
            read.found[theme] = AspectLabel(
                theme,
                self.pillars[theme],
                None,
                _clause_of(read.tokens, spans, read.code, (read.hits, read.rules)),
                spans,
            )

    def _aspect_sentiments(
        self, reads: Sequence[_Read]
    ) -> list[tuple[AspectLabel, ...]]:
        """Each text's aspects, with the learned polarity when there is a model."""
        model = self.models.aspect_polarity if self.models else None
        if model is None:
            return [tuple(read.found.values()) for read in reads]
        # every aspect of the batch in one pass of the model
        rows = []
        for read in reads:
            base = read.row
            if base is None:  # pragma: no cover - a model implies a row
                continue
            for aspect in read.found.values():
                focus = aspect.spans[0] if aspect.spans else None
                rows.append(with_aspect(base, focus, aspect.theme))
        decided = []
        for row_scores in model.scores_many(rows).tolist() if rows else []:
            probabilities = dict(zip(model.classes, row_scores, strict=True))
            label = max(probabilities, key=probabilities.__getitem__)
            score = probabilities.get("positive", 0.0) - probabilities.get(
                "negative", 0.0
            )
            decided.append((label, score))
        evidence = iter(model.evidence_many(rows, [label for label, _ in decided]))
        given = iter(decided)
        out = []
        for read in reads:
            labelled = []
            for aspect in read.found.values():
                label, score = next(given)
                try:
                    polarity = Polarity(label)
                except ValueError:
                    polarity = Polarity.NEUTRAL
                spans = _merge(next(evidence), _agreeing(aspect.sentiment, polarity))
                labelled.append(
                    replace(
                        aspect, sentiment=Sentiment(polarity, round(score, 4), spans)
                    )
                )
            out.append(tuple(labelled))
        return out


class _Read(NamedTuple):
    """What the rule layer read in one text (and its features for models)."""

    clean: str
    language: Language
    code: str
    tokens: list[Token]
    hits: list[Hit]
    rules: Sentiment
    row: Features | None
    found: dict[str, AspectLabel]  # theme -> aspect, the learned ones added


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
