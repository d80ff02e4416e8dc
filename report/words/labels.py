"""Names of groups, regions, income levels, EGDI groups and rating classes, per language."""

from __future__ import annotations

from collections.abc import Sequence

from report.compute.indicators import RATING_CLASSES_SINCE
from report.data.countries import CountryTable
from report.words.groups import group_name
from report.words.mechanics import join_list, sort_key
from report.words.text import Text


def egdi_group(text: Text, group: str) -> str:
    """The label of an EGDI group (very_high, high, middle, low)."""
    return group_name(text, group).label


def set_label(text: Text, key: str) -> str:
    """A country set's label for a heading or legend: CIS, СНГ, ТМД, Top 10."""
    return group_name(text, key).label


def egdi_group_short(text: Text, group: str) -> str:
    """An EGDI group in a table column headed 'EGDI group': 'Very high'."""
    return {
        "very_high": text.pgettext("EGDI group, short", "Very high"),
        "high": text.pgettext("EGDI group, short", "High"),
        "middle": text.pgettext("EGDI group, short", "Middle"),
        "low": text.pgettext("EGDI group, short", "Low"),
    }[group]


def income_group_short(text: Text, code: str | None) -> str:
    """An income group in a table column headed 'Income group': 'Upper-middle'."""
    return {
        "L": text.pgettext("income group, short", "Low"),
        "LM": text.pgettext("income group, short", "Lower-middle"),
        "UM": text.pgettext("income group, short", "Upper-middle"),
        "H": text.pgettext("income group, short", "High"),
    }.get(code or "", text.pgettext("income group", "Not classified"))


def rating_class_note(text: Text, klass: str, year: int) -> str:
    """What a rating class means (which quarter of its EGDI group), and for a survey before
    the UN published classes (the brief's table note says since when), that it is computed."""
    quarter = 0 if klass in ("VH", "HV", "MH", "LM") else 4 - int(klass[1])
    note = (
        text.pgettext("rating class", "top quarter of its EGDI group"),
        text.pgettext("rating class", "second quarter of its EGDI group"),
        text.pgettext("rating class", "third quarter of its EGDI group"),
        text.pgettext("rating class", "bottom quarter of its EGDI group"),
    )[quarter]
    if year >= RATING_CLASSES_SINCE:
        return note
    return text.pgettext("rating class", "%(quarter)s; computed", quarter=note)


POLITICAL_GROUPS = ("cis", "eaeu", "central_asia")  # sets whose name does not say who is in


def group_members(
    text: Text, key: str, countries: CountryTable, codes: Sequence[str]
) -> str | None:
    """The members of a political grouping (CIS, EAEU, Central Asia) named from the data, in
    alphabetical order; None for the sets whose name says it."""
    if key not in POLITICAL_GROUPS:
        return None
    names = sorted(
        (countries.name(c, text.lang) for c in codes), key=lambda n: sort_key(text.lang, n)
    )
    return join_list(text.lang, names)


def full_name(text: Text, key: str) -> str | None:
    """The name an abbreviated grouping stands for (CIS, EAEU), for its first mention."""
    return {
        "cis": text.pgettext("group name", "Commonwealth of Independent States"),
        "eaeu": text.pgettext("group name", "Eurasian Economic Union"),
    }.get(key)


def spelled_label(text: Text, key: str) -> str:
    """A set's label with the name an abbreviation stands for: CIS (Commonwealth of
    Independent States); other labels as they are."""
    name, spelled = set_label(text, key), full_name(text, key)
    if not spelled:
        return name
    return text.gettext("%(abbreviation)s (%(name)s)", abbreviation=name, name=spelled)


def membership_note(text: Text, key: str, codes: Sequence[str]) -> str | None:
    """What a grouping's list of members leaves unsaid: a member that is not a full one
    (Turkmenistan in the CIS), or that the grouping is not a World Bank region."""
    if key == "cis":
        current = text.pgettext(
            "group definition", "The CIS is taken in its current composition for every survey."
        )
        if "TKM" not in codes:
            return current
        associate = text.pgettext(
            "group definition", "Turkmenistan has been an associate member of the CIS since 2005."
        )
        return f"{associate} {current}"
    if key == "central_asia":
        return text.pgettext(
            "group definition",
            "Central Asia is a group of this document, not a World Bank region: the World Bank "
            "counts these countries in Europe and Central Asia.",
        )
    return None


