"""An installed (non-editable) package finds its templates, catalogs and shipped data."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the project's wheel installed (dependencies borrowed)."""
    root = tmp_path_factory.mktemp("install")
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                "--quiet", "-w", root / "wheel", REPO)  # fmt: skip
    assert built.returncode == 0, built.stderr
    wheel = next((root / "wheel").glob("egdi_report-*.whl"))
    venv = root / "venv"
    assert run(sys.executable, "-m", "venv", venv).returncode == 0
    site = next((venv / "lib").glob("python*/site-packages"))
    # The dependencies come from this environment's site-packages, added as a plain path: its
    # own .pth files (among them the editable install of this checkout) are not executed.
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = run(venv / "bin" / "python", "-m", "pip", "install", "--no-deps", "--no-index",
                    "--quiet", wheel)  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    return venv


def test_the_wheel_carries_both_licences(installed):
    (meta,) = installed.rglob("egdi_report-*.dist-info")
    text = (meta / "licenses" / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in text and "ParaType Free Font License" in text
    assert (meta / "licenses" / "templates" / "fonts" / "LICENSE-ParaType.txt").is_file()


def test_the_package_is_imported_from_the_wheel(installed, tmp_path):
    where = run(installed / "bin" / "python", "-c", "import report; print(report.__file__)",
                cwd=tmp_path)  # fmt: skip
    assert where.stdout.startswith(str(installed)), where.stdout + where.stderr


def test_installed_command_builds_a_brief_and_validates(installed, tmp_path):
    egdi = installed / "bin" / "egdi"
    brief = run(egdi, "brief", "KAZ", "--lang", "kk", "--out", tmp_path / "out", cwd=tmp_path)
    assert brief.returncode == 0, brief.stderr
    assert (tmp_path / "out" / "kk" / "brief-KAZ-2024.pdf").stat().st_size > 10_000
    validate = run(egdi, "validate", cwd=tmp_path)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert "_share/data" in validate.stdout


def test_installed_data_is_read_only_and_init_copies_it(installed, tmp_path):
    egdi = installed / "bin" / "egdi"
    export = REPO / "tests" / "fixtures" / "un" / "EGOV_DATA_2022.csv"
    refused = run(egdi, "ingest", export, cwd=tmp_path)
    assert refused.returncode == 2
    assert "egdi init DIR" in refused.stderr
    assert run(egdi, "init", tmp_path / "mine", cwd=tmp_path).returncode == 0
    again = run(egdi, "ingest", "--data-dir", tmp_path / "mine", export, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "unchanged" in again.stdout


def test_installed_catalogs_are_compiled_and_no_po_is_read(installed, tmp_path):
    # The wheel carries every catalog compiled to .mo by hatch_build.py, and the program reads
    # only those: with the .po files taken out of the installed copy, briefs are still written.
    site = next((installed / "lib").glob("python*/site-packages"))
    locales = site / "report" / "_share" / "locales"
    for lang in ("ru", "kk", "en"):
        assert (locales / lang / "LC_MESSAGES" / "messages.mo").stat().st_size > 10_000, lang
    for po_path in locales.glob("*/LC_MESSAGES/messages.po"):
        po_path.unlink()
    egdi = installed / "bin" / "egdi"
    brief = run(egdi, "brief", "KAZ", "--lang", "ru,kk,en", "--out", tmp_path / "out", cwd=tmp_path)
    assert brief.returncode == 0, brief.stderr
    for lang in ("ru", "kk", "en"):
        assert (tmp_path / "out" / lang / "brief-KAZ-2024.pdf").stat().st_size > 10_000, lang
