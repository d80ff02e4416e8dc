"""The statistics, each against an independent implementation or plain arithmetic."""

from __future__ import annotations

import math
import random
import statistics

import pytest
from scipy import special, stats

from report.compute.indicators import (
    change,
    correlation_p_value,
    describe,
    egdi_group,
    identity_gap,
    mean,
    median,
    pearson,
    rank_change,
    ranks,
    rating_classes,
    regularized_incomplete_beta,
    sd_population,
    sd_sample,
    spearman,
)

# The article's Table 1: the fifteen leaders of 2022, in its order.
ARTICLE_LEADERS = ["DNK", "FIN", "KOR", "NZL", "SWE", "ISL", "AUS", "EST", "NLD", "USA",
                   "GBR", "SGP", "ARE", "JPN", "MLT"]  # fmt: skip


def samples(seed: int, n: int) -> tuple[list[float], list[float]]:
    rng = random.Random(seed)
    x = [rng.random() for _ in range(n)]
    return x, [0.4 * a + rng.random() for a in x]


@pytest.mark.parametrize("n", [1, 2, 3, 10, 193])
def test_descriptive_statistics_against_the_statistics_module(n):
    x, _ = samples(n, n)
    assert mean(x) == pytest.approx(statistics.fmean(x), abs=1e-15)
    assert sd_population(x) == pytest.approx(statistics.pstdev(x), abs=1e-15)
    assert median(x) == statistics.median(x)
    if n > 1:
        assert sd_sample(x) == pytest.approx(statistics.stdev(x), abs=1e-15)
    else:
        with pytest.raises(ValueError):
            sd_sample(x)


def test_describe_names_every_country_at_min_and_max():
    import pandas as pd

    d = describe(pd.Series({"AAA": 0.5, "BBB": 1.0, "CCC": 1.0, "DDD": 0.2}))
    assert (d.n, d.min, d.min_countries, d.max, d.max_countries) == (
        4, 0.2, ("DDD",), 1.0, ("BBB", "CCC"),
    )  # fmt: skip
    assert d.mean == pytest.approx(0.675)
    assert d.median == pytest.approx(0.75)


@pytest.mark.parametrize("n", [3, 4, 7, 15, 60, 193])
def test_pearson_and_spearman_against_scipy(n):
    x, y = samples(100 + n, n)
    ours, theirs = pearson(x, y), stats.pearsonr(x, y)
    assert ours.r == pytest.approx(theirs.statistic, abs=1e-12)
    assert ours.p == pytest.approx(theirs.pvalue, abs=1e-12)
    assert ours.n == n
    ours, theirs = spearman(x, y), stats.spearmanr(x, y)
    assert ours.r == pytest.approx(theirs.statistic, abs=1e-12)
    assert ours.p == pytest.approx(theirs.pvalue, abs=1e-12)


def test_pearson_by_the_definition():
    x, y = [1.0, 2.0, 3.0, 4.0], [2.0, 1.0, 4.0, 3.0]
    # means 2.5; deviations (-1.5,-0.5,0.5,1.5) and (-0.5,-1.5,1.5,0.5): products 0.75 each,
    # sum 3; sums of squares 5 and 5, so r = 3/5; t = 0.6 * sqrt(2 / (1 - 0.36))
    assert pearson(x, y).r == pytest.approx(0.6)
    t = 0.6 * math.sqrt(2 / 0.64)
    assert pearson(x, y).p == pytest.approx(2 * stats.t.sf(t, 2), abs=1e-12)


def test_textbook_p_value():
    # r = 0.5 from 10 pairs: t = 1.633 with 8 degrees of freedom, two-sided p = 0.1411
    assert correlation_p_value(0.5, 10) == pytest.approx(0.14112, abs=5e-5)
    assert correlation_p_value(1.0, 10) == 0.0
    assert correlation_p_value(0.0, 10) == pytest.approx(1.0)


@pytest.mark.parametrize(("a", "b"), [(0.5, 0.5), (1.0, 0.5), (6.5, 0.5), (95.5, 0.5), (2.0, 3.0)])
def test_incomplete_beta_against_scipy(a, b):
    for x in (0.0, 1e-6, 0.1, 0.37, 0.5, 0.81, 0.999, 1.0):
        assert regularized_incomplete_beta(x, a, b) == pytest.approx(
            special.betainc(a, b, x), abs=1e-13
        )


