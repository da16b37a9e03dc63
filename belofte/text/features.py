"""Features of a text for the workspace's learned models.

One featurizer serves training and prediction, so what a model saw when it was
fitted is exactly what it sees later. A text becomes sparse counts (TF-IDF'd by
:mod:`linear`) and a few dense values (used as they are):

* ``w:`` words and ``b:`` word bigrams (folded), with words in a negation's
  scope marked (``w:!vriendelijk``), so "niet vriendelijk" differs from
  "vriendelijk";
* ``s:`` Snowball stems, so "gerechten" and "gerecht" share evidence;
* ``c:`` character n-grams inside words, which reach into Dutch compounds
  ("ontbijtbuffet" shares ``buffe`` with "buffet") and spelling variants;
* ``p:`` question and exclamation marks (a question is rarely a verdict);
* ``l:`` hits of the published lexicons (:mod:`lexicons.external`: VADER,
  Pattern), by source, sign and strength, negated ones marked (``l:!p+2``):
  words the training data never showed still count;
* for an aspect: ``k:`` its category, ``f:`` the words around its target
  within its clause (all words when it is implicit) and ``a:`` the category
  with each of them, so the same word can mean different things for food and
  for service;
* dense ``=``: the rule layer's lexicon sentiment, positive and negative mass
  and their balance (squashed with tanh), for the whole text and, for an
  aspect, its clause and a distance-weighted reading around the target; the
  same for each published lexicon (``=x``), with their subjectivity; in
  English, how much of the text names food, drink, people, a place or money
  by WordNet (``=n:``, :mod:`lexicons.senses`; only the category model reads
  them). Outside TF-IDF's length normalisation, so the lexicon speaks with
  the same voice in a short text and a long one.

The tokenizer makes web debris whole first: a URL is one ``<url>`` token (no
``:/`` emoticon, no sentence ends inside it), ``@name`` one mention token,
``#word`` the word.

Every feature can be traced back to characters of the text
(:meth:`Features.spans_of`), so a model's strongest features are its evidence.
Spans are worked out only when asked for: featurizing stays cheap.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any, Final, NamedTuple

import Stemmer

from belofte.text.lexicons import external, senses
from belofte.text.lexicons.language_words import EN_FUNCTION_WORDS, NL_FUNCTION_WORDS
from belofte.text.tokens import Clause, Token, TokenKind, clauses

__all__ = [
    "NEGATORS",
    "SENSE_PREFIX",
    "FeatureConfig",
    "Features",
    "LexiconHit",
    "char_grams",
    "featurize",
    "text_level",
    "with_aspect",
]

#: Words that open a negation scope; the next few words are marked.
NEGATORS: Final = frozenset(
    {
        "niet",
        "geen",
        "nooit",
        "niks",
        "niets",
        "nergens",
        "zonder",
        "not",
        "no",
        "never",
        "nothing",
        "without",
        "nobody",
        "niemand",
        "isn't",
        "wasn't",
        "don't",
        "didn't",
        "doesn't",
        "won't",
        "can't",
        "couldn't",
        "aren't",
        "weren't",
        "haven't",
        "hasn't",
        "wouldn't",
        "shouldn't",
        "cannot",
    }
)
_NEGATION_REACH: Final = 3
_STEMMERS: Final = {"nl": "dutch", "en": "english"}
_MARKS: Final = frozenset({"?", "!"})
#: dense WordNet class masses (:mod:`lexicons.senses`): ``=n:noun.food``
SENSE_PREFIX: Final = "=n:"

Span = tuple[int, int]


class LexiconHit(NamedTuple):
    """One hit of the rule layer: signed valence, characters, token index."""

    value: float
    span: Span
    token: int


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    """Which feature families a model uses; stored with the model."""

    bigrams: bool = True
    stems: bool = True
    char_min: int = 3
    char_max: int = 5  # 0 switches character n-grams off
    window: int = 4  # focus words each side of an aspect's target
    marks: bool = True  # ``p:?`` and ``p:!``
    external: bool = True  # ``l:`` hits of the published lexicons
    clause_window: bool = True  # an aspect's window stays inside its clause
    senses: bool = True  # ``n:`` WordNet classes (:mod:`lexicons.senses`)

    def as_json(self) -> dict[str, int | bool]:
        """The config as JSON, to store beside the model."""
        return {
            "bigrams": self.bigrams,
            "stems": self.stems,
            "char_min": self.char_min,
            "char_max": self.char_max,
            "window": self.window,
            "marks": self.marks,
            "external": self.external,
            "clause_window": self.clause_window,
            "senses": self.senses,
        }


class _Word(NamedTuple):
    marked: str  # norm, "!" in front inside a negation's scope
    bare: str
    span: Span
    token: int  # index into the tokens
    clause: int
    scope: int  # where its evidence starts: its negator, if it has one

    @property
    def evidence(self) -> Span:
        """The word's span, from its negator on ("niet vriendelijk")."""
        return (self.scope, self.span[1])


