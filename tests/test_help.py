"""The help: examples in every command, no Python types, the README's reference generated."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer.main

from report.cli import reference
from report.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = reference.commands()


def examples(text: str) -> list[list[str]]:
    """The example command lines of a help text (after 'Example:' or 'Examples:')."""
    found = []
    for block in re.split(r"\n\s*Examples?:\n", text)[1:]:
        for line in block.lstrip("\n").split("\n\n", 1)[0].splitlines():
            for part in line.strip().split(" && "):
                words = shlex.split(part.split("  ")[0])  # two spaces: a comment follows
                if words and words[0] == "egdi":
                    found.append(words[1:])
    return found


def test_the_readme_reference_is_generated_from_the_help():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert reference.updated(readme) == readme, "run make reference"


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_has_examples_and_no_python_types(command):
    text = reference.help_text(*([command] if command else []))
    assert examples(text), f"egdi {command} --help has no example"
    assert not re.search(r"<(bool|str|int|path|list\[str\])>", text), text
    assert max(len(line) for line in text.splitlines()) <= reference.WIDTH


def test_commands_are_listed_by_use():
    text = reference.help_text()
    sections = re.findall(r"^(\w+):$", text, flags=re.MULTILINE)
    assert sections == ["Usage", "Options", "Documents", "Tables", "Data"] or sections == [
        "Options", "Documents", "Tables", "Data"
    ]  # fmt: skip
    listed = re.findall(r"^  ([a-z-]+)  +\S", text.split("Documents:")[1], flags=re.MULTILINE)
    assert listed == COMMANDS
    assert sorted(listed) == sorted(c.name or c.callback.__name__ for c in app.registered_commands)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_example_is_a_valid_command_line(command):
    group = typer.main.get_command(app)
    for args in examples(reference.help_text(*([command] if command else []))):
        while args and args[0].startswith("--"):  # global options (--config FILE)
            args = args[2:]
        if args[0] == "COMMAND":
            continue
        sub = group.get_command(group.make_context("egdi", [args[0]]), args[0])
        assert sub is not None, args
        sub.make_context(args[0], args[1:])  # raises on an unknown option or a bad value


@pytest.mark.parametrize(
    "args",
    [
        ["stats", "--group", "cis"],
        ["stats", "--countries", "Kazakhstan,Estonia,KOR"],
        ["country", "Казахстан", "--lang", "kk"],
        ["country", "KAZ", "--from", "2008", "--to", "2016"],
        ["changes", "2016", "2024", "--top", "5", "--countries", "KAZ,UZB"],
        ["audit"],
        ["audit", "--problems", "--lang", "ru"],
    ],
)
def test_table_examples_run(cli, args):
    assert args in examples(reference.help_text(args[0])), "keep this list to the help's examples"
    result = cli(*args)
    assert result.exit_code in (0, 1), result.stderr  # audit: 1, the article has mismatches
    assert result.stdout.strip()


@pytest.mark.parametrize(
    ("args", "warning"),
    [
        (["brief", "KAZ", "--peers", "oecd", "--json"], "--peers is deprecated"),
        (["analysis", "--focus", "UZB", "--json"], "--focus is deprecated"),
    ],
)
def test_old_spellings_work_with_a_deprecation_note(cli, args, warning):
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"warning: {warning}")
    assert result.stdout.lstrip().startswith(("[", "{"))


def test_old_and_new_spelling_together_is_an_error(cli):
    result = cli("brief", "KAZ", "--peers", "oecd", "--group", "cis", "--json")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "error: give --group or --peers, not both"


def test_new_spellings_give_what_the_old_ones_gave(cli):
    old = cli("analysis", "--focus", "UZB", "--group", "central_asia", "--json").stdout
    new = cli("analysis", "UZB", "--group", "central_asia", "--json").stdout
    assert old == new and '"focus": "UZB"' in new
    assert (
        cli("brief", "KAZ", "--group", "oecd", "--json").stdout
        == cli("brief", "KAZ", "--peers", "oecd", "--json").stdout
    )


def test_several_focus_countries_give_one_analysis_each(cli):
    import json

    facts = json.loads(cli("analysis", "KAZ", "UZB", "--group", "cis", "--json").stdout)
    assert [f["focus"] for f in facts] == ["KAZ", "UZB"]
