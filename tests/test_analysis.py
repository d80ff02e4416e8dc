"""The comparative analysis: its tables against independent arithmetic, its wording."""

from __future__ import annotations

import re
import statistics

import pytest
from scipy import stats

from report.build.documents import analysis_layout
from report.compute.study import study_facts
from report.errors import ReportError

# The article's Table 4 data (correct): CIS 2022, (rank, EGDI, OSI, TII, HCI).
TABLE_4 = {
    "KAZ": (28, 0.8628, 0.9344, 0.752, 0.9021), "RUS": (42, 0.8162, 0.7368, 0.8053, 0.9065),
    "BLR": (58, 0.758, 0.5302, 0.8426, 0.9011), "ARM": (64, 0.7364, 0.7221, 0.6925, 0.7945),
    "UZB": (69, 0.7265, 0.744, 0.6575, 0.7778), "MDA": (72, 0.7251, 0.738, 0.576, 0.8613),
    "KGZ": (81, 0.6977, 0.6176, 0.6637, 0.8119), "AZE": (83, 0.6937, 0.6119, 0.6761, 0.7932),
    "TJK": (129, 0.5039, 0.3968, 0.377, 0.738), "TKM": (137, 0.4808, 0.298, 0.3551, 0.7892),
}  # fmt: skip


@pytest.fixture(scope="module")
def facts(dataset):
    return study_facts(dataset, "KAZ", "cis", 2022)


def test_group_table_is_the_articles_table_4_with_right_means(facts):
    order = ("egdi", "osi", "tii", "hci")
    found = [(r.rank, *(r.values[c] for c in order)) for r in facts.members]
    assert found == [tuple(e) for e in sorted(TABLE_4.values())]
    assert facts.members[0].iso3 == "KAZ" == facts.focus_row.iso3
    for i, index in enumerate(order):
        mean = statistics.fmean(v[i + 1] for v in TABLE_4.values())
        assert facts.group.means[index] == pytest.approx(mean)
    assert round(facts.group.means["egdi"], 5) == 0.70011  # the article printed 0,70061
    assert {r.income for r in facts.members} == {"UM", "LM"}


def test_leaders_statistics_and_correlations(facts, dataset):
    frame = dataset.year_frame(2022)
    leaders = frame.loc[frame.sort_values("rank").index[:15]]  # the VH class of 2022 is the top 15
    assert len(facts.leaders) == 15
    for key in ("osi", "hci", "tii"):
        values = list(leaders[key])
        assert facts.described[key].mean == pytest.approx(statistics.fmean(values))
        assert facts.described[key].sd == pytest.approx(statistics.pstdev(values))
        assert facts.described[key].sd_sample == pytest.approx(statistics.stdev(values))
    expected = stats.pearsonr(leaders["osi"], leaders["tii"])
    assert facts.r("tii", "osi").r == pytest.approx(expected.statistic)
    assert facts.r("osi", "tii").p == pytest.approx(expected.pvalue)


def test_the_correlation_table_fills_the_lower_triangle(dataset):
    cells = analysis_layout(dataset, "KAZ", "cis", 2022, "en").parts["correlation_table"].cells
    assert cells[0][0] is None and cells[0][2] is None  # diagonal and upper triangle empty
    assert cells[2][0].n == 15  # row TII, column OSI


def test_dynamics_since_2016(facts):
    dynamics = facts.dynamics
    assert dynamics.span == (2016, 2018, 2020, 2022)
    assert round(dynamics.changes["egdi"].pct, 1) == 19.0  # EGDI, 0.72499 -> 0.86280
    assert dynamics.places == 33 - 28 and facts.year - dynamics.start == 6


def test_other_settings(dataset):
    estonia = analysis_layout(dataset, "EST", "eu", 2020, "ru").parts
    rows = estonia["group_table"].rows
    assert [r.cells[0].value for r in rows if r.role == "focus-row"] == ["Эстония"]
    assert len(rows) == 27 + 1  # the members and their mean
    assert "Эстония — в числе 15 лидеров." in " ".join(estonia["conclusions"])


@pytest.mark.parametrize(
    ("focus", "group", "message"),
    [("KAZ", "g7", "unknown group 'g7'"),
     ("KAZ", "EST", "--group 'EST': a list of countries needs two or more"),
     ("KAZ", "EST,Korea", "'Korea' names several countries")],
)  # fmt: skip
def test_errors(dataset, focus, group, message):
    with pytest.raises(ReportError, match=message):
        analysis_layout(dataset, focus, group, 2022, "en")


def test_cli_errors_are_one_line(cli, tmp_path):
    result = cli("analysis", "KAZ", "--group", "g7", "--out", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: unknown group 'g7'; choose from world, ")
    assert result.stderr.count("\n") == 1
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(("focus", "group"), [("UZB", "central_asia"), ("TJK", "cis")])
def test_dynamics_from_a_survey_with_egdi_0_are_told_in_points(dataset, focus, group):
    facts = study_facts(dataset, focus, group, 2024, since=2003)
    assert facts.dynamics.start == 2003 and facts.dynamics.changes["egdi"].pct is None
    parts = analysis_layout(dataset, focus, group, 2024, "en", since=2003).parts
    # no percentage of a change from 0, and none of a rescaled index at all: index points
    rose = re.compile(
        r"EGDI rose by (0\.\d{4}), from 0\.0000 to \1\."
    )  # a rise from 0 is all of it
    assert any(rose.search(s) for s in parts["conclusions"])
    assert not any("per cent" in s and "EGDI rose" in s for s in parts["conclusions"])


def test_since_after_the_survey_is_an_error(dataset):
    with pytest.raises(ReportError, match="--since 2030 is after the survey year 2024"):
        study_facts(dataset, "KAZ", "cis", 2024, since=2030)
