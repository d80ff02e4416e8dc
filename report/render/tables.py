"""A document's tables as one XLSX workbook, reproducible to the byte (their CSV files:
report/render/downloads.py)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from report.layout.model import Grid, Table
from report.render.downloads import grid_rows, zip_bytes


def xlsx_bytes(tables: list[Table], year: int) -> bytes:
    """One workbook, a sheet per table: numbers as numbers, reproducible to the byte."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.number)
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append([c.heading for c in table.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text from a claims file stays text, never a formula
        for index, column in enumerate(table.columns, start=1):
            if column.digits:
                number_format = "0." + "0" * column.digits
                for row in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
                    row[0].number_format = number_format
    # Dates inside the file come from the data, not the clock.
    stamp = datetime(year, 1, 1)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "egdi-report"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _stable_zip(buffer.getvalue(), stamp)


def _stable_zip(data: bytes, stamp: datetime) -> bytes:
    """Rewrite an XLSX archive with fixed entry dates and the given modification date (openpyxl
    stamps the time of saving), so the same content gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    modified = f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp:%Y-%m-%dT%H:%M:%SZ}'
    files = {info.filename: source.read(info.filename) for info in source.infolist()}
    if "docProps/core.xml" in files:
        files["docProps/core.xml"] = re.sub(
            rb'<dcterms:modified xsi:type="dcterms:W3CDTF">[^<]*',
            modified.encode(),
            files["docProps/core.xml"],
        )
    return zip_bytes(files, mode=0o600)


def grid_table(grid: Grid) -> Table:
    """A document's table as a sheet of a workbook: T1, T2 ... (a spanning cell's value in its
    first column)."""
    title = grid.caption
    return Table(f"T{grid.number}", title, list(grid.columns), grid_rows(grid))
