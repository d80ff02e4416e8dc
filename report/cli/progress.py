"""Progress of a run of documents on stderr: a live bar on a terminal, lines in a pipe or a log."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass

LINE_EVERY_SECONDS = 10.0
LINE_EVERY_SHARE = 10  # in a log, also a line at each tenth of the run
FEWEST_FOR_LINES = 10  # shorter runs in a log show their files, which is progress enough


@dataclass
class Tally:
    """Documents of a run so far."""

    total: int
    written: int = 0
    kept: int = 0
    failed: int = 0

    @property
    def done(self) -> int:
        """Documents finished, however."""
        return self.written + self.kept + self.failed


def duration(seconds: float) -> str:
    """A duration as people read it: 45 s, 2 min 05 s, 1 h 02 min."""
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def status_line(tally: Tally, elapsed: float, what: str) -> str:
    """done of total, failures, rate and time left."""
    rate = tally.done / elapsed if elapsed > 0 else 0.0
    parts = [f"{tally.done} of {tally.total} {what}", f"{tally.failed} failed"]
    if rate > 0:
        parts.append(f"{rate:.1f} per second")
        if tally.done < tally.total:
            parts.append(f"about {duration((tally.total - tally.done) / rate)} left")
    return "progress: " + ", ".join(parts)


def summary_line(tally: Tally, elapsed: float, what: str) -> str:
    """What a finished run did, and how long it took."""
    return (
        f"{tally.total} {what} in {duration(elapsed)}: {tally.written} written, "
        f"{tally.kept} up to date, {tally.failed} failed"
    )


class Lines:
    """Progress as lines, for a pipe or a log: every LINE_EVERY_SECONDS or at each tenth."""

    def __init__(self, tally: Tally, what: str, say, clock=time.monotonic):
        self.tally, self.what, self._say, self._clock = tally, what, say, clock
        self._start = self._last = clock()
        self._step = max(1, -(-tally.total // LINE_EVERY_SHARE))
        self._quiet = tally.total < FEWEST_FOR_LINES

    def advance(self) -> None:
        """Say where the run is, if it is time to."""
        now = self._clock()
        due = now - self._last >= LINE_EVERY_SECONDS or self.tally.done % self._step == 0
        if due and not self._quiet and self.tally.done < self.tally.total:
            self._last = now
            self._say(status_line(self.tally, now - self._start, self.what))

    def elapsed(self) -> float:
        """Seconds since the run began."""
        return self._clock() - self._start


class Bar:
    """Progress as a live bar with the time left, for a terminal; print() goes above it."""

    def __init__(self, tally: Tally, what: str):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.tally = tally
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
        )
        self._progress = Progress(  # file lines go above the bar only if stdout is the terminal
            *columns,
            console=Console(stderr=True),
            transient=True,
            redirect_stdout=_is_terminal(sys.stdout),
        )
        self._task = self._progress.add_task(what, total=tally.total)
        self._start = time.monotonic()
        self._progress.start()

    def advance(self) -> None:
        """Move the bar on."""
        self._progress.update(self._task, completed=self.tally.done)

    def elapsed(self) -> float:
        """Seconds since the run began."""
        return time.monotonic() - self._start

    def stop(self) -> None:
        """Take the bar away."""
        self._progress.stop()


def on_terminal() -> bool:
    """Whether stderr is a terminal a live bar can be drawn on."""
    return _is_terminal(sys.stderr)


def _is_terminal(stream) -> bool:
    try:
        return bool(stream and stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


class Run:
    """A run of documents being counted, its progress shown as it goes."""

    def __init__(self, total: int, what: str, say):
        self.tally, self.what = Tally(total), what
        self._shown = Bar(self.tally, what) if on_terminal() else Lines(self.tally, what, say)

    def count(self, outcome: str) -> None:
        """One more document: 'written', 'kept' or 'failed'."""
        setattr(self.tally, outcome, getattr(self.tally, outcome) + 1)
        self._shown.advance()

    def summary(self) -> str:
        """The line that ends the run."""
        return summary_line(self.tally, self._shown.elapsed(), self.what)

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *exc) -> None:
        if isinstance(self._shown, Bar):
            self._shown.stop()