@dataclass(slots=True)
class Features:
    """Sparse counts, dense values and what it takes to find their spans.

    ``counts`` holds every sparse feature except the character n-grams:
    those are ``chars``, the words whose n-grams count (each occurrence once),
    which a vocabulary resolves per distinct word and remembers. Use
    :meth:`names` for every sparse feature with its count.
    """

    counts: dict[str, float]
    dense: dict[str, float] = field(default_factory=dict)
    chars: list[str] = field(default_factory=list)
    words: list[_Word] = field(default_factory=list)
    hits: list[LexiconHit] = field(default_factory=list)
    marks: list[tuple[str, Span]] = field(default_factory=list)
    focus: tuple[int, int] = (0, 0)  # words[focus[0]:focus[1]] are the focus
    language: str = "nl"
    config: FeatureConfig = field(default_factory=FeatureConfig)
    #: for dense features of an aspect: the token range of its clause
    clause: tuple[int, int] | None = None
    clause_list: list[Clause] = field(default_factory=list)
    #: external lexicon hits: (word index, ``l:`` name, signed polarity,
    #: subjectivity)
    tags: list[tuple[int, str, float, float]] = field(default_factory=list)
    #: what a model's vocabulary made of this row, so scoring and evidence
    #: encode it once (keyed by the vocabulary's id; -1 and -2: the padded
    #: words and the WordNet classes evidence looks up, kept)
    encoded: dict[int, Any] = field(default_factory=dict, compare=False, repr=False)

    def names(self) -> dict[str, float]:
        """Every sparse feature with its count, character n-grams included."""
        config = self.config
        grams = Counter(
            name
            for word in self.chars
            for name in char_grams(word, config.char_min, config.char_max)
        )
        return {**self.counts, **grams}

    def spans_of(self, name: str) -> list[Span]:
        """The character spans of the text that produced feature ``name``."""
        family, _, value = name.partition(":")
        words = self.words
        if family == "l":
            return [words[i].evidence for i, tag, _, _ in self.tags if tag == name]
        if family in ("f", "a") and value.rpartition("|")[2].startswith("l:"):
            tag = value.rpartition("|")[2]
            low, high = self.focus
            return [
                words[i].evidence
                for i, found, _, _ in self.tags
                if found == tag and low <= i < high
            ]
        if family in ("w", "b", "s"):
            return self._word_spans(family, value)
        if family in ("f", "a"):
            if family == "a":
                value = value.rpartition("|")[2]
            low, high = self.focus
            return [w.evidence for w in words[low:high] if w.marked == value]
        if family == "c":
            padded = self.encoded.get(-1)
            if padded is None:  # each word padded once: evidence asks often
                padded = [(f" {w.bare} ", w.span) for w in words if w.bare.isalpha()]
                self.encoded[-1] = padded
            return [span for word, span in padded if value in word]
        if family == "p":
            return [span for mark, span in self.marks if mark == value]
        if name.startswith("="):
            return self._dense_spans(name)
        return []

    def _word_spans(self, family: str, value: str) -> list[Span]:
        """Spans of one ``w:``, ``s:`` or ``b:`` feature (``family``, ``value``).

        Looked up by a pass over the words for each name asked: evidence asks
        for one or two such names per text, fewer than building a table of
        every word, stem and bigram would pay for.
        """
        words = self.words
        if family == "w":
            return [w.evidence for w in words if w.marked == value]
        if family == "s":
            stem, name = _stem_name(self.language), "s:" + value
            return [w.span for w in words if w.bare.isalpha() and stem(w.bare) == name]
        first, _, second = value.partition(" ")  # marked words hold no spaces
        return [
            (before.scope, after.span[1])
            for before, after in pairwise(words)
            if after.marked == second and before.marked == first
        ]

    def _dense_spans(self, name: str) -> list[Span]:
        if name.startswith("=t:"):  # a target lexicon's: its words speak
            return []
        if name.startswith(SENSE_PREFIX):  # the words of that class
            label = name[len(SENSE_PREFIX) :]
            words = self.words
            named = self.encoded.get(-2)
            if named is None:  # once per text: evidence may ask for several
                named = self.encoded[-2] = _word_senses(words, self.language)
            return [
                (words[first].span[0], words[last].span[1])
                for first, last, found in named
                if any(found_label == label for found_label, _ in found)
            ]
        if name.startswith("=x"):
            if name.endswith("s"):  # subjectivity: every lexicon word
                return [self.words[i].evidence for i, _, _, _ in self.tags]
            positive = name.endswith("+") or (
                not name.endswith("-") and self.dense.get(name, 0.0) >= 0
            )
            return [
                self.words[i].evidence
                for i, _, value, _ in self.tags
                if value and (value > 0) == positive
            ]
        hits = self.hits
        if name.startswith("=cl") and self.clause is not None:
            first, last = self.clause
            hits = [h for h in hits if first <= h.token < last]
        if name.endswith("+"):
            sign = 1.0
        elif name.endswith("-"):
            sign = -1.0
        else:
            sign = 1.0 if self.dense.get(name, 0.0) >= 0 else -1.0
        return [h.span for h in hits if h.value * sign > 0]


