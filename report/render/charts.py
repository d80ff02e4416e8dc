"""Charts as SVG with real, selectable text in the document's fonts and number format.

One style for every chart: the Okabe-Ito palette (readable with every common colour-vision
deficiency), the focus country in blue and drawn on top, comparators in distinct colours
*and* dash patterns so they stay apart in grey print, localised decimal separators.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure  # no pyplot: no global figure state, nothing to close
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator
from matplotlib.transforms import blended_transform_factory

from report.data import paths
from report.layout.model import (
    ChartSpec,
    DotPlot,
    Line,
    RankChart,
    RankedBars,
    Rule,
    ScatterMatrix,
    TrendChart,
)
from report.render.svg import lean_svg

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
    "text.parse_math": False,  # a country name with '$' in it is text, not a formula
}


@dataclass(frozen=True)
class Numbers:
    """How a chart writes numbers in its document's language (the words stage's formats)."""

    lang: str
    number: Callable[[float, int], str]  # (value, decimal places)
    integer: Callable[[int], str]

    @classmethod
    def of(cls, text) -> Numbers:
        """The number formats of a words-stage Text."""
        return cls(text.lang, text.number, text.integer)


# Figures are cached per language (see trend_chart): the formats of each language drawn.
_NUMBERS: dict[str, Numbers] = {}


# The forms a chart is drawn in: SVG with real text (set in the document's fonts by
# WeasyPrint or the browser), SVG with its text as outlines (opens alike anywhere, for slides),
# and PNG at slide resolution.
FORMS = ("svg", "outlines", "png")
PNG_DPI = 300  # 6.3 inches: 1890 pixels, the width of a full-HD slide


def draw(spec: ChartSpec, numbers: Numbers, form: str = "svg") -> str | bytes:
    """A chart specification drawn in a form (FORMS), numbers written in the document's
    language: SVG as text, PNG as bytes."""
    if isinstance(spec, TrendChart):
        colours = [COMPONENT_COLOURS[c] for c in spec.colours] if spec.colours else None
        return trend_chart(
            numbers,
            spec.years,
            spec.lines,
            spec.y_label,
            colours=colours,
            breaks=spec.breaks,
            form=form,
        )
    if isinstance(spec, RankChart):
        return rank_chart(numbers, spec.years, spec.ranks, spec.totals, spec.label, form)
    if isinstance(spec, DotPlot):
        return dot_plot(numbers, spec.categories, spec.groups, spec.x_label, form)
    if isinstance(spec, RankedBars):
        return ranked_bars(numbers, spec.items, spec.x_label, spec.mean, spec.mean_label, form)
    if isinstance(spec, ScatterMatrix):
        return scatter_matrix(numbers, spec.labels, spec.columns, spec.r, spec.r_label, form)
    raise TypeError(f"no chart for {type(spec).__name__}")


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context(CHART_STYLE):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _rendered(figure: Figure, form: str) -> str | bytes:
    """A figure in one of FORMS (the SVG with text made lean for WeasyPrint)."""
    if form == "svg":
        return lean_svg(_svg(figure))
    if form == "outlines":
        buffer = io.StringIO()
        with matplotlib.rc_context({**CHART_STYLE, "svg.fonttype": "path"}):
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        return buffer.getvalue()
    if form == "png":
        data = io.BytesIO()
        with matplotlib.rc_context(CHART_STYLE):
            figure.savefig(data, format="png", dpi=PNG_DPI, metadata={"Software": None})
        return data.getvalue()
    raise ValueError(f"no chart form {form!r}")


def _figure(height: float) -> Figure:
    with matplotlib.rc_context(CHART_STYLE):
        return Figure(figsize=(PAGE_WIDTH, height), layout="constrained")


def _axes(
    height: float, left: float = 0.55, right: float = 0.12, bottom: float = 0.42, top: float = 0.1
):
    """A figure with one axes placed by margins in inches. Fixed margins instead of
    matplotlib's constrained layout, which lays the text out several times (half the time
    of a chart); labels whose width varies are measured (text_width)."""
    figure = Figure(figsize=(PAGE_WIDTH, height))
    axes = figure.add_axes(
        (
            left / PAGE_WIDTH,
            bottom / height,
            1 - (left + right) / PAGE_WIDTH,
            1 - (bottom + top) / height,
        )
    )
    return figure, axes


@cache
def _font(bold: bool):
    from matplotlib.font_manager import FontProperties, findfont, get_font

    weight = "bold" if bold else "normal"
    return get_font(findfont(FontProperties(family=CHART_STYLE["font.family"], weight=weight)))


# A FreeType face shares its file offset with every process forked after it was opened: two
# batch workers measuring text with the parent's face read each other's glyphs ("failed to
# load glyph"). Each child opens its own, as matplotlib does for its font cache.
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_font.cache_clear)


@cache
def text_width(label: str, size: float, bold: bool = False) -> float:
    """The width of a label in inches, in the charts' font (FreeType metrics)."""
    font = _font(bold)
    font.set_size(size, 72)
    font.set_text(label)
    return font.get_width_height()[0] / 64 / 72


