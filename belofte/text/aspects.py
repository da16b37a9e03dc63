"""Which blueprint themes a text talks about, each with its own sentiment.

``ThemeMatcher.from_blueprint`` turns the seed phrases of every theme (and the
theme's own name) into an index of *terms*: the phrase's words without stop
words, negators and intensifiers, stemmed. A term is one of two kinds:

* content terms say what the phrase is about ("personeel", "levertijd",
  "bezorger"); a phrase matches a clause when all its content terms occur in
  the clause, in any order and inflection ("vriendelijk personeel" matches
  "het personeel was echt heel vriendelijk");
* polarity terms ("vriendelijk", "onvriendelijk", "snel", "te laat") say how it
  went, not what. They never decide a theme on their own when there are
  content words, so "onvriendelijk personeel" and "vriendelijk personeel" are
  the same theme; antonyms share a term ("onvriendelijk" -> "vriendelijk").
  A phrase of polarity words only ("heel behulpzaam", "uitverkocht") uses them
  as content.

A matched phrase counts for its theme by how specific its content terms are:
a term used by one theme counts 1, by two themes 1/2, and so on; polarity
terms of the phrase that also occur add 0.5 each (they confirm the phrase). A
theme is found when its best evidence in a clause reaches 1. A word is evidence
for one theme only: when two themes claim the same words, the stronger keeps
them. Words no phrase knows are split as Dutch compounds ("bezorgkosten" ->
"bezorg" + "kosten").

Each aspect gets the sentiment of the clause(s) it is mentioned in
(``sentiment.clause_sentiment``); a clause without sentiment words borrows the
opposite of its neighbour across a contrast word, or else the text's own
sentiment when the text is about one thing. ``touchpoint`` is a blueprint
touchpoint named in the same clause (by its localized name, or its stage and
channel with a few synonyms), else None.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

import Stemmer

from belofte.domain.promise import Blueprint, text_in
from belofte.text.labels import AspectLabel, Polarity, Sentiment, Span
from belofte.text.sentiment import (
    Hit,
    Lexicon,
    contrast_clauses,
    hits_sentiment,
    lexicon_for,
    lexicon_sentiment,
    polarity_hits,
)
from belofte.text.tokens import Clause, Token, TokenKind, tokenize

__all__ = ["ThemeMatcher", "term_key"]

_THRESHOLD: Final = 1.0
_POLAR_BONUS: Final = 0.5
_PHRASE_BONUS: Final = 0.5
_POLAR_WEIGHT: Final = 0.5
_LEAD_SCORE: Final = 0.5
_CLAUSE_MEMO: Final = 50_000  # clause wordings whose themes are remembered
_LEAD_RATIO: Final = 2.0
_BORROWED: Final = 0.5  # how much of a neighbour's sentiment a bare clause gets


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


_STOP: Final[Mapping[str, frozenset[str]]] = {
    "nl": _words(
        """
        de het een en of in op aan te van voor met bij naar om uit over door
        tot als dat die dit deze ik je jij u we wij ze zij hij mijn mij me
        jullie hun ons onze zijn was waren is ben bent heb hebt heeft had
        hadden word wordt werd werden worden zou zouden kan kon konden
        kunnen moet moest moesten moeten wil wilde wilden er hier daar nog
        al ook dan toen wel mee zelf iets alles iemand steeds wat wie waar
        hoe want dus maar kwam kwamen gaat ging gingen doen deed heeft
        hebben gehad geweest volgende vorige keer paar beetje elke ieder
        hele heel veel twee drie vier vijf zes tien honderd half halve ging
        eerst later net even ooit gewoon precies echt zo nu toch alleen via
        """
    ),
    "en": _words(
        """
        the a an and or in on at to of for with by from as that this these
        those i you he she we they it my me your our their them is was were
        are be been being have has had do did does will would can could
        should must just so very there here then than also all any some one
        every up out off into about after before when while what which who
        how why again got get gets its it's i'm i've im ive was were still
        even only really two three four five six ten hundred half went go
        goes going came
        """
    ),
}
_STOP_ANY: Final = _STOP["nl"] | _STOP["en"]

#: Words customers use for common channels, keyed by words of channel names.
_CHANNEL_SYNONYMS: Final[Mapping[str, tuple[str, ...]]] = {
    "telefoon": ("telefoon", "telefonisch", "gebeld", "bellen", "belde", "belden"),
    "phone": ("phone", "called", "call", "calls", "calling", "rang"),
    "chat": ("chat", "chatten", "gechat", "whatsapp", "livechat"),
    "e-mail": ("mail", "e-mail", "email", "mailtje", "gemaild", "mailen"),
    "email": ("mail", "e-mail", "email", "emailed", "emails"),
    "winkel": ("winkel", "filiaal", "vestiging"),
    "store": ("store", "shop", "branch"),
    "webshop": ("webshop", "website", "site", "online", "app", "webwinkel"),
    "thuis": ("thuis", "huis"),
    "home": ("home", "house"),
    "social": ("twitter", "facebook", "instagram", "dm", "webcare", "social"),
}


def term_key(word: str, language: str) -> str:
    """The matching key of a token norm: stemmed, so inflections share it."""
    if language == "en":
        return _english_key(word)
    return _dutch_key(word)


_DUTCH: Final = Stemmer.Stemmer("dutch")
_ENGLISH: Final = Stemmer.Stemmer("english")


def _dutch_key(word: str) -> str:
    stem = str(_DUTCH.stemWord(word))
    out: list[str] = []
    for char in stem:
        if not out or out[-1] != char:
            out.append(char)
    key = "".join(out)
    if len(key) > 4 and key[-1] in "dt" and key[-2] not in "aeiou":
        key = key[:-1]  # bezorgd -> bezorg
    return key


def _english_key(word: str) -> str:
    return str(_ENGLISH.stemWord(word))[:5]


@dataclass(frozen=True, slots=True)
class _Phrase:
    theme: int
    content: frozenset[str]
    polar: frozenset[str]
    polar_only: bool  # content made of polarity words ("heel behulpzaam")
    weight: float = 0.0  # the sum of its content terms' weights for its theme


@dataclass(slots=True)
class _Index:
    """The phrases of one language, by term."""

    language: str
    lexicon: Lexicon
    phrases: list[_Phrase] = field(default_factory=list)
    by_term: dict[str, list[int]] = field(default_factory=dict)
    # term -> ((theme, weight, polar only), ...)
    terms: dict[str, tuple[tuple[int, float, bool], ...]] = field(default_factory=dict)
    # term -> phrases that can earn a bonus (several terms, or polarity words)
    linked: dict[str, tuple[int, ...]] = field(default_factory=dict)
    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)  # norm cache
    touch_terms: set[str] = field(default_factory=set)
    # a clause's terms (in order) -> its themes with their evidence terms
    clauses: dict[tuple[str, ...], list[tuple[int, set[str]]]] = field(
        default_factory=dict
    )


@dataclass(frozen=True, slots=True)
class _Touchpoint:
    id: str
    name: frozenset[str]  # content terms of its localized name
    stage: frozenset[str]
    channel: frozenset[str]


class ThemeMatcher:
    """Finds the themes of one blueprint in tokenized texts."""

    def __init__(
        self,
        themes: Sequence[tuple[str, str | None]],
        indexes: Mapping[str, _Index],
        touchpoints: Mapping[str, tuple[_Touchpoint, ...]],
    ) -> None:
        self._themes = tuple(themes)  # (theme id, pillar id)
        self._indexes = dict(indexes)
        self._touchpoints = dict(touchpoints)

    @classmethod
    def from_blueprint(cls, blueprint: Blueprint) -> ThemeMatcher:
        """Index every theme's phrases and name, per blueprint language."""
        themes = [(theme.id, pillar.id) for pillar, theme in blueprint.themes()]
        languages = tuple(dict.fromkeys((*blueprint.languages, "nl", "en")))
        indexes: dict[str, _Index] = {}
        touchpoints: dict[str, tuple[_Touchpoint, ...]] = {}
        for language in languages:
            index = _Index(language, lexicon_for(language))
            for number, (_pillar, theme) in enumerate(blueprint.themes()):
                texts = list(theme.phrases_for(language))
                if language in theme.name:
                    texts.append(theme.name[language])
                for text in texts:
                    _add_phrase(index, number, text)
            _weigh(index)
            indexes[language] = index
            points = _touchpoints(blueprint, index)
            touchpoints[language] = points
            for point in points:
                index.touch_terms.update(point.name | point.stage | point.channel)
        return cls(themes, indexes, touchpoints)

    # -- matching -------------------------------------------------------------
    def find(
        self,
        tokens: Sequence[Token],
        language: str,
        *,
        hits: Sequence[Hit] | None = None,
        document: Sentiment | None = None,
    ) -> tuple[AspectLabel, ...]:
        """The themes ``tokens`` mention, in order of first mention.

        Pass ``hits`` (``polarity_hits``) and ``document`` (``lexicon_sentiment``)
        when already computed; they are computed here otherwise.
        """
        indexes = (
            [self._indexes[language]]
            if language in self._indexes
            else [i for lang, i in self._indexes.items() if lang in ("nl", "en")]
        )
        spans = contrast_clauses(tokens)
        found: dict[int, list[tuple[int, list[int]]]] = {}  # theme -> (clause, tokens)
        touch: dict[int, str] = {}
        word = TokenKind.WORD
        for index in indexes:
            by_term = index.by_term
            keys_of = index.keys
            for c, clause in enumerate(spans):
                where: dict[str, list[int]] = {}
                terms: list[str] = []
                for j in range(clause.first, clause.last):
                    token = tokens[j]
                    if token.kind is not word:
                        continue
                    keys = keys_of.get(token.norm)
                    if keys is None:
                        keys = _keys(index, token.norm)
                    for key in keys:
                        terms.append(key)
                        if key in by_term:
                            found_at = where.get(key)
                            if found_at is None:
                                where[key] = [j]
                            else:
                                found_at.append(j)
                if not where:
                    continue
                themes = _clause_themes(index, where)
                if not themes:
                    continue
                point = self._touchpoint(index, set(terms))
                for theme, used in themes:
                    found.setdefault(theme, []).append((c, used))
                    if point is not None and theme not in touch:
                        touch[theme] = point
        if not found:
            return ()
        if hits is None:
            hits = polarity_hits(tokens, language)
        by_clause: list[list[Hit]] = [[] for _ in spans]
        c = 0
        for hit in hits:
            while c < len(spans) - 1 and hit.index >= spans[c].last:
                c += 1
            by_clause[c].append(hit)
        aspects: list[tuple[int, AspectLabel]] = []
        for theme, places in found.items():
            clause_ids = sorted({c for c, _ in places})
            sentiment = _aspect_sentiment(spans, clause_ids, by_clause)
            if sentiment.label is Polarity.NEUTRAL and len(found) == 1:
                # A text about one thing: its sentiment is the aspect's.
                if document is None:
                    document = lexicon_sentiment(tokens, language, hits=hits)
                if document.label is not Polarity.MIXED:
                    sentiment = document
            marks = sorted({j for _, used in places for j in used})
            theme_id, pillar = self._themes[theme]
            label = AspectLabel(
                theme_id,
                pillar,
                touch.get(theme),
                sentiment,
                _token_spans(tokens, marks),
            )
            aspects.append((marks[0], label))
        aspects.sort(key=lambda item: item[0])
        return tuple(label for _, label in aspects)

    def find_text(self, text: str, language: str) -> tuple[AspectLabel, ...]:
        """``find`` on a raw text (tokenizes it first)."""
        return self.find(tokenize(text), language)

    def _touchpoint(self, index: _Index, terms: set[str]) -> str | None:
        """The touchpoint a clause names: its whole name, else stage and channel."""
        if terms.isdisjoint(index.touch_terms):
            return None
        best: tuple[int, str] | None = None
        for point in self._touchpoints.get(index.language, ()):
            if point.name and point.name <= terms:
                score = 2 * len(point.name)
            elif point.stage & terms and point.channel & terms:
                score = 1
            else:
                continue
            if best is None or score > best[0]:
                best = (score, point.id)
        return best[1] if best else None


