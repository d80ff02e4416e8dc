"""Progress of a run of documents: lines in a log while it works, a summary at the end."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

from report.build import batch
from report.build.batch import Task
from report.cli import progress
from report.cli.progress import Lines, Tally


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def run_lines(total: int, seconds_each: float) -> list[str]:
    said, clock = [], Clock()
    tally = Tally(total)
    lines = Lines(tally, "briefs", said.append, clock)
    for _ in range(total):
        clock.now += seconds_each
        tally.written += 1
        lines.advance()
    return said


def test_a_line_at_each_tenth_of_a_run():
    said = run_lines(100, 0.1)
    assert [int(line.split()[1]) for line in said] == [10, 20, 30, 40, 50, 60, 70, 80, 90]
    assert said[0] == "progress: 10 of 100 briefs, 0 failed, 10.0 per second, about 9 s left"


def test_a_line_every_ten_seconds_of_a_slow_run():
    said = run_lines(1000, 4.0)  # a tenth is 100 documents, 400 s: lines every 10 s instead
    first = said[0]
    assert first.startswith("progress: 3 of 1000 briefs") and "0.2 per second" in first
    assert "about 1 h 06 min left" in first
    assert len(said) > 300


def test_short_runs_show_their_files_instead():
    assert run_lines(progress.FEWEST_FOR_LINES - 1, 20.0) == []


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0.4, "0 s"), (45, "45 s"), (125, "2 min 05 s"), (3720, "1 h 02 min")],
)
def test_durations(seconds, shown):
    assert progress.duration(seconds) == shown


def test_a_batch_in_a_log_says_where_it_is(cli, tmp_path, monkeypatch):
    tasks = [Task(f"C{i:02d}", "en", 2024) for i in range(20)]
    monkeypatch.setattr(batch, "brief_tasks", lambda ds, langs, year, names=None, *rest: tasks)

    def fake(task, out_dir):
        if task.iso3 == "C07":
            return task, None, "RuntimeError: simulated failure", None
        path = tmp_path / f"{task.iso3}.pdf"
        path.write_bytes(b"%PDF-")
        return task, (str(path),), None, None

    monkeypatch.setattr(batch, "_build", fake)
    result = cli("brief", "--all", "--lang", "en", "--jobs", "1", "--out", tmp_path)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("progress:")]
    done = [int(line.split()[1]) for line in lines]
    assert done == [2, 4, 6, 8, 10, 12, 14, 16, 18]
    assert lines[-1].startswith("progress: 18 of 20 briefs, 1 failed, ")
    assert re.match(r"20 briefs in \d+ s: 19 written, 0 up to date, 1 failed, in ", result.stdout)


def test_a_list_written_to_a_log_shows_progress_while_it_works(tmp_path):
    countries = ["KAZ", "KGZ", "UZB", "TJK", "TKM", "ARM", "AZE", "BLR", "MDA", "RUS", "GEO"]
    log = tmp_path / "log"
    command = [sys.executable, "-m", "report", "brief", *countries, "--lang", "en"]
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [*command, "--out", tmp_path / "out"], stdout=subprocess.DEVNULL, stderr=stderr
        )
        seen_while_running = ""
        while process.poll() is None:
            seen_while_running = log.read_text()
            if "progress:" in seen_while_running:
                break
            time.sleep(0.2)
        assert process.wait(timeout=300) == 0, log.read_text()
    assert "progress: " in seen_while_running, "no progress line before the run ended"
    written = log.read_text().splitlines()
    assert written[-1].startswith(f"{len(countries)} documents in ")
    assert written[-1].endswith(f": {len(countries)} written, 0 up to date, 0 failed")
