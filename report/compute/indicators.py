"""Statistics on the panel: pure functions of numbers, Series and DataFrames.

Formulas are numbered as in the article in ../shared/seed (and the supplement):
(1) mean, (2) population standard deviation, (3) Pearson correlation, (4)-(7) the mean of
EGDI, OSI, TII and HCI over a country group.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

# UN EGDI groups by lower bound, inclusive: very high is EGDI >= 0.75, high 0.50 <= EGDI < 0.75,
# middle 0.25 <= EGDI < 0.50, low EGDI < 0.25 (the Survey's "0.75 to 1.00", "0.50 to 0.7499").
# The boundary matters once: Cameroon's EGDI in 2005 is exactly 0.25000, hence middle.
EGDI_GROUPS = (("very_high", 0.75), ("high", 0.50), ("middle", 0.25), ("low", 0.0))
# Rating classes inside each group, best first (UN Surveys since 2020).
RATING_CLASSES_SINCE = 2020  # the first Survey to publish rating classes; earlier ones are computed
RATING_CLASSES = {
    "very_high": ("VH", "V3", "V2", "V1"),
    "high": ("HV", "H3", "H2", "H1"),
    "middle": ("MH", "M3", "M2", "M1"),
    "low": ("LM", "L3", "L2", "L1"),
}


def egdi_group(egdi: float) -> str:
    """The UN EGDI group of a value: very_high, high, middle or low."""
    for name, lower in EGDI_GROUPS:
        if egdi >= lower:
            return name
    return "low"


def rating_classes(egdi: pd.Series) -> pd.Series:
    """Rating class of each country (index) in one survey year, from its EGDI.

    Within each EGDI group the countries are split into quartiles by EGDI, best first: a
    country's class is the quartile of the share of its group that scores strictly higher,
    so ties share a class and a group of 60 (very high, 2022) gives four classes of 15.
    This yields exactly the fifteen VH countries of the 2022 Survey (tests/test_indicators.py).
    A run tied at the foot of its group, such as the countries without any online presence in
    2003-2008, is the lowest class: no country of the group scores lower.
    """
    # every brief asks for each survey year's classes: worked out once per year's values
    key = (egdi.index.name, tuple(egdi.index), tuple(egdi.tolist()))
    return _rating_classes(*key).copy()


@lru_cache(maxsize=64)
def _rating_classes(name, codes: tuple, values: tuple[float, ...]) -> pd.Series:
    egdi = pd.Series(values, index=pd.Index(codes, name=name), dtype="float64")
    groups = egdi.map(egdi_group)
    # countries of the same group scoring strictly higher: the 'min' rank minus one
    higher = egdi.groupby(groups).rank(method="min", ascending=False) - 1
    sizes = groups.map(groups.value_counts())
    quartile = (4 * higher // sizes).clip(upper=3).astype(int)
    at_foot = (higher > 0) & (egdi == egdi.groupby(groups).transform("min"))
    quartile[at_foot] = 3
    return pd.Series(
        [RATING_CLASSES[g][q] for g, q in zip(groups, quartile, strict=True)],
        index=egdi.index,
        dtype="object",
    )


def direction(before: float, after: float, places: int = 4) -> str:
    """'up', 'down' or 'same', comparing two values at the precision a document prints."""
    delta = round(after, places) - round(before, places)
    if round(delta, places) == 0:
        return "same"
    return "up" if delta > 0 else "down"


def against(mean: float, value: float) -> str:
    """'up' or 'down' where a value stands at least LEVEL_MARGIN above or below a mean,
    otherwise 'same' (close to it)."""
    if value - mean >= LEVEL_MARGIN:
        return "up"
    return "down" if mean - value >= LEVEL_MARGIN else "same"


def rank_direction(before: int, after: int) -> str:
    """'up' when the rank number fell (a better position), 'down' when it rose, else 'same'."""
    if after == before:
        return "same"
    return "up" if after < before else "down"


def previous_year(years: list[int], year: int) -> int | None:
    """The survey year before the given one, or None for the first survey."""
    earlier = [y for y in years if y < year]
    return earlier[-1] if earlier else None


def mean_by_year(
    panel: pd.DataFrame, indicator: str, members: list[str] | None = None
) -> pd.Series:
    """Mean of an indicator per survey year over assessed countries (optionally a subset),
    by the group means' formula."""
    rows = panel[panel["rank"].notna()]
    if members is not None:
        rows = rows[rows["iso3"].isin(members)]
    return pd.Series(
        {
            int(year): group_means(frame, (indicator,))[indicator]
            for year, frame in rows.groupby("year")
        },
        dtype=float,
    )


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean, formula (1): sum of X_i over n."""
    if not values:
        raise ValueError("the mean of no values")
    # The division rounds: keep the result inside [min, max], where the true mean lies (the
    # mean of three equal values must be that value, not one ulp above it).
    return min(max(math.fsum(values) / len(values), min(values)), max(values))


def sd_population(values: Sequence[float]) -> float:
    """Population standard deviation, formula (2): sqrt(sum((X_i - mean)^2) / n)."""
    m = mean(values)
    return math.sqrt(math.fsum((v - m) ** 2 for v in values) / len(values))


def sd_sample(values: Sequence[float]) -> float:
    """Sample standard deviation: sqrt(sum((X_i - mean)^2) / (n - 1)); needs n >= 2."""
    if len(values) < 2:
        raise ValueError("the sample standard deviation needs at least 2 values")
    m = mean(values)
    return math.sqrt(math.fsum((v - m) ** 2 for v in values) / (len(values) - 1))


def median(values: Sequence[float]) -> float:
    """The middle value (the mean of the two middle values for an even count)."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        raise ValueError("the median of no values")
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class Description:
    """Descriptive statistics of one indicator over a country set."""

    n: int
    mean: float
    sd: float  # population, formula (2)
    sd_sample: float | None  # None for a single country
    median: float
    min: float
    min_countries: tuple[str, ...]
    max: float
    max_countries: tuple[str, ...]


