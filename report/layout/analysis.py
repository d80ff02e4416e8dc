"""The comparative analysis laid out in one language: the article's study for any focus
country, group and year."""

from __future__ import annotations

from itertools import combinations

from report.compute.facts import COMPONENTS, HEADLINE
from report.compute.indicators import SIGNIFICANCE_LEVEL
from report.compute.selection import is_ad_hoc
from report.compute.study import StudyFacts
from report.data.dataset import Dataset
from report.layout.common import Numbering, article_formulas, in_text, label, rules
from report.layout.model import (
    Cell,
    Column,
    Document,
    Figure,
    Grid,
    Line,
    Matrix,
    RankedBars,
    Row,
    ScatterMatrix,
    TrendChart,
    row,
)
from report.words import labels
from report.words.edition_notes import income_note, method_notes, sources
from report.words.groups import group_name
from report.words.mechanics import capital, join_list
from report.words.narrative import (
    COMPONENT_NAMES,
    correlation_sentence,
    dynamics_sentences,
    group_position_sentence,
    largest_gap_sentence,
    leaders_sentence,
    outsider_position_sentence,
    peer_comparison_sentence,
    selection_caveat,
    sentences,
    small_group_note,
    spread_sentence,
    survey_title,
)
from report.words.text import Text


class _Analysis:
    """What the parts of an analysis share: its facts, names and numbering."""

    def __init__(self, facts: StudyFacts, ds: Dataset, text: Text):
        self.facts, self.ds, self.text = facts, ds, text
        self.numbering = Numbering(text)
        self.name = ds.countries.name(facts.focus, text.lang)
        self.in_text = ds.countries.name_in_text(facts.focus, text.lang)
        self.group_in_text = in_text(text, facts.group)
        self.outside = facts.outsider is not None
        self.ad_hoc = "," in facts.group.key and is_ad_hoc(facts.group.key)

    def country(self, iso3: str) -> str:
        """A country's name in the document's language."""
        return self.ds.countries.name(iso3, self.text.lang)

    def names(self, codes) -> str:
        """Countries' names, comma-separated."""
        return ", ".join(self.country(i) for i in codes)


def _leaders_table(a: _Analysis) -> Grid:
    facts, text = a.facts, a.text
    title = text.gettext("Leaders of the %(year)s Survey: the VH rating class", year=facts.year)
    columns = (
        Column(text.gettext("Rank"), 0),
        Column(text.gettext("Country")),
        *(Column(COMPONENT_NAMES[c], 4) for c in HEADLINE),
    )
    rows = tuple(
        row(
            columns,
            [r.rank, a.country(r.iso3), *(r.values[c] for c in HEADLINE)],
            "focus-row" if r.iso3 == facts.focus else None,
        )
        for r in facts.leaders
    )
    return a.numbering.grid(title, columns, rows)


def _stats_table(a: _Analysis) -> Grid:
    facts, text = a.facts, a.text
    title = text.ngettext(
        "Descriptive statistics of the %(num)d leader",
        "Descriptive statistics of the %(num)d leaders",
        len(facts.leaders),
    )
    headings = labels.statistics(text)
    shown = ("mean", "sd", "sd_sample", "min", "max")
    columns = (Column(text.gettext("Index")), *(Column(headings[k], 4) for k in shown))
    rows = []
    for c in HEADLINE:
        d = facts.described[c]
        cells = [Cell(COMPONENT_NAMES[c], columns[0])]
        for key, column in zip(shown, columns[1:], strict=True):
            at = {"min": d.min_countries, "max": d.max_countries}.get(key)
            cells.append(Cell(getattr(d, key), column, note=a.names(at) if at else None))
        rows.append(Row(tuple(cells)))
    return a.numbering.grid(title, columns, tuple(rows))


def _correlation_table(a: _Analysis) -> Matrix:
    facts, text, n = a.facts, a.text, len(a.facts.leaders)
    k = len(COMPONENTS)
    title = text.gettext("Pearson correlations between the components among the leaders")
    caption = a.numbering.table(title)
    note = text.gettext(
        "The table gives r and, in brackets, its two-sided p-value; n = %(n)s. To be "
        "significant at the %(level)s level, |r| must exceed %(critical)s.",
        n=n,
        level=text.percent(SIGNIFICANCE_LEVEL * 100, 0, in_text=True),
        critical=text.number(facts.critical_r, 3),
    )
    cells = tuple(
        tuple(facts.r(COMPONENTS[j], COMPONENTS[i]) if i > j else None for j in range(k))
        for i in range(k)
    )
    labels_ = tuple(COMPONENT_NAMES[c] for c in COMPONENTS)
    return Matrix(caption, labels_, cells, note, a.numbering.tables)


