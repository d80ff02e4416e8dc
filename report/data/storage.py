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
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from report import interrupts
from report.errors import InputError, OutputError, os_problem

JOURNAL = ".egdi-commit.json"
TEMPORARY_SUFFIX = ".tmp"
TEMPORARY_MARK = ".egdi-"  # .brief-KAZ-2024.pdf.egdi-k2j4x9_a.tmp: a file only this tool makes
_OWN_TEMPORARY = re.compile(r"\..+\.egdi-[a-z0-9_]{8}\.tmp")
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
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}{TEMPORARY_MARK}", suffix=TEMPORARY_SUFFIX, dir=path.parent
    )
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
    for path in files:
        check_target(path)
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
            committed = journal is not None  # from here on, recover() completes it
            _rename_all(written, journal)
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


def _rename_all(renames: dict[Path, Path], journal: Path | None) -> None:
    for done, (path, tmp) in enumerate(renames.items()):
        try:
            os.replace(tmp, path)
        except OSError as exc:
            if journal is None or not done:
                raise OutputError(path, exc) from None
            raise OutputError(
                path, exc, f"{done} of the {len(renames)} files are new; the next run completes it"
            ) from None
    for directory in {path.parent for path in renames}:
        _fsync_dir(directory)


def check_target(path: Path) -> None:
    """Refuse, before anything is written, a target that is a directory or a link to one."""
    if path.is_dir():
        raise OutputError(path, IsADirectoryError(errno.EISDIR, "Is a directory"))


def atomic_write_bytes(path: Path, data: bytes, abandon_on_stop: bool = True) -> None:
    """Write a file so that readers see the old or the new content, never a mix."""
    atomic_write_many({Path(path): data}, abandon_on_stop)


def check_writable_dir(directory: Path) -> None:
    """Create a directory if needed and prove a file can be written in it, or raise an
    OutputError before any work is done."""
    directory = Path(directory)
    try:
        if (broken := _broken_link(directory)) is not None:
            if broken.errno == errno.ENOENT:
                target = os.readlink(directory)
                raise FileNotFoundError(errno.ENOENT, f"a symbolic link to nothing ({target})")
            raise broken
        if directory.exists() and not directory.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "a file, not a directory")
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


def absent(path: Path) -> bool:
    """Whether nothing is at path; a symbolic link to nothing, or a loop, is an error."""
    broken = _broken_link(Path(path))
    if broken is not None and broken.errno == errno.ENOENT:
        target = os.readlink(path)
        raise InputError(path, None, f"a symbolic link to a missing file ({target})")
    if broken is not None:
        raise InputError(path, None, os_problem(broken))
    return not Path(path).exists()


def _broken_link(path: Path) -> OSError | None:
    """Why a symbolic link at path leads nowhere (it points at nothing, or loops); None for
    anything else."""
    if not path.is_symlink() or path.exists():
        return None
    try:
        path.stat()
    except OSError as exc:
        return exc
    return None


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
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise InputError(
                    journal,
                    None,
                    f"cannot complete the commit an interrupted run left ({target.name}: "
                    f"{os_problem(exc)}); run the command where it can write there",
                ) from None
        outcome = f"completed the commit an interrupted run left: {names}"
    elif len(pending) == len(entries):
        outcome = f"dropped the commit an interrupted run had not begun: {names} stay as they were"
    else:
        raise InputError(journal, None, f"cannot complete the commit of {names}: files are lost")
    for directory in {target.parent for target, _, _ in entries}:
        _fsync_dir(directory)
    journal.unlink()
    return outcome


def _own_files(directory: Path, depth: int) -> list[Path]:
    """The dot files in directory and its subdirectories down to depth levels."""
    found, level = [], [directory]
    for _ in range(depth):
        below = []
        for folder in level:
            with contextlib.suppress(OSError):  # one it cannot read holds nothing of ours
                for entry in folder.iterdir():
                    if entry.name.startswith(".") and not entry.is_dir():
                        found.append(entry)
                    elif entry.is_dir() and not entry.is_symlink():
                        below.append(entry)
        level = below
    return found


def leftovers(directory: Path, depth: int = 1) -> tuple[list[Path], list[Path]]:
    """The commit journals and the temporary files (of this tool's own names only) that
    killed runs left in a directory, down to depth levels (an output directory: 3)."""
    files = _own_files(Path(directory), depth)
    journals = sorted(p for p in files if p.name == JOURNAL)
    temporaries = sorted(
        p for p in files if _OWN_TEMPORARY.fullmatch(p.name) or p.name.startswith(WRITE_TEST_PREFIX)
    )
    return journals, temporaries


def recover(directory: Path, depth: int = 1) -> list[str]:
    """Complete the commits, and remove the temporary files, that killed runs left in a
    directory (call it holding the directory's lock); return what was done, as notes."""
    directory = Path(directory)
    notes = []
    journals, _ = leftovers(directory, depth)
    for journal in journals:
        notes.append(f"{journal.parent}: {_replay(journal)}")
    _, temporaries = leftovers(directory, depth)
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
