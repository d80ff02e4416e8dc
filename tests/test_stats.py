"""egdi stats and egdi country: JSON keys, values, and errors."""

from __future__ import annotations

import csv
import json
import statistics
from itertools import combinations

import pytest
from conftest import LATEST, un_export

INDICATORS = ["egdi", "osi", "hci", "tii", "epi"]
COLUMNS = {
    "egdi": "E-Government Index",
    "osi": "Online Service Index",
    "hci": "Human Capital Index",
    "tii": "Telecommunication Infrastructure Index",
    "epi": "E-Participation Index",
}


CIS_NAMES = {
    "Armenia", "Azerbaijan", "Belarus", "Kazakhstan", "Kyrgyzstan", "Republic of Moldova",
    "Russian Federation", "Tajikistan", "Turkmenistan", "Uzbekistan",
}  # fmt: skip


def parse(year: int, name: str = "Kazakhstan") -> dict:
    """A country's row of the UN export, read without the project's code."""
    with un_export(year).open(encoding="utf-8", newline="") as handle:
        return next(r for r in csv.DictReader(handle) if r["Country Name"].strip() == name)


def top_rows(year: int, n: int) -> list[dict]:
    """The n best-ranked rows of the UN export, read without the project's code."""
    with un_export(year).open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["E-Government Rank"].strip()]
    rows.sort(key=lambda r: int(r["E-Government Rank"]))
    return rows[:n]


