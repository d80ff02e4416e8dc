"""Taking in UN Data Center exports (and the World Bank income history) into a data directory.

Nothing is written unless every input file is valid; re-ingesting a file already in the
panel changes no byte.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from report import interrupts
from report.data import paths, storage
from report.data.countries import CountryTable
from report.data.csvio import HashedInput, csv_bytes, table_rows
from report.data.dataset import (
    COUNTRIES_FILE,
    ERRATA_FILE,
    INCOME_FILE,
    INDICATORS,
    PANEL_FILE,
    PROVENANCE_FILE,
    Erratum,
    PanelKey,
    PanelValues,
    check_data_dir,
    panel_bytes,
    provenance_bytes,
    read_errata,
    read_panel,
    read_provenance,
)
from report.data.editions import Editions
from report.data.income import INCOME_COLUMNS, read_oghist
from report.data.storage import atomic_write_many
from report.errors import InputError, InputErrors, ReportError, shown

UN_PUBLISHER = (
    "UN DESA, Division for Public Institutions and Digital Government: "
    "UN E-Government Knowledgebase, Data Center"
)
WB_PUBLISHER = "World Bank: Historical classification by income (OGHIST)"

# The UN Data Center layout: column title -> panel field.
UN_COLUMNS = {
    "Survey Year": "year",
    "Country Name": "name",
    "E-Government Rank": "rank",
    "E-Government Index": "egdi",
    "E-Participation Index": "epi",
    "Online Service Index": "osi",
    "Human Capital Index": "hci",
    "Telecommunication Infrastructure Index": "tii",
}
IDENTITY_TOLERANCE = Decimal("0.001")
BACKUP_SUFFIX = ".bak"
# A UN export has one row per country and survey year: about 200 a year. A file far beyond
# that is not an export, and reading on would only cost memory and time.
STOP_CHECK_ROWS = 10_000  # a stop signal is acted on between rows this far apart
MAX_EXPORT_ROWS = 50_000
MAX_ERRORS_LISTED = 20
MAX_RANK = 1000  # 193 member states are ranked; a larger "rank" is a damaged value
_FIVE_PLACES = Decimal("0.00001")
_NOISE = Decimal("1e-9")  # XLSX floats carry binary noise far below the fifth decimal


@dataclass(frozen=True)
class ExportRow:
    """One validated row of an export, values as 5-decimal text."""

    line: int
    iso3: str
    year: int
    values: PanelValues


@dataclass
class Export:
    """A validated export file."""

    path: Path
    sha256: str
    size: int
    rows: list[ExportRow]
    warnings: list[str] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        """Survey years the file holds."""
        return sorted({row.year for row in self.rows})


def _number(text: str, what: str, path: Path, line: int) -> Decimal:
    raw = text.strip()
    if raw == "":
        raise InputError(path, line, f"{what}: missing value")
    if "," in raw and "." not in raw:
        raise InputError(path, line, f"{what}: {raw!r} has a decimal comma; expected a point")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise InputError(path, line, f"{what}: {raw!r} is not a number") from None
    if not number.is_finite():
        raise InputError(path, line, f"{what}: {raw!r} is not a number")
    return number


def _index_value(text: str, what: str, path: Path, line: int) -> Decimal:
    number = _number(text, what, path, line)
    if abs(number) >= 10:
        return number  # far outside [0, 1], which the caller reports (and too big to round)
    rounded = number.quantize(_FIVE_PLACES)
    if abs(rounded - number) > _NOISE:
        raise InputError(path, line, f"{what}: {text.strip()!r} has more than 5 decimals")
    return rounded


def _rank(text: str, path: Path, line: int) -> str:
    if text.strip() == "":
        return ""
    number = _number(text, "E-Government Rank", path, line)
    if number != number.to_integral_value() or not 1 <= number <= MAX_RANK:
        raise InputError(path, line, f"E-Government Rank: {text.strip()!r} is not a rank (1, 2, …)")
    return str(int(number))


def _year(text: str, path: Path, line: int) -> int:
    raw = text.strip()
    number = _number(raw, "Survey Year", path, line)
    if number != number.to_integral_value() or not 2000 <= number <= 2100:
        raise InputError(path, line, f"Survey Year: {raw!r} is not a survey year")
    return int(number)


def _header_columns(path: Path, line: int, header: list[str]) -> dict[str, int]:
    names = [name.strip() for name in header]
    positions = {name: i for i, name in enumerate(names) if name in UN_COLUMNS}
    missing = [name for name in UN_COLUMNS if name not in positions]
    if missing:
        unexpected = [name for name in names if name not in UN_COLUMNS]
        found = f" (found instead: {', '.join(repr(n) for n in unexpected)})" if unexpected else ""
        raise InputError(path, line, f"missing column(s) {', '.join(missing)}{found}")
    repeated = [name for name, count in Counter(names).items() if count > 1 and name in UN_COLUMNS]
    if repeated:
        raise InputError(path, line, f"column {repeated[0]!r} appears twice")
    return positions


def read_export(
    path: Path, countries: CountryTable, errata: dict[tuple[int, str, str], Erratum]
) -> Export:
    """Read and validate one UN Data Center export (CSV or XLSX); raise InputErrors. The file
    is read once (a pipe will do) and streamed: memory stays bounded however large it is."""
    path = Path(path)
    with HashedInput(path) as source:
        export = _validated_rows(path, table_rows(source), countries, errata)
        export.sha256, export.size = source.sha256, source.size
    return export


def _validated_rows(
    path: Path, rows: Iterator[tuple[int, list[str]]], countries: CountryTable, errata
) -> Export:
    first = next(rows, None)
    if first is None:
        raise InputError(path, 1, "the file is empty")
    header_line, header = first
    columns = _header_columns(path, header_line, header)
    errors: list[InputError] = []
    problems = 0
    export = Export(path, "", 0, [])
    seen: dict[PanelKey, int] = {}
    for count, (line, cells) in enumerate(rows, start=1):
        if count % STOP_CHECK_ROWS == 0:
            interrupts.check()
        if count > MAX_EXPORT_ROWS:
            raise InputError(
                path,
                line,
                f"more than {MAX_EXPORT_ROWS} data rows: a UN Data Center export has one row "
                "per country and survey year",
            )
        try:
            row, notes = _export_row(path, line, cells, columns, countries, errata, seen)
        except InputError as error:
            problems += 1
            if len(errors) < MAX_ERRORS_LISTED:
                errors.append(error)
            continue
        export.rows.append(row)
        export.warnings.extend(notes)
    if not export.rows and not errors:
        errors.append(InputError(path, header_line + 1, "no data rows after the header"))
    if problems > len(errors):
        more = problems - len(errors)
        errors.append(InputError(path, None, f"{more} more problems not listed"))
    if errors:
        raise InputErrors(errors)
    return export


def _export_row(
    path: Path,
    line: int,
    cells: list[str],
    columns: dict[str, int],
    countries: CountryTable,
    errata: dict[tuple[int, str, str], Erratum],
    seen: dict[PanelKey, int],
) -> tuple[ExportRow, list[str]]:
    """Validate one data row; return it with the notes of any errata it relies on."""
    if len(cells) <= max(columns.values()):
        raise InputError(path, line, f"expected {len(columns)} fields, found {len(cells)}")
    cell = {title: cells[index] for title, index in columns.items()}
    if cell["Country Name"].strip() == "Country Name":
        raise InputError(path, line, "the header line is repeated")
    name = cell["Country Name"].strip()
    iso3 = countries.iso3_for_name(name)
    if iso3 is None:
        close = countries.close_names(name)
        hint = f"; close names (not applied): {', '.join(close)}" if close else ""
        raise InputError(path, line, f"unknown country name {name!r}{hint}")
    year = _year(cell["Survey Year"], path, line)
    if (iso3, year) in seen:
        raise InputError(
            path,
            line,
            f"{name!r} ({iso3}) {year} appears again (first on line {seen[(iso3, year)]})",
        )
    seen[(iso3, year)] = line
    rank = _rank(cell["E-Government Rank"], path, line)
    values: dict[str, Decimal] = {}
    notes: list[str] = []
    for title, column in UN_COLUMNS.items():
        if column not in INDICATORS:
            continue
        value = _index_value(cell[title], title, path, line)
        if value < 0:
            raise InputError(path, line, f"{title}: {value} is negative")
        if value > 1:
            erratum = errata.get((year, iso3, column))
            if erratum is None or Decimal(erratum.value) != value:
                raise InputError(path, line, f"{title}: {value} is above 1 (indices lie in [0, 1])")
            notes.append(
                f"{path}:{line}: accepted erratum {iso3} {year} {column} = {value} "
                f"({erratum.note}; listed in {ERRATA_FILE})"
            )
        values[column] = value
    row = ExportRow(line, iso3, year, (rank, *(f"{values[c]:.5f}" for c in INDICATORS)))
    return row, notes


@dataclass
class IngestResult:
    """What an ingest read, changed and noticed; the CLI prints it."""

    exports: list[Export]
    added: dict[int, int] = field(default_factory=dict)  # year -> rows added
    unchanged: int = 0
    revisions: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    new_years: list[int] = field(default_factory=list)
    missing: dict[int, list[str]] = field(default_factory=dict)  # year -> ISO3 not in panel
    identity: dict[int, tuple[int, int]] = field(default_factory=dict)  # year -> (rows, EGDI=0)
    warnings: list[str] = field(default_factory=list)
    contributing: list[Export] = field(default_factory=list)  # exports that added or revised
    undescribed: list[int] = field(default_factory=list)  # new years without a surveys.csv row
    written: bool = False
    rows_total: int = 0
    backup: Path | None = None  # the previous panel, kept when a new one is written

    @property
    def changed(self) -> bool:
        """Whether the panel differs from before."""
        return bool(self.added or self.revisions)


def identity_gaps(rows: list[ExportRow]) -> dict[int, tuple[int, int]]:
    """Per year: rows whose EGDI differs from (OSI+HCI+TII)/3 by more than 0.001, and how
    many of those have EGDI = 0 (early surveys give 0 to countries with no online presence)."""
    gaps: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        egdi, osi, hci, tii = (Decimal(v) for v in row.values[1:5])
        if abs(egdi - (osi + hci + tii) / 3) > IDENTITY_TOLERANCE:
            gaps[row.year][0] += 1
            gaps[row.year][1] += egdi == 0
    return {year: (count, zeros) for year, (count, zeros) in sorted(gaps.items())}


def _check_writable_data_dir(data_dir: Path) -> None:
    check_data_dir(data_dir)
    if paths.is_installed_copy(data_dir):
        raise ReportError(
            f"{data_dir}: this is the data shipped inside the installed package; "
            "copy it with 'egdi init DIR' and pass --data-dir DIR"
        )
    if not (data_dir / COUNTRIES_FILE).exists():
        raise ReportError(
            f"{data_dir}: not a data directory (no {COUNTRIES_FILE}); "
            "create one with 'egdi init DIR'"
        )


def merge(
    panel: dict[PanelKey, PanelValues], exports: list[Export], members: list[str]
) -> tuple[dict[PanelKey, PanelValues], IngestResult]:
    """Merge validated exports into a panel; report what is added, revised and missing."""
    result = IngestResult(exports=exports)
    # (ISO3, year) -> (values, index of the export that brings them, its line)
    incoming: dict[PanelKey, tuple[PanelValues, int, int]] = {}
    conflicts: list[InputError] = []
    for index, export in enumerate(exports):
        for row in export.rows:
            key = (row.iso3, row.year)
            earlier = incoming.get(key)
            if earlier and earlier[0] != row.values:
                where = f"{exports[earlier[1]].path}:{earlier[2]}"
                conflicts.append(
                    InputError(export.path, row.line, f"{row.iso3} {row.year} differs from {where}")
                )
            incoming[key] = (row.values, index, row.line)
    if conflicts:
        raise InputErrors(conflicts)

    old_years = {year for _, year in panel}
    merged = dict(panel)
    contributors: set[int] = set()
    for key, (values, index, _) in sorted(incoming.items(), key=lambda i: (i[0][1], i[0][0])):
        iso3, year = key
        old = panel.get(key)
        if old is None:
            result.added[year] = result.added.get(year, 0) + 1
            contributors.add(index)
        elif old == values:
            result.unchanged += 1
            continue
        else:
            for column, before, after in zip(("rank", *INDICATORS), old, values, strict=True):
                if before != after:
                    result.revisions.append((year, iso3, column, before, after))
            contributors.add(index)
        merged[key] = values

    incoming_years = sorted({year for _, year in incoming})
    result.new_years = [year for year in incoming_years if year not in old_years]
    for year in incoming_years:
        present = {iso3 for iso3, y in merged if y == year}
        absent = [iso3 for iso3 in members if iso3 not in present]
        if absent:
            result.missing[year] = absent
    result.identity = identity_gaps([row for export in exports for row in export.rows])
    result.warnings = [note for export in exports for note in export.warnings]
    result.rows_total = len(merged)
    result.contributing = [exports[index] for index in sorted(contributors)]
    return merged, result


def backup_path(path: Path) -> Path:
    """Where an ingest keeps the previous version of a data file: egdi.csv -> egdi.csv.bak."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def _write_with_backup(
    path: Path, content: bytes, provenance_path: Path, provenance: dict
) -> Path | None:
    """Replace a data file and the provenance record together, keeping the previous data
    file as a backup; return the backup's path (None for a new file)."""
    files = {path: content, provenance_path: provenance_bytes(provenance)}
    backup = backup_path(path) if path.exists() else None
    if backup:
        files = {backup: path.read_bytes(), **files}
    atomic_write_many(files)
    return backup


