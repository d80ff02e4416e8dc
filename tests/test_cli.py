"""The command line: every command documented, common options, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LATEST

from report.cli.app import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_commands_are_registered():
    assert COMMANDS == [
        "analysis",
        "audit",
        "brief",
        "build",
        "changes",
        "country",
        "ingest",
        "ingest-income",
        "init",
        "new",
        "site",
        "stats",
        "supplement",
        "validate",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command):
    assert f"egdi {command}" in README


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "new"])  # new reads no data
def test_every_command_takes_data_dir(cli, command):
    assert "--data-dir" in cli(command, "--help").stdout


def test_data_dir_from_the_environment(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("EGDI_DATA_DIR", str(tmp_path / "elsewhere"))
    result = cli("validate")
    assert result.exit_code == 2
    assert str(tmp_path / "elsewhere") in result.stderr


def test_unknown_country_and_year(cli, tmp_path):
    result = cli("brief", "Kazakstan", "--out", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: unknown country 'Kazakstan' (use an ISO3 code; close names: Kazakhstan"
    )
    result = cli("brief", "KAZ", "--year", "2021", "--out", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no survey year 2021 in the data (known: 2003, ")
    assert not any(tmp_path.iterdir())


def test_build_writes_the_default_documents(cli, tmp_path):
    result = cli("build", "--out", tmp_path, "--lang", "kk")
    assert result.exit_code == 0, result.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.pdf")) == [
        f"kk/analysis-KAZ-cis-{LATEST}.pdf", f"kk/brief-KAZ-{LATEST}.pdf",
    ]  # fmt: skip


def test_errors_print_no_traceback_as_a_real_process(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "report", "ingest", "--data-dir", tmp_path, "missing.csv"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_the_cli_and_the_build_stage_keep_functions_short():
    # the command line stays a thin skin over report/build, and neither grows long functions
    import ast

    package = Path(__file__).resolve().parent.parent / "report"
    long = []
    for path in sorted([*(package / "cli").glob("*.py"), *(package / "build").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > 50:
                    long.append(f"{path.name}:{node.lineno} {node.name} ({length} lines)")
    assert long == []
