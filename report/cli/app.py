"""The egdi command: a thin layer over the library; see README.md for every command."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import re
import sys
import traceback
import warnings
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperCommand, TyperGroup

try:  # recent typer carries its own copy of click
    from typer._click import exceptions as click_errors
except ImportError:
    from click import exceptions as click_errors

from report import __version__, interrupts
from report.compute import DYNAMICS_SINCE
from report.data import paths
from report.errors import InputErrors, ReportError, os_error_line, shown

# The commands as egdi --help lists them: by use, documents first.
SECTIONS = (
    ("Documents", ("build", "brief", "analysis", "supplement", "site", "new")),
    ("Tables", ("stats", "country", "changes", "audit")),
    ("Data", ("ingest", "ingest-income", "init", "validate")),
)


class _Commands(TyperGroup):
    """The egdi group: every way a command ends goes through finish() (one line, one exit
    status), stop signals are deferred to safe points (report/interrupts.py)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        args = list(sys.argv[1:] if args is None else args)

        def invoke():
            _refuse_empty(args)
            return super(_Commands, self).main(
                args, prog_name, complete_var, standalone_mode=False, **extra
            )

        code = finish(invoke)
        if standalone_mode:
            sys.exit(code)
        return code

    def list_commands(self, ctx) -> list[str]:
        listed = [name for _, names in SECTIONS for name in names if name in self.commands]
        return listed + [name for name in self.commands if name not in listed]

    def format_commands(self, ctx, formatter) -> None:
        """The commands in sections by use, each with its whole one-line description."""
        width = max(len(name) for name in self.commands)
        for title, names in SECTIONS:
            rows = [
                (name.ljust(width), self.commands[name].get_short_help_str(formatter.width))
                for name in names
                if name in self.commands and not self.commands[name].hidden
            ]
            with formatter.section(title):
                formatter.write_dl(rows)


class _Command(TyperCommand):
    """A command whose help names its arguments without Python types ('COUNTRY', not
    '<list[str]>'), as its options are named with a metavar."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        """[OPTIONS] and the arguments as click writes them: COUNTRY, [FROM], [COUNTRY]..."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = param.metavar or param.name.upper()
                name = name if param.required else f"[{name}]"
                pieces.append(name + ("..." if param.nargs != 1 else ""))
        return pieces

    def format_options(self, ctx, formatter) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                arguments.append((param.metavar or param.name.upper(), param.help or ""))
            elif (record := param.get_help_record(ctx)) is not None:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def command(name: str | None = None, short: str = ""):
    """A command of egdi, with its one line for egdi --help."""
    return app.command(name, cls=_Command, short_help=short)


COUNTRY_HELP = (
    "ISO3 code or name: as the UN writes it, as the documents write it in Russian or Kazakh "
    "(Казахстан), or in common use (Russia)."
)
COUNTRIES_HELP = (
    "ISO3 codes or names: as the UN writes them, as the documents write them in Russian or "
    "Kazakh (Казахстан), or in common use (UK)."
)
GROUP_HELP = (
    "The countries compared with (default: cis): a named group (cis, oecd, region:..., "
    "income:UM, as in egdi stats), a group defined in the project file (egdi.toml), or a list "
    "(EST,KOR,SGP)."
)

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar=paths.DATA_DIR_ENV,
        metavar="DIR",
        help="Data directory (default: the project's, else the shipped data/).",
        show_default=False,
    ),
]
Languages = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANGS",
        help="Languages, comma-separated (default: the project's, else ru,kk,en).",
        show_default=False,
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        metavar="N",
        help="Worker processes for --all (default: the CPU count).",
        show_default=False,
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Rebuild every document, changed or not.")]
Formats = Annotated[
    str | None,
    typer.Option(
        "--formats",
        metavar="FORMATS",
        help="What to write, comma-separated: pdf, html, svg, png, csv, json, xlsx, zip, or "
        "all (default: the project's; without a project: pdf, a supplement also csv,xlsx).",
        show_default=False,
    ),
]
CsvSeparator = Annotated[
    str | None,
    typer.Option(
        "--csv-separator",
        metavar="SEP",
        help="Separator of the CSV files: ',' (default) or ';', which also writes decimal "
        "commas, as Excel reads them in Russian and Kazakh settings.",
        show_default=False,
    ),
]
OutDir = Annotated[
    Path | None,
    typer.Option(
        "--out",
        metavar="DIR",
        help="Output directory (default: the project's, else out).",
        show_default=False,
    ),
]
Year = Annotated[
    int | None,
    typer.Option(
        "--year", metavar="YEAR", help="Survey year (default: the latest).", show_default=False
    ),
]
Since = Annotated[
    int,
    typer.Option(
        "--since",
        metavar="YEAR",
        help="First survey of the dynamics section, the focus country over time (default: 2016).",
        show_default=False,
    ),
]
Group = Annotated[str | None, typer.Option("--group", metavar="GROUP", help=GROUP_HELP)]
Focus = Annotated[  # the old spelling of an analysis's or a supplement's country
    str | None,
    typer.Option("--focus", metavar="COUNTRY", help="Former name of COUNTRY (deprecated)."),
]
FactsJson = Annotated[
    bool,
    typer.Option(
        "--json",
        help="Print the document's facts as JSON (numbers, codes, years; keys in README.md) "
        "instead of writing it.",
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Machine-readable JSON (keys in README.md).")]
Language = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="Language of the tables: ru, kk or en (default: the project's first, else en).",
        show_default=False,
    ),
]
Width = Annotated[
    int | None,
    typer.Option(
        "--width",
        metavar="COLUMNS",
        help="Width of the tables, 40 or more (default: the terminal's; 80 in a pipe or a log).",
        show_default=False,
    ),
]

