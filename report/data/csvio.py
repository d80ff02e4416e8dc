"""Strict CSV reading with file:line errors, and CSV text as the data files write it."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from report import interrupts
from report.errors import InputError, os_problem


def _open_input(path: Path) -> BinaryIO:
    try:
        with interrupts.interruptible():  # opening a FIFO waits for its writer
            return path.open("rb")
    except OSError as exc:
        raise InputError(path, None, os_problem(exc)) from None


MAX_LINE_BYTES = 20_000_000  # no line of a CSV export or data file comes near it
MAX_FILE_BYTES = 200_000_000  # a workbook read whole (an XLSX is read from memory)


class HashedInput:
    """An input file read once, from start to end (a pipe too): its SHA-256 and size are
    taken from the bytes as they are read."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._handle = _open_input(self.path)
        self._digest = hashlib.sha256()
        self.size = 0

    def _seen(self, data: bytes) -> bytes:
        self._digest.update(data)
        self.size += len(data)
        return data

    def lines(self) -> Iterator[bytes]:
        """The physical lines, with their ends (LF, CRLF or a lone CR); a line longer than
        MAX_LINE_BYTES is an error, so that memory stays bounded (/dev/zero has no line)."""
        number = 0
        while raw := self._readline():
            number += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                raise InputError(
                    self.path, number, f"a line longer than {MAX_LINE_BYTES // 1_000_000} MB"
                )
            yield from _LONE_CR.split(self._seen(raw))

    def _readline(self) -> bytes:
        with interrupts.interruptible():
            return self._handle.readline(MAX_LINE_BYTES + 1)

    def read(self, limit: int = MAX_FILE_BYTES) -> bytes:
        """The rest of the file, up to limit bytes (more is an error)."""
        try:
            with interrupts.interruptible():
                data = self._handle.read(limit + 1)
        except OSError as exc:
            raise InputError(self.path, None, os_problem(exc)) from None
        if len(data) > limit:
            raise InputError(self.path, None, f"larger than {limit // 1_000_000} MB")
        return self._seen(data)

    def looks_like_zip(self) -> bool:
        """Whether the file starts as a ZIP archive does (an XLSX workbook, whatever its name)."""
        return self._handle.peek(4)[:4] == b"PK\x03\x04"

    @property
    def sha256(self) -> str:
        """The SHA-256 of the whole file (the rest is read first, whatever its size)."""
        with interrupts.interruptible():
            while chunk := self._handle.read(1 << 20):
                self._seen(chunk)
        return self._digest.hexdigest()

    def close(self) -> None:
        """Close the file."""
        self._handle.close()

    def __enter__(self) -> HashedInput:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")


def _decoded(path: Path, lines: Iterator[bytes]) -> Iterator[str]:
    for number, raw in enumerate(lines, start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            byte = raw[exc.start]
            raise InputError(
                path, number, f"not UTF-8 text (byte 0x{byte:02X}); save the file as UTF-8"
            ) from None


def iter_rows(path: Path, source: HashedInput | None = None) -> Iterator[tuple[int, list[str]]]:
    """Stream a CSV file (or an input already opened) as (line number, fields) pairs, blank
    lines skipped; UTF-8 with or without a BOM. Memory does not grow with the file."""
    path = Path(path)
    opened = source or HashedInput(path)
    try:
        reader = csv.reader(_decoded(path, opened.lines()), strict=True)
        start = 1
        try:
            for fields in reader:
                if any(field.strip() for field in fields):
                    yield start, fields
                start = reader.line_num + 1
        except csv.Error as exc:
            raise InputError(path, start, f"broken CSV ({exc})") from None
    finally:
        if source is None:
            opened.close()


def table_rows(source: HashedInput, sheet: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """The rows of an input read once: an XLSX workbook's sheet (default: the first), or CSV."""
    if source.path.suffix.lower() in (".xlsx", ".xlsm") or source.looks_like_zip():
        from report.data.spreadsheet import iter_sheet

        return iter_sheet(source.path, sheet, io.BytesIO(source.read()))
    return iter_rows(source.path, source)


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


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Render rows as CSV text with LF line ends, the form every data file uses."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
