"""The catalogue of bad input and faults, each met as a user meets it at the command line.

Every case gives one clear line on stderr ("error: ..."), exit status 2, no traceback, and
leaves the data directory and the documents built before it byte for byte as they were, with
no temporary file behind. Faults of the export format itself (renamed columns, decimal commas,
Windows-1251, a BOM, an empty file, a repeated header, ...) are the BAD_INPUTS of
test_ingest.py; malformed claims files for `egdi audit` are in test_audit.py.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import LATEST, NEXT, SURVEY_YEARS, tree_digest, un_export
from pypdf import PdfReader

from report.build.documents import build_brief
from report.cli.app import INTERRUPTED
from report.data import storage
from report.data.ingest import MAX_ERRORS_LISTED, MAX_EXPORT_ROWS

NO_SPACE = "cannot write (No space left on device); nothing there was changed"


@pytest.fixture(scope="session")
def built(tmp_path_factory, dataset) -> Path:
    """An output directory holding one brief built earlier."""
    out = tmp_path_factory.mktemp("built")
    build_brief(dataset, "KAZ", LATEST, "en", out)
    return out


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _no_permission(*args, **kwargs):
    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))


def _next_survey(tmp: Path) -> Path:
    """The latest export relabelled as the next survey: an ingest that would write."""
    text = un_export(LATEST).read_text(encoding="utf-8").replace(f"\n{LATEST},", f"\n{NEXT},")
    path = tmp / f"EGOV_DATA_{NEXT}.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _damaged_xlsx(tmp: Path) -> Path:
    from openpyxl import Workbook

    good, bad = tmp / "good.xlsx", tmp / "damaged.xlsx"
    workbook = Workbook()
    workbook.active.append(["Survey Year", "Country Name"])
    workbook.save(good)
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("sheet1.xml"):
                data = data[: len(data) // 2]  # the sheet's XML cut off in the middle
            target.writestr(item, data)
    return bad


def _claims(tmp: Path, text: str) -> Path:
    path = tmp / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD_CLAIM = """\
claims:
  - id: a
    printed: "0,8628"
    compute: {statistic: value, country: KAZ, indicator: egdi, year: 2022}