DEBUG_ENV = "EGDI_DEBUG"
EXIT_PROBLEMS = 1  # ran, and found problems
EXIT_ERROR = 2  # could not run: bad input or request
EXIT_PIPE_CLOSED = 1  # the reader of the output went away (as click has it)
EXIT_INTERRUPTED = interrupts.EXIT_STATUS  # Ctrl-C (or SIGTERM), as shells report it
INTERRUPTED = interrupts.MESSAGE
STDOUT = "<stdout>"


def _err(message: str) -> None:
    """One line on stderr; where there is no stderr (closed, full), the exit status says it."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        print(shown(message), file=sys.stderr, flush=True)


_debug = False  # set by --debug for the command being run


def _debugging() -> bool:
    return _debug or bool(os.environ.get(DEBUG_ENV))


def _warning_line(message, category, filename, lineno, file=None, line=None) -> None:
    _err(f"warning: {message}")


class _Notes(logging.Handler):
    """The library's notes (a commit completed, a lock waited for) as 'note:' lines."""

    def emit(self, record: logging.LogRecord) -> None:
        _err(f"note: {record.getMessage()}")


def _show_notes() -> None:
    logger = logging.getLogger("egdi")
    if not any(isinstance(h, _Notes) for h in logger.handlers):
        logger.addHandler(_Notes())
    logger.setLevel(logging.INFO)
    logger.propagate = False
    # matplotlib's own notes (a cache directory it could not write) are not the user's
    logging.getLogger("matplotlib").setLevel(logging.ERROR)


def finish(invoke) -> int:
    """Run a command and return its exit status; every failure it knows becomes one line on
    stderr, an interruption 130 even where a library swallowed it."""
    _show_notes()
    # no stdout at all (closed with >&-): the output goes nowhere, as the user asked
    stdout, sys.stdout = sys.stdout, _Output(sys.stdout or io.StringIO())
    with interrupts.deferred():
        try:
            interrupts.check()  # a stop asked for while the program was loading
            code = invoke()
            sys.stdout.flush()
        except BaseException as exc:  # sorted out by _failure, which raises bugs again
            code = _failure(exc)
        finally:
            sys.stdout = stdout
    stopped = interrupts.requested() or code == EXIT_INTERRUPTED
    interrupts.reset()  # here, not at the start: a signal before the command still counts
    if stopped:
        _err(INTERRUPTED)
        return EXIT_INTERRUPTED
    return code if isinstance(code, int) else 0


def _failure(exc: BaseException) -> int:
    """The exit status of a command that raised exc, its one line said; unknown errors
    (bugs) are raised again for main() to report."""
    if isinstance(exc, KeyboardInterrupt | typer.Abort):
        return EXIT_INTERRUPTED
    if type(exc).__name__ == "NoArgsIsHelpError":  # 'egdi' alone: the help
        print(exc.format_message())
        return EXIT_ERROR
    if _debugging() and isinstance(exc, ReportError | OSError | click_errors.UsageError):
        traceback.print_exception(exc)
    if isinstance(exc, click_errors.UsageError):
        _err(f"error: {_usage_line(exc)}")
    elif isinstance(exc, ReportError):
        for problem in exc.errors if isinstance(exc, InputErrors) else [exc]:
            _err(f"error: {problem}")
    elif isinstance(exc, BrokenPipeError):
        _silence_stdout()
        return EXIT_PIPE_CLOSED
    elif isinstance(exc, OSError):
        if exc.filename == STDOUT:
            _silence_stdout()
        _err(f"error: {os_error_line(exc)}")
    else:
        raise exc
    return EXIT_ERROR


class _Output:
    """stdout, with its faults said as faults of the output: an OSError names <stdout>, an
    encoding that cannot show the text is a one-line error."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except UnicodeEncodeError:
            encoding = getattr(self._stream, "encoding", "?")
            raise ReportError(
                f"{STDOUT}: its encoding ({encoding}) cannot show this text; use a UTF-8 "
                "locale (LANG=C.UTF-8) or set PYTHONIOENCODING=utf-8"
            ) from None
        except OSError as exc:
            exc.filename = exc.filename or STDOUT
            raise

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            exc.filename = exc.filename or STDOUT
            raise

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _refuse_empty(args: list[str]) -> None:
    """An empty argument ('--out ""') would be taken as the current directory: refuse it."""
    for index, arg in enumerate(args):
        if arg == "" or (arg.startswith("--") and arg.endswith("=")):
            before = args[index - 1] if index and arg == "" else arg.rstrip("=")
            where = f"after {before}" if before.startswith("-") else f"(argument {index + 1})"
            raise ReportError(f"an empty value {where}; give a path, a name or a number")


def _usage_line(exc: click_errors.UsageError) -> str:
    message = "; ".join(line.strip() for line in exc.format_message().splitlines() if line.strip())
    message = message[:1].lower() + message[1:].rstrip(".")
    # recent typer words a bad number as a parser does: say what to give instead
    message = re.sub(r"Input should be a valid integer.*", "give a whole number", message)
    message = re.sub(r"Input should be a valid number.*", "give a number", message)
    command = exc.ctx.command_path if exc.ctx else "egdi"
    return f"{message} (see '{command} --help')"


def _silence_stdout() -> None:
    """Send what is left of the output nowhere, so that the interpreter's last flush of a
    closed or full stdout prints nothing."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


