"""Emotions in a text, from cue words, expressions and emoji (multi-label).

``detect_emotions`` finds the cues of ``lexicons.emotions`` in the tokens of a
text: words ("teleurgesteld", also inflected: "teleurgestelde"), expressions
with room for a word or two ("maak me echt zorgen", "voor de derde keer") and
emoji. A cue right after a negator within its clause counts for nothing ("niet
blij", "not worried"); a negated joy or trust cue is a small disappointment
instead. An intensifier before a cue makes it count more ("heel erg bedankt").

Each emotion's score is ``1 - exp(-1.2 * sum of its cue strengths)``, in (0, 1):
one strong cue gives about 0.7, two about 0.9. Weak evidence alone (a total
below 0.3, such as a lone "opnieuw") is no emotion. The spans are the cues.
Pure and deterministic; emotions are returned strongest first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from belofte.text.labels import EMOTIONS, EmotionLabel, Span
from belofte.text.lexicons import emotions as lex
from belofte.text.sentiment import Lexicon, lexicon_for
from belofte.text.tokens import Token, TokenKind

__all__ = ["detect_emotions"]

_MIN_STRENGTH: Final = 0.3
_RATE: Final = 1.2
_GAP: Final = 2  # words a "*" in a cue may stand for
_NEGATION_LOOKBACK: Final = 3
_ORDER: Final = {name: i for i, name in enumerate(EMOTIONS)}

#: (cue words, ((emotion, strength), ...)) -- one cue may show several emotions.
_Entry = tuple[tuple[str, ...], tuple[tuple[str, float], ...]]


@dataclass(frozen=True, slots=True)
class _Cues:
    """The cue index of one language: first word -> cues, longest first."""

    first: Mapping[str, tuple[_Entry, ...]]
    single: Mapping[str, tuple[tuple[str, float], ...]]
    words: Lexicon
    bases: dict[str, str | None]  # word -> the one-word cue it inflects, cached


def _build(languages: Sequence[str]) -> _Cues:
    merged: dict[tuple[str, ...], dict[str, float]] = {}
    for language in languages:
        for emotion, cues in lex.CUES[language].items():
            for cue, strength in cues.items():
                shown = merged.setdefault(cue, {})
                shown[emotion] = max(strength, shown.get(emotion, 0.0))
    grouped: dict[str, list[_Entry]] = {}
    single: dict[str, tuple[tuple[str, float], ...]] = {}
    for cue, shown in merged.items():
        entry = (cue, tuple(sorted(shown.items())))
        grouped.setdefault(cue[0], []).append(entry)
        if len(cue) == 1:
            single[cue[0]] = entry[1]
    first = {
        word: tuple(sorted(entries, key=lambda e: (-len(e[0]), e[0])))
        for word, entries in grouped.items()
    }
    lexicon = lexicon_for(languages[0] if len(languages) == 1 else "*")
    return _Cues(first, single, lexicon, {})


_INDEX: dict[str, _Cues] = {}


def _cues_for(language: str) -> _Cues:
    key = language if language in lex.CUES else "*"
    found = _INDEX.get(key)
    if found is None:
        found = _build((key,) if key != "*" else ("nl", "en"))
        _INDEX[key] = found
    return found


def detect_emotions(tokens: Sequence[Token], language: str) -> tuple[EmotionLabel, ...]:
    """The emotions a text shows, strongest first, each with its cue spans."""
    cues = _cues_for(language)
    totals: dict[str, float] = {}
    spans: dict[str, list[Span]] = {}
    count = len(tokens)
    i = 0
    while i < count:
        token = tokens[i]
        if token.kind is TokenKind.PUNCT or token.kind is TokenKind.NUMBER:
            i += 1
            continue
        found = _match(cues, tokens, i)
        if found is None:
            i += 1
            continue
        end, shown = found
        negator, boost = _context(cues.words, tokens, i)
        negated = negator >= 0
        span = (tokens[negator if negated else i].start, tokens[end - 1].end)
        for emotion, strength in shown:
            name, value = emotion, strength * boost
            if negated:
                turned = lex.NEGATED_BECOMES.get(emotion)
                if turned is None:
                    continue
                name, value = turned[0], turned[1] * strength
            totals[name] = totals.get(name, 0.0) + value
            spans.setdefault(name, []).append(span)
        i = end
    found_labels = [
        EmotionLabel(name, round(1.0 - math.exp(-_RATE * total), 6), tuple(spans[name]))
        for name, total in totals.items()
        if total >= _MIN_STRENGTH
    ]
    found_labels.sort(key=lambda label: (-label.score, _ORDER[label.name]))
    return tuple(found_labels)


def _match(
    cues: _Cues, tokens: Sequence[Token], at: int
) -> tuple[int, tuple[tuple[str, float], ...]] | None:
    """The longest cue starting at token ``at``: (token after it, emotions)."""
    norm = tokens[at].norm
    for cue, shown in cues.first.get(norm, ()):
        end = _follow(tokens, at + 1, cue, 1)
        if end >= 0:
            return end, shown
    if tokens[at].kind is not TokenKind.WORD or len(norm) < 4:
        return None
    base = cues.bases.get(norm, "")
    if base == "":
        base = _base_form(cues, norm)
    if base is not None:
        return at + 1, cues.single[base]
    return None


def _follow(tokens: Sequence[Token], at: int, cue: tuple[str, ...], k: int) -> int:
    """Where ``cue[k:]`` ends when it matches from token ``at``; -1 if not."""
    if k == len(cue):
        return at
    if cue[k] == "*":
        for skip in range(_GAP + 1):
            j = at + skip
            if j > len(tokens) or any(t.kind is TokenKind.PUNCT for t in tokens[at:j]):
                break
            end = _follow(tokens, j, cue, k + 1)
            if end >= 0:
                return end
        return -1
    if at >= len(tokens) or tokens[at].norm != cue[k]:
        return -1
    return _follow(tokens, at + 1, cue, k + 1)


def _base_form(cues: _Cues, word: str) -> str | None:
    """The one-word cue an inflected or compounded word stands for (cached)."""
    found: str | None = None
    for form in cues.words.forms(word):
        if form in cues.single:
            found = form
            break
    if found is None:
        for prefix in ("super", "mega", "hyper", "ultra", "dol", "reuze"):
            rest = word[len(prefix) :]
            if word.startswith(prefix) and rest in cues.single:
                found = rest
                break
    if len(cues.bases) > 100_000:
        cues.bases.clear()
    cues.bases[word] = found
    return found


def _context(lexicon: Lexicon, tokens: Sequence[Token], at: int) -> tuple[int, float]:
    """(negator index or -1, intensity) of a cue from the words before it."""
    boost = 1.0
    for j in range(at - 1, max(-1, at - 1 - _NEGATION_LOOKBACK), -1):
        token = tokens[j]
        if token.kind is not TokenKind.WORD:
            break
        word = token.norm
        if word in lexicon.negators:
            return j, 1.0
        factor = lexicon.intensifiers.get(word)
        if factor is not None and j >= at - 2:
            boost = min(1.5, boost * max(factor, 1.0))
    return -1, boost