def _source_record(export: Export) -> dict:
    return {
        "file": shown(export.path.name),
        "sha256": export.sha256,
        "bytes": export.size,
        "rows": len(export.rows),
        "survey_years": export.years,
        "publisher": UN_PUBLISHER,
    }


def ingest(files: list[Path], data_dir: Path, dry_run: bool = False) -> IngestResult:
    """Validate UN Data Center exports and merge them into the data directory's panel; one
    writer at a time, after completing what an interrupted run left (storage.recover)."""
    data_dir = Path(data_dir)
    _check_writable_data_dir(data_dir)
    with storage.locked(data_dir):
        storage.recover(data_dir)
        return _ingest(files, data_dir, dry_run)


def _ingest(files: list[Path], data_dir: Path, dry_run: bool) -> IngestResult:
    countries = CountryTable.from_csv(data_dir / COUNTRIES_FILE)
    errata = read_errata(data_dir / ERRATA_FILE)
    panel_path = data_dir / PANEL_FILE
    panel = read_panel(panel_path)
    unknown = sorted({iso3 for iso3, _ in panel} - set(countries.iso3_codes))
    if unknown:
        raise InputError(panel_path, None, f"ISO3 codes not in {COUNTRIES_FILE}: {unknown}")

    exports: list[Export] = []
    errors: list[InputError] = []
    for file in files:
        try:
            exports.append(read_export(Path(file), countries, errata))
        except InputErrors as many:
            errors.extend(many.errors)
        except InputError as one:
            errors.append(one)
    if errors:
        raise InputErrors(errors)

    merged, result = merge(panel, exports, countries.iso3_codes)
    editions = Editions.in_dir(data_dir)
    result.undescribed = [year for year in result.new_years if editions.get(year) is None]
    if dry_run or not result.changed:
        return result

    new_panel = panel_bytes(merged)
    provenance_path = data_dir / PROVENANCE_FILE
    provenance = read_provenance(provenance_path)
    sources = {(s["file"], s["sha256"]): s for s in provenance.get("panel_sources", [])}
    for export in result.contributing:
        sources[(export.path.name, export.sha256)] = _source_record(export)
    provenance["panel_sources"] = sorted(
        sources.values(), key=lambda s: (s["survey_years"], s["file"], s["sha256"])
    )
    provenance["panel"] = {
        "file": PANEL_FILE,
        "sha256": hashlib.sha256(new_panel).hexdigest(),
        "rows": len(merged),
        "survey_years": sorted({year for _, year in merged}),
    }
    result.backup = _write_with_backup(panel_path, new_panel, provenance_path, provenance)
    result.written = True
    return result


