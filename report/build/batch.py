"""Many documents at once: every country's brief in every language, in worker processes.

Each worker imports the libraries and loads the data once, then builds documents one after
another, reusing WeasyPrint's font configuration and stylesheet (report/render/pdf.py) and
the group charts (report/render/charts.py). A worker builds a country in all its languages
from one computation of its facts, and countries go out by peer group, so that a worker
meets the same group chart again. The parent decides which documents are up
to date (report/build/cache.py) and alone writes the build manifest. A failing document is
reported and the batch goes on; an output that cannot be written (a full disk) stops it, and
Ctrl-C stops it after the documents in hand are finished.
"""

from __future__ import annotations

import contextlib
import os
import signal
import warnings
from collections.abc import Callable, Generator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from report.build.cache import BuildCache
from report.build.request import DocumentRequest
from report.data.csvio import check_writable_dir
from report.data.dataset import DataIntegrityWarning, Dataset, load_dataset
from report.errors import OutputError, ReportError

_worker_dataset: Dataset | None = None


@dataclass(frozen=True)
class Task:
    """One brief to build."""

    iso3: str
    lang: str
    year: int

    @property
    def request(self) -> DocumentRequest:
        """The brief, with its default peers."""
        return DocumentRequest.brief(self.iso3, self.year, self.lang)


@dataclass(frozen=True)
class Outcome:
    """What became of a task: the file written (or kept), or the reason it failed."""

    task: Task
    path: Path | None
    error: str | None = None
    skipped: bool = False


def brief_tasks(ds: Dataset, langs: list[str], year: int) -> list[Task]:
    """Every assessed country of the year in every language, grouped by language and peers."""
    from report.compute.facts import default_peers

    assessed = set(ds.year_frame(year).index)
    codes = sorted(
        (c for c in ds.countries.iso3_codes if c in assessed),
        key=lambda iso3: (default_peers(ds, iso3), iso3),
    )
    return [Task(iso3, lang, year) for lang in langs for iso3 in codes]


def cpu_count() -> int:
    """The CPUs this process may use (the affinity mask where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _init_worker(data_dir: str, in_subprocess: bool = True) -> None:
    global _worker_dataset
    if in_subprocess:
        # Ctrl-C reaches the whole process group: the parent alone answers it, and lets the
        # workers finish the document in hand, so none is left half-written.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataIntegrityWarning)  # the parent has said it
        _worker_dataset = load_dataset(Path(data_dir))


def _build(task: Task, out_dir: str) -> tuple[Task, str | None, str | None, bool]:
    """Build one brief in a worker: (task, path written, error, whether the error stops the
    batch: an output that cannot be written, such as a full disk)."""
    from report.build.documents import build

    try:
        (path,) = build(_worker_dataset, task.request, Path(out_dir))
    except OutputError as exc:
        return task, None, str(exc), True
    except ReportError as exc:
        return task, None, str(exc), False
    except Exception as exc:  # a bug in one document must not stop the others
        return task, None, f"{type(exc).__name__}: {exc}", False
    return task, str(path), None, False


def _build_country(tasks: list[Task], out_dir: str) -> list[tuple]:
    """Build the briefs of one country in each of its languages in a worker, from one
    computation of its facts; a fatal error stops the rest."""
    results = []
    for task in tasks:
        results.append(_build(task, out_dir))
        if results[-1][3]:
            break
    return results


def _by_country(tasks: list[Task]) -> list[list[Task]]:
    """The tasks grouped by country (in the order of their first task), languages together."""
    groups: dict[tuple[str, int], list[Task]] = {}
    for task in tasks:
        groups.setdefault((task.iso3, task.year), []).append(task)
    return list(groups.values())


def check_jobs(jobs: int | None) -> None:
    """Refuse a number of worker processes below one (None: the CPU count)."""
    if jobs is not None and jobs < 1:
        raise ReportError(f"--jobs {jobs}: the number of worker processes must be 1 or more")


def run_batch(
    data_dir: Path,
    tasks: list[Task],
    out_dir: Path,
    jobs: int | None = None,
    force: bool = False,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Build the tasks' briefs with `jobs` worker processes (default: the CPU count); briefs
    whose inputs did not change since the last build are kept. A document that fails is
    reported in its outcome; an output that cannot be written stops the batch."""
    check_jobs(jobs)
    out_dir = Path(out_dir)
    check_writable_dir(out_dir)
    cache = BuildCache(out_dir, force)
    prints, todo, outcomes = {}, [], []
    for task in tasks:
        target = task.request.target(out_dir)
        prints[task] = cache.fingerprint(data_dir, task.lang, task.request.options)
        if cache.fresh(target, prints[task]):
            outcomes.append(Outcome(task, target, skipped=True))
        else:
            todo.append(task)
    for outcome in outcomes:
        if on_done:
            on_done(outcome)
    results = _results(data_dir, todo, out_dir, jobs or cpu_count())  # starts when iterated
    try:
        for outcome in _recorded(cache, prints, results):
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
    except BaseException:
        # what was built is remembered even when the batch stops; a failure to say so must
        # not hide why it stopped
        with contextlib.suppress(OutputError):
            cache.save()
        raise
    cache.save()
    return outcomes


def _recorded(cache: BuildCache, prints: dict, results: Generator[tuple]) -> Generator[Outcome]:
    """The outcome of each brief as the workers finish it, the written ones recorded in the
    cache; a fatal error cancels the briefs not started and stops the batch."""
    for task, path, error, fatal in results:
        if fatal:
            results.close()  # cancels what has not started
            raise ReportError(f"{error}; the batch stopped")
        if path is not None:
            cache.record(Path(path), prints[task], [Path(path)])
        yield Outcome(task, Path(path) if path else None, error)


def _results(data_dir: Path, tasks: list[Task], out_dir: Path, jobs: int) -> Generator[tuple]:
    if not tasks:
        return
    if jobs == 1:
        _init_worker(str(data_dir), in_subprocess=False)
        for group in _by_country(tasks):
            yield from _build_country(group, str(out_dir))
        return
    pool = ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(str(data_dir),))
    try:
        futures = [pool.submit(_build_country, g, str(out_dir)) for g in _by_country(tasks)]
        for future in as_completed(futures):
            yield from future.result()
    finally:
        # on an interruption or a stop: drop the tasks not started, wait for those running
        pool.shutdown(wait=True, cancel_futures=True)
