"""Synthetic customer verbatims: one seeded, realistic text per set of aspects.

``compose`` writes what a customer of the fictional Stroomhuis chain says about
a few blueprint themes, each positive or negative, in Dutch or English: varied
wordings from ``phrases``, contrast connectors between opposite aspects,
emotions, intensifiers, emoji, very short answers, typos and, on request, one
piece of personal data for the redactor to remove. ``sentiment_of`` gives the
truth label a text carries, so analyses can be scored against it.

Everything is drawn from the ``random.Random`` passed in, in a fixed order, so
one seed always gives the same texts. Typos are drawn last: a text with typos
is the same text as without them, letter slips aside.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from belofte.demo import phrases

__all__ = [
    "Aspect",
    "compose",
    "mixed_verbatims",
    "random_aspects",
    "realisations",
    "sentiment_of",
]

_INTENSIFY_RATE = 0.3  # of the wordings that have room for an intensifier
_TWO_SENTENCE_RATE = 0.4  # of texts with several aspects
_CONTEXT_RATE = 0.1
_EXCLAIM_RATE = 0.15
_EMOTION_FIRST_RATE = 0.3
_CONTEXT_FIRST_RATE = 0.7
_PII_FIRST_RATE = 0.3
_ENDINGS = ".!?…"

# Words of three letters or more get typos: slips in "en" or "ik" are rare.
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_ENGLISH_I_RE = re.compile(r"\bi\b")


@dataclass(frozen=True, slots=True)
class Aspect:
    """One thing a customer mentions: a blueprint theme, and how it went."""

    theme: str  # a theme id of the retail-nl blueprint
    polarity: str  # "positive" | "negative"

    def __post_init__(self) -> None:
        if self.theme not in phrases.THEME_PHRASES:
            raise ValueError(f"unknown theme {self.theme!r}")
        if self.polarity not in phrases.POLARITIES:
            raise ValueError(
                f"polarity must be positive or negative: {self.polarity!r}"
            )


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence in pieces; only pieces marked ``typos`` may get letter slips."""

    pieces: tuple[tuple[str, bool], ...]  # (text, typos allowed)
    end: str  # closing punctuation, "" for a short text that brings its own


def sentiment_of(aspects: Sequence[Aspect]) -> str:
    """The truth label of a text composed from ``aspects``.

    "positive" or "negative" when all aspects agree, "mixed" when they do not,
    and "neutral" for none. A very short text of a mixed set says only the
    majority ("top"), but its label stays "mixed": the label is what the
    customer experienced, not what they bothered to write.
    """
    polarities = {aspect.polarity for aspect in aspects}
    if not polarities:
        return "neutral"
    return polarities.pop() if len(polarities) == 1 else "mixed"


def random_aspects(
    rng: random.Random, counts: Sequence[int] = (1, 1, 2, 3)
) -> list[Aspect]:
    """Distinct themes, as many as a draw from ``counts``, each good or bad."""
    themes = sorted(phrases.THEME_PHRASES)
    return [
        Aspect(theme, rng.choice(("positive", "negative")))
        for theme in rng.sample(themes, rng.choice(counts))
    ]


def mixed_verbatims(n: int, seed: int) -> list[tuple[str, str, list[Aspect]]]:
    """(text, language, aspects) of ``n`` verbatims, four in five Dutch.

    One to three aspects each, one in ten with personal data: the mix the
    text benchmarks and tests read.
    """
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        language = "nl" if rng.random() < 0.8 else "en"
        aspects = random_aspects(rng)
        out.append(
            (compose(rng, language, aspects, pii=rng.random() < 0.1), language, aspects)
        )
    return out


def realisations(wording: str, language: str) -> tuple[str, ...]:
    """Every form ``wording`` can take in a text: bare, or with each intensifier."""
    if phrases.INTENSIFIER_SLOT not in wording:
        return (wording,)
    return (_intensify(wording, None),) + tuple(
        _intensify(wording, word) for word in phrases.INTENSIFIERS[language]
    )


