"""What changed between two surveys: rises and falls, changes of group and class, the VH class.

Facts only (ISO3 codes, ranks, values, group and class codes); report/cli words them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from report.compute.indicators import egdi_group, rating_classes
from report.data.dataset import Dataset
from report.errors import ReportError

TOP = 10  # risers and fallers listed by default
TOP_CLASS = "VH"
# EGDI is published with five decimals: differences closer than this are equal
EGDI_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Standing:
    """A country in one survey: rank, EGDI, EGDI group and rating class."""

    rank: int
    egdi: float
    group: str
    rating_class: str


@dataclass(frozen=True)
class Move:
    """A country between two surveys; before or after is None where it was not assessed."""

    iso3: str
    before: Standing | None
    after: Standing | None

    @property
    def places(self) -> int | None:
        """Places gained (positive) or lost (negative); None unless assessed in both."""
        if self.before is None or self.after is None:
            return None
        return self.before.rank - self.after.rank

    @property
    def egdi_change(self) -> float | None:
        """EGDI after minus EGDI before; None unless assessed in both."""
        if self.before is None or self.after is None:
            return None
        return self.after.egdi - self.before.egdi

    @property
    def group_changed(self) -> bool:
        """Whether the country is in another EGDI group (assessed in both surveys)."""
        return bool(self.before and self.after and self.before.group != self.after.group)

    @property
    def class_changed(self) -> bool:
        """Whether the country is in another rating class (assessed in both surveys)."""
        return bool(
            self.before and self.after and self.before.rating_class != self.after.rating_class
        )


@dataclass(frozen=True)
class SurveyChanges:
    """Two surveys compared: every country's move and the lists a reader looks for first.

    Lists hold ISO3 codes. Risers and fallers are the `top` largest moves, with every country
    tied with the last one; group and class changes are in the order of the later survey's
    ranks; the VH class is that of the later survey, best first."""

    before: int
    after: int
    top: int
    moves: tuple[Move, ...]  # every country assessed in either survey, ISO3 order
    rank_risers: tuple[str, ...]
    rank_fallers: tuple[str, ...]
    egdi_risers: tuple[str, ...]
    egdi_fallers: tuple[str, ...]
    group_changes: tuple[str, ...]
    class_changes: tuple[str, ...]
    newly_assessed: tuple[str, ...]
    no_longer_assessed: tuple[str, ...]
    vh_class: tuple[str, ...]
    vh_entered: tuple[str, ...]
    vh_left: tuple[str, ...]
    zero_years: tuple[int, ...]  # of the two, those that gave a country EGDI = 0 (nominal ranks)

    def move(self, iso3: str) -> Move | None:
        """The move of one country; None if it was assessed in neither survey."""
        return next((m for m in self.moves if m.iso3 == iso3), None)


def default_years(ds: Dataset) -> tuple[int, int]:
    """The two latest surveys."""
    if len(ds.years) < 2:
        raise ReportError("the data holds one survey: there is nothing to compare it with")
    return ds.years[-2], ds.years[-1]


def survey_changes(ds: Dataset, before: int, after: int, top: int = TOP) -> SurveyChanges:
    """Compare two surveys of the data (before earlier than after)."""
    ds.check_year(before)
    ds.check_year(after)
    if before >= after:
        raise ReportError(f"compare an earlier survey with a later one: {before} -> {after}")
    if top < 1:
        raise ReportError(f"--top {top}: give one or more")
    old, new = _standings(ds, before), _standings(ds, after)
    moves = tuple(Move(iso3, old.get(iso3), new.get(iso3)) for iso3 in sorted({*old, *new}))
    both = [m for m in moves if m.before and m.after]
    by_rank = _ranked(new)
    moved = {m.iso3: m for m in moves}
    vh_old = {i for i, s in old.items() if s.rating_class == TOP_CLASS}
    vh_new = [i for i in by_rank if new[i].rating_class == TOP_CLASS]
    return SurveyChanges(
        before=before,
        after=after,
        top=top,
        moves=moves,
        rank_risers=_largest(both, lambda m: m.places, top),
        rank_fallers=_largest(both, lambda m: -m.places, top),
        egdi_risers=_largest(both, lambda m: m.egdi_change, top),
        egdi_fallers=_largest(both, lambda m: -m.egdi_change, top),
        group_changes=tuple(i for i in by_rank if moved[i].group_changed),
        class_changes=tuple(i for i in by_rank if moved[i].class_changed),
        newly_assessed=tuple(i for i in by_rank if i not in old),
        no_longer_assessed=tuple(i for i in _ranked(old) if i not in new),
        vh_class=tuple(vh_new),
        vh_entered=tuple(i for i in vh_new if i not in vh_old),
        vh_left=tuple(i for i in _ranked(old) if i in vh_old and i not in vh_new),
        zero_years=tuple(year for year, found in ((before, old), (after, new)) if _any_zero(found)),
    )


def _any_zero(standings: dict[str, Standing]) -> bool:
    """Whether a survey gave an assessed country an EGDI of 0 (no online presence)."""
    return any(s.egdi == 0 for s in standings.values())


def _standings(ds: Dataset, year: int) -> dict[str, Standing]:
    frame = ds.year_frame(year)
    classes = rating_classes(frame["egdi"])
    return {
        iso3: Standing(int(row["rank"]), float(row["egdi"]), egdi_group(row["egdi"]), classes[iso3])
        for iso3, row in frame.iterrows()
    }


def _ranked(standings: dict[str, Standing]) -> list[str]:
    """ISO3 codes best-ranked first (ties by code)."""
    return sorted(standings, key=lambda i: (standings[i].rank, i))


def _largest(moves: list[Move], size, top: int) -> tuple[str, ...]:
    """The top moves by size (largest first, positive only), with all tied with the last."""
    growing = sorted((m for m in moves if size(m) > EGDI_TOLERANCE), key=lambda m: -size(m))
    if len(growing) <= top:
        return tuple(m.iso3 for m in growing)
    cut = size(growing[top - 1])
    return tuple(m.iso3 for m in growing if size(m) >= cut - EGDI_TOLERANCE)


def as_json(changes: SurveyChanges) -> dict:
    """The comparison as JSON: every move with its places and EGDI change, then the lists."""
    moves = []
    for move in changes.moves:
        record = asdict(move)
        record.update(places=move.places, egdi_change=_rounded(move.egdi_change))
        record.update(group_changed=move.group_changed, class_changed=move.class_changed)
        moves.append(record)
    lists = {
        key: list(getattr(changes, key))
        for key in (
            "rank_risers",
            "rank_fallers",
            "egdi_risers",
            "egdi_fallers",
            "group_changes",
            "class_changes",
            "newly_assessed",
            "no_longer_assessed",
            "vh_class",
            "vh_entered",
            "vh_left",
            "zero_years",
        )
    }
    return {
        "from": changes.before,
        "to": changes.after,
        "top": changes.top,
        **lists,
        "moves": moves,
    }


def _rounded(value: float | None) -> float | None:
    """A difference of two five-decimal values without the float noise (0.02690000000000001)."""
    return None if value is None else round(value, 5)
