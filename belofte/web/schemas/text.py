"""Request and response bodies of the text API."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Span = Annotated[list[int], Field(min_length=2, max_length=2)]
SentimentLabel = Literal["positive", "neutral", "negative", "mixed"]
AspectLabelValue = Literal["positive", "neutral", "negative", "mixed", "absent"]
ThemeCode = Annotated[
    str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")
]


class AnalyseRequest(BaseModel):
    """A text to analyse; it is redacted first and nothing is stored."""

    model_config = ConfigDict(extra="forbid")
    text: Annotated[str, Field(min_length=1, max_length=10_000)]


class SentimentOut(BaseModel):
    """A label, its score in [-1, 1] and the evidence spans."""

    label: SentimentLabel
    score: float
    spans: list[Span]


class EmotionOut(BaseModel):
    """An emotion with its strength and evidence spans."""

    name: str
    score: float
    spans: list[Span]


class AspectOut(BaseModel):
    """A blueprint theme found in the text, with its own sentiment."""

    theme: str
    pillar: str | None
    touchpoint: str | None
    sentiment: SentimentOut
    spans: list[Span]


class AnalyseResult(BaseModel):
    """The analysis of one text; spans index into ``text`` (the redacted text)."""

    text: str
    language: str
    detected_language: str | None
    sentiment: SentimentOut
    emotions: list[EmotionOut]
    aspects: list[AspectOut]
    model_version: str


class CorrectionRequest(BaseModel):
    """A person's correction of a stored text's labels."""

    model_config = ConfigDict(extra="forbid")
    sentiment: SentimentLabel | None = None
    aspects: Annotated[dict[ThemeCode, AspectLabelValue], Field(max_length=100)] = (
        Field(default_factory=dict)
    )


class CorrectionResult(BaseModel):
    """How many labels were recorded."""

    verbatim_id: int
    corrected: int