def _year_labels(years: Sequence[int], lang: str) -> list[str]:
    """Tick labels for survey years: a year between two neighbours one year away (2003,
    2004, 2005) would run into them, so English writes it short ('04), as English does;
    Russian and Kazakh have no such form, so its tick stays unlabelled."""
    labels = []
    for i, year in enumerate(years):
        crowded = 0 < i < len(years) - 1 and years[i - 1] == year - 1 and years[i + 1] == year + 1
        short = f"’{year % 100:02d}" if lang == "en" else ""
        labels.append(short if crowded else str(year))
    return labels


def _number_axis(numbers: Numbers, axis, digits: int) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _: numbers.number(v, digits)))


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


BREAK_COLOUR = "#8C8C8C"


TREND_LEFT = 0.55  # inches left of a trend chart's axis
BREAK_MARGIN = 0.15  # inches above the axes for the breaks' labels


def _draw_breaks(axes, breaks: Sequence[Rule]) -> None:
    """Thin rules between the surveys a method break separates, labelled above the axes
    (not inside, where a label would hide a line)."""
    above = blended_transform_factory(axes.transData, axes.transAxes)
    for item in breaks:
        x = (item.before + item.after) / 2
        axes.axvline(x, color=BREAK_COLOUR, linewidth=0.6, linestyle=(0, (3, 2)), zorder=1)
        axes.text(
            x,
            1.02,
            item.label,
            transform=above,
            ha="center",
            va="bottom",
            fontsize=6.5,
            fontweight="bold",
            color=BREAK_COLOUR,
            clip_on=False,
        )


def trend_chart(
    numbers: Numbers,
    years: Sequence[int],
    lines: Sequence[Line],
    y_label: str,
    height: float = 1.85,
    colours: Sequence[str | None] | None = None,
    breaks: Sequence[Rule] = (),
    form: str = "svg",
) -> str | bytes:
    """Index values (0 to 1) over survey years.

    Briefs draw the same kind of trend chart for every country: the figure (axes, ticks,
    labels, styles) is kept per language and layout, and only the lines' values and the legend
    labels change from one chart to the next, which halves the time of a chart."""
    _NUMBERS[numbers.lang] = numbers
    key = (
        numbers.lang,
        tuple(years),
        y_label,
        height,
        tuple(colours or ()),
        tuple(line.focus for line in lines),
        tuple(breaks),
        _legend_columns([line.label for line in lines]),
    )
    figure, drawn, legend = _trend_figure(*key)
    for artist, label_text, line in zip(drawn, legend.get_texts(), lines, strict=True):
        artist.set_ydata(line.values)
        artist.set_label(line.label)
        label_text.set_text(line.label)
    return _rendered(figure, form)


LEGEND_ENTRY = 0.36  # inches of a legend entry besides its label: line sample and gap (8.5 pt)
LEGEND_SPACING = 0.24  # inches between two legend columns (matplotlib's 2 em)
LEGEND_LINE = 0.17  # inches per row of legend entries


def _legend_columns(labels: Sequence[str]) -> int:
    """How many legend columns fit under a trend chart: all entries on one row when they fit,
    else fewer columns (matplotlib fills them top to bottom), each as wide as its widest
    entry."""
    width = PAGE_WIDTH - TREND_LEFT
    for columns in range(len(labels), 1, -1):
        rows = math.ceil(len(labels) / columns)
        widths = [
            max(text_width(label, CHART_STYLE["font.size"]) for label in labels[c : c + rows])
            for c in range(0, len(labels), rows)
        ]
        if sum(w + LEGEND_ENTRY for w in widths) + LEGEND_SPACING * (columns - 1) <= width:
            return columns
    return 1


