"""Atomic writes: whole files with the permissions of any file the user creates."""

from __future__ import annotations

import os
import stat

import pytest

from report.data.storage import atomic_write_bytes, atomic_write_many


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