_config: Path | None = None  # set by --config for the command being run


_loaded: list = []  # the project of the command being run, read once


def _project():
    """The project of the command: --config, else ./egdi.toml, else the defaults."""
    from report.build.project import find_project

    if not _loaded:
        _loaded.append(find_project(_config))
    return _loaded[0]


def _data_dir(data_dir: Path | None) -> Path:
    if data_dir is not None:
        return data_dir
    return _project().data_dir or paths.default_data_dir()


def _dataset(data_dir: Path | None):
    """The data directory (--data-dir, else the project's, else the shipped) with the
    project's groups."""
    return _project().dataset(data_dir)


def _dataset_and_year(data_dir: Path | None, year: int | None):
    """Load the data directory and check the survey year (default: the project's, else the
    latest)."""
    ds = _dataset(data_dir)
    return ds, ds.check_year(year or _project().year)


def _languages(lang: str | None) -> list[str]:
    """--lang, else the project's languages."""
    from report.words.text import parse_languages

    return parse_languages(lang) if lang is not None else list(_project().languages)


def _words(ds, lang: str):
    """The text of a language with the project's catalogs and the names of its groups."""
    from report.build.documents import words

    return words(ds, lang, _project().look)


def _out(out: Path | None) -> Path:
    """--out, else the project's output directory."""
    return out if out is not None else _project().out_dir


