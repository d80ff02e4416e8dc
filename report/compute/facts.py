"""Facts every document shares: survey points, group means, method breaks, the notes' basis.

Facts are frozen dataclasses of numbers, ISO3 codes, set keys and years: no language and no
display text. The words stage names and words them; `dataclasses.asdict` gives their JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from report.compute.indicators import egdi_group, group_means, identity_gap, rating_classes
from report.compute.selection import CountrySet, group
from report.data.dataset import COMPONENTS, INDICATORS, Dataset
from report.data.editions import CHANGE_INDICATORS

HEADLINE = ("egdi", *COMPONENTS)  # EGDI then OSI, HCI, TII: the order of every table


@dataclass(frozen=True)
class Point:
    """A country in one survey: rank None (and values 0) when the UN assessed no value."""

    year: int
    rank: int | None
    total: int  # countries the survey assessed
    egdi: float
    osi: float
    hci: float
    tii: float
    epi: float
    group: str | None  # EGDI group code (very_high ... low); None when not assessed
    rating_class: str | None

    @property
    def assessed(self) -> bool:
        """Whether the UN assessed the country in this survey."""
        return self.rank is not None

    def value(self, indicator: str) -> float:
        """The value of an index (egdi, osi, hci, tii, epi)."""
        return getattr(self, indicator)


@dataclass(frozen=True)
class GroupMeans:
    """A reference group in a survey: its role, set key, members and mean of each index
    (formulas 4 to 7)."""

    role: str  # world, region, income, peers, group
    key: str  # the set's key as --group takes it: world, cis, region:..., income:UM
    year: int
    members: tuple[str, ...]
    means: dict[str, float]


@dataclass(frozen=True)
class Change:
    """A change of method one edition made to one index."""

    year: int
    indicator: str
    change: str  # a code of data/method_changes.csv
    is_break: bool


@dataclass(frozen=True)
class Break:
    """The breaks in method a series crosses between two consecutive surveys it shows."""

    before: int
    after: int
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class IncomeBasis:
    """Which World Bank classification a document's income groups follow, and why."""

    year: int
    fiscal_year: int  # in force at publication
    covered: bool  # whether the data have that fiscal year
    latest_fiscal_year: int | None
    country: str | None = None
    # an edition dated only by a first report of its results: the country's group in force,
    # and the group under the fiscal year before
    first_report_only: bool = False
    group_in_force: str | None = None
    group_year_before: str | None = None


@dataclass(frozen=True)
class DataFile:
    """An input file behind the figures, as data/provenance.json records it."""

    file: str
    sha256: str
    survey_years: tuple[int, ...] = ()


@dataclass(frozen=True)
class Notes:
    """What the notes on method and sources rest on."""

    years: tuple[int, ...]  # the surveys the document draws on
    changes: tuple[Change, ...]  # changes of method after the first of method_years
    method_years: tuple[int, int]
    zero_until: int | None  # the last survey that assigned EGDI = 0, if among the years
    gap_years: tuple[int, ...]  # surveys whose EGDI is not the mean of its published components
    income: IncomeBasis
    data_files: tuple[DataFile, ...]  # the UN files with a survey among `years`
    income_source: DataFile | None


def point(ds: Dataset, iso3: str, year: int, series: pd.DataFrame | None = None) -> Point:
    """A country's values in a survey year it appears in (series: its country_frame)."""
    row = (ds.country_frame(iso3) if series is None else series).loc[year]
    assessed = pd.notna(row["rank"])
    frame = ds.year_frame(year)
    return Point(
        year=year,
        rank=int(row["rank"]) if assessed else None,
        total=len(frame),
        **{c: float(row[c]) for c in INDICATORS},
        group=egdi_group(float(row["egdi"])) if assessed else None,
        rating_class=rating_classes(frame["egdi"])[iso3] if assessed else None,
    )


def means_of(ds: Dataset, countries: CountrySet, role: str) -> GroupMeans:
    """The means of EGDI and its components over a country set."""
    frame = ds.year_frame(countries.year).loc[countries.members]
    return GroupMeans(
        role=role,
        key=countries.label,
        year=countries.year,
        members=tuple(countries.members),
        means=group_means(frame, HEADLINE),
    )


def _change(change) -> Change:
    return Change(change.year, change.indicator, change.change, change.is_break)


def method_breaks(ds: Dataset, years: list[int], indicators: tuple[str, ...]) -> tuple[Break, ...]:
    """The method breaks a series over these survey years crosses for these indices."""
    return tuple(
        Break(before, after, tuple(_change(c) for c in changes))
        for before, after, changes in ds.editions.breaks_within(years, indicators)
    )


