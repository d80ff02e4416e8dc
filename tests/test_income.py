"""Income groups: the fiscal year in force at publication, proved against the article's Table 4."""

from __future__ import annotations

import pytest
from conftest import OGHIST_CSV, OGHIST_XLSX

from report.data.countries import CountryTable
from report.data.income import IncomeHistory, read_oghist

# The article's Table 4 (CIS, 2022), column «Уровень дохода»: «доход выше среднего» is
# upper-middle income, «доход ниже среднего» lower-middle income.
ARTICLE_TABLE_4_INCOME = {
    "AZE": "UM", "ARM": "UM", "BLR": "UM", "KAZ": "UM", "KGZ": "LM",
    "MDA": "UM", "RUS": "UM", "TKM": "UM", "TJK": "LM", "UZB": "LM",
}  # fmt: skip


@pytest.fixture(scope="module")
def history(shipped) -> IncomeHistory:
    return IncomeHistory.from_csv(shipped / "income.csv")


def codes_in_fiscal_year(history: IncomeHistory, fiscal_year: int) -> dict[str, str | None]:
    table = dict(((iso3, fy), code) for iso3, fy, code in history.rows())
    return {iso3: table.get((iso3, fiscal_year)) for iso3 in ARTICLE_TABLE_4_INCOME}


def test_the_2022_survey_takes_the_fiscal_year_in_force_in_september_2022(dataset):
    assert dataset.editions.get(2022).published.isoformat() == "2022-09-28"
    assert dataset.fiscal_year(2022) == 2023


def test_the_rule_reproduces_table_4(dataset):
    found = {iso3: dataset.income_for(iso3, 2022).code for iso3 in ARTICLE_TABLE_4_INCOME}
    assert found == ARTICLE_TABLE_4_INCOME
    assert all(dataset.income_for(i, 2022).fiscal_year == 2023 for i in ARTICLE_TABLE_4_INCOME)


def test_table_4_bounds_the_choice_to_fy22_fy24(history, dataset):
    # FY21: Moldova was lower-middle and Tajikistan low income; FY25: Russia was high income.
    by_year = {fy: codes_in_fiscal_year(history, fy) for fy in range(2020, 2027)}
    agreeing = [fy for fy, codes in by_year.items() if codes == ARTICLE_TABLE_4_INCOME]
    assert agreeing == [2022, 2023, 2024]
    assert by_year[2021]["MDA"] == "LM" and by_year[2021]["TJK"] == "L"
    assert by_year[2025]["RUS"] == "H"
    # Within FY22..FY24 the table cannot decide; the rule takes the classification in force
    # when the survey was published.
    assert dataset.fiscal_year(2022) in agreeing


def test_unclassified_and_beyond_the_history(history):
    venezuela = history.in_fiscal_year("VEN", 2023)
    assert venezuela.code is None and not venezuela.latest_available
    future = history.in_fiscal_year("KAZ", 2031)
    assert future.latest_available and future.fiscal_year == history.last_fiscal_year
    assert future.in_force == 2031


def test_xlsx_and_csv_exports_of_oghist_agree(shipped):
    members = set(CountryTable.from_csv(shipped / "countries.csv").iso3_codes)
    from_xlsx = read_oghist(OGHIST_XLSX, members)
    assert from_xlsx == read_oghist(OGHIST_CSV, members)
    assert from_xlsx[("YEM", 1989)] == "LM"  # 'LM*' in the workbook: a footnote mark
    assert len({iso3 for iso3, _ in from_xlsx}) == 193