def _scatter_figure(a: _Analysis) -> Figure:
    facts, k = a.facts, len(COMPONENTS)
    chart = ScatterMatrix(
        tuple(COMPONENT_NAMES[c] for c in COMPONENTS),
        tuple(tuple(r.values[c] for r in facts.leaders) for c in COMPONENTS),
        {
            (i, j): facts.r(COMPONENTS[j], COMPONENTS[i]).r
            for i in range(k)
            for j in range(i + 1, k)
        },
        "r",
        names=tuple(a.country(r.iso3) for r in facts.leaders),
        codes=tuple(r.iso3 for r in facts.leaders),
        indicators=COMPONENTS,
        year=facts.year,
    )
    title = a.text.gettext("OSI, HCI and TII of the leaders, pair by pair")
    return a.numbering.figure_of(title, chart)


def _group_table(a: _Analysis) -> Grid:
    facts, text = a.facts, a.text
    named = {"country": a.in_text, "group": a.group_in_text, "year": facts.year}
    if a.outside:  # the table shows the focus country too
        title = text.gettext(
            "E-government development: %(country)s and %(group)s, %(year)s", **named
        )
    else:
        title = text.gettext("E-government development in %(group)s, %(year)s", **named)
    columns = (
        Column(text.gettext("Country")),
        Column(text.gettext("Rank"), 0),
        *(Column(COMPONENT_NAMES[c], 4) for c in HEADLINE),
        Column(text.gettext("EGDI group")),
        Column(text.gettext("Income group")),
    )
    rows = [
        row(
            columns,
            [
                a.country(r.iso3),
                r.rank,
                *(r.values[c] for c in HEADLINE),
                labels.egdi_group_short(text, r.group),
                labels.income_group_short(text, r.income),
            ],
            "focus-row" if r.iso3 == facts.focus else None,
        )
        for r in facts.members
    ]
    means = [facts.group.means[c] for c in HEADLINE]
    rows.append(row(columns, [text.gettext("Group mean"), None, *means, None, None], "mean-row"))
    if facts.outsider:
        rows.append(_outsider_row(a, columns))
    return a.numbering.grid(title, columns, tuple(rows))


def _outsider_row(a: _Analysis, columns) -> Row:
    """The focus country below the group's mean when it is not a member: compared with the
    group, not counted in it; its rank is the Survey's."""
    r, text = a.facts.outsider, a.text
    name = text.gettext("%(country)s (not a member)", country=a.name)
    values = [name, r.rank, *(r.values[c] for c in HEADLINE)]
    values += [labels.egdi_group_short(text, r.group), labels.income_group_short(text, r.income)]
    return row(columns, values, "focus-row")


def _group_figure(a: _Analysis) -> Figure:
    facts, text = a.facts, a.text
    shown = sorted(
        (*facts.members, *([facts.outsider] if facts.outsider else [])),
        key=lambda r: (r.rank, -r.values["egdi"]),
    )
    chart = RankedBars(
        tuple((a.country(r.iso3), r.values["egdi"], r.iso3 == facts.focus) for r in shown),
        "EGDI",
        mean=facts.group.means["egdi"],
        mean_label=capital(text.gettext("Mean of %(peers)s", peers=a.group_in_text)),
        codes=tuple(r.iso3 for r in shown),
        mean_group=facts.group.key,
        indicator="egdi",
        year=facts.year,
    )
    named = {"country": a.in_text, "group": a.group_in_text, "year": facts.year}
    if a.outside:
        title = text.gettext("EGDI of %(country)s and %(group)s, %(year)s", **named)
    else:
        title = text.gettext("EGDI in %(group)s, %(year)s", **named)
    return a.numbering.figure_of(title, chart)


