"""Documents assembled from the stages: the country brief and the default build."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import __version__
from .charts import trend_chart
from .dataset import COMPONENTS, Dataset
from .errors import ReportError
from .indicators import direction, egdi_group, mean_by_year, previous_year, rank_direction
from .render import render_html, write_pdf
from .text import Text

DEFAULT_COUNTRY = "KAZ"
DEFAULT_LANGUAGES = ("ru", "kk", "en")


def _group_membership(text: Text, group: str) -> str:
    return {
        "very_high": text.pgettext("EGDI group, past", "was in the very high EGDI group"),
        "high": text.pgettext("EGDI group, past", "was in the high EGDI group"),
        "middle": text.pgettext("EGDI group, past", "was in the middle EGDI group"),
        "low": text.pgettext("EGDI group, past", "was in the low EGDI group"),
    }[group]


def _indicator_names(text: Text) -> dict[str, str]:
    return {
        "egdi": text.gettext("E-Government Development Index (EGDI)"),
        "osi": text.gettext("Online Service Index (OSI)"),
        "hci": text.gettext("Human Capital Index (HCI)"),
        "tii": text.gettext("Telecommunication Infrastructure Index (TII)"),
        "epi": text.gettext("E-Participation Index (EPI)"),
    }


def position_sentence(
    text: Text, country: str, year: int, rank: int, total: int, egdi: float
) -> str:
    """The sentence that places a country in a survey: rank of N, EGDI and its group."""
    return text.ngettext(
        "In the %(year)s Survey, %(country)s ranked %(rank_ordinal)s of %(num)d country, "
        "with an EGDI of %(egdi)s, and %(membership)s.",
        "In the %(year)s Survey, %(country)s ranked %(rank_ordinal)s of %(num)d countries, "
        "with an EGDI of %(egdi)s, and %(membership)s.",
        total,
        year=year,
        country=country,
        rank=rank,
        rank_ordinal=text.ordinal(rank),
        egdi=text.number(egdi),
        membership=_group_membership(text, egdi_group(egdi)),
    )


def change_sentence(
    text: Text,
    country: str,
    year: int,
    prev_year: int | None,
    now: pd.Series,
    before: pd.Series | None,
) -> str:
    """The sentence comparing a survey with the previous one; its wording follows the data."""
    if prev_year is None:
        return text.gettext(
            "The %(year)s Survey is the first edition in the data, so there is no earlier "
            "value to compare.",
            year=year,
        )
    if before is None or pd.isna(before["rank"]):
        return text.gettext(
            "In the %(prev_year)s Survey, %(country)s was not assessed, so no change since then "
            "can be reported.",
            country=country,
            prev_year=prev_year,
        )
    values = {"before": text.number(before["egdi"]), "after": text.number(now["egdi"])}
    egdi_way = direction(before["egdi"], now["egdi"])
    delta = text.number(abs(now["egdi"] - before["egdi"]))
    if egdi_way == "up":
        egdi_clause = text.gettext(
            "EGDI rose by %(delta)s (from %(before)s to %(after)s)", delta=delta, **values
        )
    elif egdi_way == "down":
        egdi_clause = text.gettext(
            "EGDI fell by %(delta)s (from %(before)s to %(after)s)", delta=delta, **values
        )
    else:
        egdi_clause = text.gettext("EGDI was unchanged at %(after)s", **values)

    ranks = {
        "before": int(before["rank"]),
        "after": int(now["rank"]),
        "before_ordinal": text.ordinal(int(before["rank"])),
        "after_ordinal": text.ordinal(int(now["rank"])),
    }
    rank_way = rank_direction(ranks["before"], ranks["after"])
    if rank_way == "up":
        rank_clause = text.gettext(
            "its rank improved from %(before_ordinal)s to %(after_ordinal)s", **ranks
        )
    elif rank_way == "down":
        rank_clause = text.gettext(
            "its rank slipped from %(before_ordinal)s to %(after_ordinal)s", **ranks
        )
    else:
        rank_clause = text.gettext("its rank was unchanged at %(after_ordinal)s", **ranks)

    clauses = {"prev_year": prev_year, "egdi_clause": egdi_clause, "rank_clause": rank_clause}
    if egdi_way == rank_way:
        return text.pgettext(
            "change sentence, same direction",
            "Compared with the %(prev_year)s Survey, %(egdi_clause)s and %(rank_clause)s.",
            **clauses,
        )
    return text.pgettext(
        "change sentence, opposite directions",
        "Compared with the %(prev_year)s Survey, %(egdi_clause)s, but %(rank_clause)s.",
        **clauses,
    )


@dataclass(frozen=True)
class Document:
    """A rendered document: where it goes and its HTML."""

    path: Path
    html: str


def brief_context(ds: Dataset, iso3: str, year: int, lang: str) -> dict:
    """Everything the brief template shows, computed and formatted for one language."""
    text = Text(lang)
    year_rows = ds.year_frame(year)
    if iso3 not in year_rows.index:
        raise ReportError(f"{iso3} was not assessed in the {year} Survey (no rank, all values 0)")
    now = year_rows.loc[iso3]
    total = len(year_rows)
    series = ds.country_frame(iso3)
    prev = previous_year(ds.years, year)
    before = series.loc[prev] if prev is not None and prev in series.index else None
    name = ds.countries.name(iso3, lang)
    in_text = ds.countries.name_in_text(iso3, lang)
    world = {ind: year_rows[ind].mean() for ind in ("egdi", *COMPONENTS)}
    names = _indicator_names(text)

    years = [y for y in ds.years if y <= year]
    country_values = [
        float(series.loc[y, "egdi"])
        if y in series.index and pd.notna(series.loc[y, "rank"])
        else float("nan")
        for y in years
    ]
    world_mean = mean_by_year(ds.panel, "egdi")
    chart = trend_chart(
        text,
        years,
        [
            (name, country_values, True),
            (text.gettext("World mean"), [float(world_mean[y]) for y in years], False),
        ],
        y_label="EGDI",
    )
    sources = [s for s in ds.provenance.get("panel_sources", []) if year in s["survey_years"]]
    return {
        "title": text.gettext("E-Government Development: %(country)s", country=name),
        "country": name,
        "iso3": iso3,
        "year": year,
        "first_year": years[0],
        "egdi": now["egdi"],
        "rank": int(now["rank"]),
        "total": total,
        "group_label": text.egdi_group(egdi_group(now["egdi"])),
        "prev_year": prev if before is not None and pd.notna(before["rank"]) else None,
        "egdi_change": now["egdi"] - before["egdi"] if before is not None else None,
        "components": [
            {
                "name": names[ind],
                "value": now[ind],
                "world": world[ind],
                "difference": now[ind] - world[ind],
            }
            for ind in ("egdi", *COMPONENTS)
        ],
        "sentences": [
            position_sentence(text, in_text, year, int(now["rank"]), total, now["egdi"]),
            change_sentence(text, in_text, year, prev, now, before),
        ],
        "chart_svg": chart,
        "sources": sources,
        "version": __version__,
    }


def brief_path(out_dir: Path, lang: str, iso3: str, year: int) -> Path:
    """Where a brief goes: OUT/<lang>/brief-<ISO3>-<year>.pdf."""
    return Path(out_dir) / lang / f"brief-{iso3}-{year}.pdf"


def render_brief(ds: Dataset, iso3: str, year: int, lang: str, out_dir: Path) -> Document:
    """The brief's HTML and its target path."""
    html = render_html("brief.html", brief_context(ds, iso3, year, lang), lang)
    return Document(brief_path(out_dir, lang, iso3, year), html)


def build_brief(ds: Dataset, iso3: str, year: int | None, lang: str, out_dir: Path) -> Path:
    """Write the country brief PDF and return its path."""
    year = ds.check_year(year)
    document = render_brief(ds, iso3, year, lang, out_dir)
    return write_pdf(document.html, document.path)


def build_defaults(ds: Dataset, out_dir: Path, langs: list[str] | None = None) -> list[Path]:
    """Build the default documents: the Kazakhstan brief for the latest survey, per language."""
    return [
        build_brief(ds, DEFAULT_COUNTRY, ds.latest_year, lang, out_dir)
        for lang in (langs or DEFAULT_LANGUAGES)
    ]