def _version(value: bool) -> None:
    if value:
        print(f"egdi-report {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", envvar=DEBUG_ENV, help="Show the traceback of an error (for bug reports)."
        ),
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="Project file (default: egdi.toml in the working directory, if there is one).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Publication-ready documents from the UN E-Government Survey data, in Russian, Kazakh
    and English.

    Words common to the commands: COUNTRY is the country a document or a table is about (an
    ISO3 code or a name); --group a set of countries (in a document, the one the country is
    compared with); --lang the language (documents: the languages); --year the survey
    (default: the latest).

    Examples:

    \b
        egdi build                      the default documents, in out/
        egdi brief UZB --lang kk        the Kazakh-language brief on Uzbekistan
        egdi analysis KAZ --group oecd  Kazakhstan compared with OECD countries
        egdi changes 2022 2024          what changed between two surveys
        egdi COMMAND --help             more on one command
    """
    global _debug, _config
    _debug, _config = debug, config
    _loaded.clear()
    warnings.showwarning = _warning_line


def _deprecated(old: str, new: str) -> None:
    """The note that an old spelling still works, and what replaces it."""
    _err(f"warning: {old} is deprecated and will go in a later version; use {new}")


# Documents


@command(short="Build the project's documents, or the default ones.")
def build(
    out: OutDir = None,
    lang: Languages = None,
    all_countries: Annotated[
        bool, typer.Option("--all", help="Also the brief of every country (a world refresh).")
    ] = False,
    jobs: Jobs = None,
    force: Force = False,
    formats: Formats = None,
    csv_separator: CsvSeparator = None,
    data_dir: DataDir = None,
) -> None:
    """Build the project's documents for its survey (default: the latest), in OUT/<lang>/.

    The project is egdi.toml (see egdi new). Without one: the brief of Kazakhstan and the
    analysis of Kazakhstan among the CIS countries, in every format (see --formats).
    Documents whose inputs have not changed are kept; --all adds the brief of every country.

    Examples:

    \b
        egdi build
        egdi build --lang kk --out site
        egdi --config ministry/egdi.toml build --all --jobs 4
    """
    from report.build.project import all_briefs, requests

    project = _project()
    langs, out = _languages(lang), _out(out)
    ds = _dataset(data_dir)
    year = ds.check_year(project.year)
    written = _written(formats, csv_separator, project.formats, project.separator)
    # the HTML editions link to the project's languages, whichever --lang builds now
    wanted = [r for r in _with_outputs(requests(project, ds, year), written) if r.lang in langs]
    _build_each(ds, wanted, out, force)
    if all_countries or all_briefs(project):
        _run_all_briefs(ds, langs, year, out, jobs, force, written, project.languages)


Countries = Annotated[
    list[str] | None, typer.Argument(metavar="COUNTRY", help=COUNTRIES_HELP, show_default=False)
]
Peers = Annotated[
    str | None,
    typer.Option(
        "--group",
        metavar="GROUP",
        help="The peers compared with (default: the CIS for its members, otherwise the "
        "country's region): a named group, a group defined in the project file, or a list "
        "(EST,KOR,SGP).",
    ),
]
OldPeers = Annotated[
    str | None,
    typer.Option("--peers", metavar="GROUP", help="Former name of --group (deprecated)."),
]


@command(short="Write country briefs (PDF), one per country and language.")
def brief(
    countries: Countries = None,
    all_countries: Annotated[
        bool, typer.Option("--all", help="Every country assessed in the survey year.")
    ] = False,
    group: Peers = None,
    peers: OldPeers = None,
    lang: Languages = None,
    year: Year = None,
    jobs: Jobs = None,
    force: Force = False,
    formats: Formats = None,
    csv_separator: CsvSeparator = None,
    out: OutDir = None,
    data_dir: DataDir = None,
    as_json: FactsJson = False,
) -> None:
    """Write country briefs: OUT/<lang>/brief-<ISO3>-<year>.pdf, one per country and language.

    A brief compares the country with its peers; with a --group other than the default, the
    file is brief-<ISO3>-<group>-<year>.pdf. Briefs whose inputs have not changed are kept.

    Examples:

    \b
        egdi brief KAZ
        egdi brief Uzbekistan Kyrgyzstan --lang ru,kk
        egdi brief KAZ --group oecd
        egdi brief --all --jobs 4
        egdi brief KAZ --json
    """
    from report.build.batch import check_jobs
    from report.build.documents import brief_requests

    group = _renamed(peers, "--peers", group, "--group")
    check_jobs(jobs)
    langs, out = _languages(lang), _out(out)
    ds, year = _dataset_and_year(data_dir, year)
    if all_countries:
        if countries or group or as_json:
            raise ReportError("--all builds every country with its default peers; give no list")
        _run_all_briefs(ds, langs, year, out, jobs, force, _written(formats, csv_separator))
        return
    if not countries:
        raise ReportError("give ISO3 codes or country names, or --all")
    requests = brief_requests(ds, countries, year, langs, group)
    if as_json:
        _print_brief_facts(ds, [r.country for r in requests if r.lang == langs[0]], year, group)
        return
    _build_each(ds, _with_outputs(_named(requests), _written(formats, csv_separator)), out, force)


def _renamed(old_value, old: str, value, new: str):
    """The value of an option given under its new or (deprecated) old spelling."""
    if old_value is None:
        return value
    _deprecated(old, new)
    if value is not None:
        raise ReportError(f"give {new} or {old}, not both")
    return old_value


def _focus(command: str, countries: list[str] | None, focus: str | None) -> list[str]:
    """The countries of an analysis or a supplement: the arguments, the old --focus or KAZ."""
    from report.build.request import DEFAULT_FOCUS

    if focus is not None:
        _deprecated("--focus", f"the country as an argument (egdi {command} {focus} …)")
        if countries:
            raise ReportError("give the country as an argument or with --focus, not both")
        return [focus]
    return countries or [DEFAULT_FOCUS]


@command(short="Write the analysis of a country among a group.")
def analysis(
    countries: Annotated[
        list[str] | None,
        typer.Argument(metavar="COUNTRY", help=COUNTRIES_HELP.replace(":", " (default: KAZ):", 1)),
    ] = None,
    group: Group = None,
    year: Year = None,
    since: Since = DYNAMICS_SINCE,
    lang: Languages = None,
    force: Force = False,
    formats: Formats = None,
    csv_separator: CsvSeparator = None,
    out: OutDir = None,
    data_dir: DataDir = None,
    as_json: FactsJson = False,
    focus: Focus = None,
) -> None:
    """Write the comparative analysis of a country among a group (default: the CIS):
    OUT/<lang>/analysis-<ISO3>-<group>-<year>.pdf.

    The country may be outside the group: it is then compared with it, not counted in it.
    With several countries, one analysis is written for each.

    Examples:

    \b
        egdi analysis
        egdi analysis UZB --group central_asia
        egdi analysis KAZ --group EST,KOR,SGP --lang en
        egdi analysis KAZ --group oecd --since 2008 --json
    """
    from report.build.request import DEFAULT_GROUP, DocumentRequest
    from report.compute.facts import as_json as facts_json
    from report.compute.selection import group_key
    from report.compute.study import check_since, study_facts

    langs, out = _languages(lang), _out(out)
    ds, year = _dataset_and_year(data_dir, year)
    codes = [ds.countries.resolve(each) for each in _focus("analysis", countries, focus)]
    for code in codes:
        check_since(ds, code, year, since)
    key = group_key(ds, year, group or DEFAULT_GROUP)
    if as_json:
        facts = [facts_json(study_facts(ds, code, key, year, since)) for code in codes]
        _print_json(facts[0] if len(facts) == 1 else facts)
        return
    requests = [
        DocumentRequest.analysis(code, key, year, each, since) for code in codes for each in langs
    ]
    _build_each(ds, _with_outputs(_named(requests), _written(formats, csv_separator)), out, force)


ClaimsFile = Annotated[
    Path | None,
    typer.Option(
        "--claims",
        metavar="FILE",
        help="Claims file (YAML) (default: claims/egdi-kazakhstan-article.yaml of the data).",
        show_default=False,
    ),
]
ClaimsYear = Annotated[
    int | None,
    typer.Option(
        "--year",
        metavar="YEAR",
        help="Survey year (default: the claims file's, else the latest).",
        show_default=False,
    ),
]


@command(short="Write a journal supplement: PDF, CSV and XLSX tables.")
def supplement(
    countries: Annotated[
        list[str] | None,
        typer.Argument(metavar="COUNTRY", help=COUNTRY_HELP.replace(":", " (default: KAZ):", 1)),
    ] = None,
    claims: ClaimsFile = None,
    group: Group = None,
    year: ClaimsYear = None,
    since: Since = DYNAMICS_SINCE,
    lang: Languages = None,
    force: Force = False,
    formats: Formats = None,
    csv_separator: CsvSeparator = None,
    out: OutDir = None,
    data_dir: DataDir = None,
    focus: Focus = None,
) -> None:
    """Write the journal supplement of an article's claims file: a PDF, its tables as CSV and
    an XLSX workbook per language, in OUT/<lang>/, for a country among a group (default: KAZ
    among the CIS countries) in the survey of the claims (default: the latest).

    Examples:

    \b
        egdi supplement
        egdi supplement --claims article.yaml --lang en
        egdi supplement UZB --group central_asia
    """
    from report.build.documents import supplement_year
    from report.build.request import DEFAULT_GROUP, DocumentRequest
    from report.compute.selection import group_key

    langs, out = _languages(lang), _out(out)
    ds, _ = _dataset_and_year(data_dir, year)
    codes = [ds.countries.resolve(each) for each in _focus("supplement", countries, focus)]
    year = supplement_year(ds, claims, year)
    key = group_key(ds, year, group or DEFAULT_GROUP)
    requests = [
        DocumentRequest.supplement(code, key, year, each, since, claims)
        for code in codes
        for each in langs
    ]
    _build_each(ds, _with_outputs(_named(requests), _written(formats, csv_separator)), out, force)


@command(short="Write the index pages of the documents built into OUT: a static site.")
def site(
    out: Annotated[
        Path | None,
        typer.Argument(
            metavar="OUT",
            help="The output directory of the builds (default: the project's, else out).",
            show_default=False,
        ),
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Write OUT/index.html and, per language, OUT/<lang>/index.html: every brief and
    analysis built into OUT, with links to its HTML edition, PDF and bundle; pages that
    filter them by World Bank region and by EGDI group; a language switch. Plain HTML and
    CSS: it opens from file:// and from any static host.

    Examples:

    \b
        egdi build && egdi site out
        egdi brief --all --formats pdf,html,zip --out web && egdi site web
    """
    from report.build.site import build_site

    target = _out(out)
    for path in build_site(_dataset(data_dir), target):
        print(shown(path))


