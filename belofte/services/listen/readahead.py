"""Read ahead in a forked child while this process writes: imports use both cores.

Reading, validating and redacting are pure Python; writing is mostly the
database's own work. Threads would share one interpreter lock (and SQLite
releases it for every row, which makes them slower still), so the reading side
runs in a child process and hands over finished batches through a pipe.

The child never outlives the importer: the kernel kills it when its parent
dies (Linux `PR_SET_PDEATHSIG`), and elsewhere its next write to the pipe fails
once no reader holds the other end, and it exits. So a `kill -9` of an import
leaves no process behind holding memory, the file or the database.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import TypeVar

T = TypeVar("T")

#: prctl(2) option: the signal a process gets when its parent thread dies.
_PR_SET_PDEATHSIG = 1


def read_ahead(items: Iterator[T]) -> Iterator[T]:
    """The same items, produced by a forked child (or here, where forking is unsafe)."""
    if (
        "fork" not in multiprocessing.get_all_start_methods()
        or threading.active_count() > 1
    ):
        # Forking a process that runs other threads can copy a held lock and hang
        # (a web server, say): there, read in this process; correct, just slower.
        yield from items
        return
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_produce,
        args=(items, sender, receiver, os.getpid()),
        daemon=True,
        name="belofte-import-reader",
    )
    child.start()
    sender.close()  # only the child writes: its death is then an EOF here
    try:
        while True:
            try:
                item = receiver.recv()
            except EOFError:
                raise RuntimeError("the import's reading process stopped") from None
            if isinstance(item, _Failure):
                raise RuntimeError(f"reading the file failed: {item.reason}")
            if isinstance(item, _End):
                return
            yield item
    finally:
        receiver.close()  # the child's next send fails: it exits
        if child.is_alive():
            child.terminate()
        child.join()


class _End:
    """Sent after the last item."""


class _Failure:
    """Sent when reading failed, with the reason as text (not the exception)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _produce(
    items: Iterator[object], sender: Connection, receiver: Connection, parent: int
) -> None:
    """Child process: send every item, then the end; exit if the parent is gone."""
    receiver.close()  # else this process itself keeps the pipe readable
    _die_with_parent(parent)
    try:
        for item in items:
            sender.send(item)
        sender.send(_End())
    except (BrokenPipeError, ConnectionResetError):
        pass  # the importer stopped reading: nothing to do but stop
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as text
        with contextlib.suppress(OSError):
            sender.send(_Failure(f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()
    # No interpreter shutdown: nothing of the parent's (pools, files) to tidy.
    os._exit(0)


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when the importer dies."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the pipe still ends it
    if os.getppid() != parent:  # the parent died before the request took hold
        os._exit(1)
