"""Strict CSV reading with file:line errors, and atomic writes."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import InputError


def decode_utf8(path: Path, raw: bytes) -> str:
    """Decode UTF-8 (a leading BOM is dropped); name the line of the first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start]
        raise InputError(
            path, line, f"not UTF-8 text (byte 0x{byte:02X}); save the file as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """Read a CSV file into (line number, fields) pairs, blank lines skipped."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, None, "is a directory, not a file") from None
    except PermissionError:
        raise InputError(path, None, "cannot be read (permission denied)") from None
    text = decode_utf8(path, raw)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for fields in reader:
            if any(field.strip() for field in fields):
                rows.append((start, fields))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(path, start, f"broken CSV ({exc})") from None
    return rows


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


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new content, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Render rows as CSV text with LF line ends, the form every data file uses."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
