"""Use cases of learning: fit the workspace's text models, suggest themes, evaluate.

Labels a workspace already has, for free:

* the score beside a text: NPS 0–6 negative, 7–8 neutral, 9–10 positive;
  CSAT or a review's rating 1–2 negative, 3 neutral, 4–5 positive;
* the themes the blueprint's phrases find (a weak label: the model learns the
  other words customers use for the same thing);
* people's corrections, which override both and weigh three times as much.

``learn`` holds back a fifth of the scored texts (by a hash of the id, so the
split is stable), reports the rules' and the new model's accuracy on it, then
fits on everything and saves ``models/text/vNNNN``: enrichment switches to the
newest version, and texts enriched by an older one are redone by
``belofte enrich``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import structlog

from belofte.errors import InvalidInput
from belofte.services.listen.enrichment import applied_blueprint, models_folder
from belofte.services.workspace import Workspace
from belofte.store.repositories.enrichments import (
    EnrichmentRepository,
    LabelledVerbatim,
)
from belofte.text.absa import read_absa
from belofte.text.evaluate import (
    AspectReport,
    ClassReport,
    classification_report,
    cross_validate_aspects,
    cross_validate_sentiment,
    evaluate_aspects,
    evaluate_sentiment,
    read_sentiment_jsonl,
)
from belofte.text.learn import (
    AspectExample,
    CategoryExample,
    TextExample,
    TextModels,
    fit_aspect_polarity,
    fit_categories,
    fit_sentiment,
)
from belofte.text.lexicons.language_words import EN_FUNCTION_WORDS, NL_FUNCTION_WORDS
from belofte.text.linear import LinearModel
from belofte.text.pipeline import Pipeline
from belofte.text.tokens import TokenKind, tokenize

__all__ = [
    "LearnSummary",
    "ThemeSuggestion",
    "evaluate_file",
    "learn",
    "score_label",
    "suggest_themes",
]

log = structlog.get_logger(__name__)

Progress = Callable[[str], None]  # a step's name

_CORRECTED = 3.0  # weight of a person's correction against a score's label
_MIN_THEME_EXAMPLES = 10  # a theme needs this many texts before it is learned
_MAX_EXAMPLES = 60_000  # newest texts used; learning stays seconds, not hours
_HOLDOUT = 5  # one in five scored texts is held out for the report


def score_label(item: LabelledVerbatim) -> str | None:
    """The sentiment a text's score implies, None when there is no score."""
    if item.nps is not None:
        return (
            "negative" if item.nps <= 6 else "neutral" if item.nps <= 8 else "positive"
        )
    five = item.csat if item.csat is not None else item.rating
    if five is None:
        return None
    return "negative" if five <= 2 else "neutral" if five < 4 else "positive"


@dataclass(slots=True)
class LearnSummary:
    """What ``learn`` fitted and how well it does on held-out texts."""

    version: str
    texts: int
    sentiment_examples: int
    category_examples: int
    themes_learned: list[str]
    aspect_examples: int
    corrections: int
    holdout: int
    rules_accuracy: float | None
    learned_accuracy: float | None
    seconds: float
    folder: str

    def as_json(self) -> dict[str, Any]:
        """The summary as JSON."""
        return {k: getattr(self, k) for k in self.__slots__}


@dataclass(slots=True)
class _Examples:
    sentiment: list[TextExample] = field(default_factory=list)
    holdout: list[TextExample] = field(default_factory=list)
    holdout_rules: list[str] = field(default_factory=list)  # what the rules said
    categories: list[CategoryExample] = field(default_factory=list)
    aspects: list[AspectExample] = field(default_factory=list)
    corrections: int = 0
    texts: int = 0


def learn(ws: Workspace, *, on_progress: Progress | None = None) -> LearnSummary:
    """Fit sentiment, theme and aspect-polarity models; save a new version."""
    ws.require_current_schema()
    started = time.perf_counter()
    blueprint = applied_blueprint(ws)
    prior = blueprint.default_language if blueprint else "nl"
    rules = Pipeline(blueprint, prior=prior)
    step = on_progress or (lambda _: None)
    step("reading labelled texts")
    examples = _examples(ws, rules)
    if len({e.label for e in examples.sentiment}) < 2:
        raise InvalidInput(
            "nothing to learn from yet: texts need scores beside them (NPS, CSAT, "
            "a rating) or corrections (`belofte text correct`), of at least two labels"
        )
    step("checking on held-out texts")
    rules_accuracy = learned_accuracy = None
    if examples.holdout:
        gold = [e.label for e in examples.holdout]
        predicted = examples.holdout_rules
        rules_accuracy = classification_report(gold, predicted).accuracy
        learned_accuracy = evaluate_sentiment(
            examples.sentiment, examples.holdout
        ).accuracy
    step("fitting sentiment")
    sentiment = fit_sentiment(examples.sentiment + examples.holdout)
    step("fitting themes")
    categories, learned_themes = _fit_categories(examples.categories)
    step("fitting aspect sentiment")
    aspect_polarity = (
        fit_aspect_polarity(examples.aspects)
        if len({e.label for e in examples.aspects}) >= 2
        else None
    )
    folder = models_folder(ws)
    version = _next_version(folder)
    models = TextModels(f"learned-{version}", sentiment, categories, aspect_polarity)
    _save(models, folder / version)
    summary = LearnSummary(
        version=models.version,
        texts=examples.texts,
        sentiment_examples=len(examples.sentiment) + len(examples.holdout),
        category_examples=len(examples.categories),
        themes_learned=learned_themes,
        aspect_examples=len(examples.aspects),
        corrections=examples.corrections,
        holdout=len(examples.holdout),
        rules_accuracy=None if rules_accuracy is None else round(rules_accuracy, 4),
        learned_accuracy=None
        if learned_accuracy is None
        else round(learned_accuracy, 4),
        seconds=round(time.perf_counter() - started, 2),
        folder=str(folder / version),
    )
    log.info(
        "text.learned", version=models.version, examples=summary.sentiment_examples
    )
    return summary


