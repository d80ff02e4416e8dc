"""Terminal tables fit the width they are given, in every language, and cut no word."""

from __future__ import annotations

import pytest

TABLES = [
    ["changes"],
    ["changes", "2005", "2008"],
    ["country", "KAZ"],
    ["country", "SSD", "--from", "2008", "--to", "2014"],
    ["stats", "--group", "cis", "--spearman"],
    ["stats", "--countries", "KOR,UK"],
    ["audit"],
]


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
@pytest.mark.parametrize("width", [80, 100])
def test_tables_fit_and_cut_nothing(cli, lang, width):
    for args in TABLES:
        result = cli(*args, "--lang", lang, "--width", str(width))
        assert result.exit_code in (0, 1), result.stderr
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= width, (args, lang)
        assert "…" not in result.stdout, (args, lang)


def test_narrow_tables_abbreviate_their_headings_with_a_legend(cli):
    wide = cli("country", "KAZ", "--lang", "ru", "--width", "120").stdout
    narrow = cli("country", "KAZ", "--lang", "ru", "--width", "72").stdout
    assert "Рейтинговый класс" in "\n".join(wide.splitlines()[:4])
    assert "Класс — рейтинговый класс" in " ".join(narrow.split())
    assert "Класс — " not in wide


def test_numbers_fold_rather_than_lose_digits(cli):
    # 60 columns cannot hold the nine columns of a country: values fold, every digit stays
    result = cli("country", "KAZ", "--lang", "en", "--width", "60")
    assert result.exit_code == 0
    assert "…" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 60


def test_a_table_language_defaults_to_the_projects_first(cli, tmp_path, monkeypatch):
    (tmp_path / "egdi.toml").write_text('languages = ["kk", "en"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "Қазақстан" in cli("country", "KAZ").stdout
    monkeypatch.chdir(tmp_path.parent)
    assert "Kazakhstan in every survey" in cli("country", "KAZ").stdout


def test_a_small_set_is_named_under_its_statistics(cli):
    import json

    members = json.loads(cli("stats", "--group", "central_asia", "--json").stdout)["members"]
    table = " ".join(cli("stats", "--group", "central_asia", "--width", "100").stdout.split())
    named = ", ".join(f"{n} ({c})" for c, n in sorted(
        (c, {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "TJK": "Tajikistan", "TKM": "Turkmenistan",
             "UZB": "Uzbekistan"}[c]) for c in members))  # fmt: skip
    assert f"The {len(members)} countries: {named}." in table
    large = " ".join(cli("stats", "--top", "40", "--width", "100").stdout.split())
    assert "In brackets, the countries' ISO codes: " in large and "The 40 countries" not in large
