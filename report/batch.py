"""Many documents at once: every country's brief in every language, in worker processes.

Each worker imports the libraries and loads the data once, then builds documents one after
another, reusing WeasyPrint's font configuration and stylesheet (report/render.py) and the
group charts (report/charts.py). Tasks go out in order of language and peer group, so that a
worker meets the same group chart again. The parent decides which documents are up to date
(report/build.py) and alone writes the build manifest. A failing document is reported and the
batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .build import BuildCache
from .dataset import Dataset, load_dataset

_worker_dataset: Dataset | None = None


@dataclass(frozen=True)
class Task:
    """One brief to build."""

    iso3: str
    lang: str
    year: int


@dataclass(frozen=True)
class Outcome:
    """What became of a task: the file written (or kept), or the reason it failed."""

    task: Task
    path: Path | None
    error: str | None = None
    skipped: bool = False


def brief_tasks(ds: Dataset, langs: list[str], year: int) -> list[Task]:
    """Every assessed country of the year in every language, grouped by language and peers."""
    from .context import default_peers

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


def _options(task: Task) -> dict:
    return {"document": "brief", "country": task.iso3, "year": task.year, "peers": None}


def _init_worker(data_dir: str) -> None:
    global _worker_dataset
    _worker_dataset = load_dataset(Path(data_dir))


def _build(task: Task, out_dir: str) -> tuple[Task, str | None, str | None]:
    """Build one brief in a worker: (task, path written, error)."""
    from .documents import build_brief
    from .errors import ReportError

    try:
        path = build_brief(_worker_dataset, task.iso3, task.year, task.lang, Path(out_dir))
    except ReportError as exc:
        return task, None, str(exc)
    except Exception as exc:  # a bug in one document must not stop the others
        return task, None, f"{type(exc).__name__}: {exc}"
    return task, str(path), None


def run_batch(
    data_dir: Path,
    tasks: list[Task],
    out_dir: Path,
    jobs: int | None = None,
    force: bool = False,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Build the tasks' briefs with `jobs` worker processes (default: the CPU count); briefs
    whose inputs did not change since the last build are kept."""
    from .documents import brief_path

    out_dir = Path(out_dir)
    cache = BuildCache(out_dir, force)
    prints, todo, outcomes = {}, [], []
    for task in tasks:
        target = brief_path(out_dir, task.lang, task.iso3, task.year)
        prints[task] = cache.fingerprint(data_dir, task.lang, _options(task))
        if cache.fresh(target, prints[task]):
            outcomes.append(Outcome(task, target, skipped=True))
        else:
            todo.append(task)
    for outcome in outcomes:
        if on_done:
            on_done(outcome)
    try:
        for task, path, error in _results(data_dir, todo, out_dir, jobs or cpu_count()):
            if path is not None:
                cache.record(Path(path), prints[task], [Path(path)])
            outcome = Outcome(task, Path(path) if path else None, error)
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
    finally:
        cache.save()  # what was built is remembered even when the batch is interrupted
    return outcomes


def _results(data_dir: Path, tasks: list[Task], out_dir: Path, jobs: int) -> Iterator[tuple]:
    if not tasks:
        return
    if jobs == 1:
        _init_worker(str(data_dir))
        for task in tasks:
            yield _build(task, str(out_dir))
        return
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(str(data_dir),)) as pool:
        futures = [pool.submit(_build, task, str(out_dir)) for task in tasks]
        for future in as_completed(futures):
            yield future.result()