def _examples(ws: Workspace, rules: Pipeline) -> _Examples:
    out = _Examples()
    with ws.session(read_only=True) as session:
        items = list(EnrichmentRepository(session).labelled())
    items = items[-_MAX_EXAMPLES:]
    for item in items:
        out.texts += 1
        language = item.language if item.language in ("nl", "en") else rules.prior
        corrected = item.corrected_sentiment is not None
        out.corrections += corrected + len(item.corrected_aspects)
        label = item.corrected_sentiment or score_label(item)
        weight = _CORRECTED if corrected else 1.0
        analysed = rules.enrich(item.text, redacted=True)  # once: themes and holdout
        if label is not None:
            example = TextExample(item.text, label, language, weight)
            if not corrected and _digest(item.id) % _HOLDOUT == 0:
                out.holdout.append(example)
                out.holdout_rules.append(analysed.sentiment.label.value)
            else:
                out.sentiment.append(example)
        found = analysed.aspects if rules.matcher else ()
        themes = {a.theme for a in found}
        themes |= {t for t, lab in item.corrected_aspects.items() if lab != "absent"}
        themes -= {t for t, lab in item.corrected_aspects.items() if lab == "absent"}
        out.categories.append(
            CategoryExample(
                item.text,
                frozenset(themes),
                language,
                _CORRECTED if item.corrected_aspects else 1.0,
            )
        )
        spans = {a.theme: a.spans[0] if a.spans else (0, 0) for a in found}
        for theme, aspect_label in item.corrected_aspects.items():
            if aspect_label in ("positive", "negative", "neutral"):
                start, end = spans.get(theme, (0, 0))
                out.aspects.append(
                    AspectExample(
                        item.text, theme, aspect_label, language, start, end, _CORRECTED
                    )
                )
        if (
            len(found) == 1
            and label in ("positive", "negative")
            and not item.corrected_aspects
        ):
            start, end = spans[found[0].theme]
            out.aspects.append(
                AspectExample(item.text, found[0].theme, label, language, start, end)
            )
    return out


def _fit_categories(
    examples: list[CategoryExample],
) -> tuple[LinearModel | None, list[str]]:
    counts = Counter(theme for e in examples for theme in e.categories)
    learnable = sorted(t for t, n in counts.items() if n >= _MIN_THEME_EXAMPLES)
    if len(learnable) < 2:
        return None, []
    keep = frozenset(learnable)
    trimmed = [
        CategoryExample(e.text, e.categories & keep, e.language, e.weight)
        for e in examples
    ]
    return fit_categories(trimmed), learnable


def _digest(value: int) -> int:
    return int.from_bytes(hashlib.blake2b(str(value).encode(), digest_size=4).digest())


def _next_version(folder: Path) -> str:
    numbers = [
        int(p.name[1:]) for p in folder.glob("v[0-9][0-9][0-9][0-9]") if p.is_dir()
    ]
    return f"v{max(numbers, default=0) + 1:04d}"


