"""Load belofte.yaml: YAML -> shape (pydantic) -> cross-references -> domain values."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from belofte.blueprint.checks import check_blueprint
from belofte.blueprint.problems import Problem, Severity, did_you_mean
from belofte.blueprint.schema import BlueprintIn, allowed_fields
from belofte.blueprint.source import LineMap, YamlSourceError, format_path, read_yaml
from belofte.domain.promise import (
    Blueprint,
    Channel,
    Location,
    Pillar,
    Promise,
    Segment,
    Stage,
    Team,
    Theme,
    Touchpoint,
)
from belofte.domain.schedules import Schedule
from belofte.errors import InvalidInput

BLUEPRINT_FILE = "belofte.yaml"


@dataclass(frozen=True, slots=True)
class LoadedBlueprint:
    """A valid blueprint, its warnings, and the fingerprint of its text."""

    blueprint: Blueprint
    warnings: tuple[Problem, ...]
    sha256: str
    text: str


class BlueprintInvalid(InvalidInput):
    """The blueprint has errors; `problems` has one readable line for each."""

    def __init__(self, file: str, errors: list[Problem]) -> None:
        count = len(errors)
        super().__init__(
            f"{file}: {count} problem{'s' if count != 1 else ''} in the blueprint",
            tuple(str(p) for p in errors),
        )
        self.errors = tuple(errors)


def load_blueprint(path: Path) -> LoadedBlueprint:
    """Read and validate the blueprint file at `path`."""
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BlueprintInvalid(name, [Problem(name, 1, "", "file not found")]) from None
    except OSError as exc:
        raise BlueprintInvalid(
            name, [Problem(name, 1, "", f"cannot read: {exc.strerror}")]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BlueprintInvalid(
            name, [Problem(name, line, "", "not valid UTF-8 text")]
        ) from None
    return parse_blueprint(text, name)


def parse_blueprint(text: str, file: str = BLUEPRINT_FILE) -> LoadedBlueprint:
    """Validate blueprint `text`; `file` names it in messages."""
    try:
        data, lines = read_yaml(text)
    except YamlSourceError as exc:
        problems = [
            Problem(file, p.line, format_path(p.path), p.message) for p in exc.problems
        ]
        raise BlueprintInvalid(file, problems) from None
    if not isinstance(data, dict):
        raise BlueprintInvalid(
            file,
            [
                Problem(
                    file,
                    1,
                    "",
                    "expected a mapping with version, workspace, "
                    "promise, pillars, journey, locations",
                )
            ],
        )
    try:
        model = BlueprintIn.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(file, lines, err) for err in exc.errors()]
        raise BlueprintInvalid(file, _unique(problems)) from None
    found = check_blueprint(model, lines, file)
    errors = [p for p in found if p.severity is Severity.ERROR]
    if errors:
        raise BlueprintInvalid(file, errors)
    warnings = tuple(p for p in found if p.severity is Severity.WARNING)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return LoadedBlueprint(to_domain(model), warnings, digest, text)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for p in problems:
        if str(p) not in seen:
            seen.add(str(p))
            out.append(p)
    return out


_MESSAGES = {
    "missing": "required field is missing",
    "string_type": "expected text",
    "list_type": "expected a list",
    "dict_type": "expected a mapping (key: value pairs)",
    "model_type": "expected a mapping (key: value pairs)",
    "model_attributes_type": "expected a mapping (key: value pairs)",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "bool_type": "expected true or false",
}


def _problem(file: str, lines: LineMap, err: ErrorDetails) -> Problem:
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    loc = tuple(err["loc"])
    if ctx.get("subpath"):
        loc = (*loc, ctx["subpath"])
    if kind == "extra_forbidden":
        key = str(loc[-1])
        message = f"unknown field '{key}'" + did_you_mean(key, allowed_fields(loc[:-1]))
    elif kind in ("literal_error", "enum"):
        message = f"expected {ctx.get('expected', 'one of the allowed values')}"
        message += f", got {_short(err.get('input'))}"
    elif kind == "too_long":
        message = f"at most {ctx.get('max_length')} items allowed"
    elif kind == "too_short":
        message = f"at least {ctx.get('min_length')} item(s) needed"
    else:
        message = _MESSAGES.get(kind, err["msg"])
        if kind in _MESSAGES and kind != "missing":
            message += f", got {_short(err.get('input'))}"
    return Problem(file, lines.line_of(loc), format_path(loc), message)


def _short(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def to_domain(bp: BlueprintIn) -> Blueprint:
    """Validated shape -> frozen domain values."""
    return Blueprint(
        name=bp.workspace.name,
        languages=tuple(bp.workspace.languages),
        promise=Promise(why=bp.promise.why, how=bp.promise.how, what=bp.promise.what),
        pillars=tuple(
            Pillar(
                id=p.id,
                name=p.name,
                description=p.description or {},
                was=tuple(p.was),
                themes=tuple(
                    Theme(id=t.id, name=t.name, phrases=t.phrases, was=tuple(t.was))
                    for t in p.themes
                ),
            )
            for p in bp.pillars
        ),
        stages=tuple(Stage(s.id, s.name, tuple(s.was)) for s in bp.journey.stages),
        channels=tuple(
            Channel(c.id, c.name, tuple(c.was)) for c in bp.journey.channels
        ),
        touchpoints=tuple(
            Touchpoint(t.id, t.stage, t.channel, t.name, tuple(t.pillars), tuple(t.was))
            for t in bp.journey.touchpoints
        ),
        locations=tuple(
            Location(loc.id, loc.name, loc.kind, loc.region, loc.city, tuple(loc.was))
            for loc in bp.locations
        ),
        teams=tuple(
            Team(t.id, t.name, t.location, tuple(t.touchpoints), tuple(t.was))
            for t in bp.teams
        ),
        segments=tuple(Segment(s.id, s.name) for s in bp.segments),
        schedules=tuple(Schedule(s.id, s.job, s.every, s.at) for s in bp.schedules),
    )
