"""Response body of the verbatim search: redacted texts with their labels."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from belofte.web.schemas.text import EmotionOut, SentimentOut, Span

#: The emotions belofte names (`belofte.text.labels.EMOTIONS`; a test keeps
#: them equal).
Emotion = Literal[
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
]


class StoredAspectOut(BaseModel):
    """A blueprint theme found in the text, with its sentiment and evidence."""

    theme: str
    pillar: str
    touchpoint: str | None
    sentiment: str
    score: float
    spans: list[Span]


class VerbatimOut(BaseModel):
    """One verbatim: the redacted text only; spans index into ``text``."""

    id: int
    kind: str = Field(description="comment, review, post or ticket.")
    occurred_at: datetime = Field(description="In the workspace's time zone.")
    location: str | None
    touchpoint: str | None
    channel: str | None
    language: str | None
    rating: float | None
    text: str = Field(description="The redacted text (never the original).")
    sentiment: SentimentOut | None = Field(description="Null before enrichment.")
    emotions: list[EmotionOut]
    aspects: list[StoredAspectOut]
    model_version: str | None


class VerbatimPageOut(BaseModel):
    """One page of matching verbatims, newest first, and how many match."""

    total: int
    page: int
    size: int
    items: list[VerbatimOut]