def _save(models: TextModels, target: Path) -> None:
    """Write into a temporary folder, then rename: a reader never sees half a model."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    shutil.rmtree(temporary, ignore_errors=True)
    models.save(temporary)
    temporary.rename(target)


# ---------------------------------------------------------------- suggestions
@dataclass(frozen=True, slots=True)
class ThemeSuggestion:
    """A phrase customers use often that no theme explains yet."""

    phrase: str
    texts: int
    negative_share: float | None
    examples: tuple[int, ...]  # verbatim ids


# Function words, plus the common verbs and fillers that the language detector's
# lists leave out (they are shared by both languages or carry no topic).
_STOP = (
    NL_FUNCTION_WORDS
    | EN_FUNCTION_WORDS
    | frozenset(
        [
            "was",
            "is",
            "in",
            "of",
            "had",
            "me",
            "we",
            "u",
            "van",
            "toe",
            "none",
            "heb",
            "ben",
            "zijn",
            "werd",
            "wordt",
            "worden",
            "geen",
            "niet",
            "erg",
            "heel",
            "echt",
            "wel",
            "nog",
            "al",
            "ook",
            "even",
            "maar",
            "door",
            "over",
            "per",
            "via",
            "voegen",
            "opmerkingen",
            "opmerking",
            "nvt",
            "niets",
            "nothing",
            "comments",
            "comment",
        ]
    )
)
_MIN_WORDS = 2  # content words a text needs before it can suggest anything
_MAX_PHRASE = 4  # words


def suggest_themes(
    ws: Workspace, *, limit: int = 20, min_texts: int = 5
) -> list[ThemeSuggestion]:
    """Frequent word pairs (and words) in texts where no theme was found."""
    ws.require_current_schema()
    blueprint = applied_blueprint(ws)
    if blueprint is None:
        raise InvalidInput("apply a blueprint first: `belofte blueprint apply`")
    rules = Pipeline(blueprint, prior=blueprint.default_language)
    counts: Counter[str] = Counter()
    negative: Counter[str] = Counter()
    scored: Counter[str] = Counter()
    examples: dict[str, list[int]] = {}
    with ws.session(read_only=True) as session:
        items = list(EnrichmentRepository(session).labelled())
    for item in items[-_MAX_EXAMPLES:]:
        tokens = tokenize(item.text)
        if rules.matcher is None or rules.matcher.find(
            tokens, item.language or rules.prior
        ):
            continue
        words = [
            t.norm
            for t in tokens
            if t.kind is TokenKind.WORD and t.norm not in _STOP and len(t.norm) > 2
        ]
        if len(words) < _MIN_WORDS:
            continue
        phrases = {
            " ".join(words[i : i + n])
            for n in range(1, _MAX_PHRASE + 1)
            for i in range(len(words) - n + 1)
        }
        label = score_label(item)
        for phrase in phrases:
            counts[phrase] += 1
            if label is not None:
                scored[phrase] += 1
                negative[phrase] += label == "negative"
            if len(examples.setdefault(phrase, [])) < 3:
                examples[phrase].append(item.id)
    # Longer phrases say more: each extra word counts for a quarter more, and a
    # phrase that only repeats a word of a chosen one about as often adds nothing.
    ranked = sorted(
        counts.items(), key=lambda kv: (-kv[1] * (1 + 0.25 * kv[0].count(" ")), kv[0])
    )
    out: list[ThemeSuggestion] = []
    taken: dict[str, int] = {}
    for phrase, n in ranked:
        if n < min_texts:
            continue
        words = phrase.split(" ")
        if any(w in taken and n >= 0.9 * taken[w] for w in words):
            continue
        share = negative[phrase] / scored[phrase] if scored[phrase] else None
        out.append(
            ThemeSuggestion(
                phrase,
                n,
                None if share is None else round(share, 3),
                tuple(examples[phrase]),
            )
        )
        for word in words:
            taken.setdefault(word, n)
        if len(out) >= limit:
            break
    return out


# ---------------------------------------------------------------- evaluation
def evaluate_file(
    ws: Workspace | None,
    task: str,
    path: Path,
    *,
    train: Path | None = None,
    folds: int = 0,
    language: str = "nl",
) -> ClassReport | AspectReport:
    """Measure text analysis on a labelled file.

    ``train``: fit the model family on that file first, then test on ``path``;
    ``folds``: cross-validate on ``path`` itself; neither: judge the
    workspace's current pipeline (its rules and learned models).
    """
    if language not in ("nl", "en"):
        raise InvalidInput(f"language: {language!r} is not nl or en")
    if task == "sentiment":
        test = read_sentiment_jsonl(path, language=language)
        if train is not None:
            return evaluate_sentiment(
                read_sentiment_jsonl(train, language=language), test
            )
        if folds:
            return cross_validate_sentiment(test, k=folds)
        pipeline = _pipeline(ws)
        predicted = [
            result.sentiment.label.value
            for result in pipeline.enrich_many([e.text for e in test])
        ]
        return classification_report([e.label for e in test], predicted)
    if task == "aspects":
        sentences = read_absa(path)
        terms = any(s.terms for s in sentences)  # SemEval-2014: aspect terms
        if train is not None:
            return evaluate_aspects(read_absa(train), sentences, language, terms=terms)
        if folds:
            return cross_validate_aspects(sentences, language, k=folds, terms=terms)
        raise InvalidInput(
            "aspects: give --train FILE or --folds K (SemEval categories are not "
            "the workspace's themes, so its own models cannot be judged on them)"
        )
    raise InvalidInput(f"task: {task!r} is not sentiment or aspects")


def _pipeline(ws: Workspace | None) -> Pipeline:
    if ws is None:
        return Pipeline()
    from belofte.services.listen.enrichment import text_pipeline

    return text_pipeline(ws)
