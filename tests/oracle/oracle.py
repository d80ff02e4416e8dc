"""The byte-for-byte oracle of the documents, for refactorings that must not change them.

`record` builds every document listed in CASES through the command line (the one surface
a refactoring of report/ keeps) and writes the SHA-256 of each file to manifest.json;
`check` builds them again into a scratch directory and lists every file that differs.

    .venv/bin/python tests/oracle/oracle.py check     # exit status 1 when a file differs
    .venv/bin/python tests/oracle/oracle.py record    # after a deliberate change of output

The manifest holds bytes, so it is only valid where the README's set-up ran (the shipped
fonts, the pinned libraries of constraints.txt): CI and the developers' machines.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

MANIFEST = Path(__file__).with_name("manifest.json")

# The six defaults, the supplement, and briefs chosen for what they exercise.
CASES: list[tuple[str, list[str]]] = [
    ("defaults", ["build", "--force"]),
    ("supplement", ["supplement"]),
    # surveys that gave EGDI = 0 (2003-2012), and a country with such years in its trend
    ("EGDI = 0 in the survey year", ["brief", "LBY", "--year", "2012", "--lang", "ru"]),
    ("EGDI = 0 in 2003", ["brief", "TJK", "--year", "2003", "--lang", "kk"]),
    ("EGDI = 0 years in the trend", ["brief", "CAF", "--lang", "en"]),
    # first assessments
    ("first assessed in 2012", ["brief", "SSD", "--year", "2012", "--lang", "kk"]),
    ("not assessed before 2012", ["brief", "SSD", "--lang", "ru"]),
    ("first assessed in 2008", ["brief", "MNE", "--year", "2008", "--lang", "en"]),
    # the largest regions (48 and 58 countries in the group chart)
    ("Sub-Saharan Africa", ["brief", "NGA", "--lang", "kk"]),
    ("Europe and Central Asia", ["brief", "DEU", "--lang", "ru"]),
    ("a five-page brief", ["brief", "GIN", "--lang", "kk"]),
    # peers the country is not a member of
    ("peers: OECD for Kazakhstan", ["brief", "KAZ", "--group", "oecd", "--lang", "en"]),
    ("peers: CIS for the United States", ["brief", "USA", "--group", "cis", "--lang", "kk"]),
    ("peers: Central Asia for Estonia",
     ["brief", "EST", "--group", "central_asia", "--lang", "ru"]),
    # other editions and name forms
    ("the first survey", ["brief", "USA", "--year", "2003", "--lang", "en"]),
    ("a Readiness Report", ["brief", "KAZ", "--year", "2005", "--lang", "kk"]),
    ("an article in English", ["brief", "NLD", "--year", "2022", "--lang", "en"]),
    ("tied ranks", ["brief", "DNK", "--year", "2018", "--lang", "ru"]),
    ("rank 1", ["brief", "KOR", "--year", "2010", "--lang", "kk"]),
    ("an upper-middle economy", ["brief", "BRA", "--year", "2016", "--lang", "en"]),
    ("a small island state", ["brief", "TUV", "--lang", "ru"]),
    ("Latin America", ["brief", "MEX", "--year", "2020", "--lang", "kk"]),
    # analyses other than the default
    ("analysis of Uzbekistan", ["analysis", "UZB", "--group", "central_asia"]),
    ("analysis of Estonia in 2020", ["analysis", "EST", "--group", "eu", "--year",
                                     "2020", "--lang", "en"]),
]  # fmt: skip


def _digests(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def build(out: Path) -> dict[str, dict[str, str]]:
    """Build every case into its own folder under out; SHA-256 of each file, per case."""
    from typer.testing import CliRunner

    from report.cli.app import app

    runner = CliRunner()
    found = {}
    for number, (name, args) in enumerate(CASES):
        target = out / f"{number:02d}"
        result = runner.invoke(app, [*args, "--out", str(target)], prog_name="egdi")
        if result.exit_code != 0:
            raise SystemExit(f"oracle case {name!r} failed: {result.stderr or result.output}")
        found[name] = _digests(target)
    return found


def differences(recorded: dict, built: dict) -> list[str]:
    """One line per file that is missing, new, or has other bytes."""
    lines = []
    for name in sorted(set(recorded) | set(built)):
        before, after = recorded.get(name, {}), built.get(name, {})
        for path in sorted(set(before) | set(after)):
            if before.get(path) != after.get(path):
                state = "new" if path not in before else "gone" if path not in after else "differs"
                lines.append(f"{name}: {path} {state}")
    return lines


def main(argv: list[str]) -> int:
    if argv[1:] not in (["record"], ["check"]):
        print(__doc__.strip().splitlines()[0], "\nusage: oracle.py record|check", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        built = build(Path(scratch))
    if argv[1] == "record":
        MANIFEST.write_text(json.dumps(built, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {sum(len(v) for v in built.values())} files in {MANIFEST}")
        return 0
    lines = differences(json.loads(MANIFEST.read_text(encoding="utf-8")), built)
    for line in lines:
        print(line)
    files = sum(len(v) for v in built.values())
    print(f"{files} files compared, {len(lines)} differ")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
