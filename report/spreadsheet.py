"""Reading XLSX sheets as rows of text, with spreadsheet row numbers."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

from .errors import InputError


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


def read_sheet(path: Path, sheet: str | None = None) -> list[tuple[int, list[str]]]:
    """Return (row number, cells as text) for the non-empty rows of a sheet (default: first)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(path, None, f"not a readable XLSX workbook ({exc})") from None
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise InputError(path, None, f"no sheet named {sheet!r}")
        rows = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            while cells and cells[-1] == "":
                cells.pop()
            if any(c.strip() for c in cells):
                rows.append((number, cells))
        return rows
    finally:
        workbook.close()
