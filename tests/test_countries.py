"""The country table: codes, exact names, groups and names in three languages."""

from __future__ import annotations

import json
import re

import pytest
from babel import Locale
from babel.core import get_global
from conftest import UN_EXPORTS

from report.data.countries import CountryTable, UnknownCountry
from report.data.csvio import read_rows
from report.errors import InputError


@pytest.fixture(scope="module")
def table(shipped) -> CountryTable:
    return CountryTable.from_csv(shipped / "countries.csv")


def test_193_member_states_with_unique_codes(table):
    assert len(table) == 193
    assert len({c.iso3 for c in table}) == 193
    assert len({c.iso2 for c in table}) == 193
    assert len({c.m49 for c in table}) == 193


def test_codes_agree_with_cldr(table):
    # CLDR maps retired and alternative codes to ISO 3166-1 alpha-2: alpha-3 and numeric too.
    aliases = get_global("territory_aliases")
    for country in table:
        assert aliases[country.iso3] == [country.iso2], country.iso3
        assert country.iso2 in aliases[country.m49], country.iso3


def test_every_name_in_every_un_export_maps_exactly(table):
    for export in UN_EXPORTS:
        names = [fields[1].strip() for _, fields in read_rows(export)[1:]]
        codes = [table.iso3_for_name(name) for name in names]
        assert None not in codes, export.name
        assert sorted(codes) == table.iso3_codes, export.name


def test_names_are_matched_exactly_never_fuzzily(table):
    assert table.iso3_for_name("Republic of Korea") == "KOR"
    assert table.iso3_for_name("Democratic People's Republic of Korea") == "PRK"
    assert table.iso3_for_name("Korea") is None
    assert table.iso3_for_name("republic of korea") is None
    assert table.iso3_for_name("Kazakstan") is None
    assert "Kazakhstan" in table.close_names("Kazakstan")


def test_aliases_cover_older_un_names(table):
    assert table.iso3_for_name("Turkey") == "TUR"
    assert table.iso3_for_name("The former Yugoslav Republic of Macedonia") == "MKD"
    assert table.iso3_for_name("Swaziland") == "SWZ"


def test_resolve_accepts_codes_in_any_case_and_exact_names(table):
    assert table.resolve("kaz") == "KAZ"
    assert table.resolve("Georgia (Country)") == "GEO"
    with pytest.raises(UnknownCountry, match="close names: Kazakhstan"):
        table.resolve("Kazakstan")


def test_groups_as_the_reports_use_them(table):
    # The article's Table 4 lists ten CIS countries: the nine members and Turkmenistan.
    assert table.members("cis") == [
        "ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UZB",
    ]  # fmt: skip
    assert table.members("eaeu") == ["ARM", "BLR", "KAZ", "KGZ", "RUS"]
    assert table.members("central_asia") == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert len(table.members("oecd")) == 38
    assert len(table.members("eu")) == 27


def test_world_bank_regions(table):
    regions = {c.wb_region for c in table}
    assert len(regions) == 7
    assert table.get("KAZ").wb_region == "Europe & Central Asia"


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_country_has_a_name_in_every_language(table, lang):
    for country in table:
        name = table.name(country.iso3, lang)
        assert name and name.strip() == name
        assert " & " not in name and " - " not in name, name  # CLDR short forms overridden


def test_names_come_from_cldr_unless_overridden(table):
    assert table.name("KAZ", "kk") == Locale.parse("kk").territories["KZ"] == "Қазақстан"
    assert table.name("KOR", "ru") == "Республика Корея"
    assert table.name("KOR", "kk") == "Корея Республикасы"  # CLDR: «Оңтүстік Корея»
    assert table.name("KNA", "en") == "Saint Kitts and Nevis"  # CLDR: "St. Kitts & Nevis"
    assert table.name_in_text("NLD", "en") == "the Netherlands"
    assert table.name_in_text("NLD", "ru") == "Нидерланды"


def test_kazakh_overrides_are_cyrillic(table):
    for country in table:
        kk = country.name_overrides.get("kk", "")
        assert not re.search("[A-Za-z]", kk), kk


def test_a_broken_country_table_names_file_and_line(tmp_path, shipped):
    lines = (shipped / "countries.csv").read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(lines[5].split(",")[0], "KAZ", 1)
    broken = tmp_path / "countries.csv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kaz_line = next(i for i, line in enumerate(lines, 1) if line.startswith("KAZ,") and i != 6)
    with pytest.raises(
        InputError, match=rf"countries.csv:{kaz_line}: 'KAZ' already used on line 6"
    ):
        CountryTable.from_csv(broken)


def test_a_name_in_decomposed_unicode_is_the_same_name(dataset):
    import unicodedata

    typed = unicodedata.normalize("NFD", "Côte d'Ivoire")  # e + combining circumflex
    assert typed != "Côte d'Ivoire"
    assert dataset.countries.resolve(typed) == "CIV"
    assert dataset.countries.resolve("  " + unicodedata.normalize("NFD", "Türkiye")) == "TUR"


@pytest.mark.parametrize(
    ("typed", "iso3"),
    [
        ("Russia", "RUS"),
        ("россия", "RUS"),
        ("Казахстан", "KAZ"),  # the name the Russian documents print
        ("ҚАЗАҚСТАН", "KAZ"),  # the Kazakh one, in any case
        ("South Korea", "KOR"),
        ("UK", "GBR"),
        ("usa", "USA"),
        ("Côte d’Ivoire", "CIV"),  # the typographic apostrophe the documents print
        ("Turkey", "TUR"),
    ],
)
def test_names_as_users_type_them(dataset, typed, iso3):
    assert dataset.countries.resolve(typed) == iso3


@pytest.mark.parametrize("typed", ["Korea", "корея"])
def test_a_form_that_names_two_countries_lists_both(dataset, typed):
    with pytest.raises(UnknownCountry) as error:
        dataset.countries.resolve(typed)
    assert str(error.value) == (
        f"{typed!r} names several countries: Republic of Korea (KOR), Democratic People's "
        "Republic of Korea (PRK); give one"
    )


def test_common_forms_are_never_export_names(dataset):
    # exports are matched on the UN names and their exact aliases only
    assert dataset.countries.iso3_for_name("Russia") is None
    assert dataset.countries.iso3_for_name("Russian Federation") == "RUS"


def test_typed_names_work_on_the_command_line(cli):
    result = cli("stats", "--countries", "South Korea,UK,Estonia", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["members"] == ["KOR", "GBR", "EST"]
    korea = cli("brief", "Korea", "--json")
    assert korea.exit_code == 2
    assert korea.stderr.count("\n") == 1 and "(KOR)" in korea.stderr and "(PRK)" in korea.stderr
