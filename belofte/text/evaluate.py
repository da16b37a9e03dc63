"""Measure text analysis on labelled data: the figures we publish.

* sentiment: accuracy, macro-F1, per-class precision/recall/F1, confusion;
* aspects (SemEval ABSA): slot 1 (category detection, micro-F1 over
  (sentence, category) pairs) and slot 3 (polarity given the gold aspects,
  accuracy), SemEval-2014 aspect-term polarity with conflict excluded.

Cross-validation keeps every group (a review, or identical tweets) inside one
fold, so no sentence is judged by a model that saw its neighbour.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from belofte.errors import InvalidInput
from belofte.text.absa import AbsaSentence
from belofte.text.learn import (
    DEFAULT_RECIPE,
    AspectExample,
    CategoryExample,
    Recipe,
    TextExample,
    aspect_features,
    fit_aspect_polarity,
    fit_categories,
    fit_sentiment,
    text_features,
)

__all__ = [
    "AspectReport",
    "ClassReport",
    "aspect_examples",
    "category_examples",
    "classification_report",
    "cross_validate_aspects",
    "cross_validate_sentiment",
    "evaluate_aspects",
    "evaluate_sentiment",
    "folds",
    "read_sentiment_jsonl",
    "term_examples",
    "term_training_examples",
]

_MAX_LINE = 100_000


@dataclass(frozen=True, slots=True)
class ClassReport:
    """Accuracy, macro-F1, per-class scores and the confusion matrix."""

    n: int
    accuracy: float
    macro_f1: float
    per_class: dict[str, dict[str, float]]
    labels: tuple[str, ...]
    confusion: tuple[tuple[int, ...], ...]  # rows gold, columns predicted

    def as_json(self) -> dict[str, Any]:
        """The report as JSON."""
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_class": self.per_class,
            "confusion": {"labels": list(self.labels), "matrix": self.confusion},
        }


@dataclass(frozen=True, slots=True)
class AspectReport:
    """SemEval slot 1 (category F1) and slot 3 (polarity given gold aspects)."""

    sentences: int
    category_precision: float
    category_recall: float
    category_f1: float
    polarity: ClassReport

    def as_json(self) -> dict[str, Any]:
        """The report as JSON."""
        return {
            "sentences": self.sentences,
            "category": {
                "precision": round(self.category_precision, 4),
                "recall": round(self.category_recall, 4),
                "micro_f1": round(self.category_f1, 4),
            },
            "polarity": self.polarity.as_json(),
        }


def classification_report(gold: Sequence[str], predicted: Sequence[str]) -> ClassReport:
    """Compare predicted labels with gold labels."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    labels = tuple(sorted(set(gold) | set(predicted)))
    position = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted, strict=True):
        matrix[position[g]][position[p]] += 1
    per_class: dict[str, dict[str, float]] = {}
    for label, i in position.items():
        tp = matrix[i][i]
        predicted_n = sum(row[i] for row in matrix)
        support = sum(matrix[i])
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        per_class[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": support,
        }
    n = len(gold)
    correct = sum(matrix[i][i] for i in range(len(labels)))
    gold_labels = [label for label in labels if per_class[label]["support"]]
    macro = sum(per_class[label]["f1"] for label in gold_labels) / max(
        1, len(gold_labels)
    )
    return ClassReport(
        n,
        correct / n if n else 0.0,
        macro,
        per_class,
        labels,
        tuple(tuple(row) for row in matrix),
    )


# ---------------------------------------------------------------- folds
def folds(groups: Sequence[str], k: int = 5, *, split: int = 0) -> list[list[int]]:
    """Indices of ``k`` folds; a group never spans two folds.

    Groups are dealt largest first to the smallest fold (as scikit-learn's
    GroupKFold does), ties broken by a hash of the group, so folds are the
    same on every machine. ``split`` > 0 salts that hash: another deal of the
    same groups, for repeated cross-validation (a figure moves more between
    deals than many changes move it).
    """
    if k < 2:
        raise InvalidInput("cross-validation needs at least 2 folds")
    members: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)
    if len(members) < k:
        raise InvalidInput(f"cross-validation needs at least {k} groups")
    salt = f"{split}:" if split else ""
    order = sorted(members, key=lambda g: (-len(members[g]), _digest(salt + g)))
    out: list[list[int]] = [[] for _ in range(k)]
    for group in order:
        smallest = min(range(k), key=lambda f: (len(out[f]), f))
        out[smallest].extend(members[group])
    return [sorted(fold) for fold in out]


