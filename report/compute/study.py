"""The facts of the article's study, shared by the analysis and the supplement: the leaders,
their descriptive statistics and correlations, a group with its means, the focus country's
dynamics."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from report.compute import DYNAMICS_SINCE
from report.compute.facts import (
    HEADLINE,
    Break,
    GroupMeans,
    Notes,
    break_years,
    means_of,
    method_breaks,
    notes,
)
from report.compute.indicators import (
    MIN_CORRELATION_N,
    Change,
    Correlation,
    Description,
    change,
    critical_r,
    describe,
    egdi_group,
    pearson,
    rating_classes,
)
from report.compute.selection import group
from report.data.dataset import COMPONENTS, INDICATORS, Dataset
from report.errors import ReportError


@dataclass(frozen=True)
class Row:
    """A country of the study in its survey: rank, the five indices, group, class, income."""

    iso3: str
    rank: int
    values: dict[str, float]  # egdi, osi, hci, tii, epi
    group: str  # EGDI group code
    rating_class: str
    income: str | None  # World Bank income code in force at publication


@dataclass(frozen=True)
class Dynamics:
    """The focus country from `since` (or its first later survey) to the study's year."""

    start: int
    span: tuple[int, ...]  # the surveys that assessed it from start to the year
    rows: tuple[Row, ...]  # one per year of span (group, class, income: of that year)
    changes: dict[str, Change]  # per index, start to year
    places: int  # ranks gained (negative: lost)
    breaks: tuple[Break, ...]  # breaks the EGDI and component series cross
    break_years: dict[str, tuple[int, ...]]  # per component: editions that broke its series


@dataclass(frozen=True)
class StudyFacts:
    """The study of a focus country within a group and among the leaders of a survey."""

    focus: str
    group_key: str
    year: int
    leaders: tuple[Row, ...]  # the VH rating class, by rank
    described: dict[str, Description]  # per index, over the leaders (formulas 1 and 2)
    correlations: dict[str, Correlation]  # "x:y" for each pair of indices, over the leaders
    critical_r: float  # |r| significant at the 5% level for n leaders
    group: GroupMeans  # the group's means (formulas 4 to 7)
    members: tuple[Row, ...]  # the group's assessed members, by rank
    not_assessed: tuple[str, ...]  # members the survey did not assess
    focus_rank_in_group: int  # outside the group: the place it would take among them
    dynamics: Dynamics
    notes: Notes
    outsider: Row | None = None  # the focus country when not a member: compared, not counted

    @property
    def focus_row(self) -> Row:
        """The focus country's row in its survey (in the group, or compared with it)."""
        return self.outsider or next(r for r in self.members if r.iso3 == self.focus)

    @property
    def is_leader(self) -> bool:
        """Whether the focus country is among the leaders."""
        return any(r.iso3 == self.focus for r in self.leaders)

    def r(self, x: str, y: str) -> Correlation:
        """The correlation between two indices among the leaders."""
        return self.correlations.get(f"{x}:{y}") or self.correlations[f"{y}:{x}"]


def _rows(ds: Dataset, year: int, members: list[str]) -> tuple[Row, ...]:
    """Members in their survey, by rank (ties: the higher EGDI first)."""
    frame = ds.year_frame(year)
    classes = rating_classes(frame["egdi"])
    ordered = frame.loc[members].sort_values(["rank", "egdi"], ascending=[True, False])
    return tuple(
        Row(
            iso3=iso3,
            rank=int(r["rank"]),
            values={c: float(r[c]) for c in INDICATORS},
            group=egdi_group(float(r["egdi"])),
            rating_class=classes[iso3],
            income=ds.income_for(iso3, year).code,
        )
        for iso3, r in ordered.iterrows()
    )


def _dynamics(ds: Dataset, focus: str, year: int, since: int) -> Dynamics:
    series = ds.country_frame(focus)
    start = since  # checked by check_since
    span = [y for y in _assessed_years(ds, focus, year) if y >= start]
    return Dynamics(
        start=start,
        span=tuple(span),
        rows=tuple(r for y in span for r in _rows(ds, y, [focus])),
        changes={
            c: change(float(series.loc[start, c]), float(series.loc[year, c]), year - start)
            for c in INDICATORS
        },
        places=int(series.loc[start, "rank"]) - int(series.loc[year, "rank"]),
        breaks=method_breaks(ds, span, HEADLINE),
        break_years={c: break_years(ds, span, c) for c in COMPONENTS},
    )


def _assessed_years(ds: Dataset, focus: str, year: int) -> list[int]:
    series = ds.country_frame(focus)
    return [
        y for y in ds.years if y <= year and y in series.index and pd.notna(series.loc[y, "rank"])
    ]


def check_since(ds: Dataset, focus: str, year: int, since: int) -> None:
    """The first survey of the dynamics must be one that assessed the focus country, no
    later than the study's year: otherwise an error naming those that would do."""
    valid = _assessed_years(ds, focus, year)
    if since in valid:
        return
    if since > year:
        problem = f"is after the survey year {year}"
    elif since not in ds.years:
        problem = "is not a survey year"
    else:
        problem = f"is a survey that did not assess {focus}"
    choices = ", ".join(str(y) for y in valid)
    raise ReportError(f"--since {since} {problem}; choose one of {choices}")


def study_facts(
    ds: Dataset, focus: str, group_key: str, year: int, since: int = DYNAMICS_SINCE
) -> StudyFacts:
    """The facts of the study of a focus country in a group and among the leaders."""
    if focus not in ds.year_frame(year).index:
        raise ReportError(f"{focus} was not assessed in the {year} Survey")
    check_since(ds, focus, year, since)
    members = group(ds, year, group_key)
    if not members.members:
        raise ReportError(f"the {year} Survey assessed no member of {group_key!r}")
    leaders = group(ds, year, "VH")
    if len(leaders.members) < MIN_CORRELATION_N:
        raise ReportError(f"{year}: the VH class has {len(leaders.members)} countries, too few")
    leader_rows = ds.year_frame(year).loc[leaders.members]
    group_rows = _rows(ds, year, members.members)
    (focus_row,) = _rows(ds, year, [focus])
    dynamics = _dynamics(ds, focus, year, since)
    return StudyFacts(
        focus=focus,
        group_key=group_key,
        year=year,
        leaders=_rows(ds, year, leaders.members),
        described={c: describe(leader_rows[c]) for c in INDICATORS},
        correlations={
            f"{x}:{y}": pearson(list(leader_rows[x]), list(leader_rows[y]))
            for x, y in combinations(INDICATORS, 2)
        },
        critical_r=critical_r(len(leaders.members)),
        group=means_of(ds, members, "group"),
        members=group_rows,
        not_assessed=tuple(members.not_assessed),
        focus_rank_in_group=1
        + sum(r.values["egdi"] > focus_row.values["egdi"] for r in group_rows if r.iso3 != focus),
        dynamics=dynamics,
        notes=notes(ds, list(dynamics.span), list(dynamics.span)),  # the surveys it draws on
        outsider=None if focus in members.members else focus_row,
    )
