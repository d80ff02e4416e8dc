"""Errors a user can act on; the CLI prints each as one line."""

from __future__ import annotations

import difflib
import errno
import re
from pathlib import Path

# What an operating-system error means, said for a user (strerror where it reads well)
_OS_PROBLEMS = {
    errno.ENOENT: "no such file",
    errno.EISDIR: "is a directory, not a file",
    errno.ENOTDIR: "a part of the path is a file, not a directory",
    errno.ELOOP: "a loop of symbolic links",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "a read-only file system",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EEXIST: "already exists",
    errno.EIO: "an input/output error of the device",
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def close_matches(word: str, known: list[str], n: int = 3) -> list[str]:
    """Known words that look like this one, to name in a message; never applied."""
    return difflib.get_close_matches(word, known, n=n, cutoff=0.6)


def shown(text: object) -> str:
    """A path or message as one printable line: control characters (a newline in a file
    name) escaped as Python writes them, bytes that are not UTF-8 as \\xff."""
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], str(text))
    try:
        raw = text.encode("utf-8", "surrogateescape")  # a file name's undecodable bytes
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def os_problem(exc: OSError) -> str:
    """What an operating-system error means, in words."""
    return _OS_PROBLEMS.get(exc.errno, exc.strerror or type(exc).__name__)


def os_error_line(exc: OSError, path: Path | str | None = None) -> str:
    """An operating-system error as PATH: what happened."""
    where = path if path is not None else exc.filename
    return f"{shown(where)}: {os_problem(exc)}" if where is not None else os_problem(exc)


class ReportError(Exception):
    """A problem with the user's input or request: printed as one line, exit status 2."""


class InputError(ReportError):
    """A problem in an input file, located by file and line (or spreadsheet row)."""

    def __init__(self, path: Path | str, line: int | None, problem: str):
        self.path = Path(path)
        self.line = line
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{shown(self.path)}:{self.line}" if self.line else shown(self.path)
        return f"{where}: {self.problem}"


class InputErrors(ReportError):
    """Several input errors found in one pass; each prints on its own line."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class OutputError(ReportError):
    """An output that cannot be written (no space, no permission, a file in the way); what
    was there before is left as it was."""

    def __init__(
        self, path: Path | str, cause: OSError, outcome: str = "nothing there was changed"
    ):
        self.path = Path(path)
        self.cause = cause
        reason = cause.strerror or str(cause)
        super().__init__(f"{shown(self.path)}: cannot write ({reason}); {outcome}")
