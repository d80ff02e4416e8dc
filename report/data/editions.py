"""Survey editions as data: titles, publication dates and the method changes of each edition.

`data/surveys.csv` has one row per edition of the UN E-Government Survey; `data/method_changes.csv`
one row per change of method, naming the edition that introduced it and the indicator it
concerns. Documents take their title and source lines, method notes, chart breaks and the
income rule from here (see data/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path

from report.data.csvio import read_table
from report.errors import InputError

SURVEYS_FILE = "surveys.csv"
METHOD_CHANGES_FILE = "method_changes.csv"
TITLE_LANGUAGES = ("en", "ru", "kk")
TITLE_STATUSES = ("official", "translation")
SURVEY_COLUMNS = (
    "year",
    "published",
    "published_basis",
    "published_source",
    *(f"{part}_{lang}" for lang in TITLE_LANGUAGES for part in ("title", "subtitle")),
    "title_ru_status",
    "title_kk_status",
)
CHANGE_COLUMNS = ("year", "indicator", "change", "break", "source")
CHANGE_INDICATORS = ("egdi", "osi", "hci", "tii", "epi")
# The kinds of change the documents can describe; each has a sentence in the catalogs
# (report/words/narrative.py, method_change_text). A new kind needs a new sentence.
CHANGE_CODES = (
    "osi_instrument_overhauled",
    "hci_schooling_years_added",
    "tii_fixed_broadband_added",
    "tii_personal_computers_dropped",
    "tii_wireless_broadband_added",
    "tii_active_mobile_broadband",
    "tii_fixed_telephone_dropped",
    "tii_capped_at_120",
)
# release: a dated launch or release; imprint: the month printed in the report;
# first_mention: no release date found, the earliest dated report of the results (so the
# edition came out then or earlier).
PUBLISHED_BASES = ("release", "imprint", "first_mention")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def fiscal_year_in_force(day: date) -> int:
    """The World Bank fiscal year whose classification is in force on a day: FY N runs from
    1 July of N-1 to 30 June of N, and its classification is released on 1 July of N-1."""
    return day.year + 1 if day.month >= 7 else day.year


@dataclass(frozen=True)
class EditionTitle:
    """An edition's title and subtitle in one language; official or the project's translation."""

    lang: str
    title: str
    subtitle: str
    official: bool


@dataclass(frozen=True)
class Edition:
    """One edition of the Survey: its year, publication date (with source) and titles."""

    year: int
    published: date  # the first of the month where only the month is known
    published_day_known: bool
    published_basis: str  # release, imprint or first_mention
    published_source: str
    titles: tuple[EditionTitle, ...]

    def title(self, lang: str) -> EditionTitle:
        """The title in a language (English where the file has none for it)."""
        by_lang = {t.lang: t for t in self.titles}
        return by_lang.get(lang) or by_lang["en"]

    @property
    def fiscal_year(self) -> int:
        """The World Bank fiscal year in force on the publication date."""
        return fiscal_year_in_force(self.published)


@dataclass(frozen=True)
class MethodChange:
    """A change of method introduced by an edition for one indicator. A break makes values
    before and after it not comparable as levels, and trend charts mark it."""

    year: int
    indicator: str
    change: str
    is_break: bool
    source: str


def _date(path: Path, line: int, text: str) -> tuple[date, bool]:
    """A date as YYYY-MM-DD, or YYYY-MM where only the month is known."""
    match = _ISO_DATE.match(text)
    try:
        if match:
            year, month, day = match.groups()
            return date(int(year), int(month), int(day or 1)), day is not None
    except ValueError:
        pass
    raise InputError(path, line, f"published: {text!r} is not a date (YYYY-MM-DD or YYYY-MM)")


def _edition(path: Path, line: int, rec: dict[str, str]) -> Edition:
    if not rec["year"].isdigit():
        raise InputError(path, line, f"bad year {rec['year']!r}")
    year = int(rec["year"])
    published, day_known = _date(path, line, rec["published"].strip())
    if not year - 1 <= published.year <= year + 1:
        raise InputError(path, line, f"published {published} is too far from the year {year}")
    basis = rec["published_basis"].strip()
    if basis not in PUBLISHED_BASES:
        raise InputError(
            path, line, f"published_basis: {basis!r} is not one of {', '.join(PUBLISHED_BASES)}"
        )
    if not rec["published_source"].strip():
        raise InputError(path, line, "published_source: every date needs its source")
    titles = []
    for lang in TITLE_LANGUAGES:
        title = rec[f"title_{lang}"].strip()
        if not title:
            if lang == "en":
                raise InputError(path, line, "title_en: the official English title is missing")
            continue
        status = "official" if lang == "en" else rec[f"title_{lang}_status"].strip()
        if status not in TITLE_STATUSES:
            raise InputError(
                path, line, f"title_{lang}_status: {status!r} is not official or translation"
            )
        titles.append(
            EditionTitle(lang, title, rec[f"subtitle_{lang}"].strip(), status == "official")
        )
    return Edition(
        year, published, day_known, basis, rec["published_source"].strip(), tuple(titles)
    )


def _change(path: Path, line: int, rec: dict[str, str], years: set[int]) -> MethodChange:
    if not rec["year"].isdigit() or int(rec["year"]) not in years:
        raise InputError(path, line, f"year {rec['year']!r} is not an edition in {SURVEYS_FILE}")
    if rec["indicator"] not in CHANGE_INDICATORS:
        raise InputError(path, line, f"unknown indicator {rec['indicator']!r}")
    if rec["change"] not in CHANGE_CODES:
        raise InputError(
            path, line, f"unknown change {rec['change']!r} (known: {', '.join(CHANGE_CODES)})"
        )
    if rec["break"] not in ("yes", "no"):
        raise InputError(path, line, f"break: {rec['break']!r} is not yes or no")
    if not rec["source"].strip():
        raise InputError(path, line, "source: every change needs its source")
    return MethodChange(
        int(rec["year"]), rec["indicator"], rec["change"], rec["break"] == "yes", rec["source"]
    )


class Editions:
    """The editions of the Survey and their method changes."""

    def __init__(self, editions: dict[int, Edition], changes: list[MethodChange]):
        self._editions = editions
        self.changes = sorted(changes, key=lambda c: (c.year, CHANGE_INDICATORS.index(c.indicator)))

    @classmethod
    def in_dir(cls, data_dir: Path) -> Editions:
        """Load the editions files of a data directory (both are needed: without them a
        document would lose its titles and its notes on changes of method)."""
        return cls.from_csv(data_dir / SURVEYS_FILE, data_dir / METHOD_CHANGES_FILE)

    @classmethod
    def from_csv(cls, surveys: Path, changes: Path) -> Editions:
        """Load data/surveys.csv and data/method_changes.csv."""
        editions: dict[int, Edition] = {}
        for line, rec in read_table(surveys, SURVEY_COLUMNS):
            edition = _edition(surveys, line, rec)
            if edition.year in editions:
                raise InputError(surveys, line, f"edition {edition.year} appears twice")
            editions[edition.year] = edition
        if not editions:
            raise InputError(surveys, 2, "no survey editions after the header")
        found = [
            _change(changes, line, rec, set(editions))
            for line, rec in read_table(changes, CHANGE_COLUMNS)
        ]
        return cls(editions, found)

    @property
    def years(self) -> list[int]:
        """Years of the editions in the file, ascending."""
        return sorted(self._editions)

    def get(self, year: int) -> Edition | None:
        """The edition of a survey year, or None when the file has no row for it."""
        return self._editions.get(year)

    def fiscal_year(self, year: int) -> int:
        """The World Bank fiscal year in force when the survey of a year was published. A year
        without a row (a survey newer than the file) is taken as published after 1 July, as
        every edition since 2016 was: FY(year + 1)."""
        edition = self._editions.get(year)
        return edition.fiscal_year if edition else year + 1

    def between(self, years: list[int], indicators: tuple[str, ...], breaks_only: bool = False):
        """The changes introduced after the first of the given survey years, up to the last,
        that concern any of the indicators."""
        return [
            c
            for c in self.changes
            if years[0] < c.year <= years[-1]
            and c.indicator in indicators
            and (c.is_break or not breaks_only)
        ]

    def breaks_within(
        self, years: list[int], indicators: tuple[str, ...]
    ) -> list[tuple[int, int, list[MethodChange]]]:
        """The breaks a series over these survey years crosses, between each two consecutive
        surveys that have one: (the survey before, the survey after, the breaks)."""
        found = []
        for before, after in pairwise(years):
            changes = [
                c
                for c in self.changes
                if before < c.year <= after and c.is_break and c.indicator in indicators
            ]
            if changes:
                found.append((before, after, changes))
        return found
