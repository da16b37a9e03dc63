"""Fit the workspace's text models from labelled examples.

Three models, one family (the features of :mod:`features`, TF-IDF weighted,
read by the stacked linear models of :mod:`linear`), the same whether the
labels come from a benchmark file (``belofte text evaluate --train``) or from
a workspace's own rated feedback and corrections (``belofte text learn``):

* ``sentiment``: a text's overall polarity;
* ``categories``: which aspects (blueprint themes, SemEval categories) a text
  mentions, one yes/no decision each; where the examples mark the words that
  named an aspect, it also reads a lexicon learned from them (:mod:`targets`);
* ``aspect_polarity``: the polarity of one aspect in a text, read from the
  words around its target and the aspect's own vocabulary.

Every model also reads the rule layer's lexicon sentiment (``sentiment``) as
dense features, so learning starts from what the lexicon knows and corrects
it where the workspace's labels disagree. The sentiment and aspect-polarity
models also read the published lexicons of :mod:`lexicons.external` (VADER,
Pattern) as ``l:`` hits and dense masses: they know words the workspace never
labelled. (The category model leaves them out: they speak of polarity, not
topic, and cost it F1 on cross-validation.) The category model alone reads
WordNet's classes of the words (:mod:`lexicons.senses`: how much of a text
names food, drink, people, a place or money). Inner cross-validation, which the
combiner of :mod:`linear` needs, keeps examples of the same text together.

:class:`TextModels` is saved as a folder of ``.npz`` files plus a small JSON
manifest: no pickle, versioned by the caller.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from belofte.errors import InvalidInput
from belofte.text import collector
from belofte.text.features import (
    SENSE_PREFIX,
    FeatureConfig,
    Features,
    LexiconHit,
    text_level,
    with_aspect,
)
from belofte.text.linear import LinearModel
from belofte.text.sentiment import Hit, polarity_hits
from belofte.text.targets import TargetLexicon, TargetSpan
from belofte.text.tokens import Token, tokenize

__all__ = [
    "AspectExample",
    "CategoryExample",
    "Recipe",
    "TextExample",
    "TextModels",
    "aspect_features",
    "fit_aspect_polarity",
    "fit_categories",
    "fit_sentiment",
    "text_features",
]


@dataclass(frozen=True, slots=True)
class TextExample:
    """A text with its overall sentiment label."""

    text: str
    label: str
    language: str = "nl"
    weight: float = 1.0
    group: str = ""  # examples of one group (a review) stay together in inner CV


@dataclass(frozen=True, slots=True)
class CategoryExample:
    """A text with the set of aspects (categories) it mentions.

    ``targets``: where known, the characters that name a category (SemEval's
    opinion targets, as ``(start, end, category)``); the model learns which
    words name which category from them (:mod:`targets`). ``group``: examples
    of one group (a review) stay together when that lexicon is built out of
    fold.
    """

    text: str
    categories: frozenset[str]
    language: str = "nl"
    weight: float = 1.0
    group: str = ""
    targets: tuple[TargetSpan, ...] = ()


@dataclass(frozen=True, slots=True)
class AspectExample:
    """One aspect of a text with its polarity; ``start == end``: implicit."""

    text: str
    category: str
    label: str
    language: str = "nl"
    start: int = 0
    end: int = 0
    weight: float = 1.0
    group: str = ""


@dataclass(frozen=True, slots=True)
class Recipe:
    """How each model is fitted; tuned by cross-validation on training parts.

    One recipe serves every workspace and language: the values below were
    chosen by grouped 5-fold cross-validation on the training parts of four
    data sets (Dutch and English restaurant reviews, English tweets) and kept
    where they held up on all of them, not tuned per data set.

    ``*_c``: the linear SVMs' regularisation (smaller: smoother). ``stack``:
    fit the combiner over the heads (see :mod:`linear`) when there is enough
    data. ``categories_threshold``: ``None`` lets inner cross-validation choose
    it. ``lexicon``: the rule layer's sentiment as dense features.
    """

    features: FeatureConfig = field(default_factory=FeatureConfig)
    sentiment_c: float = 0.3
    categories_c: float = 1.0
    categories_threshold: float | None = None
    #: the category model reads the external lexicons too (it does worse
    #: with them on cross-validation: they speak of polarity, not topic)
    categories_external: bool = False
    aspect_c: float = 0.3
    #: the weight of the dense (lexicon) features beside the aspect model's
    #: TF-IDF row; the overall-sentiment and category models keep 0.5
    aspect_dense_scale: float = 0.25
    min_df: int = 1
    lexicon: bool = True
    stack: bool = True


DEFAULT_RECIPE = Recipe()


def _lexicon(
    tokens: list[Token],
    language: str,
    recipe: Recipe,
    hits: Sequence[Hit] | None = None,
) -> list[LexiconHit]:
    if not recipe.lexicon:
        return []
    if hits is None:
        hits = polarity_hits(tokens, language)
    return [LexiconHit(hit.value, hit.span, hit.index) for hit in hits if hit.value]


def text_features(
    text: str,
    language: str,
    recipe: Recipe = DEFAULT_RECIPE,
    *,
    tokens: list[Token] | None = None,
    hits: Sequence[Hit] | None = None,
) -> Features:
    """The features the sentiment and category models read.

    ``tokens`` and ``hits``: the text's tokens and the rule layer's hits on
    them, when the caller has them already (the pipeline): the same features,
    without tokenizing and reading the lexicon twice.
    """
    key = (text, language, recipe.features, recipe.lexicon)
    memo = _LAST_TEXT
    if memo and memo[0][0] == key:
        return memo[0][1]
    if tokens is None:
        tokens = tokenize(text)
    config = recipe.features
    if not recipe.lexicon and config.external:  # no lexicon knowledge at all
        config = replace(config, external=False)
    features = text_level(
        tokens, language, config, _lexicon(tokens, language, recipe, hits)
    )
    memo[:] = [(key, features)]
    return features


# The last text featurized: the pipeline asks for a text's features, then for
# those of each of its aspects, which build on them. (Features are not changed
# by their readers.)
_LAST_TEXT: list[tuple[tuple[str, str, FeatureConfig, bool], Features]] = []


def aspect_features(
    text: str,
    language: str,
    category: str,
    span: tuple[int, int] | None,
    recipe: Recipe = DEFAULT_RECIPE,
) -> Features:
    """The features the aspect-polarity model reads for one aspect."""
    return with_aspect(text_features(text, language, recipe), span, category)


@collector.paused()
def fit_sentiment(
    examples: Sequence[TextExample], recipe: Recipe = DEFAULT_RECIPE
) -> LinearModel:
    """Fit the overall-sentiment model."""
    _require(examples, "sentiment")
    rows = [_no_senses(text_features(e.text, e.language, recipe)) for e in examples]
    return LinearModel.fit(
        rows,
        [e.label for e in examples],
        c=recipe.sentiment_c,
        min_df=recipe.min_df,
        sample_weight=_weights(examples),
        groups=[_group(e) for e in examples],
        stack=recipe.stack,
    )


@collector.paused()
def fit_categories(
    examples: Sequence[CategoryExample], recipe: Recipe = DEFAULT_RECIPE
) -> LinearModel:
    """Fit the aspect-detection model (one yes/no per category)."""
    _require(examples, "aspect")
    rows = [
        _external_only(
            text_features(e.text, e.language, recipe), recipe.categories_external
        )
        for e in examples
    ]
    targets = None
    if any(e.targets for e in examples):
        rows, targets = TargetLexicon.out_of_fold(
            rows, [e.targets for e in examples], [_group(e) for e in examples]
        )
    return LinearModel.fit_multi_label(
        rows,
        [e.categories for e in examples],
        c=recipe.categories_c,
        min_df=recipe.min_df,
        threshold=recipe.categories_threshold,
        sample_weight=_weights(examples),
        # the combiner's folds keep identical texts together, not groups:
        # grouping them by review cost 0.5-1 F1 on cross-validation (the
        # target lexicon's folds keep reviews together)
        groups=[_text_group(e) for e in examples],
        stack=recipe.stack,
        targets=targets,
    )


@collector.paused()
def fit_aspect_polarity(
    examples: Sequence[AspectExample], recipe: Recipe = DEFAULT_RECIPE
) -> LinearModel:
    """Fit the aspect-polarity model."""
    _require(examples, "aspect polarity")
    rows = [
        _no_senses(
            aspect_features(e.text, e.language, e.category, (e.start, e.end), recipe)
        )
        for e in examples
    ]
    return LinearModel.fit(
        rows,
        [e.label for e in examples],
        c=recipe.aspect_c,
        dense_scale=recipe.aspect_dense_scale,
        min_df=recipe.min_df,
        sample_weight=_weights(examples),
        groups=[_group(e) for e in examples],
        stack=recipe.stack,
    )


def _external_only(row: Features, keep: bool) -> Features:
    """``row`` without its external-lexicon features unless ``keep``."""
    if keep or not row.config.external:
        return row
    return _without(row, "l:", "=x")


def _no_senses(row: Features) -> Features:
    """``row`` without its WordNet class masses: only categories read them.

    They say what a text is about, not how it feels.
    """
    return _without(row, None, SENSE_PREFIX) if row.config.senses else row


def _without(row: Features, counts: str | None, dense: str) -> Features:
    """``row`` without the sparse and dense features of these prefixes.

    A model fitted on such rows never has their columns, so it ignores them
    when it reads full rows later (unknown features have no column).
    """
    return replace(
        row,
        counts=row.counts
        if counts is None
        else {n: v for n, v in row.counts.items() if not n.startswith(counts)},
        dense={n: v for n, v in row.dense.items() if not n.startswith(dense)},
    )


def _weights(
    examples: Sequence[TextExample | CategoryExample | AspectExample],
) -> list[float] | None:
    weights = [e.weight for e in examples]
    return None if all(w == 1.0 for w in weights) else weights


def _group(example: TextExample | CategoryExample | AspectExample) -> str:
    """Examples of one group (else of the same text) stay together in inner CV."""
    return example.group or _text_group(example)


def _text_group(example: TextExample | CategoryExample | AspectExample) -> str:
    """The text itself, case and spacing folded."""
    return " ".join(example.text.lower().split())


def _require(examples: Sequence[object], what: str) -> None:
    if not examples:
        raise InvalidInput(f"no labelled {what} examples to learn from")


@dataclass(frozen=True, slots=True)
class TextModels:
    """The learned models of a workspace (any may be missing)."""

    version: str
    sentiment: LinearModel | None = None
    categories: LinearModel | None = None
    aspect_polarity: LinearModel | None = None
    recipe: Recipe = DEFAULT_RECIPE

    _PARTS = ("sentiment", "categories", "aspect_polarity")

    def save(self, folder: Path) -> None:
        """Write the models and a manifest into ``folder`` (created)."""
        folder.mkdir(parents=True, exist_ok=True)
        parts = {}
        for part in self._PARTS:
            model = getattr(self, part)
            if model is not None:
                (folder / f"{part}.npz").write_bytes(model.to_bytes())
                parts[part] = f"{part}.npz"
        manifest = {
            "version": self.version,
            "parts": parts,
            "features": self.recipe.features.as_json(),
            "lexicon": self.recipe.lexicon,
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")

    @classmethod
    def load(cls, folder: Path) -> TextModels:
        """Read models written by :meth:`save`."""
        try:
            manifest = json.loads((folder / "manifest.json").read_text())
            # models saved before these features existed did not read them
            features = FeatureConfig(
                **{
                    "external": False,
                    "clause_window": False,
                    "senses": False,
                    **manifest["features"],
                }
            )
            models = {
                part: LinearModel.from_bytes((folder / name).read_bytes())
                for part, name in manifest["parts"].items()
                if part in cls._PARTS
            }
        except (OSError, KeyError, TypeError, json.JSONDecodeError) as exc:
            raise InvalidInput(
                f"{folder}: not a belofte model folder ({exc})"
            ) from None
        return cls(
            str(manifest["version"]),
            recipe=Recipe(
                features=features, lexicon=bool(manifest.get("lexicon", True))
            ),
            **models,
        )
