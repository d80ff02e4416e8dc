"""The country brief: sentences that follow the data, numbers, and the PDF itself."""

from __future__ import annotations

import csv
import os
import time

import pytest
from conftest import LATEST, un_export

from report.build.documents import brief_layout, build_brief, render_brief
from report.compute.brief import brief_facts
from report.compute.facts import Point
from report.words.groups import group_name
from report.words.narrative import change_sentence, peer_comparison_sentence
from report.words.text import Text


def _point(year: int, rank: int, egdi: float) -> Point:
    return Point(year, rank, 193, egdi, 0.9, 0.9, 0.8, 0.7, "very_high", "VH")


def test_unchanged_egdi_at_printed_precision():
    now, before = _point(2022, 28, 0.86281), _point(2020, 28, 0.86279)
    assert change_sentence(Text("en"), "Kazakhstan", now, before) == (
        "Compared with the 2020 Survey, EGDI was unchanged at 0.8628 and the country's rank was "
        "unchanged at 28th."
    )
    assert change_sentence(Text("ru"), "Казахстан", now, before) == (
        "По сравнению с Исследованием 2020 года EGDI не изменился (0,8628) и позиция в рейтинге "
        "не изменилась (28-е место)."
    )


def test_level_and_mixed_comparisons():
    values = {"osi": 0.5, "hci": 0.703, "tii": 0.6}  # HCI 0.003 above: close, not above
    means = {"osi": 0.4, "hci": 0.7, "tii": 0.8}
    oecd = {lang: group_name(Text(lang), "oecd") for lang in ("en", "ru", "kk")}
    assert peer_comparison_sentence(Text("en"), "Chile", values, means, oecd["en"]) == (
        "Chile is above the mean for the OECD on OSI and below it on TII. "
        "On HCI it is only marginally above the mean."
    )
    assert peer_comparison_sentence(Text("ru"), "Чили", values, means, oecd["ru"]) == (
        "OSI выше среднего по странам ОЭСР, TII — ниже. HCI — лишь незначительно выше среднего."
    )
    assert peer_comparison_sentence(Text("kk"), "Чили", values, means, oecd["kk"]) == (
        "Чили OSI бойынша ЭЫДҰ елдерінің орташа мәнінен жоғары, ал TII бойынша төмен. "
        "HCI бойынша орташа мәннен сәл ғана жоғары."
    )


def means_by_csv(year: int, members: set[str] | None = None) -> dict[str, float]:
    """Means over assessed countries, read straight from the UN export (members by UN name)."""
    columns = {
        "EGDI": "E-Government Index",
        "OSI": "Online Service Index",
        "HCI": "Human Capital Index",
        "TII": "Telecommunication Infrastructure Index",
    }
    with un_export(year).open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["E-Government Rank"].strip()]
    if members is not None:
        rows = [r for r in rows if r["Country Name"].strip() in members]
    return {key: sum(float(r[col]) for r in rows) / len(rows) for key, col in columns.items()}


CIS_UN_NAMES = {"Armenia", "Azerbaijan", "Belarus", "Kazakhstan", "Kyrgyzstan",
                "Republic of Moldova", "Russian Federation", "Tajikistan", "Turkmenistan",
                "Uzbekistan"}  # fmt: skip


@pytest.mark.parametrize("year", [2003, 2022])
def test_reference_means_against_independent_arithmetic(dataset, year):
    facts = brief_facts(dataset, "KAZ", year)
    assert facts.comparators[0].role == "world" and facts.peers.key == "cis"
    world, cis = means_by_csv(year), means_by_csv(year, CIS_UN_NAMES)
    for index, name in (("egdi", "EGDI"), ("osi", "OSI"), ("hci", "HCI"), ("tii", "TII")):
        assert facts.comparator("world").means[index] == pytest.approx(world[name], abs=1e-12)
        assert facts.comparator("peers").means[index] == pytest.approx(cis[name], abs=1e-12)


def test_peers_default_to_the_region_and_can_be_chosen(dataset):
    estonia = brief_layout(dataset, "EST", 2022, "en").parts
    assert [c.heading for c in estonia["component_table"].columns] == [
        "Index", "Estonia", "World", "Europe and Central Asia", "High income",
    ]  # fmt: skip
    assert estonia["component_table"].columns[-2].heading == "Europe and Central Asia"
    chosen = brief_layout(dataset, "KAZ", 2022, "ru", peers="oecd").parts
    assert chosen["component_table"].columns[-1].heading == "ОЭСР"
    assert chosen["peer_sentence"].startswith(
        "Казахстан — не из числа стран ОЭСР (38 стран); среди них по EGDI было бы"
    )


