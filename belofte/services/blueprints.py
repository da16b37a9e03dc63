"""Use cases of the blueprint: check it, apply it to the store, describe it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import structlog

from belofte.blueprint import LoadedBlueprint, load_blueprint
from belofte.blueprint.loader import parse_blueprint
from belofte.services.access.audit import CLI_ACTOR, audit_in
from belofte.services.workspace import Workspace
from belofte.store.repositories.blueprint import BlueprintRepository, SyncReport

log = structlog.get_logger(__name__)
#: The workspace cache key of the last valid blueprint read, with its sha256.
_CHECKED = "blueprint-checked"


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """The applied blueprint and what changed in the store."""

    loaded: LoadedBlueprint
    report: SyncReport


def check_blueprint(ws: Workspace) -> LoadedBlueprint:
    """Validate belofte.yaml; raise BlueprintInvalid with every problem.

    A long-running process (the web app) parses the file again only when its
    bytes changed: reading and hashing them is cheap, parsing takes ~100 ms.
    """
    digest = hashlib.sha256(ws.blueprint_path.read_bytes()).hexdigest()
    seen = ws.cache.get(_CHECKED)
    if seen is not None and seen[0] == digest:
        return seen[1]  # type: ignore[no-any-return]  # stored just below
    loaded = load_blueprint(ws.blueprint_path)
    ws.cache[_CHECKED] = (digest, loaded)
    log.info("blueprint.checked", warnings=len(loaded.warnings))
    return loaded


def apply_blueprint(ws: Workspace, *, actor: str = CLI_ACTOR) -> ApplyResult:
    """Sync belofte.yaml into the store; idempotent, refuses removals that lose data.

    A sync that changes anything is audited, naming `actor`.
    """
    return _apply(ws, check_blueprint(ws), actor)


def blueprint_text(ws: Workspace) -> str:
    """The text of the workspace's belofte.yaml."""
    return ws.blueprint_path.read_text(encoding="utf-8")


def save_blueprint(ws: Workspace, text: str, *, actor: str) -> ApplyResult:
    """Check `text` as a blueprint, apply it to the store, then save it as the file.

    Nothing changes when the text is invalid (BlueprintInvalid, with every
    problem) or the store refuses it (Conflict: a removal would lose data).
    """
    loaded = parse_blueprint(text, ws.blueprint_path.name)
    result = _apply(ws, loaded, actor)
    partial = ws.blueprint_path.with_suffix(".yaml.saving")
    partial.write_text(text, encoding="utf-8")
    partial.replace(ws.blueprint_path)  # atomic: never a half-written file
    return result


def _apply(ws: Workspace, loaded: LoadedBlueprint, actor: str) -> ApplyResult:
    ws.require_current_schema()
    with ws.session() as session:
        report = BlueprintRepository(session).sync(
            loaded.blueprint, sha256=loaded.sha256, text=loaded.text
        )
        if report.changes:
            audit_in(
                session,
                actor,
                "blueprint.applied",
                loaded.sha256[:12],
                changes=len(report.changes),
                created=sum(report.created.values()),
                renamed=sum(report.renamed.values()),
                removed=sum(report.removed.values()),
            )
    log.info(
        "blueprint.applied",
        changes=len(report.changes),
        created=sum(report.created.values()),
        renamed=sum(report.renamed.values()),
        removed=sum(report.removed.values()),
    )
    return ApplyResult(loaded, report)


def stored_counts(ws: Workspace) -> dict[str, int]:
    """How many pillars, themes, touchpoints, ... the store holds."""
    ws.require_current_schema()
    with ws.session() as session:
        return BlueprintRepository(session).counts()
