"""The comparative analysis: its tables against independent arithmetic, its wording."""

from __future__ import annotations

import statistics

import pytest
from conftest import LATEST
from scipy import stats

from report.build.documents import analysis_layout
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
def context(dataset):
    return analysis_layout(dataset, "KAZ", "cis", 2022, "en").parts


def test_group_table_is_the_articles_table_4_with_right_means(context):
    rows = context["group_table"]["rows"]
    expected = sorted(TABLE_4.values())
    assert [(r["rank"], *r["values"]) for r in rows] == [tuple(e) for e in expected]
    assert rows[0]["focus"] and rows[0]["name"] == "Kazakhstan"
    for i, mean in enumerate(context["group_table"]["means"]):
        assert mean == pytest.approx(statistics.fmean(v[i + 1] for v in TABLE_4.values()))
    assert round(context["group_table"]["means"][0], 5) == 0.70011  # the article printed 0,70061
    assert {r["income"] for r in rows} == {"Upper-middle", "Lower-middle"}


def test_leaders_statistics_and_correlations(context, dataset):
    frame = dataset.year_frame(2022)
    leaders = frame.loc[frame.sort_values("rank").index[:15]]  # the VH class of 2022 is the top 15
    assert len(context["leaders_table"]["rows"]) == 15
    by_name = {row["name"]: row for row in context["stats_table"]["rows"]}
    for key in ("OSI", "HCI", "TII"):
        values = list(leaders[key.lower()])
        assert by_name[key]["mean"] == pytest.approx(statistics.fmean(values))
        assert by_name[key]["sd"] == pytest.approx(statistics.pstdev(values))
        assert by_name[key]["sd_sample"] == pytest.approx(statistics.stdev(values))
    cells = context["correlation_table"]["cells"]
    osi_tii = cells[2][0]  # row TII, column OSI
    expected = stats.pearsonr(leaders["osi"], leaders["tii"])
    assert osi_tii.r == pytest.approx(expected.statistic) and osi_tii.p == pytest.approx(
        expected.pvalue
    )
    assert cells[0][0] is None and cells[0][2] is None  # diagonal and upper triangle empty


def test_dynamics_since_2016(context):
    table = context["dynamics_table"]
    assert [row["year"] for row in table["rows"]] == [2016, 2018, 2020, 2022]
    assert round(table["pct"][0], 1) == 19.0  # EGDI, 0.72499 -> 0.86280
    assert table["places"] == 33 - 28 and table["years"] == 6


def test_other_settings(dataset):
    estonia = analysis_layout(dataset, "EST", "eu", 2020, "ru").parts
    focus = [row for row in estonia["group_table"]["rows"] if row["focus"]]
    assert [row["name"] for row in focus] == ["Эстония"]
    assert len(estonia["group_table"]["rows"]) == 27
    assert "Страна сама входит в число" in " ".join(estonia["conclusions"])


@pytest.mark.parametrize(
    ("focus", "group", "message"),
    [("EST", "cis", "EST is not a member of 'cis' in 2022"),
     ("KAZ", "g7", "unknown group 'g7'")],
)  # fmt: skip
def test_errors(dataset, focus, group, message):
    with pytest.raises(ReportError, match=message):
        analysis_layout(dataset, focus, group, 2022, "en")


def test_cli_errors_are_one_line(cli, tmp_path):
    result = cli("analysis", "--focus", "EST", "--group", "cis", "--out", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"error: EST is not a member of 'cis' in {LATEST}\n"
    assert not any(tmp_path.iterdir())
