"""Charts as SVG with real, selectable text in the document's fonts and number format.

One style for every chart: the Okabe-Ito palette (readable with every common colour-vision
deficiency), the focus country in blue and drawn on top, comparators in distinct colours
*and* dash patterns so they stay apart in grey print, localised decimal separators.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure  # no pyplot: no global figure state, nothing to close
from matplotlib.ticker import FuncFormatter, MaxNLocator

from . import paths
from .text import Text

FOCUS = "#0072B2"  # blue
COMPARATORS = ("#7F7F7F", "#E69F00", "#009E73", "#CC79A7", "#56B4E9")  # grey, orange, green, ...
DASHES = ((0, (4, 2)), (0, (1, 1.5)), (0, (6, 2, 1, 2)), (0, (3, 1, 1, 1, 1, 1)), (0, (8, 3)))
COMPONENT_COLOURS = {"osi": "#0072B2", "hci": "#009E73", "tii": "#E69F00", "egdi": "#222222"}
TEXT = "#222222"
GRID = "#DDDDDD"
PAGE_WIDTH = 6.3  # inches: the text width of an A4 page with the documents' margins

# matplotlib measures text with the fonts the documents embed, shipped in templates/fonts,
# so labels and legends are laid out for PT Sans whatever the machine has installed.
for _font in sorted((paths.resource_dir("templates") / "fonts").glob("PTS*.ttf")):
    font_manager.fontManager.addfont(str(_font))

# Applied around each chart (not to matplotlib's global settings, which belong to the caller).
CHART_STYLE = {
    "svg.fonttype": "none",  # text stays text: WeasyPrint sets it in the document's fonts
    "svg.hashsalt": "egdi-report",  # fixed ids: the same chart gives the same bytes
    "font.family": ["PT Sans", "DejaVu Sans"],
    "font.size": 8.5,
    "axes.edgecolor": TEXT,
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
}


@dataclass(frozen=True)
class Line:
    """One series of a line chart; NaN leaves a gap (a survey without a value)."""

    label: str
    values: Sequence[float]
    focus: bool = False


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context(CHART_STYLE):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _figure(height: float) -> Figure:
    with matplotlib.rc_context(CHART_STYLE):
        return Figure(figsize=(PAGE_WIDTH, height), layout="constrained")


def _year_labels(years: Sequence[int]) -> list[str]:
    """Tick labels for survey years: a year that follows its neighbour by one (2003, 2004,
    2005) is written short ('04) so that the labels do not run into each other."""
    labels = []
    for i, year in enumerate(years):
        crowded = 0 < i < len(years) - 1 and years[i - 1] == year - 1 and years[i + 1] == year + 1
        labels.append(f"’{year % 100:02d}" if crowded else str(year))
    return labels


def _number_axis(text: Text, axis, digits: int) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _: text.number(v, digits)))


def _line_style(index: int, line: Line, colour: str | None = None) -> dict:
    if line.focus:
        return {
            "color": colour or FOCUS,
            "linewidth": 2.0,
            "marker": "o",
            "markersize": 3.5,
            "zorder": 3,
        }
    return {
        "color": colour or COMPARATORS[index % len(COMPARATORS)],
        "linewidth": 1.3,
        "linestyle": DASHES[index % len(DASHES)],
        "zorder": 2,
    }


def trend_chart(
    text: Text,
    years: Sequence[int],
    lines: Sequence[Line],
    y_label: str,
    height: float = 2.05,
    colours: Sequence[str | None] | None = None,
) -> str:
    """Index values (0 to 1) over survey years."""
    with matplotlib.rc_context(CHART_STYLE):
        figure = _figure(height)
        axes = figure.add_subplot()
        comparator = 0
        for i, line in enumerate(lines):
            colour = colours[i] if colours else None
            style = _line_style(comparator, line, colour)
            if colours and not line.focus:
                style |= {"color": colour, "linestyle": "-", "marker": "o", "markersize": 3}
            axes.plot(years, line.values, label=line.label, **style)
            comparator += not line.focus
        axes.set_ylim(0, 1.02)
        axes.set_xlim(min(years) - 0.7, max(years) + 0.7)
        axes.set_xticks(list(years), _year_labels(years))
        _number_axis(text, axes.yaxis, 1)
        axes.set_ylabel(y_label)
        axes.grid(axis="y", color=GRID, linewidth=0.6)
        axes.legend(loc="lower right", ncols=min(4, len(lines)))
        return _svg(figure)


