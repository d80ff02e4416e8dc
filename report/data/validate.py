"""Checking a data directory: schema, coverage, ranks, errata and provenance hashes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from report.data import storage
from report.data.countries import CountryTable
from report.data.dataset import (
    COMPONENTS,
    COUNTRIES_FILE,
    ERRATA_FILE,
    INCOME_FILE,
    INDICATORS,
    PANEL_FILE,
    PROVENANCE_FILE,
    Erratum,
    check_data_dir,
    panel_frame,
    provenance_mismatches,
    read_errata,
    read_panel,
    read_provenance,
)
from report.data.editions import SURVEYS_FILE, Editions
from report.data.income import IncomeHistory
from report.data.ingest import IDENTITY_TOLERANCE


@dataclass
class Check:
    """One named check and what it found: passed, passed with a warning, or failed."""

    name: str
    ok: bool
    detail: str
    warning: bool = False


@dataclass
class ValidationReport:
    """The checks run on a data directory."""

    data_dir: Path
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every check passed."""
        return all(check.ok for check in self.checks)

    def add(self, name: str, problems: list[str], detail: str, warnings: list[str] = ()) -> None:
        """Record a check: failed with its problems, passed with warnings (which do not make
        the data invalid), or passed with its detail."""
        if problems:
            self.checks.append(Check(name, False, "; ".join(problems)))
        elif warnings:
            self.checks.append(Check(name, True, "; ".join(warnings), warning=True))
        else:
            self.checks.append(Check(name, True, detail))

    @property
    def warnings(self) -> list[Check]:
        """The checks that passed with a warning."""
        return [check for check in self.checks if check.warning]


def _coverage(frame: pd.DataFrame, countries: CountryTable, years: list[int]) -> list[str]:
    problems = []
    unknown = sorted(set(frame["iso3"]) - set(countries.iso3_codes))
    if unknown:
        problems.append(f"ISO3 codes not in the country table: {unknown}")
    for year in years:
        absent = sorted(set(countries.iso3_codes) - set(frame.loc[frame["year"] == year, "iso3"]))
        if absent:
            problems.append(
                f"{year}: {len(absent)} member states missing ({', '.join(absent[:5])})"
            )
    return problems


def _range(
    frame: pd.DataFrame, errata: dict[tuple[int, str, str], Erratum]
) -> tuple[list[str], int]:
    """Values outside [0, 1] not covered by an erratum, errata that no longer match, and how
    many errata are in use."""
    problems, used = [], 0
    for column in INDICATORS:
        for row in frame[(frame[column] < 0) | (frame[column] > 1)].itertuples():
            value = getattr(row, column)
            erratum = errata.get((row.year, row.iso3, column))
            if erratum and float(erratum.value) == value:
                used += 1
            else:
                problems.append(f"{row.iso3} {row.year} {column} = {value}")
    values = frame.set_index(["year", "iso3"])
    for (year, iso3, column), erratum in errata.items():
        if (year, iso3) not in values.index or values.at[(year, iso3), column] != float(
            erratum.value
        ):
            problems.append(f"erratum no longer matches the panel: {iso3} {year} {column}")
    return problems, used


def _ranks(frame: pd.DataFrame, years: list[int]) -> list[str]:
    unranked = frame[frame["rank"].isna()]
    problems = [
        f"{row.iso3} {row.year} has no rank but non-zero values"
        for row in unranked[(unranked[list(INDICATORS)] != 0).any(axis=1)].itertuples()
    ]
    for year in years:
        ranked = frame[(frame["year"] == year) & frame["rank"].notna()]
        ordered = ranked.sort_values(["rank", "egdi"], ascending=[True, False])
        if not ordered["egdi"].is_monotonic_decreasing:
            problems.append(f"{year}: ranks do not follow EGDI")
    return problems


def _identity_gaps(frame: pd.DataFrame) -> dict[int, int]:
    diff = (frame["egdi"] - frame[list(COMPONENTS)].mean(axis=1)).abs()
    counts = frame[diff > float(IDENTITY_TOLERANCE)].groupby("year").size()
    return {int(year): int(count) for year, count in counts.items()}


def _provenance(data_dir: Path, years: list[int]) -> tuple[list[str], int]:
    provenance = read_provenance(data_dir / PROVENANCE_FILE)
    problems = []
    for key in ("panel", "income"):
        if not provenance.get(key):
            problems.append(f"{PROVENANCE_FILE} has no '{key}' record")
    problems.extend(provenance_mismatches(data_dir, provenance))
    sources = provenance.get("panel_sources", [])
    covered = sorted({year for source in sources for year in source.get("survey_years", [])})
    if covered != years:
        problems.append(f"sources cover survey years {covered}, the panel has {years}")
    return problems, len(sources)


def _fy(fiscal_year: int) -> str:
    return f"FY{fiscal_year % 100:02d}"