# ---- Building ------------------------------------------------------------------


def _add_phrase(index: _Index, theme: int, text: str) -> None:
    content: set[str] = set()
    polar: set[str] = set()
    for token in tokenize(text):
        if token.kind is not TokenKind.WORD:
            continue
        role, key = _role(index, token.norm)
        if role == "content":
            content.add(key)
        elif role == "polar":
            polar.add(key)
    polar_only = not content
    if polar_only:
        content, polar = polar, set()
    if not content:
        return
    phrase = _Phrase(theme, frozenset(content), frozenset(polar), polar_only)
    number = len(index.phrases)
    index.phrases.append(phrase)
    for term in content | polar:
        index.by_term.setdefault(term, []).append(number)


def _role(index: _Index, word: str) -> tuple[str, str]:
    """("stop" | "polar" | "content", key) of a phrase word."""
    lexicon = index.lexicon
    if (
        word in _STOP.get(index.language, _STOP_ANY)
        or word in lexicon.negators
        or word in lexicon.intensifiers
        or len(word) < 2
    ):
        return "stop", ""
    if lexicon.valence(word):
        return "polar", _polar_key(index, word)
    return "content", term_key(word, index.language)


def _polar_key(index: _Index, word: str) -> str:
    """Inflections and antonyms share a key: "onvriendelijke" -> "vriendelijk"."""
    lexicon = index.lexicon
    if word not in lexicon.words:
        word = next(
            (form for form in lexicon.forms(word) if form in lexicon.words), word
        )
    for prefix in lexicon.negative_prefixes:
        base = word[len(prefix) :]
        if word.startswith(prefix) and len(base) >= 4 and lexicon.valence(base) > 0:
            return term_key(base, index.language)
    return term_key(word, index.language)