def test_correlations_need_three_countries_and_variation():
    with pytest.raises(ValueError, match="at least 3 countries, got 2"):
        pearson([0.1, 0.2], [0.3, 0.4])
    with pytest.raises(ValueError, match="does not vary"):
        pearson([0.1, 0.1, 0.1], [0.3, 0.4, 0.5])


def test_rounding_cannot_push_statistics_outside_the_data():
    # found by tests/test_properties.py: fsum(3 * [v]) / 3 is one ulp above v for this v
    value = 0.8464246577229135
    assert mean([value] * 3) == value
    assert sd_population([value] * 3) == 0.0
    # squares of deviations this small underflow to zero unless scaled first
    assert pearson([0.0, 0.0, 1.0], [0.0, 0.0, 5e-173]).r == 1.0


def test_ranks_share_ties():
    assert ranks([0.3, 0.1, 0.3, 0.2]) == [3.5, 1.0, 3.5, 2.0]


@pytest.mark.parametrize(
    ("value", "group"),
    [(1.0, "very_high"), (0.75, "very_high"), (0.7499, "high"), (0.5, "high"),
     (0.4999, "middle"), (0.25, "middle"), (0.2499, "low"), (0.0, "low")],
)  # fmt: skip
def test_egdi_group_boundaries_are_inclusive_below(value, group):
    assert egdi_group(value) == group


def test_cameroon_2005_sits_exactly_on_a_boundary(dataset):
    assert dataset.year_frame(2005).loc["CMR", "egdi"] == 0.25
    assert egdi_group(dataset.year_frame(2005).loc["CMR", "egdi"]) == "middle"


def test_the_2022_vh_class_is_the_articles_fifteen_leaders(dataset):
    classes = rating_classes(dataset.year_frame(2022)["egdi"])
    assert sorted(classes[classes == "VH"].index) == sorted(ARTICLE_LEADERS)
    very_high = classes[classes.isin(["VH", "V3", "V2", "V1"])]
    assert len(very_high) == 60
    assert very_high.value_counts().to_dict() == {"VH": 15, "V3": 15, "V2": 15, "V1": 15}


def test_rating_classes_are_quartiles_with_ties_together():
    import pandas as pd

    egdi = pd.Series({"A": 0.99, "B": 0.95, "C": 0.95, "D": 0.90, "E": 0.80, "F": 0.60})
    classes = rating_classes(egdi).to_dict()
    # five very high countries: 0, 1, 1, 3 and 4 score higher -> quartiles 0, 0, 0, 2, 3;
    # F is alone in the high group, so the best of it
    assert classes == {"A": "VH", "B": "VH", "C": "VH", "D": "V2", "E": "V1", "F": "HV"}


def test_a_run_tied_at_the_foot_is_the_lowest_class():
    import pandas as pd

    # eight low countries, five of them without any online presence (as in 2003-2008): by the
    # share above them the zeros would be L2, yet none of the group scores lower
    egdi = pd.Series(dict(zip("ABCDEFGH", [0.2, 0.1, 0.05] + [0.0] * 5, strict=True)))
    classes = rating_classes(egdi).to_dict()
    assert [classes[c] for c in "ABC"] == ["LM", "LM", "L3"]  # 0, 1, 2 of 8 above
    assert {classes[c] for c in "DEFGH"} == {"L1"}


def test_change_between_surveys_by_hand(dataset):
    kaz = dataset.country_frame("KAZ")
    moved = change(kaz.loc[2016, "egdi"], kaz.loc[2022, "egdi"], 6)
    assert round(moved.abs, 4) == 0.1378  # 0.86280 - 0.72499
    assert round(moved.pct, 1) == 19.0  # 0.13781 / 0.72499
    assert moved.annual_growth == pytest.approx(((0.86280 / 0.72499) ** (1 / 6) - 1) * 100)
    assert change(0.0, 0.3, 2).pct is None
    assert rank_change(33, 28) == 5 and rank_change(None, 28) is None


def test_identity_gap_counts_agree_with_the_ingest(dataset):
    gaps = identity_gap(dataset.panel).abs() > 0.001
    per_year = dataset.panel[gaps].groupby("year").size().to_dict()
    assert per_year == {2003: 18, 2004: 13, 2005: 12, 2008: 100, 2010: 142, 2012: 3}
