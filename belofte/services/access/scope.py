"""Location scope: one place that narrows what a principal reads to its locations.

Analyses take a `Cut`; `scoped_cut` forces its location filter to the
principal's locations, so the Measure services need no access logic of their
own, and lets a scoped role (manager, staff) cut by customer attributes only
where the blueprint declares them segments: an undeclared attribute may hold
anything, and a filter on it could answer "is this person a customer?".
Record reads (a verbatim, later cases and customers) check the record's
location with `require_visible_verbatim`, answering NotFound for another
location's record so that its existence does not leak.
"""

from __future__ import annotations

import time
from dataclasses import replace

from belofte.analytics.cuts import Cut
from belofte.analytics.tables import CUSTOMER_PREFIX
from belofte.domain.access import Principal, is_visible, scope_filter
from belofte.errors import NotFound, NotPermitted
from belofte.services.workspace import Workspace
from belofte.store.repositories.blueprint import BlueprintRepository
from belofte.store.repositories.scope import ScopeRepository

#: The analytics dimension that holds a record's location code.
LOCATION = "location"


#: How long a process trusts the declared segments it read.
SEGMENTS_SECONDS = 5.0


def declared_segments(ws: Workspace) -> tuple[str, ...]:
    """The blueprint's segments as applied to the store (attribute names)."""
    cached = ws.cache.get("segments")
    if cached is not None and time.monotonic() - cached[1] < SEGMENTS_SECONDS:
        return cached[0]  # type: ignore[no-any-return]  # stored just below
    with ws.session(read_only=True) as session:
        segments = BlueprintRepository(session).segments()
    ws.cache["segments"] = (segments, time.monotonic())
    return segments


def scoped_cut(ws: Workspace, principal: Principal, cut: Cut) -> Cut:
    """`cut` with its location filter forced into `principal`'s locations.

    Unscoped roles get `cut` unchanged; a manager asking for another location
    gets NotPermitted; a manager asking for nothing gets their own locations;
    a manager cutting by a customer attribute that is not a declared segment
    gets NotPermitted.
    """
    if principal.is_scoped:
        asked = [n for n in (*cut.by, *cut.where) if n.startswith(CUSTOMER_PREFIX)]
        declared = declared_segments(ws) if asked else ()
        for name in asked:
            if name.removeprefix(CUSTOMER_PREFIX) not in declared:
                raise NotPermitted(
                    f"{name} is not a declared segment: a {principal.role.value} "
                    "may cut only by the segments of belofte.yaml "
                    f"({', '.join(declared) or 'none declared'})"
                )
    where = scope_filter(principal, cut.where, LOCATION)
    return cut if where == dict(cut.where) else replace(cut, where=where)


def require_visible_verbatim(
    ws: Workspace, principal: Principal | None, verbatim_id: int
) -> None:
    """Raise NotFound unless the verbatim exists and is in `principal`'s scope.

    `principal` None is the workspace's own process (CLI, Python API): no scope.
    """
    if principal is None or not principal.is_scoped:
        return
    with ws.session(read_only=True) as session:
        exists, location = ScopeRepository(session).verbatim_location(verbatim_id)
    if not exists or not is_visible(principal, location):
        raise NotFound("verbatim", verbatim_id)
