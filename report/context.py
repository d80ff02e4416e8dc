"""Pieces every document context uses: index names, comparator means, sources, notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import __version__, charts
from .dataset import COMPONENTS, Dataset
from .narrative import listing, method_change_text, publication_date
from .selection import CountrySet, group
from .text import Text

HEADLINE = ("egdi", *COMPONENTS)  # EGDI then OSI, HCI, TII: the order of every table


def indicator_names(text: Text) -> dict[str, str]:
    """Full names of the five indices, with their abbreviations."""
    return {
        "egdi": text.gettext("E-Government Development Index (EGDI)"),
        "osi": text.gettext("Online Service Index (OSI)"),
        "hci": text.gettext("Human Capital Index (HCI)"),
        "tii": text.gettext("Telecommunication Infrastructure Index (TII)"),
        "epi": text.gettext("E-Participation Index (EPI)"),
    }


@dataclass(frozen=True)
class Comparator:
    """A reference group for a country: its label, members and mean of each index."""

    key: str
    label: str  # as a table heading: CIS, СНГ
    in_text: str  # inside a sentence: the CIS, СНГ, «Европа и Центральная Азия»
    members: list[str]
    means: dict[str, float]


def comparator(ds: Dataset, countries: CountrySet, key: str, text: Text) -> Comparator:
    """Means of EGDI and its components over a country set (countries.label names it)."""
    frame = ds.year_frame(countries.year).loc[countries.members]
    return Comparator(
        key=key,
        label=text.set_label(countries.label),
        in_text=text.set_in_text(countries.label),
        members=countries.members,
        means={indicator: float(frame[indicator].mean()) for indicator in HEADLINE},
    )


def default_peers(ds: Dataset, iso3: str) -> str:
    """The peer group of a brief: the CIS for its members, otherwise the World Bank region."""
    if "cis" in ds.countries.get(iso3).groups:
        return "cis"
    return f"region:{_region_slug(ds, iso3)}"


def _region_slug(ds: Dataset, iso3: str) -> str:
    from .countries import slug

    return slug(ds.countries.get(iso3).wb_region)


def comparators(ds: Dataset, iso3: str, year: int, peers: str, text: Text) -> list[Comparator]:
    """World, region, income group and peer means for a country (no group twice)."""
    found = [comparator(ds, group(ds, year, "world"), "world", text)]
    region_key = f"region:{_region_slug(ds, iso3)}"
    found.append(comparator(ds, group(ds, year, region_key), "region", text))
    income = ds.income_for(iso3, year)
    if income.code:
        found.append(comparator(ds, group(ds, year, f"income:{income.code}"), "income", text))
    if peers != region_key:
        found.append(comparator(ds, group(ds, year, peers), "peers", text))
    return found


def method_breaks(
    ds: Dataset, years: list[int], indicators: tuple[str, ...], text: Text
) -> tuple[list[charts.Break], str | None]:
    """The method breaks inside a trend chart's years for the plotted indicators: the rules
    to draw (one per survey that brought changes, numbered) and the note that explains them."""
    by_year: dict[int, list[str]] = {}
    for change in ds.editions.between(years, indicators, breaks_only=True):
        if change.year in years:
            by_year.setdefault(change.year, []).append(method_change_text(text, change.change))
    breaks, items = [], []
    for number, (after, clauses) in enumerate(sorted(by_year.items()), start=1):
        before = max(y for y in years if y < after)
        breaks.append(charts.Break(before, after, str(number)))
        items.append(
            text.gettext(
                "(%(n)s) %(year)s: %(changes)s",
                n=number,
                year=after,
                changes=listing(text, clauses),
            )
        )
    if not breaks:
        return [], None
    note = text.ngettext(
        "Dashed rule: a change of method, across which values are not comparable as levels. "
        "%(items)s.",
        "Dashed rules: changes of method, across which values are not comparable as levels. "
        "%(items)s.",
        len(breaks),
        items="; ".join(items),
    )
    return breaks, note


def method_notes(
    ds: Dataset, years: list[int], text: Text, breaks_under: int | None = None
) -> dict:
    """What the notes on method say about editions: the changes of method between the first
    and the last survey a document covers, one sentence per edition (data/method_changes.csv),
    and the last survey that gave EGDI = 0 to a country it assessed (from the panel). With
    breaks_under, the breaks are described under that figure already, so the notes point there
    and list only the other changes."""
    by_year: dict[int, list[str]] = {}
    changes = ds.editions.between(years, (*HEADLINE, "epi"))
    for change in changes:
        if breaks_under is None or not change.is_break:
            by_year.setdefault(change.year, []).append(method_change_text(text, change.change))
    lines = [
        text.gettext("%(year)s: %(changes)s.", year=year, changes=listing(text, clauses))
        for year, clauses in sorted(by_year.items())
    ]
    if breaks_under is not None and any(change.is_break for change in changes):
        lines.insert(
            0,
            text.gettext(
                "The changes that break the series are described under Figure %(n)s.",
                n=breaks_under,
            ),
        )
    panel = ds.panel
    zeros = panel[(panel["egdi"] == 0) & panel["rank"].notna() & panel["year"].isin(years)]
    return {"changes": lines, "zero_until": int(zeros["year"].max()) if len(zeros) else None}


def income_note(ds: Dataset, year: int, text: Text) -> str:
    """Which World Bank classification a document uses: the one in force on the day the
    edition was published (data/surveys.csv), or the latest available."""
    edition = ds.editions.get(year)
    in_force = ds.fiscal_year(year)
    values = {
        "year": year,
        "fiscal_year": in_force,
        "start": text.date(date(in_force - 1, 7, 1)),
        "end": text.date(date(in_force, 6, 30)),
    }
    if edition and edition.published_basis == "first_mention":
        note = text.gettext(
            "Income groups: the exact publication date of the %(year)s Survey is not known (the "
            "earliest dated report of its results: %(published)s); the World Bank classification "
            "in force then is used, that of fiscal year %(fiscal_year)s (%(start)s – %(end)s).",
            published=text.month(edition.published),
            **values,
        )
    elif edition:
        note = text.gettext(
            "Income groups: the World Bank classification in force when the %(year)s Survey was "
            "published (%(published)s): that of fiscal year %(fiscal_year)s (%(start)s – "
            "%(end)s).",
            published=publication_date(text, edition),
            **values,
        )
    else:
        note = text.gettext(
            "Income groups: the publication date of the %(year)s Survey is not in the data yet; "
            "the World Bank classification of fiscal year %(fiscal_year)s (from %(start)s) is "
            "assumed.",
            **values,
        )
    if ds.income.covers(in_force):
        return note
    latest = ds.income.last_fiscal_year
    return (
        note
        + " "
        + text.gettext(
            "That classification is not yet in the data, so the latest available is used: that of "
            "fiscal year %(latest)s (from %(latest_start)s).",
            latest=latest,
            latest_start=text.date(date(latest - 1, 7, 1)),
        )
    )


def edition_source(ds: Dataset, years: list[int], text: Text) -> str:
    """The source line of a document: the edition of its survey year (title, publication date;
    the original title where the document's is a translation) and the earlier editions."""
    edition = ds.editions.get(years[-1])
    if edition is None:
        return text.gettext(
            "Source: UN DESA, UN E-Government Survey %(first)s–%(last)s (UN E-Government "
            "Knowledgebase, Data Center).",
            first=years[0],
            last=years[-1],
        )
    title = edition.title(text.lang)
    values = {
        "title": title.title,
        "subtitle": title.subtitle,
        "published": publication_date(text, edition),
        "first": years[0],
    }
    if not title.official:
        values["title"] += " " + text.gettext(
            "(original title: %(title)s)", title=edition.title("en").title
        )
    if len(years) == 1:
        return text.gettext(
            "Source: UN DESA, %(title)s. %(subtitle)s, published %(published)s (UN "
            "E-Government Knowledgebase, Data Center).",
            **values,
        )
    return text.gettext(
        "Source: UN DESA, %(title)s. %(subtitle)s, published %(published)s, and the "
        "editions since %(first)s (UN E-Government Knowledgebase, Data Center).",
        **values,
    )


def sources(ds: Dataset, years: list[int], text: Text) -> list[str]:
    """Source lines: the UN files behind the figures, with SHA-256, and the tool's version."""
    lines = [edition_source(ds, years, text)]
    files = [
        s for s in ds.provenance.get("panel_sources", []) if set(s["survey_years"]) & set(years)
    ]
    if len(files) > 1:
        lines.append(
            text.ngettext(
                "Data files: %(first)s to %(last)s, %(num)s file; their SHA-256 hashes are "
                "recorded in data/provenance.json.",
                "Data files: %(first)s to %(last)s, %(num)s files; their SHA-256 hashes are "
                "recorded in data/provenance.json.",
                len(files),
                first=files[0]["file"],
                last=files[-1]["file"],
            )
        )
    for source in files:
        if years[-1] in source["survey_years"]:
            lines.append(
                text.gettext(
                    "Data for %(year)s: %(file)s, SHA-256 %(hash)s.",
                    year=years[-1],
                    file=source["file"],
                    hash=source["sha256"][:16] + "…",
                )
            )
    income = ds.provenance.get("income", {}).get("source")
    if income:
        lines.append(
            text.gettext(
                "Income groups: World Bank, %(file)s (SHA-256 %(hash)s…).",
                file=income["file"],
                hash=income["sha256"][:12],
            )
        )
    lines.append(text.gettext("Computed with egdi-report %(version)s.", version=__version__))
    return lines


class Numbering:
    """Numbers tables and figures in the order a document shows them."""

    def __init__(self, text: Text):
        self.text = text
        self.tables = 0
        self.figures = 0

    def table(self, title: str) -> str:
        """'Table 3. <title>'."""
        self.tables += 1
        return self.text.gettext("Table %(n)s. %(title)s", n=self.tables, title=title)

    def figure(self, title: str) -> str:
        """'Figure 2. <title>'."""
        self.figures += 1
        return self.text.gettext("Figure %(n)s. %(title)s", n=self.figures, title=title)


def article_formulas() -> dict[str, str]:
    """The article's formulas 1-7 (and the t statistic), typeset as SVG."""
    group_mean = r"\overline{{\mathrm{{{x}}}}} = \frac{{1}}{{n}}\sum_{{c=1}}^{{n}} \mathrm{{{x}}}_c"
    return {
        "mean": charts.formula(r"\bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i", 12),
        "sd": charts.formula(r"\sigma = \sqrt{\frac{1}{n}\sum_{i=1}^{n}(x_i - \bar{x})^2}", 12),
        "pearson": charts.formula(
            r"r_{xy} = \frac{\sum_{i=1}^{n}(x_i - \bar{x})(y_i - \bar{y})}"
            r"{\sqrt{\sum_{i=1}^{n}(x_i - \bar{x})^2 \; \sum_{i=1}^{n}(y_i - \bar{y})^2}}",
            15,
        ),
        "t": charts.formula(r"t = r\,\sqrt{\frac{n - 2}{1 - r^2}}", 12),
        **{
            f"group_{name}": charts.formula(group_mean.format(x=label), 11)
            for name, label in (("egdi", "EGDI"), ("osi", "OSI"), ("tii", "TII"), ("hci", "HCI"))
        },
    }
