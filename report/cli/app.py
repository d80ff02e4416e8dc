"""The egdi command: a thin layer over the library; see README.md for every command."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import math
import os
import sys
import traceback
import warnings
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

try:  # recent typer carries its own copy of click
    from typer._click import exceptions as click_errors
except ImportError:
    from click import exceptions as click_errors

from report import __version__, interrupts
from report.compute import DYNAMICS_SINCE
from report.data import paths
from report.errors import InputErrors, ReportError, os_error_line, shown


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


app = typer.Typer(
    cls=_Commands,
    help="Publication-ready documents from the UN E-Government Survey data.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

COUNTRY_HELP = "ISO3 code or name: the UN's, a document's (Казахстан) or a common one (Russia)."
COUNTRIES_HELP = "ISO3 codes or names: the UN's, a document's (Казахстан) or common ones (UK)."

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar=paths.DATA_DIR_ENV,
        help="Data directory (default: the shipped data/).",
        show_default=False,
    ),
]
Languages = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Languages, comma-separated (default: the project's, else ru,kk,en).",
        show_default=False,
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option("--jobs", help="Worker processes (default: the CPU count).", show_default=False),
]
Force = Annotated[bool, typer.Option("--force", help="Rebuild every document, changed or not.")]
OutDir = Annotated[
    Path | None,
    typer.Option(
        "--out", help="Output directory (default: the project's, else out).", show_default=False
    ),
]
Year = Annotated[
    int | None,
    typer.Option("--year", help="Survey year (default: the latest).", show_default=False),
]

FactsJson = Annotated[
    bool,
    typer.Option(
        "--json",
        help="Print the document's facts as JSON (numbers, codes, years; keys in README.md) "
        "instead of writing it.",
    ),
]

DEBUG_ENV = "EGDI_DEBUG"
EXIT_PROBLEMS = 1  # ran, and found problems
EXIT_ERROR = 2  # could not run: bad input or request
EXIT_PIPE_CLOSED = 1  # the reader of the output went away (as click has it)
EXIT_INTERRUPTED = 130  # Ctrl-C (or SIGTERM), as shells report it
INTERRUPTED = "interrupted; nothing was left half-written: run the command again to finish"
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
            help="Project file (default: egdi.toml in the working directory, if there is one).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Publication-ready documents from the UN E-Government Survey data."""
    global _debug, _config
    _debug, _config = debug, config
    _loaded.clear()
    warnings.showwarning = _warning_line


@app.command()
def ingest(
    files: Annotated[list[Path], typer.Argument(help="UN Data Center exports, CSV or XLSX.")],
    data_dir: DataDir = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and report; write nothing.")
    ] = False,
) -> None:
    """Validate UN Data Center exports and merge them into the panel (data/egdi.csv)."""
    from report.data.ingest import ingest as run_ingest

    result = run_ingest(files, _data_dir(data_dir), dry_run=dry_run)
    _print_read(result)
    _print_changes(result)
    target = _data_dir(data_dir) / "egdi.csv"
    if result.written:
        print(f"wrote {shown(target)}: {result.rows_total} rows")
        if result.backup:
            print(f"previous panel kept as {shown(result.backup)}")
    elif dry_run and result.changed:
        print(f"dry run: {shown(target)} not written")
    else:
        print(f"{shown(target)} unchanged")


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


@app.command("ingest-income")
def ingest_income(
    file: Annotated[Path, typer.Argument(help="World Bank OGHIST history, XLSX or CSV.")],
    data_dir: DataDir = None,
) -> None:
    """Take the World Bank income-group history into data/income.csv."""
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


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="New data directory.")],
    data_dir: DataDir = None,
) -> None:
    """Copy a data directory (default: the shipped data) to a new one, to ingest into it."""
    from report.data.dataset import init_data_dir

    copied = init_data_dir(directory, _data_dir(data_dir))
    print(f"copied {len(copied)} files to {shown(directory)}")


@app.command()
def validate(data_dir: DataDir = None) -> None:
    """Check the data: schema, coverage, ranks, errata, income groups, provenance hashes."""
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


