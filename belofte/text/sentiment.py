"""Lexicon sentiment: explainable polarity hits, clause and document sentiment.

The rule layer of text analysis. ``polarity_hits`` reads the tokens of a text
left to right and finds every word, expression or emoji that carries a verdict,
with the modifiers that change it:

* expressions first ("te laat", "geen probleem", "waste of time"),
* negators flip the next sentiment word within a few words of the same clause
  ("niet echt vriendelijk", "wasn't bad"), and in Dutch also the word right
  before them ("werkte niet", "klopte niet"); a negated positive is clearly
  negative, a negated negative only mildly positive ("niet slecht"),
* intensifiers and downtoners multiply ("heel erg vriendelijk", "a bit slow");
  under negation they no longer intensify ("not very helpful" is milder than
  "not helpful"),
* unknown words are looked up by their inflection ("waardeloze", "quickly"),
  as a compound ("superslecht", "klantonvriendelijk", "kutservice"), with a
  negative prefix ("onbehulpzaam", "untidy") and finally by Snowball stem,
* an exclamation mark closing the sentence strengthens its hits a little.

Every ``Hit`` has a character span that covers the modifiers and the word, so
``text[start:end]`` is the evidence ("niet echt vriendelijk").

``lexicon_sentiment`` sums the hits of a text, the clauses after a contrast
word ("maar", "but") weighing 1.5 times, squashes the sum into [-1, 1] and says
"mixed" when both sides are clearly present. ``clause_sentiment`` does the same
for one clause (an aspect's sentiment).

Everything is a pure, deterministic function of the tokens and the language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Final

import Stemmer

from belofte.text.labels import Polarity, Sentiment, Span, polarity_of
from belofte.text.lexicons import sentiment as lex
from belofte.text.tokens import (
    CONTRAST_WORDS,
    Clause,
    Token,
    TokenKind,
    clauses,
    per_tokens,
)

__all__ = [
    "CONTRAST_WEIGHT",
    "Hit",
    "Lexicon",
    "clause_sentiment",
    "contrast_clauses",
    "hits_sentiment",
    "lexicon_for",
    "lexicon_sentiment",
    "polarity_hits",
]

#: How much more a clause after a contrast word counts ("..., maar ...").
CONTRAST_WEIGHT: Final = 1.5
#: A hit at least this strong (after weights) is "clearly" positive or negative.
_CLEAR: Final = 0.2
#: Mixed: the weaker side holds at least this share of the stronger one.
_MIXED_RATIO: Final = 0.3
#: Within one clause (an aspect's), mixed needs more balance.
_CLAUSE_MIXED_RATIO: Final = 0.5
#: The strength of a clause's polarity implied by a contrast word.
_IMPLIED: Final = 0.4
_EXCLAIM: Final = 1.15
_NEGATION_REACH: Final = 3  # words between a negator and its target, at most
_CACHE_LIMIT: Final = 200_000

_VOWELS: Final = frozenset("aeiouy")
_COORDINATORS: Final = frozenset({"en", "of", "noch", "and", "or", "nor"})
# Words between a Dutch sentiment verb and the "niet" after it: "lukte me niet".
_POSTVERBAL_GAP: Final = frozenset(
    {"me", "mij", "het", "ons", "hem", "haar", "ze", "er", "dat", "dit", "echt",
     "helemaal", "zomaar", "gewoon", "nog", "toch", "ook"}
)  # fmt: skip
_ARTICLES: Final = frozenset({"een", "a", "an"})
_SPLITTING: Final = CONTRAST_WORDS - {"wel", "toch", "alleen"}
# Short compound heads ("goed" in "ondergoed") only count after a known prefix.
_MIN_HEAD: Final = 5
_STEMMER_LANGUAGE: Final = {"nl": "dutch", "en": "english"}
# Real words one slip away from a lexicon word: never "corrected".
_NOT_TYPOS: Final = frozenset(
    {"please", "lekke", "bedank", "thank", "lekker", "leuke", "unite", "united",
     "nite", "tien", "iets", "niets", "neits", "form", "from", "cheers", "gelukt"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Hit:
    """One piece of sentiment evidence in a text.

    ``index`` is the token of the sentiment word (the first word of an
    expression), ``first``..``last`` the tokens the span covers, modifiers
    included. ``value`` is the valence after negation, modifiers and
    exclamation, in [-1, 1]; ``base`` the lexicon valence before them.
    """

    index: int
    value: float
    span: Span
    base: float
    first: int
    last: int
    negated: bool = False


class Lexicon:
    """The lookup tables of one language, with derived forms cached."""

    def __init__(self, languages: Sequence[str]) -> None:
        self.words: dict[str, float] = {}
        self.negators: dict[str, tuple[float, float]] = {}
        self.intensifiers: dict[str, float] = {}
        phrases: dict[tuple[str, ...], float] = {}
        modifiers: dict[tuple[str, ...], float] = {}
        prefixes: list[str] = []
        # Later languages win; the first one is the main one.
        for language in reversed(languages):
            self.words.update(lex.VALENCE[language])
            self.negators.update(lex.NEGATORS[language])
            self.intensifiers.update(lex.INTENSIFIERS[language])
            phrases.update(lex.PHRASES[language])
            modifiers.update(lex.MODIFIER_PHRASES[language])
            prefixes += [
                p for p in lex.NEGATIVE_PREFIXES[language] if p not in prefixes
            ]
        self.dutch = "nl" in languages
        self.english = "en" in languages
        self.negative_prefixes = tuple(prefixes)
        self.phrases = _index(phrases)
        self.modifier_phrases = _index(modifiers)
        self._stemmers = [
            Stemmer.Stemmer(_STEMMER_LANGUAGE[language]) for language in languages
        ]
        # Stems of inflections only: "friendly" -> "friend" would make friends
        # friendly. Dutch stems cut a little more ("vriendelijke").
        self._stems: dict[str, float] = {}
        for stemmer, language in zip(self._stemmers, languages, strict=True):
            reach = 2 if language == "nl" else 1
            for word, value in self.words.items():
                stem = stemmer.stemWord(word)
                if value and len(stem) >= len(word) - reach:
                    self._stems.setdefault(stem, value)
        # Typos: a lexicon word with one letter dropped -> the word.
        self._dropped: dict[str, str] = {}
        for word, value in self.words.items():
            if value and len(word) >= 7 and word.isalpha():
                for j in range(len(word)):
                    self._dropped.setdefault(word[:j] + word[j + 1 :], word)
        self._cache: dict[str, float] = {}
        self._negator_typos: dict[str, str | None] = {}

    def correct(self, word: str, known: Mapping[str, object]) -> str | None:
        """The entry of ``known`` that ``word`` is a typo of, if any.

        Only the slips people make most: two neighbours swapped ("neit"), a
        letter doubled ("niett", "nooit" aside: folded forms are tried first),
        a letter dropped from a long word ("secht" is not corrected, "behulpzam"
        is).
        """
        if len(word) < 4 or word in _NOT_TYPOS or not word.isalpha():
            return None
        for j in range(len(word) - 1):
            if word[j] != word[j + 1]:
                swapped = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
                if swapped in known:
                    return swapped
            else:
                single = word[:j] + word[j + 1 :]
                if single in known:
                    return single
        if known is self.words:
            return self._dropped.get(word)
        return None

    # -- words ---------------------------------------------------------------
    def valence(self, word: str) -> float:
        """The valence of a word norm; 0.0 for none. Derived forms are cached."""
        value = self.words.get(word)
        if value is not None:
            return value
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        value = self._derive(word)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = value
        return value

    def _derive(self, word: str) -> float:
        if len(word) < 3:
            return 0.0
        if "-" in word:
            return self._hyphenated(word)
        if not word.isalpha():
            return 0.0
        value = self._simple(word)
        if value is None:
            value = self._negative_prefix(word)
        if value is None and len(word) >= 7:
            value = self._compound(word)
        if value is None:
            for stemmer in self._stemmers:
                value = self._stems.get(stemmer.stemWord(word))
                if value is not None:
                    break
        if value is None:
            typo = self.correct(word, self.words)
            if typo is not None:
                value = self.words[typo]
        return value or 0.0

    def _simple(self, word: str) -> float | None:
        """The word, a repeat-collapsed spelling or an inflected form of it."""
        words = self.words
        value = words.get(word)
        if value is not None:
            return value
        collapsed = _collapse(word)
        if collapsed != word and collapsed in words:
            return words[collapsed]
        for form in self.forms(word):
            value = words.get(form)
            if value is not None:
                return value
        return None

    def forms(self, word: str) -> list[str]:
        """Base forms an inflected word may have: "waardeloze" -> "waardeloos"."""
        forms: list[str] = []
        if self.dutch:
            forms += _dutch_forms(word)
        if self.english:
            forms += _english_forms(word)
        return forms

    def _negative_prefix(self, word: str) -> float | None:
        """A positive word turned around: "onvriendelijk", "unhelpful"."""
        for prefix in self.negative_prefixes:
            if word.startswith(prefix) and len(word) - len(prefix) >= 4:
                base = self._simple(word[len(prefix) :])
                if base is not None and base > 0:
                    return -0.8 * base
        return None

    def _compound(self, word: str) -> float | None:
        """Right-headed compounds: "superslecht", "kutservice", "klantonvriendelijk"."""
        for cut in range(3, len(word) - 2):
            modifier, head = word[:cut], word[cut:]
            multiplier = lex.INTENSIFIER_PREFIXES.get(modifier)
            verdict = lex.EVALUATIVE_PREFIXES.get(modifier)
            if multiplier is None and verdict is None and len(head) < _MIN_HEAD:
                continue
            value = self._simple(head)
            if value is None and len(head) >= _MIN_HEAD:
                value = self._negative_prefix(head)
            if multiplier is not None and value:
                return _clamp(value * multiplier)
            if verdict is not None:
                if value and abs(value) >= 0.2:
                    return _clamp(value * 1.3) if value * verdict > 0 else value
                return verdict
            if value:
                return value
        return None

    def _hyphenated(self, word: str) -> float:
        """Hyphenated words: the head decides ("super-snel", "user-friendly")."""
        parts = [part for part in word.split("-") if part]
        if not parts:
            return 0.0
        head = self.valence(parts[-1])
        first = parts[0]
        if len(parts) > 1:
            multiplier = lex.INTENSIFIER_PREFIXES.get(first) or self.intensifiers.get(
                first
            )
            if multiplier is not None and head:
                return _clamp(head * multiplier)
            verdict = lex.EVALUATIVE_PREFIXES.get(first)
            if verdict is not None and not head:
                return verdict
        return head

    def negator_typo(self, word: str) -> str | None:
        """The negator a slip stands for: "neit", "niett", "noot", "nietr" not."""
        found = self._negator_typos.get(word, "")
        if found == "":
            found = _collapse(word) if _collapse(word) in self.negators else None
            if found is None and not self.valence(word):
                found = self.correct(word, self.negators)
            self._negator_typos[word] = found
        return found

    # -- expressions ---------------------------------------------------------
    def match(
        self,
        index: Mapping[str, tuple[tuple[tuple[str, ...], float], ...]],
        tokens: Sequence[Token],
        at: int,
    ) -> tuple[int, float] | None:
        """The longest expression of ``index`` starting at token ``at``.

        Returns (the token index after it, its value), or None.
        """
        candidates = index.get(tokens[at].norm)
        if candidates is None:
            return None
        count = len(tokens)
        for phrase, value in candidates:
            end = at + len(phrase)
            if end > count:
                continue
            for offset in range(1, len(phrase)):
                token = tokens[at + offset]
                if token.norm != phrase[offset] or token.kind is TokenKind.PUNCT:
                    break
            else:
                return end, value
        return None


def _index(
    phrases: Mapping[tuple[str, ...], float],
) -> dict[str, tuple[tuple[tuple[str, ...], float], ...]]:
    """First word -> its expressions, longest first."""
    grouped: dict[str, list[tuple[tuple[str, ...], float]]] = {}
    for phrase, value in phrases.items():
        grouped.setdefault(phrase[0], []).append((phrase, value))
    return {
        first: tuple(sorted(items, key=lambda item: (-len(item[0]), item[0])))
        for first, items in grouped.items()
    }


_LEXICONS: dict[str, Lexicon] = {}


def lexicon_for(language: str) -> Lexicon:
    """The lexicon of "nl" or "en"; both merged (Dutch first) for any other code."""
    key = language if language in lex.VALENCE else "*"
    found = _LEXICONS.get(key)
    if found is None:
        found = Lexicon((key,) if key != "*" else ("nl", "en"))
        _LEXICONS[key] = found
    return found


# ---- Hits ------------------------------------------------------------------


@dataclass(slots=True)
class _Negation:
    at: int  # token index of the negator
    on_positive: float
    on_negative: float
    reach: int  # words it may still pass before it runs out
    own: float  # the negator's own valence when it finds no target ("gebrek")
    coordinated: bool = False  # carried over "en"/"or": the span starts at the word


def polarity_hits(tokens: Sequence[Token], language: str) -> list[Hit]:
    """Every sentiment word, expression and emoji of a text, with its modifiers."""
    lexicon = lexicon_for(language)
    hits: list[Hit] = []
    count = len(tokens)
    negation: _Negation | None = None
    multiplier = 1.0
    negative_only = 1.0
    modifier_from = -1

    def emit(first: int, last: int, base: float) -> None:
        nonlocal negation, multiplier, negative_only, modifier_from
        value = base * multiplier * (negative_only if base < 0 else 1.0)
        start = modifier_from if modifier_from >= 0 else first
        negated = False
        if negation is not None:
            softened = base * min(multiplier, 1.0)
            value = softened * (
                negation.on_positive if base > 0 else negation.on_negative
            )
            if not negation.coordinated:
                start = min(start, negation.at)
            negated = True
            follower = tokens[last + 1] if last + 1 < count else None
            if follower is not None and follower.norm in _COORDINATORS:
                # "niet snel of vriendelijk", "not fast or friendly"
                negation.reach, negation.own, negation.coordinated = 2, 0.0, True
            else:
                negation = None
        hits.append(
            Hit(
                first,
                _clamp(value),
                (tokens[start].start, tokens[last].end),
                base,
                start,
                last,
                negated,
            )
        )
        multiplier, negative_only, modifier_from = 1.0, 1.0, -1

    def reset() -> None:
        nonlocal negation, multiplier, negative_only, modifier_from
        if negation is not None and negation.own:
            at = negation.at
            hits.append(
                Hit(at, negation.own, (tokens[at].start, tokens[at].end),
                    negation.own, at, at)
            )  # fmt: skip
        negation = None
        multiplier, negative_only, modifier_from = 1.0, 1.0, -1

    i = 0
    while i < count:
        token = tokens[i]
        kind = token.kind
        if kind is TokenKind.PUNCT:
            reset()
            i += 1
            continue
        if kind is TokenKind.EMOJI or kind is TokenKind.EMOTICON:
            value = _emoji_valence(token.norm)
            reset()
            if value:
                hits.append(Hit(i, value, (token.start, token.end), value, i, i))
            i += 1
            continue
        if kind is not TokenKind.WORD:
            i += 1
            continue
        word = token.norm
        if word in _SPLITTING:
            reset()
        # 1. an expression ("te laat", "geen probleem"); value 0 only blocks.
        found = (
            lexicon.match(lexicon.phrases, tokens, i)
            if word in lexicon.phrases
            else None
        )
        if found is not None:
            end, value = found
            if value:
                emit(i, end - 1, value)
            else:
                reset()
            i = end
            continue
        # 2. a multi-word modifier ("een beetje", "kind of", "veel te").
        if word in lexicon.modifier_phrases:
            modifier = lexicon.match(lexicon.modifier_phrases, tokens, i)
            if modifier is not None and _modifies(lexicon, tokens, modifier[0]):
                end, factor = modifier
                phrase = " ".join(t.norm for t in tokens[i:end])
                if phrase in lex.NEGATIVE_ONLY_MODIFIERS:
                    negative_only *= factor
                else:
                    multiplier *= factor
                if modifier_from < 0:
                    modifier_from = i
                i = end
                continue
        # 3. a negator: forward, and in Dutch back onto the verb before it.
        factors = lexicon.negators.get(word)
        if factors is None and word not in lexicon.words and len(word) >= 4:
            typo = lexicon.negator_typo(word)
            if typo is not None:
                factors = lexicon.negators[typo]
        if factors is not None:
            if lexicon.dutch and hits:
                _negate_back(tokens, hits, i, factors)
            reset()
            negation = _Negation(
                i, factors[0], factors[1], _NEGATION_REACH,
                lex.NEGATOR_VALENCE.get(word, 0.0),
            )  # fmt: skip
            i += 1
            continue
        # 4. an intensifier, when a sentiment word follows it.
        boost = lexicon.intensifiers.get(word)
        if boost is not None and _modifies(lexicon, tokens, i + 1):
            if word == "wat":  # "wat fijn!" exclaims, "wat traag" tones down
                boost = 1.3 if i == 0 or tokens[i - 1].kind is TokenKind.PUNCT else 0.7
            if word in lex.NEGATIVE_ONLY_MODIFIERS:
                negative_only *= boost
            else:
                multiplier *= boost
            if modifier_from < 0:
                modifier_from = i
            i += 1
            continue
        # 5. a sentiment word.
        value = lexicon.valence(word)
        if value and not (word == "beste" and _opens_text(tokens, i)):
            emit(i, i, value)
        else:
            multiplier, negative_only, modifier_from = 1.0, 1.0, -1
            if negation is not None:
                negation.reach -= 1
                if negation.reach < 0:
                    reset()
        i += 1
    reset()
    if hits and "!" in map(_norm_of, tokens):  # only punctuation has norm "!"
        hits = _exclaim(tokens, hits)
    return hits


_norm_of: Final = itemgetter(0)  # Token.norm


def _modifies(lexicon: Lexicon, tokens: Sequence[Token], at: int) -> bool:
    """Whether a modifier before token ``at`` has a sentiment word to modify."""
    for j in range(at, min(at + 3, len(tokens))):
        token = tokens[j]
        if token.kind is not TokenKind.WORD:
            return False
        word = token.norm
        if word in lexicon.phrases or lexicon.valence(word):
            return True
        if word not in lexicon.intensifiers and word not in _ARTICLES:
            return False
    return False


def _negate_back(
    tokens: Sequence[Token], hits: list[Hit], at: int, factors: tuple[float, float]
) -> None:
    """Dutch post-verbal negation: "werkte niet", "het lukte me niet"."""
    last = hits[-1]
    if last.negated or last.last < at - 2:
        return
    if last.last == at - 2 and tokens[at - 1].norm not in _POSTVERBAL_GAP:
        return
    if tokens[last.index].kind is not TokenKind.WORD:
        return
    base = last.value
    value = base * (factors[0] if base > 0 else factors[1])
    hits[-1] = Hit(
        last.index, _clamp(value), (last.span[0], tokens[at].end), last.base,
        last.first, at, True,
    )  # fmt: skip


def _opens_text(tokens: Sequence[Token], at: int) -> bool:
    """Whether a word opens the text: "Beste Jan," is a greeting, no praise."""
    return all(t.kind is not TokenKind.WORD for t in tokens[:at])


def _exclaim(tokens: Sequence[Token], hits: list[Hit]) -> list[Hit]:
    """Hits in a sentence that ends with "!" count a little more."""
    loud = [False] * len(tokens)
    bang = False
    for j in range(len(tokens) - 1, -1, -1):
        token = tokens[j]
        if token.kind is TokenKind.PUNCT and token.norm in "!?.;":
            bang = token.norm == "!"
        loud[j] = bang
    return [
        Hit(h.index, _clamp(h.value * _EXCLAIM), h.span, h.base, h.first, h.last,
            h.negated)
        if loud[h.last] else h
        for h in hits
    ]  # fmt: skip


def _emoji_valence(norm: str) -> float:
    value = lex.EMOJI_VALENCE.get(norm)
    if value is None:
        value = lex.EMOJI_VALENCE.get(norm.lower())
    if value is None and norm:
        value = lex.EMOJI_VALENCE.get(norm[0])  # skin tone or ZWJ sequence
    return value or 0.0


# ---- Word forms --------------------------------------------------------------

_DUTCH_SUFFIXES: Final = ("ste", "ere", "st", "er", "en", "e", "s")


def _dutch_forms(word: str) -> list[str]:
    """Base forms of an inflected Dutch adjective: "waardeloze" -> "waardeloos"."""
    forms: list[str] = []
    for suffix in _DUTCH_SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        stem = word[: -len(suffix)]
        forms.append(stem)
        if stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
            forms.append(stem[:-1])  # snelle -> snel
        if stem[-1] not in _VOWELS and stem[-2] in "aeou" and stem[-3] not in _VOWELS:
            stem = stem[:-1] + stem[-2:]  # trage -> traag, waardeloze -> waardelooz
            forms.append(stem)
        if stem[-1] == "z":
            forms.append(stem[:-1] + "s")  # boze -> boos
        elif stem[-1] == "v":
            forms.append(stem[:-1] + "f")  # lieve -> lief
    return forms


def _english_forms(word: str) -> list[str]:
    """Base forms of an inflected English word: "quickly" -> "quick"."""
    forms: list[str] = []
    if word.endswith("ily"):
        forms.append(word[:-3] + "y")
    if word.endswith("ly"):
        forms.append(word[:-2])
    if word.endswith(("ied", "ier")):
        forms.append(word[:-3] + "y")
    if word.endswith("iest"):
        forms.append(word[:-4] + "y")
    for suffix in ("ed", "er", "est", "ing", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            forms.append(stem)
            if suffix != "s":
                forms.append(stem + "e")  # loved -> love, nicer -> nice
            if stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
                forms.append(stem[:-1])  # stopped -> stop
    return forms


def _collapse(word: str) -> str:
    """Doubled letters cut to one: "goood" -> folded "good" -> also "god"."""
    out: list[str] = []
    for char in word:
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out)


def _clamp(value: float) -> float:
    return max(-1.0, min(1.0, value))


# ---- Sentiment -----------------------------------------------------------------


def contrast_clauses(tokens: Sequence[Token]) -> list[Clause]:
    """``tokens.clauses``, also split before a connecting "alleen".

    "alleen" is too often "only" to split on everywhere, but opening a
    sentence or after a comma it turns the sentence around like "maar":
    "Goede prijs, alleen de bezorging duurde lang."
    """
    return per_tokens(_CONTRAST_CLAUSES, tokens, _contrast_clauses)


# The pipeline asks twice per text (sentiment, then aspects).
_CONTRAST_CLAUSES: dict[int, tuple[Sequence[Token], int, list[Clause]]] = {}


def _contrast_clauses(tokens: Sequence[Token]) -> list[Clause]:
    found = clauses(tokens)
    if not any(t.norm == "alleen" and t.kind is TokenKind.WORD for t in tokens):
        return found
    split: list[Clause] = []
    for clause in found:
        start, after = clause.first, clause.after_contrast
        for j in range(clause.first, clause.last):
            token = tokens[j]
            if token.kind is not TokenKind.WORD or token.norm != "alleen":
                continue
            if j == start:
                after = True
            elif tokens[j - 1].kind is TokenKind.PUNCT and tokens[j - 1].norm == ",":
                split.append(Clause(start, j, after))
                start, after = j, True
        split.append(Clause(start, clause.last, after))
    return split


def lexicon_sentiment(
    tokens: Sequence[Token],
    language: str,
    *,
    hits: Sequence[Hit] | None = None,
) -> Sentiment:
    """The sentiment of a whole text; pass ``hits`` when already computed.

    Clauses after a contrast word weigh 1.5 times. A clause without any hit
    next to a contrast word is taken as the opposite of the clause on the other
    side ("Snel bezorgd, maar het pakket stond bij de buren": the connector
    says the second part disappoints), at a modest strength and without a span.
    The score is tanh of the weighted sum. "mixed" when both sides are clear
    and the weaker holds a fair share of the stronger one. Spans: the hits
    behind the label.
    """
    if hits is None:
        hits = polarity_hits(tokens, language)
    if not hits:
        return Sentiment(Polarity.NEUTRAL, 0.0, ())
    spans = contrast_clauses(tokens)
    nets = [0.0] * len(spans)
    c = 0
    for hit in hits:
        while c < len(spans) - 1 and hit.index >= spans[c].last:
            c += 1
        nets[c] += hit.value
    implied = _implied(tokens, spans, nets) if len(spans) > 1 else [0.0]
    weights = [CONTRAST_WEIGHT if clause.after_contrast else 1.0 for clause in spans]
    positive = negative = 0.0
    for k in range(len(spans)):
        value = (nets[k] + implied[k]) * weights[k]
        if value > 0:
            positive += value
        else:
            negative -= value
    score = math.tanh(positive - negative)
    mixed = (
        positive >= _CLEAR
        and negative >= _CLEAR
        and min(positive, negative) >= _MIXED_RATIO * max(positive, negative)
    )
    return Sentiment(
        polarity_of(score, mixed=mixed),
        round(score, 6),
        _supporting(polarity_of(score, mixed=mixed), hits),
    )


def _implied(
    tokens: Sequence[Token], spans: Sequence[Clause], nets: Sequence[float]
) -> list[float]:
    """Opposite polarity for a clause without hits across a contrast word."""
    implied = [0.0] * len(spans)
    for k, clause in enumerate(spans):
        if nets[k]:
            continue
        words = 0
        for token in tokens[clause.first : clause.last]:
            words += token.kind is TokenKind.WORD
        if words < 2:
            continue
        other = 0.0
        if clause.after_contrast and k > 0:
            other = nets[k - 1]
        if not other and k + 1 < len(spans) and spans[k + 1].after_contrast:
            other = nets[k + 1]
        if other:
            implied[k] = -math.copysign(_IMPLIED, other)
    return implied


def clause_sentiment(
    tokens: Sequence[Token],
    clause: Clause,
    language: str,
    *,
    hits: Sequence[Hit] | None = None,
) -> Sentiment:
    """The sentiment of one clause (for an aspect mentioned in it)."""
    if hits is None:
        hits = polarity_hits(tokens, language)
    return hits_sentiment([h for h in hits if clause.first <= h.index < clause.last])


def hits_sentiment(hits: Sequence[Hit]) -> Sentiment:
    """The sentiment of a group of hits, unweighted: tanh of their sum.

    "mixed" when both sides are clear and the weaker holds half the stronger.
    """
    if not hits:
        return Sentiment(Polarity.NEUTRAL, 0.0, ())
    positive = sum(h.value for h in hits if h.value > 0)
    negative = -sum(h.value for h in hits if h.value < 0)
    score = math.tanh(positive - negative)
    mixed = (
        positive >= _CLEAR
        and negative >= _CLEAR
        and min(positive, negative) >= _CLAUSE_MIXED_RATIO * max(positive, negative)
    )
    label = polarity_of(score, mixed=mixed)
    return Sentiment(label, round(score, 6), _supporting(label, hits))


def _supporting(label: Polarity, hits: Sequence[Hit]) -> tuple[Span, ...]:
    if label is Polarity.POSITIVE:
        return tuple(h.span for h in hits if h.value > 0)
    if label is Polarity.NEGATIVE:
        return tuple(h.span for h in hits if h.value < 0)
    if label is Polarity.MIXED:
        return tuple(h.span for h in hits if h.value)
    return ()
