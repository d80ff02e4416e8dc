"""The country brief laid out in one language: its sentences, tables and figures."""

from __future__ import annotations

import math

from report.compute.brief import BriefFacts
from report.compute.facts import COMPONENTS, HEADLINE
from report.compute.indicators import RATING_CLASSES_SINCE
from report.data.dataset import Dataset
from report.layout.common import Numbering, in_text, label, rules
from report.layout.model import (
    Cell,
    Column,
    Document,
    DotPlot,
    Figure,
    Grid,
    Line,
    RankChart,
    RankedBars,
    Row,
    TrendChart,
    row,
)
from report.words import labels
from report.words.edition_notes import income_note, method_notes, sources
from report.words.mechanics import capital
from report.words.narrative import (
    COMPONENT_NAMES,
    assessed_note,
    best_rank_sentence,
    change_sentence,
    driver_sentence,
    listing,
    peer_comparison_sentence,
    peer_rank_sentence,
    position_sentence,
    recent_break_sentence,
    sentences,
    since_first_sentence,
    small_group_note,
    survey_title,
    weakest,
    weakest_component_sentence,
    zero_years_sentence,
)
from report.words.text import Text


class _Brief:
    """What the parts of a brief share: its facts, names and numbering."""

    def __init__(self, facts: BriefFacts, ds: Dataset, text: Text):
        self.facts, self.ds, self.text = facts, ds, text
        self.numbering = Numbering(text)
        self.name = ds.countries.name(facts.iso3, text.lang)
        self.in_text = ds.countries.name_in_text(facts.iso3, text.lang)
        self.peers = facts.comparator(facts.peer_role)
        self.peers_in_text = in_text(text, self.peers)

    def span(self) -> dict:
        """The first and last survey, as the captions take them."""
        return {"first": self.facts.years[0], "last": self.facts.year}


def _component_table(b: _Brief) -> Grid:
    facts, text = b.facts, b.text
    title = text.gettext(
        "EGDI and its components against reference groups, %(year)s", year=facts.year
    )
    columns = (
        Column(text.gettext("Index")),
        Column(b.name, 4, focus=True),
        *(Column(label(text, c), 4) for c in facts.comparators),
    )
    rows = tuple(
        row(
            columns,
            [
                COMPONENT_NAMES[ind],
                facts.now.value(ind),
                *(c.means[ind] for c in facts.comparators),
            ],
            "headline" if ind == "egdi" else None,
        )
        for ind in HEADLINE
    )
    members = labels.group_members(text, b.peers.key, b.ds.countries, b.peers.members)
    values = {
        "year": facts.year,
        "peers": labels.spelled_label(text, b.peers.key),
        "members": members,
    }
    if members:
        note = text.ngettext(
            "Unweighted means over the countries the UN assessed in %(year)s. %(peers)s: "
            "%(num)d country (%(members)s).",
            "Unweighted means over the countries the UN assessed in %(year)s. %(peers)s: "
            "%(num)d countries (%(members)s).",
            len(b.peers.members),
            **values,
        )
    else:
        note = text.ngettext(
            "Unweighted means over the countries the UN assessed in %(year)s. %(peers)s: "
            "%(num)d country.",
            "Unweighted means over the countries the UN assessed in %(year)s. %(peers)s: "
            "%(num)d countries.",
            len(b.peers.members),
            **values,
        )
    extra = [labels.membership_note(text, b.peers.key, b.peers.members)]
    return b.numbering.grid(title, columns, rows, " ".join([note, *(e for e in extra if e)]))


def _components_figure(b: _Brief) -> Figure:
    facts, text = b.facts, b.text
    title = text.gettext(
        "EGDI and its components against reference groups, %(year)s", year=facts.year
    )
    chart = DotPlot(
        tuple(COMPONENT_NAMES[i] for i in HEADLINE),
        (
            Line(b.name, tuple(facts.now.value(i) for i in HEADLINE), True, facts.iso3),
            *(
                Line(label(text, c), tuple(c.means[i] for i in HEADLINE), group=c.key)
                for c in facts.comparators
            ),
        ),
        text.gettext("Index value"),
        indicators=HEADLINE,
        year=facts.year,
    )
    return b.numbering.figure_of(title, chart)


def _nan(value: float | None) -> float:
    return math.nan if value is None else value


