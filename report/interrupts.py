"""Ctrl-C, SIGTERM and SIGHUP as requests to stop at the next safe point.

While `deferred()` is active, the first such signal only sets a flag: the work in hand goes
on until it reaches `check()`, which raises `Interrupted`. A document or a data commit
checks before it is committed, so nothing written after a signal reaches its place, and no
library callback can swallow the interruption: the flag stays set until `reset()`, and the
command line ends with exit status 130 whenever it is set. A second signal raises at once,
and so does the first while input is read (`interruptible()`: a FIFO can block for ever).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


EXIT_STATUS = 130  # as shells report a Ctrl-C
MESSAGE = "interrupted; nothing was left half-written: run the command again to finish"


class Interrupted(KeyboardInterrupt):
    """The user (or the system) asked the command to stop."""


_received: int | None = None  # the first signal received, until reset()
_depth = 0  # nesting of deferred()


_reading = 0  # nesting of interruptible()


def _on_signal(signum: int, frame) -> None:
    global _received
    again = _received is not None
    _received = _received or signum
    if again or _reading:
        raise Interrupted(signum)


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Within (reading input that may block: a FIFO, a terminal; nothing is being written),
    a stop signal raises at once instead of waiting for the read to end."""
    global _reading
    _reading += 1
    try:
        yield
    finally:
        _reading -= 1


def requested() -> bool:
    """Whether a stop was asked for since the last reset()."""
    return _received is not None


def check() -> None:
    """A safe point: raise Interrupted if a stop was asked for."""
    if _received is not None:
        raise Interrupted(_received)


def reset() -> None:
    """Forget a stop asked for earlier (at the start of a command)."""
    global _received
    _received = None


def _on_signal_once(signum: int, frame) -> None:
    global _received
    _received = _received or signum


def install() -> None:
    """Defer stop signals for the rest of the process, a batch worker's: each only sets the
    flag (the parent forwards the user's signals), and signals blocked() held back are
    let through."""
    global _depth
    for s in SIGNALS:
        signal.signal(s, _on_signal_once)
    _depth = 1
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


@contextlib.contextmanager
def blocked() -> Iterator[None]:
    """Within: stop signals wait (the processes started meanwhile begin with them blocked,
    until they install())."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Within: stop signals set the flag instead of raising. Nested calls keep the outer
    handlers; outside the main thread, where no signal arrives, it does nothing."""
    global _depth
    if _depth or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _on_signal) for s in SIGNALS}
    _depth = 1
    try:
        yield
    finally:
        _depth = 0
        for s, handler in previous.items():
            signal.signal(s, handler)


def at_exit(release) -> None:
    """Run release() (a clean-up at the interpreter's exit) with stop signals deferred; one
    that came meanwhile ends the process as interrupted (its line, status 130), not as a
    traceback of an interrupted clean-up with the status of success."""
    import os
    import sys

    with deferred():
        release()
    if requested():
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            print(MESSAGE, file=sys.stderr, flush=True)
        os._exit(EXIT_STATUS)
