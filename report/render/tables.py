"""A document's tables as files: one CSV per table and one XLSX workbook, reproducible to
the byte."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from report.data.csvio import csv_bytes
from report.layout.model import Grid, Table


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
    output = io.BytesIO()
    modified = f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp:%Y-%m-%dT%H:%M:%SZ}'
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb'<dcterms:modified xsi:type="dcterms:W3CDTF">[^<]*',
                    modified.encode(),
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return output.getvalue()


def table_files(
    tables: list[Table], csv_dir: Path, xlsx_path: Path, year: int
) -> dict[Path, bytes]:
    """The tables as CSV files (numbers with a decimal point) and as one XLSX workbook, by path."""
    files = {
        csv_dir / f"{table.number}.csv": csv_bytes([c.heading for c in table.columns], table.rows)
        for table in tables
    }
    files[xlsx_path] = xlsx_bytes(tables, year)
    return files


def grid_table(grid: Grid) -> Table:
    """A document's table as a sheet of a workbook: T1, T2 ... (a spanning cell's value in its
    first column)."""
    from report.render.downloads import grid_rows

    title = grid.caption
    return Table(f"T{grid.number}", title, list(grid.columns), grid_rows(grid))