@dataclass
class IncomeIngestResult:
    """What an income-history ingest changed."""

    rows: int
    fiscal_years: tuple[int, int]
    new_fiscal_years: list[int]
    changed_cells: int
    written: bool
    backup: Path | None = None  # the previous income.csv, kept when a new one is written


def ingest_income(file: Path, data_dir: Path) -> IncomeIngestResult:
    """Take the World Bank OGHIST history (XLSX or its CSV export) into data/income.csv."""
    data_dir = Path(data_dir)
    _check_writable_data_dir(data_dir)
    with storage.locked(data_dir):
        storage.recover(data_dir)
        return _ingest_income(Path(file), data_dir)


def _ingest_income(file: Path, data_dir: Path) -> IncomeIngestResult:
    from report.data.income import IncomeHistory

    countries = CountryTable.from_csv(data_dir / COUNTRIES_FILE)
    with HashedInput(file) as source:
        codes = read_oghist(source, set(countries.iso3_codes))
        file_sha256, file_size = source.sha256, source.size
    rows = sorted((iso3, fy, code) for (iso3, fy), code in codes.items())
    income_path = data_dir / INCOME_FILE
    old = IncomeHistory.from_csv(income_path).rows() if income_path.exists() else []
    old_codes = {(iso3, fy): code for iso3, fy, code in old}
    old_years = {fy for _, fy, _ in old}
    years = sorted({fy for _, fy, _ in rows})
    result = IncomeIngestResult(
        rows=len(rows),
        fiscal_years=(years[0], years[-1]),
        new_fiscal_years=[fy for fy in years if fy not in old_years],
        changed_cells=sum(
            1 for (iso3, fy), code in codes.items() if old_codes.get((iso3, fy), code) != code
        ),
        written=False,
    )
    content = csv_bytes(INCOME_COLUMNS, rows)
    if income_path.exists() and income_path.read_bytes() == content:
        return result
    provenance_path = data_dir / PROVENANCE_FILE
    provenance = read_provenance(provenance_path)
    provenance["income"] = {
        "file": INCOME_FILE,
        "sha256": hashlib.sha256(content).hexdigest(),
        "rows": len(rows),
        "source": {
            "file": shown(file.name),
            "sha256": file_sha256,
            "bytes": file_size,
            "fiscal_years": [years[0], years[-1]],
            "publisher": WB_PUBLISHER,
        },
    }
    result.backup = _write_with_backup(income_path, content, provenance_path, provenance)
    result.written = True
    return result
