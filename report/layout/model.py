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


@dataclass(frozen=True)
class RankChart:
    """A rank over survey years, with the number of countries assessed in each."""

    years: tuple[int, ...]
    ranks: tuple[float, ...]
    totals: tuple[int, ...]
    label: str


@dataclass(frozen=True)
class DotPlot:
    """One row per index, one marker per group on a 0-1 scale."""

    categories: tuple[str, ...]
    groups: tuple[Line, ...]
    x_label: str


@dataclass(frozen=True)
class RankedBars:
    """Countries as bars sorted by value, the highlighted ones in the focus colour."""

    items: tuple[tuple[str, float, bool], ...]  # (label, value, highlighted)
    x_label: str
    mean: float | None = None
    mean_label: str | None = None


@dataclass(frozen=True)
class ScatterMatrix:
    """Every pair of indices as a scatter plot, with Pearson's r of each pair."""

    labels: tuple[str, ...]
    columns: tuple[tuple[float, ...], ...]
    r: Mapping[tuple[int, int], float]  # (row, column) of the upper triangle -> r
    r_label: str


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


@dataclass(frozen=True)
class Column:
    """A table column: its heading and how its values print (text, integer or n digits)."""

    heading: str
    digits: int | None = None  # None: text; 0: integer; n: decimal places
    percent: bool = False


@dataclass(frozen=True)
class Table:
    """A numbered table, with its values as Python numbers and strings."""

    number: str  # 1, 2 ... or S1, S2 ...
    title: str
    columns: list[Column]
    rows: list[list[object]]
    flags: list[str] | None = None  # a CSS class per row (the audit marks mismatches)


@dataclass(frozen=True)
class Document:
    """A document laid out in one language: its kind (the template) and its parts."""

    kind: str  # brief, analysis, supplement
    lang: str
    parts: Mapping[str, object] = field(default_factory=dict)

    def figures(self) -> Sequence[Figure]:
        """Every figure of the document, in no particular order."""
        return list(_walk(self.parts, Figure))

    def as_json(self) -> dict:
        """The whole model as JSON-ready data: sentences, tables, captions, chart specs."""
        return {"kind": self.kind, "lang": self.lang, "parts": _plain(self.parts)}


def _plain(value):
    """Dataclasses as dicts with their type, mappings with string keys, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
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
