"""Indicator results for a country set or a country, as plain data (the JSON of the CLI)."""

from __future__ import annotations

from dataclasses import asdict
from itertools import combinations, pairwise

import pandas as pd

from report.compute.indicators import (
    change,
    describe,
    egdi_group,
    pearson,
    rank_change,
    rating_classes,
    spearman,
)
from report.compute.selection import CountrySet
from report.data.dataset import INDICATORS, Dataset
from report.errors import ReportError


def _correlations(frame: pd.DataFrame, method) -> list[dict]:
    result = []
    for x, y in combinations(INDICATORS, 2):
        try:
            found = asdict(method(list(frame[x]), list(frame[y])))
        except ValueError as exc:  # an indicator that does not vary: r is undefined
            found = {"r": None, "p": None, "n": len(frame), "note": str(exc)}
        result.append({"x": x, "y": y, **found})
    return result


def set_stats(ds: Dataset, countries: CountrySet, with_spearman: bool = False) -> dict:
    """Descriptive statistics and correlations of the five indicators over a country set; a
    set of fewer than MIN_CORRELATION_N countries has its correlations left blank, with the
    reason."""
    if not countries.members:
        raise ReportError(f"{countries.label} {countries.year}: no assessed country")
    frame = ds.year_frame(countries.year).loc[countries.members]
    describe_all = {}
    for indicator in INDICATORS:
        d = describe(frame[indicator])
        describe_all[indicator] = {
            "n": d.n,
            "mean": d.mean,
            "sd": d.sd,
            "sd_sample": d.sd_sample,
            "median": d.median,
            "min": d.min,
            "max": d.max,
            "min_countries": list(d.min_countries),
            "max_countries": list(d.max_countries),
        }
    result = {
        "year": countries.year,
        "set": countries.label,
        "members": countries.members,
        "not_assessed": countries.not_assessed,
        "n": len(countries.members),
        "describe": describe_all,
        "pearson": _correlations(frame, pearson),
    }
    if with_spearman:
        result["spearman"] = _correlations(frame, spearman)
    return result


def _change_records(series: pd.DataFrame, first: int, last: int) -> list[dict]:
    before, after = series.loc[first], series.loc[last]
    ranks = rank_change(int(before["rank"]), int(after["rank"]))
    records = []
    for indicator in INDICATORS:
        moved = change(float(before[indicator]), float(after[indicator]), last - first)
        records.append(
            {
                "from": first,
                "to": last,
                "indicator": indicator,
                "before": moved.before,
                "after": moved.after,
                "abs": moved.abs,
                "pct": moved.pct,
                "annual_growth": moved.annual_growth,
                "rank_change": ranks,
            }
        )
    return records


def country_profile(
    ds: Dataset, iso3: str, since: int | None = None, until: int | None = None
) -> dict:
    """Every survey of a country from since to until (default: all), with group, rating
    class, income group and changes between those surveys.

    Changes run between consecutive assessed surveys and from every earlier assessed survey
    to the last; a survey in which the UN assessed no value (blank rank) has no group or
    class and takes part in no change."""
    first, last = _survey_range(ds, since, until)
    series = ds.country_frame(iso3)
    series = series[(series.index >= first) & (series.index <= last)]
    if series.empty:
        raise ReportError(f"no data for {iso3} from {first} to {last}")
    rows = [_survey_row(ds, iso3, int(year), row) for year, row in series.iterrows()]
    assessed_years = [r["year"] for r in rows if r["assessed"]]
    pairs = list(pairwise(assessed_years))
    pairs += [(year, assessed_years[-1]) for year in assessed_years[:-2]]  # since each earlier
    changes = [record for a, b in pairs for record in _change_records(series, a, b)]
    return {
        "iso3": iso3,
        "name": ds.countries.get(iso3).un_name,
        "from": first,
        "to": last,
        "series": rows,
        "changes": changes,
    }


def _survey_range(ds: Dataset, since: int | None, until: int | None) -> tuple[int, int]:
    """The first and last survey of a range, checked (default: every survey)."""
    first = ds.years[0] if since is None else ds.check_year(since)
    last = ds.latest_year if until is None else ds.check_year(until)
    if first > last:
        raise ReportError(f"--from {first} is after --to {last}")
    return first, last


def _survey_row(ds: Dataset, iso3: str, year: int, row: pd.Series) -> dict:
    """A country in one survey: rank, indices, group, class and income group."""
    assessed = pd.notna(row["rank"])
    klass = rating_classes(ds.year_frame(year)["egdi"]).get(iso3) if assessed else None
    income = ds.income_for(iso3, year)
    return {
        "year": year,
        "rank": int(row["rank"]) if assessed else None,
        **{indicator: float(row[indicator]) for indicator in INDICATORS},
        "group": egdi_group(float(row["egdi"])) if assessed else None,
        "rating_class": klass,
        "assessed": bool(assessed),
        "income_group": income.code,
        "income_fiscal_year": income.fiscal_year,
        "income_latest_available": income.latest_available,
    }