def describe(values: pd.Series) -> Description:
    """Descriptive statistics of values indexed by ISO3 (min and max name every tied country)."""
    numbers = [float(v) for v in values]
    low, high = min(numbers), max(numbers)
    return Description(
        n=len(numbers),
        mean=mean(numbers),
        sd=sd_population(numbers),
        sd_sample=sd_sample(numbers) if len(numbers) > 1 else None,
        median=median(numbers),
        min=low,
        min_countries=tuple(sorted(i for i, v in values.items() if float(v) == low)),
        max=high,
        max_countries=tuple(sorted(i for i, v in values.items() if float(v) == high)),
    )


@dataclass(frozen=True)
class Correlation:
    """A correlation coefficient with its two-sided p-value (t-test, n - 2 degrees of freedom)."""

    r: float
    p: float
    n: int


MIN_CORRELATION_N = 3
SIGNIFICANCE_LEVEL = 0.05  # two-sided, for every significance the documents state
# A value this close to a mean is called close to it: 0.0030 above a mean is no distinction
# a reader should be told about, though the documents print four decimals.
LEVEL_MARGIN = 0.005
SMALL_GROUP = 5  # a mean over this many countries or fewer, the country among them, says little


def pearson(x: Sequence[float], y: Sequence[float]) -> Correlation:
    """Pearson's r, formula (3), with a two-sided p-value; needs 3 or more pairs."""
    n = len(x)
    if n != len(y):
        raise ValueError("x and y differ in length")
    if n < MIN_CORRELATION_N:
        raise ValueError(f"a correlation needs at least {MIN_CORRELATION_N} countries, got {n}")
    if max(x) == min(x) or max(y) == min(y):
        raise ValueError("a correlation is undefined when one indicator does not vary")
    # Deviations scaled to [-1, 1] first: squares of tiny deviations would underflow to 0.
    dx = _scaled_deviations(x)
    dy = _scaled_deviations(y)
    sxy = math.fsum(a * b for a, b in zip(dx, dy, strict=True))
    sxx = math.fsum(a * a for a in dx)
    syy = math.fsum(b * b for b in dy)
    r = max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))
    return Correlation(r=r, p=correlation_p_value(r, n), n=n)


