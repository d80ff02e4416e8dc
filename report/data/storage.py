"""Writing that is whole or absent: atomic files, commits of several files as a unit, the
recovery of a commit a killed run left behind, and locks that serialise writers.

A commit of several files writes each to a temporary file beside it, then writes a journal
(JOURNAL) naming them with their SHA-256, then renames them into place and removes the
journal. The journal is the commit point: before it, the old files are untouched and the
temporaries are swept by the next run; after it, the next run completes the renames.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from report import interrupts
from report.errors import InputError, OutputError

JOURNAL = ".egdi-commit.json"
TEMPORARY_SUFFIX = ".tmp"
WRITE_TEST_PREFIX = ".egdi-write-test."
LOCK_POLL_SECONDS = 0.1

log = logging.getLogger("egdi")


def umask() -> int:
    """The process' umask."""
    mask = os.umask(0)  # the only way to read it is to set it
    os.umask(mask)
    return mask


def write_temporary(path: Path, data: bytes) -> Path:
    """Write data to a new temporary file beside path, flushed to disk; return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    try:
        # mkstemp makes the file private (0600); the result should be as readable as any
        # file the user creates, so documents can be shared or served
        os.fchmod(fd, 0o666 & ~umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system can sync a directory
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _journal_bytes(root: Path, renames: dict[Path, Path], files: dict[Path, bytes]) -> bytes:
    def relative(path: Path) -> str:
        return os.path.relpath(os.path.abspath(path), os.path.abspath(root))

    entries = [
        {
            "file": relative(path),
            "temporary": relative(tmp),
            "sha256": hashlib.sha256(files[path]).hexdigest(),
        }
        for path, tmp in renames.items()
    ]
    return (json.dumps({"commit": entries}, indent=2) + "\n").encode()


def atomic_write_many(files: dict[Path, bytes], abandon_on_stop: bool = True) -> None:
    """Write several files as one commit: each holds its old content or its new one, and a
    run killed midway is completed by recover(). Once a stop was asked for, nothing is
    renamed (report/interrupts.py) unless abandon_on_stop is false (a record of what is
    already done). An OSError becomes an OutputError naming the file."""
    files = {Path(path): data for path, data in files.items()}
    written: dict[Path, Path] = {}
    committed = False
    try:
        for path, data in files.items():
            try:
                written[path] = write_temporary(path, data)
            except OSError as exc:
                raise OutputError(path, exc) from None
        if abandon_on_stop:
            interrupts.check()
        with interrupts.deferred():  # a first signal now waits for the commit to end
            journal = None
            if len(written) > 1:
                root = Path(os.path.commonpath([p.parent for p in written]))
                journal = root / JOURNAL
                _write_one(journal, _journal_bytes(root, written, files))
            committed = True
            _rename_all(written)
            if journal:
                journal.unlink()
                _fsync_dir(journal.parent)
    finally:
        if not committed:
            for tmp in written.values():
                tmp.unlink(missing_ok=True)


def _write_one(path: Path, data: bytes) -> None:
    try:
        tmp = write_temporary(path, data)
    except OSError as exc:
        raise OutputError(path, exc) from None
    try:
        os.replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(path, exc) from None
        raise
    _fsync_dir(path.parent)


def _rename_all(renames: dict[Path, Path]) -> None:
    for path, tmp in renames.items():
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise OutputError(path, exc) from None
    for directory in {path.parent for path in renames}:
        _fsync_dir(directory)


def atomic_write_bytes(path: Path, data: bytes, abandon_on_stop: bool = True) -> None:
    """Write a file so that readers see the old or the new content, never a mix."""
    atomic_write_many({Path(path): data}, abandon_on_stop)


def check_writable_dir(directory: Path) -> None:
    """Create a directory if needed and prove a file can be written in it, or raise an
    OutputError before any work is done."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=WRITE_TEST_PREFIX, dir=directory)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise OutputError(directory, exc) from None