@lru_cache(maxsize=8)  # a figure holds ~1 MB: 23 keys over 579 briefs, 50 misses with 8
def _trend_figure(lang, years, y_label, height, colours, focus, breaks, columns):
    """The reusable figure of a trend chart: (figure, its lines, its legend)."""
    numbers = _NUMBERS[lang]
    rows = math.ceil(len(focus) / columns)
    with matplotlib.rc_context(CHART_STYLE):
        # The legend has rows of its own under the axis, where it can hide no line.
        figure, axes = _axes(
            height + LEGEND_LINE * (rows - 1),
            left=TREND_LEFT,
            bottom=0.3 + LEGEND_LINE * rows,
            top=BREAK_MARGIN if breaks else 0.1,
        )
        drawn, comparator = [], 0
        for i, is_focus in enumerate(focus):
            line = Line("", [math.nan] * len(years), is_focus)
            colour = colours[i] if colours else None
            style = _line_style(comparator, line, colour)
            if colours and not is_focus:
                style |= {"color": colour, "linestyle": "-", "marker": "o", "markersize": 3}
            drawn.append(axes.plot(years, line.values, label=f"line {i}", **style)[0])
            comparator += not is_focus
        axes.set_ylim(0, 1.02)
        # steps of 0.2: the default 0.25 would be printed as 0.2 and 0.8 with one decimal
        axes.yaxis.set_major_locator(MultipleLocator(0.2))
        _draw_breaks(axes, breaks)
        axes.set_xlim(min(years) - 0.7, max(years) + 0.7)
        axes.set_xticks(list(years), _year_labels(years, numbers.lang))
        _number_axis(numbers, axes.yaxis, 1)
        axes.set_ylabel(y_label)
        axes.grid(axis="y", color=GRID, linewidth=0.6)
        legend = figure.legend(
            handles=drawn,
            loc="lower left",
            bbox_to_anchor=(TREND_LEFT / PAGE_WIDTH, 0),
            borderaxespad=0,
            borderpad=0.2,
            ncols=columns,
        )
        return figure, drawn, legend


def rank_chart(
    numbers: Numbers,
    years: Sequence[int],
    ranks: Sequence[float],
    totals: Sequence[int],
    label: str,
    form: str = "svg",
) -> str | bytes:
    """A country's rank over survey years, 1 (best) at the top, down to the number of
    countries assessed; under the years, that number (n = 191) at the first survey and
    wherever it changed (the figure's note says it in words). As with the trend charts,
    the figure is kept per language, years and totals; only the line and its labels move."""
    _NUMBERS[numbers.lang] = numbers
    figure, line, marks = _rank_figure(numbers.lang, tuple(years), tuple(totals), label)
    line.set_ydata(ranks)
    for mark, year, rank in zip(marks, years, ranks, strict=True):
        mark.set_visible(assessed := not math.isnan(rank))
        if assessed:
            mark.xy = (year, rank)
            mark.set_text(numbers.integer(int(rank)))
    return _rendered(figure, form)


@lru_cache(maxsize=6)  # 9 keys over the 579 briefs of 2024: each miss comes once
def _rank_figure(lang: str, years: tuple[int, ...], totals: tuple[int, ...], label: str):
    """The reusable figure of a rank chart: (figure, its line, a rank label per year)."""
    numbers = _NUMBERS[lang]
    with matplotlib.rc_context(CHART_STYLE):
        figure, axes = _axes(1.45)
        blank = [math.nan] * len(years)
        (line,) = axes.plot(years, blank, **_line_style(0, Line("", blank, focus=True)))
        marks = [
            axes.annotate(
                "",
                (year, 0),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=7.5,
                color=TEXT,
            )
            for year in years
        ]
        for i, (year, total) in enumerate(zip(years, totals, strict=True)):
            if i == 0 or total != totals[i - 1]:
                axes.annotate(
                    f"n = {numbers.integer(total)}",
                    (year, 0),
                    xycoords=("data", "axes fraction"),
                    textcoords="offset points",
                    xytext=(0, -17),
                    ha="center",
                    va="top",
                    fontsize=6.5,
                    color=COMPARATORS[0],
                )
        bottom = max(totals)
        # room above rank 1 for its label: the label stands some 13 points above its point,
        # a fifth of the axis' height
        axes.set_ylim(bottom + 4, -0.2 * bottom)
        axes.set_yticks([1, *range(50, bottom, 50), bottom])
        _number_axis(numbers, axes.yaxis, 0)
        axes.set_xlim(min(years) - 0.7, max(years) + 0.7)
        axes.set_xticks(list(years), _year_labels(years, numbers.lang))
        axes.set_ylabel(label)
        axes.grid(axis="y", color=GRID, linewidth=0.6)
        return figure, line, marks