@app.command()
def brief(
    countries: Annotated[
        list[str] | None, typer.Argument(help=COUNTRIES_HELP, show_default=False)
    ] = None,
    all_countries: Annotated[
        bool, typer.Option("--all", help="Every country assessed in the survey year.")
    ] = False,
    lang: Languages = "ru,kk,en",
    year: Year = None,
    peers: Annotated[
        str | None,
        typer.Option("--peers", help="Peer group (default: cis for its members, else the region)."),
    ] = None,
    jobs: Jobs = None,
    force: Force = False,
    out: OutDir = Path("out"),
    data_dir: DataDir = None,
    as_json: FactsJson = False,
) -> None:
    """Write country briefs: OUT/<lang>/brief-<ISO3>-<year>.pdf (brief-<ISO3>-<peers>-<year>.pdf
    with --peers). Briefs whose inputs have not changed are kept."""
    from report.build.documents import brief_requests

    langs, out = _languages(lang), _out(out)
    ds, year = _dataset_and_year(data_dir, year)
    if all_countries:
        if countries or peers or as_json:
            raise ReportError("--all builds every country with its default peers; give no list")
        _run_all_briefs(ds, langs, year, out, jobs, force)
        return
    if not countries:
        raise ReportError("give ISO3 codes or country names, or --all")
    requests = brief_requests(ds, countries, year, langs, peers)
    if as_json:
        _print_brief_facts(ds, [r.country for r in requests if r.lang == langs[0]], year, peers)
        return
    _build_each(ds, _named(requests), out, force)


def _named(requests):
    """The requests with the project's file-name patterns."""
    from dataclasses import replace

    project = _project()
    return [replace(r, names=project.names_for(r.kind)) for r in requests]


def _build_each(ds, requests, out: Path, force: bool) -> None:
    """Build the requested documents one after another (those up to date kept unless
    force), printing each file as it is written or found up to date."""
    from report.build.documents import build_many

    build_many(ds, requests, out, force, _print_files, _project().look)


def _print_files(paths: list[Path], kept: bool) -> None:
    """A document's files as it is written, or its PDF marked up to date."""
    for path in paths[:1] if kept else paths:
        print(f"{shown(path)} (up to date)" if kept else shown(path))


def _print_paths(paths: list[Path]) -> None:
    for path in paths:
        print(shown(path))


def _print_brief_facts(ds, codes: list[str], year: int, peers: str | None) -> None:
    """The facts of each brief as a JSON array, one object per country."""
    from report.compute.brief import brief_facts
    from report.compute.facts import as_json

    _print_json([as_json(brief_facts(ds, iso3, year, peers)) for iso3 in codes])


def _run_all_briefs(ds, langs: list[str], year: int, out: Path, jobs, force: bool) -> None:
    """Every brief in worker processes, with a progress bar; failures listed, exit status 1."""
    from report.build.batch import brief_tasks, check_jobs, run_batch

    check_jobs(jobs)
    project = _project()
    tasks = brief_tasks(ds, langs, year, project.names_for("brief"))
    with _progress() as progress:
        bar = progress.add_task("briefs", total=len(tasks))
        outcomes = run_batch(
            ds.data_dir,
            tasks,
            out,
            jobs,
            force,
            on_done=lambda _: progress.advance(bar),
            look=project.look,
        )
    built = sum(1 for o in outcomes if o.path and not o.skipped)
    kept = sum(1 for o in outcomes if o.skipped)
    failed = [o for o in outcomes if o.error]
    print(f"{built} briefs written, {kept} up to date, {len(failed)} failed, in {shown(out)}")
    for outcome in sorted(failed, key=lambda o: (o.task.lang, o.task.iso3)):
        _err(f"failed: {outcome.task.lang} {outcome.task.iso3}: {outcome.error}")
    if failed:
        raise typer.Exit(EXIT_PROBLEMS)


