"""The data directory: the panel, the country table, income groups, errata and provenance."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import warnings
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import pandas as pd

from report import interrupts
from report.data import paths, storage
from report.data.countries import CountryTable
from report.data.csvio import csv_bytes, read_table
from report.data.editions import Editions
from report.data.income import IncomeGroup, IncomeHistory
from report.data.project import UserGroup
from report.errors import InputError, ReportError, os_problem, shown

INDICATORS = ("egdi", "osi", "hci", "tii", "epi")
COMPONENTS = ("osi", "hci", "tii")
PANEL_COLUMNS = ("iso3", "year", "rank", *INDICATORS)
ERRATA_COLUMNS = ("year", "iso3", "indicator", "value", "note")

PANEL_FILE = "egdi.csv"
_PANEL_VALUE = re.compile(r"\d\.\d{5}")  # as panel_bytes writes them
_PANEL_RANK = re.compile(r"\d{1,3}|")  # blank: not assessed
COUNTRIES_FILE = "countries.csv"
INCOME_FILE = "income.csv"
ERRATA_FILE = "errata.csv"
PROVENANCE_FILE = "provenance.json"

# One panel row as stored: rank ('' where the UN gives none) and five 5-decimal strings.
PanelKey = tuple[str, int]
PanelValues = tuple[str, str, str, str, str, str]


def sha256_of(path: Path) -> str:
    """SHA-256 of a file's bytes, as hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_panel(path: Path) -> dict[PanelKey, PanelValues]:
    """Read data/egdi.csv as text values keyed by (ISO3, year); a missing file is empty."""
    if storage.absent(path):
        return {}
    panel: dict[PanelKey, PanelValues] = {}
    for line, rec in read_table(path, PANEL_COLUMNS):
        if not rec["year"].isdigit():
            raise InputError(path, line, f"bad year {rec['year']!r}")
        if not _PANEL_RANK.fullmatch(rec["rank"]):
            raise InputError(path, line, f"bad rank {rec['rank']!r}")
        cut = next((c for c in INDICATORS if not _PANEL_VALUE.fullmatch(rec[c])), None)
        if cut:  # the panel holds five decimals: anything else was cut or edited by hand
            raise InputError(path, line, f"{cut}: {rec[cut]!r} is not a value of five decimals")
        key = (rec["iso3"], int(rec["year"]))
        if key in panel:
            raise InputError(path, line, f"{key[0]} {key[1]} appears twice")
        panel[key] = tuple(rec[c] for c in PANEL_COLUMNS[2:])  # type: ignore[assignment]
    return panel


def panel_bytes(panel: dict[PanelKey, PanelValues]) -> bytes:
    """The panel as CSV, sorted by survey year then ISO3 (a new survey appends at the end)."""
    keys = sorted(panel, key=lambda key: (key[1], key[0]))
    return csv_bytes(PANEL_COLUMNS, ([iso3, year, *panel[(iso3, year)]] for iso3, year in keys))


@dataclass(frozen=True)
class Erratum:
    """A known oddity of a source file, accepted when loading with a warning."""

    year: int
    iso3: str
    indicator: str
    value: str
    note: str


def read_errata(path: Path) -> dict[tuple[int, str, str], Erratum]:
    """Read data/errata.csv keyed by (year, ISO3, indicator); a missing file is empty."""
    if not path.exists():
        return {}
    errata = {}
    for line, rec in read_table(path, ERRATA_COLUMNS):
        if rec["indicator"] not in INDICATORS:
            raise InputError(path, line, f"unknown indicator {rec['indicator']!r}")
        if not rec["year"].isdigit():
            raise InputError(path, line, f"bad year {rec['year']!r}")
        erratum = Erratum(
            int(rec["year"]), rec["iso3"], rec["indicator"], rec["value"], rec["note"]
        )
        errata[(erratum.year, erratum.iso3, erratum.indicator)] = erratum
    return errata


def read_provenance(path: Path) -> dict:
    """Read data/provenance.json; a missing file gives an empty record."""
    if storage.absent(path):
        return {}
    try:
        provenance = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, RecursionError) as exc:  # JSON errors, bad UTF-8, absurd numbers
        line = getattr(exc, "lineno", None)
        problem = "nested too deeply" if isinstance(exc, RecursionError) else exc
        raise InputError(path, line, f"not valid JSON ({problem})") from None
    problem = _provenance_shape(provenance)
    if problem:
        raise InputError(path, None, f"{problem}; restore it from the repository or a backup")
    return provenance


