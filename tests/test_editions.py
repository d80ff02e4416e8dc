"""Survey editions as data: publication dates, the income rule they set, method breaks."""

from __future__ import annotations

import re
from datetime import date

import pytest

from report.build.documents import brief_layout
from report.data.editions import Editions, fiscal_year_in_force
from report.errors import InputError
from report.render import charts
from report.render.html import figure_svg
from report.render.svg import label_width
from report.words.text import NBSP, Text


def test_the_fiscal_year_turns_on_1_july():
    assert fiscal_year_in_force(date(2014, 6, 30)) == 2014
    assert fiscal_year_in_force(date(2014, 7, 1)) == 2015
    assert fiscal_year_in_force(date(2024, 9, 17)) == 2025


def test_every_survey_year_has_an_edition_with_a_dated_source(dataset):
    for year in dataset.years:
        edition = dataset.editions.get(year)
        assert edition is not None, year
        assert edition.published_source and edition.title("en").title.endswith(str(year))
        assert year - 1 <= edition.published.year <= year + 1
        # independent arithmetic: published from July on -> the next fiscal year
        expected = year + 1 if edition.published.month >= 7 else year
        assert dataset.fiscal_year(year) == expected == edition.fiscal_year
        for lang in ("ru", "kk"):
            assert not edition.title(lang).official  # no official title found: translations


def test_editions_published_before_july_take_their_own_fiscal_year(dataset):
    # The rule used to be FY(Y+1) for every survey. The editions published before 1 July of
    # their year now take another fiscal year: 2008 (January), 2010 (April), 2012
    # (February) and 2014 (25 June).
    changed = {year for year in dataset.years if dataset.fiscal_year(year) != year + 1}
    assert changed == {2008, 2010, 2012, 2014}
    assert dataset.editions.get(2014).published == date(2014, 6, 25)


def test_kyrgyzstan_2014_and_kazakhstan_2024(dataset):
    # OGHIST: Kyrgyzstan low income in FY14, lower-middle from FY15; the 2014 Survey
    # appeared on 25 June 2014, under FY14.
    kgz = dataset.income_for("KGZ", 2014)
    assert (kgz.code, kgz.fiscal_year) == ("L", 2014)
    kaz = dataset.income_for("KAZ", 2024)
    assert (kaz.code, kaz.fiscal_year, kaz.latest_available) == ("UM", 2025, False)


def test_a_survey_without_a_row_is_taken_as_published_after_july(dataset):
    assert dataset.editions.get(2026) is None
    assert dataset.editions.fiscal_year(2026) == 2027


@pytest.mark.parametrize(
    ("lang", "published", "fiscal_year"),
    [("en", "28 September 2022", "fiscal year 2023"),
     ("ru", "28 сентября 2022 г.", "на 2023 финансовый год"),
     ("kk", "2022 жылғы 28 қыркүйек", "2023 қаржы жылына арналған")],
)  # fmt: skip
def test_the_income_note_gives_the_publication_date(dataset, lang, published, fiscal_year):
    note = brief_layout(dataset, "KAZ", 2022, lang).parts["income_note"]
    note = note.replace(NBSP, " ")
    assert published in note and fiscal_year in note


def test_a_date_known_only_by_its_first_report_is_worded_as_such(dataset):
    notes = {
        lang: brief_layout(dataset, "KAZ", 2005, lang).parts["income_note"]
        for lang in ("en", "ru", "kk")
    }
    notes = {lang: note.replace(NBSP, " ") for lang, note in notes.items()}
    en = "not known; the earliest dated report of its results that was found is from October 2005"
    assert en in notes["en"]
    ru = "самое раннее из найденных датированных сообщений о его результатах: октябрь 2005"
    assert ru in notes["ru"]
    assert "белгісіз" in notes["kk"] and "2005 жылғы қазан" in notes["kk"]
    # the FY05 classification gives Kazakhstan the same group (independent lookup)
    assert dataset.income.in_fiscal_year("KAZ", 2005).code == dataset.income_for("KAZ", 2005).code
    same = "fiscal year 2005 (1 July 2004 – 30 June 2005), Kazakhstan is in the same income group"
    assert same in notes["en"]
    source = brief_layout(dataset, "KAZ", 2005, "en").parts["sources"][0]
    assert "E\u2011Government" in source  # a title's hyphen does not end a line
    source = source.replace("\u2011", "-")
    assert "Report 2005: From E-Government to E-Inclusion, published in 2005; and the " in source
    assert "the 2003 and 2004 editions (UN E-Government Knowledgebase" in source


def test_the_other_fiscal_year_is_named_where_the_group_differs(dataset):
    # Russia: lower-middle in FY05, upper-middle in FY06 (OGHIST)
    assert dataset.income.in_fiscal_year("RUS", 2005).code == "LM"
    note = brief_layout(dataset, "RUS", 2005, "en").parts["income_note"]
    other = (
        "fiscal year 2005 (1 July 2004 – 30 June 2005), the Russian Federation is in another "
        "income group: "
    )
    assert other in note.replace(NBSP, " ")
    assert note.endswith("Lower-middle income.")


