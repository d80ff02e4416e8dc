"""Stops and concurrent writers: a document or a data commit is whole or absent, whenever the
signal comes, whoever else writes to the same directory.

The build test sends SIGINT or SIGTERM to `egdi build --force` at moments spread over a
clean build's duration (from the imports to the last rename), and checks after each that
every PDF left is byte for byte a clean build's, then that `egdi build` completes the set.
The ingest test stops the data commit at each of its renames in turn.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import NEXT, tree_digest
from test_bad_input import _next_survey, temporary_files

from report import interrupts
from report.build.cache import MANIFEST
from report.cli.app import INTERRUPTED
from report.data import storage

LANG = "kk"  # the two default documents in one language: enough to stop at every stage


def egdi(*args, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "report", *map(str, args)],
        capture_output=True, text=True, timeout=300, **options,
    )  # fmt: skip


def start(*args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "report", *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def pdfs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.pdf"))}


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, float]:
    """A clean build of the default documents in one language, and how long it took."""
    out = tmp_path_factory.mktemp("clean")
    began = time.monotonic()
    result = egdi("build", "--lang", LANG, "--out", out)
    assert result.returncode == 0, result.stderr
    return out, time.monotonic() - began


def test_a_build_stopped_at_any_moment_leaves_only_whole_documents(clean, tmp_path):
    reference, duration = clean
    expected = pdfs(reference)
    assert len(expected) == 2
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    moments = [duration * f for f in (0.03, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9)]
    moments += [random.Random(14).uniform(0, duration) for _ in range(3)]
    stopped = 0
    for number, moment in enumerate(moments):
        process = start("build", "--force", "--lang", LANG, "--out", out)
        time.sleep(moment)
        sent = signal.SIGINT if number % 2 == 0 else signal.SIGTERM
        process.send_signal(sent)
        _, stderr = process.communicate(timeout=300)

        # -sent: the signal came while the interpreter itself was starting, before any of
        # the program ran (a shell reports 128 + the signal, as for 130)
        assert process.returncode in (0, 130, -sent), stderr
        assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
        if process.returncode != 0:
            stopped += 1
            assert process.returncode < 0 or stderr.splitlines()[-1] == INTERRUPTED
        left = pdfs(out)
        assert all(left[name] == expected[name] for name in left), moment  # whole or absent
        again = egdi("build", "--lang", LANG, "--out", out)
        assert again.returncode == 0, again.stderr
        assert pdfs(out) == expected
        assert temporary_files(out) == []
        recorded = json.loads((out / MANIFEST).read_text())
        assert sorted(recorded) == sorted(expected)
    assert stopped >= len(moments) // 2  # most signals came while it worked
    final = egdi("build", "--lang", LANG, "--out", out)
    assert final.stdout.count("(up to date)") == 2


def _failing_rename(at: int):
    """os.replace that raises KeyboardInterrupt at its at-th call, as a kill would stop it."""
    real = os.replace
    calls = []

    def replace(source, target):
        calls.append(target)
        if len(calls) == at:
            raise KeyboardInterrupt
        real(source, target)

    return replace, calls


def test_an_ingest_stopped_at_any_rename_is_completed_by_the_next_run(
    cli, data_copy, tmp_path, monkeypatch
):
    export = _next_survey(tmp_path)
    probe = tmp_path / "probe"
    shutil.copytree(data_copy, probe)
    replace, renames = _failing_rename(at=0)
    with monkeypatch.context() as patch:
        patch.setattr(storage.os, "replace", replace)
        assert cli("ingest", "--data-dir", probe, export).exit_code == 0
    assert len(renames) == 4  # the journal, then the backup, the panel and the provenance
    finished = tree_digest(probe)

    for at in range(1, len(renames) + 1):
        data = tmp_path / f"data-{at}"
        shutil.copytree(data_copy, data)
        with monkeypatch.context() as patch:
            patch.setattr(storage.os, "replace", _failing_rename(at)[0])
            stopped = cli("ingest", "--data-dir", data, export)
        assert stopped.exit_code == 130, stopped.stderr
        assert stopped.stderr.splitlines()[-1] == INTERRUPTED

        again = cli("ingest", "--data-dir", data, export)
        assert again.exit_code == 0, again.stderr
        if at > 1:  # past the commit point: the next run completes the commit
            assert "note: " in again.stderr and "completed the commit" in again.stderr
            assert f"{data / 'egdi.csv'} unchanged" in again.stdout
        assert cli("validate", "--data-dir", data).exit_code == 0
        assert tree_digest(data) == finished, at
        assert temporary_files(data) == []


def test_what_a_killed_run_left_is_reported_then_swept(cli, data_copy, tmp_path):
    stray = data_copy / ".egdi.csv.egdi-k1ll3d_0.tmp"
    stray.write_bytes(b"half a panel")
    theirs = [data_copy / ".notes.tmp", data_copy / "claims" / ".draft.yaml.egdi-k1ll3d_0.tmp"]
    for path in theirs:  # not this tool's, or not where it writes: left alone
        path.write_bytes(b"the user's")
    report = cli("validate", "--data-dir", data_copy)
    assert report.exit_code == 0  # the data are whole; the leftover is a warning
    assert "warning: interrupted writes: temporary files of an interrupted run" in report.stderr

    pending = data_copy / storage.JOURNAL
    pending.write_text('{"commit": [{"file": "egdi.csv", "temporary": "x", "sha256": "0"}]}')
    assert cli("validate", "--data-dir", data_copy).exit_code == 1
    pending.unlink()

    result = cli("ingest", "--data-dir", data_copy, _next_survey(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "removed 1 temporary file(s) an interrupted run left" in result.stderr
    assert not stray.exists()
    assert all(path.read_bytes() == b"the user's" for path in theirs)


def test_a_damaged_commit_journal_is_one_line(cli, data_copy):
    (data_copy / storage.JOURNAL).write_text("{")
    result = cli("brief", "KAZ", "--lang", "en", "--data-dir", data_copy, "--out", data_copy)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {data_copy / storage.JOURNAL}: a damaged commit journal "
        "(Expecting property name enclosed in double quotes: line 1 column 2 (char 1))\n"
    )


def test_builds_into_one_directory_take_turns_and_both_are_recorded(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with storage.locked(out):
        first = start("brief", "KAZ", "--lang", "en", "--out", out)
        second = start("brief", "UZB", "--lang", "en", "--out", out)
        time.sleep(4)
        assert list(out.rglob("*.pdf")) == []  # both wait for the lock
    results = [process.communicate(timeout=300) for process in (first, second)]
    for process, (_, stderr) in zip((first, second), results, strict=True):
        assert process.returncode == 0, stderr
        assert f"note: {out}: waiting for another egdi command to finish with it" in stderr
    recorded = json.loads((out / MANIFEST).read_text())
    assert sorted(recorded) == ["en/brief-KAZ-2024.pdf", "en/brief-UZB-2024.pdf"]


def test_a_command_waiting_for_a_lock_stops_at_a_signal(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with storage.locked(out):
        process = start("brief", "KAZ", "--lang", "en", "--out", out)
        time.sleep(4)  # started, and waiting
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.splitlines()[-1] == INTERRUPTED
    assert list(out.rglob("*")) == []


def test_an_ingest_waits_for_documents_being_read_from_the_data(data_copy, tmp_path):
    with storage.locked(data_copy, shared=True):  # a build loading the data
        process = start("ingest", "--data-dir", data_copy, _next_survey(tmp_path))
        time.sleep(3)
        assert process.poll() is None
        assert f",{NEXT}," not in (data_copy / "egdi.csv").read_text()
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert "waiting for another egdi command" in stderr


def test_a_second_signal_stops_at_once_and_the_first_is_never_forgotten():
    interrupts.reset()
    with interrupts.deferred():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.01)
        assert interrupts.requested()  # the first only sets the flag
        with pytest.raises(interrupts.Interrupted):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        with pytest.raises(interrupts.Interrupted):
            interrupts.check()  # swallowed or not, the stop stands
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    interrupts.reset()


def test_signals_outside_the_main_thread_are_left_alone():
    seen = []
    thread = threading.Thread(target=lambda: seen.append(_enter_deferred()))
    thread.start()
    thread.join()
    assert seen == [signal.default_int_handler]


def _enter_deferred():
    with interrupts.deferred():
        return signal.getsignal(signal.SIGINT)


def test_init_completes_the_commit_of_its_source_before_copying(
    cli, data_copy, tmp_path, monkeypatch
):
    with monkeypatch.context() as patch:
        patch.setattr(storage.os, "replace", _failing_rename(at=3)[0])  # panel not yet renamed
        assert cli("ingest", "--data-dir", data_copy, _next_survey(tmp_path)).exit_code == 130
    result = cli("init", tmp_path / "copy", "--data-dir", data_copy)
    assert result.exit_code == 0, result.stderr
    assert "completed the commit an interrupted run left" in result.stderr
    assert cli("validate", "--data-dir", tmp_path / "copy").exit_code == 0
    assert f",{NEXT}," in (tmp_path / "copy" / "egdi.csv").read_text()


@pytest.mark.parametrize(
    "manifest", ['{"en/brief-KAZ-2024.pdf": "x"}', "[" * 50_000, "[1]", "9" * 5000]
)
def test_a_manifest_this_tool_did_not_write_means_building_again(tmp_path, manifest):
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text(manifest)
    result = egdi("brief", "KAZ", "--lang", "en", "--out", out)
    assert result.returncode == 0, result.stderr
    assert sorted(json.loads((out / MANIFEST).read_text())) == ["en/brief-KAZ-2024.pdf"]


def test_one_signal_ends_a_read_that_waits_for_ever(data_copy, tmp_path):
    fifo = tmp_path / "claims.yaml"
    os.mkfifo(fifo)  # no writer will come: open() blocks
    for args in (["audit", fifo], ["ingest", "--data-dir", data_copy, fifo]):
        process = start(*args)
        time.sleep(3)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
        assert process.returncode == 130, stderr
        assert stderr.splitlines()[-1] == INTERRUPTED


@pytest.mark.parametrize("sent", ["SIGINT", "SIGTERM"])
def test_a_signal_during_the_clean_up_at_exit_ends_as_interrupted(sent):
    # the release of WeasyPrint's objects at exit runs a full collection that can take a
    # moment; a signal then must not print the traceback of an interrupted clean-up
    program = (
        "import os, signal, atexit\n"
        "from report import interrupts\n"
        f"atexit.register(interrupts.at_exit, lambda: os.kill(os.getpid(), signal.{sent}))\n"
        "print('done')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == interrupts.EXIT_STATUS
    assert result.stdout == "done\n"
    assert result.stderr == INTERRUPTED + "\n"