@cache
def _stemmer(language: str) -> Callable[[str], str]:
    stemmer = Stemmer.Stemmer(_STEMMERS.get(language, "dutch"))
    stem: Callable[[str], str] = lru_cache(maxsize=50_000)(stemmer.stemWord)
    return stem


@cache
def _stem_name(language: str) -> Callable[[str], str]:
    """Word -> its ``s:`` feature name (remembered)."""
    stem = _stemmer(language)

    def name(word: str) -> str:
        return "s:" + stem(word)

    named: Callable[[str], str] = lru_cache(maxsize=50_000)(name)
    return named


@lru_cache(maxsize=100_000)
def char_grams(word: str, low: int, high: int) -> tuple[str, ...]:
    """The ``c:`` features of one word: n-grams of `` word `` (padded)."""
    padded = f" {word} "
    size = len(padded)
    return tuple(
        "c:" + padded[i : i + n]
        for n in range(low, high + 1)
        for i in range(size - n + 1)
    )


def featurize(
    tokens: Sequence[Token],
    language: str,
    config: FeatureConfig,
    *,
    focus: Span | None = None,
    category: str | None = None,
    lexicon: Sequence[LexiconHit] = (),
) -> Features:
    """The features of one text; with ``category``, those of one aspect in it.

    ``tokens`` come from :func:`tokens.tokenize`. ``focus`` is the
    aspect's target as a character span (``None`` or empty: the aspect is
    implicit and the whole text is its context). ``lexicon`` holds the rule
    layer's hits on the same tokens.
    """
    base = text_level(tokens, language, config, lexicon)
    if category is None:
        return base
    return with_aspect(base, focus, category)