def test_a_month_date_is_worded_as_a_month(dataset):
    source = brief_layout(dataset, "KAZ", 2016, "ru").parts["sources"][0]
    source = source.replace(NBSP, " ").replace("\u2011", "-")
    assert "опубл. июль 2016 г." in source
    assert "(название — неофициальный перевод; в оригинале: United Nations E-Government " in (
        source
    )


def _text_x(svg: str, content: str) -> list[float]:
    """The centres of the labels that say content (the lean SVG gives where each starts)."""
    found = re.findall(rf"<text ([^>]*)>{content}</text>", svg)
    attributes = [dict(re.findall(r'([\w-]+)="([^"]*)"', a)) for a in found]
    return [
        float(a["x"])
        + label_width(
            content, float(a["font-size"].removesuffix("px")), a.get("font-weight", "400")
        )
        / 2
        for a in attributes
    ]


def test_the_tii_chart_marks_the_2020_break_between_2018_and_2020(dataset):
    context = brief_layout(dataset, "KAZ", 2024, "en").parts
    figure = context["figures"]["component_trends"]
    svg = figure_svg(figure, "en")
    x2018, x2020 = _text_x(svg, "2018")[0], _text_x(svg, "2020")[0]
    breaks = dataset.editions.between(dataset.years, ("osi", "hci", "tii"), breaks_only=True)
    label = str(sorted({c.year for c in breaks}).index(2020) + 1)
    assert _text_x(svg, label) == [pytest.approx((x2018 + x2020) / 2, abs=0.01)]
    rule = r'<path d="M ([\d.]+) [\d.]+ L \1 [\d.]+" clip-path="[^"]*" fill="none" '
    rules = re.findall(rule + r'stroke-dasharray="[^"]*" [^>]*stroke="#8c8c8c"', svg)
    assert pytest.approx((x2018 + x2020) / 2, abs=0.01) in [float(x) for x in rules]
    note = context["figures"]["egdi_trend"].note  # the component chart refers to it
    assert f"({label}){NBSP}2020: TII dropped fixed-telephone subscriptions" in note
    assert "capped at 120 per 100 inhabitants" in note
    assert "listed under Figure 2" in figure.note


@pytest.mark.parametrize(
    ("lang", "phrase"),
    [("ru", "из TII исключено число абонентов фиксированной телефонной связи"),
     ("kk", "TII құрамынан тұрақты телефон байланысына жазылымдар алынып тасталды")],
)  # fmt: skip
def test_the_break_note_in_each_language(dataset, lang, phrase):
    note = brief_layout(dataset, "KAZ", 2024, lang).parts["figures"]["egdi_trend"]
    assert phrase in note.note and "2020" in note.note


def test_no_break_inside_a_span_without_one(dataset):
    # 2020-2024: the 2020 changes lie on the first survey of the span, not inside it
    assert dataset.editions.between([2020, 2022, 2024], ("tii",), breaks_only=True) == []
    svg = charts.trend_chart(
        charts.Numbers.of(Text("en")), [2020, 2022, 2024], [charts.Line("A", [0.5] * 3)], "x"
    )
    assert charts.BREAK_COLOUR.lower() not in svg


def test_the_rank_chart_says_how_many_countries_were_assessed(dataset):
    figure = brief_layout(dataset, "KAZ", 2024, "en").parts["figures"]["rank_trend"]
    # 191 assessed in 2003-2005 (Montenegro, South Sudan not), 192 in 2008-2010, then 193
    totals = [len(dataset.year_frame(y)) for y in dataset.years]
    assert totals[:3] == [191] * 3 and totals[3:5] == [192] * 2 and set(totals[5:]) == {193}
    assert figure.note == "Countries assessed: 191 (2003–2005), 192 (2008–2010), 193 (from 2012)."
    ru = brief_layout(dataset, "KAZ", 2024, "ru").parts["figures"]["rank_trend"]
    assert ru.note == "Число оценённых стран: 191 (2003–2005), 192 (2008–2010), 193 (с 2012 г.)."
    kk = brief_layout(dataset, "KAZ", 2024, "kk").parts["figures"]["rank_trend"]
    assert "193 (2012 жылдан бастап)" in kk.note
    # the chart itself marks the number under the survey where it changed
    svg = figure_svg(figure, "en")
    marks = {n: _text_x(svg, f"n = {n}") for n in (191, 192, 193)}
    x = {year: _text_x(svg, str(year))[0] for year in (2003, 2008, 2012)}
    assert marks == {191: [x[2003]], 192: [x[2008]], 193: [x[2012]]}