@pytest.fixture(scope="module")
def top15(tmp_path_factory):
    from typer.testing import CliRunner

    from report.cli.app import app

    result = CliRunner().invoke(app, ["stats", "--year", "2022", "--top", "15", "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_top15_means_as_the_issue_states(top15):
    means = {k: round(top15["describe"][k]["mean"], 4) for k in ("osi", "hci", "tii")}
    assert means == {"osi": 0.9337, "hci": 0.9335, "tii": 0.9247}


def test_top15_against_independent_arithmetic(top15):
    rows = top_rows(2022, 15)
    assert top15["n"] == 15 and len(top15["members"]) == 15
    for key in INDICATORS:
        values = [float(r[COLUMNS[key]]) for r in rows]
        d = top15["describe"][key]
        assert d["mean"] == pytest.approx(statistics.fmean(values), abs=1e-12)
        assert d["sd"] == pytest.approx(statistics.pstdev(values), abs=1e-12)
        assert d["sd_sample"] == pytest.approx(statistics.stdev(values), abs=1e-12)
        assert d["median"] == pytest.approx(statistics.median(values), abs=1e-12)
        assert (d["min"], d["max"]) == (min(values), max(values))
    pairs = [(c["x"], c["y"]) for c in top15["pearson"]]
    assert pairs == list(combinations(INDICATORS, 2))
    for c in top15["pearson"]:
        x = [float(r[COLUMNS[c["x"]]]) for r in rows]
        y = [float(r[COLUMNS[c["y"]]]) for r in rows]
        assert c["r"] == pytest.approx(statistics.correlation(x, y), abs=1e-12)
        assert 0 <= c["p"] <= 1 and c["n"] == 15


def test_the_articles_table_3_is_not_what_the_data_give(top15):
    r = {(c["x"], c["y"]): round(c["r"], 3) for c in top15["pearson"]}
    assert (r[("osi", "hci")], r[("osi", "tii")], r[("hci", "tii")]) == (0.186, -0.215, 0.039)


def test_group_and_countries_selectors(cli):
    cis = json.loads(cli("stats", "--group", "cis", "--json").stdout)
    assert cis["n"] == 10 and cis["year"] == LATEST
    with un_export(LATEST).open(encoding="utf-8", newline="") as handle:
        egdi = [float(r["E-Government Index"]) for r in csv.DictReader(handle)
                if r["Country Name"].strip() in CIS_NAMES]  # fmt: skip
    assert len(egdi) == 10
    assert cis["describe"]["egdi"]["mean"] == pytest.approx(statistics.fmean(egdi), abs=1e-12)
    explicit = json.loads(cli("stats", "--countries", "KAZ,kgz,Uzbekistan", "--json").stdout)
    assert explicit["members"] == ["KAZ", "KGZ", "UZB"]
    spear = json.loads(cli("stats", "--group", "VH", "--spearman", "--json").stdout)
    assert len(spear["spearman"]) == 10 and spear["members"] == sorted(spear["members"])


def test_two_countries_have_statistics_and_no_correlations(cli, dataset):
    result = cli("stats", "--countries", "South Korea,UK", "--json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    frame = dataset.year_frame(LATEST)
    assert found["members"] == ["KOR", "GBR"] and found["n"] == 2
    assert found["describe"]["egdi"]["mean"] == pytest.approx(
        (frame.loc["KOR", "egdi"] + frame.loc["GBR", "egdi"]) / 2, abs=1e-12
    )
    assert all(c["r"] is None and "at least 3" in c["note"] for c in found["pearson"])
    table = cli("stats", "--countries", "South Korea,UK", "--lang", "kk").stdout
    assert "Корея Республикасы" in table or "KOR" in table
    assert "корреляция" in table.lower() and "2" in table


def test_readable_tables_are_localised(cli):
    ru = cli("stats", "--top", "15", "--year", "2022", "--lang", "ru").stdout
    assert "Среднее" in ru and "0,9337" in ru and "первые 15 по рейтингу" in ru
    kk = cli("stats", "--group", "cis", "--lang", "kk").stdout
    assert f"Сипаттамалық статистика, {LATEST}: ТМД (n = 10)" in kk
    en = cli("country", "KAZ").stdout
    assert "Kazakhstan in every survey" in en and "0.8628" in en and "0.9009" in en


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stats", "--group", "nato"], "unknown group 'nato'; choose from world, central_asia"),
        (["stats", "--group", "oced"], "unknown group 'oced' (close names: oecd); choose from"),
        (["stats", "--top", "5", "--year", "abc"], "invalid value for '--year': give a whole"),
        (["stats", "--top", "15", "--year", "2021"], "no survey year 2021 in the data"),
        (["stats", "--top", "15", "--group", "cis"], "give exactly one of --group, --countries"),
        (["stats", "--countries", "KAZ,XYZ,KGZ"], "unknown country 'XYZ'"),
        (["stats", "--top", "5", "--lang", "de"], "unknown language 'de'"),
        (["country", "XYZ"], "unknown country 'XYZ'"),
        (["country", "KAZ", "--from", "2021"], "no survey year 2021 in the data"),
        (["country", "KAZ", "--from", "2016", "--to", "2008"], "--from 2016 is after --to 2008"),
        (["country", "KAZ", "--to", "2007"], "no survey year 2007 in the data"),
        (["stats", "--top", "5", "--width", "30"], "--width 30: give 40 columns or more"),
    ],
)  # fmt: skip
def test_errors_are_one_clear_line(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {message}"), result.stderr
    assert result.stderr.count("\n") == 1


def test_country_covers_every_survey(cli):
    result = json.loads(cli("country", "KAZ", "--json").stdout)
    assert [row["year"] for row in result["series"]] == [
        2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024,
    ]  # fmt: skip
    latest = result["series"][-1]
    assert (latest["rank"], latest["egdi"], latest["group"], latest["rating_class"]) == (
        24, 0.90093, "very_high", "V3",
    )  # fmt: skip
    egdi = {(c["from"], c["to"]): c for c in result["changes"] if c["indicator"] == "egdi"}
    kaz = {y: float(parse(y)["E-Government Index"]) for y in (2016, 2022, 2024)}
    assert egdi[(2016, 2024)]["abs"] == pytest.approx(kaz[2024] - kaz[2016], abs=1e-12)
    assert egdi[(2016, 2024)]["pct"] == pytest.approx(100 * (kaz[2024] / kaz[2016] - 1))
    assert round(egdi[(2016, 2024)]["abs"], 4) == 0.1759  # 0.90093 - 0.72499
    assert egdi[(2022, 2024)]["rank_change"] == 28 - 24
    assert (2003, 2024) in egdi
    # consecutive pairs (11) and each earlier survey to 2024 (11, one of them 2022 -> 2024)
    assert len(result["changes"]) == 5 * (11 + 10)
    ranged = json.loads(cli("country", "KAZ", "--from", "2008", "--to", "2016", "--json").stdout)
    assert (ranged["from"], ranged["to"]) == (2008, 2016)
    assert [row["year"] for row in ranged["series"]] == [2008, 2010, 2012, 2014, 2016]
    # consecutive pairs (4) and each earlier survey of the range to 2016 (3 more)
    pairs = {(c["from"], c["to"]) for c in ranged["changes"]}
    assert pairs == {(2008, 2010), (2010, 2012), (2012, 2014), (2014, 2016), (2008, 2016),
                     (2010, 2016), (2012, 2016)}  # fmt: skip
    span = {y: float(parse(y)["E-Government Index"]) for y in (2008, 2016)}
    whole = next(c for c in ranged["changes"] if (c["from"], c["to"], c["indicator"]) == (
        2008, 2016, "egdi"))  # fmt: skip
    assert whole["abs"] == pytest.approx(span[2016] - span[2008], abs=1e-12)


def test_country_not_assessed_years(cli):
    result = json.loads(cli("country", "MNE", "--json").stdout)
    first = result["series"][0]
    assert (first["year"], first["assessed"], first["rank"], first["group"]) == (
        2003, False, None, None,
    )  # fmt: skip
    assert min(c["from"] for c in result["changes"]) == 2008


def oghist(code: str, fiscal_year: int) -> str:
    """A country's income code in a fiscal year, read from the OGHIST CSV fixture directly."""
    from conftest import OGHIST_CSV

    with OGHIST_CSV.open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.reader(handle) if r and r[0] == code)
    with OGHIST_CSV.open(encoding="utf-8", newline="") as handle:
        header = next(r for r in csv.reader(handle) if "FY89" in r)
    return row[header.index(f"FY{fiscal_year % 100:02d}")]


def test_country_gives_the_income_group_in_force_at_publication(cli):
    kaz = json.loads(cli("country", "KAZ", "--json").stdout)["series"]
    assert len(kaz) == 12
    kaz_2024 = kaz[-1]
    assert (kaz_2024["year"], kaz_2024["income_group"], kaz_2024["income_fiscal_year"]) == (
        2024, oghist("KAZ", 2025), 2025,
    )  # fmt: skip
    assert kaz_2024["income_group"] == "UM" and not kaz_2024["income_latest_available"]
    kgz = {r["year"]: r for r in json.loads(cli("country", "KGZ", "--json").stdout)["series"]}
    # The 2014 Survey came out on 25 June 2014, under FY14 (1 July 2013 - 30 June 2014)
    assert kgz[2014]["income_fiscal_year"] == 2014
    assert kgz[2014]["income_group"] == oghist("KGZ", 2014) == "L"
    assert oghist("KGZ", 2015) == "LM"  # what the old rule, FY(Y+1), would have printed