def _title(a: _Analysis) -> str:
    """The title: a list of countries names them; a focus outside a named group is set beside
    it, not in it."""
    values = {"country": a.in_text, "group": a.group_in_text, "year": a.facts.year}
    if a.ad_hoc:
        others = [a.ds.countries.name_in_text(r.iso3, a.text.lang) for r in a.facts.members]
        others = [name for name in others if name != a.in_text]
        # Translators: also %(members_commas)s, the same names separated by commas only
        return a.text.gettext(
            "E-Government Development: %(country)s compared with %(members)s, %(year)s",
            members=join_list(a.text.lang, others),
            members_commas=", ".join(others),
            **values,
        )
    if a.outside:
        return a.text.gettext(
            "E-Government Development: %(country)s compared with %(group)s, %(year)s", **values
        )
    return a.text.gettext(
        "E-Government Development: %(country)s in comparison with %(group)s, %(year)s", **values
    )


def _group_heading(a: _Analysis) -> str:
    """The heading of the group's section: the focus in its group, or beside it."""
    values = {"country": a.name, "group": a.group_in_text}
    if a.outside:
        return a.text.gettext("%(country)s and %(group)s", **values)
    return a.text.gettext("%(country)s in %(group)s", **values)


def _dynamics_table(a: _Analysis) -> Grid:
    facts, text, dyn = a.facts, a.text, a.facts.dynamics
    title = text.gettext(
        "%(country)s, %(from)s–%(to)s", country=a.in_text, **{"from": dyn.start, "to": facts.year}
    )
    columns = (
        Column(text.gettext("Survey")),
        Column(text.gettext("Rank"), 0),
        *(Column(COMPONENT_NAMES[c], 4) for c in HEADLINE),
    )
    rows = [
        row(columns, [y, r.rank, *(r.values[c] for c in HEADLINE)])
        for y, r in zip(dyn.span, dyn.rows, strict=True)
    ]
    change = Column("", 1, percent=True)
    growth = text.gettext(  # the cells then print without the sign
        "Average annual growth rate, %(from)s–%(to)s, %%", **{"from": dyn.start, "to": facts.year}
    )
    for label_, values, role in (
        (text.gettext("Change, %%"), "pct", "mean-row"),
        (growth, "annual_growth", None),
    ):
        cells = [Cell(label_, columns[0]), Cell(None, columns[0])]
        cells += [Cell(getattr(dyn.changes[c], values), change) for c in HEADLINE]
        rows.append(Row(tuple(cells), role))
    places = Cell(dyn.places, Column("", 0, signed=True))
    label_ = Cell(text.gettext("Places gained in the ranking"), columns[0])
    rows.append(Row((label_, places, Cell(None, columns[0], span=len(HEADLINE)))))
    return a.numbering.grid(title, columns, tuple(rows))


def _dynamics_figure(a: _Analysis) -> Figure:
    facts, text, dyn = a.facts, a.text, a.facts.dynamics
    drawn, note = rules(text, dyn.breaks)
    chart = TrendChart(
        dyn.span,
        tuple(
            Line(
                COMPONENT_NAMES[c],
                tuple(r.values[c] for r in dyn.rows),
                focus=c == "egdi",
                code=facts.focus,
                indicator=c,
            )
            for c in HEADLINE
        ),
        text.gettext("Index value"),
        colours=HEADLINE,
        breaks=drawn,
    )
    title = text.gettext(
        "%(country)s: EGDI and its components, %(from)s–%(to)s",
        country=a.in_text,
        **{"from": dyn.start, "to": facts.year},
    )
    return a.numbering.figure_of(title, chart, note)


def _against_leaders(a: _Analysis, values: dict[str, float]) -> list[str]:
    facts, text = a.facts, a.text
    if facts.is_leader:
        return []
    leaders_means = {c: facts.described[c].mean for c in COMPONENTS}
    return [
        peer_comparison_sentence(
            text, a.in_text, values, leaders_means, group_name(text, "leaders")
        ),
        largest_gap_sentence(text, a.in_text, values, leaders_means),
    ]


def _dynamics_sentences(a: _Analysis) -> list[str]:
    """How EGDI and its components moved over the dynamics span, in index points."""
    facts, dyn = a.facts, a.facts.dynamics
    if dyn.start >= facts.year:
        return []
    series = {
        c: [(y, r.values[c]) for y, r in zip(dyn.span, dyn.rows, strict=True)] for c in HEADLINE
    }
    return dynamics_sentences(a.text, series, {c: list(dyn.break_years[c]) for c in COMPONENTS})


