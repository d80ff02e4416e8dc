"""What documents say about survey editions: method breaks, method notes, the income rule
and the source line, worded from data/surveys.csv and data/method_changes.csv."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from report import __version__
from report.compute.facts import Break, Change, IncomeBasis, Notes
from report.data.countries import CountryTable
from report.data.editions import Edition, Editions
from report.words import labels
from report.words.narrative import listing, method_change_text, publication_date
from report.words.text import Text

NO_BREAK_HYPHEN = "\u2011"  # PT Sans and PT Serif have it
# A hyphen after a capital (E-Government, БҰҰ-ның, COVID-19) must not end a line of a title.
_HYPHEN_IN_NAME = re.compile(r"(?<=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])-")


def published(text: Text, edition: Edition) -> str:
    """When an edition came out, as a source line says it: 'published 17 September 2024',
    or only the year where the date is a first mention."""
    if edition.published_basis == "first_mention":
        return text.gettext("published in %(year)s", year=edition.published.year)
    return text.gettext("published %(date)s", date=publication_date(text, edition))


def _by_year(text: Text, changes: Sequence[Change]) -> str:
    """'in 2014, HCI added …; in 2020, TII dropped … and …' for a list of changes."""
    years: dict[int, list[str]] = {}
    for change in changes:
        years.setdefault(change.year, []).append(method_change_text(text, change.change))
    return "; ".join(
        text.pgettext(
            "changes of method in a sentence",
            "in %(year)s, %(changes)s",
            year=year,
            changes=listing(text, clauses),
        )
        for year, clauses in sorted(years.items())
    )


def breaks_note(text: Text, marks: Sequence[Break]) -> str | None:
    """The note under a trend chart that explains its numbered break rules."""
    if not marks:
        return None
    items = [
        text.gettext(
            "(%(n)s)\u00a0%(year)s: %(changes)s",
            n=number,
            year=mark.after,
            changes=listing(text, [method_change_text(text, c.change) for c in mark.changes]),
        )
        for number, mark in enumerate(marks, start=1)
    ]
    return text.ngettext(
        "The vertical dashed line marks a change of method; values on either side of it are "
        "not directly comparable. %(items)s.",
        "The vertical dashed lines mark changes of method; values on either side of a line "
        "are not directly comparable. %(items)s.",
        len(marks),
        items="; ".join(items),
    )


def method_changes_sentences(
    text: Text, changes: Sequence[Change], breaks_under: int | None = None
) -> list[str]:
    """The changes of method after the first survey a document covers, up to its last: the
    breaks (or, with breaks_under, where they are listed) and the other changes."""
    breaks = [c for c in changes if c.is_break]
    others = [c for c in changes if not c.is_break]
    sentences = []
    if breaks and breaks_under is not None:
        sentences.append(
            text.gettext(
                "The changes of method that break the series are listed under Figure %(n)s.",
                n=breaks_under,
            )
        )
    elif breaks:
        sentences.append(
            text.gettext(
                "Changes of method that break the series: %(items)s.",
                items=_by_year(text, breaks),
            )
        )
    if others:
        sentences.append(
            text.ngettext(
                "One change is not treated as a break, since a measure was replaced by its close "
                "successor: %(items)s.",
                "Changes not treated as breaks, since measures were replaced by their close "
                "successors: %(items)s.",
                len(others),
                items=_by_year(text, others),
            )
        )
    return sentences


def method_notes(text: Text, notes: Notes, breaks_under: int | None = None) -> dict:
    """What the notes on method say about editions (see method_changes_sentences)."""
    gaps = notes.gap_years
    return {
        "changes": method_changes_sentences(text, notes.changes, breaks_under),
        "zero_until": notes.zero_until,
        "gaps": text.ngettext(
            "In %(years)s the published EGDI differs slightly from the mean of the published "
            "components.",
            "In %(years)s the published EGDI differs slightly from the mean of the published "
            "components.",
            len(gaps),
            years=listing(text, [str(y) for y in gaps]),
        )
        if gaps
        else None,
    }


def _fiscal_year_values(text: Text, fiscal_year: int, prefix: str = "") -> dict[str, object]:
    return {
        f"{prefix}fiscal_year": fiscal_year,
        f"{prefix}start": text.date(date(fiscal_year - 1, 7, 1)),
        f"{prefix}end": text.date(date(fiscal_year, 6, 30)),
    }


def _classification_note(text: Text, edition: Edition | None, values: dict) -> str:
    """The classification in force at publication, which the document uses."""
    if edition is None:
        return text.gettext(
            "Income groups follow the World Bank classification for fiscal year %(fiscal_year)s "
            "(%(start)s – %(end)s): the publication date of the %(year)s Survey is not in the "
            "data yet, and it is taken to have appeared after 1 July %(year)s.",
            **values,
        )
    if edition.published_basis == "first_mention":
        return text.gettext(
            "The exact publication date of the %(year)s edition is not known; the earliest "
            "dated report of its results that was found is from %(published)s, so income "
            "groups follow the World Bank classification then in force, for fiscal year "
            "%(fiscal_year)s (%(start)s – %(end)s).",
            published=text.month(edition.published),
            **values,
        )
    return text.gettext(
        "Income groups follow the World Bank classification for fiscal year %(fiscal_year)s "
        "(%(start)s – %(end)s), in force when the %(year)s edition was published "
        "(%(published)s).",
        published=publication_date(text, edition),
        **values,
    )


def _beyond_history_note(text: Text, edition: Edition | None, values: dict) -> str:
    """Which classification was in force at publication, when the data do not have it yet
    (the caller adds which one the document uses instead)."""
    if edition is None:
        return text.gettext(
            "The publication date of the %(year)s Survey is not in the data yet; taken to have "
            "appeared after 1 July %(year)s, it falls under the World Bank classification for "
            "fiscal year %(fiscal_year)s (%(start)s – %(end)s).",
            **values,
        )
    return text.gettext(
        "The %(year)s edition was published (%(published)s) under the World Bank "
        "classification for fiscal year %(fiscal_year)s (%(start)s – %(end)s).",
        published=publication_date(text, edition),
        **values,
    )


def _uncertain_date_note(text: Text, basis: IncomeBasis, countries: CountryTable) -> str | None:
    """For an edition dated only by the first report of its results: whether the country's
    group would differ under the fiscal year before (had the edition come out earlier)."""
    if basis.country is None or not basis.first_report_only:
        return None
    used, other = basis.group_in_force, basis.group_year_before
    values = {
        "country": countries.name_in_text(basis.country, text.lang),
        **_fiscal_year_values(text, basis.fiscal_year - 1, "other_"),
    }
    if other == used:
        return text.gettext(
            "Under the classification for fiscal year %(other_fiscal_year)s (%(other_start)s – "
            "%(other_end)s), %(country)s is in the same income group: %(group)s.",
            group=labels.income_group(text, used),
            **values,
        )
    return text.gettext(
        "Under the classification for fiscal year %(other_fiscal_year)s (%(other_start)s – "
        "%(other_end)s), %(country)s is in another income group: %(group)s.",
        group=labels.income_group(text, other),
        **values,
    )


def income_note(text: Text, basis: IncomeBasis, editions: Editions, countries: CountryTable) -> str:
    """Which World Bank classification a document uses: the one in force when the edition
    was published (data/surveys.csv), or the latest available."""
    edition = editions.get(basis.year)
    values = {"year": basis.year, **_fiscal_year_values(text, basis.fiscal_year)}
    in_force = _classification_note if basis.covered else _beyond_history_note
    note = [in_force(text, edition, values), _uncertain_date_note(text, basis, countries)]
    if not basis.covered:
        latest = basis.latest_fiscal_year
        note.append(
            text.gettext(
                "That classification is not yet in the data, so income groups follow the latest "
                "available: that of fiscal year %(latest)s (from %(latest_start)s).",
                latest=latest,
                latest_start=text.date(date(latest - 1, 7, 1)),
            )
        )
    return " ".join(part for part in note if part)


def _title(text: Text, edition: Edition) -> str:
    """'Title: subtitle', with the original title where the document's language has a
    translation (the subtitle is in the document's language already)."""
    own, original = edition.title(text.lang), edition.title("en")
    full = text.gettext("%(title)s: %(subtitle)s", title=own.title, subtitle=own.subtitle)
    full = _HYPHEN_IN_NAME.sub(NO_BREAK_HYPHEN, full)
    if own.official:
        return full
    return text.gettext(
        "%(title)s (unofficial translation of the title; original: %(original)s)",
        title=full,
        original=_HYPHEN_IN_NAME.sub(NO_BREAK_HYPHEN, original.title),
    )


def edition_source(text: Text, editions: Editions, years: Sequence[int]) -> str:
    """The source line of a document: the edition of its survey year (title, publication
    date) and the earlier editions it draws on."""
    edition = editions.get(years[-1])
    earlier = {"first": years[0], "last": years[-2] if len(years) > 1 else years[0]}
    if edition is None:
        return text.gettext(
            "Source: UN DESA, UN E-Government Survey %(first)s–%(last)s (UN E-Government "
            "Knowledgebase, Data Center).",
            first=years[0],
            last=years[-1],
        )
    values = {"title": _title(text, edition), "published": published(text, edition), **earlier}
    if len(years) == 1:
        return text.gettext(
            "Source: UN DESA, %(title)s, %(published)s (UN E-Government Knowledgebase, Data "
            "Center).",
            **values,
        )
    if len(years) == 2:
        return text.gettext(
            "Source: UN DESA, %(title)s, %(published)s; and the %(first)s edition (UN "
            "E-Government Knowledgebase, Data Center).",
            **values,
        )
    if len(years) == 3:
        return text.gettext(
            "Source: UN DESA, %(title)s, %(published)s; and the %(first)s and %(last)s editions "
            "(UN E-Government Knowledgebase, Data Center).",
            **values,
        )
    return text.gettext(
        "Source: UN DESA, %(title)s, %(published)s; and the earlier editions, %(first)s–%(last)s "
        "(UN E-Government Knowledgebase, Data Center).",
        **values,
    )


def sources(text: Text, notes: Notes, editions: Editions) -> list[str]:
    """Source lines: the UN files behind the figures, with SHA-256, and the tool's version."""
    years, files = notes.years, notes.data_files
    lines = [edition_source(text, editions, years)]
    if 1 < len(files) <= 3:  # a few files, perhaps not of consecutive surveys: each named
        lines.append(
            text.gettext(
                "Data files: %(files)s; their SHA-256 hashes are recorded in data/provenance.json.",
                files=listing(text, [f.file for f in files]),
            )
        )
    elif len(files) > 3:
        lines.append(
            text.ngettext(
                "Data files: %(first)s to %(last)s, %(num)s file; their SHA-256 hashes are "
                "recorded in data/provenance.json.",
                "Data files: %(first)s to %(last)s, %(num)s files; their SHA-256 hashes are "
                "recorded in data/provenance.json.",
                len(files),
                first=files[0].file,
                last=files[-1].file,
            )
        )
    for source in files:
        if years[-1] in source.survey_years:
            lines.append(
                text.gettext(
                    "Data for %(year)s: %(file)s, SHA-256 %(hash)s…",
                    year=years[-1],
                    file=source.file,
                    hash=source.sha256[:16],
                )
            )
    if notes.income_source:
        lines.append(
            text.gettext(
                "Income groups: World Bank, %(file)s (SHA-256 %(hash)s…).",
                file=notes.income_source.file,
                hash=notes.income_source.sha256[:12],
            )
        )
    lines.append(text.gettext("Computed with egdi-report %(version)s.", version=__version__))
    return lines