@command(short="Start a report series: a commented egdi.toml to edit.")
def new(
    directory: Annotated[
        Path, typer.Argument(metavar="DIRECTORY", help="Where to start the project.")
    ],
) -> None:
    """Start a report series: write DIRECTORY/egdi.toml, commented, with the shipped defaults,
    to edit: documents, groups of your own, branding, overrides.

    Example:

    \b
        egdi new ministry
        cd ministry && egdi build
    """
    from report.build.project import new_project

    print(shown(new_project(directory)))


def _named(requests):
    """The requests with the project's file-name patterns."""
    from dataclasses import replace

    project = _project()
    return [replace(r, names=project.names_for(r.kind)) for r in requests]


def _written(
    formats: str | None, separator: str | None, default=(), default_separator: str = ","
) -> tuple[tuple[str, ...], str]:
    """The formats and CSV separator a command writes: its options, else the defaults."""
    from report.build.request import check_separator, parse_formats

    chosen = parse_formats(formats) if formats is not None else tuple(default)
    return chosen, check_separator(separator if separator is not None else default_separator)


def _with_outputs(requests, written: tuple[tuple[str, ...], str]):
    """The requests with what to write (_written); their HTML editions linked across
    languages."""
    from dataclasses import replace

    from report.build.outputs import with_languages

    formats, separator = written
    return with_languages([replace(r, formats=formats, separator=separator) for r in requests])


def _build_each(ds, requests, out: Path, force: bool) -> None:
    """Build the requested documents one after another (those up to date kept unless
    force), printing each file as it is written or found up to date, with progress."""
    from report.build.documents import build_many
    from report.cli.progress import Run

    def written(paths: list[Path], kept: bool) -> None:
        for path in paths[:1] if kept else paths:
            print(f"{shown(path)} (up to date)" if kept else shown(path))
        run.count("kept" if kept else "written")

    with Run(len(requests), "documents", _err) as run:  # progress on stderr, files on stdout
        build_many(ds, requests, out, force, written, _project().look)
    if len(requests) > 1:
        _err(run.summary())


def _print_brief_facts(ds, codes: list[str], year: int, peers: str | None) -> None:
    """The facts of each brief as a JSON array, one object per country."""
    from report.compute.brief import brief_facts
    from report.compute.facts import as_json

    _print_json([as_json(brief_facts(ds, iso3, year, peers)) for iso3 in codes])


def _run_all_briefs(
    ds, langs: list[str], year: int, out: Path, jobs, force: bool, written=((), ","), linked=None
) -> None:
    """Every brief in worker processes, with progress; failures listed, exit status 1."""
    from report.build.batch import brief_tasks, check_jobs, run_batch
    from report.cli.progress import Run

    check_jobs(jobs)  # before the tasks are listed (run_batch checks again, for the library)
    project = _project()
    tasks = brief_tasks(ds, langs, year, project.names_for("brief"), *written, linked)

    def done(outcome) -> None:
        run.count("failed" if outcome.error else "kept" if outcome.skipped else "written")

    with Run(len(tasks), "briefs", _err) as run:
        outcomes = run_batch(ds.data_dir, tasks, out, jobs, force, on_done=done, look=project.look)
    print(f"{run.summary()}, in {shown(out)}")
    failed = [o for o in outcomes if o.error]
    for outcome in sorted(failed, key=lambda o: (o.task.lang, o.task.iso3)):
        _err(f"failed: {outcome.task.lang} {outcome.task.iso3}: {outcome.error}")
    if failed:
        raise typer.Exit(EXIT_PROBLEMS)


