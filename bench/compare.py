"""The current code against an earlier commit, side by side in one run: ratios, not only times.

    python bench/compare.py                       # everything, against 34e827f
    python bench/compare.py --skip-world          # without the world refresh (~3-4 min)
    python bench/compare.py --base 34e827f --rounds 5 --json /tmp/compare.json
    python bench/compare.py --world-base          # the base's world refresh too, for a ratio
    python bench/compare.py --briefs 6 --rounds 1 --skip-world --scaling-countries 6  # quick

Run it with the project's venv (.venv/bin/python). The base commit is checked out into a
temporary git worktree (removed at the end) and its gettext catalogs compiled; the current
code is the working tree, edits included. Each measurement runs in a fresh process of the same
venv (bench/compare_driver.py) that imports that tree's report package and builds, with that
tree's run_batch, the briefs of that tree's own shipped data (PDF only, nothing kept from a
cache). The base's data may end at an earlier survey: the per-document runs build the latest year
both trees hold, the other runs each tree's own latest year.

- per document: the same briefs in both trees (countries from the middle of the batch order,
  in ru, kk, en) of the latest survey both trees' data hold, one job, after one warm-up brief;
  the rounds alternate which tree runs first, so that noise on the machine hits both; the
  median seconds per document, current / base.
- world refresh: every brief of the current tree's data with --jobs workers: seconds, briefs/s.
- scaling: briefs/s with --jobs workers / with one, over the first --scaling-countries
  countries of the batch order in three languages.
- memory per worker: each worker's peak RSS (VmHWM) and its RSS after its last brief / after
  its first, and after its last / after the middle one (caches fill during the first briefs,
  a leak goes on growing), from the world refresh (else from the scaling run with --jobs
  workers); from the same runs, the median seconds per brief inside a worker (workers may
  settle their memory in ways the one-job path, which builds in the calling process, does
  not).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRIVER = Path(__file__).resolve().parent / "compare_driver.py"
LANGS = ["ru", "kk", "en"]
PER_DOCUMENT = 0.75  # current / base seconds per document, at most
WORLD_SECONDS = 150.0  # at most, with 2 jobs
WORLD_RATE = 3.9  # briefs/s, at least
SCALING = 1.85  # briefs/s with 2 jobs / with 1, at least
PEAK_MB = 250.0  # a worker's peak RSS, at most
FLAT = 1.10  # "flat" memory: RSS after the last brief / after the first, at most


@dataclass
class Row:
    """One line of the table: a figure of both trees, their ratio, the target and its verdict."""

    figure: str
    current: float | None
    base: float | None = None
    target: str = ""
    met: bool | None = None
    digits: int = 2

    @property
    def ratio(self) -> float | None:
        """Current / base, where both were measured."""
        return self.current / self.base if self.current and self.base else None


def cpu_count() -> int:
    """The CPUs this process may use, as report.build.batch.cpu_count counts them."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def git(*args: str) -> str:
    """Run git in the repository; its output."""
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def compile_catalogs(tree: Path) -> int:
    """Compile the tree's locales/*/LC_MESSAGES/messages.po to .mo (build products, not in git)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po_files = sorted((tree / "locales").glob("*/LC_MESSAGES/messages.po"))
    for po_path in po_files:
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parent.parent.name, domain="messages")
        with po_path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
    return len(po_files)


@contextlib.contextmanager
def base_tree(commit: str) -> Iterator[Path]:
    """The commit checked out in a temporary worktree, its catalogs compiled; removed after."""
    scratch = Path(tempfile.mkdtemp(prefix="egdi-compare-base-"))
    tree = scratch / "tree"
    git("worktree", "add", "--detach", "--quiet", str(tree), commit)
    try:
        if not compile_catalogs(tree):
            raise SystemExit(f"{commit}: no locales/*/LC_MESSAGES/messages.po")
        yield tree
    finally:
        git("worktree", "remove", "--force", str(tree))
        shutil.rmtree(scratch, ignore_errors=True)


def stale_catalogs(tree: Path) -> list[str]:
    """The tree's catalogs whose .mo is missing or older than the .po (run make catalogs)."""
    stale = []
    for po_path in sorted((tree / "locales").glob("*/LC_MESSAGES/messages.po")):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.is_file() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            stale.append(str(mo_path.relative_to(tree)))
    return stale