def _progress():
    """A progress bar on stderr: done of total, time elapsed, time left."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    return Progress(*columns, console=Console(stderr=True))


GROUP_HELP = (
    "The group to compare with: a name as in egdi stats, a group of the project file, or "
    "countries (EST,KOR,SGP)."
)


@app.command()
def analysis(
    focus: Annotated[str, typer.Option("--focus", help=COUNTRY_HELP)] = "KAZ",
    group_name: Annotated[str, typer.Option("--group", help=GROUP_HELP)] = "cis",
    year: Year = None,
    since: Annotated[
        int, typer.Option("--since", help="First survey of the dynamics section.")
    ] = DYNAMICS_SINCE,
    lang: Languages = None,
    force: Force = False,
    out: OutDir = None,
    data_dir: DataDir = None,
    as_json: FactsJson = False,
) -> None:
    """Write the comparative analysis: OUT/<lang>/analysis-<ISO3>-<group>-<year>.pdf. The
    focus country may be outside the group: it is compared with it, not counted in it."""
    from report.build.request import DocumentRequest
    from report.compute.facts import as_json as facts_json
    from report.compute.selection import group_key
    from report.compute.study import check_since, study_facts

    langs, out = _languages(lang), _out(out)
    ds, year = _dataset_and_year(data_dir, year)
    code = ds.countries.resolve(focus)
    check_since(ds, code, year, since)
    key = group_key(ds, year, group_name)
    if as_json:
        _print_json(facts_json(study_facts(ds, code, key, year, since)))
        return
    requests = [DocumentRequest.analysis(code, key, year, each, since) for each in langs]
    _build_each(ds, _named(requests), out, force)


@app.command()
def build(
    out: OutDir = None,
    lang: Languages = None,
    all_countries: Annotated[
        bool, typer.Option("--all", help="Also the brief of every country (a world refresh).")
    ] = False,
    jobs: Jobs = None,
    force: Force = False,
    data_dir: DataDir = None,
) -> None:
    """Build the project's documents (egdi.toml; without one, the defaults: the Kazakhstan
    brief and the analysis of Kazakhstan among the CIS countries) for the latest survey, in
    OUT/<lang>/; with --all, every country's brief too. Only documents whose inputs changed
    are rebuilt."""
    from report.build.project import all_briefs, requests

    project = _project()
    langs, out = _languages(lang), _out(out)
    ds = _dataset(data_dir)
    year = ds.check_year(project.year)
    wanted = [r for r in requests(project, ds, year) if r.lang in langs]
    _build_each(ds, wanted, out, force)
    if all_countries or all_briefs(project):
        _run_all_briefs(ds, langs, year, out, jobs, force)


@app.command()
def supplement(
    claims: Annotated[
        Path | None,
        typer.Option(
            "--claims",
            help="Claims file (YAML) (default: claims/egdi-kazakhstan-article.yaml of the data).",
            show_default=False,
        ),
    ] = None,
    focus: Annotated[str, typer.Option("--focus", help=COUNTRY_HELP)] = "KAZ",
    group_name: Annotated[str, typer.Option("--group", help=GROUP_HELP)] = "cis",
    year: Year = None,
    since: Annotated[
        int, typer.Option("--since", help="First survey of the dynamics table.")
    ] = DYNAMICS_SINCE,
    lang: Languages = None,
    force: Force = False,
    out: OutDir = None,
    data_dir: DataDir = None,
) -> None:
    """Write the journal supplement: PDF, CSV tables and an XLSX workbook per language."""
    from report.build.documents import supplement_year
    from report.build.request import DocumentRequest
    from report.compute.selection import group_key

    langs, out = _languages(lang), _out(out)
    ds, _ = _dataset_and_year(data_dir, year)
    code = ds.countries.resolve(focus)
    year = supplement_year(ds, claims, year)
    key = group_key(ds, year, group_name)
    requests = [DocumentRequest.supplement(code, key, year, each, since, claims) for each in langs]
    _build_each(ds, _named(requests), out, force)


@app.command()
def new(
    directory: Annotated[Path, typer.Argument(help="Where to start the project.")],
) -> None:
    """Start a report series: write DIRECTORY/egdi.toml, commented, with the shipped
    defaults, to edit (documents, groups, branding, overrides)."""
    from report.build.project import new_project

    print(shown(new_project(directory)))


Json = Annotated[bool, typer.Option("--json", help="Machine-readable JSON (keys in README.md).")]
Language = Annotated[str, typer.Option("--lang", help="Language of the tables: ru, kk or en.")]


def _print_json(result: dict | list) -> None:
    print(json.dumps(_finite(result), ensure_ascii=False, indent=2, allow_nan=False))


def _finite(value):
    """A JSON value with null where a number is not finite (JSON has no NaN or Infinity)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def _print_tables(tables) -> None:
    from rich.console import Console

    console = Console()
    for table in tables:
        console.print(table)