# Tables


def _print_json(result: dict | list) -> None:
    from report.render.downloads import finite

    print(json.dumps(finite(result), ensure_ascii=False, indent=2, allow_nan=False))


def _table_language(lang: str | None) -> str:
    """--lang of a table command, else the project's first language, else English."""
    from report.words.text import check_language

    if lang is None:
        return _project().languages[0] if _project().path else "en"
    if "," in lang:
        raise ReportError(f"--lang {lang}: a table is printed in one language; choose one")
    check_language(lang)
    return lang


MIN_WIDTH = 40


def _print_tables(tables, width: int | None) -> None:
    """Tables fitted to the width (--width, else the terminal's), a blank line between them,
    no spaces at the ends of lines."""
    from rich.console import Console

    from report.cli.console import fitted_all

    if width is not None and width < MIN_WIDTH:
        raise ReportError(f"--width {width}: give {MIN_WIDTH} columns or more")
    console = Console(width=width) if width else Console()
    with console.capture() as captured:
        for index, table in enumerate(fitted_all(tables, console)):
            if index:
                console.print()
            console.print(table)
    lines = [line.rstrip() for line in captured.get().splitlines()]
    kept = [line for i, line in enumerate(lines) if line or (i and lines[i - 1])]  # one blank
    print("\n".join(kept).strip("\n"))


SetGroup = Annotated[
    str | None,
    typer.Option(
        "--group",
        metavar="GROUP",
        help="A named group: cis, oecd, a rating class (VH), an EGDI group (very_high), a "
        "region (region:europe_central_asia), an income group (income:UM), a group defined "
        "in the project file, or a list of countries (EST,KOR,SGP).",
    ),
]
SetCountries = Annotated[
    str | None,
    typer.Option(
        "--countries", metavar="LIST", help=COUNTRIES_HELP + " Comma-separated, one or more."
    ),
]


@command(short="Descriptive statistics and correlations for a country set.")
def stats(
    group: SetGroup = None,
    countries: SetCountries = None,
    top: Annotated[
        int | None, typer.Option("--top", metavar="N", help="The N best-ranked countries.")
    ] = None,
    year: Year = None,
    spearman: Annotated[
        bool, typer.Option("--spearman", help="Add Spearman rank correlations.")
    ] = False,
    as_json: Json = False,
    lang: Language = None,
    width: Width = None,
    data_dir: DataDir = None,
) -> None:
    """Descriptive statistics (mean, standard deviations, median, extremes) and Pearson
    correlations of EGDI, OSI, HCI, TII and EPI for a set of countries in one survey: give
    exactly one of --group, --countries or --top.

    Examples:

    \b
        egdi stats --group cis
        egdi stats --group cis --year 2022 --lang ru
        egdi stats --countries Kazakhstan,Estonia,KOR
        egdi stats --top 10 --spearman --json
    """
    from report.cli.console import stats_tables
    from report.compute.stats import set_stats

    lang = _table_language(lang)
    if sum(option is not None for option in (countries, group, top)) != 1:
        raise ReportError("give exactly one of --group, --countries or --top")
    ds, year = _dataset_and_year(data_dir, year)
    result = set_stats(ds, _chosen_set(ds, year, countries, group, top), with_spearman=spearman)
    if as_json:
        _print_json(result)
    else:
        _print_tables(stats_tables(result, _words(ds, lang), ds.countries), width)


def _chosen_set(ds, year: int, countries: str | None, group: str | None, top: int | None):
    """The country set of egdi stats: exactly one of countries, group and top is given."""
    from report.compute import selection

    if countries is not None:
        return selection.explicit(ds, year, countries.split(","))
    if group is not None:
        return selection.group(ds, year, group)
    return selection.top(ds, year, top)


@command(short="A country in every survey: rank, indices, group, class.")
def country(
    name: Annotated[str, typer.Argument(metavar="COUNTRY", help=COUNTRY_HELP)],
    since: Annotated[
        int | None,
        typer.Option("--from", metavar="YEAR", help="First survey shown (default: the first)."),
    ] = None,
    until: Annotated[
        int | None,
        typer.Option("--to", metavar="YEAR", help="Last survey shown (default: the latest)."),
    ] = None,
    as_json: Json = False,
    lang: Language = None,
    width: Width = None,
    data_dir: DataDir = None,
) -> None:
    """A country in every survey: rank, EGDI and its components, EGDI group and rating class,
    and the changes: between consecutive surveys, then from each earlier survey to the last
    one shown. --from and --to show a range of surveys only, and the changes within it.

    Examples:

    \b
        egdi country KAZ
        egdi country Казахстан --lang kk
        egdi country KAZ --from 2008 --to 2016
        egdi country Russia --json
    """
    from report.cli.console import country_tables
    from report.compute.stats import country_profile

    lang = _table_language(lang)
    ds = _dataset(data_dir)
    code = ds.countries.resolve(name)
    result = country_profile(ds, code, since, until)
    if as_json:
        _print_json(result)
    else:
        ranged = since is not None or until is not None
        tables = country_tables(result, _words(ds, lang), ds.countries.name(code, lang), ranged)
        _print_tables(tables, width)


