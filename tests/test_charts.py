"""Charts: real text in the documents' font, localised numbers, stable bytes, hard cases."""

from __future__ import annotations

import math
import re

import pytest

from report.build.documents import brief_layout
from report.render import charts
from report.render.html import figure_svg
from report.words.text import Text


def N(lang: str) -> charts.Numbers:
    return charts.Numbers.of(Text(lang))


YEARS = [2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022]


def test_text_stays_text_in_pt_sans_with_local_decimals():
    svg = charts.trend_chart(N("ru"), YEARS, [charts.Line("Казахстан", [0.5] * 11, True)], "EGDI")
    assert "<text" in svg and "PT Sans" in svg
    assert ">0,2<" in svg and ">0.2<" not in svg  # tick labels
    assert "Казахстан" in svg


def test_the_same_chart_gives_the_same_bytes():
    draw = lambda: charts.dot_plot(  # noqa: E731
        Text("en"),
        ["EGDI", "OSI"],
        [charts.Line("A", [0.5, 0.6], True), charts.Line("B", [0.4, 0.3])],
        "x",
    )
    assert draw() == draw()
    assert not re.search(r"<dc:date>", draw())


def test_gaps_zeros_and_long_names():
    values = [math.nan, math.nan, math.nan, 0.0, 0.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5]
    svg = charts.trend_chart(N("kk"), YEARS, [charts.Line("Черногория", values, True)], "EGDI")
    assert svg.startswith("<?xml")
    ranks = [math.nan, math.nan, math.nan, 100, 60, 57, 45, 47, 58, 75, 71]
    assert "<svg" in charts.rank_chart(N("kk"), YEARS, ranks, [191] * 11, "Рейтинг")
    many = [(f"Country with a rather long name {i}", i / 60, i == 7) for i in range(52)]
    assert "Country with a rather long name 51" in charts.ranked_bars(N("en"), many, "EGDI")


def test_formula_is_drawn_as_outlines():
    svg = charts.formula(r"\bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i")
    assert "<path" in svg and "<text" not in svg and "dc:date" not in svg


@pytest.mark.parametrize(("iso3", "year"), [("MNE", 2008), ("KIR", 2022), ("SSD", 2022)])
def test_every_brief_chart_draws_for_hard_cases(dataset, iso3, year):
    figures = brief_layout(dataset, iso3, year, "en").parts["figures"]
    assert all(figure_svg(figure, "en").startswith("<?xml") for figure in figures.values())


def test_the_highlighted_bar_is_blue_with_bold_labels_and_the_others_are_not():
    items = [("Alpha", 0.9, False), ("Beta", 0.8, True), ("Gamma", 0.7, False)]
    svg = charts.ranked_bars(N("en"), items, "EGDI")
    bold = re.findall(r'<text [^>]*font-weight="700"[^>]*>([^<]*)</text>', svg)
    assert bold == ["Beta", "0.8000"]  # the name and the value of the highlighted bar
    fills = re.findall(r'<g id="bar-\d+"><path [^>]*fill="(#[0-9a-f]+)"', svg)
    assert fills == [charts.BAR.lower(), charts.FOCUS.lower(), charts.BAR.lower()]


def test_a_reused_chart_figure_draws_what_a_new_one_draws():
    def trend(values):
        return charts.trend_chart(N("en"), YEARS, [charts.Line("A", values, True)], "EGDI")

    first = trend([0.5] * 11)
    trend([0.2] * 11)  # the same figure, other values
    again = trend([0.5] * 11)
    charts._trend_figure.cache_clear()
    assert again == first == trend([0.5] * 11)


def test_the_mean_legend_sits_below_the_axis_not_over_the_shortest_bars():
    items = [(f"Country {i}", (i + 1) / 60, i == 47) for i in range(48)]
    label = "«Сахарадан оңтүстікке қарай Африка» тобының орташа мәні"
    svg = charts.ranked_bars(N("kk"), items, "EGDI", mean=0.4, mean_label=label)
    legend_y = float(re.search(r'<text [^>]*y="([\d.]+)"[^>]*>«Сахарадан', svg).group(1))
    paths = re.findall(r'<g id="bar-\d+"><path d="([^"]*)"', svg)
    lowest_bar = max(float(y) for d in paths for y in re.findall(r"[LM] [\d.]+ ([\d.]+)", d))
    x_label_y = float(re.search(r'<text [^>]*y="([\d.]+)"[^>]*>EGDI<', svg).group(1))
    assert lowest_bar < x_label_y < legend_y  # bars, then the axis and its label, then the key
