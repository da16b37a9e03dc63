"""Results kept for the data version they were computed at.

The web app answers the same questions again and again (a dashboard, its
filters, the API's figures). `cached(ws, key, build)` returns what `build`
made for `key` at the store's current data version, or builds it on the
workspace's analytics engine. Nothing can be stale for long:

* The version comes from the freshness check every analysis runs (the lake's
  data version). It is trusted for `FRESH_FOR_S` after it was read, so a
  burst of requests pays for one check, not one each.
* A write through this process's store (`Workspace.session`) drops the
  trusted version at once; only another process's writes (a CLI import while
  `belofte serve` runs) can go unseen, for at most `FRESH_FOR_S`.

`key` must hold everything the result depends on: a parsed, scoped `Cut`
(frozen here into a sorted tuple) and the options.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from belofte.analytics.cuts import Cut
from belofte.analytics.engine import Engine
from belofte.services.measure.analytics import lake, locked_engine
from belofte.services.workspace import ANALYTICS_FRESH, Workspace

__all__ = ["CACHE_SIZE", "FRESH_FOR_S", "cached"]

#: Results kept per workspace, least recently used dropped first.
CACHE_SIZE = 256
#: How long a freshness check is trusted, in seconds.
FRESH_FOR_S = 1.0
_CACHE = "result-cache"
_LOCK = threading.Lock()
_MISSING = object()

T = TypeVar("T")


def cached(ws: Workspace, key: tuple[Any, ...], build: Callable[[Engine], T]) -> T:
    """`build(engine)` for `key`, or the copy made at the current data version."""
    frozen = tuple(_frozen(part) for part in key)
    stamp = ws.cache.get(ANALYTICS_FRESH)
    if stamp is not None and time.monotonic() - stamp[0] < FRESH_FOR_S:
        found = _lookup(ws, (stamp[1], *frozen))
        if found is not _MISSING:
            return found  # type: ignore[no-any-return]  # stored by this function
    with locked_engine(ws) as engine:  # the freshness check, and the lake's refresh
        version = json.dumps(lake(ws).data_version, sort_keys=True, default=str)
        ws.cache[ANALYTICS_FRESH] = (time.monotonic(), version)
        full = (version, *frozen)
        found = _lookup(ws, full)
        if found is not _MISSING:
            return found  # type: ignore[no-any-return]
        made = build(engine)
    with _LOCK:
        store: OrderedDict[Any, Any] = ws.cache.setdefault(_CACHE, OrderedDict())
        store[full] = made
        while len(store) > CACHE_SIZE:
            store.popitem(last=False)
    return made


def _lookup(ws: Workspace, full: tuple[Any, ...]) -> Any:
    with _LOCK:
        store: OrderedDict[Any, Any] | None = ws.cache.get(_CACHE)
        if store is None or full not in store:
            return _MISSING
        store.move_to_end(full)
        return store[full]


def _frozen(part: Any) -> Any:
    if isinstance(part, Cut):
        where = tuple(sorted((k, tuple(v)) for k, v in part.where.items()))
        return ("cut", part.by, part.period, where, part.since, part.until)
    return part
