"""What text analysis says about one text, with the evidence for each label.

Every label carries ``spans``: (start, end) character offsets into the
*redacted* text that produced it, so a page can highlight exactly those
characters. The types are plain frozen values, JSON-ready via ``as_json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "EMOTIONS",
    "AspectLabel",
    "EmotionLabel",
    "Enrichment",
    "Polarity",
    "Sentiment",
    "Span",
    "polarity_of",
]

#: (start, end) into the redacted text.
Span = tuple[int, int]

#: The emotions belofte names, positive first.
EMOTIONS: tuple[str, ...] = (
    "joy",
    "surprise",
    "gratitude",
    "relief",
    "trust",
    "anger",
    "frustration",
    "disappointment",
    "worry",
    "sadness",
)


class Polarity(StrEnum):
    """A sentiment label."""

    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"
    MIXED = "mixed"


def polarity_of(
    score: float, *, positive: float = 0.05, mixed: bool = False
) -> Polarity:
    """The label for a score in [-1, 1]; ``mixed`` when both sides were strong."""
    if mixed:
        return Polarity.MIXED
    if score >= positive:
        return Polarity.POSITIVE
    if score <= -positive:
        return Polarity.NEGATIVE
    return Polarity.NEUTRAL


@dataclass(frozen=True, slots=True)
class Sentiment:
    """A label, its score and the spans that gave it."""

    label: Polarity
    score: float  # in [-1, 1]
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class EmotionLabel:
    """One emotion found in a text, with its strength and evidence."""

    name: str  # one of EMOTIONS
    score: float  # in (0, 1]
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class AspectLabel:
    """A blueprint theme found in a text, with its own sentiment."""

    theme: str
    pillar: str | None
    touchpoint: str | None
    sentiment: Sentiment
    spans: tuple[Span, ...] = ()  # where the theme itself was mentioned


@dataclass(frozen=True, slots=True)
class Enrichment:
    """Everything text analysis says about one redacted text."""

    language: str  # "nl", "en" or "other"
    detected_language: str | None  # the detector's own code, e.g. "de"
    sentiment: Sentiment
    emotions: tuple[EmotionLabel, ...] = ()
    aspects: tuple[AspectLabel, ...] = ()
    model_version: str = "lexicon"
    text: str = ""  # the redacted text the spans point into
    extra: dict[str, Any] = field(default_factory=dict)  # for plug-in labellers

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict (lists for spans) for the API and the store."""
        return {
            "text": self.text,
            "language": self.language,
            "detected_language": self.detected_language,
            "sentiment": _sentiment_json(self.sentiment),
            "emotions": [
                {"name": e.name, "score": round(e.score, 4), "spans": _spans(e.spans)}
                for e in self.emotions
            ],
            "aspects": [
                {
                    "theme": a.theme,
                    "pillar": a.pillar,
                    "touchpoint": a.touchpoint,
                    "sentiment": _sentiment_json(a.sentiment),
                    "spans": _spans(a.spans),
                }
                for a in self.aspects
            ],
            "model_version": self.model_version,
        }


def _spans(spans: tuple[Span, ...]) -> list[list[int]]:
    return [[start, end] for start, end in spans]


def _sentiment_json(sentiment: Sentiment) -> dict[str, Any]:
    return {
        "label": sentiment.label.value,
        "score": round(sentiment.score, 4),
        "spans": _spans(sentiment.spans),
    }