def test_html_escapes_data(dataset, tmp_path, monkeypatch):
    monkeypatch.setattr(dataset.countries, "name", lambda iso3, lang: "<b>Evil & Co</b>")
    html = render_brief(dataset, "KAZ", 2022, "en", tmp_path).html
    assert "<b>Evil" not in html
    assert "&lt;b&gt;Evil &amp; Co&lt;/b&gt;" in html


@pytest.fixture(scope="module")
def briefs(dataset, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return {lang: build_brief(dataset, "KAZ", None, lang, out) for lang in ("ru", "kk", "en")}


def test_briefs_land_where_the_issue_says(briefs):
    for lang, path in briefs.items():
        assert path.parts[-2:] == (lang, f"brief-KAZ-{LATEST}.pdf")


def test_the_same_inputs_give_the_same_bytes(briefs, dataset, tmp_path):
    for lang, first in briefs.items():
        again = build_brief(dataset, "KAZ", None, lang, tmp_path)
        assert again.read_bytes() == first.read_bytes(), lang


def test_the_same_bytes_with_and_without_the_systems_harfbuzz_subset(
    dataset, tmp_path, monkeypatch
):
    # A machine with libharfbuzz-subset and one without (where WeasyPrint would fall back to
    # fontTools, which stamps each subset with the clock) build the same bytes, a day apart:
    # the project subsets with its own pinned HarfBuzz, never with either of those.
    from weasyprint.pdf import fonts

    with_system = build_brief(dataset, "KAZ", 2022, "en", tmp_path / "with").read_bytes()
    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    monkeypatch.setattr(fonts.Font, "_fonttools_subset", _never)
    monkeypatch.setattr(fonts.Font, "_harfbuzz_subset", _never)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    clock = time.time
    monkeypatch.setattr(time, "time", lambda: clock() + 86_400)
    without = build_brief(dataset, "KAZ", 2022, "en", tmp_path / "without").read_bytes()
    assert without == with_system
    assert "SOURCE_DATE_EPOCH" not in os.environ


def _never(*args):
    raise AssertionError("WeasyPrint's own subsetter ran")


@pytest.mark.parametrize("iso3", ["USA", "NLD", "ARE"])
def test_a_name_with_its_article_opens_a_sentence_with_a_capital(dataset, iso3):
    parts = brief_layout(dataset, iso3, LATEST, "en").parts
    sentences = parts["summary"] + parts["component_sentences"] + [parts["peer_sentence"]]
    assert all(s[0].isupper() for s in sentences)
    assert any(s.startswith("The ") for s in parts["component_sentences"])


@pytest.mark.parametrize(
    ("iso3", "year", "lang", "expected"),
    [("SSD", 2022, "en", "fell by 0.0023 (from 0.0875 to 0.0852) and it was still in last place"),
     ("SOM", 2016, "en", "(from 0.0139 to 0.0270), but it was still in last place (193rd)"),
     ("SSD", 2022, "ru", "0,0852) и место в рейтинге по-прежнему последнее, 193-е"),
     ("SOM", 2016, "kk", "алайда ел әлі де соңғы, 193-орында")],
)  # fmt: skip
def test_a_country_that_stays_last_is_not_said_to_keep_its_place(dataset, iso3, year, lang,
                                                                 expected):  # fmt: skip
    change = brief_layout(dataset, iso3, year, lang).parts["summary"][1]
    assert expected in change
    assert "сохранила" not in change and "сақтап" not in change


def test_a_component_back_where_it_began_is_told_with_its_path():
    from report.words.narrative import dynamics_sentences

    series = {
        "egdi": [(2016, 0.72), (2022, 0.86), (2024, 0.90)],
        "osi": [(2016, 0.77), (2022, 0.93), (2024, 0.94)],
        "hci": [(2016, 0.8401), (2022, 0.9021), (2024, 0.8403)],
        "tii": [(2016, 0.57), (2022, 0.75), (2024, 0.93)],
    }
    first, second, caveat = dynamics_sentences(Text("en"), series, {"tii": [2020], "osi": []})
    # points, not per cent: 0.90 - 0.72
    assert first == "From 2016 to 2024, EGDI rose by 0.1800, from 0.7200 to 0.9000."
    # HCI moved 0.0002 overall, but 0.9021 in 2022 is no part of a flat line
    assert second == (
        "Of the three components, TII changed most (+0.3600); HCI reached 0.9021 in 2022 but "
        "was back at 0.8403 in 2024, close to its 2016 level (0.8401)."
    )
    assert caveat.startswith("The method of TII changed in 2020")