def group_definition(
    text: Text, key: str, countries: CountryTable, codes: Sequence[str]
) -> str | None:
    """'CIS: Armenia, … and Uzbekistan.' with its membership note; None for other sets."""
    members = group_members(text, key, countries, codes)
    if members is None:
        return None
    line = text.gettext("%(group)s: %(members)s.", group=spelled_label(text, key), members=members)
    note = membership_note(text, key, codes)
    return f"{line} {note}" if note else line


def income_group(text: Text, code: str | None) -> str:
    """A World Bank income group (L, LM, UM, H) as a label, or 'not classified'."""
    if code in ("L", "LM", "UM", "H"):
        return group_name(text, f"income:{code}").label
    return text.pgettext("income group", "Not classified")


def statistics(text: Text) -> dict[str, str]:
    """Headings of the descriptive statistics, by the field of indicators.Description."""
    return {
        "mean": text.gettext("Mean"),
        "sd": text.gettext("SD (population)"),
        "sd_sample": text.gettext("SD (sample)"),
        "median": text.gettext("Median"),
        "min": text.gettext("Minimum"),
        "max": text.gettext("Maximum"),
    }


def audit_statuses(text: Text) -> dict[str, str]:
    """The status of an audited claim: match, mismatch, error."""
    return {
        "match": text.gettext("match"),
        "mismatch": text.gettext("mismatch"),
        "error": text.gettext("error"),
    }


def locators(text: Text) -> dict[str, str]:
    """The words of a place in an article (a claims file's 'where' keys): table, row ..."""
    return {
        "table": text.pgettext("place in the article", "table"),
        "row": text.pgettext("place in the article", "row"),
        "column": text.pgettext("place in the article", "column"),
        "section": text.pgettext("place in the article", "section"),
        "item": text.pgettext("place in the article", "item"),
        "position": text.pgettext("place in the article", "position"),
    }


def claim_places(text: Text, where: dict) -> list[str]:
    """Where a claim is printed, each part in words: 'table: 2', 'row: “Дания”'."""
    names = locators(text)
    return [f"{names.get(k, k)}: {quoted(text, str(v))}" for k, v in where.items()]


def changes_note(text: Text) -> str:
    """Under a table of changes between two surveys: how they are computed, and what a
    per-cent change of a rescaled index does and does not say."""
    return text.gettext(
        "Changes are computed from the unrounded values, so they can differ slightly from "
        "changes computed from the rounded values in the table. Every edition rescales the "
        "indices, so a change in per cent or an annual growth rate describes the published "
        "values, not growth of e-government as such."
    )


def quoted(text: Text, words: str) -> str:
    """The article's own words in the document language's quotation marks; a number or a
    Latin abbreviation (0,9317, 4), OSI, EGDI 2022) stays bare, a Cyrillic one (США) does not."""
    if not any(c.islower() or "\u0400" <= c <= "\u04ff" for c in words):
        return words
    return text.pgettext("quotation marks", "“%(words)s”", words=words)


def recomputed(text: Text, claim: dict, countries: CountryTable) -> str:
    """An audited claim's recomputed value as a reader reads it: the number at the printed
    precision, a group or income label, a country's name, or why it could not be computed."""
    if claim["status"] == "error":
        return claim["message"]
    if "decimals" in claim:
        return text.number(claim["computed_at_printed_precision"], claim["decimals"])
    statistic, code = claim["statistic"], claim["computed"]
    if statistic == "egdi_group" and code:
        return egdi_group_short(text, code)
    if statistic == "income_group":
        return income_group_short(text, code)
    if statistic == "top" and code in countries:
        return countries.name(code, text.lang)
    return str(code)