def rank_chart(
    text: Text, years: Sequence[int], ranks: Sequence[float], totals: Sequence[int], label: str
) -> str:
    """A country's rank over survey years, 1 (best) at the top, down to the number of countries."""
    with matplotlib.rc_context(CHART_STYLE):
        figure = _figure(1.75)
        axes = figure.add_subplot()
        axes.plot(years, ranks, **_line_style(0, Line("", ranks, focus=True)))
        for year, rank in zip(years, ranks, strict=True):
            if not math.isnan(rank):
                axes.annotate(
                    text.integer(int(rank)),
                    (year, rank),
                    textcoords="offset points",
                    xytext=(0, 6),
                    ha="center",
                    fontsize=7.5,
                    color=TEXT,
                )
        bottom = max(totals)
        axes.set_ylim(bottom + 4, -8)  # room above rank 1 for its label
        axes.set_yticks([1, *range(50, bottom, 50), bottom])
        _number_axis(text, axes.yaxis, 0)
        axes.set_xlim(min(years) - 0.7, max(years) + 0.7)
        axes.set_xticks(list(years), _year_labels(years))
        axes.set_ylabel(label)
        axes.grid(axis="y", color=GRID, linewidth=0.6)
        return _svg(figure)


MARKERS = ("s", "^", "D", "X", "v")


def dot_plot(text: Text, categories: Sequence[str], groups: Sequence[Line], x_label: str) -> str:
    """One row per category (an index), one marker per group on a 0-1 scale: the focus country
    a large blue dot, each comparator its own colour and shape (readable in grey print)."""
    with matplotlib.rc_context(CHART_STYLE):
        figure = _figure(0.5 + 0.24 * len(categories))
        axes = figure.add_subplot()
        rows = range(len(categories))
        comparator = 0
        for group in groups:
            if group.focus:
                style = {"color": FOCUS, "marker": "o", "s": 70, "zorder": 4}
            else:
                style = {
                    "color": COMPARATORS[comparator % len(COMPARATORS)],
                    "marker": MARKERS[comparator % len(MARKERS)],
                    "s": 34,
                    "zorder": 3,
                }
                comparator += 1
            axes.scatter(group.values, rows, label=group.label, linewidths=0, **style)
        for row in rows:
            values = [group.values[row] for group in groups]
            axes.plot([min(values), max(values)], [row, row], color=GRID, linewidth=2, zorder=1)
        axes.set_yticks(list(rows), categories)
        axes.invert_yaxis()
        axes.set_ylim(len(categories) - 0.5, -0.5)
        axes.set_xlim(0, 1)
        _number_axis(text, axes.xaxis, 1)
        axes.set_xlabel(x_label)
        axes.grid(axis="x", color=GRID, linewidth=0.6)
        axes.set_axisbelow(True)
        axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), handletextpad=0.3)
        return _svg(figure)