def text_level(
    tokens: Sequence[Token],
    language: str,
    config: FeatureConfig,
    lexicon: Sequence[LexiconHit] = (),
) -> Features:
    """The text's own features (what sentiment and category models read)."""
    parts = clauses(tokens)
    words = _words(tokens, parts)
    names: list[str] = []
    chars: list[str] = []
    add = names.append
    bigrams = config.bigrams
    stem = _stem_name(language) if config.stems else None
    grams = bool(config.char_max)
    previous = ""
    for word in words:
        marked = word.marked
        add("w:" + marked)
        if bigrams and previous:
            add(f"b:{previous} {marked}")
        previous = marked
        bare = word.bare
        if bare.isalpha():
            if stem is not None:
                add(stem(bare))
            if grams:
                chars.append(bare)
    marks: list[tuple[str, Span]] = []
    if config.marks:
        punct = TokenKind.PUNCT
        for token in tokens:
            if token.kind is punct and token.norm in _MARKS:
                marks.append((token.norm, (token.start, token.end)))
                add("p:" + token.norm)
    hits = list(lexicon)
    dense: dict[str, float] = {}
    _lexicon_mass(dense, "=lex", hits)
    tags = _external_tags(words, language) if config.external else []
    if config.external:
        names.extend(tag for _, tag, _, _ in tags)
        _external_mass(dense, "=x", tags, language)
    if config.senses and senses.has_senses(language):
        _sense_mass(dense, words, language)
    return Features(
        dict(Counter(names)),
        dense,
        chars,
        words,
        hits,
        marks,
        (0, len(words)),
        language,
        config,
        None,
        parts,
        tags,
    )


#: each sense class's mass of a text is ``_SENSE_SCALE * tanh(sum)``: twice
#: the other dense values' voice (1 and 3 did worse on cross-validation)
_SENSE_SCALE: Final = 2.0
_FUNCTION_WORDS: Final = EN_FUNCTION_WORDS | NL_FUNCTION_WORDS


def _word_senses(
    words: Sequence[_Word], language: str
) -> list[tuple[int, int, senses.Senses]]:
    """(first and last word index, classes) of the words that have classes.

    Two words that name one thing ("ice cream") count too. Function words
    have none: "were" would read as "be".
    """
    found: list[tuple[int, int, senses.Senses]] = []
    previous = ""
    for i, word in enumerate(words):
        bare = word.bare
        if not bare.isalpha():
            previous = ""
            continue
        if previous:
            pair = senses.classes(language, previous + " " + bare)
            if pair:
                found.append((i - 1, i, pair))
        if bare not in _FUNCTION_WORDS:
            own = senses.classes(language, bare)
            if own:
                found.append((i, i, own))
        previous = bare
    return found


def _sense_mass(dense: dict[str, float], words: Sequence[_Word], language: str) -> None:
    """Dense ``=n:`` values: how much of the text names food, people, money."""
    mass: dict[str, float] = {}
    for _, _, found in _word_senses(words, language):
        for label, weight in found:
            mass[label] = mass.get(label, 0.0) + weight
    for label, value in sorted(mass.items()):
        dense[SENSE_PREFIX + label] = _SENSE_SCALE * math.tanh(value)


_NEGATED_EXTERNAL: Final = -0.6  # a negated lexicon word: flipped, weaker


@lru_cache(maxsize=100_000)
def _external_entries(language: str, word: str) -> tuple[tuple[str, float, float], ...]:
    """(source, polarity, subjectivity) of ``word`` in each external lexicon.

    A word missing as written is looked up by its Snowball stem ("lekkere"
    finds "lekker").
    """
    found = []
    stem: str | None = None
    for source in external.sources(language):
        entry = source.words.get(word)
        if entry is None and len(word) > 3 and word.isalpha():
            if stem is None:
                stem = _stemmer(language)(word)
            entry = _stem_table(language, source.name).get(stem)
        if entry is not None and (entry.polarity or entry.subjectivity >= 0.5):
            found.append((source.name, entry.polarity, entry.subjectivity))
    return tuple(found)