def _weigh(index: _Index) -> None:
    """Weigh every term for the themes whose phrases use it.

    A content term weighs 1 / the number of themes using it, shared among the
    content terms of its phrase (1 / sqrt of their number): "levertijd" alone
    names a theme, "tv" of "tv keurig aan de muur" does not.
    """
    for term, numbers in index.by_term.items():
        phrases = [
            index.phrases[n] for n in numbers if term in index.phrases[n].content
        ]
        themes = {p.theme for p in phrases}
        best: dict[int, tuple[float, bool]] = {}
        if not themes:
            # A polarity word of some phrases: weak evidence ("postponed").
            users = {index.phrases[n].theme for n in numbers}
            for theme in users:
                best[theme] = (_POLAR_WEIGHT / len(users), False)
            index.terms[term] = tuple(
                (theme, weight, polar_only)
                for theme, (weight, polar_only) in sorted(best.items())
            )
            continue
        spread = 1.0 / len(themes)
        for phrase in phrases:
            weight = spread / math.sqrt(len(phrase.content))
            current = best.get(phrase.theme)
            if current is None or weight > current[0]:
                polar_only = phrase.polar_only and (current is None or current[1])
                best[phrase.theme] = (weight, polar_only)
            elif not phrase.polar_only:
                best[phrase.theme] = (current[0], False)
        index.terms[term] = tuple(
            (theme, weight, polar_only)
            for theme, (weight, polar_only) in sorted(best.items())
        )
    linked: dict[str, list[int]] = {}
    for number, phrase in enumerate(index.phrases):
        weight = sum(
            w
            for t in phrase.content
            for th, w, _ in index.terms.get(t, ())
            if th == phrase.theme
        )
        index.phrases[number] = replace(phrase, weight=weight)
        if len(phrase.content) > 1 or phrase.polar:
            for term in phrase.content | phrase.polar:
                linked.setdefault(term, []).append(number)
    index.linked = {term: tuple(numbers) for term, numbers in linked.items()}


