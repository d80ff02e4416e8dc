"""Pieces every document's layout uses: numbering, group names, break rules, formulas."""

from __future__ import annotations

from collections.abc import Sequence

from report.compute.facts import Break, GroupMeans
from report.layout.describe import describe
from report.layout.model import ChartSpec, Column, Figure, Formula, Grid, Row, Rule
from report.words import labels
from report.words.edition_notes import breaks_note
from report.words.groups import GroupName, group_name
from report.words.mechanics import capital
from report.words.text import Text


class Numbering:
    """Numbers tables and figures in the order a document shows them."""

    def __init__(self, text: Text):
        self.text = text
        self.tables = 0
        self.figures = 0

    def table(self, title: str) -> str:
        """'Table 3. <title>'."""
        self.tables += 1
        return self.text.gettext("Table %(n)s. %(title)s", n=self.tables, title=capital(title))

    def figure(self, title: str) -> str:
        """'Figure 2. <title>'."""
        self.figures += 1
        return self.text.gettext("Figure %(n)s. %(title)s", n=self.figures, title=capital(title))

    def figure_of(self, title: str, chart: ChartSpec, note: str | None = None) -> Figure:
        """The next figure: its numbered caption, chart, note and the chart in words."""
        caption = self.figure(title)
        return Figure(caption, chart, note, number=self.figures, alt=describe(self.text, chart))

    def grid(
        self, title: str, columns: tuple[Column, ...], rows: tuple[Row, ...], note=None
    ) -> Grid:
        """The next table: its numbered caption, columns, rows and note."""
        return Grid(self.table(title), columns, tuple(rows), note, number=self.tables)


def label(text: Text, group: GroupMeans) -> str:
    """A reference group as a table heading: CIS, СНГ."""
    return labels.set_label(text, group.key)


def in_text(text: Text, group: GroupMeans) -> GroupName:
    """A reference group's name with the forms sentences take (the CIS, стран СНГ)."""
    return group_name(text, group.key)


def rules(text: Text, breaks: Sequence[Break]) -> tuple[tuple[Rule, ...], str | None]:
    """The numbered rules a trend chart draws for its breaks in method, and their note."""
    drawn = tuple(Rule(b.before, b.after, str(n)) for n, b in enumerate(breaks, 1))
    return drawn, breaks_note(text, breaks)


def article_formulas() -> dict[str, Formula]:
    """The article's formulas 1-7 (and the t statistic)."""
    group_mean = r"\overline{{\mathrm{{{x}}}}} = \frac{{1}}{{n}}\sum_{{c=1}}^{{n}} \mathrm{{{x}}}_c"
    return {
        "mean": Formula(r"\bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i", 12),
        "sd": Formula(r"\sigma = \sqrt{\frac{1}{n}\sum_{i=1}^{n}(x_i - \bar{x})^2}", 12),
        "pearson": Formula(
            r"r_{xy} = \frac{\sum_{i=1}^{n}(x_i - \bar{x})(y_i - \bar{y})}"
            r"{\sqrt{\sum_{i=1}^{n}(x_i - \bar{x})^2 \; \sum_{i=1}^{n}(y_i - \bar{y})^2}}",
            15,
        ),
        "t": Formula(r"t = r\,\sqrt{\frac{n - 2}{1 - r^2}}", 12),
        **{
            f"group_{name}": Formula(group_mean.format(x=label), 11)
            for name, label in (("egdi", "EGDI"), ("osi", "OSI"), ("tii", "TII"), ("hci", "HCI"))
        },
    }
