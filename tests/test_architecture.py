"""The package's shape: stages that import only earlier stages, functions short enough to
read at once, one-line docstrings on public functions."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MAX_LINES = 60


def _functions():
    for path in sorted((REPO / "report").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield path.relative_to(REPO), node


def test_no_stage_imports_a_later_one():
    # the contracts live in pyproject.toml ([tool.importlinter]); run as CI runs them
    found = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports; "
         "raise SystemExit(lint_imports(no_cache=True, no_logo=True))"],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    assert found.returncode == 0, found.stdout + found.stderr
    assert "2 kept, 0 broken" in found.stdout


def test_no_function_is_longer_than_a_screen():
    long = [
        f"{path}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path, node in _functions()
        if node.end_lineno - node.lineno + 1 > MAX_LINES
    ]
    assert long == []


def _public_functions():
    """Module-level functions and the methods of public classes, not starting with '_'."""
    for path in sorted((REPO / "report").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            members = node.body if isinstance(node, ast.ClassDef) else [node]
            if isinstance(node, ast.ClassDef) and node.name.startswith("_"):
                continue
            for item in members:
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("_"):
                    yield path.relative_to(REPO), item


def test_public_functions_say_what_they_do():
    missing = [
        f"{path}:{node.lineno} {node.name}"
        for path, node in _public_functions()
        if not ast.get_docstring(node)
    ]
    assert missing == []


def test_the_readme_has_a_line_for_every_module():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    modules = [
        p.relative_to(REPO).as_posix()
        for p in sorted((REPO / "report").rglob("*.py"))
        if p.name not in ("__init__.py", "__main__.py")
    ]
    assert [m for m in modules if f"- `{m}`:" not in readme] == []
