"""Charts as SVG with real, selectable text in the document's fonts and number format."""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure  # no pyplot: no global figure state, nothing to close
from matplotlib.ticker import FuncFormatter

from . import paths
from .text import Text

# Okabe-Ito, a palette readable with every common colour-vision deficiency.
FOCUS = "#0072B2"
REFERENCE = "#7F7F7F"
TEXT = "#222222"
GRID = "#DDDDDD"

# matplotlib measures text with the fonts the documents embed, shipped in templates/fonts,
# so labels and legends are laid out for PT Sans whatever the machine has installed.
for _font in sorted((paths.resource_dir("templates") / "fonts").glob("PTS*.ttf")):
    font_manager.fontManager.addfont(str(_font))

# Applied around each chart (not to matplotlib's global settings, which belong to the caller).
CHART_STYLE = {
    "svg.fonttype": "none",  # text stays text: WeasyPrint sets it in the document's fonts
    "svg.hashsalt": "egdi-report",  # fixed ids: the same chart gives the same bytes
    "font.family": ["PT Sans", "DejaVu Sans"],
    "font.size": 9,
    "axes.edgecolor": TEXT,
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _year_labels(years: Sequence[int], min_gap: int = 2) -> list[str]:
    """Tick labels for survey years, leaving out a label that would crowd its left neighbour
    (2003, 2004 and 2005 sit a year apart); the tick itself stays."""
    labels, last = [], None
    for year in years:
        show = last is None or year - last >= min_gap or year == years[-1]
        labels.append(str(year) if show else "")
        last = year if show else last
    return labels


def trend_chart(
    text: Text,
    years: Sequence[int],
    series: Sequence[tuple[str, Sequence[float], bool]],
    y_label: str,
) -> str:
    """A line chart over survey years; each series is (label, values, is_focus)."""
    with matplotlib.rc_context(CHART_STYLE):
        return _trend_chart(text, years, series, y_label)


def _trend_chart(
    text: Text,
    years: Sequence[int],
    series: Sequence[tuple[str, Sequence[float], bool]],
    y_label: str,
) -> str:
    figure = Figure(figsize=(6.3, 2.15))
    axes = figure.add_axes((0.085, 0.14, 0.9, 0.82))
    for label, values, focus in series:
        axes.plot(
            years,
            values,
            label=label,
            color=FOCUS if focus else REFERENCE,
            linewidth=2.0 if focus else 1.3,
            linestyle="-" if focus else (0, (4, 2)),
            marker="o" if focus else None,
            markersize=4,
            zorder=3 if focus else 2,
        )
    axes.set_ylim(0, 1)
    axes.set_xlim(min(years) - 0.7, max(years) + 0.7)
    axes.set_xticks(list(years))
    axes.set_xticklabels(_year_labels(years))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: text.number(v, 1)))
    axes.set_ylabel(y_label)
    axes.grid(axis="y", color=GRID, linewidth=0.6)
    axes.legend(loc="lower right", frameon=False)
    return _svg(figure)