def compose(
    rng: random.Random,
    language: str,
    aspects: Sequence[Aspect],
    *,
    emotion: str | None = None,
    pii: bool = False,
    typo_rate: float = 0.03,
    emoji_rate: float = 0.1,
    short_rate: float = 0.08,
) -> str:
    """One customer verbatim in ``language`` ("nl" or "en") about ``aspects``.

    Each aspect is mentioned in order, with its polarity; opposite neighbours
    are joined by a contrast connector ("maar", "but"). One aspect makes one
    sentence, several make one or two, and one text in ten adds a context
    sentence. ``emotion`` (a key of ``phrases.EMOTION_PHRASES``) adds its own
    sentence. With probability ``short_rate`` the text is a very short answer
    ("prima", "terrible") of the aspects' majority polarity instead; without a
    majority it is never short, and without aspects it is a neutral short answer
    and ``emotion`` is ignored. With probability ``emoji_rate`` an emoji of the
    majority's polarity (the last aspect's on a tie) closes the text. Every
    word of three letters or more gets a typo with probability ``typo_rate``.
    ``pii`` adds one sentence with a name, e-mail address, mobile number, IBAN
    or postcode; typos never touch that detail.

    Deterministic: the same ``rng`` state gives the same text.
    """
    if language not in phrases.LANGUAGES:
        raise ValueError(f"language must be nl or en: {language!r}")
    if emotion is not None and emotion not in phrases.EMOTION_PHRASES:
        raise ValueError(f"unknown emotion {emotion!r}")
    majority = _majority(aspects)
    short = rng.random() < short_rate
    if not aspects:
        sentences = [_short(rng, language, "neutral")]
    elif short and majority is not None:
        sentences = [_short(rng, language, majority)]
    else:
        sentences = _body(rng, language, aspects, emotion)
    if pii:
        _add_pii(rng, language, sentences)
    tone = majority or (aspects[-1].polarity if aspects else None)
    emoji = ""
    if tone is not None and rng.random() < emoji_rate:
        emoji = rng.choice(phrases.EMOJI[tone])
    # Typos come last, so they change letters and nothing else.
    text = " ".join(
        _render(rng, sentence, typo_rate, more=i < len(sentences) - 1)
        for i, sentence in enumerate(sentences)
    )
    return f"{text} {emoji}" if emoji else text


def _majority(aspects: Sequence[Aspect]) -> str | None:
    """The polarity most aspects have; None on a tie or without aspects."""
    positive = sum(aspect.polarity == "positive" for aspect in aspects)
    negative = len(aspects) - positive
    if positive == negative:
        return None
    return "positive" if positive > negative else "negative"


def _short(rng: random.Random, language: str, polarity: str) -> _Sentence:
    """A very short answer of ``polarity``; it brings its own punctuation."""
    return _Sentence(((rng.choice(phrases.SHORT_TEXTS[polarity][language]), True),), "")


def _body(
    rng: random.Random, language: str, aspects: Sequence[Aspect], emotion: str | None
) -> list[_Sentence]:
    """The sentences about the aspects, with the emotion and context ones."""
    clauses = [_clause(rng, language, aspect) for aspect in aspects]
    polarities = [aspect.polarity for aspect in aspects]
    count = len(aspects)
    split = count
    if count > 1 and rng.random() < _TWO_SENTENCE_RATE:
        split = rng.randrange(1, count)
    bodies = [_join(rng, language, clauses[:split], polarities[:split])]
    if split < count:
        second = _join(rng, language, clauses[split:], polarities[split:])
        if polarities[split - 1] != polarities[split]:
            second = f"{rng.choice(phrases.CONTRAST_OPENERS[language])} {second}"
        bodies.append(second)
    if emotion is not None:
        wording = rng.choice(phrases.EMOTION_PHRASES[emotion][language])
        feeling = _intensify(wording, _maybe_intensifier(rng, language, wording))
        if rng.random() < _EMOTION_FIRST_RATE:
            bodies.insert(0, feeling)
        else:
            bodies.append(feeling)
    if rng.random() < _CONTEXT_RATE:
        context = rng.choice(phrases.CONTEXT_SENTENCES[language])
        bodies.insert(0 if rng.random() < _CONTEXT_FIRST_RATE else len(bodies), context)
    return [
        _Sentence(((_polish(body, language), True),), _ending(rng)) for body in bodies
    ]


def _clause(rng: random.Random, language: str, aspect: Aspect) -> str:
    """One wording of ``aspect``, intensified now and then."""
    wording = rng.choice(phrases.THEME_PHRASES[aspect.theme][aspect.polarity][language])
    return _intensify(wording, _maybe_intensifier(rng, language, wording))


def _maybe_intensifier(rng: random.Random, language: str, wording: str) -> str | None:
    """An intensifier for a wording that has room for one, some of the time."""
    if phrases.INTENSIFIER_SLOT not in wording or rng.random() >= _INTENSIFY_RATE:
        return None
    return rng.choice(phrases.INTENSIFIERS[language])


def _intensify(wording: str, intensifier: str | None) -> str:
    """``wording`` with its intensifier slot filled, or dropped for None."""
    return wording.replace(
        phrases.INTENSIFIER_SLOT + " ", f"{intensifier} " if intensifier else ""
    )


def _join(
    rng: random.Random, language: str, clauses: list[str], polarities: list[str]
) -> str:
    """Clauses as one sentence: a contrast connector where the polarity turns."""
    text, used = clauses[0], ""
    for i in range(1, len(clauses)):
        if polarities[i] != polarities[i - 1]:
            # "..., maar ..., maar ..." reads like a template: vary the second.
            options = [c for c in phrases.CONTRAST_CONNECTORS[language] if c != used]
            used = rng.choice(options)
            text += f", {used} {clauses[i]}"
        elif i == len(clauses) - 1:
            text += f" {rng.choice(phrases.JOINERS[language])} {clauses[i]}"
        else:
            text += f", {clauses[i]}"
    return text


