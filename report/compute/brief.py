"""The facts of a country brief: a country's surveys, its reference groups and its peers."""

from __future__ import annotations

import math
from dataclasses import dataclass

from report.compute.facts import (
    COMPONENTS,
    HEADLINE,
    Break,
    Change,
    GroupMeans,
    Notes,
    Point,
    comparators,
    default_peers,
    method_breaks,
    notes,
    point,
)
from report.compute.indicators import EGDI_GROUPS, assessed_runs, mean_by_year, previous_year
from report.compute.selection import CountrySet, group
from report.data.dataset import Dataset
from report.errors import ReportError


@dataclass(frozen=True)
class Peers:
    """The country among its peer group: the group ranked by EGDI and the country's place."""

    key: str
    ranking: tuple[tuple[str, float], ...]  # (ISO3, EGDI), best first; the country included
    rank: int
    count: int  # members of the group (the country not counted when it is not one)
    is_member: bool


@dataclass(frozen=True)
class BriefFacts:
    """Everything a brief states about a country in a survey year."""

    iso3: str
    year: int
    years: tuple[int, ...]  # the surveys the country appears in, up to `year`
    surveys: tuple[Point, ...]  # one per year of `years`
    previous: Point | None  # the survey before `year` (assessed or not)
    first_assessed: int  # the year of the first survey that assessed the country
    zero_years: tuple[int, ...]  # surveys that assessed the country and gave EGDI = 0
    comparators: tuple[GroupMeans, ...]  # world, region, income, peers (no group twice)
    peer_role: str  # which comparator is the peer group (peers, or one of the others)
    peers: Peers
    world_trend: tuple[float | None, ...]  # world mean EGDI per year of `years`
    peer_trend: tuple[float | None, ...]  # peer mean EGDI per year (None: no member assessed)
    assessed_runs: tuple[tuple[int, int, int, bool], ...]  # (countries, first, last, to date)
    egdi_breaks: tuple[Break, ...]  # breaks the EGDI trend crosses
    component_breaks: tuple[Break, ...]  # breaks the OSI, HCI and TII trends cross
    notes: Notes

    @property
    def now(self) -> Point:
        """The country in the brief's survey."""
        return self.surveys[-1]

    @property
    def first(self) -> Point:
        """The country in the first survey that assessed it."""
        return next(s for s in self.surveys if s.year == self.first_assessed)

    @property
    def group_detour(self) -> tuple[str, tuple[int, ...]] | None:
        """Where the path is 'back': the first other EGDI group the country was in between,
        and the surveys that put it there (not for an EGDI of 0: that is no measurement)."""
        between = [s for s in self._measured if s.group != self.now.group]
        if self.group_path != "back" or not between:
            return None
        other = between[0].group
        return other, tuple(s.year for s in between if s.group == other)

    @property
    def recent_breaks(self) -> tuple[Change, ...]:
        """The breaks in method between the previous survey and this one (any index)."""
        crossed = (b for b in (*self.egdi_breaks, *self.component_breaks) if b.after == self.year)
        found = {c: None for b in crossed for c in b.changes if c.is_break}
        return tuple(found)

    @property
    def best_rank(self) -> tuple[int, int]:
        """The country's best rank in any survey up to this one, and its first year."""
        return min((s.rank, s.year) for s in self.surveys if s.assessed)

    @property
    def group_path(self) -> str:
        """The EGDI group now against the first assessment: 'up', 'down', 'held' (the same
        in every survey) or 'back' (the same again after another in between). An EGDI of 0,
        given for no online presence, is no measurement and moves no group (Turkmenistan
        2005: still 'held')."""
        order = [key for key, _ in EGDI_GROUPS]
        before, after = order.index(self.first.group), order.index(self.now.group)
        if before != after:
            return "up" if after < before else "down"
        held = len({s.group for s in self._measured}) == 1
        return "held" if held else "back"

    @property
    def _measured(self) -> list[Point]:
        return [s for s in self.surveys if s.assessed and s.egdi != 0]

    @property
    def change_since_previous(self) -> float | None:
        """EGDI now minus EGDI in the survey before, if that survey assessed the country."""
        before = self.previous
        return self.now.egdi - before.egdi if before and before.assessed else None

    def comparator(self, role: str) -> GroupMeans:
        """The comparator of a role: world, region, income or peers."""
        return next(c for c in self.comparators if c.role == role)


def _peers(ds: Dataset, iso3: str, year: int, peer_set: CountrySet) -> Peers:
    members = peer_set.members
    is_member = iso3 in members
    frame = ds.year_frame(year)
    ranked = frame.loc[members if is_member else [*members, iso3]]
    ranked = ranked.sort_values("egdi", ascending=False)
    return Peers(
        key=peer_set.label,
        ranking=tuple((i, float(v)) for i, v in ranked["egdi"].items()),
        rank=1 + int((ranked["egdi"] > frame.loc[iso3, "egdi"]).sum()),
        count=len(members),
        is_member=is_member,
    )


def _trend(ds: Dataset, years: list[int], members: list[str] | None) -> tuple[float | None, ...]:
    means = mean_by_year(ds.panel, "egdi", members)
    values = (float(means.get(y, math.nan)) for y in years)
    return tuple(None if math.isnan(v) else v for v in values)


def brief_facts(ds: Dataset, iso3: str, year: int, peers: str | None = None) -> BriefFacts:
    """The facts of the brief of a country in a survey year (peers: a set key, by default
    the CIS for its members and the World Bank region for the others)."""
    if iso3 not in ds.year_frame(year).index:
        raise ReportError(f"{iso3} was not assessed in the {year} Survey (no rank, all values 0)")
    peer_set = group(ds, year, peers or default_peers(ds, iso3))
    peers = peer_set.label  # the canonical key: a region slugged, spaces trimmed
    series = ds.country_frame(iso3)
    # the trends begin with the first survey that assessed the country (South Sudan: 2012)
    first = int(series.index[series["rank"].notna()].min())
    years = [y for y in ds.years if first <= y <= year and y in series.index]
    surveys = tuple(point(ds, iso3, y, series) for y in years)
    before = previous_year(ds.years, year)
    groups = comparators(ds, iso3, year, peers)
    return BriefFacts(
        iso3=iso3,
        year=year,
        years=tuple(years),
        surveys=surveys,
        previous=point(ds, iso3, before, series) if before in series.index else None,
        first_assessed=first,
        zero_years=tuple(s.year for s in surveys if s.assessed and s.egdi == 0),
        comparators=groups,
        peer_role=next(c.role for c in groups if c.key == peers),
        peers=_peers(ds, iso3, year, peer_set),
        world_trend=_trend(ds, years, None),
        peer_trend=_trend(ds, years, peer_set.members),
        assessed_runs=tuple(assessed_runs(years, [s.total for s in surveys])),
        egdi_breaks=method_breaks(ds, years, HEADLINE),
        component_breaks=method_breaks(ds, years, COMPONENTS),
        notes=notes(ds, years, years, iso3),
    )
