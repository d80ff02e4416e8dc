"""The journal supplement: S-numbered tables, typeset formulas, reproducibility, the audit.

Its tables also go out as CSV (one file a table) and as one XLSX workbook (a sheet a
table, numbers as numbers, headers in the document's language)."""

from __future__ import annotations

import hashlib
import io
import platform
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from itertools import combinations
from pathlib import Path

import pandas as pd

from report import __version__
from report.compute.audit import ClaimsFile, audit
from report.compute.indicators import change, describe, egdi_group, pearson, rating_classes
from report.compute.selection import group as country_group
from report.data.csvio import csv_bytes
from report.data.dataset import (
    COUNTRIES_FILE,
    ERRATA_FILE,
    INCOME_FILE,
    INDICATORS,
    PANEL_FILE,
    Dataset,
    sha256_of,
)
from report.data.editions import METHOD_CHANGES_FILE, SURVEYS_FILE
from report.errors import ReportError
from report.layout.context import article_formulas, sources
from report.words.edition_notes import income_note, method_notes
from report.words.narrative import COMPONENT_NAMES, survey_title
from report.words.text import Text

LIBRARIES = ("babel", "jinja2", "matplotlib", "numpy", "openpyxl", "pandas", "pyyaml", "weasyprint")


@dataclass(frozen=True)
class Column:
    """A table column: its heading and how its values print (text, integer or n digits)."""

    heading: str
    digits: int | None = None  # None: text; 0: integer; n: decimal places
    percent: bool = False


@dataclass(frozen=True)
class Table:
    """An S-numbered table, with its values as Python numbers and strings."""

    number: str  # S1, S2, ...
    title: str
    columns: list[Column]
    rows: list[list[object]]
    flags: list[str] | None = None  # a CSS class per row (the audit marks mismatches)


def _leaders_and_group(ds: Dataset, year: int, group_name: str):
    leaders = country_group(ds, year, "VH")
    members = country_group(ds, year, group_name)
    frame = ds.year_frame(year)
    return leaders, members, frame