MARKERS = ("s", "^", "D", "X", "v")


def dot_plot(
    numbers: Numbers,
    categories: Sequence[str],
    groups: Sequence[Line],
    x_label: str,
    form: str = "svg",
) -> str | bytes:
    """One row per category (an index), one marker per group on a 0-1 scale: the focus country
    a large blue dot, each comparator its own colour and shape (readable in grey print)."""
    with matplotlib.rc_context(CHART_STYLE):
        legend_width = max(text_width(g.label, CHART_STYLE["font.size"]) for g in groups)
        figure, axes = _axes(
            0.5 + 0.24 * len(categories), left=0.5, right=legend_width + 0.45, bottom=0.38, top=0.06
        )
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
        _number_axis(numbers, axes.xaxis, 1)
        axes.set_xlabel(x_label)
        axes.grid(axis="x", color=GRID, linewidth=0.6)
        axes.set_axisbelow(True)
        axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), handletextpad=0.3)
        return _rendered(figure, form)


def ranked_bars(
    numbers: Numbers,
    items: Sequence[tuple[str, float, bool]],
    x_label: str,
    mean: float | None = None,
    mean_label: str | None = None,
    form: str = "svg",
) -> str | bytes:
    """Countries as horizontal bars sorted by value, the highlighted ones in the focus colour;
    the mean, if given, as a line over the bars (its value in the legend).

    The chart of a group is the same for each of its members but for the highlight, so it is
    drawn once per group and language (an LRU cache) and the highlight is set in the SVG."""
    _NUMBERS[numbers.lang] = numbers
    order = sorted(range(len(items)), key=lambda i: -items[i][1])
    drawn = (numbers.lang, tuple((items[i][0], items[i][1]) for i in order), x_label, mean)
    if form != "svg":  # drawn afresh, its highlight set on the bars and labels themselves
        figure = _ranked_bars_figure(*drawn, mean_label)
        axes = figure.axes[0]
        for position, i in enumerate(order):
            if items[i][2]:
                axes.patches[position].set_facecolor(FOCUS)
                axes.get_yticklabels()[position].set_fontweight("bold")
                axes.texts[position].set_fontweight("bold")
        return _rendered(figure, form)
    svg = _ranked_bars_svg(*drawn, mean_label)
    for position, i in enumerate(order):
        if items[i][2]:
            svg = _highlight(svg, position)
    return lean_svg(svg)  # after the highlight: a label set in bold is wider


def _highlight(svg: str, position: int) -> str:
    """Colour bar number `position` in the focus colour and set its labels in bold."""
    start = svg.index(f'<g id="bar-{position}">')
    end = svg.index("</g>", start)  # the bar's group holds one path and no other group
    bar = svg[start:end].replace(f"fill: {BAR.lower()}", f"fill: {FOCUS.lower()}")
    svg = svg[:start] + bar + svg[end:]
    for part in ("label", "value"):
        # the first text after the group's start is its own: a value's white box is a path
        at = svg.index('<text style="', svg.index(f'<g id="{part}-{position}">'))
        svg = svg[:at] + '<text style="font-weight: 700; ' + svg[at + len('<text style="') :]
    return svg


BAR = "#B8B8B8"
BAR_PITCH = 0.155  # inches from one bar to the next
COMPACT_BAR_PITCH = 0.118  # groups of more than COMPACT_FROM: a region keeps to one page
COMPACT_FROM = 24


@lru_cache(maxsize=32)
def _ranked_bars_svg(
    lang: str,
    items: tuple[tuple[str, float], ...],
    x_label: str,
    mean: float | None,
    mean_label: str | None,
) -> str:
    return _svg(_ranked_bars_figure(lang, items, x_label, mean, mean_label))


