"""The downloads of a document: each chart's data and each table as CSV, the facts as JSON,
the charts as SVG and PNG, and a ZIP of them all; reproducible to the byte.

A chart's CSV is in long form, one value per row (series, ISO3, group, indicator, year,
value), read from the chart's own specification, so that it holds the numbers drawn; its
header lines (#) say what they are: figure, source, indicator, units, licence."""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from report.layout.model import (
    Cell,
    ChartSpec,
    DotPlot,
    Figure,
    Grid,
    Line,
    Matrix,
    RankChart,
    RankedBars,
    ScatterMatrix,
    Table,
    TrendChart,
)
from report.words.text import Text

SEPARATORS = (",", ";")  # ';' writes decimal commas too: Excel's reading in ru and kk
BOM = "\ufeff"  # Excel reads a file with it as UTF-8, not in the system's code page


@dataclass(frozen=True)
class Datum:
    """One value a chart draws: what it belongs to (a country or a group's mean), its
    indicator and survey."""

    series: str
    iso3: str
    group: str
    indicator: str
    year: int
    value: float


def chart_data(spec: ChartSpec) -> list[Datum]:
    """The values a chart draws, series by series (gaps left out)."""
    if isinstance(spec, TrendChart):
        return [
            datum
            for line in spec.lines
            for datum in _line(line, spec.years, line.indicator or spec.indicator)
        ]
    if isinstance(spec, RankChart):
        return _ranks(spec)
    if isinstance(spec, DotPlot):
        return [
            Datum(g.label, g.code, g.group, spec.indicators[i], spec.year, g.values[i])
            for g in spec.groups
            for i in range(len(spec.categories))
        ]
    if isinstance(spec, RankedBars):
        return _bars(spec)
    if isinstance(spec, ScatterMatrix):
        return [
            Datum(name, code, "", spec.indicators[i], spec.year, spec.columns[i][p])
            for p, (name, code) in enumerate(zip(spec.names, spec.codes, strict=True))
            for i in range(len(spec.columns))
        ]
    raise TypeError(f"no data for {type(spec).__name__}")


def _line(line: Line, years: Sequence[int], indicator: str) -> list[Datum]:
    return [
        Datum(line.label, line.code, line.group, indicator, year, value)
        for year, value in zip(years, line.values, strict=True)
        if not math.isnan(value)
    ]


def _ranks(spec: RankChart) -> list[Datum]:
    found = []
    for year, rank, total in zip(spec.years, spec.ranks, spec.totals, strict=True):
        if not math.isnan(rank):
            found.append(Datum(spec.country, spec.code, "", "rank", year, int(rank)))
        found.append(Datum(spec.country, spec.code, "", "assessed", year, total))
    return found


def _bars(spec: RankedBars) -> list[Datum]:
    found = [
        Datum(label, code, "", spec.indicator, spec.year, value)
        for (label, value, _), code in zip(spec.items, spec.codes, strict=True)
    ]
    if spec.mean is not None:
        found.append(
            Datum(spec.mean_label or "", "", spec.mean_group, spec.indicator, spec.year, spec.mean)
        )
    return found


def _number(value: object, separator: str) -> object:
    """A number as the CSV writes it: Python's shortest form, a decimal comma with ';'."""
    if isinstance(value, float) and separator == ";":
        return repr(value).replace(".", ",")
    return value


def csv_bytes(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    separator: str = ",",
    about: Sequence[str] = (),
) -> bytes:
    """CSV with a byte-order mark, LF line ends, the header lines of `about` (# ...) first."""
    if separator not in SEPARATORS:
        raise ValueError(f"separator {separator!r}: give one of {', '.join(SEPARATORS)}")
    buffer = io.StringIO()
    buffer.write(BOM)
    for line in about:  # without the word joiners that keep a PDF's lines whole
        buffer.write(f"# {line.replace(chr(0x2060), '')}\n")
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_number(v, separator) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def indicator_name(text: Text, indicator: str) -> str:
    """An indicator as the CSV names it: EGDI, OSI ... or the rank and the count assessed."""
    if indicator == "rank":
        return text.gettext("Rank")
    if indicator == "assessed":
        return text.gettext("Countries assessed")
    return indicator.upper()


