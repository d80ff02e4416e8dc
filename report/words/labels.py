"""Names of groups, regions, income levels, EGDI groups and rating classes, per language."""

from __future__ import annotations

from report.data.countries import CountryTable, slug
from report.words.text import Text

WB_REGIONS = (
    "East Asia & Pacific",
    "Europe & Central Asia",
    "Latin America & Caribbean",
    "Middle East & North Africa",
    "North America",
    "South Asia",
    "Sub-Saharan Africa",
)


def egdi_group(text: Text, group: str) -> str:
    """The label of an EGDI group (very_high, high, middle, low)."""
    return {
        "very_high": text.pgettext("EGDI group", "Very high EGDI"),
        "high": text.pgettext("EGDI group", "High EGDI"),
        "middle": text.pgettext("EGDI group", "Middle EGDI"),
        "low": text.pgettext("EGDI group", "Low EGDI"),
    }[group]


def set_label(text: Text, label: str) -> str:
    """A country set's label for a title: named groups translated, 'top N' worded."""
    if label.startswith("top "):
        return text.gettext("top %(n)s", n=label.removeprefix("top "))
    names = {
        "world": text.pgettext("country set", "World"),
        "cis": text.pgettext("country set", "CIS"),
        "eaeu": text.pgettext("country set", "EAEU"),
        "central_asia": text.pgettext("country set", "Central Asia"),
        "oecd": text.pgettext("country set", "OECD"),
        "eu": text.pgettext("country set", "EU"),
    }
    if label in names:
        return names[label]
    if label in ("very_high", "high", "middle", "low"):
        return egdi_group(text, label)
    if label.startswith("region:"):
        wanted = label.removeprefix("region:")
        for name in WB_REGIONS:
            if slug(name) == wanted:
                return region(text, name)
    if label.startswith("income:"):
        return income_group(text, label.removeprefix("income:"))
    return label


def set_in_text(text: Text, label: str) -> str:
    """A country set as it stands inside a sentence after 'the mean of' / 'группы' /
    'тобының': 'the CIS', 'СНГ', «Европа и Центральная Азия» (quotes where a name would
    otherwise need a case ending)."""
    if label.startswith("top "):
        return text.gettext("the top %(n)s", n=label.removeprefix("top "))
    names = {
        "world": text.pgettext("country set, in a sentence", "the world"),
        "leaders": text.pgettext("country set, in a sentence", "the leaders"),
        "cis": text.pgettext("country set, in a sentence", "the CIS"),
        "eaeu": text.pgettext("country set, in a sentence", "the EAEU"),
        "central_asia": text.pgettext("country set, in a sentence", "Central Asia"),
        "oecd": text.pgettext("country set, in a sentence", "the OECD"),
        "eu": text.pgettext("country set, in a sentence", "the EU"),
        "very_high": text.pgettext("EGDI group, in a sentence", "the very high EGDI group"),
        "high": text.pgettext("EGDI group, in a sentence", "the high EGDI group"),
        "middle": text.pgettext("EGDI group, in a sentence", "the middle EGDI group"),
        "low": text.pgettext("EGDI group, in a sentence", "the low EGDI group"),
        "income:L": text.pgettext("income group, in a sentence", "the low-income group"),
        "income:LM": text.pgettext("income group, in a sentence", "the lower-middle-income group"),
        "income:UM": text.pgettext("income group, in a sentence", "the upper-middle-income group"),
        "income:H": text.pgettext("income group, in a sentence", "the high-income group"),
    }
    if label in names:
        return names[label]
    if label.startswith("region:"):
        wanted = label.removeprefix("region:")
        for name in WB_REGIONS:
            if slug(name) == wanted:
                return text.pgettext(
                    "region, in a sentence", "%(region)s", region=region(text, name)
                )
    return label


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


def rating_class_note(text: Text, klass: str) -> str:
    """What a rating class means: which quarter of its EGDI group (VH, V3, V2, V1 ...)."""
    quarter = 0 if klass in ("VH", "HV", "MH", "LM") else 4 - int(klass[1])
    return (
        text.pgettext("rating class", "best quarter of its EGDI group"),
        text.pgettext("rating class", "second quarter of its EGDI group"),
        text.pgettext("rating class", "third quarter of its EGDI group"),
        text.pgettext("rating class", "last quarter of its EGDI group"),
    )[quarter]


def region(text: Text, name: str) -> str:
    """A World Bank region's name."""
    return {
        "East Asia & Pacific": text.pgettext("region", "East Asia and Pacific"),
        "Europe & Central Asia": text.pgettext("region", "Europe and Central Asia"),
        "Latin America & Caribbean": text.pgettext("region", "Latin America and the Caribbean"),
        "Middle East & North Africa": text.pgettext("region", "Middle East and North Africa"),
        "North America": text.pgettext("region", "North America"),
        "South Asia": text.pgettext("region", "South Asia"),
        "Sub-Saharan Africa": text.pgettext("region", "Sub-Saharan Africa"),
    }.get(name, name)


def income_group(text: Text, code: str | None) -> str:
    """A World Bank income group (L, LM, UM, H), or 'not classified'."""
    return {
        "L": text.pgettext("income group", "Low income"),
        "LM": text.pgettext("income group", "Lower-middle income"),
        "UM": text.pgettext("income group", "Upper-middle income"),
        "H": text.pgettext("income group", "High income"),
    }.get(code or "", text.pgettext("income group", "Not classified"))


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