def _digest(value: str) -> str:
    return hashlib.blake2b(value.encode(), digest_size=8).hexdigest()


# ---------------------------------------------------------------- sentiment
def read_sentiment_jsonl(path: Path, *, language: str = "nl") -> list[TextExample]:
    """JSON Lines with ``text`` and ``label`` (``language`` optional per line)."""
    examples: list[TextExample] = []
    problems: list[str] = []
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read ({exc.strerror})") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            example = _sentiment_line(line, language)
            if isinstance(example, str):
                problems.append(f"{path.name}:{number}: {example}")
            else:
                examples.append(example)
    if problems:
        raise InvalidInput(
            f"{path.name}: {len(problems)} bad line(s), nothing evaluated",
            problems=tuple(problems),
        )
    if not examples:
        raise InvalidInput(f"{path}: no labelled texts")
    return examples


def _sentiment_line(line: str, language: str) -> TextExample | str:
    if len(line) > _MAX_LINE:
        return f"line longer than {_MAX_LINE} characters"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not JSON ({exc.msg})"
    if not isinstance(record, dict):
        return "expected a JSON object"
    text, label = record.get("text"), record.get("label")
    if not isinstance(text, str) or not text.strip():
        return "text: missing or empty"
    if not isinstance(label, str) or not label.strip():
        return "label: missing or empty"
    lang = record.get("language", language)
    return TextExample(text, label.strip().lower(), str(lang))


def evaluate_sentiment(
    train: Sequence[TextExample],
    test: Sequence[TextExample],
    recipe: Recipe = DEFAULT_RECIPE,
) -> ClassReport:
    """Fit on ``train``, report on ``test``."""
    model = fit_sentiment(train, recipe)
    predicted = [model.predict(text_features(e.text, e.language, recipe)) for e in test]
    return classification_report([e.label for e in test], predicted)


def cross_validate_sentiment(
    examples: Sequence[TextExample],
    *,
    k: int = 5,
    recipe: Recipe = DEFAULT_RECIPE,
    group: Callable[[TextExample], str] = lambda e: e.text.strip().lower(),
    split: int = 0,
) -> ClassReport:
    """K-fold cross-validation; identical texts stay in one fold.

    ``split``: which deal of the folds (see :func:`folds`).
    """
    gold: list[str] = []
    predicted: list[str] = []
    for fold in folds([group(e) for e in examples], k, split=split):
        held = set(fold)
        train = [e for i, e in enumerate(examples) if i not in held]
        model = fit_sentiment(train, recipe)
        for i in fold:
            e = examples[i]
            gold.append(e.label)
            predicted.append(model.predict(text_features(e.text, e.language, recipe)))
    return classification_report(gold, predicted)


# ---------------------------------------------------------------- aspects
def category_examples(
    sentences: Sequence[AbsaSentence], language: str
) -> list[CategoryExample]:
    """One example per sentence: the categories annotated on it.

    With the opinion targets that name them (the category model learns which
    words name which category) and the review as the group (a review's own
    targets never vouch for its sentences while the model learns).
    """
    return [
        CategoryExample(
            s.text,
            s.categories,
            language,
            group=s.group,
            targets=tuple(
                (o.start, o.end, o.category)
                for o in s.opinions
                if o.category and o.end > o.start
            ),
        )
        for s in sentences
    ]


def aspect_examples(
    sentences: Sequence[AbsaSentence], language: str
) -> list[AspectExample]:
    """One example per gold opinion (SemEval-2016) or category (2014)."""
    return [
        AspectExample(s.text, o.category, o.polarity, language, o.start, o.end)
        for s in sentences
        for o in s.opinions
        if o.category and o.polarity in _POLARITIES
    ]


