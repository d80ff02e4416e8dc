"""The comparative analysis: the article's study for any focus country, group and year."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from report.compute.indicators import (
    MIN_CORRELATION_N,
    change,
    critical_r,
    describe,
    egdi_group,
    pearson,
)
from report.compute.selection import group as country_group
from report.data.dataset import COMPONENTS, Dataset
from report.errors import ReportError
from report.layout.context import (
    HEADLINE,
    Numbering,
    article_formulas,
    comparator,
    method_breaks,
    sources,
)
from report.render import charts
from report.words.edition_notes import income_note, method_notes
from report.words.narrative import (
    COMPONENT_NAMES,
    correlation_sentence,
    dynamics_sentences,
    group_position_sentence,
    largest_gap_sentence,
    leaders_sentence,
    peer_comparison_sentence,
    spread_sentence,
    survey_title,
)
from report.words.text import Text

DYNAMICS_SINCE = 2016  # the article studies 2016 onwards
GROUP_TABLE_ORDER = ("egdi", "osi", "tii", "hci")  # the article's Table 4: EGDI, OSI, TII, HCI


def analysis_context(
    ds: Dataset, focus: str, group_name: str, year: int, lang: str, since: int = DYNAMICS_SINCE
) -> dict:
    """Everything the analysis template shows, computed and worded for one language."""
    text = Text(lang)
    year_rows = ds.year_frame(year)
    if focus not in year_rows.index:
        raise ReportError(f"{focus} was not assessed in the {year} Survey")
    members = country_group(ds, year, group_name)
    if focus not in members.members:
        raise ReportError(f"{focus} is not a member of {group_name!r} in {year}")
    leaders = country_group(ds, year, "VH")
    if len(leaders.members) < MIN_CORRELATION_N:
        raise ReportError(f"{year}: the VH class has {len(leaders.members)} countries, too few")
    name = ds.countries.name(focus, lang)
    in_text = ds.countries.name_in_text(focus, lang)
    group_info = comparator(ds, members, "group", text)
    focus_row = year_rows.loc[focus]
    numbering = Numbering(text)
    figures: dict[str, dict] = {}

    # Leaders: the VH rating class of the year, by rank.
    leader_rows = year_rows.loc[leaders.members].sort_values(
        ["rank", "egdi"], ascending=[True, False]
    )
    n_leaders = len(leader_rows)
    leaders_table = {
        "caption": numbering.table(
            text.gettext("Leaders of the %(year)s Survey: the VH rating class", year=year)
        ),
        "rows": [
            {
                "rank": int(r["rank"]),
                "name": ds.countries.name(i, lang),
                "focus": i == focus,
                "values": [float(r[c]) for c in HEADLINE],
            }
            for i, r in leader_rows.iterrows()
        ],
    }

    # Descriptive statistics of the leaders (formulas 1 and 2).
    described = {c: describe(leader_rows[c]) for c in HEADLINE}
    stats_table = {
        "caption": numbering.table(
            text.ngettext(
                "Descriptive statistics of the %(num)d leader",
                "Descriptive statistics of the %(num)d leaders",
                n_leaders,
            )
        ),
        "rows": [
            {
                "name": COMPONENT_NAMES[c],
                "mean": d.mean,
                "sd": d.sd,
                "sd_sample": d.sd_sample,
                "min": d.min,
                "min_names": ", ".join(ds.countries.name(i, lang) for i in d.min_countries),
                "max": d.max,
                "max_names": ", ".join(ds.countries.name(i, lang) for i in d.max_countries),
            }
            for c, d in described.items()
        ],
    }

    # Correlations (formula 3) between the components, among the leaders.
    correlations = {
        (x, y): pearson(list(leader_rows[x]), list(leader_rows[y]))
        for x, y in combinations(COMPONENTS, 2)
    }
    correlation_table = {
        "caption": numbering.table(
            text.gettext("Pearson correlations between the components among the leaders")
        ),
        "labels": [COMPONENT_NAMES[c] for c in COMPONENTS],
        "cells": [
            [
                correlations[(COMPONENTS[j], COMPONENTS[i])] if i > j else None
                for j in range(len(COMPONENTS))
            ]
            for i in range(len(COMPONENTS))
        ],
        "note": text.gettext(
            "The table gives r and, in brackets, its two-sided p-value; n = %(n)s. To be "
            "significant at the %(level)s level, |r| must exceed %(critical)s.",
            n=n_leaders,
            level=text.percent(5, 0),
            critical=text.number(critical_r(n_leaders), 3),
        ),
    }
    figures["scatter"] = {
        "caption": numbering.figure(text.gettext("OSI, HCI and TII of the leaders, pair by pair")),
        "svg": charts.scatter_matrix(
            text,
            [COMPONENT_NAMES[c] for c in COMPONENTS],
            [list(leader_rows[c]) for c in COMPONENTS],
            "r",
        ),
    }

    # The group table (the article's Table 4) with group means (formulas 4 to 7).
    group_rows = year_rows.loc[members.members].sort_values(
        ["rank", "egdi"], ascending=[True, False]
    )
    group_means = group_info.means
    group_table = {
        "caption": numbering.table(
            text.gettext(
                "E-government development in %(group)s, %(year)s",
                group=group_info.in_text,
                year=year,
            )
        ),
        "rows": [
            {
                "name": ds.countries.name(i, lang),
                "focus": i == focus,
                "rank": int(r["rank"]),
                "values": [float(r[c]) for c in GROUP_TABLE_ORDER],
                "group": text.egdi_group_short(egdi_group(float(r["egdi"]))),
                "income": text.income_group_short(ds.income_for(i, year).code),
            }
            for i, r in group_rows.iterrows()
        ],
        "means": [group_means[c] for c in GROUP_TABLE_ORDER],
        "not_assessed": [ds.countries.name(i, lang) for i in members.not_assessed],
    }
    figures["group"] = {
        "caption": numbering.figure(
            text.gettext("EGDI in %(group)s, %(year)s", group=group_info.in_text, year=year)
        ),
        "svg": charts.ranked_bars(
            text,
            [
                (ds.countries.name(i, lang), float(v), i == focus)
                for i, v in group_rows["egdi"].items()
            ],
            "EGDI",
            mean=group_means["egdi"],
            mean_label=text.gettext("Mean of %(peers)s", peers=group_info.in_text),
        ),
    }
    rank_in_group = 1 + int((group_rows["egdi"] > focus_row["egdi"]).sum())

    # Dynamics of the focus country from `since` (or the nearest later survey) to the year.
    series = ds.country_frame(focus)
    assessed_years = [
        y for y in ds.years if y <= year and y in series.index and pd.notna(series.loc[y, "rank"])
    ]
    start = next((y for y in assessed_years if y >= since), assessed_years[0])
    span = [y for y in assessed_years if y >= start]
    moves = {
        c: change(float(series.loc[start, c]), float(series.loc[year, c]), year - start)
        for c in HEADLINE
    }
    dynamics_table = {
        "caption": numbering.table(
            text.gettext(
                "%(country)s, %(from)s–%(to)s", country=name, **{"from": start, "to": year}
            )
        ),
        "rows": [
            {
                "year": y,
                "rank": int(series.loc[y, "rank"]),
                "values": [float(series.loc[y, c]) for c in HEADLINE],
            }
            for y in span
        ],
        "pct": [moves[c].pct for c in HEADLINE],
        "growth": [moves[c].annual_growth for c in HEADLINE],
        "places": int(series.loc[start, "rank"]) - int(series.loc[year, "rank"]),
        "years": year - start,
    }
    dynamics_breaks, dynamics_note = method_breaks(ds, span, HEADLINE, text)
    figures["dynamics"] = {
        "note": dynamics_note,
        "caption": numbering.figure(
            text.gettext(
                "%(country)s: EGDI and its components, %(from)s–%(to)s",
                country=name,
                **{"from": start, "to": year},
            )
        ),
        "svg": charts.trend_chart(
            text,
            span,
            [
                charts.Line(
                    COMPONENT_NAMES[c], [float(series.loc[y, c]) for y in span], focus=c == "egdi"
                )
                for c in HEADLINE
            ],
            text.gettext("Index value"),
            colours=[charts.COMPONENT_COLOURS[c] for c in HEADLINE],
            breaks=dynamics_breaks,
        ),
    }
    dynamics_figure = numbering.figures

    values = {c: float(focus_row[c]) for c in COMPONENTS}
    leaders_means = {c: described[c].mean for c in COMPONENTS}
    is_leader = focus in leaders.members
    leaders_in_text = text.set_in_text("leaders")
    conclusions = [
        group_position_sentence(
            text,
            in_text,
            float(focus_row["egdi"]),
            rank_in_group,
            len(group_rows),
            group_info.in_text,
            group_means["egdi"],
        ),
        peer_comparison_sentence(text, in_text, values, group_means, group_info.in_text),
        leaders_sentence(
            text, in_text, float(focus_row["egdi"]), described["egdi"].mean, n_leaders, is_leader
        ),
        *(
            []
            if is_leader
            else [
                peer_comparison_sentence(text, in_text, values, leaders_means, leaders_in_text),
                largest_gap_sentence(text, values, leaders_means),
            ]
        ),
        *(
            dynamics_sentences(
                text,
                start,
                year,
                moves["egdi"].pct,
                {c: moves[c].pct for c in COMPONENTS},
                {
                    c: sorted({b.year for b in ds.editions.between(span, (c,), breaks_only=True)})
                    for c in COMPONENTS
                },
            )
            if start < year
            else []
        ),
        correlation_sentence(
            text,
            {pair: (c.r, c.p) for pair, c in correlations.items()},
            n_leaders,
            critical_r(n_leaders),
        ),
    ]
    return {
        "title": text.gettext(
            "E-Government Development: %(country)s in comparison with %(group)s, %(year)s",
            country=name,
            group=group_info.in_text,
            year=year,
        ),
        "country": name,
        "group_label": group_info.label,
        "group_in_text": group_info.in_text,
        "year": year,
        "intro": text.ngettext(
            "This analysis compares %(country)s with the other %(num)d country of %(group)s and "
            "with the leaders of the %(year)s UN E-Government Survey, using descriptive "
            "statistics, Pearson correlations and group means.",
            "This analysis compares %(country)s with the other %(num)d countries of %(group)s "
            "and with the leaders of the %(year)s UN E-Government Survey, using descriptive "
            "statistics, Pearson correlations and group means.",
            len(group_rows) - 1,
            country=in_text,
            group=group_info.in_text,
            year=year,
        ),
        "leaders_table": leaders_table,
        "stats_table": stats_table,
        "stats_sentence": spread_sentence(text, {c: described[c].sd for c in COMPONENTS}),
        "correlation_table": correlation_table,
        "group_table": group_table,
        "dynamics_table": dynamics_table,
        "figures": figures,
        "formulas": article_formulas(),
        "conclusions": [s for s in conclusions if s],
        "income_note": income_note(ds, year, text),
        # the analysis compares one survey and follows the focus country since `since`: the
        # changes of method that matter are those of that span
        "method": method_notes(
            ds, span, text, breaks_under=dynamics_figure if dynamics_breaks else None
        ),
        "sources": sources(ds, [y for y in ds.years if y <= year], text),
        "survey_title": survey_title(text, ds.editions.get(year), year),
        "since": start,
    }