def _ending(rng: random.Random) -> str:
    """A full stop, now and then an exclamation mark."""
    return "!" if rng.random() < _EXCLAIM_RATE else "."


def _polish(text: str, language: str) -> str:
    """Customers do write English "I" in upper case, even in lowercase fragments."""
    return _ENGLISH_I_RE.sub("I", text) if language == "en" else text


# ---- Personal data -----------------------------------------------------------


def _add_pii(rng: random.Random, language: str, sentences: list[_Sentence]) -> None:
    """Add one sentence with a personal detail, mostly at the end of the text."""
    kind = rng.choice(phrases.PII_KINDS)
    templates = phrases.PII_TEMPLATES[kind][language]
    if kind == "name":
        templates += phrases.NAME_SIGNOFFS[language]
    template = rng.choice(templates)
    value = _PII_MAKERS[kind](rng)
    before, after = template.split("{pii}")
    sentence = _Sentence(
        ((_polish(before, language), True), (value, False), (after, True)), "."
    )
    # Customers put contact details last or first, seldom mid-story; a short
    # answer stays the first thing said and a sign-off the last.
    signoff = template in phrases.NAME_SIGNOFFS[language]
    if signoff or sentences[0].end == "" or rng.random() >= _PII_FIRST_RATE:
        sentences.append(sentence)
    else:
        sentences.insert(0, sentence)


def _name(rng: random.Random) -> str:
    """A fictional Dutch first name and surname, "Anna de Vries"."""
    return f"{rng.choice(phrases.FIRST_NAMES)} {rng.choice(phrases.SURNAMES)}"


def _email(rng: random.Random) -> str:
    """A fictional address at a documentation domain, "anna.devries@example.com"."""
    first = rng.choice(phrases.FIRST_NAMES).lower()
    surname = rng.choice(phrases.SURNAMES).replace(" ", "").lower()
    local = rng.choice(
        (
            f"{first}.{surname}",
            f"{first[0]}{surname}",
            f"{first}{rng.randrange(10, 100)}",
        )
    )
    return f"{local}@{rng.choice(phrases.EMAIL_DOMAINS)}"


def _phone(rng: random.Random) -> str:
    """A Dutch mobile number with random digits, "06-12345678" or "06 12345678"."""
    digits = str(rng.randrange(10_000_000, 100_000_000))
    return f"06{rng.choice('- ')}{digits}"


def _iban(rng: random.Random) -> str:
    """A Dutch IBAN with a valid ISO 13616 checksum, compact or in groups of four."""
    bban = rng.choice(phrases.IBAN_BANKS) + f"{rng.randrange(10**10):010d}"
    # Check digits make the rearranged number, letters as 10..35, 1 modulo 97.
    number = int("".join(str(int(char, 36)) for char in bban + "NL00"))
    iban = f"NL{98 - number % 97:02d}{bban}"
    if rng.random() < 0.5:
        return iban
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def _postcode(rng: random.Random) -> str:
    """A Dutch postcode with house number, "1234 AB 12", with letters PostNL issues."""
    letters = "SA"
    while letters in ("SA", "SD", "SS"):  # never issued; nor F, I, O, Q, U, Y
        letters = "".join(rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))
    return f"{rng.randrange(1000, 10000)} {letters} {rng.randrange(1, 250)}"


_PII_MAKERS = {
    "name": _name,
    "email": _email,
    "phone": _phone,
    "iban": _iban,
    "postcode": _postcode,
}


# ---- Rendering ---------------------------------------------------------------


def _render(
    rng: random.Random, sentence: _Sentence, typo_rate: float, more: bool
) -> str:
    """The sentence as text: typos, a capital, closing punctuation."""
    text = "".join(
        _typos(rng, piece, typo_rate) if typos else piece
        for piece, typos in sentence.pieces
    )
    text = text[:1].upper() + text[1:]
    end = sentence.end
    if not end and more and not text.endswith(tuple(_ENDINGS)):
        end = "."  # a short answer followed by more text still ends its sentence
    return text + end


def _typos(rng: random.Random, text: str, rate: float) -> str:
    """``text`` with each word of three letters or more slipped at ``rate``."""
    if rate <= 0:
        return text
    return _WORD_RE.sub(
        lambda m: _typo(rng, m.group()) if rng.random() < rate else m.group(), text
    )


def _typo(rng: random.Random, word: str) -> str:
    """One slip: two neighbouring letters swapped, one dropped, or one doubled."""
    kind = rng.randrange(3)
    if kind == 0:
        spots = [i for i in range(len(word) - 1) if word[i] != word[i + 1]]
        if spots:
            i = rng.choice(spots)
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        kind = 2  # "ooo" has no neighbours to swap
    i = rng.randrange(len(word))
    if kind == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]
