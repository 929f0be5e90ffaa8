"""Half of one large file's work in a forked child process, the other half meanwhile in this one.

Used by the parser (the inline half of a large document) and the linter (half of its rules). A fork shares the
parsed state copy-on-write, so nothing is sent to the child; only its result comes back through a pipe. Callers
pass plain tuples, lists and strings, which travel as ``marshal`` data: for the 1 MB benchmark list's inline half
(0.4 MB) it loads in half the time pickle takes (4.7 ms against 9.2), and the parent never imports ``pickle``
(~4.5 ms). A result marshal cannot write (an object of a class) is pickled instead.
Any trouble in the child (it raised, was killed, sent nothing) is :class:`ChildFailed`, and the caller does that
half itself, so a result never depends on whether the split ran.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from listlint import regex


class ChildFailed(Exception):
    """The child process sent no usable result."""


def can_fork() -> bool:
    """Fork only where it is cheap and safe: Linux, and no other thread alive (a fork copies no threads)."""
    import threading

    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def start(work: Callable[[], Any]) -> Callable[[], Any]:
    """Run ``work()`` in a forked child; return ``wait``, which returns its result or raises :class:`ChildFailed`.

    Call ``wait`` exactly once, also when this process's own half failed (in a ``finally``): it reaps the child.
    The child leaves with ``os._exit``: no cleanup, no flushing of output buffered before the fork.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 0
        try:
            os.close(read_end)
            data = _dumps(work())
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            # the patterns only this half used (the URL and BibTeX rules') are stored for the next run too; the
            # parent is reading the result meanwhile, and waits for this only when something new was compiled
            regex.save_cache()
        except BaseException:  # noqa: BLE001 - the parent does this half itself
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)

    def wait() -> Any:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()  # read to the end before reaping, so a child writing a large result can finish
        _, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            raise ChildFailed(f"child {pid} ended with status {status} and {len(data)} bytes")
        try:
            return _loads(data)
        except Exception as exc:
            raise ChildFailed(f"child {pid} sent an unreadable result") from exc

    return wait


def _dumps(result: Any) -> bytes:
    """``result`` as bytes, tagged with how it was written: ``M`` marshal, ``P`` pickle."""
    import marshal

    try:
        return b"M" + marshal.dumps(result)
    except ValueError:  # holds an object marshal does not know
        import pickle

        return b"P" + pickle.dumps(result, pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes) -> Any:
    import marshal

    if data[:1] == b"M":
        return marshal.loads(memoryview(data)[1:])
    import pickle

    if data[:1] != b"P":
        raise ValueError("untagged result")
    return pickle.loads(memoryview(data)[1:])
