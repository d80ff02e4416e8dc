"""Country sets: explicit lists, named groups, the top N, EGDI groups, rating classes,
World Bank regions and income groups, each taken in one survey year."""

from __future__ import annotations

from dataclasses import dataclass, field

from report.compute.indicators import EGDI_GROUPS, RATING_CLASSES, egdi_group, rating_classes
from report.data.countries import slug
from report.data.dataset import Dataset
from report.data.income import INCOME_CODES
from report.errors import ReportError, close_matches

EGDI_GROUP_NAMES = tuple(name for name, _ in EGDI_GROUPS)
CLASS_NAMES = tuple(c for classes in RATING_CLASSES.values() for c in classes)


@dataclass(frozen=True)
class CountrySet:
    """The countries of a set in a survey year, and the members left out as not assessed."""

    label: str
    year: int
    members: list[str]
    not_assessed: list[str] = field(default_factory=list)


def group_names(ds: Dataset) -> list[str]:
    """Every name --group accepts."""
    regions = sorted({f"region:{slug(c.wb_region)}" for c in ds.countries})
    return [
        "world",
        *ds.countries.groups(),
        *(g.key for g in ds.groups),
        *EGDI_GROUP_NAMES,
        *CLASS_NAMES,
        *regions,
        *(f"income:{code}" for code in INCOME_CODES),
    ]


def _assessed(ds: Dataset, year: int, iso3s: list[str], label: str) -> CountrySet:
    assessed = set(ds.year_frame(year).index)
    return CountrySet(
        label=label,
        year=year,
        members=[i for i in iso3s if i in assessed],
        not_assessed=[i for i in iso3s if i not in assessed],
    )


def explicit(ds: Dataset, year: int, tokens: list[str]) -> CountrySet:
    """Countries given by ISO3 code or exact name; the set's key is their codes,
    comma-separated, which group() takes back."""
    iso3s = list(dict.fromkeys(ds.countries.resolve(t) for t in tokens if t.strip()))
    if not iso3s:
        raise ReportError("no countries given")
    return _assessed(ds, year, iso3s, ",".join(iso3s))


def is_ad_hoc(key: str) -> bool:
    """Whether a set's key is a list of ISO3 codes (an ad-hoc set, as explicit() keys it)."""
    return all(len(code) == 3 and code.isalpha() and code.isupper() for code in key.split(","))


def top(ds: Dataset, year: int, n: int) -> CountrySet:
    """The N best-ranked countries of a year (ties at the cut all included)."""
    frame = ds.year_frame(year)
    if not 1 <= n <= len(frame):
        raise ReportError(
            f"--top {n}: the {year} Survey ranked {len(frame)} countries; choose 1 to {len(frame)}"
        )
    cut = frame["rank"].sort_values().iloc[n - 1]
    members = frame[frame["rank"] <= cut].sort_values(["rank", "egdi"], ascending=[True, False])
    return CountrySet(label=f"top {n}", year=year, members=list(members.index))


def group(ds: Dataset, year: int, name: str) -> CountrySet:
    """A named set: see group_names()."""
    frame = ds.year_frame(year)
    key = name.strip()
    if key == "world":
        return CountrySet(label="world", year=year, members=sorted(frame.index))
    if ds.user_group(key):
        return _assessed(ds, year, list(ds.user_group(key).members), key)
    if key in ds.countries.groups():
        return _assessed(ds, year, ds.countries.members(key), key)
    if key in EGDI_GROUP_NAMES:
        members = [i for i, v in frame["egdi"].items() if egdi_group(v) == key]
        return CountrySet(label=key, year=year, members=sorted(members))
    if key in CLASS_NAMES:
        classes = rating_classes(frame["egdi"])
        return CountrySet(label=key, year=year, members=sorted(classes[classes == key].index))
    if key.startswith("region:"):
        wanted = slug(key.removeprefix("region:"))
        members = [c.iso3 for c in ds.countries if slug(c.wb_region) == wanted]
        if members:
            return _assessed(ds, year, members, f"region:{wanted}")
    if key.startswith("income:") and key.removeprefix("income:") in INCOME_CODES:
        code = key.removeprefix("income:")
        members = [i for i in ds.countries.iso3_codes if ds.income_for(i, year).code == code]
        return _assessed(ds, year, members, key)
    if "," in key or ds.countries.knows(key):
        chosen = explicit(ds, year, key.split(","))
        if len(chosen.members) + len(chosen.not_assessed) < 2:
            raise ReportError(f"--group {name!r}: a list of countries needs two or more")
        return chosen
    names = group_names(ds)
    close = close_matches(key, names)
    hint = f" (close names: {', '.join(close)})" if close else ""
    raise ReportError(
        f"unknown group {name!r}{hint}; choose from {', '.join(names)}, or list countries"
        " (EST,KOR,SGP)"
    )


def group_key(ds: Dataset, year: int, name: str) -> str:
    """The key of a set as a document names it, checked: a list of countries by their ISO3
    codes (Russia,KOR → RUS,KOR), any other name as given."""
    chosen = group(ds, year, name)
    return chosen.label if "," in name else name.strip()