def _conclusions(a: _Analysis) -> list[str]:
    facts, text, focus = a.facts, a.text, a.facts.focus_row
    values = {c: focus.values[c] for c in COMPONENTS}
    n = len(facts.leaders)
    found = [
        (outsider_position_sentence if facts.outsider else group_position_sentence)(
            text,
            a.in_text,
            focus.values["egdi"],
            facts.focus_rank_in_group,
            len(facts.members),
            a.group_in_text,
            facts.group.means["egdi"],
        ),
        peer_comparison_sentence(text, a.in_text, values, facts.group.means, a.group_in_text),
        small_group_note(text, a.in_text, len(facts.members), not facts.outsider),
        leaders_sentence(
            text, a.in_text, focus.values["egdi"], facts.described["egdi"].mean, n, facts.is_leader
        ),
        *_against_leaders(a, values),
        *_dynamics_sentences(a),
        correlation_sentence(
            text,
            {(x, y): (facts.r(x, y).r, facts.r(x, y).p) for x, y in combinations(COMPONENTS, 2)},
            n,
            facts.critical_r,
        )
        + " "
        + selection_caveat(text),
    ]
    return sentences(found)


def _intro(a: _Analysis) -> str:
    if a.facts.outsider:
        return a.text.ngettext(
            "This analysis compares %(country)s with the %(num_word)s country of %(group)s and "
            "with the leaders of the %(year)s UN E-Government Survey, using descriptive "
            "statistics, Pearson correlations and group means. %(country)s is not part of "
            "%(group)s, and the means exclude it.",
            "This analysis compares %(country)s with the %(num_word)s countries of %(group)s "
            "and with the leaders of the %(year)s UN E-Government Survey, using descriptive "
            "statistics, Pearson correlations and group means. %(country)s is not part of "
            "%(group)s, and the means exclude it.",
            len(a.facts.members),
            country=a.in_text,
            group=a.group_in_text,
            year=a.facts.year,
        )
    return a.text.ngettext(
        "This analysis compares %(country)s with the other %(num)d country of %(group)s and "
        "with the leaders of the %(year)s UN E-Government Survey, using descriptive "
        "statistics, Pearson correlations and group means.",
        "This analysis compares %(country)s with the other %(num)d countries of %(group)s "
        "and with the leaders of the %(year)s UN E-Government Survey, using descriptive "
        "statistics, Pearson correlations and group means.",
        len(a.facts.members) - 1,
        country=a.in_text,
        group=a.group_in_text,
        year=a.facts.year,
    )


def _tables_and_figures(a: _Analysis) -> tuple[dict, dict[str, Figure], int]:
    """The tables and figures in the order the document numbers them, and the number of the
    dynamics figure (which lists the breaks in method)."""
    tables = {"leaders_table": _leaders_table(a), "stats_table": _stats_table(a)}
    tables["correlation_table"] = _correlation_table(a)
    figures = {"scatter": _scatter_figure(a)}
    tables["group_table"] = _group_table(a)
    figures["group"] = _group_figure(a)
    tables["dynamics_table"] = _dynamics_table(a)
    figures["dynamics"] = _dynamics_figure(a)
    return tables, figures, a.numbering.figures


def analysis_document(facts: StudyFacts, ds: Dataset, text: Text) -> Document:
    """The analysis of StudyFacts in the language of `text` (ds names countries, editions)."""
    a = _Analysis(facts, ds, text)
    tables, figures, dynamics_figure = _tables_and_figures(a)
    # the analysis compares one survey and follows the focus country since its start: the
    # changes of method that matter are those of that span (facts.notes says so)
    breaks_under = dynamics_figure if facts.dynamics.breaks else None
    parts = {
        "title": _title(a),
        "group_heading": _group_heading(a),
        "country": a.name,
        "group_label": label(text, facts.group),
        "group_in_text": a.group_in_text,
        "year": facts.year,
        "intro": _intro(a),
        **tables,
        "stats_sentence": spread_sentence(text, {c: facts.described[c].sd for c in COMPONENTS}),
        "figures": figures,
        "formulas": article_formulas(),
        "conclusions": _conclusions(a),
        "income_note": income_note(text, facts.notes.income, ds.editions, ds.countries),
        "dynamics_note": labels.changes_note(text),
        "group_definition": labels.group_definition(
            text, facts.group.key, ds.countries, facts.group.members
        ),
        "method": method_notes(text, facts.notes, breaks_under),
        "sources": sources(text, facts.notes, ds.editions),
        "survey_title": survey_title(text, ds.editions.get(facts.year), facts.year),
        "since": facts.dynamics.start,
    }
    return Document("analysis", text.lang, parts)