def test_method_notes_list_the_changes_of_the_span(dataset):
    from report.build.documents import analysis_layout

    method = brief_layout(dataset, "KAZ", 2024, "en").parts["method"]
    assert method["zero_until"] == 2012  # the last survey that gave an assessed country 0
    # the breaks are described under Figure 2; the notes add the change that is not a break
    assert method["changes"] == [
        "The changes of method that break the series are listed under Figure 2.",
        "One change is not treated as a break, since a measure was replaced by its close "
        "successor: in 2018, TII replaced wireless-broadband subscriptions with active "
        "mobile-broadband subscriptions.",
    ]
    # the analysis covers 2016-2024: the 2020 break is listed under its Figure 3, and 2018
    analysis = analysis_layout(dataset, "KAZ", "cis", 2024, "en").parts
    assert analysis["method"]["changes"] == [
        "The changes of method that break the series are listed under Figure 3.",
        method["changes"][1],
    ]
    assert "(1)\u00a02020: TII dropped" in analysis["figures"]["dynamics"].note
    supplement_years = [y for y in dataset.years if y <= 2022]
    from report.compute.facts import notes
    from report.words.edition_notes import method_changes_sentences

    changes = notes(dataset, supplement_years, supplement_years).changes
    full = method_changes_sentences(Text("en"), changes)
    assert full[0].startswith("Changes of method that break the series: in 2008, TII replaced")
    assert "; in 2020, TII dropped fixed-telephone subscriptions and each TII" in full[0]


BAD_ROWS = [
    ("published", "2024-13-01", "is not a date"),
    ("published", "2030-01-01", "too far from the year"),
    ("published_source", "", "every date needs its source"),
    ("published_basis", "rumour", "is not one of release, imprint, first_mention"),
    ("title_kk_status", "official?", "is not official or translation"),
    ("title_en", "", "the official English title is missing"),
]


@pytest.mark.parametrize(("column", "value", "problem"), BAD_ROWS)
def test_a_bad_surveys_row_is_one_line_naming_file_and_line(cli, data_copy, column, value, problem):
    import csv

    path = data_copy / "surveys.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[-1][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = cli("validate", "--data-dir", data_copy)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}:{len(rows) + 1}: ")
    assert problem in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("row", "problem"),
    [("2021,tii,tii_capped_at_120,yes,x", "not an edition in surveys.csv"),
     ("2020,tii,tii_made_up,yes,x", "unknown change 'tii_made_up'"),
     ("2020,gdp,tii_capped_at_120,yes,x", "unknown indicator 'gdp'"),
     ("2020,tii,tii_capped_at_120,maybe,x", "is not yes or no"),
     ("2020,tii,tii_capped_at_120,yes,", "every change needs its source")],
)  # fmt: skip
def test_a_bad_method_change_is_one_line(cli, data_copy, row, problem):
    path = data_copy / "method_changes.csv"
    lines = [*path.read_text(encoding="utf-8").splitlines(), row]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("brief", "KAZ", "--lang", "en", "--data-dir", data_copy, "--out", data_copy)
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}:{len(lines)}: {result.stderr.split(': ', 2)[2]}"
    assert problem in result.stderr


def test_every_code_of_the_shipped_changes_has_words(dataset):
    from report.data.editions import CHANGE_CODES
    from report.words.narrative import method_change_text

    for lang in ("en", "ru", "kk"):
        texts = {method_change_text(Text(lang), code) for code in CHANGE_CODES}
        assert len(texts) == len(CHANGE_CODES)


def test_data_readme_documents_every_column(shipped):
    from report.data.editions import CHANGE_COLUMNS, SURVEY_COLUMNS

    readme = (shipped / "README.md").read_text(encoding="utf-8")
    for column in (*SURVEY_COLUMNS, *CHANGE_COLUMNS):
        assert f"`{column}`" in readme, column


@pytest.mark.parametrize("missing", ["surveys.csv", "method_changes.csv"])
def test_a_directory_without_an_editions_file_is_refused(cli, data_copy, missing):
    # without them a brief would lose its titles or its notes on changes of method, and say
    # that levels compare where they do not
    (data_copy / missing).unlink()
    for args in (["validate"], ["brief", "KAZ", "--json"]):
        result = cli(*args, "--data-dir", data_copy)
        assert result.exit_code == 2, result.stdout
        assert result.stderr == f"error: {data_copy / missing}: no such file\n"


def test_an_editions_file_with_a_header_only_is_refused(tmp_path, shipped):
    header = (shipped / "surveys.csv").read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "surveys.csv").write_text(header + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"surveys\.csv:2: no survey editions after the header"):
        Editions.from_csv(tmp_path / "surveys.csv", shipped / "method_changes.csv")


def test_a_change_across_a_method_break_carries_a_caveat(dataset):
    from report.build.documents import analysis_layout

    def dynamics(since: int) -> str:
        context = analysis_layout(dataset, "UZB", "central_asia", 2024, "en", since=since).parts
        return " ".join(context["conclusions"])

    # 2016-2024 spans the 2020 TII change; TII moved most for Uzbekistan
    uzb = dataset.country_frame("UZB")
    assert uzb.loc[2024, "tii"] / uzb.loc[2016, "tii"] > 3
    assert (
        "The method of TII changed in 2020, so part of these changes, including that in EGDI"
        in dynamics(2016)
    )
    assert "The method of" not in dynamics(2022)  # 2022-2024: no change of method in between
