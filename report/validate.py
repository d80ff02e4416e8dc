"""Checking a data directory: schema, coverage, ranks, errata and provenance hashes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .countries import CountryTable
from .dataset import (
    COMPONENTS,
    COUNTRIES_FILE,
    ERRATA_FILE,
    INCOME_FILE,
    INDICATORS,
    PANEL_FILE,
    PROVENANCE_FILE,
    panel_frame,
    read_errata,
    read_panel,
    read_provenance,
    sha256_of,
)
from .errors import ReportError
from .income import IncomeHistory
from .ingest import IDENTITY_TOLERANCE


@dataclass
class Check:
    """One named check and what it found."""

    name: str
    ok: bool
    detail: str


@dataclass
class ValidationReport:
    """The checks run on a data directory."""

    data_dir: Path
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every check passed."""
        return all(check.ok for check in self.checks)

    def add(self, name: str, problems: list[str], detail: str) -> None:
        """Record a check: passed with its detail, or failed with its problems."""
        self.checks.append(Check(name, not problems, "; ".join(problems) if problems else detail))


def validate_data_dir(data_dir: Path) -> ValidationReport:
    """Run every check on a data directory; file errors are raised as ReportError."""
    data_dir = Path(data_dir)
    report = ValidationReport(data_dir)
    if not data_dir.is_dir():
        raise ReportError(f"{data_dir}: no such data directory")
    countries = CountryTable.from_csv(data_dir / COUNTRIES_FILE)
    report.add(
        "country table",
        []
        if len(countries) == 193
        else [f"{len(countries)} countries, expected the 193 UN member states"],
        f"{len(countries)} member states, {len(countries.groups())} groups",
    )

    raw = read_panel(data_dir / PANEL_FILE)
    frame = panel_frame(raw)
    years = sorted(frame["year"].unique().tolist())
    report.add(
        "schema",
        [] if raw else ["the panel is empty"],
        f"{len(frame)} rows, columns {', '.join(frame.columns)}",
    )

    coverage = []
    unknown = sorted(set(frame["iso3"]) - set(countries.iso3_codes))
    if unknown:
        coverage.append(f"ISO3 codes not in the country table: {unknown}")
    for year in years:
        present = set(frame.loc[frame["year"] == year, "iso3"])
        absent = sorted(set(countries.iso3_codes) - present)
        if absent:
            coverage.append(
                f"{year}: {len(absent)} member states missing ({', '.join(absent[:5])})"
            )
    report.add(
        "coverage",
        coverage,
        f"{len(years)} survey years ({years[0]}–{years[-1]}) × {len(countries)} countries",
    )

    errata = read_errata(data_dir / ERRATA_FILE)
    range_problems, used = [], 0
    for column in INDICATORS:
        outside = frame[(frame[column] < 0) | (frame[column] > 1)]
        for row in outside.itertuples():
            erratum = errata.get((row.year, row.iso3, column))
            if erratum and float(erratum.value) == getattr(row, column):
                used += 1
            else:
                range_problems.append(f"{row.iso3} {row.year} {column} = {getattr(row, column)}")
    stale = [
        f"{e.iso3} {e.year} {e.indicator}"
        for e in errata.values()
        if f"{float(e.value):.5f}"
        != raw.get((e.iso3, e.year), ("",) * 6)[1 + INDICATORS.index(e.indicator)]
    ]
    range_problems += [f"erratum no longer matches the panel: {s}" for s in stale]
    report.add(
        "values in [0, 1]",
        range_problems,
        f"all values in [0, 1] except {used} listed in {ERRATA_FILE}",
    )

    rank_problems = []
    unranked = frame[frame["rank"].isna()]
    assessed_zero = unranked[(unranked[list(INDICATORS)] != 0).any(axis=1)]
    rank_problems += [
        f"{r.iso3} {r.year} has no rank but non-zero values" for r in assessed_zero.itertuples()
    ]
    for year in years:
        ranked = frame[(frame["year"] == year) & frame["rank"].notna()]
        ordered = ranked.sort_values(["rank", "egdi"], ascending=[True, False])
        if not ordered["egdi"].is_monotonic_decreasing:
            rank_problems.append(f"{year}: ranks do not follow EGDI")
    report.add(
        "ranks",
        rank_problems,
        f"ranks follow EGDI in every year; {len(unranked)} rows not assessed (no rank)",
    )

    gaps = {}
    for year in years:
        rows = frame[frame["year"] == year]
        diff = (rows["egdi"] - rows[list(COMPONENTS)].mean(axis=1)).abs()
        count = int((diff > float(IDENTITY_TOLERANCE)).sum())
        if count:
            gaps[year] = count
    detail = ", ".join(f"{y}: {n}" for y, n in gaps.items()) or "none"
    report.add(
        "EGDI = (OSI+HCI+TII)/3",
        [],
        f"rows off by more than {IDENTITY_TOLERANCE} (published EGDI kept): {detail}",
    )

    income = IncomeHistory.from_csv(data_dir / INCOME_FILE)
    income_problems = []
    for year in years:
        found = [income.for_survey(iso3, year) for iso3 in countries.iso3_codes]
        if any(g.latest_available for g in found):
            income_problems.append(f"{year}: history ends at FY{income.last_fiscal_year % 100:02d}")
    report.add(
        "income groups",
        income_problems,
        f"fiscal years up to FY{income.last_fiscal_year % 100:02d}; survey year Y uses FY(Y+1)",
    )

    provenance = read_provenance(data_dir / PROVENANCE_FILE)
    hash_problems = []
    for key, file in (("panel", PANEL_FILE), ("income", INCOME_FILE)):
        record = provenance.get(key)
        if not record:
            hash_problems.append(f"{PROVENANCE_FILE} has no '{key}' record")
        elif record.get("sha256") != sha256_of(data_dir / file):
            hash_problems.append(f"{file} does not match the SHA-256 in {PROVENANCE_FILE}")
    sources = provenance.get("panel_sources", [])
    covered = sorted({y for s in sources for y in s.get("survey_years", [])})
    if covered != years:
        hash_problems.append(f"sources cover survey years {covered}, the panel has {years}")
    report.add(
        "provenance",
        hash_problems,
        f"{len(sources)} source files; hashes of {PANEL_FILE} and {INCOME_FILE} match",
    )
    return report