def _egdi_trend(b: _Brief) -> Figure:
    """EGDI over the surveys; an EGDI of 0 for no online presence is no measurement, so the
    line leaves those surveys out and the note says why."""
    facts, text = b.facts, b.text
    drawn, note = rules(text, facts.egdi_breaks)
    measured = tuple(
        s.egdi if s.rank and s.year not in facts.zero_years else math.nan for s in facts.surveys
    )
    if facts.zero_years:
        gap = text.ngettext(
            "No EGDI is drawn for %(years)s, when the UN found no online presence and gave 0.",
            "No EGDI is drawn for %(years)s, when the UN found no online presence and gave 0.",
            len(facts.zero_years),
            years=listing(text, [str(y) for y in facts.zero_years]),
        )
        note = f"{note} {gap}" if note else gap
    zero_until = facts.notes.zero_until
    if zero_until and facts.years[0] <= zero_until:
        means = text.gettext(
            "Up to %(year)s the means include the countries the UN gave an EGDI of 0.",
            year=zero_until,
        )
        note = f"{note} {means}" if note else means
    chart = TrendChart(
        facts.years,
        (
            Line(b.name, measured, True, facts.iso3),
            Line(
                text.gettext("World mean"), tuple(_nan(v) for v in facts.world_trend), group="world"
            ),
            Line(
                capital(text.gettext("Mean of %(peers)s", peers=b.peers_in_text)),
                tuple(_nan(v) for v in facts.peer_trend),
                group=b.peers.key,
            ),
        ),
        "EGDI",
        breaks=drawn,
        indicator="egdi",
    )
    title = text.gettext("EGDI in every survey, %(first)s–%(last)s", **b.span())
    return b.numbering.figure_of(title, chart, note)


def _component_trends(b: _Brief, egdi_figure: int) -> Figure:
    facts, text = b.facts, b.text
    drawn, note = rules(text, facts.component_breaks)
    if facts.component_breaks == facts.egdi_breaks and facts.component_breaks:
        note = text.gettext(
            "Vertical dashed lines: the changes of method listed under Figure %(n)s.",
            n=egdi_figure,
        )
    chart = TrendChart(
        facts.years,
        tuple(
            Line(
                COMPONENT_NAMES[c],
                tuple(s.value(c) if s.assessed else math.nan for s in facts.surveys),
                code=facts.iso3,
                indicator=c,
            )
            for c in COMPONENTS
        ),
        text.gettext("Index value"),
        colours=COMPONENTS,
        breaks=drawn,
    )
    title = text.gettext("OSI, HCI and TII in every survey, %(first)s–%(last)s", **b.span())
    return b.numbering.figure_of(title, chart, note)


def _rank_trend(b: _Brief) -> Figure:
    facts, text = b.facts, b.text
    chart = RankChart(
        facts.years,
        tuple(float(s.rank) if s.rank else math.nan for s in facts.surveys),
        tuple(s.total for s in facts.surveys),
        text.gettext("Rank"),
        code=facts.iso3,
        country=b.name,
    )
    title = text.gettext("Rank in every survey, %(first)s–%(last)s (1 is best)", **b.span())
    note = assessed_note(text, facts.assessed_runs)
    if facts.zero_years:
        note += " " + text.ngettext(
            "The rank of %(years)s is nominal: the countries given an EGDI of 0 share the last "
            "places.",
            "The ranks of %(years)s are nominal: the countries given an EGDI of 0 share the last "
            "places.",
            len(facts.zero_years),
            years=listing(text, [str(y) for y in facts.zero_years]),
        )
    return b.numbering.figure_of(title, chart, note)


def _series_table(b: _Brief) -> Grid:
    text = b.text
    columns = (
        Column(text.gettext("Survey")),
        Column(text.gettext("Rank"), align_right=True),
        *(Column(COMPONENT_NAMES[ind], 4) for ind in (*HEADLINE, "epi")),
        Column(text.gettext("EGDI group")),
        Column(text.gettext("Class")),
    )
    rows = []
    for s in b.facts.surveys:
        if not s.assessed:
            absent = text.gettext("not assessed by the UN in this survey")
            gap = Cell(absent, columns[1], span=len(columns) - 1, muted=True)
            rows.append(Row((Cell(s.year, columns[0]), gap)))
            continue
        rank = f"{text.integer(s.rank)} / {text.integer(s.total)}"
        values = [s.value(ind) for ind in (*HEADLINE, "epi")]
        rows.append(
            row(columns, [s.year, rank, *values, labels.egdi_group(text, s.group), s.rating_class])
        )
    title = text.gettext("%(country)s in every survey", country=b.in_text)
    return b.numbering.grid(title, columns, tuple(rows))


