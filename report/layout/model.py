"""The document model: what a document shows, in its language, before it is rendered.

Tables hold raw values with a format per column, figures hold a chart specification whose
labels are already strings, formulas hold their TeX; the render stage draws and typesets."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One series of a chart; NaN leaves a gap (a survey without a value)."""

    label: str
    values: tuple[float, ...]
    focus: bool = False
    code: str = ""  # the ISO3 code of the country it follows
    group: str = ""  # or the set key of the group whose mean it follows (world, cis, region:ECA)
    indicator: str = ""  # egdi, osi, hci, tii, epi


@dataclass(frozen=True)
class Rule:
    """A break in method between two surveys: a thin rule with a short label."""

    before: int
    after: int
    label: str


@dataclass(frozen=True)
class TrendChart:
    """Index values (0 to 1) over survey years, with the breaks in method between them."""

    years: tuple[int, ...]
    lines: tuple[Line, ...]
    y_label: str
    colours: tuple[str, ...] | None = None  # an index per line (osi, hci ...): its colour
    breaks: tuple[Rule, ...] = ()
    indicator: str = ""  # the index of every line, where the lines are places, not indices


@dataclass(frozen=True)
class RankChart:
    """A rank over survey years, with the number of countries assessed in each."""

    years: tuple[int, ...]
    ranks: tuple[float, ...]
    totals: tuple[int, ...]
    label: str
    code: str = ""  # the country's ISO3 code
    country: str = ""  # its name


@dataclass(frozen=True)
class DotPlot:
    """One row per index, one marker per group on a 0-1 scale."""

    categories: tuple[str, ...]
    groups: tuple[Line, ...]
    x_label: str
    indicators: tuple[str, ...] = ()  # the index of each category (egdi, osi ...)
    year: int = 0


@dataclass(frozen=True)
class RankedBars:
    """Countries as bars sorted by value, the highlighted ones in the focus colour."""

    items: tuple[tuple[str, float, bool], ...]  # (label, value, highlighted)
    x_label: str
    mean: float | None = None
    mean_label: str | None = None
    codes: tuple[str, ...] = ()  # the ISO3 code of each item
    mean_group: str = ""  # the set key of the group whose mean is drawn
    indicator: str = ""
    year: int = 0


@dataclass(frozen=True)
class ScatterMatrix:
    """Every pair of indices as a scatter plot, with Pearson's r of each pair."""

    labels: tuple[str, ...]
    columns: tuple[tuple[float, ...], ...]
    r: Mapping[tuple[int, int], float]  # (row, column) of the upper triangle -> r
    r_label: str
    names: tuple[str, ...] = ()  # the name of each point (a country)
    codes: tuple[str, ...] = ()  # its ISO3 code
    indicators: tuple[str, ...] = ()  # the index of each column
    year: int = 0


ChartSpec = TrendChart | RankChart | DotPlot | RankedBars | ScatterMatrix


@dataclass(frozen=True)
class Formula:
    """A displayed formula in TeX (mathtext) and its size in points."""

    tex: str
    size: float = 11.0


@dataclass(frozen=True)
class Figure:
    """A numbered figure: caption, chart and the note under it."""

    caption: str
    chart: ChartSpec
    note: str | None = None
    number: int = 0  # as in the caption: names its downloads (figure-2.svg)
    alt: str = ""  # what the chart shows, in words, for readers who cannot see it


@dataclass(frozen=True)
class Column:
    """A table column: its heading and how its values print (text, integer or n digits)."""

    heading: str
    digits: int | None = None  # None: text; 0: integer; n: decimal places
    percent: bool = False  # a change in per cent, signed, its unit in the heading ('–': undefined)
    signed: bool = False  # with its sign: +3, −0,0120
    align_right: bool | None = None  # default: numbers right, text left
    focus: bool = False  # the focus country's column

    @property
    def numeric(self) -> bool:
        """Whether the column is set right-aligned, as numbers are."""
        return self.digits is not None if self.align_right is None else self.align_right


@dataclass(frozen=True)
class Cell:
    """One cell: a raw value, printed by the format of its column, late (render.html)."""

    value: object
    column: Column = field(metadata={"json": False})  # as in the table's columns
    note: str | None = None  # a line under the value: the countries at a minimum
    span: int = 1
    muted: bool = False


@dataclass(frozen=True)
class Row:
    """A table row: its cells and its role (focus-row, mean-row, headline)."""

    cells: tuple[Cell, ...]
    role: str | None = None


@dataclass(frozen=True)
class Grid:
    """A numbered table of a document, as its rows of typed cells."""

    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    note: str | None = None
    number: int = 0  # as in the caption: names its CSV (table-2.csv)


@dataclass(frozen=True)
class Matrix:
    """A numbered table of correlations: a result (r, p) for each pair below the diagonal."""

    caption: str
    labels: tuple[str, ...]
    cells: tuple[tuple[object, ...], ...]  # row by row; None on and above the diagonal
    note: str
    number: int = 0


def row(columns: Sequence[Column], values: Sequence[object], role: str | None = None) -> Row:
    """A row of one value per column."""
    return Row(tuple(Cell(v, c) for c, v in zip(columns, values, strict=True)), role)


@dataclass(frozen=True)
class Table:
    """An S-numbered table of the supplement, also written as CSV and XLSX."""

    number: str  # S1, S2 ...
    title: str
    columns: list[Column]
    rows: list[list[object]]
    flags: list[str] | None = None  # a CSS class per row (the audit marks mismatches)
    blank: str = "–"  # printed for a missing value
    note: str = ""  # printed under the table (not in its CSV or sheet)

    def row_flags(self) -> list[str]:
        """The CSS class of each row ('' where the row has none)."""
        return self.flags or [""] * len(self.rows)


@dataclass(frozen=True)
class Document:
    """A document laid out in one language: its kind (the template) and its parts."""

    kind: str  # brief, analysis, supplement
    lang: str
    parts: Mapping[str, object] = field(default_factory=dict)

    def figures(self) -> Sequence[Figure]:
        """Every figure of the document, in the order of their numbers."""
        return sorted(_walk(self.parts, Figure), key=lambda f: f.number)

    def grids(self) -> Sequence[Grid | Matrix]:
        """Every numbered table of the document, in the order of their numbers."""
        return sorted(_walk(self.parts, Grid | Matrix), key=lambda g: g.number)

    def as_json(self) -> dict:
        """The whole model as JSON-ready data: sentences, tables, captions, chart specs."""
        return {"kind": self.kind, "lang": self.lang, "parts": _plain(self.parts)}


def _plain(value):
    """Dataclasses as dicts with their type, mappings with string keys, tuples as lists; a
    cell with nothing but its value as that value."""
    if isinstance(value, Cell) and (value.note, value.span, value.muted) == (None, 1, False):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.metadata.get("json", True)
        }
        return {"type": type(value).__name__, **fields}
    if isinstance(value, Mapping):
        return {_key(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _key(key) -> str:
    return ",".join(map(str, key)) if isinstance(key, tuple) else str(key)


def _walk(value, kind):
    if isinstance(value, kind):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _walk(item, kind)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk(item, kind)