def _editions_detail(editions: Editions) -> str:
    years = editions.years
    if not years:
        return f"no editions ({SURVEYS_FILE} is missing or empty)"
    breaks = sum(change.is_break for change in editions.changes)
    return (
        f"{len(years)} editions ({years[0]}–{years[-1]}), each with its publication date and "
        f"source; {len(editions.changes)} method changes, {breaks} of them breaks"
    )


def _editions_warnings(editions: Editions, years: list[int]) -> list[str]:
    """Survey years of the panel that data/surveys.csv does not describe yet."""
    return [
        f"{SURVEYS_FILE} has no row for the {year} Survey: add its title and publication date; "
        f"until then documents assume it was published after 1 July ({_fy(year + 1)})"
        for year in years
        if editions.get(year) is None
    ]


def _income_warnings(income: IncomeHistory, editions: Editions, years: list[int]) -> list[str]:
    """Survey years whose fiscal year the World Bank history does not reach yet."""
    return [
        f"the {year} Survey needs {_fy(editions.fiscal_year(year))}, but the history ends at "
        f"{_fy(income.last_fiscal_year)}: documents use {_fy(income.last_fiscal_year)}, the "
        "latest available, and say so; run 'egdi ingest-income' when the World Bank publishes "
        "a newer history"
        for year in years
        if not income.covers(editions.fiscal_year(year))
    ]


def _add_edition_checks(report: ValidationReport, data_dir: Path, years: list[int]) -> None:
    """The editions files, and the income history against each survey's fiscal year; what the
    documents handle and say (a missing edition row, a fiscal year not published yet) is a
    warning."""
    editions = Editions.in_dir(data_dir)
    report.add(
        "survey editions", [], _editions_detail(editions), _editions_warnings(editions, years)
    )
    income = IncomeHistory.from_csv(data_dir / INCOME_FILE)
    report.add(
        "income groups",
        [],
        f"fiscal years up to {_fy(income.last_fiscal_year)}; each survey takes the fiscal year "
        "in force on its publication date",
        _income_warnings(income, editions, years),
    )


def _add_leftovers(report: ValidationReport, data_dir: Path) -> None:
    """What a killed run left: a commit not completed (bad), temporary files (a warning)."""
    journals, temporaries = storage.leftovers(data_dir)
    pending = [
        f"{journal}: the commit of an interrupted run is not completed; any egdi command "
        "that loads this directory completes it"
        for journal in journals
    ]
    names = ", ".join(str(t.relative_to(data_dir)) for t in temporaries)
    left = [
        f"temporary files of an interrupted run: {names}; the next egdi command that reads "
        "this directory removes them"
    ]
    report.add(
        "interrupted writes",
        pending,
        "no commit pending, no temporary file",
        left if temporaries else [],
    )


def validate_data_dir(data_dir: Path) -> ValidationReport:
    """Run every check on a data directory; unreadable files are raised as ReportError."""
    data_dir = Path(data_dir)
    check_data_dir(data_dir)
    with storage.locked(data_dir, shared=True):  # no ingest half-way through what it reads
        return _validate(data_dir)


def _validate(data_dir: Path) -> ValidationReport:
    report = ValidationReport(data_dir)
    _add_leftovers(report, data_dir)
    countries = CountryTable.from_csv(data_dir / COUNTRIES_FILE)
    size_problem = [] if len(countries) == 193 else [f"{len(countries)} countries, not 193"]
    report.add(
        "country table",
        size_problem,
        f"{len(countries)} member states, {len(countries.groups())} groups",
    )

    raw = read_panel(data_dir / PANEL_FILE)
    if not raw:
        report.add("schema", [f"{PANEL_FILE} is missing or empty"], "")
        return report
    frame = panel_frame(raw)
    years = sorted(int(year) for year in frame["year"].unique())
    report.add("schema", [], f"{len(frame)} rows, columns {', '.join(frame.columns)}")
    report.add(
        "coverage",
        _coverage(frame, countries, years),
        f"{len(years)} survey years ({years[0]}–{years[-1]}) × {len(countries)} countries",
    )

    range_problems, used = _range(frame, read_errata(data_dir / ERRATA_FILE))
    report.add(
        "values in [0, 1]",
        range_problems,
        f"all values in [0, 1] except {used} listed in {ERRATA_FILE}",
    )
    not_assessed = int(frame["rank"].isna().sum())
    report.add(
        "ranks",
        _ranks(frame, years),
        f"ranks follow EGDI in every year; {not_assessed} rows not assessed (no rank)",
    )
    gaps = ", ".join(f"{year}: {count}" for year, count in _identity_gaps(frame).items())
    report.add(
        "EGDI = (OSI+HCI+TII)/3",
        [],
        f"rows off by more than {IDENTITY_TOLERANCE} (published EGDI kept): {gaps or 'none'}",
    )

    _add_edition_checks(report, data_dir, years)

    provenance_problems, sources = _provenance(data_dir, years)
    report.add(
        "provenance",
        provenance_problems,
        f"{sources} source files; hashes of {PANEL_FILE} and {INCOME_FILE} match",
    )
    return report
