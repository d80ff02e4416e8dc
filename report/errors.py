"""Errors a user can act on; the CLI prints each as one line."""

from __future__ import annotations

from pathlib import Path


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
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.problem}"


class InputErrors(ReportError):
    """Several input errors found in one pass; each prints on its own line."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class OutputError(ReportError):
    """An output that cannot be written (no space, no permission, a file in the way); what
    was there before is left as it was."""

    def __init__(self, path: Path | str, cause: OSError):
        self.path = Path(path)
        self.cause = cause
        reason = cause.strerror or str(cause)
        super().__init__(f"{self.path}: cannot write ({reason}); nothing there was changed")
