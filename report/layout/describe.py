"""What a chart shows, in words: the text alternative of a figure for readers who cannot see
it (the HTML edition's aria-label, the PDF's alt text). It reads the numbers of the chart's
specification, the ones the chart draws, and names them in the document's language."""

from __future__ import annotations

import math
from collections.abc import Sequence

from report.layout.model import (
    ChartSpec,
    DotPlot,
    Line,
    RankChart,
    RankedBars,
    ScatterMatrix,
    TrendChart,
)
from report.words.mechanics import join_list
from report.words.text import Text

LISTED_BARS = 12  # a longer ranking is told by its first and last three


def describe(text: Text, chart: ChartSpec) -> str:
    """The chart in words: its kind, extent and the values it draws."""
    if isinstance(chart, TrendChart):
        return _trend(text, chart)
    if isinstance(chart, RankChart):
        return _ranks(text, chart)
    if isinstance(chart, DotPlot):
        return _dots(text, chart)
    if isinstance(chart, RankedBars):
        return _bars(text, chart)
    return _scatter(text, chart)


def _drawn(years: Sequence[int], values: Sequence[float]) -> list[tuple[int, float]]:
    return [(y, v) for y, v in zip(years, values, strict=True) if not math.isnan(v)]


def _trend(text: Text, chart: TrendChart) -> str:
    parts = [
        text.gettext(
            "Line chart over the surveys of %(first)s–%(last)s.",
            first=chart.years[0],
            last=chart.years[-1],
        )
    ]
    parts += [_line(text, chart.years, line) for line in chart.lines]
    return " ".join(p for p in parts if p)


def _line(text: Text, years: Sequence[int], line: Line) -> str:
    drawn = _drawn(years, line.values)
    if not drawn:
        return ""
    (first, start), (last, end) = drawn[0], drawn[-1]
    if first == last:
        return text.gettext(
            "%(series)s: %(value)s in %(year)s.",
            series=line.label,
            value=text.number(start),
            year=first,
        )
    return text.gettext(
        "%(series)s: %(start)s in %(from)s, %(end)s in %(to)s.",
        series=line.label,
        start=text.number(start),
        end=text.number(end),
        **{"from": first, "to": last},
    )


def _ranks(text: Text, chart: RankChart) -> str:
    drawn = [
        (y, int(r), n)
        for y, r, n in zip(chart.years, chart.ranks, chart.totals, strict=True)
        if not math.isnan(r)
    ]
    opener = text.gettext("Line chart of the rank, 1 (best) at the top.")
    if not drawn:
        return opener
    ranks = [
        text.gettext(
            "%(year)s: rank %(rank)s of %(total)s.",
            year=y,
            rank=text.integer(r),
            total=text.integer(n),
        )
        for y, r, n in [*drawn[:1], *drawn[1:][-1:]]  # the first and the last survey
    ]
    return " ".join([opener, *ranks])


def _dots(text: Text, chart: DotPlot) -> str:
    opener = text.gettext(
        "Dot chart, %(year)s: each index with a marker for each of %(series)s.",
        year=chart.year,
        series=join_list(text.lang, [g.label for g in chart.groups]),
    )
    rows = [
        text.gettext(
            "%(index)s: %(values)s.",
            index=category,
            values="; ".join(f"{g.label} {text.number(g.values[i])}" for g in chart.groups),
        )
        for i, category in enumerate(chart.categories)
    ]
    return " ".join([opener, *rows])


def _bars(text: Text, chart: RankedBars) -> str:
    ranked = sorted(chart.items, key=lambda item: -item[1])
    shown = [f"{label} {text.number(value)}" for label, value, _ in ranked]
    if len(shown) > LISTED_BARS:
        shown = [*shown[:3], "…", *shown[-3:]]
    parts = [
        text.ngettext(
            "Bar chart of %(indicator)s, %(year)s, %(num)d country from the highest value to "
            "the lowest: %(values)s.",
            "Bar chart of %(indicator)s, %(year)s, %(num)d countries from the highest value to "
            "the lowest: %(values)s.",
            len(ranked),
            indicator=chart.x_label,
            year=chart.year,
            values="; ".join(shown),
        )
    ]
    for place, (label, value, highlighted) in enumerate(ranked, 1):
        if highlighted:
            parts.append(
                text.gettext(
                    "%(country)s: %(value)s, place %(place)s of %(num)s.",
                    country=label,
                    value=text.number(value),
                    place=text.integer(place),
                    num=text.integer(len(ranked)),
                )
            )
    if chart.mean is not None:
        parts.append(f"{chart.mean_label}: {text.number(chart.mean)}.")
    return " ".join(parts)


def _scatter(text: Text, chart: ScatterMatrix) -> str:
    pairs = [
        f"{chart.labels[i]}–{chart.labels[j]} {text.number(r, 3)}"
        for (i, j), r in sorted(chart.r.items())
    ]
    return text.ngettext(
        "Scatter plots of every pair of indices, %(num)d country; Pearson's r: %(pairs)s.",
        "Scatter plots of every pair of indices, %(num)d countries; Pearson's r: %(pairs)s.",
        len(chart.columns[0]) if chart.columns else 0,
        pairs="; ".join(pairs),
    )