def ranked_bars(
    text: Text,
    items: Sequence[tuple[str, float, bool]],
    x_label: str,
    mean: float | None = None,
    mean_label: str | None = None,
) -> str:
    """Countries as horizontal bars sorted by value, the highlighted ones in the focus colour;
    the mean, if given, as a line behind the bars (its value in the legend)."""
    with matplotlib.rc_context(CHART_STYLE):
        ordered = sorted(items, key=lambda item: -item[1])
        n = len(ordered)
        figure = _figure(0.45 + 0.155 * n)
        axes = figure.add_subplot()
        axes.set_axisbelow(True)
        positions = list(range(n))
        colours = [FOCUS if highlight else "#B8B8B8" for _, _, highlight in ordered]
        axes.barh(positions, [v for _, v, _ in ordered], color=colours, height=0.72, zorder=2)
        for y, (_, value, highlight) in zip(positions, ordered, strict=True):
            axes.text(
                value + 0.008,
                y,
                text.number(value),
                va="center",
                fontsize=6.8,
                color=TEXT,
                fontweight="bold" if highlight else "normal",
                zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6},
            )
        axes.set_yticks(positions, [label for label, _, _ in ordered], fontsize=7.5)
        for tick, (_, _, highlight) in zip(axes.get_yticklabels(), ordered, strict=True):
            tick.set_fontweight("bold" if highlight else "normal")
        if mean is not None:
            axes.axvline(
                mean,
                color=COMPARATORS[1],
                linestyle=DASHES[0],
                linewidth=1.2,
                label=f"{mean_label} ({text.number(mean)})",
                zorder=1,
            )
            axes.legend(loc="lower right", framealpha=1.0, frameon=True, edgecolor="white")
        axes.invert_yaxis()
        axes.set_xlim(0, 1.1)
        axes.set_ylim(n - 0.4, -0.6)
        _number_axis(text, axes.xaxis, 1)
        axes.set_xlabel(x_label)
        axes.grid(axis="x", color=GRID, linewidth=0.6)
        return _svg(figure)


def scatter_matrix(
    text: Text,
    labels: Sequence[str],
    columns: Sequence[Sequence[float]],
    r_label: str,
) -> str:
    """Every pair of indicators as a scatter plot (lower triangle), the names on the diagonal
    and Pearson's r in the upper triangle."""
    from .indicators import pearson

    k = len(columns)
    with matplotlib.rc_context(CHART_STYLE):
        figure = _figure(PAGE_WIDTH * 0.62)
        grid = figure.subplots(k, k)
        for i in range(k):
            for j in range(k):
                axes = grid[i][j]
                axes.tick_params(labelsize=6.5)
                if i <= j:
                    axes.set_axis_off()
                    if i == j:
                        axes.text(
                            0.5,
                            0.5,
                            labels[i],
                            ha="center",
                            va="center",
                            fontsize=11,
                            fontweight="bold",
                            transform=axes.transAxes,
                        )
                    else:
                        r = pearson(columns[j], columns[i]).r
                        axes.text(
                            0.5,
                            0.5,
                            f"{r_label} = {text.number(r, 3)}",
                            ha="center",
                            va="center",
                            fontsize=9,
                            transform=axes.transAxes,
                        )
                    continue
                axes.scatter(columns[j], columns[i], s=12, c="#5A5A5A", linewidths=0)
                for axis in (axes.xaxis, axes.yaxis):
                    axis.set_major_locator(MaxNLocator(nbins=3))
                    _number_axis(text, axis, 2)
                if i == k - 1:
                    axes.set_xlabel(labels[j])
                if j == 0:
                    axes.set_ylabel(labels[i])
        return _svg(figure)


def formula(tex: str, size: float = 11.0) -> str:
    """A displayed formula (matplotlib mathtext, STIX glyphs) as SVG with the glyphs drawn as
    outlines: the body fonts have no Greek letters or combining bars, and no second font
    family is embedded for a few symbols."""
    buffer = io.StringIO()
    style = {**CHART_STYLE, "svg.fonttype": "path", "mathtext.fontset": "stix"}
    with matplotlib.rc_context(style):
        figure = Figure(figsize=(0.1, 0.1))
        figure.text(0, 0, f"${tex}$", fontsize=size, color=TEXT)
        figure.savefig(
            buffer,
            format="svg",
            bbox_inches="tight",
            pad_inches=0.02,
            transparent=True,
            metadata={"Date": None, "Creator": None},
        )
    return buffer.getvalue()