def break_years(ds: Dataset, years: list[int], indicator: str) -> tuple[int, ...]:
    """The editions within these years whose change of method breaks one index's series."""
    found = ds.editions.between(years, (indicator,), breaks_only=True)
    return tuple(sorted({c.year for c in found}))


def last_zero_year(ds: Dataset) -> int | None:
    """The last survey that gave EGDI = 0 to a country it assessed (none since 2012)."""
    panel = ds.panel
    zeros = panel[(panel["egdi"] == 0) & panel["rank"].notna()]
    return int(zeros["year"].max()) if len(zeros) else None


def income_basis(ds: Dataset, year: int, iso3: str | None = None) -> IncomeBasis:
    """The classification in force when the survey of a year was published (and, for an
    edition dated only by a first report, a country's group under the year before)."""
    fiscal_year = ds.fiscal_year(year)
    edition = ds.editions.get(year)
    uncertain = iso3 and edition is not None and edition.published_basis == "first_mention"
    return IncomeBasis(
        year=year,
        fiscal_year=fiscal_year,
        covered=ds.income.covers(fiscal_year),
        latest_fiscal_year=ds.income.last_fiscal_year,
        country=iso3,
        first_report_only=bool(uncertain),
        group_in_force=ds.income.in_fiscal_year(iso3, fiscal_year).code if uncertain else None,
        group_year_before=ds.income.in_fiscal_year(iso3, fiscal_year - 1).code
        if uncertain
        else None,
    )


def notes(ds: Dataset, years: list[int], method_years: list[int], iso3: str | None = None) -> Notes:
    """The basis of a document's notes: sources over `years`, changes over `method_years`."""
    changes = ds.editions.between(method_years, CHANGE_INDICATORS)
    files = [
        DataFile(s["file"], s["sha256"], tuple(s["survey_years"]))
        for s in ds.provenance.get("panel_sources", [])
        if set(s["survey_years"]) & set(years)
    ]
    income = ds.provenance.get("income", {}).get("source")
    zero = last_zero_year(ds)
    return Notes(
        years=tuple(years),
        changes=tuple(_change(c) for c in changes),
        method_years=(method_years[0], method_years[-1]),
        zero_until=zero if zero is not None and zero >= years[0] else None,
        gap_years=identity_gap_years(ds, years, iso3),
        income=income_basis(ds, years[-1], iso3),
        data_files=tuple(files),
        income_source=DataFile(income["file"], income["sha256"]) if income else None,
    )


# A published EGDI this far from the mean of the published components is not their mean:
# clean editions stay within 0.0001 (rounding of the published components), 2008 and 2010
# differ by up to 0.0136 (tests/test_indicators.py counts them).
IDENTITY_TOLERANCE = 0.00015


def identity_gap_years(ds: Dataset, years: list[int], iso3: str | None = None) -> tuple[int, ...]:
    """The surveys among `years` in which the published EGDI differs from the mean of the
    published components: the country's own, or, without one, any assessed country's (an
    EGDI of 0 for no online presence aside: the zero rule explains those)."""
    panel = ds.panel[ds.panel["year"].isin(years) & ds.panel["rank"].notna()]
    panel = panel[panel["egdi"] != 0]
    if iso3 is not None:
        panel = panel[panel["iso3"] == iso3]
    off = panel[identity_gap(panel).abs() > IDENTITY_TOLERANCE]
    return tuple(sorted({int(y) for y in off["year"]}))


def comparators(ds: Dataset, iso3: str, year: int, peers: str) -> tuple[GroupMeans, ...]:
    """World, region, income group and peer means for a country (no group twice: peers
    that are one of the others are that one)."""
    found = [means_of(ds, group(ds, year, "world"), "world")]
    found.append(means_of(ds, group(ds, year, region_of(ds, iso3)), "region"))
    income = ds.income_for(iso3, year)
    if income.code:
        found.append(means_of(ds, group(ds, year, f"income:{income.code}"), "income"))
    if all(c.key != peers for c in found):
        found.append(means_of(ds, group(ds, year, peers), "peers"))
    return tuple(found)


def region_of(ds: Dataset, iso3: str) -> str:
    """The set key of a country's World Bank region: region:europe_central_asia."""
    from report.data.countries import slug

    return f"region:{slug(ds.countries.get(iso3).wb_region)}"


def default_peers(ds: Dataset, iso3: str) -> str:
    """The peer group of a brief: the CIS for its members, otherwise the World Bank region."""
    if "cis" in ds.countries.get(iso3).groups:
        return "cis"
    return region_of(ds, iso3)


def as_json(facts) -> dict:
    """The facts of a document as JSON-ready data: `dataclasses.asdict`, nothing added."""
    return asdict(facts)