def _scaled_deviations(values: Sequence[float]) -> list[float]:
    m = mean(values)
    deviations = [v - m for v in values]
    largest = max(abs(d) for d in deviations)
    return [d / largest for d in deviations]


def ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties sharing their mean rank (as Spearman's rho needs)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def spearman(x: Sequence[float], y: Sequence[float]) -> Correlation:
    """Spearman's rho (Pearson's r of the ranks) with the same t-based p-value."""
    return pearson(ranks(x), ranks(y))


def correlation_p_value(r: float, n: int) -> float:
    """Two-sided p-value of a correlation r from n pairs: t = r sqrt((n-2)/(1-r^2))."""
    df = n - 2
    if abs(r) >= 1.0:
        return 0.0
    t2 = r * r * df / (1.0 - r * r)
    # P(|T| > t) for Student's t with df degrees of freedom is I_{df/(df+t^2)}(df/2, 1/2).
    return regularized_incomplete_beta(df / (df + t2), df / 2.0, 0.5)


def critical_r(n: int, alpha: float = SIGNIFICANCE_LEVEL) -> float:
    """The smallest |r| from n pairs that is significant at level alpha (two-sided), found by
    bisection on the p-value, which falls as |r| grows."""
    low, high = 0.0, 1.0
    for _ in range(60):
        middle = (low + high) / 2
        if correlation_p_value(middle, n) > alpha:
            low = middle
        else:
            high = middle
    return high


def regularized_incomplete_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b), by the continued fraction of Numerical Recipes (modified Lentz)."""
    if not 0.0 <= x <= 1.0:
        raise ValueError("x must lie in [0, 1]")
    if x in (0.0, 1.0):
        return x
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    # The continued fraction converges fast for x < (a+1)/(a+b+2); use symmetry otherwise.
    if x > (a + 1.0) / (a + b + 2.0):
        return 1.0 - regularized_incomplete_beta(1.0 - x, b, a)
    tiny, epsilon = 1e-300, 1e-15
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    fraction = d
    for m in range(1, 500):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            fraction *= c * d
        if abs(c * d - 1.0) < epsilon:
            break
    return math.exp(log_front) * fraction / a


def group_means(frame: pd.DataFrame, indicators: Sequence[str]) -> dict[str, float]:
    """Mean of each indicator over a group's rows, formulas (4)-(7)."""
    return {indicator: mean([float(v) for v in frame[indicator]]) for indicator in indicators}


@dataclass(frozen=True)
class Change:
    """How a value moved between two survey years."""

    before: float
    after: float
    abs: float
    pct: float | None  # None when the value started at 0
    annual_growth: float | None  # compound average annual rate; None when not defined


def change(before: float, after: float, years: int) -> Change:
    """Absolute and percentage change, and the average annual growth over `years` years."""
    delta = after - before
    pct = delta / before * 100 if before else None
    growth = None
    if before > 0 and after > 0 and years > 0:
        growth = ((after / before) ** (1 / years) - 1) * 100
    return Change(before=before, after=after, abs=delta, pct=pct, annual_growth=growth)


def rank_change(before: int | None, after: int | None) -> int | None:
    """Places gained (positive) or lost (negative); None when either rank is missing."""
    if before is None or after is None:
        return None
    return before - after


def identity_gap(frame: pd.DataFrame) -> pd.Series:
    """Per row: published EGDI minus (OSI + HCI + TII) / 3."""
    return frame["egdi"] - (frame["osi"] + frame["hci"] + frame["tii"]) / 3


def assessed_runs(years: list[int], totals: list[int]) -> list[tuple[int, int, int, bool]]:
    """Runs of surveys with the same number of countries assessed: (number, first year, last
    year, whether the run reaches the last survey), e.g. 191 in 2003-2005, 192 in 2008-2010."""
    runs: list[list] = []
    for year, total in zip(years, totals, strict=True):
        if runs and runs[-1][0] == total:
            runs[-1][2] = year
        else:
            runs.append([total, year, year])
    return [(n, first, last, last == years[-1]) for n, first, last in runs]
