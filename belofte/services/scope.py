"""Location scope: one place that narrows what a principal reads to its locations.

Analyses take a `Cut`; `scoped_cut` forces its location filter to the
principal's locations, so the Measure services need no access logic of their
own. Record reads (a verbatim, later cases and customers) check the record's
location with `require_visible_verbatim`, answering NotFound for another
location's record so that its existence does not leak.
"""

from __future__ import annotations

from dataclasses import replace

from belofte.analytics.cuts import Cut
from belofte.domain.access import Principal, is_visible, scope_filter
from belofte.errors import NotFound
from belofte.services.workspace import Workspace
from belofte.store.repositories.scope import ScopeRepository

#: The analytics dimension that holds a record's location code.
LOCATION = "location"


def scoped_cut(principal: Principal, cut: Cut) -> Cut:
    """`cut` with its location filter forced into `principal`'s locations.

    Unscoped roles get `cut` unchanged; a manager asking for another location
    gets NotPermitted; a manager asking for nothing gets their own locations.
    """
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
