"""Pieces every document context uses: index names, comparator means, sources, notes."""

from __future__ import annotations

from dataclasses import dataclass

from report import __version__
from report.compute.selection import CountrySet, group
from report.data.dataset import COMPONENTS, Dataset
from report.render import charts
from report.words.edition_notes import breaks_note, edition_source
from report.words.text import Text

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
    from report.data.countries import slug

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
    """The method breaks a trend chart over these years crosses for the plotted indicators:
    the rules to draw (numbered, one between each two surveys with breaks) and their note."""
    marks = ds.editions.breaks_within(years, indicators)
    rules = [charts.Break(before, after, str(n)) for n, (before, after, _) in enumerate(marks, 1)]
    return rules, breaks_note(text, marks)


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
                    "Data for %(year)s: %(file)s, SHA-256 %(hash)s…",
                    year=years[-1],
                    file=source["file"],
                    hash=source["sha256"][:16],
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