def _record_problem(record: object, what: str) -> str | None:
    if not isinstance(record, dict):
        return f"{what} is not an object"
    for key in ("file", "sha256"):
        if not isinstance(record.get(key), str):
            return f"{what} has no text '{key}'"
    years = record.get("survey_years", [])
    if not (isinstance(years, list) and all(type(y) is int for y in years)):
        return f"{what}: 'survey_years' is not a list of years"
    return None


def _provenance_shape(provenance: object) -> str | None:
    """What is wrong with the shape of a provenance record (None: nothing)."""
    if not isinstance(provenance, dict):
        return "expected a JSON object with 'panel', 'income' and 'panel_sources'"
    for key, name in (("panel", PANEL_FILE), ("income", INCOME_FILE)):
        if key in provenance and (problem := _record_problem(provenance[key], f"'{key}'")):
            return problem
        if key in provenance and provenance[key]["file"] != name:
            return f"'{key}' names {provenance[key]['file']!r}, not {name!r}"
    sources = provenance.get("panel_sources", [])
    if not isinstance(sources, list):
        return "'panel_sources' is not a list"
    for number, source in enumerate(sources, start=1):
        if problem := _record_problem(source, f"'panel_sources' entry {number}"):
            return problem
    return None


def provenance_bytes(provenance: dict) -> bytes:
    """Provenance as stable JSON text: sorted keys, two-space indent, final newline."""
    return (json.dumps(provenance, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


class DataIntegrityWarning(UserWarning):
    """A data file no longer matches the SHA-256 recorded in its provenance."""


def provenance_mismatches(data_dir: Path, provenance: dict) -> list[str]:
    """The data files (panel, income) whose bytes differ from the SHA-256 in provenance."""
    mismatches = []
    for key, name in (("panel", PANEL_FILE), ("income", INCOME_FILE)):
        record = provenance.get(key)
        path = data_dir / name
        if record and path.exists() and record.get("sha256") != sha256_of(path):
            mismatches.append(
                f"{path} does not match the SHA-256 in {PROVENANCE_FILE}: changed since "
                "'egdi ingest' wrote it, so documents may not show the recorded sources"
            )
    return mismatches


def panel_frame(panel: dict[PanelKey, PanelValues]) -> pd.DataFrame:
    """The panel as a DataFrame: numbers as floats, rank as a nullable integer."""
    keys = sorted(panel, key=lambda key: (key[1], key[0]))
    frame = pd.DataFrame(
        [[iso3, year, *panel[(iso3, year)]] for iso3, year in keys], columns=PANEL_COLUMNS
    )
    frame["year"] = frame["year"].astype("int64")
    frame["rank"] = pd.to_numeric(frame["rank"].replace("", None)).astype("Int64")
    for column in INDICATORS:
        frame[column] = frame[column].astype("float64")
    return frame


@dataclass
class Dataset:
    """Everything the documents are computed from, loaded from one data directory."""

    data_dir: Path
    panel: pd.DataFrame
    countries: CountryTable
    income: IncomeHistory
    provenance: dict
    editions: Editions
    fingerprint: str = ""  # of every file of data_dir, as they were read
    groups: tuple[UserGroup, ...] = ()  # a user's own groups (report/build/project.py)

    def with_groups(self, groups: tuple[UserGroup, ...]) -> Dataset:
        """The same data with a user's groups added."""
        return replace(self, groups=tuple(groups)) if groups else self

    def user_group(self, key: str) -> UserGroup | None:
        """A user's group by its key, or None."""
        return next((g for g in self.groups if g.key == key), None)

    @cached_property
    def years(self) -> list[int]:
        """Survey years in the panel, ascending."""
        return sorted(int(y) for y in self.panel["year"].unique())

    @property
    def latest_year(self) -> int:
        """The most recent survey year."""
        return self.years[-1]

    def check_year(self, year: int | None) -> int:
        """The given survey year (default: the latest), checked against the panel."""
        if year is None:
            return self.latest_year
        if year not in self.years:
            known = ", ".join(str(y) for y in self.years)
            raise ReportError(f"no survey year {year} in the data (known: {known})")
        return year

    def fiscal_year(self, year: int) -> int:
        """The World Bank fiscal year in force when the survey of a year was published."""
        return self.editions.fiscal_year(year)

    def income_for(self, iso3: str, year: int) -> IncomeGroup:
        """A country's income group as a document for a survey year states it."""
        return self.income.in_fiscal_year(iso3, self.fiscal_year(year))

    def year_frame(self, year: int, assessed_only: bool = True) -> pd.DataFrame:
        """Rows of one survey year; by default only countries the UN assessed (with a rank)."""
        rows = self.panel[self.panel["year"] == year]
        if assessed_only:
            rows = rows[rows["rank"].notna()]
        return rows.set_index("iso3")

    def country_frame(self, iso3: str) -> pd.DataFrame:
        """All survey years of one country, ascending."""
        rows = self.panel[self.panel["iso3"] == iso3]
        return rows.set_index("year").sort_index()


def check_data_dir(data_dir: Path) -> None:
    """Raise a one-line error unless data_dir is a directory (saying why it is not)."""
    try:
        if Path(data_dir).is_dir():
            return
        Path(data_dir).stat()
    except OSError as exc:
        problem = (
            "no such data directory (create one with 'egdi init DIR')"
            if exc.errno == errno.ENOENT
            else os_problem(exc)
        )
        raise ReportError(f"{shown(data_dir)}: {problem}") from None
    raise ReportError(f"{shown(data_dir)}: a file, not a data directory")


def _recover(data_dir: Path) -> None:
    """Complete the commit of an ingest killed after its commit point, and remove what one
    killed earlier left, where the directory can be written (it waits for a running ingest)."""
    journals, temporaries = storage.leftovers(data_dir)
    writable = os.access(data_dir, os.W_OK) and not paths.is_installed_copy(data_dir)
    if journals or (temporaries and writable):
        with storage.locked(data_dir):
            storage.recover(data_dir)


def load_dataset(data_dir: Path) -> Dataset:
    """Load a data directory (see data/README.md for its files)."""
    data_dir = Path(data_dir)
    check_data_dir(data_dir)
    _recover(data_dir)
    with storage.locked(data_dir, shared=True):  # no ingest changes it while it is read
        return _load(data_dir)


def _load(data_dir: Path) -> Dataset:
    if storage.absent(data_dir / COUNTRIES_FILE):
        raise ReportError(
            f"{shown(data_dir)}: not a data directory (no {COUNTRIES_FILE}); "
            "create one with 'egdi init DIR'"
        )
    panel = read_panel(data_dir / PANEL_FILE)
    if not panel:
        raise ReportError(f"{data_dir / PANEL_FILE}: no survey data; run 'egdi ingest' first")
    provenance = read_provenance(data_dir / PROVENANCE_FILE)
    if not provenance:
        warnings.warn(
            f"{data_dir / PROVENANCE_FILE}: missing, so documents cannot name their sources; "
            "restore it, or ingest the exports again",
            DataIntegrityWarning,
            stacklevel=2,
        )
    for mismatch in provenance_mismatches(data_dir, provenance):
        warnings.warn(mismatch, DataIntegrityWarning, stacklevel=2)
    return Dataset(
        data_dir=data_dir,
        panel=panel_frame(panel),
        countries=CountryTable.from_csv(data_dir / COUNTRIES_FILE),
        income=IncomeHistory.from_csv(data_dir / INCOME_FILE),
        provenance=provenance,
        editions=Editions.in_dir(data_dir),
        fingerprint=storage.hash_tree(data_dir),
    )


def init_data_dir(target: Path, source: Path | None = None) -> list[Path]:
    """Copy a data directory (default: the shipped one) to a new, writable place; the copy
    is made beside the target and renamed into place whole."""
    source = Path(source) if source else paths.shipped_data_dir()
    target = Path(target)
    check_data_dir(source)
    if not (source / COUNTRIES_FILE).exists():
        raise ReportError(f"{shown(source)}: not a data directory (no {COUNTRIES_FILE})")
    _check_new_dir(target)
    if Path(os.path.realpath(target)).is_relative_to(os.path.realpath(source)):
        raise ReportError(
            f"{shown(target)}: inside the data directory it would copy ({shown(source)}); "
            "choose a directory outside it"
        )
    _recover(source)  # a commit a killed ingest left is completed before it is copied
    _copy_whole(source, target)
    return sorted(p for p in target.rglob("*") if p.is_file())


def _check_new_dir(target: Path) -> None:
    """A new directory can be made at target: nothing there but an empty directory, and no
    file where a parent directory should be."""
    if target.is_symlink():
        raise ReportError(f"{shown(target)}: a symbolic link; give the new directory itself")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ReportError(f"{shown(target)}: exists and is not empty; choose a new directory")
    parent = Path(os.path.abspath(target)).parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise ReportError(f"{shown(parent)}: a file, where {shown(target)} needs a directory")


def _copy_whole(source: Path, target: Path) -> None:
    import shutil
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        with storage.locked(source, shared=True):
            try:
                shutil.copytree(
                    source,
                    scratch,
                    dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".*", "*.bak"),
                )
            except shutil.Error as exc:  # every file that failed, with why: say the first
                first, _, why = exc.args[0][0]
                raise ReportError(f"{shown(first)}: cannot be copied ({why})") from None
        interrupts.check()
        if target.exists():
            target.rmdir()
        scratch.chmod(0o777 & ~storage.umask())
        scratch.rename(target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