def source_print(tree: Path) -> str:
    """A hash of the tree's report/, templates/ and locales/, to notice edits during the run."""
    digest = hashlib.sha256()
    for folder in ("report", "templates", "locales"):
        for path in sorted((tree / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(tree)).encode() + path.read_bytes())
    return digest.hexdigest()


def drive(tree: Path, spec: dict) -> dict:
    """Run the driver in a fresh process for the tree; its JSON answer, or stop loudly."""
    env = {k: v for k, v in os.environ.items() if k != "EGDI_DATA_DIR"}
    command = [sys.executable, str(DRIVER), str(tree), json.dumps(spec)]
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise SystemExit(f"the driver failed in {tree} ({spec.get('jobs', 1)} jobs):\n{tail}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def pick_briefs(countries: list[str], count: int) -> tuple[list[list[str]], list[str]]:
    """count briefs of countries from the middle of the batch order in each language, and a
    warm-up brief of the country before them."""
    wanted = math.ceil(count / len(LANGS))
    if not 0 < wanted < len(countries):
        raise SystemExit(f"--briefs {count}: give from 1 to {len(LANGS) * (len(countries) - 1)}")
    start = max(1, (len(countries) - wanted) // 2)
    chosen = countries[start : start + wanted]
    briefs = [[iso3, lang] for iso3 in chosen for lang in LANGS][:count]
    return briefs, [countries[start - 1], "en"]


def seconds_of(result: dict) -> list[float]:
    """The seconds each document of a driver's run took."""
    return [doc["seconds"] for doc in result["docs"]]


def per_document(trees: dict[str, Path], briefs: list, warm: list, year: int, rounds: int) -> dict:
    """Each tree's seconds per document over the rounds, the trees' order swapped each round."""
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    spec = {"briefs": briefs, "warm": warm, "jobs": 1, "year": year}
    for number in range(rounds):
        order = list(trees) if number % 2 == 0 else list(reversed(trees))
        for name in order:
            result = drive(trees[name], spec)
            runs[name].append(result)
            times = seconds_of(result)
            print(
                f"  round {number + 1}/{rounds}, {name:7}: {len(times)} briefs, median "
                f"{statistics.median(times):.3f} s, mean {statistics.fmean(times):.3f} s",
                flush=True,
            )
    return {name: summary(results) for name, results in runs.items()}


def summary(results: list[dict]) -> dict:
    """The median and mean seconds per document over several runs of one tree."""
    times = [t for result in results for t in seconds_of(result)]
    first = results[0]
    return {
        "tree": first["tree"],
        "data_dir": first["data_dir"],
        "year": first["year"],
        "median": statistics.median(times),
        "mean": statistics.fmean(times),
        "round_medians": [statistics.median(seconds_of(r)) for r in results],
        "seconds": times,
    }


def timed_batch(tree: Path, name: str, jobs: int, countries: list[str] | None = None) -> dict:
    """A batch of the tree's briefs (those of the countries given, else all) with jobs workers."""
    briefs = None if countries is None else [[c, lang] for c in countries for lang in LANGS]
    result = drive(tree, {"briefs": briefs, "jobs": jobs})
    result["rate"] = result["count"] / result["seconds"]
    result["memory"] = worker_memory(result["docs"])
    print(
        f"  {name:7}, {jobs} job(s): {result['count']} briefs in {result['seconds']:.1f} s"
        f" = {result['rate']:.2f} briefs/s",
        flush=True,
    )
    return result


def worker_memory(docs: list[dict]) -> dict:
    """Per worker, its peak RSS and its RSS after its first and last brief; and the worst."""
    workers: dict[int, list[dict]] = {}
    for doc in docs:
        workers.setdefault(doc["pid"], []).append(doc)
    each = {
        pid: {
            "briefs": len(done),
            "peak_mb": max(doc["vmhwm"] for doc in done),
            "first_mb": done[0]["vmrss"],
            "middle_mb": done[len(done) // 2]["vmrss"],
            "last_mb": done[-1]["vmrss"],
        }
        for pid, done in workers.items()
    }
    return {
        "peak_mb": max(w["peak_mb"] for w in each.values()),
        "growth": max(w["last_mb"] / w["first_mb"] for w in each.values()),
        "late_growth": max(w["last_mb"] / w["middle_mb"] for w in each.values()),
        "workers": list(each.values()),
    }


def rows_of(results: dict, jobs: int) -> list[Row]:
    """The table's rows from what was measured."""
    docs = results["per_document"]
    current, base = docs["current"], docs["base"]
    rows = [
        Row("seconds per brief, median, 1 job", current["median"], base["median"], digits=3),
        Row("seconds per brief, mean, 1 job", current["mean"], base["mean"], digits=3),
    ]
    rows[0].target = f"ratio <= {PER_DOCUMENT}"
    rows[0].met = rows[0].ratio <= PER_DOCUMENT
    world = results.get("world", {})
    if world:
        rows += world_rows(world, jobs)
    scaling = results["scaling"]
    speedup = scaling["jobs"]["rate"] / scaling["one"]["rate"]
    rows.append(
        Row(f"scaling, {jobs} jobs / 1", speedup, None, f">= {SCALING}", speedup >= SCALING)
    )
    pooled = world or {"current": scaling["jobs"]}  # the runs with --jobs workers
    rows.append(worker_row(pooled, jobs))
    rows += memory_rows({name: run["memory"] for name, run in pooled.items()})
    return rows


def worker_row(pooled: dict, jobs: int) -> Row:
    """The median seconds per brief inside the workers of the runs with several jobs (a
    worker may differ from the one-job path, which builds in the calling process)."""
    medians = {name: statistics.median(seconds_of(run)) for name, run in pooled.items()}
    figure = f"seconds per brief in a worker, {jobs} jobs"
    return Row(figure, medians["current"], medians.get("base"), digits=3)


def world_rows(world: dict, jobs: int) -> list[Row]:
    """Seconds and briefs/s of the world refresh."""
    current, base = world["current"], world.get("base", {})
    seconds = Row(
        f"world refresh, s, {jobs} jobs", current["seconds"], base.get("seconds"), digits=1
    )
    seconds.target, seconds.met = f"<= {WORLD_SECONDS:.0f}", current["seconds"] <= WORLD_SECONDS
    rate = Row(f"world refresh, briefs/s ({current['count']})", current["rate"], base.get("rate"))
    rate.target, rate.met = f">= {WORLD_RATE}", current["rate"] >= WORLD_RATE
    return [seconds, rate]


def memory_rows(memory: dict) -> list[Row]:
    """The worst worker's peak RSS and growth from its first brief to its last."""
    current, base = memory["current"], memory.get("base", {})
    peak = Row("worker peak RSS, MB (worst)", current["peak_mb"], base.get("peak_mb"), digits=0)
    peak.target, peak.met = f"<= {PEAK_MB:.0f}", current["peak_mb"] <= PEAK_MB
    growth = Row("worker RSS last / first (worst)", current["growth"], base.get("growth"))
    growth.target, growth.met = f"<= {FLAT} (flat)", current["growth"] <= FLAT
    # caches fill over the first briefs; a leak goes on growing in the second half
    late = Row("worker RSS last / middle (worst)", current["late_growth"], base.get("late_growth"))
    return [peak, growth, late]


def print_table(rows: list[Row]) -> None:
    """The rows as a table: figure, current, base, ratio, target, met."""

    def cell(value: float | None, digits: int) -> str:
        return "-" if value is None else f"{value:.{digits}f}"

    width = max(len(row.figure) for row in rows)
    print(f"\n{'figure':{width}}  {'current':>8}  {'base':>8}  {'ratio':>6}  {'target':16} met")
    for row in rows:
        met = {True: "yes", False: "NO", None: "-"}[row.met]
        print(
            f"{row.figure:{width}}  {cell(row.current, row.digits):>8}  "
            f"{cell(row.base, row.digits):>8}  {cell(row.ratio, 2):>6}  {row.target:16} {met}"
        )


def parse_args() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="34e827f", help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the per-brief runs")
    parser.add_argument("--briefs", type=int, default=30, help="briefs timed per round and tree")
    parser.add_argument("--skip-world", action="store_true", help="no world refresh")
    parser.add_argument("--world-base", action="store_true", help="the base's world refresh too")
    parser.add_argument(
        "--scaling-countries", type=int, default=40, help="countries (x 3 languages) for scaling"
    )
    parser.add_argument("--jobs", type=int, default=cpu_count(), help="workers (default: CPUs)")
    parser.add_argument("--json", type=Path, help="write the results as JSON here too")
    args = parser.parse_args()
    if args.rounds < 1 or args.jobs < 2 or args.scaling_countries < 1:
        parser.error("--rounds and --scaling-countries must be at least 1, --jobs at least 2")
    return args


def measure(args: argparse.Namespace, base: Path) -> dict:
    """Every figure asked for, the base in its worktree."""
    trees = {"base": base, "current": ROOT}
    listed = {name: drive(tree, {"list": True}) for name, tree in trees.items()}
    year = min(found["latest_year"] for found in listed.values())
    countries = listed["current"]["countries"]  # of the current tree's latest year
    common = countries
    if year != listed["current"]["year"]:
        common = drive(ROOT, {"list": True, "year": year})["countries"]
    briefs, warm = pick_briefs(common, args.briefs)
    print(
        f"per brief: {len(briefs)} briefs of {year}, warm-up {'/'.join(warm)}, "
        f"{args.rounds} round(s)"
    )
    timed = per_document(trees, briefs, warm, year, args.rounds)
    results = {"briefs": briefs, "year": year, "per_document": timed}
    if not args.skip_world:
        print("world refresh:")
        results["world"] = {"current": timed_batch(ROOT, "current", args.jobs)}
        if args.world_base:
            results["world"]["base"] = timed_batch(base, "base", args.jobs)
    print(f"scaling: {args.scaling_countries} countries x {len(LANGS)} languages")
    subset = countries[: args.scaling_countries]
    one = timed_batch(ROOT, "current", 1, subset)
    results["scaling"] = {"one": one, "jobs": timed_batch(ROOT, "current", args.jobs, subset)}
    return results


def describe(args: argparse.Namespace, commit: str, results: dict) -> None:
    """What was compared: the machine, the trees, their data."""
    print(f"machine: {cpu_count()} CPUs, Python {sys.version.split()[0]}, {args.jobs} jobs")
    labels = {"current": f"working tree {ROOT}", "base": f"{commit[:12]} (a temporary worktree)"}
    for name, label in labels.items():
        tree = results["per_document"][name]
        data = Path(tree["data_dir"]).relative_to(tree["tree"])
        print(f"{name:7}: {label}, its own {data}/, briefs of {tree['year']}")


def main() -> None:
    """Measure both trees and print the table (and write the JSON if asked)."""
    args = parse_args()
    commit = git("rev-parse", "--verify", f"{args.base}^{{commit}}")
    print(f"current: the working tree of {ROOT}; base: {commit[:12]} ({args.base})")
    for stale in stale_catalogs(ROOT):
        print(f"warning: {stale} is missing or older than its .po: run make catalogs")
    before = source_print(ROOT)
    with base_tree(commit) as base:
        results = measure(args, base)
    if source_print(ROOT) != before:
        print("warning: report/, templates/ or locales/ changed during the run: the current")
        print("figures may mix two versions of the code")
    print()
    describe(args, commit, results)
    rows = rows_of(results, args.jobs)
    print_table(rows)
    if args.json:
        about = {"base": commit, "jobs": args.jobs, "cpus": cpu_count(), "rounds": args.rounds}
        table = [{**asdict(row), "ratio": row.ratio} for row in rows]
        args.json.write_text(json.dumps({**about, "table": table, **results}, indent=1) + "\n")
        print(f"\nresults: {args.json}")


if __name__ == "__main__":
    main()
