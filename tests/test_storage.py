"""Atomic writes and commits: whole files with the permissions of any file the user creates;
commits a kill interrupted completed or dropped by the next run; locks."""

from __future__ import annotations

import os
import stat

import pytest

from report.data import storage
from report.data.storage import atomic_write_bytes, atomic_write_many
from report.errors import InputError


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_files_follow_the_umask_not_mkstemp(tmp_path, umask_022):
    target = tmp_path / "out" / "brief.pdf"
    atomic_write_bytes(target, b"first")
    assert mode(target) == 0o644
    os.umask(0o077)
    atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert mode(target) == 0o600


def test_several_files_are_replaced_together_and_leave_no_temporary_file(tmp_path, umask_022):
    files = {tmp_path / "a.csv": b"a", tmp_path / "sub" / "b.csv": b"b"}
    atomic_write_many(files)
    assert {p: p.read_bytes() for p in files} == files
    assert all(mode(p) == 0o644 for p in files)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["a.csv", "b.csv"]


def _stopped_commit(tmp_path, monkeypatch, at: int) -> dict:
    """A commit of three files stopped, as a kill would stop it, at its at-th rename (1: the
    journal); returns the new contents."""
    old = {tmp_path / name: b"old " + name.encode() for name in ("a", "b", "c")}
    for path, data in old.items():
        path.write_bytes(data)
    new = {path: b"new" + data for path, data in old.items()}
    real, calls = os.replace, []

    def replace(source, target):
        calls.append(target)
        if len(calls) == at:
            raise KeyboardInterrupt
        real(source, target)

    with monkeypatch.context() as patch:
        patch.setattr(storage.os, "replace", replace)
        with pytest.raises(KeyboardInterrupt):
            atomic_write_many(new)
    return new


@pytest.mark.parametrize("at", [2, 3, 4])
def test_a_commit_stopped_after_its_journal_is_completed(tmp_path, monkeypatch, at):
    new = _stopped_commit(tmp_path, monkeypatch, at)
    assert (tmp_path / storage.JOURNAL).exists()
    notes = storage.recover(tmp_path)
    assert notes == [f"{tmp_path}: completed the commit an interrupted run left: a, b, c"]
    assert {p: p.read_bytes() for p in new} == new
    assert storage.leftovers(tmp_path) == ([], [])


def test_a_commit_stopped_before_its_journal_leaves_the_old_files(tmp_path, monkeypatch):
    new = _stopped_commit(tmp_path, monkeypatch, at=1)
    assert all(p.read_bytes().startswith(b"old") for p in new)
    assert storage.leftovers(tmp_path) == ([], [])  # the temporaries were removed


def test_a_journal_whose_temporaries_are_gone_before_any_rename_is_dropped(tmp_path, monkeypatch):
    new = _stopped_commit(tmp_path, monkeypatch, at=2)
    for tmp in storage.leftovers(tmp_path)[1]:
        tmp.unlink()
    notes = storage.recover(tmp_path)
    assert notes == [
        f"{tmp_path}: dropped the commit an interrupted run had not begun: a, b, c stay as "
        "they were"
    ]
    assert all(p.read_bytes().startswith(b"old") for p in new)


def test_a_journal_that_cannot_be_completed_is_one_error(tmp_path, monkeypatch):
    _stopped_commit(tmp_path, monkeypatch, at=3)  # a renamed, b and c waiting
    for tmp in storage.leftovers(tmp_path)[1]:
        tmp.unlink()
    with pytest.raises(InputError, match=r"cannot complete the commit of a, b, c: files are lost"):
        storage.recover(tmp_path)


def test_a_lock_is_taken_by_one_writer_at_a_time(tmp_path):
    import fcntl

    with storage.locked(tmp_path):
        fd = os.open(tmp_path, os.O_RDONLY)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        finally:
            os.close(fd)
    with storage.locked(tmp_path, shared=True), storage.locked(tmp_path, shared=True):
        pass  # readers together