def _touchpoints(blueprint: Blueprint, index: _Index) -> tuple[_Touchpoint, ...]:
    language = index.language
    stages = {s.id: s for s in blueprint.stages}
    channels = {c.id: c for c in blueprint.channels}
    found: list[_Touchpoint] = []
    for point in blueprint.touchpoints:
        name = _content_terms(index, text_in(point.name, language))
        stage = stages.get(point.stage)
        channel = channels.get(point.channel)
        stage_terms = (
            _content_terms(index, text_in(stage.name, language)) if stage else set()
        )
        channel_words: set[str] = set()
        if channel is not None:
            for text in (text_in(channel.name, language), channel.id):
                for word in text.lower().split():
                    channel_words.update(_CHANNEL_SYNONYMS.get(word, (word,)))
        channel_terms = {term_key(w, language) for w in channel_words}
        found.append(
            _Touchpoint(
                point.id,
                frozenset(name),
                frozenset(stage_terms),
                frozenset(channel_terms),
            )
        )
    return tuple(found)


def _content_terms(index: _Index, text: str) -> set[str]:
    terms: set[str] = set()
    for token in tokenize(text):
        if token.kind is TokenKind.WORD:
            role, key = _role(index, token.norm)
            if role != "stop":
                terms.add(key)
    return terms


