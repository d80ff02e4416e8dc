"""Strict CSV reading with file:line errors, and atomic writes."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from report.errors import InputError, OutputError


def _undecodable(path: Path) -> InputError:
    """The error for a file that is not UTF-8, naming the line of the first bad byte."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                byte = raw[exc.start]
                return InputError(
                    path, number, f"not UTF-8 text (byte 0x{byte:02X}); save the file as UTF-8"
                )
    return InputError(path, None, "not UTF-8 text; save the file as UTF-8")


def _open_input(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, None, "is a directory, not a file") from None
    except PermissionError:
        raise InputError(path, None, "cannot be read (permission denied)") from None


def iter_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Stream a CSV file as (line number, fields) pairs, blank lines skipped; UTF-8 with or
    without a BOM. Memory does not grow with the file."""
    path = Path(path)
    with io.TextIOWrapper(_open_input(path), encoding="utf-8-sig", newline="") as text:
        reader = csv.reader(text, strict=True)
        start = 1
        try:
            for fields in reader:
                if any(field.strip() for field in fields):
                    yield start, fields
                start = reader.line_num + 1
        except csv.Error as exc:
            raise InputError(path, start, f"broken CSV ({exc})") from None
        except UnicodeDecodeError:
            raise _undecodable(path) from None


def read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """Read a CSV file into (line number, fields) pairs, blank lines skipped."""
    return list(iter_rows(path))


def read_table(path: Path, required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """Read a CSV file with a header into (line, record) pairs; check required columns."""
    rows = read_rows(path)
    if not rows:
        raise InputError(path, 1, "the file is empty")
    header_line, header = rows[0]
    header = [name.strip() for name in header]
    missing = [name for name in required if name not in header]
    if missing:
        raise InputError(path, header_line, f"missing column(s): {', '.join(missing)}")
    records = []
    for line, fields in rows[1:]:
        if len(fields) != len(header):
            raise InputError(
                path, line, f"expected {len(header)} fields as in the header, found {len(fields)}"
            )
        records.append((line, dict(zip(header, fields, strict=True))))
    return records


def _write_temporary(path: Path, data: bytes) -> Path:
    """Write data to a new temporary file beside path, flushed to disk; return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); the result should be as readable as any
        # file the user creates, so documents can be shared or served
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it is to set it
    os.umask(mask)
    return mask


def atomic_write_many(files: dict[Path, bytes]) -> None:
    """Write several files so that each holds its old or its new content, never a mix: all
    are written to temporary files first and renamed only when every one is on disk. An
    OSError (no space, no permission) becomes an OutputError naming the file."""
    written: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            try:
                written[Path(path)] = _write_temporary(Path(path), data)
            except OSError as exc:
                raise OutputError(path, exc) from None
        for path, tmp in list(written.items()):
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise OutputError(path, exc) from None
            del written[path]
    finally:
        for tmp in written.values():
            tmp.unlink(missing_ok=True)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new content, never a mix."""
    atomic_write_many({Path(path): data})


def check_writable_dir(directory: Path) -> None:
    """Create a directory if needed and prove a file can be written in it, or raise an
    OutputError before any work is done."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".egdi-write-test.", dir=directory)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise OutputError(directory, exc) from None


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Render rows as CSV text with LF line ends, the form every data file uses."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