def units(text: Text, indicators: Iterable[str]) -> str:
    """What the values of the indicators measure."""
    said = {
        "rank": text.gettext("rank: place among the countries assessed, 1 is best"),
        "assessed": text.gettext("countries assessed: how many countries the survey assessed"),
    }
    index = text.gettext("index values from 0 to 1")
    return "; ".join(dict.fromkeys(said.get(i, index) for i in indicators))


def chart_csv(text: Text, figure: Figure, about: Sequence[str], separator: str = ",") -> bytes:
    """A figure's data as CSV, its caption, indicators and units in the header lines."""
    data = chart_data(figure.chart)
    indicators = [d.indicator for d in data]
    header_lines = [
        figure.caption,
        *about,
        text.gettext(
            "Indicators: %(names)s",
            names=", ".join(indicator_name(text, i) for i in dict.fromkeys(indicators)),
        ),
        text.gettext("Units: %(units)s", units=units(text, indicators)),
    ]
    header = [
        text.gettext("Series"),
        "ISO3",
        text.gettext("Group code"),
        text.gettext("Indicator"),
        text.gettext("Year"),
        text.gettext("Value"),
    ]
    rows = [
        (d.series, d.iso3, d.group, indicator_name(text, d.indicator), d.year, d.value)
        for d in data
    ]
    return csv_bytes(header, rows, separator, header_lines)


def grid_rows(grid: Grid) -> list[list[object]]:
    """A table's rows as raw values, a cell spanning columns followed by blanks."""
    rows = []
    for row in grid.rows:
        values: list[object] = []
        for cell in row.cells:
            values.append(_value(cell))
            values += [None] * (cell.span - 1)
        rows.append(values)
    return rows


def _value(cell: Cell) -> object:
    return cell.value if cell.note is None else f"{cell.value} ({cell.note})"


def grid_csv(grid: Grid, about: Sequence[str], separator: str = ",") -> bytes:
    """A table as CSV: its headings and raw values, its caption and note as header lines."""
    header_lines = [grid.caption, *([grid.note] if grid.note else []), *about]
    headings = [c.heading for c in grid.columns]
    return csv_bytes(headings, grid_rows(grid), separator, header_lines)


def json_bytes(value: object) -> bytes:
    """JSON as the downloads write it: UTF-8, keys sorted, two-space indent, NaN as null."""
    text = json.dumps(finite(value), ensure_ascii=False, indent=2, sort_keys=True, default=str)
    return (text + "\n").encode()


def finite(value):
    """A JSON value with null where a number is not finite (JSON has no NaN or Infinity)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def zip_bytes(files: dict[str, bytes], mode: int = 0o644) -> bytes:
    """A ZIP of files by their names inside it, in the order given, with fixed dates and
    permissions: the same files give the same bytes."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = mode << 16
            archive.writestr(entry, data)
    return output.getvalue()


def matrix_csv(text: Text, matrix: Matrix, about: Sequence[str], separator: str = ",") -> bytes:
    """A correlation table as CSV: one row per pair, its r and p-value."""
    header = [text.gettext("First index"), text.gettext("Second index"), "r", "p"]
    rows = [
        (matrix.labels[j], matrix.labels[i], cell.r, cell.p)
        for i, cells in enumerate(matrix.cells)
        for j, cell in enumerate(cells)
        if cell is not None
    ]
    return csv_bytes(header, rows, separator, [matrix.caption, matrix.note, *about])


def table_csv(table: Table, about: Sequence[str], separator: str = ",") -> bytes:
    """A supplement's table as CSV: its headings and raw values, its title and note first."""
    header_lines = [f"{table.number}. {table.title}", *([table.note] if table.note else []), *about]
    return csv_bytes([c.heading for c in table.columns], table.rows, separator, header_lines)