def supplement_tables(
    ds: Dataset, claims: ClaimsFile, focus: str, group_name: str, year: int, since: int, text: Text
) -> list[Table]:
    """The tables S1 to S6 of the supplement."""
    leaders, members, frame = _leaders_and_group(ds, year, group_name)
    if focus not in members.members:
        raise ReportError(f"{focus} is not a member of {group_name!r} in {year}")
    classes = rating_classes(frame["egdi"])
    group_label = text.set_label(group_name)
    names = {c: COMPONENT_NAMES[c] for c in INDICATORS}
    tables = []

    # ties (two countries at rank 5 in 2022) in ISO3 order: a set's order changes per process
    used = sorted(
        set(leaders.members) | set(members.members), key=lambda i: (frame.loc[i, "rank"], i)
    )
    leader_label, member_label = text.gettext("leader"), group_label
    tables.append(
        Table(
            "S1",
            text.gettext(
                "Data used: the leaders (VH rating class) and %(group)s, %(year)s",
                group=text.set_in_text(group_name),
                year=year,
            ),
            [
                Column("ISO3"),
                Column(text.gettext("Country")),
                Column(text.gettext("Set")),
                Column(text.gettext("Rank"), 0),
                *(Column(names[c], 4) for c in INDICATORS),
                Column(text.gettext("Rating class")),
                Column(text.gettext("Income group")),
            ],
            [
                [
                    iso3,
                    ds.countries.name(iso3, text.lang),
                    ", ".join(
                        label
                        for label, found in (
                            (leader_label, iso3 in leaders.members),
                            (member_label, iso3 in members.members),
                        )
                        if found
                    ),
                    int(frame.loc[iso3, "rank"]),
                    *(float(frame.loc[iso3, c]) for c in INDICATORS),
                    classes[iso3],
                    text.income_group_short(ds.income_for(iso3, year).code),
                ]
                for iso3 in used
            ],
        )
    )

    leader_rows = frame.loc[leaders.members]
    tables.append(
        Table(
            "S2",
            text.ngettext(
                "Descriptive statistics of the %(num)d leader (formulas 1 and 2)",
                "Descriptive statistics of the %(num)d leaders (formulas 1 and 2)",
                len(leader_rows),
            ),
            [
                Column(text.gettext("Index")),
                Column("n", 0),
                Column(text.gettext("Mean"), 4),
                Column(text.gettext("SD (population)"), 4),
                Column(text.gettext("SD (sample)"), 4),
                Column(text.gettext("Median"), 4),
                Column(text.gettext("Minimum"), 4),
                Column(text.gettext("Maximum"), 4),
            ],
            [
                [names[c], d.n, d.mean, d.sd, d.sd_sample, d.median, d.min, d.max]
                for c, d in ((c, describe(leader_rows[c])) for c in INDICATORS)
            ],
        )
    )

    rows = []
    for x, y in combinations(INDICATORS, 2):
        result = pearson(list(leader_rows[x]), list(leader_rows[y]))
        rows.append([names[x], names[y], result.r, result.p, result.n])
    tables.append(
        Table(
            "S3",
            text.gettext(
                "Pearson correlations among the leaders, with two-sided p-values (formula 3)"
            ),
            [Column("x"), Column("y"), Column("r", 3), Column("p", 4), Column("n", 0)],
            rows,
        )
    )

    group_rows = frame.loc[members.members].sort_values(["rank", "egdi"], ascending=[True, False])
    order = ("egdi", "osi", "tii", "hci")
    group_table_rows = [
        [
            ds.countries.name(i, text.lang),
            int(r["rank"]),
            *(float(r[c]) for c in order),
            text.egdi_group_short(egdi_group(float(r["egdi"]))),
            text.income_group_short(ds.income_for(i, year).code),
        ]
        for i, r in group_rows.iterrows()
    ]
    group_table_rows.append(
        [
            text.gettext("Group mean"),
            None,
            *(float(group_rows[c].mean()) for c in order),
            None,
            None,
        ]
    )
    tables.append(
        Table(
            "S4",
            text.gettext(
                "Countries of %(group)s with the group means (formulas 4 to 7), %(year)s",
                group=text.set_in_text(group_name),
                year=year,
            ),
            [
                Column(text.gettext("Country")),
                Column(text.gettext("Rank"), 0),
                *(Column(names[c], 4) for c in order),
                Column(text.gettext("EGDI group")),
                Column(text.gettext("Income group")),
            ],
            group_table_rows,
        )
    )

    series = ds.country_frame(focus)
    assessed = [
        y for y in ds.years if y <= year and y in series.index and pd.notna(series.loc[y, "rank"])
    ]
    start = next((y for y in assessed if y >= since), assessed[0])
    dynamics = []
    for c in INDICATORS:
        moved = change(float(series.loc[start, c]), float(series.loc[year, c]), year - start)
        dynamics.append(
            [names[c], moved.before, moved.after, moved.abs, moved.pct, moved.annual_growth]
        )
    tables.append(
        Table(
            "S5",
            text.gettext(
                "%(country)s: changes from %(from)s to %(to)s",
                country=ds.countries.name(focus, text.lang),
                **{"from": start, "to": year},
            ),
            [
                Column(text.gettext("Index")),
                Column(str(start), 4),
                Column(str(year), 4),
                Column(text.gettext("Change"), 4),
                Column(text.gettext("Change, %%"), 1, True),
                Column(text.gettext("Average annual growth, %%"), 2, True),
            ],
            dynamics,
        )
    )

    result = audit(ds, claims)
    statuses = {
        "match": text.gettext("match"),
        "mismatch": text.gettext("mismatch"),
        "error": text.gettext("error"),
    }
    audit_rows = []
    for claim in result["claims"]:
        where = "; ".join(f"{k}: {v}" for k, v in claim["where"].items())
        if claim["status"] == "error":
            recomputed = claim["message"]
        elif "decimals" in claim:
            recomputed = text.number(claim["computed_at_printed_precision"], claim["decimals"])
        else:
            recomputed = _category(ds, text, claim["statistic"], claim["computed"])
        audit_rows.append(
            [
                claim["id"],
                where,
                claim["printed"],
                recomputed,
                statuses[claim["status"]],
                claim.get("error"),
            ]
        )
    tables.append(
        Table(
            "S6",
            text.gettext("Audit of the published figures: %(file)s", file=claims.path.name),
            [
                Column(text.gettext("Claim")),
                Column(text.gettext("Where")),
                Column(text.gettext("Printed")),
                Column(text.gettext("Recomputed")),
                Column(text.gettext("Status")),
                Column(text.gettext("Error"), 4),
            ],
            audit_rows,
            flags=[claim["status"] for claim in result["claims"]],
        )
    )
    return tables


def _category(ds: Dataset, text: Text, statistic: str, code: str | None) -> str:
    """A recomputed category as a reader reads it: a group or income label, a country name."""
    if statistic == "egdi_group" and code:
        return text.egdi_group_short(code)
    if statistic == "income_group":
        return text.income_group_short(code)
    if statistic == "top" and code in ds.countries:
        return ds.countries.name(code, text.lang)
    return str(code)


