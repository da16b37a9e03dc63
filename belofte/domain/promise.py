"""The customer promise as values: pillars, themes, the journey, locations, teams.

Pure data, no I/O. `belofte.blueprint` builds a `Blueprint` from belofte.yaml;
the store keeps one row per entity, keyed by the stable `id` (called `code` there).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from belofte.domain.schedules import Schedule

#: Localized text: language code -> text, e.g. {"nl": "Snel geregeld", "en": "Fast"}.
Text = Mapping[str, str]

#: Phrases of a theme per language; the key "*" holds phrases for every language.
ANY_LANGUAGE = "*"


class LocationKind(StrEnum):
    """What a location is: where customers meet us, or where work is done."""

    STORE = "store"
    WEBSHOP = "webshop"
    WAREHOUSE = "warehouse"
    SERVICE_CENTRE = "service-centre"


def text_in(text: Text, language: str) -> str:
    """The text in `language`, else the first language it has."""
    if language in text:
        return text[language]
    return next(iter(text.values()), "")


@dataclass(frozen=True, slots=True)
class Promise:
    """Why we exist for the customer, how we behave, what we deliver."""

    why: Text
    how: Text
    what: Text


@dataclass(frozen=True, slots=True)
class Theme:
    """Something customers talk about that expresses a pillar (e.g. delivery time)."""

    id: str
    name: Text
    phrases: Mapping[str, tuple[str, ...]]
    was: tuple[str, ...] = ()

    def phrases_for(self, language: str) -> tuple[str, ...]:
        """Seed phrases for one language, including the language-neutral ones."""
        return self.phrases.get(language, ()) + self.phrases.get(ANY_LANGUAGE, ())


@dataclass(frozen=True, slots=True)
class Pillar:
    """One part of the promise, expressed by its themes."""

    id: str
    name: Text
    themes: tuple[Theme, ...]
    description: Text = field(default_factory=dict)
    was: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Stage:
    """A step of the customer journey (orientation, purchase, delivery, ...)."""

    id: str
    name: Text
    was: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Channel:
    """A way customers meet us (store, webshop, phone, at home, social, ...)."""

    id: str
    name: Text
    was: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Segment:
    """A customer attribute the CX team cuts results by (loyalty tier, home store).

    `id` is the attribute's name as imports store it (`loyalty`, `home_store`);
    declared segments are kept from customer files without a mapping, and only
    they may be cut by from a location-scoped role. No `was`: the stored data
    keeps the attribute's name, so a segment is not renamed, only replaced.
    """

    id: str
    name: Text


@dataclass(frozen=True, slots=True)
class Touchpoint:
    """A stage met through a channel, and the pillars it must deliver there."""

    id: str
    stage: str
    channel: str
    name: Text
    pillars: tuple[str, ...] = ()
    was: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Location:
    """A store, the webshop, a warehouse or a service centre."""

    id: str
    name: str
    kind: LocationKind
    region: str | None = None
    city: str | None = None
    was: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Team:
    """A group of employees, optionally bound to a location and touchpoints."""

    id: str
    name: Text
    location: str | None = None
    touchpoints: tuple[str, ...] = ()
    was: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Blueprint:
    """The whole promise blueprint of a workspace."""

    name: str
    languages: tuple[str, ...]
    promise: Promise
    pillars: tuple[Pillar, ...]
    stages: tuple[Stage, ...]
    channels: tuple[Channel, ...]
    touchpoints: tuple[Touchpoint, ...]
    locations: tuple[Location, ...]
    teams: tuple[Team, ...]
    segments: tuple[Segment, ...] = ()
    schedules: tuple[Schedule, ...] = ()

    @property
    def default_language(self) -> str:
        """The first declared language."""
        return self.languages[0]

    def themes(self) -> Iterator[tuple[Pillar, Theme]]:
        """Every theme with the pillar it belongs to, in blueprint order."""
        for pillar in self.pillars:
            for theme in pillar.themes:
                yield pillar, theme
