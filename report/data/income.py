"""World Bank income groups per country and fiscal year, from the OGHIST history.

The World Bank classifies economies each 1 July for its fiscal year (FY23 runs from
1 July 2022 to 30 June 2023, based on GNI per capita of 2021). A survey is matched to the
classification in force on the day that edition was published (data/surveys.csv): FY(Y+1)
for editions published from July on, FY(Y) for those published earlier in their year. For
the 2022 Survey (September 2022) that is FY23; the article's Table 4 (ten CIS countries,
2022) agrees with FY22, FY23 and FY24 and rules out FY21 (Moldova lower-middle, Tajikistan
low income) and FY25 (Russia high income). tests/test_income.py holds the proof.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from report.data.csvio import HashedInput, read_table, table_rows
from report.errors import InputError

INCOME_CODES = ("L", "LM", "UM", "H")
INCOME_COLUMNS = ("iso3", "fiscal_year", "income_group")
_FISCAL_YEAR = re.compile(r"^FY(\d{2})$")
OGHIST_SHEET = "Country Analytical History"


def _fiscal_year(label: str) -> int | None:
    match = _FISCAL_YEAR.match(label.strip())
    if not match:
        return None
    yy = int(match.group(1))
    return 1900 + yy if yy >= 50 else 2000 + yy


@dataclass(frozen=True)
class IncomeGroup:
    """An income group as a report states it: the code and the fiscal year it comes from."""

    code: str | None  # L, LM, UM, H; None where the World Bank gives no classification
    fiscal_year: int  # the fiscal year whose classification is used
    in_force: int  # the fiscal year in force at publication (later than fiscal_year if not out)

    @property
    def latest_available(self) -> bool:
        """True when the classification in force is beyond the history, so the latest is used."""
        return self.in_force > self.fiscal_year


class IncomeHistory:
    """Income classification of each country by World Bank fiscal year."""

    def __init__(self, codes: dict[tuple[str, int], str], last_fiscal_year: int):
        self._codes = codes
        self.last_fiscal_year = last_fiscal_year

    @classmethod
    def from_csv(cls, path: Path) -> IncomeHistory:
        """Load data/income.csv."""
        codes: dict[tuple[str, int], str] = {}
        for line, rec in read_table(path, INCOME_COLUMNS):
            if rec["income_group"] not in INCOME_CODES:
                raise InputError(path, line, f"unknown income group {rec['income_group']!r}")
            if not rec["fiscal_year"].isdigit():
                raise InputError(path, line, f"bad fiscal year {rec['fiscal_year']!r}")
            codes[(rec["iso3"], int(rec["fiscal_year"]))] = rec["income_group"]
        if not codes:
            raise InputError(path, 2, "no income classifications; run 'egdi ingest-income'")
        return cls(codes, max(fy for _, fy in codes))

    def covers(self, fiscal_year: int) -> bool:
        """Whether the history reaches a fiscal year."""
        return fiscal_year <= self.last_fiscal_year

    def in_fiscal_year(self, iso3: str, fiscal_year: int) -> IncomeGroup:
        """A country's income group in a fiscal year (the latest available classification when
        the history does not reach that year yet)."""
        used = min(fiscal_year, self.last_fiscal_year)
        return IncomeGroup(
            code=self._codes.get((iso3, used)), fiscal_year=used, in_force=fiscal_year
        )

    def rows(self) -> list[tuple[str, int, str]]:
        """All (iso3, fiscal year, code) rows, sorted."""
        return sorted((iso3, fy, code) for (iso3, fy), code in self._codes.items())


def read_oghist(path: Path | HashedInput, members: set[str]) -> dict[tuple[str, int], str]:
    """Read the World Bank OGHIST history (CSV or XLSX, a path or an input already opened)
    for the given ISO3 codes."""
    if not isinstance(path, HashedInput):
        with HashedInput(path) as source:
            return read_oghist(source, members)
    source, path = path, path.path
    rows = list(table_rows(source, OGHIST_SHEET))
    header = next(
        ((line, cells) for line, cells in rows if sum(bool(_fiscal_year(c)) for c in cells) > 5),
        None,
    )
    if header is None:
        raise InputError(path, 1, "no header row with fiscal years (FY89, FY90, ...) found")
    header_line, header_cells = header
    columns = {i: _fiscal_year(c) for i, c in enumerate(header_cells) if _fiscal_year(c)}
    years = list(columns.values())
    if years != list(range(years[0], years[0] + len(years))):
        raise InputError(
            path, header_line, "fiscal-year columns are not consecutive (FY89, FY90, ...)"
        )
    codes: dict[tuple[str, int], str] = {}
    seen: dict[str, int] = {}
    for line, cells in rows:
        if line <= header_line or not cells:
            continue
        iso3 = cells[0].strip()
        if iso3 not in members:
            continue
        if iso3 in seen:
            raise InputError(path, line, f"{iso3} appears again (first on line {seen[iso3]})")
        seen[iso3] = line
        for index, fiscal_year in columns.items():
            # A trailing '*' marks a footnote in the workbook (Yemen FY89-FY90, 'LM*').
            value = cells[index].strip().rstrip("*") if index < len(cells) else ""
            if value in ("", ".."):  # unclassified, or no data for that year
                continue
            if value not in INCOME_CODES:
                raise InputError(path, line, f"unknown income code {value!r} for {iso3}")
            codes[(iso3, fiscal_year)] = value
    missing = sorted(members - set(seen))
    if missing:
        raise InputError(path, None, f"no rows for {len(missing)} member states: {missing[:8]}")
    return codes
