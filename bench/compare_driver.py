"""Build briefs inside one tree of the project for bench/compare.py; print how it went as JSON.

    python bench/compare_driver.py TREE '{"list": true}'
    python bench/compare_driver.py TREE '{"briefs": [["KAZ", "ru"]], "warm": ["UZB", "en"]}'
    python bench/compare_driver.py TREE '{"briefs": [["KAZ", "ru"]], "year": 2022}'
    python bench/compare_driver.py TREE '{"jobs": 2}'    # every brief of TREE's data

TREE's own report package is imported (flat modules at old commits, stages now) and its own
run_batch builds the briefs of TREE's own shipped data, PDF only, into a temporary directory
(force=True: no document is kept from a cache). A wrapper around the batch's _build, set
before the workers are forked, times each document and reads its process's memory (VmRSS,
VmHWM) after it. Prints one JSON object on stdout; exits non-zero when a brief fails or a
PDF is missing.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

LANGS = ["ru", "kk", "en"]
LAYOUTS = {  # report's modules for the batch, the dataset and the shipped paths
    "stages": ("report.build.batch", "report.data.dataset", "report.data.paths"),
    "flat": ("report.batch", "report.dataset", "report.paths"),
}


def import_tree(tree: Path) -> tuple[str, list]:
    """The layout of the tree and its batch, dataset and paths modules, from the tree itself."""
    sys.path.insert(0, str(tree))
    layout = "stages" if (tree / "report" / "build" / "batch.py").is_file() else "flat"
    modules = [importlib.import_module(name) for name in LAYOUTS[layout]]
    package = Path(sys.modules["report"].__file__).resolve()
    if not package.is_relative_to(tree.resolve()):
        raise SystemExit(f"report was imported from {package}, not from {tree}")
    return layout, modules


def memory_mb() -> dict[str, float]:
    """This process's resident memory now and at its peak, in MB."""
    found = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key.lower()] = int(value.split()[0]) / 1024
    return found


def instrument(batch, log: Path) -> None:
    """Time each document the batch builds, and log it with its process's memory after it."""
    original = batch._build

    @functools.wraps(original)  # the same name, so that a pool pickles it by reference
    def timed(task, out_dir):
        start = time.perf_counter()
        result = original(task, out_dir)
        seconds = time.perf_counter() - start
        record = {"pid": os.getpid(), "iso3": task.iso3, "lang": task.lang}
        record.update(seconds=seconds, error=result[2], **memory_mb())
        with log.open("a") as handle:
            handle.write(json.dumps(record) + "\n")
        return result

    batch._build = timed


def chosen_tasks(batch, ds, spec: dict) -> list:
    """The spec's briefs of the spec's year (default: the data's latest), all of them unless
    the spec names some, in the tree's own order."""
    tasks = batch.brief_tasks(ds, LANGS, spec.get("year") or ds.latest_year)
    if spec.get("briefs") is None:
        return tasks
    wanted = {tuple(pair) for pair in spec["briefs"]}
    tasks = [task for task in tasks if (task.iso3, task.lang) in wanted]
    missing = wanted - {(task.iso3, task.lang) for task in tasks}
    if missing:
        raise SystemExit(f"no such briefs in this tree's data: {sorted(missing)}")
    return tasks


def build(batch, ds, tasks: list, out: Path, jobs: int, log: Path) -> dict:
    """Build the tasks with the tree's run_batch; the wall time, and each document's record."""
    log.write_text("")
    start = time.perf_counter()
    outcomes = batch.run_batch(ds.data_dir, tasks, out, jobs, force=True)
    seconds = time.perf_counter() - start
    failed = [f"{o.task.iso3}/{o.task.lang}: {o.error}" for o in outcomes if o.error or o.skipped]
    pdfs = [p for p in out.rglob("*.pdf") if p.stat().st_size > 0]
    others = [p.name for p in out.rglob("*") if p.is_file() and p.suffix != ".pdf"]
    others = [name for name in others if not name.startswith(".")]  # the build manifest
    if failed or len(pdfs) != len(tasks) or others:
        raise SystemExit(
            f"{len(tasks)} briefs asked, {len(pdfs)} PDFs written, other files {others[:3]}, "
            f"failed or skipped {failed[:3]}"
        )
    docs = [json.loads(line) for line in log.read_text().splitlines()]
    if len(docs) != len(tasks):
        raise SystemExit(f"{len(docs)} documents timed of {len(tasks)}: is _build still used?")
    return {"seconds": seconds, "count": len(tasks), "pdfs": len(pdfs), "docs": docs}


def run(tree: Path, spec: dict) -> dict:
    """Do what the spec asks in the tree: list its countries, or build briefs."""
    layout, (batch, dataset, paths) = import_tree(tree)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the data's own warnings: the same at every run
        ds = dataset.load_dataset(paths.shipped_data_dir())
    about = {"tree": str(tree), "layout": layout, "data_dir": str(ds.data_dir)}
    about["latest_year"] = ds.latest_year
    about["year"] = spec.get("year") or ds.latest_year
    if spec.get("list"):
        order = batch.brief_tasks(ds, LANGS[:1], about["year"])
        return {**about, "countries": [task.iso3 for task in order]}
    tasks = chosen_tasks(batch, ds, spec)
    with tempfile.TemporaryDirectory(prefix="egdi-compare-") as scratch:
        log = Path(scratch) / "documents.jsonl"
        instrument(batch, log)
        if spec.get("warm"):
            warm = chosen_tasks(batch, ds, {**spec, "briefs": [spec["warm"]]})
            build(batch, ds, warm, Path(scratch) / "warm", 1, log)
        built = build(batch, ds, tasks, Path(scratch) / "out", spec.get("jobs", 1), log)
    return {**about, **built}


def main() -> None:
    """Run the spec given on the command line in the tree given, the result on stdout."""
    tree, spec = Path(sys.argv[1]), json.loads(sys.argv[2])
    print(json.dumps(run(tree, spec)))


if __name__ == "__main__":
    main()