Before = Annotated[
    int | None,
    typer.Argument(metavar="FROM", help="The earlier survey (default: the one before TO)."),
]
After = Annotated[
    int | None, typer.Argument(metavar="TO", help="The later survey (default: the latest).")
]
Top = Annotated[
    int,
    typer.Option(
        "--top",
        metavar="N",
        help="Countries in each table of rises and falls (default: 10); countries tied at "
        "the cut-off are all included.",
        show_default=False,
    ),
]
Followed = Annotated[
    str,
    typer.Option(
        "--countries",
        metavar="LIST",
        help="Countries always shown, whatever their change, comma-separated (codes or "
        "names; default: KAZ).",
        show_default=False,
    ),
]


@command(short="What changed between two surveys: moves, groups, classes.")
def changes(
    before: Before = None,
    after: After = None,
    top: Top = 10,
    followed: Followed = "KAZ",
    as_json: Json = False,
    lang: Language = None,
    width: Width = None,
    data_dir: DataDir = None,
) -> None:
    """What changed between two surveys (default: the two latest): the largest rises and falls
    by rank and by EGDI, the countries that changed EGDI group or rating class, those newly
    assessed or no longer assessed, and the members of the VH class, the highest rating
    class.

    Examples:

    \b
        egdi changes
        egdi changes 2022 2024 --lang ru
        egdi changes 2016 2024 --top 5 --countries KAZ,UZB
        egdi changes 2022 2024 --json
    """
    from report.cli.console import changes_tables
    from report.compute.changes import as_json as changes_json
    from report.compute.changes import survey_changes

    lang = _table_language(lang)
    ds = _dataset(data_dir)
    before, after = _survey_pair(ds, before, after)
    codes = [ds.countries.resolve(each) for each in followed.split(",") if each.strip()]
    result = survey_changes(ds, before, after, top)
    if as_json:
        _print_json(changes_json(result))
        return
    _print_tables(changes_tables(result, _words(ds, lang), ds.countries, codes), width)


def _survey_pair(ds, before: int | None, after: int | None) -> tuple[int, int]:
    """FROM and TO of egdi changes: both given, TO alone (FROM the survey before) or none."""
    from report.compute.changes import default_years
    from report.compute.indicators import previous_year

    if before is None:
        return default_years(ds)
    if after is None:  # one year given: it is the later one
        after = ds.check_year(before)
        earlier = previous_year(ds.years, after)
        if earlier is None:
            raise ReportError(f"{after} is the first survey: there is nothing before it")
        return earlier, after
    if before > after:
        raise ReportError(
            f"FROM {before} is after TO {after}; the earlier survey comes first "
            f"(egdi changes {after} {before})"
        )
    return before, after


@command(short="Recompute the figures of a claims file, and compare.")
def audit(
    claims: Annotated[
        Path | None,
        typer.Argument(
            metavar="CLAIMS",
            help="Claims file (YAML), see README.md (default: the article's, in the data).",
            show_default=False,
        ),
    ] = None,
    problems: Annotated[
        bool,
        typer.Option(
            "--problems", help="Only the claims that mismatch or could not be recomputed."
        ),
    ] = False,
    as_json: Json = False,
    lang: Language = None,
    width: Width = None,
    data_dir: DataDir = None,
) -> None:
    """Recompute each figure listed in a claims file and compare it with the value the article
    printed; exit status 1 on any mismatch or figure that could not be recomputed. Without
    CLAIMS, audit the article shipped with the data (claims/egdi-kazakhstan-article.yaml in
    the data directory).

    Examples:

    \b
        egdi audit
        egdi audit --problems --lang ru
        egdi audit my-article.yaml --json      your own claims file (README.md)
    """
    from report.build.request import DEFAULT_CLAIMS
    from report.cli.console import audit_table
    from report.compute.audit import audit as run_audit
    from report.compute.audit import load_claims

    lang = _table_language(lang)
    ds = _dataset(data_dir)
    result = run_audit(ds, load_claims(claims or ds.data_dir / DEFAULT_CLAIMS))
    if as_json:
        _print_json(result)
    else:
        _print_tables([audit_table(result, _words(ds, lang), ds.countries, problems)], width)
    if result["summary"]["mismatch"] or result["summary"]["error"]:
        raise typer.Exit(EXIT_PROBLEMS)


# Data


@command(short="Merge UN Data Center exports into the data, with checks.")
def ingest(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE", help="UN Data Center exports, CSV or XLSX.")
    ],
    data_dir: DataDir = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and report; write nothing.")
    ] = False,
) -> None:
    """Validate UN Data Center exports and merge them into the panel (DIR/egdi.csv).

    Nothing is written unless every file is whole and consistent; the previous panel is kept
    as a backup. When a new survey comes in, a summary of what changed follows (egdi changes
    gives all of it).

    Examples:

    \b
        egdi init mydata
        egdi ingest EGOV_DATA_2026.csv --data-dir mydata --dry-run
        egdi ingest EGOV_DATA_2026.csv --data-dir mydata
    """
    from report.data.ingest import ingest as run_ingest

    result = run_ingest(files, _data_dir(data_dir), dry_run=dry_run)
    _print_read(result)
    _print_changes(result)
    target = _data_dir(data_dir) / "egdi.csv"
    if result.written:
        print(f"wrote {shown(target)}: {result.rows_total} rows")
        if result.backup:
            print(f"previous panel kept as {shown(result.backup)}")
        _print_new_surveys(result.new_years, data_dir)
    elif dry_run and result.changed:
        print(f"dry run: {shown(target)} not written")
    else:
        print(f"{shown(target)} unchanged")


