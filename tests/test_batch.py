"""Batches: every country's brief, workers, failures that do not stop the others."""

from __future__ import annotations

import dataclasses
import gc
import re

import pytest

from report.build import batch
from report.build.batch import Task, brief_tasks, run_batch
from report.errors import ReportError


def test_tasks_cover_every_assessed_country_grouped_by_peers(dataset):
    tasks = brief_tasks(dataset, ["ru", "en"], 2022)
    assert len(tasks) == 2 * 193
    assert [t.lang for t in tasks[:193]] == ["ru"] * 193
    cis = [i for i, t in enumerate(tasks[:193]) if t.iso3 in dataset.countries.members("cis")]
    assert cis == list(range(cis[0], cis[0] + 10))  # neighbours: one group chart serves them
    assert len(brief_tasks(dataset, ["en"], 2003)) == 191  # MNE, SSD not assessed


def test_a_batch_in_two_workers_then_up_to_date(dataset, tmp_path):
    tasks = [Task(iso3, lang, 2022) for iso3 in ("KAZ", "KGZ") for lang in ("en", "kk")]
    seen = []
    outcomes = run_batch(dataset.data_dir, tasks, tmp_path, jobs=2, on_done=seen.append)
    assert len(seen) == 4 and [o.error for o in outcomes if o.error] == []
    assert sorted(p.name for p in tmp_path.rglob("*.pdf")) == [
        "brief-KAZ-2022.pdf",
        "brief-KAZ-2022.pdf",
        "brief-KGZ-2022.pdf",
        "brief-KGZ-2022.pdf",
    ]
    again = run_batch(dataset.data_dir, tasks, tmp_path, jobs=2)
    assert all(o.skipped for o in again)


def test_a_failing_document_does_not_stop_the_others(dataset, tmp_path, monkeypatch):
    real = batch.__dict__["_build"]

    def flaky(task, out_dir):
        if task.iso3 == "KGZ":
            return task, None, "RuntimeError: simulated failure", False
        return real(task, out_dir)

    monkeypatch.setattr(batch, "_build", flaky)
    tasks = [Task(iso3, "en", 2022) for iso3 in ("KAZ", "KGZ", "UZB")]
    outcomes = run_batch(dataset.data_dir, tasks, tmp_path, jobs=1)
    failed = [o for o in outcomes if o.error]
    assert [o.task.iso3 for o in failed] == ["KGZ"]
    assert (tmp_path / "en" / "brief-UZB-2022.pdf").exists()


def test_cli_all_lists_failures_and_exits_1(cli, tmp_path, monkeypatch, dataset):
    monkeypatch.setattr(
        batch,
        "brief_tasks",
        lambda ds, langs, year, names=None, *rest: [
            Task("KAZ", "en", year),
            Task("XXX", "en", year),
        ],
    )
    result = cli("brief", "--all", "--lang", "en", "--jobs", "1", "--out", tmp_path)
    assert result.exit_code == 1
    assert re.search(r"^2 briefs in \d+ s: 1 written, 0 up to date, 1 failed, in ", result.stdout)
    assert result.stderr.strip().splitlines()[-1].startswith("failed: en XXX: ")


@pytest.mark.parametrize("args", [["--all", "KAZ"], []])
def test_all_or_a_list(cli, tmp_path, args):
    result = cli("brief", *args, "--out", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")


def test_a_worker_computes_a_countrys_facts_once_for_its_languages(dataset, tmp_path, monkeypatch):
    from report.build import documents

    calls = []
    real = documents.brief_facts
    monkeypatch.setattr(documents, "brief_facts", lambda *a: calls.append(a[1]) or real(*a))
    tasks = [t for t in brief_tasks(dataset, ["ru", "en"], 2022) if t.iso3 in ("ARM", "KIR")]
    outcomes = run_batch(dataset.data_dir, tasks, tmp_path, jobs=1)
    assert sorted(calls) == ["ARM", "KIR"] and all(o.path for o in outcomes)


def test_one_job_settles_the_collector_after_the_first_brief_and_gives_it_back(dataset, tmp_path):
    tasks = [Task(iso3, "en", 2022) for iso3 in ("ARM", "KIR")]
    frozen = []
    run_batch(
        dataset.data_dir,
        tasks,
        tmp_path,
        jobs=1,
        on_done=lambda o: frozen.append(gc.get_freeze_count()),
    )
    assert len(frozen) == 2 and min(frozen) > 100_000  # the libraries, the data, the fonts
    assert gc.get_freeze_count() == 0  # the caller's objects are collected again


def test_a_caller_that_froze_objects_of_its_own_keeps_them_frozen(dataset, tmp_path):
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        run_batch(dataset.data_dir, [Task("ARM", "en", 2022)], tmp_path, jobs=1)
        # neither given back (0) nor frozen again with what the batch made; some of the
        # caller's frozen objects may have been freed meanwhile
        assert 0.9 * before <= gc.get_freeze_count() <= before
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("jobs", ["0", "-1", "257", "99999999999999999999999"])
def test_a_number_of_workers_out_of_range_is_one_clear_line(cli, tmp_path, jobs):
    result = cli("brief", "--all", "--lang", "en", "--jobs", jobs, "--out", tmp_path)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"error: --jobs {jobs}: the number of worker processes must be from 1 to 256\n"
    )
    assert not any(tmp_path.iterdir())


def test_data_changed_after_the_batch_read_them_stop_it(dataset, tmp_path, monkeypatch):
    # an ingest between the parent's reading of the data and a worker's: the fingerprints
    # the parent would record would not be those of the documents built
    real = batch.load_dataset
    monkeypatch.setattr(
        batch, "load_dataset", lambda d: dataclasses.replace(real(d), fingerprint="newer")
    )
    tasks = [Task("KAZ", "en", 2022)]
    with pytest.raises(ReportError, match=f"{batch.STALE}; the batch stopped"):
        run_batch(dataset.data_dir, tasks, tmp_path, jobs=1)
    assert list(tmp_path.rglob("*.pdf")) == []
