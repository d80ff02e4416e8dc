"""The command reference in README.md, generated from egdi --help so that the two never drift.

python -m report.cli.reference README.md           rewrite the reference (make reference)
python -m report.cli.reference --check README.md   exit status 1 if it is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer.main

from report.cli.app import app

BEGIN = "<!-- reference: generated from egdi --help by `make reference`; do not edit -->"
END = "<!-- end of reference -->"
WIDTH = 80  # the help as an 80-column terminal shows it


def help_text(*names: str) -> str:
    """The help of egdi, or of one of its commands, as an 80-column terminal shows it."""
    group = typer.main.get_command(app)
    context = group.make_context("egdi", [], resilient_parsing=True, terminal_width=WIDTH)
    command = group
    for name in names:
        command = group.get_command(context, name)
        context = command.make_context(
            name, [], parent=context, resilient_parsing=True, terminal_width=WIDTH
        )
    return command.get_help(context)


def commands() -> list[str]:
    """Every command of egdi, in the order of egdi --help."""
    group = typer.main.get_command(app)
    return group.list_commands(group.make_context("egdi", [], resilient_parsing=True))


def reference() -> str:
    """The reference: egdi --help, then each command's, as Markdown."""
    parts = [BEGIN, "", "```text", "$ egdi --help", help_text(), "```"]
    for name in commands():
        parts += ["", f"#### `egdi {name}`", "", "```text", f"$ egdi {name} --help"]
        parts += [help_text(name), "```"]
    return "\n".join([*parts, "", END])


def updated(readme: str) -> str:
    """The README's text with its reference regenerated (between BEGIN and END)."""
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"README.md: no reference markers ({BEGIN!r} … {END!r})")
    return readme[:start] + reference() + readme[end + len(END) :]


def main(argv: list[str]) -> int:
    """Rewrite the README's reference, or with --check say whether it is up to date."""
    check = "--check" in argv
    path = Path(next((a for a in argv if a != "--check"), "README.md"))
    text = path.read_text(encoding="utf-8")
    new = updated(text)
    if check:
        if new != text:
            print(f"{path}: the command reference is out of date; run make reference")
            return 1
        return 0
    if new != text:
        path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
