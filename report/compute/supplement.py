"""The facts of a journal supplement: the study, the audit of a claims file, and what
reproduces it (the input files with their SHA-256, the library versions)."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata

from report import __version__
from report.compute import DYNAMICS_SINCE
from report.compute.audit import ClaimsFile, audit
from report.compute.facts import DataFile, Notes, notes
from report.compute.study import StudyFacts, study_facts
from report.data.dataset import (
    COUNTRIES_FILE,
    ERRATA_FILE,
    INCOME_FILE,
    PANEL_FILE,
    Dataset,
    sha256_of,
)
from report.data.editions import METHOD_CHANGES_FILE, SURVEYS_FILE
from report.errors import shown

LIBRARIES = ("babel", "jinja2", "matplotlib", "numpy", "openpyxl", "pandas", "pyyaml", "weasyprint")


@dataclass(frozen=True)
class SupplementFacts:
    """The study behind a supplement, the audit of its claims and its inputs."""

    study: StudyFacts
    notes: Notes  # over the surveys the tables use (the dynamics' first and the year)
    claims_file: str
    article: tuple[tuple[str, str], ...]  # the audited article: (title|authors|journal|doi, text)
    audit: dict  # the result of compute.audit.audit (egdi audit --json)
    inputs: tuple[DataFile, ...]
    panel_years: tuple[int, ...]  # every survey in data/egdi.csv, used here or not
    versions: tuple[tuple[str, str], ...]


def library_versions() -> tuple[tuple[str, str], ...]:
    """The Python version and the versions of the libraries the documents depend on."""
    found = [("Python", platform.python_version()), ("egdi-report", __version__)]
    for name in LIBRARIES:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, "-"))
    return tuple(found)


def input_files(ds: Dataset, claims: ClaimsFile) -> tuple[DataFile, ...]:
    """Every input: the data directory's files, their sources and the claims file."""
    files = [
        DataFile(p.get("file"), p.get("sha256")) for p in ds.provenance.get("panel_sources", [])
    ]
    income_source = ds.provenance.get("income", {}).get("source")
    if income_source:
        files.append(DataFile(income_source["file"], income_source["sha256"]))
    names = (
        PANEL_FILE,
        COUNTRIES_FILE,
        INCOME_FILE,
        ERRATA_FILE,
        SURVEYS_FILE,
        METHOD_CHANGES_FILE,
    )
    for name in names:
        path = ds.data_dir / name
        if path.exists():
            files.append(DataFile(f"data/{name}", sha256_of(path)))
    files.append(DataFile(shown(claims.path.name), claims.sha256))
    return tuple(files)


def supplement_facts(
    ds: Dataset,
    claims: ClaimsFile,
    focus: str,
    group_key: str,
    year: int,
    since: int = DYNAMICS_SINCE,
) -> SupplementFacts:
    """The facts of the supplement of a study, with the audit of a claims file (run once)."""
    study = study_facts(ds, focus, group_key, year, since)
    span = study.dynamics.span
    covered = sorted({span[0], span[-1]})  # the surveys its tables use: S5's two, the year's
    return SupplementFacts(
        study=study,
        notes=notes(ds, covered, covered),
        claims_file=shown(claims.path.name),
        article=claims.article,
        audit=audit(ds, claims),
        inputs=input_files(ds, claims),
        panel_years=tuple(ds.years),
        versions=library_versions(),
    )
