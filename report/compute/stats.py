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


def country_profile(ds: Dataset, iso3: str, extra: list[tuple[int, int]] = ()) -> dict:
    """Every survey of a country, with group, rating class, income group and changes between
    surveys.

    Changes run between consecutive assessed surveys, from every earlier assessed survey to
    the latest, and for any extra (from, to) pairs asked for; a survey in which the UN
    assessed no value (blank rank) has no group or class and takes part in no change."""
    series = ds.country_frame(iso3)
    if series.empty:
        raise ReportError(f"no data for {iso3}")
    rows = []
    for year, row in series.iterrows():
        assessed = pd.notna(row["rank"])
        klass = rating_classes(ds.year_frame(int(year))["egdi"]).get(iso3) if assessed else None
        income = ds.income_for(iso3, int(year))
        rows.append(
            {
                "year": int(year),
                "rank": int(row["rank"]) if assessed else None,
                **{indicator: float(row[indicator]) for indicator in INDICATORS},
                "group": egdi_group(float(row["egdi"])) if assessed else None,
                "rating_class": klass,
                "assessed": bool(assessed),
                "income_group": income.code,
                "income_fiscal_year": income.fiscal_year,
                "income_latest_available": income.latest_available,
            }
        )
    assessed_years = [r["year"] for r in rows if r["assessed"]]
    pairs = list(pairwise(assessed_years))
    latest = assessed_years[-1]
    pairs += [(year, latest) for year in assessed_years[:-2]]  # since each earlier survey
    for first, last in extra:
        for year in (first, last):
            ds.check_year(year)
            if year not in assessed_years:
                raise ReportError(f"{iso3} was not assessed in the {year} Survey")
        if first >= last:
            raise ReportError(f"a change runs forward in time: {first} -> {last}")
        if (first, last) not in pairs:
            pairs.append((first, last))
    changes = [record for first, last in pairs for record in _change_records(series, first, last)]
    return {
        "iso3": iso3,
        "name": ds.countries.get(iso3).un_name,
        "series": rows,
        "changes": changes,
    }