# ---- Matching ------------------------------------------------------------------


def _keys(index: _Index, word: str) -> tuple[str, ...]:
    """The terms a text word stands for; compounds give their known parts."""
    cached = index.keys.get(word)
    if cached is not None:
        return cached
    if word in _STOP.get(index.language, _STOP_ANY) or len(word) < 2:
        keys: tuple[str, ...] = ()
    else:
        lexicon = index.lexicon
        key = (
            _polar_key(index, word)
            if lexicon.valence(word) and word not in lexicon.negators
            else term_key(word, index.language)
        )
        keys = (key,)
        if key not in index.by_term and index.language != "en" and len(word) >= 8:
            keys = _compound_keys(index, word) or keys
    if len(index.keys) > 100_000:
        index.keys.clear()
    index.keys[word] = keys
    return keys


def _compound_keys(index: _Index, word: str) -> tuple[str, ...]:
    """A Dutch compound's known parts: "bezorgkosten" -> ("bezorg", "kost")."""
    for cut in range(3, len(word) - 3):
        head = term_key(word[cut:], index.language)
        if head not in index.by_term:
            continue
        modifier = word[:cut]
        parts = [head]
        for form in (modifier, modifier.removesuffix("s"), modifier.removesuffix("en")):
            if len(form) >= 3:
                key = term_key(form, index.language)
                if key in index.by_term:
                    parts.insert(0, key)
                    break
        return tuple(parts)
    return ()


def _clause_themes(
    index: _Index, where: Mapping[str, list[int]]
) -> list[tuple[int, list[int]]]:
    """(theme, evidence token indexes) for the themes of one clause.

    ``where``: the clause's known terms and the tokens they occur at. Which
    themes the terms make depends on the terms alone, so it is remembered
    per clause wording (common clauses repeat: "snel geleverd").
    """
    key = tuple(where)
    memo = index.clauses
    themes = memo.get(key)
    if themes is None:
        themes = _themes_of_terms(index, key)
        if len(memo) >= _CLAUSE_MEMO:
            memo.clear()
        memo[key] = themes
    return [
        (theme, sorted({j for t in terms for j in where[t]})) for theme, terms in themes
    ]


