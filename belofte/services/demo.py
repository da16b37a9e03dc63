"""`belofte demo`: a ready workspace for the fictional chain Stroomhuis.

The world is written as ordinary export files and loaded through the normal
import path, so the demo shows (and tests) exactly what a CX team's own data
goes through, error report included.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import structlog

from belofte.demo.world import QUESTIONS, World, WorldSize
from belofte.domain.access import Role
from belofte.ingest.kinds import RecordKind
from belofte.ingest.report import ImportSummary
from belofte.services import handlers
from belofte.services.access.users import add_demo_users
from belofte.services.jobs.worker import work_off
from belofte.services.listen.enrichment import pending_texts
from belofte.services.listen.imports import Progress, import_file
from belofte.services.setup import init_workspace
from belofte.services.workspace import Workspace
from belofte.settings import Settings
from belofte.store.repositories.blueprint import BlueprintRepository

log = structlog.get_logger(__name__)

#: Files in import order: customers and pulse first, then what refers to them.
ORDER = (
    ("customers", RecordKind.CUSTOMERS),
    ("pulse", RecordKind.PULSE),
    ("orders", RecordKind.ORDERS),
    ("events", RecordKind.EVENTS),
    ("responses", RecordKind.RESPONSES),
    ("reviews", RecordKind.REVIEWS),
    ("social", RecordKind.SOCIAL),
    ("tickets", RecordKind.TICKETS),
)
SOURCE = "stroomhuis"
DEMO_ACTOR = "cli:demo"

_RESPONSES_MAPPING = "\n".join(
    [
        "# How the demo's survey export maps onto belofte (see docs/import.md).",
        "kind: responses",
        "questions:",
        *(f"  q_{q.replace('-', '_')}: {q}" for q in QUESTIONS),
        "  follow_up_of: follow-up-of",
        "  path: journey-path",
        "",
    ]
)


#: The demo's events carry facts about the moment (the order, the promised day,
#: the delay): attributes are declared, never taken by default.
_EVENTS_MAPPING = "\n".join(
    [
        "# Which extra columns of the demo's events are kept (see docs/import.md).",
        "kind: events",
        "attributes: [order, promised, delay_days, hours, experiment, arm, "
        "follow_up_of]",
        "",
    ]
)


@dataclass(frozen=True, slots=True)
class DemoResult:
    """The demo workspace and what each import did."""

    workspace: Workspace
    imports: tuple[ImportSummary, ...]
    seconds: float
    generated_seconds: float
    #: The first admin's generated password (None: BELOFTE_ADMIN_PASSWORD).
    admin_password: str | None = None
    #: One analyst, and a manager and a staff member per location, to try the
    #: location scope; they share `users_password`.
    users: tuple[tuple[str, Role, tuple[str, ...]], ...] = ()
    users_password: str = ""
    #: Texts analysed by the imports' jobs before the demo was handed over.
    texts_analysed: int = 0


def create_demo(
    target: Path,
    settings: Settings,
    size: WorldSize | None = None,
    on_progress: Progress | None = None,
    on_enrich: Callable[[int, int], None] | None = None,
) -> DemoResult:
    """Create the Stroomhuis demo workspace at `target` and import a year of data."""
    size = size or WorldSize()
    started = time.perf_counter()
    created = init_workspace(target, "retail-nl", settings)
    ws = created.workspace
    users = _demo_users(ws)
    users_password = add_demo_users(ws, users, actor=DEMO_ACTOR)
    folder = ws.path / "imports" / "demo"
    World(size).write(folder)
    (folder / "responses.mapping.yaml").write_text(_RESPONSES_MAPPING, encoding="utf-8")
    (folder / "events.mapping.yaml").write_text(_EVENTS_MAPPING, encoding="utf-8")
    malformed = resources.files("belofte.demo") / "responses-malformed.csv"
    (folder / "responses-malformed.csv").write_bytes(malformed.read_bytes())
    generated = time.perf_counter() - started
    summaries = []
    for name, kind in ORDER:
        mapping = folder / f"{name}.mapping.yaml"
        summaries.append(
            import_file(
                ws,
                folder / f"{name}.csv",
                kind,
                source=SOURCE,
                mapping_path=mapping if mapping.exists() else None,
                on_progress=on_progress,
                actor=DEMO_ACTOR,
            )
        )
    summaries.append(
        import_file(
            ws,
            folder / "responses-malformed.csv",
            RecordKind.RESPONSES,
            source=SOURCE,
            on_progress=on_progress,
            actor=DEMO_ACTOR,
        )
    )
    # The demo ends fully analysed: its imports' analysis jobs run here.
    handlers.install()
    analysed = pending_texts(ws)
    work_off(ws, [s.enrich_job for s in summaries if s.enrich_job], on_enrich)
    seconds = time.perf_counter() - started
    log.info(
        "demo.created",
        customers=size.customers,
        months=size.months,
        seed=size.seed,
        seconds=round(seconds, 1),
    )
    return DemoResult(
        ws,
        tuple(summaries),
        seconds,
        generated,
        created.admin_password,
        users,
        users_password,
        analysed,
    )


def _demo_users(ws: Workspace) -> tuple[tuple[str, Role, tuple[str, ...]], ...]:
    with ws.session(read_only=True) as session:
        locations = [
            code for _, code, _ in BlueprintRepository(session).names()["location"]
        ]
    return (
        ("analist", Role.ANALYST, ()),
        *((f"manager-{code}", Role.MANAGER, (code,)) for code in locations),
        *((f"staff-{code}", Role.STAFF, (code,)) for code in locations),
    )
