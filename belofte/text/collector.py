"""Python's cycle collector, paused while text work allocates in bulk.

Enriching a batch or featurizing a training set allocates hundreds of
thousands of small containers (tokens, features, spans) that reference
counting frees as soon as they are done with. The cycle collector still
walked them, and the large tables the models and memos keep, every few
hundred allocations: a quarter of the time of an enrichment with learned
models and a sixth of a fit (``benchmarks/text_speed.py``). None of this
code makes reference cycles, so pausing the collector loses nothing; it
runs again as soon as the work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused"]


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the ``with`` block (or decorated call), then on.

    The switch is process-wide: a block may end while another thread's still
    runs (which then runs with the collector on, as before), and a caller
    that switched the collector off itself keeps it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