def _ranked_bars_figure(
    lang: str,
    items: tuple[tuple[str, float], ...],
    x_label: str,
    mean: float | None,
    mean_label: str | None,
) -> Figure:
    numbers = _NUMBERS[lang]
    with matplotlib.rc_context(CHART_STYLE):
        n = len(items)
        left = max(text_width(label, 7.5, bold=True) for label, _ in items) + 0.15
        # Rows of a large group are set closer, so that a region's fifty countries fit on a
        # page with their heading instead of pushing the section to a page of its own.
        pitch = BAR_PITCH if n <= COMPACT_FROM else COMPACT_BAR_PITCH
        legend_row = 0.2 if mean is not None else 0.0
        figure, axes = _axes(
            0.45 + legend_row + pitch * n, left=left, bottom=0.38 + legend_row, top=0.04
        )
        axes.set_axisbelow(True)
        positions = list(range(n))
        bars = axes.barh(positions, [v for _, v in items], color=BAR, height=0.72, zorder=2)
        for y, (bar, (_, value)) in enumerate(zip(bars, items, strict=True)):
            bar.set_gid(f"bar-{y}")
            axes.text(
                value + 0.008,
                y,
                numbers.number(value),
                va="center",
                fontsize=6.8,
                color=TEXT,
                zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6},
                gid=f"value-{y}",
            )
        axes.set_yticks(positions, [label for label, _ in items], fontsize=7.5)
        for y, tick in enumerate(axes.get_yticklabels()):
            tick.set_gid(f"label-{y}")
        if mean is not None:
            values = [v for _, v in items]
            _mean_line(figure, axes, left, f"{mean_label} ({numbers.number(mean)})", mean, values)
        axes.invert_yaxis()
        axes.set_xlim(0, 1.1)
        axes.set_ylim(n - 0.4, -0.6)
        _number_axis(numbers, axes.xaxis, 1)
        axes.set_xlabel(x_label)
        axes.grid(axis="x", color=GRID, linewidth=0.6)
        return figure


def _mean_line(
    figure: Figure, axes, left: float, label: str, mean: float, values: Sequence[float]
) -> None:
    """The mean as a dashed line over the bars and under the value labels (their white
    boxes keep them legible where it passes; behind the bars it hid where every bar is
    longer); its legend below the axis (not over the bars: a long group name would hide the
    shortest bars, the last of which may be the country's own)."""
    style = {"color": COMPARATORS[1], "linestyle": DASHES[0], "linewidth": 1.2}
    axes.vlines(mean, -0.5, len(values) - 0.5, zorder=3, **style)
    figure.legend(
        handles=[Line2D([], [], label=label, **style)],
        loc="lower left",
        bbox_to_anchor=(left / PAGE_WIDTH, 0),
        borderaxespad=0,
        borderpad=0.2,
    )


def scatter_matrix(
    numbers: Numbers,
    labels: Sequence[str],
    columns: Sequence[Sequence[float]],
    r: Mapping[tuple[int, int], float],
    r_label: str,
    form: str = "svg",
) -> str | bytes:
    """Every pair of indicators as a scatter plot (lower triangle), the names on the diagonal
    and Pearson's r in the upper triangle."""
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
                        axes.text(
                            0.5,
                            0.5,
                            f"{r_label} = {numbers.number(r[(i, j)], 3)}",
                            ha="center",
                            va="center",
                            fontsize=9,
                            transform=axes.transAxes,
                        )
                    continue
                axes.scatter(columns[j], columns[i], s=12, c="#5A5A5A", linewidths=0)
                for axis in (axes.xaxis, axes.yaxis):
                    axis.set_major_locator(MaxNLocator(nbins=3))
                    _number_axis(numbers, axis, 2)
                if i == k - 1:
                    axes.set_xlabel(labels[j])
                if j == 0:
                    axes.set_ylabel(labels[i])
        return _rendered(figure, form)


def formula(tex: str, size: float = 11.0) -> str:
    """A displayed formula (matplotlib mathtext, STIX glyphs) as SVG with the glyphs drawn as
    outlines: the body fonts have no Greek letters or combining bars, and no second font
    family is embedded for a few symbols."""
    buffer = io.StringIO()
    style = {
        **CHART_STYLE,
        "svg.fonttype": "path",
        "mathtext.fontset": "stix",
        "text.parse_math": True,
    }
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