"""

# name -> (set-up, the error line after "error: " with {tmp}, {data}, {out} filled in and
# * standing for any text). A set-up gets (tmp, data, out, monkeypatch) and returns the
# arguments of egdi.
Setup = Callable[[Path, Path, Path, pytest.MonkeyPatch], list]
CASES: dict[str, tuple[Setup, str]] = {}


def case(name: str, message: str):
    def register(setup: Setup) -> Setup:
        CASES[name] = (setup, message)
        return setup

    return register


@case("unknown language", "unknown language 'de'; choose from ru, kk, en")
def _(tmp, data, out, mp):
    return ["brief", "KAZ", "--lang", "de", "--out", out]


@case("unknown language of a table", "unknown language 'fr'; choose from ru, kk, en")
def _(tmp, data, out, mp):
    return ["stats", "--group", "cis", "--lang", "fr"]


@case(
    "unknown country",
    "unknown country 'Kazakstan' (use an ISO3 code; close names: Kazakhstan, Pakistan, Uzbekistan)",
)
def _(tmp, data, out, mp):
    return ["brief", "Kazakstan", "--out", out]


@case("unknown ISO3 code", "unknown country 'XKX' (use an ISO3 code*")
def _(tmp, data, out, mp):
    return ["country", "XKX"]


@case("unknown peer group", "unknown group 'g7'; choose from *")
def _(tmp, data, out, mp):
    return ["brief", "KAZ", "--group", "g7", "--out", out]


@case("unknown group of the analysis", "unknown group 'asean'; *")
def _(tmp, data, out, mp):
    return ["analysis", "--group", "asean", "--lang", "en", "--out", out]


@case("year not in the data", f"no survey year 2021 in the data (known: 2003, 2004, *, {LATEST})")
def _(tmp, data, out, mp):
    return ["brief", "KAZ", "--year", "2021", "--out", out]


@case("claims file with a YAML error", "{tmp}/claims.yaml:2: YAML error*")
def _(tmp, data, out, mp):
    claims = _write(tmp / "claims.yaml", b"claims: [\n  - id: a\n")
    return ["supplement", "--claims", claims, "--lang", "en", "--out", out]


@case(
    "claims file with an unknown computation", "{tmp}/claims.yaml:4: a: unknown statistic 'mode'*"
)
def _(tmp, data, out, mp):
    claims = _write(tmp / "claims.yaml", GOOD_CLAIM.replace("value", "mode").encode())
    return ["supplement", "--claims", claims, "--lang", "en", "--out", out]


@case("claims file asking YAML to run code", "{tmp}/claims.yaml:1: YAML error*")
def _(tmp, data, out, mp):
    claims = _write(tmp / "claims.yaml", b'claims: !!python/object/apply:os.system ["true"]\n')
    return ["audit", claims]


@case("XLSX that is not a workbook", "{tmp}/export.xlsx: not a readable XLSX workbook*")
def _(tmp, data, out, mp):
    return ["ingest", "--data-dir", data, _write(tmp / "export.xlsx", b"Survey Year,Country\n")]


@case("XLSX with a damaged sheet", "{tmp}/damaged.xlsx:1: not a readable XLSX sheet*")
def _(tmp, data, out, mp):
    return ["ingest", "--data-dir", data, _damaged_xlsx(tmp)]


@case(
    "panel edited into a broken row",
    f"{{data}}/egdi.csv:{len(SURVEY_YEARS) * 193 + 2}: expected 8 fields as in the header, found 3",
)
def _(tmp, data, out, mp):
    with (data / "egdi.csv").open("a", encoding="utf-8") as panel:
        panel.write(f"KAZ,{NEXT},1\n")
    return ["brief", "KAZ", "--data-dir", data, "--out", out]


@case(
    "output directory below a file",
    "{tmp}/f/out: cannot write (Not a directory); nothing there was changed",
)
def _(tmp, data, out, mp):
    return ["brief", "KAZ", "--lang", "en", "--out", _write(tmp / "f", b"") / "out"]


@case("batch into an output directory below a file", "{tmp}/f/out: cannot write (Not a directory)*")
def _(tmp, data, out, mp):
    return ["brief", "--all", "--lang", "en", "--out", _write(tmp / "f", b"") / "out"]


@case(
    "output directory not writable",
    "{out}: cannot write (Permission denied); nothing there was changed",
)
def _(tmp, data, out, mp):
    mp.setattr(storage.tempfile, "mkstemp", _no_permission)
    return ["brief", "KAZ", "--lang", "en", "--force", "--out", out]


@case(
    "full disk while writing a document",
    f"{{out}}/en/brief-KAZ-{LATEST}.pdf: " + NO_SPACE,
)
def _(tmp, data, out, mp):
    mp.setattr(storage.os, "fsync", _no_space)
    return ["brief", "KAZ", "--lang", "en", "--force", "--out", out]


@case(
    "full disk during a batch",
    f"{{out}}/en/brief-*-{LATEST}.pdf: " + NO_SPACE + "; the batch stopped",
)
def _(tmp, data, out, mp):
    mp.setattr(storage.os, "fsync", _no_space)
    return ["brief", "--all", "--lang", "en", "--jobs", "1", "--force", "--out", out]


@case(
    "full disk while ingesting",
    "{data}/egdi.csv.bak: " + NO_SPACE,
)
def _(tmp, data, out, mp):
    mp.setattr(storage.os, "fsync", _no_space)
    return ["ingest", "--data-dir", data, _next_survey(tmp)]


# Operating-system faults: one line naming the path and what happened


def _loop(tmp: Path, name: str) -> Path:
    (tmp / name).symlink_to(name)
    return tmp / name


@case("claims file a symbolic-link loop", "{tmp}/loop.yaml: a loop of symbolic links")
def _(tmp, data, out, mp):
    return ["audit", _loop(tmp, "loop.yaml")]


@case("export a symbolic-link loop", "{tmp}/loop.csv: a loop of symbolic links")
def _(tmp, data, out, mp):
    return ["ingest", "--data-dir", data, _loop(tmp, "loop.csv")]


@case("data directory a symbolic-link loop", "{tmp}/loop: a loop of symbolic links")
def _(tmp, data, out, mp):
    return ["brief", "KAZ", "--data-dir", _loop(tmp, "loop"), "--out", out]


@case("directory given as the claims file", "{tmp}: is a directory, not a file")
def _(tmp, data, out, mp):
    return ["supplement", "--claims", tmp, "--lang", "en", "--out", out]


@case("directory given as the income history", "{tmp}: is a directory, not a file")
def _(tmp, data, out, mp):
    return ["ingest-income", "--data-dir", data, tmp]


@case(
    "claims file below a file", "{tmp}/f/claims.yaml: a part of the path is a file, not a directory"
)
def _(tmp, data, out, mp):
    return ["audit", _write(tmp / "f", b"") / "claims.yaml"]


@case("data directory below a file", "{tmp}/f/data: a part of the path is a file, not a directory")
def _(tmp, data, out, mp):
    return ["validate", "--data-dir", _write(tmp / "f", b"") / "data"]


@case("data directory that is a file", "{tmp}/f: a file, not a data directory")
def _(tmp, data, out, mp):
    return ["country", "KAZ", "--data-dir", _write(tmp / "f", b"")]


@case("provenance of the wrong shape", "{data}/provenance.json: expected a JSON object with *")
def _(tmp, data, out, mp):
    _write(data / "provenance.json", b"[]\n")
    return ["validate", "--data-dir", data]


@case(
    "provenance with a source of the wrong shape",
    "{data}/provenance.json: 'panel_sources' entry 2 has no text 'sha256'; restore it *",
)
def _(tmp, data, out, mp):
    record = json.loads((data / "provenance.json").read_text(encoding="utf-8"))
    record["panel_sources"][1]["sha256"] = 42
    _write(data / "provenance.json", json.dumps(record).encode())
    return ["ingest", "--data-dir", data, _next_survey(tmp)]


@case("newline in a file name", "{tmp}/two\\nlines.csv: no such file")
def _(tmp, data, out, mp):
    return ["ingest", "--data-dir", data, tmp / "two\nlines.csv"]


# Usage errors: the same one-line form, with where to look


@case("unparsable option value", "invalid value for '--jobs': * (see 'egdi brief --help')")
def _(tmp, data, out, mp):
    return ["brief", "--all", "--jobs", "two", "--out", out]


@case("no worker processes", "--jobs -1: the number of worker processes must be from 1 to 256")
def _(tmp, data, out, mp):
    return ["brief", "--all", "--jobs", "-1", "--out", out]


@case("unknown option", "no such option: --colour* (see 'egdi stats --help')")
def _(tmp, data, out, mp):
    return ["stats", "--group", "cis", "--colour"]


@case("unknown command", "no such command 'report' (see 'egdi --help')")
def _(tmp, data, out, mp):
    return ["report", "KAZ"]


# Options that contradict the data: an error naming what would do


@case("--since not a survey year", "--since 2009 is not a survey year; choose one of 2003, *, 2024")
def _(tmp, data, out, mp):
    return ["analysis", "--since", "2009", "--lang", "en", "--out", out]


@case(
    "--since before the focus country was assessed",
    "--since 2008 is a survey that did not assess SSD; choose one of 2012, *, 2024",
)
def _(tmp, data, out, mp):
    return [
        "analysis",
        "SSD",
        "--group",
        "region:Africa",
        "--since",
        "2008",
        "--out",
        out,
    ]


@case("--top beyond the countries ranked", "--top 250: the 2024 Survey ranked 193 countries; *")
def _(tmp, data, out, mp):
    return ["stats", "--top", "250"]


@case(
    "claims number that is not finite",
    "{tmp}/claims.yaml:2: a: printed 'NaN' is not a printed number",
)
def _(tmp, data, out, mp):
    return ["audit", _claims(tmp, GOOD_CLAIM.replace('"0,8628"', '"NaN"'))]


# Destinations


@case("init into its own source", "{data}/copy: inside the data directory it would copy *")
def _(tmp, data, out, mp):
    return ["init", data / "copy", "--data-dir", data]


# Found by trying the tool as a user meets faults (beyond the issue's own list)


@case("an empty --out", "an empty value after --out; give a path, a name or a number")
def _(tmp, data, out, mp):
    return ["brief", "KAZ", "--lang", "en", "--out", ""]


@case("--out a file", "{tmp}/f: cannot write (a file, not a directory); nothing there was changed")
def _(tmp, data, out, mp):
    return ["brief", "KAZ", "--lang", "en", "--out", _write(tmp / "f", b"")]


@case("--out inside the data directory", "{data}/out: inside the data directory ({data}); *")
def _(tmp, data, out, mp):
    return ["brief", "KAZ", "--lang", "en", "--data-dir", data, "--out", data / "out"]


@case(
    "a document's place taken by a directory",
    f"{{out}}/en/brief-UZB-{LATEST}.pdf: cannot write (Is a directory); nothing there was changed",
)
def _(tmp, data, out, mp):
    (out / "en" / f"brief-UZB-{LATEST}.pdf").mkdir()
    return ["brief", "UZB", "--lang", "en", "--out", out]


@case(
    "a supplement table's place taken by a directory",
    "{out}/en/supplement-egdi-kazakhstan-article-2022.xlsx: cannot write (Is a directory); "
    "nothing there was changed",
)
def _(tmp, data, out, mp):
    (out / "en" / "supplement-egdi-kazakhstan-article-2022.xlsx").mkdir()
    return ["supplement", "--lang", "en", "--out", out]


@case("an empty data directory", "{tmp}/empty: not a data directory (no countries.csv); *")
def _(tmp, data, out, mp):
    (tmp / "empty").mkdir()
    return ["stats", "--group", "cis", "--data-dir", tmp / "empty"]


@case("ingest into a data directory that is a loop", "{tmp}/loop: a loop of symbolic links")
def _(tmp, data, out, mp):
    return ["ingest", "--data-dir", _loop(tmp, "loop"), _next_survey(tmp)]


@case("init into a symbolic link", "{tmp}/loop: a symbolic link; give the new directory itself")
def _(tmp, data, out, mp):
    return ["init", _loop(tmp, "loop")]


@case(
    "the panel a symbolic link to nothing", "{data}/egdi.csv: a symbolic link to a missing file *"
)
def _(tmp, data, out, mp):
    (data / "egdi.csv").rename(tmp / "moved.csv")
    (data / "egdi.csv").symlink_to(tmp / "unmounted" / "egdi.csv")
    return ["ingest", "--data-dir", data, _next_survey(tmp)]


@case(
    "a panel cut in the middle of a number", "{data}/egdi.csv:*: * is not a value of five decimals"
)
def _(tmp, data, out, mp):
    panel = (data / "egdi.csv").read_bytes()
    _write(data / "egdi.csv", panel[: panel.index(b"\n", 60_000) - 3])
    return ["brief", "KAZ", "--lang", "en", "--data-dir", data, "--out", out]


@case("an income table with its header only", "{data}/income.csv:2: no income classifications; *")
def _(tmp, data, out, mp):
    header = (data / "income.csv").read_text(encoding="utf-8").splitlines()[0]
    _write(data / "income.csv", (header + "\n").encode())
    return ["brief", "KAZ", "--lang", "en", "--data-dir", data, "--out", out]


@case(
    "provenance pointing the check at another file",
    "{data}/provenance.json: 'panel' names 'nothere.csv', not 'egdi.csv'; restore it *",
)
def _(tmp, data, out, mp):
    record = json.loads((data / "provenance.json").read_text(encoding="utf-8"))
    record["panel"]["file"] = "nothere.csv"
    _write(data / "provenance.json", json.dumps(record).encode())
    return ["validate", "--data-dir", data]


@case("provenance nested too deeply", "{data}/provenance.json: not valid JSON (nested too deeply)")
def _(tmp, data, out, mp):
    _write(data / "provenance.json", b"[" * 100_000 + b"]" * 100_000)
    return ["brief", "KAZ", "--lang", "en", "--data-dir", data, "--out", out]


@case("claims nested too deeply", "{tmp}/claims.yaml: YAML error: nested too deeply")
def _(tmp, data, out, mp):
    return ["audit", _write(tmp / "claims.yaml", b"claims: " + b"[" * 20_000 + b"]" * 20_000)]


@case("a claim's place given as text", "{tmp}/claims.yaml:2: a: 'where' must map names to texts")
def _(tmp, data, out, mp):
    return ["audit", _claims(tmp, GOOD_CLAIM + '    where: "table 1"\n')]


@case("a claim at position 0", "{tmp}/claims.yaml:4: a: position 0 is not 1 or more")
def _(tmp, data, out, mp):
    text = GOOD_CLAIM.replace(
        "{statistic: value, country: KAZ, indicator: egdi, year: 2022}",
        "{statistic: top_value, set: {group: VH}, indicator: egdi, position: 0, year: 2022}",
    )
    return ["audit", _claims(tmp, text)]


@case("a claim's year not a whole number", "{tmp}/claims.yaml:4: a: year 2022.5 is not a year")
def _(tmp, data, out, mp):
    return ["audit", _claims(tmp, GOOD_CLAIM.replace("year: 2022", "year: 2022.5"))]


@case("a claim with an unknown key", "{tmp}/claims.yaml:2: claim: unknown key(s) colour; *")
def _(tmp, data, out, mp):
    return ["audit", _claims(tmp, GOOD_CLAIM + "    colour: red\n")]


@case("a claims file without end", "/dev/zero: larger than 16 MB: not a claims file")
def _(tmp, data, out, mp):
    return ["audit", "/dev/zero"]


@case("an export without end", "/dev/zero:1: a line longer than 20 MB")
def _(tmp, data, out, mp):
    return ["ingest", "--dry-run", "--data-dir", data, "/dev/zero"]


@case("a file name with bytes that are not UTF-8", "{tmp}/bad\\xff.csv: no such file")
def _(tmp, data, out, mp):
    return ["ingest", "--data-dir", data, tmp / "bad\udcff.csv"]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def temporary_files(*directories: Path) -> list[Path]:
    return [p for d in directories for p in d.rglob("*.tmp")]


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_and_faults(cli, case, data_copy, built, tmp_path, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    setup, message = CASES[case]
    args = setup(tmp_path, data_copy, out, monkeypatch)
    before = tree_digest(data_copy), tree_digest(out)

    result = cli(*args)

    assert result.exit_code == 2, (result.stdout, result.stderr)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    expected = message.format(tmp=tmp_path, data=data_copy, out=out)
    pattern = ".*".join(re.escape(part) for part in f"error: {expected}".split("*"))
    assert re.fullmatch(pattern, errors[0]), errors[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert (tree_digest(data_copy), tree_digest(out)) == before
    assert temporary_files(data_copy, out) == []


def test_a_full_disk_midway_through_a_supplement_leaves_the_previous_one_whole(
    cli, tmp_path, monkeypatch
):
    claims = tmp_path / "article.yaml"
    claims.write_text(GOOD_CLAIM, encoding="utf-8")
    out = tmp_path / "out"
    first = cli("supplement", "--claims", claims, "--lang", "en", "--out", out)
    assert first.exit_code == 0, first.stderr
    files = first.stdout.split()
    assert len(files) == 8  # the PDF, S1-S6.csv and the workbook
    before = tree_digest(out)

    claims.write_text(GOOD_CLAIM.replace("0,8628", "0,8629"), encoding="utf-8")  # new S6
    calls = []
    real_fsync = os.fsync

    def full_at_the_last_file(fd):
        calls.append(fd)
        if len(calls) == len(files):
            _no_space()
        real_fsync(fd)

    monkeypatch.setattr(storage.os, "fsync", full_at_the_last_file)
    result = cli("supplement", "--claims", claims, "--lang", "en", "--out", out)

    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.endswith(NO_SPACE + "\n")
    assert len(calls) == len(files)
    assert tree_digest(out) == before  # no table of the new set replaced one of the old
    assert temporary_files(out) == []


def test_a_million_rows_are_refused_in_bounded_memory(cli, data_copy, tmp_path):
    lines = un_export(2022).read_text(encoding="utf-8").splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    path = tmp_path / "EGOV_DATA_huge.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(header)
        for _ in range(1_000_000 // len(rows) + 1):
            handle.writelines(rows)
    assert path.stat().st_size > 50_000_000
    before = tree_digest(data_copy)

    tracemalloc.start()
    try:
        result = cli("ingest", "--data-dir", data_copy, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {path}:{MAX_EXPORT_ROWS + 2}: more than {MAX_EXPORT_ROWS} data rows: a UN Data "
        "Center export has one row per country and survey year\n"
    )
    assert peak < 100_000_000, f"{peak / 1e6:.0f} MB"  # the file is read row by row
    assert tree_digest(data_copy) == before


def test_many_bad_rows_list_the_first_ones_and_count_the_rest(cli, data_copy, tmp_path):
    lines = un_export(2022).read_text(encoding="utf-8").splitlines()
    broken = [lines[0]] + [line.replace(",0.", ",x.", 1) for line in lines[1:]]
    path = _write(tmp_path / "broken.csv", "\n".join(broken).encode())
    result = cli("ingest", "--data-dir", data_copy, path)
    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert len(errors) == MAX_ERRORS_LISTED + 1
    assert (
        errors[-1]
        == f"error: {path}: {len(lines) - 1 - MAX_ERRORS_LISTED} more problems not listed"
    )


def test_debug_shows_the_traceback(cli, tmp_path):
    result = cli("--debug", "brief", "Kazakstan", "--out", tmp_path)
    assert result.exit_code == 2
    assert "Traceback" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("error: unknown country 'Kazakstan'")
    assert "Traceback" not in cli("brief", "Kazakstan", "--out", tmp_path).stderr


def test_an_internal_error_is_one_line_unless_debugging(monkeypatch, capsys):
    from report.cli import app as cli
    from report.compute import stats

    def bug(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(stats, "country_profile", bug)
    monkeypatch.setattr(sys, "argv", ["egdi", "country", "KAZ"])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 3
    assert capsys.readouterr().err == (
        "internal error: ZeroDivisionError: division by zero (run with --debug for the traceback)\n"
    )
    monkeypatch.setattr(sys, "argv", ["egdi", "--debug", "country", "KAZ"])
    with pytest.raises(ZeroDivisionError):  # the traceback is Python's own
        cli.main()


def test_ctrl_c_in_a_batch_leaves_only_whole_documents(tmp_path):
    out, scratch = tmp_path / "out", tmp_path / "scratch"
    scratch.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "report", "brief", "--all", "--lang", "en", "--jobs", "2",
         "--out", out],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        start_new_session=True, env={**os.environ, "TMPDIR": str(scratch)},
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while len(list(out.glob("en/*.pdf"))) < 3 and time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, stderr = process.communicate(timeout=120)

    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1] == INTERRUPTED
    pdfs = sorted(out.glob("en/*.pdf"))
    assert 3 <= len(pdfs) < 193
    for pdf in pdfs:
        assert len(PdfReader(pdf).pages) >= 3, pdf.name
    assert temporary_files(out) == []
    # the manifest remembers documents finished before the interruption, and only real ones
    recorded = json.loads((out / ".egdi-build.json").read_text())
    assert recorded and {out / name for name in recorded} <= set(pdfs)
    assert list(scratch.iterdir()) == []  # the workers' copies of the fonts are removed


def test_a_document_leaves_nothing_in_the_temporary_directory(tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "report", "brief", "KAZ", "--lang", "en", "--out", tmp_path],
        capture_output=True, text=True, env={**os.environ, "TMPDIR": str(scratch)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert list(scratch.iterdir()) == []


def _egdi(*args, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "report", *map(str, args)], capture_output=True, timeout=120,
        **options,
    )  # fmt: skip


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["country", "KAZ", "--lang", "ru"], ["country", "KAZ", "--json"]])
def test_output_to_a_full_device_is_one_line(args):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "report", *args], stdout=full, stderr=subprocess.PIPE,
            text=True, timeout=120,
        )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == "error: <stdout>: no space left on the device\n"


def test_a_terminal_that_cannot_show_cyrillic_is_one_line():
    result = _egdi(
        "stats", "--group", "cis", "--lang", "kk", env={**os.environ, "PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "error: <stdout>: its encoding (ascii) cannot show this text; use a UTF-8 locale "
        "(LANG=C.UTF-8) or set PYTHONIOENCODING=utf-8\n"
    )


def test_a_closed_pipe_is_quiet():
    process = subprocess.Popen(
        [sys.executable, "-m", "report", "country", "KAZ", "--lang", "kk"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    process.stdout.close()  # the reader has gone before the first line, as `| head -0` does
    stderr = process.stderr.read()
    process.wait(timeout=120)
    assert process.returncode == 1
    assert stderr == b""


def test_an_export_read_from_a_pipe_is_read_once(cli, data_copy, tmp_path):
    export = _next_survey(tmp_path)
    result = _egdi("ingest", "--data-dir", data_copy, "/dev/stdin", input=export.read_bytes())
    assert result.returncode == 0, result.stderr
    assert b"193 rows, survey year" in result.stdout
    provenance = json.loads((data_copy / "provenance.json").read_text(encoding="utf-8"))
    source = next(s for s in provenance["panel_sources"] if s["survey_years"] == [NEXT])
    assert source["sha256"] == hashlib.sha256(export.read_bytes()).hexdigest()
    assert source["bytes"] == export.stat().st_size
    assert cli("validate", "--data-dir", data_copy).exit_code == 0


def test_json_output_has_null_where_a_number_is_not_finite(capsys):
    from report.cli.app import _print_json

    _print_json({"r": float("nan"), "values": [1.5, float("inf")], "n": 3})
    assert json.loads(capsys.readouterr().out) == {"r": None, "values": [1.5, None], "n": 3}


def test_without_stdout_the_output_goes_nowhere_and_errors_stay_on_stderr(tmp_path):
    closed = subprocess.run(
        [sys.executable, "-m", "report", "country", "KAZ", "--json"], stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1), timeout=120,
    )  # fmt: skip  # as `egdi country KAZ --json >&-`
    assert (closed.returncode, closed.stderr) == (0, b"")
    with (tmp_path / "out.json").open("w") as out:
        result = subprocess.run(
            [sys.executable, "-m", "report", "country", "XXX", "--json"], stdout=out,
            stderr=subprocess.DEVNULL, timeout=120,
        )  # fmt: skip
    assert result.returncode == 2
    assert (tmp_path / "out.json").read_text() == ""  # the error did not go to stdout


def test_a_workbook_on_stdin_is_read_as_a_workbook(cli, data_copy):
    from conftest import OGHIST_XLSX

    result = _egdi(
        "ingest-income", "--data-dir", data_copy, "/dev/stdin", input=OGHIST_XLSX.read_bytes()
    )
    assert result.returncode == 0, result.stderr
    assert b"7042 classifications" in result.stdout


def test_claims_text_is_shown_as_text_not_markup(cli, tmp_path):
    claims = _claims(
        tmp_path,
        GOOD_CLAIM.replace("id: a", 'id: "ref[red]x"') + '    where: {item: "see [/b] note"}\n',
    )
    result = cli("audit", claims)
    assert result.exit_code == 0, result.stderr
    assert "ref[red]x" in result.stdout and "[/b]" in result.stdout