@cache
def _stem_table(language: str, name: str) -> dict[str, external.Entry]:
    """An external lexicon by stem (the first word of each stem wins).

    Only words whose stem is how they begin: the Dutch stemmer drops the
    "ge" of participles, and "acht" (eight) is not "geacht" (esteemed).
    """
    stem = _stemmer(language)
    table: dict[str, external.Entry] = {}
    for source in external.sources(language):
        if source.name == name:
            for word, entry in sorted(source.words.items()):
                root = stem(word) if word.isalpha() else ""
                if root and word.startswith(root):  # not "geacht" as "acht"
                    table.setdefault(root, entry)
    return table


def _external_tags(
    words: Sequence[_Word], language: str
) -> list[tuple[int, str, float, float]]:
    tags: list[tuple[int, str, float, float]] = []
    for i, word in enumerate(words):
        found = _external_word_tags(language, word.bare, word.marked.startswith("!"))
        if found:
            tags.extend((i, *tag) for tag in found)
    return tags


@lru_cache(maxsize=100_000)
def _external_word_tags(
    language: str, word: str, negated: bool
) -> tuple[tuple[str, float, float], ...]:
    """(``l:`` name, signed polarity, subjectivity) of one word, per lexicon."""
    tags = []
    for source, polarity, subjectivity in _external_entries(language, word):
        sign = "+" if polarity > 0 else "-" if polarity < 0 else "0"
        strength = "2" if abs(polarity) >= 0.5 else "1"
        mark = "!" if negated else ""
        value = polarity * _NEGATED_EXTERNAL if negated else polarity
        tags.append((f"l:{mark}{source}{sign}{strength}", value, subjectivity))
    return tuple(tags)


def _external_mass(
    dense: dict[str, float],
    name: str,
    tags: Sequence[tuple[int, str, float, float]],
    language: str,
    weights: Sequence[float] | None = None,
) -> None:
    """Per external lexicon: positive and negative mass and their balance."""
    for source in external.sources(language):
        positive = negative = 0.0
        letter = source.name
        for j, (_, tag, value, _) in enumerate(tags):
            if tag[-3] != letter:
                continue
            value *= weights[j] if weights is not None else 1.0
            if value > 0:
                positive += value
            else:
                negative -= value
        dense[f"{name}{letter}+"] = math.tanh(positive)
        dense[f"{name}{letter}-"] = math.tanh(negative)
        dense[f"{name}{letter}"] = math.tanh(positive - negative)
    subjective = sum(
        (weights[j] if weights is not None else 1.0) * t[3] for j, t in enumerate(tags)
    )
    dense[name + "s"] = math.tanh(subjective / 2.0)


def with_aspect(base: Features, focus: Span | None, category: str) -> Features:
    """The features of one aspect of a text, from the text's own features."""
    words = base.words
    target = _target(words, focus)
    low, high = 0, len(words)
    if target is not None:
        window = base.config.window
        low = max(0, target[0] - window)
        high = min(len(words), target[1] + window)
        if base.config.clause_window:  # not across "but" or a full stop
            first, last = words[target[0]].clause, words[target[1] - 1].clause
            while low < target[0] and words[low].clause < first:
                low += 1
            while high > target[1] and words[high - 1].clause > last:
                high -= 1
    counts = dict(base.counts)
    counts["k:" + category] = 1.0
    prefix = f"a:{category}|"
    for word in words[low:high]:
        for name in ("f:" + word.marked, prefix + word.marked):
            counts[name] = counts.get(name, 0.0) + 1.0
    for index, tag, _, _ in base.tags:
        if low <= index < high:
            for name in ("f:" + tag, prefix + tag):
                counts[name] = counts.get(name, 0.0) + 1.0
    features = Features(
        counts,
        dict(base.dense),
        base.chars,
        words,
        base.hits,
        base.marks,
        (low, high),
        base.language,
        base.config,
        None,
        base.clause_list,
        base.tags,
    )
    _aspect_dense(features, target)
    return features


