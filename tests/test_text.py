"""Numbers, ordinals and plural forms per language."""

from __future__ import annotations

import pytest

from report.errors import ReportError
from report.words.text import MINUS, NBSP, Text, parse_languages


@pytest.mark.parametrize(
    ("lang", "expected"), [("ru", "0,8628"), ("kk", "0,8628"), ("en", "0.8628")]
)
def test_index_values(lang, expected):
    assert Text(lang).number(0.86280) == expected


def test_grouping_uses_no_break_spaces_the_fonts_have():
    assert Text("ru").integer(1234567) == f"1{NBSP}234{NBSP}567"
    assert Text("kk").integer(1234567) == f"1{NBSP}234{NBSP}567"
    assert Text("en").integer(1234567) == "1,234,567"
    assert "\u202f" not in Text("ru").number(12345.5, 1)


def test_signed_changes():
    text = Text("ru")
    assert text.signed(0.0253) == "+0,0253"
    assert text.signed(-0.012) == f"{MINUS}0,0120"
    assert text.signed(0.00001) == "0,0000"
    assert Text("en").signed(0.0253) == "+0.0253"


@pytest.mark.parametrize(
    ("n", "en"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (23, "23rd"), (28, "28th"), (101, "101st"), (111, "111th")],
)  # fmt: skip
def test_ordinals(n, en):
    assert Text("en").ordinal(n) == en
    assert Text("ru").ordinal(n) == f"{n}-е место"
    assert Text("kk").ordinal(n) == f"{n}-орын"


@pytest.mark.parametrize(
    ("n", "ru"),
    [(1, "из 1 страны"), (2, "из 2 стран"), (5, "из 5 стран"), (21, "из 21 страны"),
     (191, "из 191 страны"), (193, "из 193 стран"), (111, "из 111 стран")],
)  # fmt: skip
def test_russian_plural_forms(n, ru):
    assert Text("ru").ngettext("of %(num)s country", "of %(num)s countries", n) == ru
    assert (
        Text("kk").ngettext("of %(num)s country", "of %(num)s countries", n) == f"{n} елдің ішінде"
    )
    expected_en = f"of {n} country" if n == 1 else f"of {n} countries"
    assert Text("en").ngettext("of %(num)s country", "of %(num)s countries", n) == expected_en


def test_languages_are_checked():
    assert parse_languages("ru, kk,en,ru") == ["ru", "kk", "en"]
    with pytest.raises(ReportError, match="unknown language 'fr'"):
        parse_languages("ru,fr")
    with pytest.raises(ReportError, match="no language given"):
        parse_languages(" , ")