@app.command()
def stats(
    year: Year = None,
    countries: Annotated[
        str | None, typer.Option("--countries", help=COUNTRIES_HELP + " Comma-separated.")
    ] = None,
    group: Annotated[
        str | None,
        typer.Option(
            "--group",
            help="A named set: cis, oecd, VH, very_high, region:..., income:UM, a group of the "
            "project file.",
        ),
    ] = None,
    top: Annotated[int | None, typer.Option("--top", help="The N best-ranked countries.")] = None,
    spearman: Annotated[
        bool, typer.Option("--spearman", help="Add Spearman correlations.")
    ] = False,
    as_json: Json = False,
    lang: Language = "en",
    data_dir: DataDir = None,
) -> None:
    """Descriptive statistics and correlations of EGDI, OSI, HCI, TII and EPI for a country set."""
    from report.cli.console import stats_tables
    from report.compute.stats import set_stats
    from report.words.text import check_language

    check_language(lang)
    if sum(option is not None for option in (countries, group, top)) != 1:
        raise ReportError("give exactly one of --countries, --group and --top")
    ds, year = _dataset_and_year(data_dir, year)
    result = set_stats(ds, _chosen_set(ds, year, countries, group, top), with_spearman=spearman)
    if as_json:
        _print_json(result)
    else:
        _print_tables(stats_tables(result, _words(ds, lang)))


def _chosen_set(ds, year: int, countries: str | None, group: str | None, top: int | None):
    """The country set of egdi stats: exactly one of countries, group and top is given."""
    from report.compute import selection

    if countries is not None:
        return selection.explicit(ds, year, countries.split(","))
    if group is not None:
        return selection.group(ds, year, group)
    return selection.top(ds, year, top)


@app.command()
def country(
    iso3: Annotated[str, typer.Argument(help=COUNTRY_HELP)],
    change_from: Annotated[
        int | None, typer.Option("--from", help="Also give the change from this survey year.")
    ] = None,
    change_to: Annotated[
        int | None, typer.Option("--to", help="... to this one (default: the latest).")
    ] = None,
    as_json: Json = False,
    lang: Language = "en",
    data_dir: DataDir = None,
) -> None:
    """A country in every survey: rank, indices, EGDI group, rating class and changes."""
    from report.cli.console import country_tables
    from report.compute.stats import country_profile
    from report.words.text import check_language

    check_language(lang)
    ds = _dataset(data_dir)
    code = ds.countries.resolve(iso3)
    extra = []
    if change_from is not None or change_to is not None:
        extra.append((change_from or ds.years[0], change_to or ds.latest_year))
    result = country_profile(ds, code, extra)
    if as_json:
        _print_json(result)
    else:
        _print_tables(country_tables(result, _words(ds, lang), ds.countries.name(code, lang)))


@app.command()
def audit(
    claims: Annotated[Path, typer.Argument(help="Claims file (YAML), see README.md.")],
    as_json: Json = False,
    lang: Language = "en",
    data_dir: DataDir = None,
) -> None:
    """Recompute the published figures of a claims file; exit status 1 on any mismatch."""
    from report.cli.console import audit_table
    from report.compute.audit import audit as run_audit
    from report.compute.audit import load_claims
    from report.words.text import check_language

    check_language(lang)
    parsed = load_claims(claims)
    ds = _dataset(data_dir)
    result = run_audit(ds, parsed)
    if as_json:
        _print_json(result)
    else:
        _print_tables([audit_table(result, _words(ds, lang), ds.countries)])
    if result["summary"]["mismatch"] or result["summary"]["error"]:
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
