"""The shape of belofte.yaml, validated by pydantic with messages a person can act on.

Pydantic lives here because the blueprint is input at an edge, like an import.
Only the shape is checked here; cross-references live in `checks.py`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from belofte.domain.promise import ANY_LANGUAGE, LocationKind

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: A customer attribute's name as imports store it (a column name, normalised).
ATTRIBUTE_PATTERN = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2}$")
MAX_NAME = 200
MAX_PROSE = 2000
MAX_PHRASE = 120


def _code(pattern: re.Pattern[str], what: str, how: str) -> BeforeValidator:
    """A validator of ids (`what`: "id", "attribute name") written as `how` says."""

    def check(value: Any) -> Any:
        if not isinstance(value, str):
            raise PydanticCustomError(
                "id_type", "expected an {what} (text)", {"what": what}
            )
        if len(value) > 64 or not pattern.match(value):
            raise PydanticCustomError(
                "id_syntax",
                "invalid {what} '{value}': {how}",
                {"what": what, "value": value[:80], "how": how},
            )
        return value

    return BeforeValidator(check)


def _text(limit: int) -> BeforeValidator:
    def check(value: Any) -> Any:
        if not isinstance(value, str):
            raise PydanticCustomError("text_type", "expected text")
        if not value.strip():
            raise PydanticCustomError("text_empty", "must not be empty")
        if len(value) > limit:
            raise PydanticCustomError(
                "text_long", "longer than {limit} characters", {"limit": limit}
            )
        return value.strip()

    return BeforeValidator(check)


def _language(value: Any) -> str:
    if not isinstance(value, str) or not LANGUAGE_PATTERN.match(value):
        raise PydanticCustomError(
            "language",
            "invalid language code '{value}': use two lowercase letters (nl, en)",
            {"value": str(value)[:20]},
        )
    return value


def _localized(limit: int) -> BeforeValidator:
    def check(value: Any) -> Any:
        if isinstance(value, str):
            raise PydanticCustomError(
                "localized_type",
                "expected text per language, e.g. {nl: ..., en: ...}",
            )
        if not isinstance(value, dict) or not value:
            raise PydanticCustomError(
                "localized_type",
                "expected text per language, e.g. {nl: ..., en: ...}",
            )
        out: dict[str, str] = {}
        for language, text in value.items():
            _language(language)
            if not isinstance(text, str) or not text.strip():
                raise PydanticCustomError(
                    "localized_text",
                    "expected non-empty text for language '{language}'",
                    {"language": language},
                )
            if len(text) > limit:
                raise PydanticCustomError(
                    "text_long", "longer than {limit} characters", {"limit": limit}
                )
            out[language] = text.strip()
        return out

    return BeforeValidator(check)


def _phrase_list(value: Any, where: str | None) -> tuple[str, ...]:
    # `subpath` in the error context extends the error's location (see loader).
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise PydanticCustomError(
            "phrases_type", "expected a list of strings", {"subpath": where}
        )
    phrases = tuple(p.strip().lower() for p in value if p.strip())
    for phrase in phrases:
        if len(phrase) > MAX_PHRASE:
            raise PydanticCustomError(
                "phrase_long",
                "phrase longer than {limit} characters: '{phrase}'",
                {"subpath": where, "limit": MAX_PHRASE, "phrase": phrase[:40]},
            )
    return phrases


def _phrases(value: Any) -> dict[str, tuple[str, ...]]:
    """A plain list (any language) or a mapping language -> list of strings."""
    if isinstance(value, dict):
        out: dict[str, tuple[str, ...]] = {}
        for language, phrases in value.items():
            _language(language)
            out[language] = _phrase_list(phrases, language)
        return out
    return {ANY_LANGUAGE: _phrase_list(value, None)}


Id = Annotated[
    str,
    _code(
        ID_PATTERN,
        "id",
        "use lowercase letters, digits and single hyphens, at most 64 characters "
        "(e.g. 'snel-geregeld')",
    ),
]
AttributeId = Annotated[
    str,
    _code(
        ATTRIBUTE_PATTERN,
        "attribute name",
        "use lowercase letters, digits and single underscores, as imports store "
        "a column name (e.g. 'home_store' for a column 'Home store')",
    ),
]
Language = Annotated[str, BeforeValidator(_language)]
Name = Annotated[dict[str, str], _localized(MAX_NAME)]
Prose = Annotated[dict[str, str], _localized(MAX_PROSE)]
PlainName = Annotated[str, _text(MAX_NAME)]
Phrases = Annotated[dict[str, tuple[str, ...]], BeforeValidator(_phrases)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WorkspaceIn(_Strict):
    """The workspace's name and languages (first = default)."""

    name: PlainName
    languages: Annotated[list[Language], Field(min_length=1, max_length=10)] = ["nl"]