def _peers_figure(b: _Brief) -> Figure:
    facts, text = b.facts, b.text
    chart = RankedBars(
        tuple(
            (b.ds.countries.name(i, text.lang), v, i == facts.iso3) for i, v in facts.peers.ranking
        ),
        "EGDI",
        mean=b.peers.means["egdi"],
        mean_label=capital(text.gettext("Mean of %(peers)s", peers=b.peers_in_text)),
        codes=tuple(i for i, _ in facts.peers.ranking),
        mean_group=b.peers.key,
        indicator="egdi",
        year=facts.year,
    )
    title = text.gettext("EGDI of %(peers)s, %(year)s", peers=b.peers_in_text, year=facts.year)
    return b.numbering.figure_of(title, chart)


def _summary(b: _Brief) -> list[str]:
    facts, text, now = b.facts, b.text, b.facts.now
    found = [
        position_sentence(text, b.in_text, now),
        change_sentence(text, b.in_text, now, facts.previous),
        driver_sentence(text, now, facts.previous),
        recent_break_sentence(
            text, facts.recent_breaks, now.year, facts.previous and facts.previous.year
        ),
        *since_first_sentence(
            text,
            b.in_text,
            now,
            facts.first,
            facts.previous and facts.previous.year,
            (facts.group_path, facts.group_detour),
        ),
        best_rank_sentence(text, facts.best_rank, facts.first, now),
        zero_years_sentence(text, b.in_text, facts.zero_years, now, facts.first),
    ]
    return sentences(found)


def _component_sentences(b: _Brief) -> list[str]:
    facts, text = b.facts, b.text
    values = {c: facts.now.value(c) for c in COMPONENTS}
    region = facts.comparator("region")
    # the weakest component has a sentence of its own: the comparison leaves it out where it
    # would only say that it is close to the mean
    return sentences(
        [
            peer_comparison_sentence(
                text, b.in_text, values, b.peers.means, b.peers_in_text, told=weakest(values)
            ),
            weakest_component_sentence(
                text,
                values,
                b.peers.means,
                b.peers_in_text,
                region.means if region is not b.peers else None,
                in_text(text, region),
            ),
            small_group_note(text, b.in_text, facts.peers.count, facts.peers.is_member),
        ]
    )


def _key_figures(b: _Brief) -> dict:
    text, now, before = b.text, b.facts.now, b.facts.previous
    change = b.facts.change_since_previous
    return {
        "egdi": now.egdi,
        "rank": now.rank,
        "total": now.total,
        "group_label": labels.egdi_group(text, now.group),
        "rating_class": now.rating_class,
        "rating_class_note": labels.rating_class_note(text, now.rating_class, now.year),
        "rating_classes_since": RATING_CLASSES_SINCE,
        "previous": {"year": before.year, "change": change, "rank": before.rank}
        if change is not None
        else None,
    }


def _figures(b: _Brief) -> tuple[dict[str, Figure], int]:
    """The figures before the series table, and the number of the EGDI trend's."""
    figures = {"components": _components_figure(b), "egdi_trend": _egdi_trend(b)}
    egdi_figure = b.numbering.figures
    figures["component_trends"] = _component_trends(b, egdi_figure)
    figures["rank_trend"] = _rank_trend(b)
    return figures, egdi_figure


def brief_document(facts: BriefFacts, ds: Dataset, text: Text) -> Document:
    """The brief of BriefFacts in the language of `text` (ds names countries and editions)."""
    b = _Brief(facts, ds, text)
    component_table = _component_table(b)
    figures, egdi_figure = _figures(b)
    series_table = _series_table(b)
    figures["peers"] = _peers_figure(b)
    breaks_under = egdi_figure if facts.egdi_breaks else None
    parts = {
        "title": text.gettext("E-Government Development: %(country)s", country=b.in_text),
        "country": b.name,
        "year": facts.year,
        "first_year": facts.years[0],
        **_key_figures(b),
        "summary": _summary(b),
        "component_table": component_table,
        "component_sentences": _component_sentences(b),
        "figures": figures,
        "series_table": series_table,
        "peer_sentence": sentences(
            [
                peer_rank_sentence(
                    text,
                    b.in_text,
                    facts.peers.rank,
                    facts.peers.count,
                    b.peers_in_text,
                    facts.peers.is_member,
                )
            ]
        )[0],
        "income_note": income_note(text, facts.notes.income, ds.editions, ds.countries),
        "method": method_notes(text, facts.notes, breaks_under),
        "sources": sources(text, facts.notes, ds.editions),
        "survey_title": survey_title(text, ds.editions.get(facts.year), facts.year),
    }
    return Document("brief", text.lang, parts)