def _themes_of_terms(index: _Index, terms: Sequence[str]) -> list[tuple[int, set[str]]]:
    """(theme, evidence terms) for the themes of a clause with ``terms``."""
    present = set(terms)
    # theme -> content score, polar-only score, evidence terms
    content: dict[int, float] = {}
    polar: dict[int, float] = {}
    evidence: dict[int, set[str]] = {}
    for term in present:
        for theme, weight, polar_only in index.terms.get(term, ()):
            if polar_only:
                polar[theme] = polar.get(theme, 0.0) + weight
            else:
                content[theme] = content.get(theme, 0.0) + weight
            found = evidence.get(theme)
            if found is None:
                evidence[theme] = {term}
            else:
                found.add(term)
    # A whole phrase present counts extra, and so do its polarity words.
    bonus: dict[int, float] = {}
    phrases = index.phrases
    seen: set[int] = set()
    for term in present:
        for number in index.linked.get(term, ()):
            if number in seen:
                continue
            seen.add(number)
            phrase = phrases[number]
            if not phrase.content <= present:
                continue
            confirming = phrase.polar & present
            extra = _POLAR_BONUS * len(confirming)
            theme = phrase.theme
            if len(phrase.content) + len(confirming) > 1 and confirming == phrase.polar:
                # The whole phrase in one clause, in any order: that theme.
                extra = max(extra, _THRESHOLD - phrase.weight)
            elif len(phrase.content) > 1:
                extra += max(_PHRASE_BONUS, _THRESHOLD - phrase.weight)
            if extra > bonus.get(theme, 0.0):
                bonus[theme] = extra
            if confirming:
                evidence[theme].update(confirming)
    ranked = sorted(
        (
            (
                content.get(theme, 0.0) + bonus.get(theme, 0.0),
                polar.get(theme, 0.0),
                theme,
            )
            for theme in evidence
        ),
        key=lambda item: (-item[0] - item[1], item[2]),
    )
    accepted: list[tuple[int, set[str]]] = []
    claimed: set[str] = set()
    for score, _polar, theme in ranked:
        if score < _THRESHOLD - 1e-9:
            continue
        found = evidence[theme]
        if found <= claimed:
            continue  # its words are another theme's evidence
        claimed |= found
        accepted.append((theme, found))
    if not accepted and ranked:
        # No theme is sure: the best one, when it clearly leads, or when only
        # polarity words name it ("heel behulpzaam").
        score, polar_score, theme = ranked[0]
        runner_up = ranked[1][0] + ranked[1][1] if len(ranked) > 1 else 0.0
        if score + polar_score >= _THRESHOLD - 1e-9 or (
            score >= _LEAD_SCORE and score >= _LEAD_RATIO * runner_up
        ):
            accepted.append((theme, evidence[theme]))
    return accepted


def _aspect_sentiment(
    spans: Sequence[Clause], clause_ids: Sequence[int], by_clause: Sequence[list[Hit]]
) -> Sentiment:
    """The sentiment of the clauses an aspect is mentioned in."""
    chosen = [h for c in clause_ids for h in by_clause[c]]
    if chosen:
        return hits_sentiment(chosen)
    # A bare clause across a contrast word from a clause with sentiment.
    for c in clause_ids:
        neighbours = []
        if spans[c].after_contrast and c > 0:
            neighbours.append(c - 1)
        if c + 1 < len(spans) and spans[c + 1].after_contrast:
            neighbours.append(c + 1)
        for n in neighbours:
            total = sum(h.value for h in by_clause[n])
            if total:
                score = -math.tanh(total) * _BORROWED
                label = Polarity.POSITIVE if score > 0 else Polarity.NEGATIVE
                return Sentiment(label, round(score, 6), ())
    return Sentiment(Polarity.NEUTRAL, 0.0, ())


def _token_spans(tokens: Sequence[Token], marks: Sequence[int]) -> tuple[Span, ...]:
    """Character spans of the evidence tokens, neighbours merged."""
    merged: list[list[int]] = []
    last = -2
    for j in marks:
        if merged and j == last + 1:
            merged[-1][1] = tokens[j].end
        else:
            merged.append([tokens[j].start, tokens[j].end])
        last = j
    return tuple((start, end) for start, end in merged)