class PromiseIn(_Strict):
    """The promise: why, how, what."""

    why: Prose
    how: Prose
    what: Prose


class ThemeIn(_Strict):
    """A theme with its seed phrases."""

    id: Id
    name: Name
    phrases: Phrases
    was: list[Id] = []


class PillarIn(_Strict):
    """A pillar and its themes."""

    id: Id
    name: Name
    description: Prose | None = None
    themes: Annotated[list[ThemeIn], Field(max_length=60)]
    was: list[Id] = []


class StageIn(_Strict):
    """A journey stage."""

    id: Id
    name: Name
    was: list[Id] = []


class ChannelIn(_Strict):
    """A channel."""

    id: Id
    name: Name
    was: list[Id] = []


class TouchpointIn(_Strict):
    """A stage x channel and the pillars it must deliver."""

    id: Id
    stage: Id
    channel: Id
    name: Name
    pillars: list[Id] = []
    was: list[Id] = []


class LocationIn(_Strict):
    """A store, webshop, warehouse or service centre."""

    id: Id
    name: PlainName
    kind: LocationKind
    region: Annotated[str, _text(MAX_NAME)] | None = None
    city: Annotated[str, _text(MAX_NAME)] | None = None
    was: list[Id] = []


class TeamIn(_Strict):
    """A team, optionally at a location, owning touchpoints."""

    id: Id
    name: Name
    location: Id | None = None
    touchpoints: list[Id] = []
    was: list[Id] = []


class SegmentIn(_Strict):
    """A customer attribute declared as a segment."""

    id: AttributeId
    name: Name


class ScheduleIn(_Strict):
    """A recurring job: `job` every minute, hour (at ":MM") or day (at "HH:MM")."""

    id: Id
    job: Annotated[str, Field(pattern=r"^[a-z]+(?:\.[a-z_]+)+$", max_length=100)]
    every: Literal["minute", "hour", "day"]
    at: Annotated[str, Field(max_length=5)] = ""


class JourneyIn(_Strict):
    """Stages, channels and touchpoints."""

    stages: Annotated[list[StageIn], Field(max_length=50)]
    channels: Annotated[list[ChannelIn], Field(max_length=50)]
    touchpoints: Annotated[list[TouchpointIn], Field(max_length=500)]


class BlueprintIn(_Strict):
    """The whole belofte.yaml."""

    version: Literal[1]
    workspace: WorkspaceIn
    promise: PromiseIn
    pillars: Annotated[list[PillarIn], Field(max_length=20)]
    journey: JourneyIn
    locations: Annotated[list[LocationIn], Field(max_length=10_000)]
    teams: Annotated[list[TeamIn], Field(max_length=1_000)] = []
    segments: Annotated[list[SegmentIn], Field(max_length=50)] = []
    schedules: Annotated[list[ScheduleIn], Field(max_length=50)] = []


def allowed_fields(loc: tuple[str | int, ...]) -> list[str]:
    """The field names allowed in the mapping at `loc` (for 'did you mean')."""
    model: type[BaseModel] | None = BlueprintIn
    for part in loc:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        model = _model_in(info.annotation) if info is not None else None
    return list(model.model_fields) if model is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
