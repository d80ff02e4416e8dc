"""Reading XLSX sheets as rows of text, with spreadsheet row numbers."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from report.errors import InputError, os_problem


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def iter_sheet(
    path: Path, sheet: str | None = None, content: BinaryIO | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Stream (row number, cells as text) for the non-empty rows of a sheet (default: the
    first) of the workbook at path, or of its content already read; row by row."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(content or path, read_only=True, data_only=True)
    except OSError as exc:
        if exc.errno is None:
            raise InputError(path, None, f"not a readable XLSX workbook ({exc})") from None
        raise InputError(path, None, os_problem(exc)) from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, None, f"not a readable XLSX workbook ({exc})") from None
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise InputError(path, None, f"no sheet named {sheet!r}")
        number = 0
        try:
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                cells = [_cell_text(v) for v in values]
                while cells and cells[-1] == "":
                    cells.pop()
                if any(c.strip() for c in cells):
                    yield number, cells
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError) as exc:
            # a damaged sheet inside a readable workbook (SyntaxError: broken XML)
            raise InputError(path, number + 1, f"not a readable XLSX sheet ({exc})") from None
    finally:
        workbook.close()


def read_sheet(path: Path, sheet: str | None = None) -> list[tuple[int, list[str]]]:
    """Return (row number, cells as text) for the non-empty rows of a sheet (default: first)."""
    return list(iter_sheet(path, sheet))
