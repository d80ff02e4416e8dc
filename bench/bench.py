"""Speed of the country briefs on this machine: phases, throughput, memory, the WeasyPrint floor.

    python bench/bench.py                 # everything: phases, then the 579-document batch
    python bench/bench.py --sample 10     # phases only, over 10 countries per language
    python bench/bench.py --batch-countries 20   # a smaller batch (20 countries x 3 languages)

Prints medians per document by phase (data, indicators and text, charts, HTML, PDF layout,
PDF write), documents per second for the batch with 1 job and with all cores, the peak memory
of a worker and how memory moves from the first document to the last, and the ratio of our
whole per-document time to WeasyPrint's own time for the same HTML (the floor of the design).
bench/compare.py gives the same kinds of figures for this code and an earlier commit side by
side, as ratios.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from report.build.batch import brief_tasks, cpu_count, run_batch
from report.build.documents import brief_layout
from report.compute.brief import brief_facts
from report.data import paths
from report.data.dataset import load_dataset
from report.layout.brief import brief_document
from report.render.html import figure_svg, render_document
from report.render.pdf import _font_config, _stylesheet, asset_fetcher, templates_dir
from report.words.text import Text

LANGS = ["ru", "kk", "en"]


def rss_mb() -> float:
    """The resident memory of this process now, in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def phases(ds, sample: int) -> dict[str, list[float]]:
    from weasyprint import HTML

    times: dict[str, list[float]] = {
        k: []
        for k in (
            "facts",
            "words and layout",
            "charts",
            "HTML",
            "PDF layout",
            "PDF write",
            "total",
            "WeasyPrint alone",
        )
    }
    year = ds.latest_year
    # consecutive briefs in the batch's order (by peer group), as a worker meets them
    tasks = brief_tasks(ds, LANGS, year)
    per_language = len(tasks) // len(LANGS)
    start = per_language // 3
    render_document(brief_layout(ds, "KAZ", year, "en"))  # warm: imports, caches
    for lang in LANGS:
        for task in tasks[start : start + sample]:
            iso3 = task.iso3
            t0 = time.perf_counter()
            facts = brief_facts(ds, iso3, year)
            t1 = time.perf_counter()
            laid_out = brief_document(facts, ds, Text(lang))
            t2 = time.perf_counter()
            for figure in laid_out.figures():
                figure_svg(figure, lang)
            t3 = time.perf_counter()
            html = render_document(laid_out)  # draws the charts again: subtracted below
            t4 = time.perf_counter()
            document = HTML(
                string=html, base_url=templates_dir().as_uri() + "/", url_fetcher=asset_fetcher()
            ).render(stylesheets=[_stylesheet()], font_config=_font_config())
            t5 = time.perf_counter()
            document.write_pdf(pdf_variant="pdf/a-3b", pdf_tags=True)
            t6 = time.perf_counter()
            times["facts"].append(t1 - t0)
            times["words and layout"].append(t2 - t1)
            times["charts"].append(t3 - t2)
            times["HTML"].append(max(0.0, (t4 - t3) - (t3 - t2)))
            times["PDF layout"].append(t5 - t4)
            times["PDF write"].append(t6 - t5)
            times["total"].append((t3 - t0) + (t6 - t4) + max(0.0, (t4 - t3) - (t3 - t2)))
            times["WeasyPrint alone"].append(t6 - t4)
    return times


def batch(ds, countries: int | None, jobs: int) -> tuple[float, int, list[float]]:
    tasks = brief_tasks(ds, LANGS, ds.latest_year)
    if countries:
        keep = {t.iso3 for t in tasks[:countries]}
        tasks = [t for t in tasks if t.iso3 in keep]
    memory: list[float] = []
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        outcomes = run_batch(
            ds.data_dir,
            tasks,
            Path(out),
            jobs,
            force=True,
            on_done=lambda _: memory.append(rss_mb()) if jobs == 1 else None,
        )
        seconds = time.perf_counter() - start
    failed = [o for o in outcomes if o.error]
    if failed:
        print(f"  {len(failed)} failed, e.g. {failed[0].task}: {failed[0].error}")
    return seconds, len(tasks), memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=10, help="countries per language for phases")
    parser.add_argument(
        "--batch-countries", type=int, default=None, help="countries in the batch (default: all)"
    )
    parser.add_argument("--skip-batch", action="store_true")
    args = parser.parse_args()
    ds = load_dataset(paths.default_data_dir())
    print(f"machine: {cpu_count()} CPUs; Python {sys.version.split()[0]}")

    times = phases(ds, args.sample)
    print(f"\nper-document median over {len(times['total'])} briefs (s):")
    for name, values in times.items():
        print(f"  {name:22} {statistics.median(values):.3f}")
    ratio = statistics.median(times["total"]) / statistics.median(times["WeasyPrint alone"])
    print(f"  ours / WeasyPrint alone: {ratio:.2f}")

    if args.skip_batch:
        return
    results = {}
    for jobs in sorted({1, cpu_count()}):
        seconds, count, memory = batch(ds, args.batch_countries, jobs)
        results[jobs] = count / seconds
        print(
            f"\nbatch, {jobs} job(s): {count} documents in {seconds:.1f} s = "
            f"{count / seconds:.2f} documents/s"
        )
        if memory:
            tenth = memory[min(9, len(memory) - 1)]
            print(
                f"  memory of the worker: {memory[0]:.0f} MB after the first document, "
                f"{tenth:.0f} MB after the tenth, {memory[-1]:.0f} MB after the last"
            )
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"\npeak RSS of a worker process: {children:.0f} MB; of this process: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    if len(results) > 1:
        print(f"speed-up with {cpu_count()} jobs: {results[cpu_count()] / results[1]:.2f}x")


if __name__ == "__main__":
    main()