def term_examples(
    sentences: Sequence[AbsaSentence], language: str
) -> list[AspectExample]:
    """SemEval-2014 aspect terms (conflict excluded) as aspect examples."""
    return [
        AspectExample(s.text, "term", t.polarity, language, t.start, t.end)
        for s in sentences
        for t in s.terms
        if t.polarity in _POLARITIES
    ]


def term_training_examples(
    sentences: Sequence[AbsaSentence], language: str
) -> list[AspectExample]:
    """What the SemEval-2014 term-polarity model learns from.

    The aspect terms, and each sentence's categories with their polarity as
    implicit aspects at :data:`CATEGORY_WEIGHT`: the same file's other
    annotation, on the same training sentences, which says how the sentence
    leans (cross-validated: 74.6 % -> 75.5 %).
    """
    return term_examples(sentences, language) + [
        replace(e, weight=CATEGORY_WEIGHT) for e in aspect_examples(sentences, language)
    ]


#: the weight of a SemEval-2014 sentence category beside its aspect terms
CATEGORY_WEIGHT: Final = 0.5
_POLARITIES = frozenset({"positive", "negative", "neutral"})


def evaluate_aspects(
    train: Sequence[AbsaSentence],
    test: Sequence[AbsaSentence],
    language: str,
    recipe: Recipe = DEFAULT_RECIPE,
    *,
    terms: bool = False,
) -> AspectReport:
    """Fit on ``train``, report SemEval slots 1 and 3 on ``test``.

    ``terms``: polarity of aspect terms (SemEval-2014) instead of categories.
    """
    run = _AspectRun()
    run.add(train, test, language, recipe, terms)
    return run.report()


def cross_validate_aspects(
    sentences: Sequence[AbsaSentence],
    language: str,
    *,
    k: int = 5,
    recipe: Recipe = DEFAULT_RECIPE,
    terms: bool = False,
    split: int = 0,
) -> AspectReport:
    """K-fold cross-validation grouped by review, pooled over the folds.

    ``split``: which deal of the folds (see :func:`folds`).
    """
    run = _AspectRun()
    for fold in folds([s.group for s in sentences], k, split=split):
        held = set(fold)
        train = [s for i, s in enumerate(sentences) if i not in held]
        run.add(train, [sentences[i] for i in fold], language, recipe, terms)
    return run.report()


class _AspectRun:
    """Pooled predictions of one or more train/test splits."""

    def __init__(self) -> None:
        self.gold: list[str] = []
        self.predicted: list[str] = []
        self.sentences = self.tp = self.fp = self.fn = 0

    def add(
        self,
        train: Sequence[AbsaSentence],
        test: Sequence[AbsaSentence],
        language: str,
        recipe: Recipe,
        terms: bool,
    ) -> None:
        pick = term_examples if terms else aspect_examples
        learn = term_training_examples if terms else aspect_examples
        polarity = fit_aspect_polarity(learn(train, language), recipe)
        for e in pick(test, language):
            span = (e.start, e.end)
            row = aspect_features(e.text, e.language, e.category, span, recipe)
            self.gold.append(e.label)
            self.predicted.append(polarity.predict(row))
        self.sentences += len(test)
        if terms or not any(s.categories for s in train):
            return
        detector = fit_categories(category_examples(train, language), recipe)
        for s in test:
            row = text_features(s.text, language, recipe)
            found = {name for name, _ in detector.predict_labels(row)}
            self.tp += len(found & s.categories)
            self.fp += len(found - s.categories)
            self.fn += len(s.categories - found)

    def report(self) -> AspectReport:
        tp, fp, fn = self.tp, self.fp, self.fn
        return AspectReport(
            self.sentences,
            tp / (tp + fp) if tp + fp else 0.0,
            tp / (tp + fn) if tp + fn else 0.0,
            2 * tp / (2 * tp + fp + fn) if tp else 0.0,
            classification_report(self.gold, self.predicted),
        )