def _lexicon_mass(
    dense: dict[str, float],
    name: str,
    hits: Sequence[LexiconHit],
    weights: Sequence[float] | None = None,
) -> None:
    positive = negative = 0.0
    for i, hit in enumerate(hits):
        value = hit.value * (weights[i] if weights is not None else 1.0)
        if value > 0:
            positive += value
        else:
            negative -= value
    dense[name + "+"] = math.tanh(positive)
    dense[name + "-"] = math.tanh(negative)
    dense[name] = math.tanh(positive - negative)


def _aspect_dense(features: Features, target: tuple[int, int] | None) -> None:
    """Lexicon sentiment of the aspect's clause and around its target."""
    hits = features.hits
    dense = features.dense
    tags = features.tags
    external_on = features.config.external
    language = features.language
    if target is None:  # implicit: the whole text is the aspect's context
        _lexicon_mass(dense, "=cl", hits)
        _lexicon_mass(dense, "=near", hits)
        if external_on:
            _external_mass(dense, "=xcl", tags, language)
            _external_mass(dense, "=xnear", tags, language)
        return
    first_token = features.words[target[0]].token
    last_token = features.words[target[1] - 1].token
    for part in features.clause_list:
        if part.first <= first_token < part.last:
            features.clause = (part.first, part.last)
            break
    first, last = features.clause or (0, 1 << 30)
    _lexicon_mass(dense, "=cl", [h for h in hits if first <= h.token < last])
    distances = [
        min(abs(h.token - first_token), abs(h.token - last_token)) for h in hits
    ]
    _lexicon_mass(dense, "=near", hits, [1.0 / (1.0 + d / 3.0) for d in distances])
    dense["=explicit"] = 1.0
    if external_on:
        words = features.words
        _external_mass(
            dense,
            "=xcl",
            [t for t in tags if first <= words[t[0]].token < last],
            language,
        )
        near = [
            1.0 / (1.0 + min(abs(i - target[0]), abs(i - (target[1] - 1))) / 3.0)
            for i, _, _, _ in tags
        ]
        _external_mass(dense, "=xnear", tags, language, near)


def _words(tokens: Sequence[Token], parts: list[Clause]) -> list[_Word]:
    """Word-like tokens, negation scope applied."""
    words: list[_Word] = []
    add = words.append
    new, word_type = tuple.__new__, _Word  # a named tuple without its __new__
    punct, number_kind, word_kind = TokenKind.PUNCT, TokenKind.NUMBER, TokenKind.WORD
    negators = NEGATORS
    for number, clause in enumerate(parts):
        reach = 0
        negator = 0
        for index in range(clause.first, clause.last):
            norm, start, end, kind = tokens[index]
            if kind is punct:
                if norm == ",":
                    reach = 0
                continue
            if kind is number_kind:
                norm = "<num>"
            elif kind is word_kind and norm in negators:
                add(new(word_type, (norm, norm, (start, end), index, number, start)))
                reach, negator = _NEGATION_REACH, start
                continue
            if reach:
                marked = "!" + norm
                add(
                    new(word_type, (marked, norm, (start, end), index, number, negator))
                )
                reach -= 1
            else:
                add(new(word_type, (norm, norm, (start, end), index, number, start)))
    return words


def _target(words: list[_Word], focus: Span | None) -> tuple[int, int] | None:
    """The range of words the aspect's target covers; ``None``: implicit."""
    if focus is None or focus[0] >= focus[1]:
        return None
    start, end = focus
    inside = [i for i, w in enumerate(words) if w.span[1] > start and w.span[0] < end]
    if not inside:
        return None
    return inside[0], inside[-1] + 1
