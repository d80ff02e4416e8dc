"""Statistics on the panel: pure functions of DataFrames and numbers."""

from __future__ import annotations

import pandas as pd

# UN EGDI groups by lower bound, inclusive: very high is EGDI >= 0.75, high 0.50 <= EGDI < 0.75,
# middle 0.25 <= EGDI < 0.50, low EGDI < 0.25 (the Survey's "0.75 to 1.00" etc.).
EGDI_GROUPS = (("very_high", 0.75), ("high", 0.50), ("middle", 0.25), ("low", 0.0))


def egdi_group(egdi: float) -> str:
    """The UN EGDI group of a value: very_high, high, middle or low."""
    for name, lower in EGDI_GROUPS:
        if egdi >= lower:
            return name
    return "low"


def direction(before: float, after: float, places: int = 4) -> str:
    """'up', 'down' or 'same', comparing two values at the precision a document prints."""
    delta = round(after, places) - round(before, places)
    if round(delta, places) == 0:
        return "same"
    return "up" if delta > 0 else "down"


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
    """Mean of an indicator per survey year over assessed countries (optionally a subset)."""
    rows = panel[panel["rank"].notna()]
    if members is not None:
        rows = rows[rows["iso3"].isin(members)]
    return rows.groupby("year")[indicator].mean()
