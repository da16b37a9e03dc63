"""The promise blueprint file: reading, validating and the built-in templates."""

from belofte.blueprint.loader import (
    BLUEPRINT_FILE,
    BlueprintInvalid,
    LoadedBlueprint,
    load_blueprint,
    parse_blueprint,
)
from belofte.blueprint.problems import Problem, Severity

__all__ = [
    "BLUEPRINT_FILE",
    "BlueprintInvalid",
    "LoadedBlueprint",
    "Problem",
    "Severity",
    "load_blueprint",
    "parse_blueprint",
]