def _print_new_surveys(years: list[int], data_dir: Path | None) -> None:
    """The short version of egdi changes for the latest survey ingest added, against the
    survey before it."""
    from report.cli.console import changes_brief
    from report.compute.changes import survey_changes
    from report.compute.indicators import previous_year

    if not years:
        return
    try:
        ds = _dataset(data_dir)
        earlier = previous_year(ds.years, max(years))
        if earlier is not None:
            result = survey_changes(ds, earlier, max(years), top=3)
            for line in changes_brief(result, ds.countries):
                print(line)
    except ReportError as exc:  # the panel is written: a summary that cannot be made is a note
        _err(f"note: no summary of the changes: {exc}")


def _print_read(result) -> None:
    """What ingest read, and its warnings about the files."""
    for export in result.exports:
        years = ", ".join(str(y) for y in export.years)
        print(f"read {shown(export.path)}: {len(export.rows)} rows, survey year {years}")
    for note in result.warnings:
        _err(f"warning: {note}")
    if result.identity:
        counts = "; ".join(
            f"{year}: {count} rows" + (f" ({zeros} with EGDI = 0)" if zeros else "")
            for year, (count, zeros) in result.identity.items()
        )
        _err(
            f"warning: EGDI differs from (OSI+HCI+TII)/3 by more than 0.001 (published value "
            f"kept): {counts}"
        )


def _print_changes(result) -> None:
    """What ingest changes in the panel, and its warnings about the survey years."""
    for year in result.new_years:
        print(f"new survey year {year}: {result.added.get(year, 0)} countries")
    for year in result.undescribed:
        _err(
            f"warning: {year}: no row in surveys.csv yet; add the edition's title and "
            "publication date (see data/README.md)"
        )
    for year, count in sorted(result.added.items()):
        if year not in result.new_years:
            print(f"{year}: {count} countries added")
    for year, iso3s in sorted(result.missing.items()):
        _err(f"warning: {year}: {len(iso3s)} member states missing: {', '.join(iso3s)}")
    for year, iso3, column, old, new in result.revisions:
        print(f"revised {year} {iso3} {column}: {old or '(blank)'} -> {new or '(blank)'}")
    if result.unchanged:
        print(f"{result.unchanged} rows already in the panel, unchanged")


@command("ingest-income", short="Add the World Bank income-group history to the data.")
def ingest_income(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="World Bank OGHIST history, XLSX or CSV.")
    ],
    data_dir: DataDir = None,
) -> None:
    """Take the World Bank's historical income classification (OGHIST) into DIR/income.csv;
    the briefs name each survey year's income group from it.

    Example:

    \b
        egdi ingest-income OGHIST.xlsx --data-dir mydata
    """
    from report.data.ingest import ingest_income as run

    result = run(file, _data_dir(data_dir))
    first, last = result.fiscal_years
    print(
        f"read {shown(file)}: {result.rows} classifications, FY{first % 100:02d}–FY{last % 100:02d}"
    )
    if result.new_fiscal_years and len(result.new_fiscal_years) <= last - first:
        print(
            "new fiscal years: " + ", ".join(f"FY{fy % 100:02d}" for fy in result.new_fiscal_years)
        )
    if result.changed_cells:
        print(f"{result.changed_cells} classifications revised")
    target = _data_dir(data_dir) / "income.csv"
    print(f"wrote {shown(target)}" if result.written else f"{shown(target)} unchanged")
    if result.backup:
        print(f"previous version kept as {shown(result.backup)}")


@command(short="Copy a data directory to a new one, to ingest into it.")
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIRECTORY", help="New data directory.")],
    data_dir: DataDir = None,
) -> None:
    """Copy a data directory (default: the shipped data) to a new one, to ingest a new survey
    into it while the shipped data stays as it is.

    Example:

    \b
        egdi init mydata
        egdi ingest EGOV_DATA_2026.csv --data-dir mydata
    """
    from report.data.dataset import init_data_dir

    copied = init_data_dir(directory, _data_dir(data_dir))
    print(f"copied {len(copied)} files to {shown(directory)}")


@command(short="Check the data: schema, coverage, ranks, errata, provenance.")
def validate(data_dir: DataDir = None) -> None:
    """Check a data directory: schema, coverage, ranks, errata, income groups and the
    provenance hashes; exit status 1 if a check fails.

    Examples:

    \b
        egdi validate
        egdi validate --data-dir mydata
    """
    from report.data.validate import validate_data_dir

    report = validate_data_dir(_data_dir(data_dir))
    print(f"data directory {shown(report.data_dir)}")
    for check in report.checks:
        status = "BAD " if not check.ok else "warn" if check.warning else "ok  "
        print(f"  {status} {check.name}: {check.detail}")
    for check in report.warnings:
        _err(f"warning: {check.name}: {check.detail}")
    if not report.ok:
        raise typer.Exit(EXIT_PROBLEMS)


EXIT_INTERNAL = 3  # a bug: the command failed in a way it does not know


def main() -> None:
    """Entry point of the egdi command: the commands' failures are said by finish(); what
    is left is a bug (one line, exit status 3; the traceback only with --debug or
    EGDI_DEBUG=1) or Ctrl-C before any command began."""
    try:
        app()
    except KeyboardInterrupt:  # before a command, e.g. while importing
        _err(INTERRUPTED)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:
        if _debugging():
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
        sys.exit(EXIT_INTERNAL)
