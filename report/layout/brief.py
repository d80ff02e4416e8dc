"""The country brief: everything its template shows, computed and worded for one language."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd

from report.compute.indicators import (
    assessed_runs,
    egdi_group,
    mean_by_year,
    previous_year,
    rating_classes,
)
from report.compute.selection import group
from report.data.dataset import COMPONENTS, Dataset
from report.errors import ReportError
from report.layout.context import (
    HEADLINE,
    Numbering,
    comparators,
    default_peers,
    method_breaks,
    sources,
)
from report.render import charts
from report.words.edition_notes import income_note, method_notes
from report.words.narrative import (
    COMPONENT_NAMES,
    Survey,
    assessed_note,
    change_sentence,
    peer_comparison_sentence,
    peer_rank_sentence,
    position_sentence,
    since_first_sentence,
    survey_title,
    weakest_component_sentence,
    zero_years_sentence,
)
from report.words.text import Text


def _survey(series: pd.DataFrame, year: int) -> Survey:
    row = series.loc[year]
    rank = int(row["rank"]) if pd.notna(row["rank"]) else None
    return Survey(year=year, rank=rank, egdi=float(row["egdi"]))


def brief_context(
    ds: Dataset, iso3: str, year: int, lang: str, peers: str | None = None, charts_on: bool = True
) -> dict:
    """The brief of a country in a survey year. With charts_on=False the figures are left
    empty (the all-countries HTML test uses it: charts are tested on their own)."""
    text = Text(lang)
    year_rows = ds.year_frame(year)
    if iso3 not in year_rows.index:
        raise ReportError(f"{iso3} was not assessed in the {year} Survey (no rank, all values 0)")
    peers = peers or default_peers(ds, iso3)
    now_row = year_rows.loc[iso3]
    total = len(year_rows)
    name = ds.countries.name(iso3, lang)
    in_text = ds.countries.name_in_text(iso3, lang)
    series = ds.country_frame(iso3)
    years = [y for y in ds.years if y <= year and y in series.index]
    surveys = [_survey(series, y) for y in years]
    assessed = [s for s in surveys if s.rank is not None]
    now = surveys[-1]
    prev_year = previous_year(ds.years, year)
    before = _survey(series, prev_year) if prev_year in series.index else None
    first = assessed[0]
    klass = rating_classes(year_rows["egdi"])[iso3]

    groups = comparators(ds, iso3, year, peers, text)
    peer_group = next(c for c in reversed(groups) if c.key in ("peers", "region"))
    region = next(c for c in groups if c.key == "region")
    values = {c: float(now_row[c]) for c in COMPONENTS}
    peer_set = group(ds, year, peers)
    is_member = iso3 in peer_set.members
    if not is_member:  # peers chosen by the user may leave the country out
        peer_set = replace(peer_set, members=[*peer_set.members, iso3])
    peer_frame = year_rows.loc[peer_set.members].sort_values("egdi", ascending=False)
    peer_rank = 1 + int((peer_frame["egdi"] > now_row["egdi"]).sum())

    numbering = Numbering(text)
    component_table = {
        "caption": numbering.table(
            text.gettext("EGDI and its components against reference groups, %(year)s", year=year)
        ),
        "columns": [name, *(c.label for c in groups)],
        "rows": [
            {
                "name": COMPONENT_NAMES[ind],
                "values": [float(now_row[ind]), *(c.means[ind] for c in groups)],
            }
            for ind in HEADLINE
        ],
        "note": text.ngettext(
            "Means over the countries the UN assessed in %(year)s; %(peers)s: %(num)d country.",
            "Means over the countries the UN assessed in %(year)s; %(peers)s: %(num)d countries.",
            len(peer_group.members),
            year=year,
            peers=peer_group.label,
        ),
    }
    figures = {}
    figures["components"] = {
        "caption": numbering.figure(
            text.gettext("EGDI and its components against reference groups, %(year)s", year=year)
        ),
    }
    world_trend = mean_by_year(ds.panel, "egdi")
    peer_trend = mean_by_year(ds.panel, "egdi", group(ds, year, peers).members)
    egdi_breaks, egdi_note = method_breaks(ds, years, HEADLINE, text)
    component_breaks, component_note = method_breaks(ds, years, COMPONENTS, text)
    figures["egdi_trend"] = {
        "caption": numbering.figure(
            text.gettext("EGDI in every survey, %(first)s–%(last)s", first=years[0], last=year)
        ),
        "note": egdi_note,
    }
    egdi_figure = numbering.figures
    figures["component_trends"] = {
        "caption": numbering.figure(
            text.gettext(
                "OSI, HCI and TII in every survey, %(first)s–%(last)s", first=years[0], last=year
            )
        ),
        "note": component_note
        if component_breaks != egdi_breaks or not component_breaks
        else text.gettext(
            "Vertical dashed lines: the changes of method listed under Figure %(n)s.", n=egdi_figure
        ),
    }
    totals = [len(ds.year_frame(y)) for y in years]
    figures["rank_trend"] = {
        "caption": numbering.figure(
            text.gettext(
                "Rank in every survey, %(first)s–%(last)s (1 is best)", first=years[0], last=year
            )
        ),
        "note": assessed_note(text, assessed_runs(years, totals)),
    }
    series_table = {
        "caption": numbering.table(text.gettext("%(country)s in every survey", country=name)),
        "rows": [],
    }
    classes_by_year = {}
    for survey in surveys:
        row = series.loc[survey.year]
        if survey.rank is None:
            series_table["rows"].append({"year": survey.year, "assessed": False})
            continue
        frame = ds.year_frame(survey.year)
        classes_by_year[survey.year] = rating_classes(frame["egdi"])[iso3]
        series_table["rows"].append(
            {
                "year": survey.year,
                "assessed": True,
                "rank": survey.rank,
                "total": len(frame),
                "values": [float(row[ind]) for ind in (*HEADLINE, "epi")],
                "group": text.egdi_group(egdi_group(survey.egdi)),
                "class": classes_by_year[survey.year],
            }
        )
    figures["peers"] = {
        "caption": numbering.figure(
            text.gettext("EGDI of %(peers)s, %(year)s", peers=peer_group.in_text, year=year)
        )
    }

    if charts_on:
        index_label = text.gettext("Index value")
        figures["components"]["svg"] = charts.dot_plot(
            text,
            [COMPONENT_NAMES[i] for i in HEADLINE],
            [charts.Line(name, [float(now_row[i]) for i in HEADLINE], focus=True)]
            + [charts.Line(c.label, [c.means[i] for i in HEADLINE]) for c in groups],
            index_label,
        )
        by_year = {s.year: s for s in surveys}
        figures["egdi_trend"]["svg"] = charts.trend_chart(
            text,
            years,
            [
                charts.Line(
                    name,
                    [by_year[y].egdi if by_year[y].rank else math.nan for y in years],
                    focus=True,
                ),
                charts.Line(text.gettext("World mean"), [float(world_trend[y]) for y in years]),
                charts.Line(
                    text.gettext("Mean of %(peers)s", peers=peer_group.in_text),
                    [float(peer_trend.get(y, math.nan)) for y in years],
                ),
            ],
            "EGDI",
            breaks=egdi_breaks,
        )
        assessed_years = {s.year for s in assessed}
        figures["component_trends"]["svg"] = charts.trend_chart(
            text,
            years,
            [
                charts.Line(
                    COMPONENT_NAMES[c],
                    [float(series.loc[y, c]) if y in assessed_years else math.nan for y in years],
                )
                for c in COMPONENTS
            ],
            index_label,
            colours=[charts.COMPONENT_COLOURS[c] for c in COMPONENTS],
            breaks=component_breaks,
        )
        figures["rank_trend"]["svg"] = charts.rank_chart(
            text,
            years,
            [float(s.rank) if s.rank else math.nan for s in surveys],
            totals,
            text.gettext("Rank"),
        )
        figures["peers"]["svg"] = charts.ranked_bars(
            text,
            [
                (ds.countries.name(i, lang), float(v), i == iso3)
                for i, v in peer_frame["egdi"].items()
            ],
            "EGDI",
            mean=peer_group.means["egdi"],
            mean_label=text.gettext("Mean of %(peers)s", peers=peer_group.in_text),
        )

    zero_years = [s.year for s in assessed if s.egdi == 0]
    summary = [
        position_sentence(text, in_text, year, now.rank, total, now.egdi),
        change_sentence(text, in_text, now, before),
        since_first_sentence(text, in_text, now, first),
        zero_years_sentence(text, zero_years, now),
    ]
    since_first = None
    if first.year < year:
        since_first = {"year": first.year, "change": now.egdi - first.egdi}
    return {
        "title": text.gettext("E-Government Development: %(country)s", country=name),
        "country": name,
        "iso3": iso3,
        "year": year,
        "first_year": years[0],
        "egdi": now.egdi,
        "rank": now.rank,
        "total": total,
        "group_label": text.egdi_group(egdi_group(now.egdi)),
        "rating_class": klass,
        "rating_class_note": text.rating_class_note(klass),
        "previous": {"year": before.year, "change": now.egdi - before.egdi, "rank": before.rank}
        if before and before.rank
        else None,
        "since_first": since_first,
        "summary": [s for s in summary if s],
        "component_table": component_table,
        "component_sentences": [
            peer_comparison_sentence(text, in_text, values, peer_group.means, peer_group.in_text),
            weakest_component_sentence(
                text,
                values,
                peer_group.means,
                peer_group.in_text,
                region.means if region is not peer_group else None,
                region.in_text,
            ),
        ],
        "figures": figures,
        "series_table": series_table,
        "peer_sentence": peer_rank_sentence(
            text,
            in_text,
            peer_rank,
            len(peer_set.members) - (not is_member),
            peer_group.in_text,
            is_member,
        ),
        "peers_label": peer_group.label,
        "income_note": income_note(ds, year, text, iso3),
        "method": method_notes(ds, years, text, breaks_under=egdi_figure if egdi_breaks else None),
        "sources": sources(ds, years, text),
        "survey_title": survey_title(text, ds.editions.get(year), year),
    }
