"""Cross-reference checks of a blueprint whose shape is already valid."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from belofte.blueprint.problems import Problem, Severity, did_you_mean
from belofte.blueprint.schema import BlueprintIn, ChannelIn, StageIn, TouchpointIn
from belofte.blueprint.source import LineMap, Path, format_path
from belofte.domain.privacy import personal_kind
from belofte.domain.promise import ANY_LANGUAGE, LocationKind
from belofte.domain.schedules import Schedule


@dataclass(frozen=True, slots=True)
class _Entity:
    kind: str
    id: str
    was: tuple[str, ...]
    path: Path


class _Checker:
    def __init__(self, bp: BlueprintIn, lines: LineMap, file: str) -> None:
        self.bp = bp
        self.lines = lines
        self.file = file
        self.problems: list[Problem] = []

    def add(
        self, path: Path, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        self.problems.append(
            Problem(
                self.file,
                self.lines.line_of(path),
                format_path(path),
                message,
                severity,
            )
        )

    def run(self) -> list[Problem]:
        self.check_ids()
        self.check_references()
        self.check_contents()
        self.check_languages()
        return self.problems

    # -- ids --------------------------------------------------------------
    def entities(self) -> Iterator[_Entity]:
        bp = self.bp
        for i, pillar in enumerate(bp.pillars):
            yield _Entity("pillar", pillar.id, tuple(pillar.was), ("pillars", i))
            for j, theme in enumerate(pillar.themes):
                yield _Entity(
                    "theme", theme.id, tuple(theme.was), ("pillars", i, "themes", j)
                )
        journey: tuple[
            tuple[str, Sequence[StageIn | ChannelIn | TouchpointIn]], ...
        ] = (
            ("stage", bp.journey.stages),
            ("channel", bp.journey.channels),
            ("touchpoint", bp.journey.touchpoints),
        )
        for kind, items in journey:
            for i, item in enumerate(items):
                yield _Entity(
                    kind, item.id, tuple(item.was), ("journey", f"{kind}s", i)
                )
        for i, location in enumerate(bp.locations):
            yield _Entity(
                "location", location.id, tuple(location.was), ("locations", i)
            )
        for i, team in enumerate(bp.teams):
            yield _Entity("team", team.id, tuple(team.was), ("teams", i))
        for i, segment in enumerate(bp.segments):
            yield _Entity("segment", segment.id, (), ("segments", i))
        for i, schedule in enumerate(bp.schedules):
            yield _Entity("schedule", schedule.id, (), ("schedules", i))

    def check_ids(self) -> None:
        seen: dict[tuple[str, str], Path] = {}
        entities = list(self.entities())
        for entity in entities:
            key = (entity.kind, entity.id)
            if key in seen:
                first = seen[key]
                self.add(
                    (*entity.path, "id"),
                    f"duplicate {entity.kind} id '{entity.id}' (first at "
                    f"{format_path(first)}, line {self.lines.line_of(first)})",
                )
            else:
                seen[key] = entity.path
        former: dict[tuple[str, str], Path] = {}
        for entity in entities:
            for k, old in enumerate(entity.was):
                path = (*entity.path, "was", k)
                if (entity.kind, old) in seen:
                    self.add(
                        path,
                        f"'{old}' is still the id of a {entity.kind}; `was` lists "
                        "only ids that are gone",
                    )
                elif (entity.kind, old) in former:
                    self.add(
                        path,
                        f"'{old}' is listed in `was` of two {entity.kind}s; a "
                        "history can follow only one",
                    )
                else:
                    former[(entity.kind, old)] = path

    # -- references -------------------------------------------------------
    def must_exist(self, path: Path, kind: str, ref: str, ids: Sequence[str]) -> None:
        if ref not in ids:
            self.add(path, f"unknown {kind} '{ref}'{did_you_mean(ref, list(ids))}")

    def check_references(self) -> None:
        bp = self.bp
        stages = [s.id for s in bp.journey.stages]
        channels = [c.id for c in bp.journey.channels]
        pillars = [p.id for p in bp.pillars]
        touchpoints = [t.id for t in bp.journey.touchpoints]
        locations = [loc.id for loc in bp.locations]
        for i, tp in enumerate(bp.journey.touchpoints):
            base: Path = ("journey", "touchpoints", i)
            self.must_exist((*base, "stage"), "stage", tp.stage, stages)
            self.must_exist((*base, "channel"), "channel", tp.channel, channels)
            for k, ref in enumerate(tp.pillars):
                self.must_exist((*base, "pillars", k), "pillar", ref, pillars)
        for i, team in enumerate(bp.teams):
            if team.location is not None:
                self.must_exist(
                    ("teams", i, "location"), "location", team.location, locations
                )
            for k, ref in enumerate(team.touchpoints):
                self.must_exist(
                    ("teams", i, "touchpoints", k), "touchpoint", ref, touchpoints
                )

    # -- contents ---------------------------------------------------------
    def check_contents(self) -> None:
        bp = self.bp
        for where, what in (
            (("pillars",), bp.pillars),
            (("journey", "stages"), bp.journey.stages),
            (("journey", "channels"), bp.journey.channels),
            (("journey", "touchpoints"), bp.journey.touchpoints),
            (("locations",), bp.locations),
        ):
            if not what:
                self.add(where, "must not be empty")
        owner: dict[str, str] = {}
        for i, pillar in enumerate(bp.pillars):
            if not pillar.themes:
                self.add(
                    ("pillars", i, "themes"),
                    f"pillar '{pillar.id}' has no themes; give it at least one, "
                    "or its delivery cannot be measured",
                )
            for j, theme in enumerate(pillar.themes):
                path: Path = ("pillars", i, "themes", j, "phrases")
                if not any(theme.phrases.values()):
                    self.add(path, f"theme '{theme.id}' has no seed phrases")
                seen_here: set[str] = set()
                for phrase in (p for ps in theme.phrases.values() for p in ps):
                    if phrase in seen_here:
                        self.add(
                            path, f"phrase '{phrase}' is listed twice", Severity.WARNING
                        )
                    elif phrase in owner and owner[phrase] != theme.id:
                        self.add(
                            path,
                            f"phrase '{phrase}' also seeds theme '{owner[phrase]}'; "
                            "text analysis cannot tell them apart",
                            Severity.WARNING,
                        )
                    seen_here.add(phrase)
                    owner.setdefault(phrase, theme.id)
        for i, location in enumerate(bp.locations):
            if location.kind is LocationKind.STORE and location.region is None:
                self.add(("locations", i, "region"), "a store needs a region")
        for i, segment in enumerate(bp.segments):
            kind = personal_kind(segment.id)
            if kind is not None:
                self.add(
                    ("segments", i, "id"),
                    f"'{segment.id}' looks like personal data ({kind}); a segment "
                    "groups customers and must not identify one",
                )
        for i, item in enumerate(bp.schedules):
            try:
                Schedule(item.id, item.job, item.every, item.at)
            except ValueError as exc:
                self.add(("schedules", i, "at"), str(exc))
        staged = {tp.stage for tp in bp.journey.touchpoints}
        for i, stage in enumerate(bp.journey.stages):
            if stage.id not in staged:
                self.add(
                    ("journey", "stages", i),
                    f"stage '{stage.id}' has no touchpoints",
                    Severity.WARNING,
                )

    # -- languages --------------------------------------------------------
    def localized(self) -> Iterator[tuple[Path, Iterable[str]]]:
        bp = self.bp
        for field in ("why", "how", "what"):
            yield ("promise", field), getattr(bp.promise, field).keys()
        for i, pillar in enumerate(bp.pillars):
            yield ("pillars", i, "name"), pillar.name.keys()
            if pillar.description is not None:
                yield ("pillars", i, "description"), pillar.description.keys()
            for j, theme in enumerate(pillar.themes):
                yield ("pillars", i, "themes", j, "name"), theme.name.keys()
        for kind in ("stages", "channels", "touchpoints"):
            for i, item in enumerate(getattr(bp.journey, kind)):
                yield ("journey", kind, i, "name"), item.name.keys()
        for i, team in enumerate(bp.teams):
            yield ("teams", i, "name"), team.name.keys()
        for i, segment in enumerate(bp.segments):
            yield ("segments", i, "name"), segment.name.keys()

    def check_languages(self) -> None:
        declared = list(self.bp.workspace.languages)
        if len(set(declared)) != len(declared):
            self.add(("workspace", "languages"), "a language is listed twice")
        shown = ", ".join(declared)
        for path, present in self.localized():
            have = set(present)
            for missing in (lang for lang in declared if lang not in have):
                self.add(
                    path,
                    f"missing text for '{missing}' (workspace.languages is {shown})",
                )
            for extra in sorted(have - set(declared)):
                self.add(
                    (*path, extra),
                    f"language '{extra}' is not in workspace.languages ({shown})",
                )
        for i, pillar in enumerate(self.bp.pillars):
            for j, theme in enumerate(pillar.themes):
                for lang in sorted(set(theme.phrases) - {ANY_LANGUAGE, *declared}):
                    self.add(
                        ("pillars", i, "themes", j, "phrases", lang),
                        f"language '{lang}' is not in workspace.languages ({shown})",
                    )


def check_blueprint(bp: BlueprintIn, lines: LineMap, file: str) -> list[Problem]:
    """Every cross-reference, completeness and language problem of `bp`."""
    return _Checker(bp, lines, file).run()
