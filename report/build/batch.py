"""Many documents at once: every country's brief in every language, in worker processes.

Each worker imports the libraries and loads the data once, then builds documents one after
another, reusing WeasyPrint's font configuration and stylesheet (report/render/pdf.py) and
the group charts (report/render/charts.py). A worker builds a country in all its languages
from one computation of its facts, and countries go out by peer group, so that a worker
meets the same group chart again. The parent decides which documents are up
to date (report/build/cache.py) and alone writes the build manifest. A failing document is
reported and the batch goes on; an output that cannot be written (a full disk) stops it, and
so does a stop signal (Ctrl-C, SIGTERM): each worker abandons the document in hand before
writing it, and the parent records only documents already in place.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import warnings
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path

from report import interrupts
from report.build.cache import BuildCache, check_out_dir
from report.build.documents import SHIPPED, with_look
from report.build.outputs import write_assets
from report.build.request import DocumentRequest
from report.data import storage
from report.data.dataset import DataIntegrityWarning, Dataset, load_dataset
from report.data.project import Look
from report.errors import OutputError, ReportError

_worker_dataset: Dataset | None = None
_worker_stale = False  # the worker's data differ from those the parent fingerprinted
_worker_look = Look()
_worker_settled = True  # the worker has frozen what it keeps for good (see _settle)
STALE = "the data directory changed after the batch read it; run the command again"
MAX_JOBS = 256
POLL_SECONDS = 0.2  # how soon the parent notices a stop signal while workers build


@dataclass(frozen=True)
class Task:
    """One brief to build."""

    iso3: str
    lang: str
    year: int
    names: str | None = None  # the file-name pattern of briefs (None: the default)
    formats: tuple[str, ...] = ()  # what to write (empty: the PDF)
    separator: str = ","
    languages: tuple[str, ...] = ()  # the HTML editions of the brief to link to

    @property
    def request(self) -> DocumentRequest:
        """The brief, with its default peers."""
        brief = DocumentRequest.brief(self.iso3, self.year, self.lang)
        return replace(
            brief,
            names=self.names,
            formats=self.formats,
            separator=self.separator,
            languages=self.languages,
        )


@dataclass(frozen=True)
class Outcome:
    """What became of a task: the file written (or kept), or the reason it failed."""

    task: Task
    path: Path | None
    error: str | None = None
    skipped: bool = False


def brief_tasks(
    ds: Dataset,
    langs: list[str],
    year: int,
    names: str | None = None,
    formats: tuple[str, ...] = (),
    separator: str = ",",
    linked: Sequence[str] | None = None,
) -> list[Task]:
    """Every assessed country of the year in every language, grouped by language and peers;
    their HTML editions link to those in the linked languages (default: langs)."""
    from report.compute.facts import default_peers

    assessed = set(ds.year_frame(year).index)
    codes = sorted(
        (c for c in ds.countries.iso3_codes if c in assessed),
        key=lambda iso3: (default_peers(ds, iso3), iso3),
    )
    editions = tuple(langs if linked is None else linked) if "html" in formats else ()
    return [
        Task(iso3, lang, year, names, tuple(formats), separator, editions)
        for lang in langs
        for iso3 in codes
    ]


def cpu_count() -> int:
    """The CPUs this process may use (the affinity mask where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _init_worker(
    data_dir: str, data_print: str, look: Look = SHIPPED, in_subprocess: bool = True
) -> None:
    global _worker_dataset, _worker_stale, _worker_look, _worker_settled
    _worker_look = look
    # a caller whose process holds frozen objects of its own keeps its collector as it is
    _worker_settled = not in_subprocess and gc.get_freeze_count() > 0
    if in_subprocess:
        # Ctrl-C reaches the whole process group, and the parent forwards a SIGTERM: each
        # worker abandons the document in hand before writing it (report/interrupts.py).
        interrupts.install()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataIntegrityWarning)  # the parent has said it
        _worker_dataset = load_dataset(Path(data_dir))
    # an ingest between the parent's reading and the worker's: the parent's fingerprints
    # would not describe these data
    _worker_stale = _worker_dataset.fingerprint != data_print


STOP_FATAL = "fatal"  # an output that cannot be written (a full disk), data changed: stop
STOP_INTERRUPTED = "interrupted"  # a stop signal: the batch stops, nothing half-written


def _build(task: Task, out_dir: str) -> tuple[Task, tuple | None, str | None, str | None]:
    """Build one brief in a worker: (task, files written, error, why the batch must stop)."""
    from report.build.documents import build

    if _worker_stale:
        return task, None, STALE, STOP_FATAL
    try:
        paths = build(_worker_dataset, task.request, Path(out_dir), _worker_look)
    except interrupts.Interrupted:
        return task, None, None, STOP_INTERRUPTED
    except OutputError as exc:
        return task, None, str(exc), STOP_FATAL
    except ReportError as exc:
        return task, None, str(exc), None
    except Exception as exc:  # a bug in one document must not stop the others
        return task, None, f"{type(exc).__name__}: {exc}", None
    return task, tuple(str(p) for p in paths), None, None


def _build_country(tasks: list[Task], out_dir: str) -> list[tuple]:
    """Build the briefs of one country in each of its languages in a worker, from one
    computation of its facts; a stop ends the rest."""
    results = []
    for task in tasks:
        results.append(_build(task, out_dir))
        _settle()
        if results[-1][3]:
            break
    return results


def _settle() -> None:
    """After a worker's first document, freeze what it keeps for good (the libraries, the
    data, the fonts and stylesheet): full collections then walk only what later documents
    made, not those hundreds of thousands of objects again (0.1-0.2 s each, several per
    document)."""
    global _worker_settled
    if not _worker_settled:
        gc.collect()
        gc.freeze()
        _worker_settled = True