def hash_tree(root: Path, pattern: str = "*") -> str:
    """SHA-256 over the files under root matching pattern (names and contents, in order);
    dot files (locks, journals, temporaries) and __pycache__ are not part of it."""
    digest = hashlib.sha256()
    for path in sorted(Path(root).rglob(pattern)):
        if path.is_file() and not path.name.startswith(".") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _holds(path: Path, digest: str) -> bool:
    return path.is_file() and _sha256(path) == digest


def _journal_entries(journal: Path) -> list[tuple[Path, Path, str]]:
    root = journal.parent
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))["commit"]
        return [(root / e["file"], root / e["temporary"], e["sha256"]) for e in entries]
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(journal, None, f"a damaged commit journal ({exc})") from None


def _replay(journal: Path) -> str:
    """Complete the renames of a journal's commit (or, where a second signal stopped it
    before any rename and its temporaries are gone, drop it); say which."""
    entries = _journal_entries(journal)
    names = ", ".join(os.path.relpath(target, journal.parent) for target, _, _ in entries)
    pending = [
        (target, tmp, digest) for target, tmp, digest in entries if not _holds(target, digest)
    ]
    if all(_holds(tmp, digest) for _, tmp, digest in pending):
        for target, tmp, _ in pending:
            os.replace(tmp, target)
        outcome = f"completed the commit an interrupted run left: {names}"
    elif len(pending) == len(entries):
        outcome = f"dropped the commit an interrupted run had not begun: {names} stay as they were"
    else:
        raise InputError(journal, None, f"cannot complete the commit of {names}: files are lost")
    for directory in {target.parent for target, _, _ in entries}:
        _fsync_dir(directory)
    journal.unlink()
    return outcome


def leftovers(directory: Path) -> tuple[list[Path], list[Path]]:
    """The commit journals and the temporary files that killed runs left in a directory."""
    directory = Path(directory)
    journals = sorted(directory.rglob(JOURNAL))
    temporaries = sorted(
        p
        for p in directory.rglob(".*")
        if p.is_file()
        and (p.name.endswith(TEMPORARY_SUFFIX) or p.name.startswith(WRITE_TEST_PREFIX))
    )
    return journals, temporaries


def recover(directory: Path) -> list[str]:
    """Complete the commits, and remove the temporary files, that killed runs left in a
    directory (call it holding the directory's lock); return what was done, as notes."""
    directory = Path(directory)
    notes = []
    journals, _ = leftovers(directory)
    for journal in journals:
        notes.append(f"{journal.parent}: {_replay(journal)}")
    _, temporaries = leftovers(directory)
    for tmp in temporaries:
        tmp.unlink(missing_ok=True)
    if temporaries:
        notes.append(
            f"{directory}: removed {len(temporaries)} temporary file(s) an interrupted run left"
        )
    for note in notes:
        log.info(note)
    return notes


@contextlib.contextmanager
def locked(directory: Path, shared: bool = False) -> Iterator[None]:
    """Hold a lock on a directory: one writer at a time (shared: readers together, no
    writer). Waiting says so once and ends at a stop signal."""
    try:
        import fcntl

        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except (ImportError, PermissionError):  # no locks here, or a directory it cannot list
        yield
        return
    try:
        _lock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX, directory)
        yield
    finally:
        os.close(fd)


def _lock(fd: int, mode: int, directory: Path) -> None:
    """Take a lock, waiting (and saying so once); none where the file system has none."""
    import fcntl

    waiting = False
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if not waiting:
                log.info(f"{directory}: waiting for another egdi command to finish with it")
                waiting = True
            interrupts.check()
            time.sleep(LOCK_POLL_SECONDS)
        except OSError as exc:
            if exc.errno in (errno.ENOLCK, errno.EINVAL, errno.EOPNOTSUPP):
                return  # e.g. some network file systems
            raise