def library_versions() -> list[tuple[str, str]]:
    """The Python version and the versions of the libraries the documents depend on."""
    found = [("Python", platform.python_version()), ("egdi-report", __version__)]
    for name in LIBRARIES:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, "-"))
    return found


def input_files(ds: Dataset, claims: ClaimsFile) -> list[tuple[str, str]]:
    """(file, SHA-256) of every input: the data directory's files, their sources, the claims."""
    files = [(p.get("file"), p.get("sha256")) for p in ds.provenance.get("panel_sources", [])]
    income_source = ds.provenance.get("income", {}).get("source")
    if income_source:
        files.append((income_source["file"], income_source["sha256"]))
    for name in (
        PANEL_FILE,
        COUNTRIES_FILE,
        INCOME_FILE,
        ERRATA_FILE,
        SURVEYS_FILE,
        METHOD_CHANGES_FILE,
    ):
        path = ds.data_dir / name
        if path.exists():
            files.append((f"data/{name}", sha256_of(path)))
    files.append((claims.path.name, hashlib.sha256(claims.path.read_bytes()).hexdigest()))
    return files


def format_cell(text: Text, column: Column, value: object) -> str:
    """A value as the PDF prints it."""
    if value is None:
        return "–"
    if column.digits is None:
        return str(value)
    if column.percent:
        return text.percent(float(value), column.digits, signed=True)
    if column.digits == 0:
        return text.integer(int(value))
    return text.number(float(value), column.digits)


def supplement_context(
    ds: Dataset,
    claims: ClaimsFile,
    tables: list[Table],
    focus: str,
    group_name: str,
    year: int,
    lang: str,
    command: str,
) -> dict:
    """Everything the supplement template shows, around its tables (supplement_tables)."""
    text = Text(lang)
    summary = audit(ds, claims)["summary"]
    covered = [y for y in ds.years if y <= year]
    return {
        "title": text.gettext(
            "Supplementary material: %(country)s and %(group)s in the UN E-Government Survey "
            "%(year)s",
            country=ds.countries.name(focus, lang),
            group=text.set_in_text(group_name),
            year=year,
        ),
        "year": year,
        "tables": [
            {
                "number": t.number,
                "caption": text.gettext("Table %(n)s. %(title)s", n=t.number, title=t.title),
                "headings": [c.heading for c in t.columns],
                "numeric": [c.digits is not None for c in t.columns],
                "rows": [
                    [format_cell(text, c, v) for c, v in zip(t.columns, row, strict=True)]
                    for row in t.rows
                ],
                "flags": t.flags or [""] * len(t.rows),
            }
            for t in tables
        ],
        "formulas": article_formulas(),
        "audit_summary": text.gettext(
            "%(match)s of %(total)s claims match the recomputed values; %(mismatch)s do not and "
            "%(error)s could not be computed.",
            total=sum(summary.values()),
            **summary,
        ),
        "inputs": input_files(ds, claims),
        "versions": library_versions(),
        "command": command,
        "income_note": income_note(ds, year, text),
        "method": method_notes(ds, covered, text),
        "sources": sources(ds, covered, text),
        "survey_title": survey_title(text, ds.editions.get(year), year),
    }


def xlsx_bytes(tables: list[Table], year: int) -> bytes:
    """One workbook, a sheet per table: numbers as numbers, reproducible to the byte."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.number)
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append([c.heading for c in table.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text from a claims file stays text, never a formula
        for index, column in enumerate(table.columns, start=1):
            if column.digits:
                number_format = "0." + "0" * column.digits
                for row in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
                    row[0].number_format = number_format
    # Dates inside the file come from the data, not the clock.
    stamp = datetime(year, 1, 1)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "egdi-report"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _stable_zip(buffer.getvalue(), stamp)


def _stable_zip(data: bytes, stamp: datetime) -> bytes:
    """Rewrite an XLSX archive with fixed entry dates and the given modification date (openpyxl
    stamps the time of saving), so the same content gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    modified = f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp:%Y-%m-%dT%H:%M:%SZ}'
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb'<dcterms:modified xsi:type="dcterms:W3CDTF">[^<]*',
                    modified.encode(),
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return output.getvalue()


def table_files(
    tables: list[Table], csv_dir: Path, xlsx_path: Path, year: int
) -> dict[Path, bytes]:
    """The tables as CSV files (numbers with a decimal point) and as one XLSX workbook, by path."""
    files = {
        csv_dir / f"{table.number}.csv": csv_bytes([c.heading for c in table.columns], table.rows)
        for table in tables
    }
    files[xlsx_path] = xlsx_bytes(tables, year)
    return files
