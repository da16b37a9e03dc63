"""Use cases of the blueprint: check it, apply it to the store, describe it."""

from __future__ import annotations

from dataclasses import dataclass

import structlog

from belofte.blueprint import LoadedBlueprint, load_blueprint
from belofte.services.audit import CLI_ACTOR, audit_in
from belofte.services.workspace import Workspace
from belofte.store.repositories.blueprint import BlueprintRepository, SyncReport

log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """The applied blueprint and what changed in the store."""

    loaded: LoadedBlueprint
    report: SyncReport


def check_blueprint(ws: Workspace) -> LoadedBlueprint:
    """Validate belofte.yaml; raise BlueprintInvalid with every problem."""
    loaded = load_blueprint(ws.blueprint_path)
    log.info("blueprint.checked", warnings=len(loaded.warnings))
    return loaded


def apply_blueprint(ws: Workspace, *, actor: str = CLI_ACTOR) -> ApplyResult:
    """Sync belofte.yaml into the store; idempotent, refuses removals that lose data.

    A sync that changes anything is audited, naming `actor`.
    """
    loaded = check_blueprint(ws)
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