def _by_country(tasks: list[Task]) -> list[list[Task]]:
    """The tasks grouped by country (in the order of their first task), languages together."""
    groups: dict[tuple[str, int], list[Task]] = {}
    for task in tasks:
        groups.setdefault((task.iso3, task.year), []).append(task)
    return list(groups.values())


def check_jobs(jobs: int | None) -> None:
    """Refuse a number of worker processes below one (None: the CPU count)."""
    if jobs is not None and not 1 <= jobs <= MAX_JOBS:
        raise ReportError(
            f"--jobs {jobs}: the number of worker processes must be from 1 to {MAX_JOBS}"
        )


def run_batch(
    data_dir: Path,
    tasks: list[Task],
    out_dir: Path,
    jobs: int | None = None,
    force: bool = False,
    on_done: Callable[[Outcome], None] | None = None,
    look: Look = SHIPPED,
) -> list[Outcome]:
    """Build the tasks' briefs with `jobs` worker processes (default: the CPU count); briefs
    whose inputs did not change since the last build are kept. A document that fails is
    reported in its outcome; an output that cannot be written stops the batch, and a stop
    signal stops it with Interrupted once the documents in hand are abandoned."""
    check_jobs(jobs)
    check_out_dir(Path(out_dir), Path(data_dir))
    with interrupts.deferred(), BuildCache(Path(out_dir), force) as cache:
        with storage.locked(Path(data_dir), shared=True):
            data_print = storage.hash_tree(data_dir)
        data = (Path(data_dir), data_print, look)
        if any("html" in task.request.written for task in tasks):
            write_assets(Path(out_dir))
        return _run(cache, data, tasks, jobs or cpu_count(), on_done)


def _run(cache: BuildCache, data: tuple[Path, str, Look], tasks: list[Task], jobs: int, on_done):
    prints, todo, outcomes = {}, [], []
    for task in tasks:
        target = task.request.target(cache.out_dir)
        options = with_look(task.request.options, data[2])
        prints[task] = cache.fingerprint(data[1], task.lang, options)
        if cache.fresh(target, prints[task]):
            outcomes.append(Outcome(task, target, skipped=True))
        else:
            todo.append(task)
    for outcome in outcomes:
        if on_done:
            on_done(outcome)
    results = _results(data, todo, cache.out_dir, jobs)  # starts when iterated
    try:
        for outcome in _recorded(cache, prints, results):
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
    finally:
        # what was built is remembered even when the batch stops; a failure to say so must
        # not hide why it stopped
        with contextlib.suppress(OutputError):
            cache.save()
    interrupts.check()
    return outcomes


def _recorded(cache: BuildCache, prints: dict, results: Generator[tuple]) -> Generator[Outcome]:
    """The outcome of each brief as the workers finish it, the written ones recorded in the
    cache (after their rename); a full disk cancels the briefs not started and stops the
    batch, a stop signal does so once every worker has put its document down."""
    for task, written, error, stop in results:
        if stop == STOP_FATAL:
            results.close()  # cancels what has not started
            raise ReportError(f"{error}; the batch stopped")
        if stop == STOP_INTERRUPTED:
            continue
        if written is not None:
            target = task.request.target(cache.out_dir)
            about = {"lang": task.lang, **task.request.options}
            cache.record(target, prints[task], [Path(p) for p in written], about)
        yield Outcome(task, Path(written[0]) if written else None, error)


def _results(
    data: tuple[Path, str, Look], tasks: list[Task], out_dir: Path, jobs: int
) -> Generator:
    if not tasks:
        return
    if jobs == 1:
        yield from _in_process(data, tasks, out_dir)
        return
    groups = _by_country(tasks)
    workers = min(jobs, len(groups))  # no more workers than countries to build
    initargs = (str(data[0]), data[1], data[2])
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=initargs)
    try:
        yield from _pooled(pool, [(g, str(out_dir)) for g in groups])
    finally:
        # on a stop: drop the tasks not started, wait for those running
        pool.shutdown(wait=True, cancel_futures=True)


def _in_process(data: tuple[Path, str, Look], tasks: list[Task], out_dir: Path) -> Generator:
    """The briefs built one after another in the calling process, its collector settled as a
    worker's is during the batch and given back after it (gc.unfreeze)."""
    _init_worker(str(data[0]), data[1], data[2], in_subprocess=False)
    unfreeze = not _worker_settled
    try:
        for group in _by_country(tasks):
            for result in _build_country(group, str(out_dir)):
                yield result
                if result[3] == STOP_INTERRUPTED:
                    raise interrupts.Interrupted()
    finally:
        if unfreeze:
            gc.unfreeze()


def _pooled(pool: ProcessPoolExecutor, arguments: list[tuple]) -> Generator[tuple]:
    """The workers' results as they come; at a stop signal (to this process, or met by a
    worker) the tasks not started are cancelled and the running ones told to stop."""
    with interrupts.blocked():  # a worker forked meanwhile waits for install()
        pending = {pool.submit(_build_country, *args) for args in arguments}
    stopping = told = False
    while pending:
        done, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
        for future in done:
            if not future.cancelled():
                for result in future.result():
                    stopping |= result[3] == STOP_INTERRUPTED
                    yield result
        if (stopping or interrupts.requested()) and not told:
            _stop_workers(pending)
            stopping = told = True
            pending = {future for future in pending if not future.cancelled()}
    if stopping:
        raise interrupts.Interrupted()


def _stop_workers(pending: set) -> None:
    for future in pending:
        future.cancel()
    for child in multiprocessing.active_children():
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGTERM)
