"""Shared fixtures: the shipped data, scratch copies, the UN export fixtures, the CLI."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from report.cli.app import app
from report.data import paths
from report.data.dataset import load_dataset

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
UN_EXPORTS = sorted((FIXTURES / "un").glob("EGOV_DATA_*.csv"))
OGHIST_XLSX = FIXTURES / "wb" / "OGHIST_2025_10_07.xlsx"
OGHIST_CSV = FIXTURES / "wb" / "OGHIST_2025_10_07_country_analytical_history.csv"
SHARED_RAW = TESTS.parent.parent / "shared" / "data" / "raw"
SURVEY_YEARS = [2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024]
LATEST = SURVEY_YEARS[-1]  # the latest survey in the shipped data
NEXT = LATEST + 2  # a survey year not in the data yet, for simulated refreshes


SNAPSHOTS = TESTS / "snapshots"


def pytest_addoption(parser):
    parser.addoption(
        "--snapshot-update",
        action="store_true",
        help="rewrite tests/snapshots/*.json from the current output (then read the diff)",
    )


@pytest.fixture
def snapshot(request):
    """Compare data with tests/snapshots/<name>.json, or rewrite it with --snapshot-update."""

    def check(name: str, data) -> None:
        import json

        path = SNAPSHOTS / f"{name}.json"
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if request.config.getoption("--snapshot-update"):
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"no snapshot {path.name}: run pytest --snapshot-update"
        expected = json.loads(path.read_text(encoding="utf-8"))
        assert json.loads(text) == expected, f"{path.name} differs: read it, then --snapshot-update"

    return check


def un_export(year: int) -> Path:
    """The byte-for-byte copy of the UN Data Center export of a survey year."""
    return FIXTURES / "un" / f"EGOV_DATA_{year}.csv"


def charts_pdf(svgs: list[str], lang: str = "en") -> bytes:
    """A PDF of one chart per page, 16 cm wide, as documents place them."""
    from report.render import pdf

    image = '<div style="break-after: page"><img alt="chart" style="width: 16cm" src="{}"></div>'
    pages = "".join(image.format(pdf.chart_url(s)) for s in svgs)
    return pdf.pdf_bytes(f'<html lang="{lang}"><body>{pages}</body></html>')


def tree_digest(directory: Path) -> dict[str, str]:
    """SHA-256 of every file under a directory, by relative path."""
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session")
def shipped() -> Path:
    """The data directory that ships with the project."""
    return paths.shipped_data_dir()


@pytest.fixture(scope="session")
def dataset(shipped):
    """The shipped data, loaded once."""
    return load_dataset(shipped)


@pytest.fixture
def data_copy(tmp_path, shipped) -> Path:
    """A writable copy of the shipped data directory."""
    target = tmp_path / "data"
    shutil.copytree(shipped, target)
    return target


@pytest.fixture
def empty_data(tmp_path, shipped) -> Path:
    """A data directory with the reference tables but no survey data yet."""
    target = tmp_path / "fresh"
    target.mkdir()
    for name in ("countries.csv", "errata.csv", "surveys.csv", "method_changes.csv"):
        shutil.copy(shipped / name, target / name)
    return target


class Cli:
    """Runs the egdi command in-process and keeps stdout, stderr and the exit status."""

    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args: str | Path):
        result = self.runner.invoke(app, [str(a) for a in args], prog_name="egdi")
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result


@pytest.fixture
def cli() -> Cli:
    """The egdi command line, in-process."""
    return Cli()
