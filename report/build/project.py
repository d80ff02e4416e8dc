"""A user's report series: egdi.toml names the data, the output, the languages, the documents
to build, the user's own groups, branding and directories that override shipped files.

load_project() reads and checks the file (the standard library's tomllib); Project.dataset()
loads the data with the user's groups, checked against the country table; requests() lists
the documents. Paths in the file are relative to the file's directory. Without a file, the
defaults hold: Project() builds what `egdi build` always built.
"""

from __future__ import annotations

import re
import tomllib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from report.build.documents import (
    DEFAULT_COUNTRY,
    DEFAULT_GROUP,
    DEFAULT_LANGUAGES,
    SHIPPED,
    clash,
    supplement_year,
)
from report.build.outputs import with_languages
from report.build.request import (
    DEFAULT_SINCE,
    FORMATS,
    NAME_FIELDS,
    NAMES,
    DocumentRequest,
    check_separator,
    parse_formats,
)
from report.compute.selection import group_key, group_names
from report.compute.study import check_since
from report.data.dataset import Dataset, load_dataset
from report.data.project import Branding, Look, UserGroup
from report.errors import ReportError, shown
from report.words.groups import FORMS
from report.words.text import LANGUAGES

PROJECT_FILE = "egdi.toml"
_KEY = re.compile(r"[a-z][a-z0-9_-]*\Z")  # a user group's key: lower case, no ':' or ','
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\Z")
_MAX_BYTES = 1 << 20


class ProjectError(ReportError):
    """A fault of the project file: its path, the key and the problem on one line."""

    def __init__(self, path: Path, key: str, problem: str):
        super().__init__(f"{shown(path)}: {key}: {problem}" if key else f"{shown(path)}: {problem}")


@dataclass(frozen=True)
class Documents:
    """The documents a project builds: brief countries (or 'all') with peers, analyses and
    supplements as (focus, group, since[, claims]) as the file gives them."""

    briefs: tuple[tuple[tuple[str, ...] | str, str | None], ...] = (((DEFAULT_COUNTRY,), None),)
    analyses: tuple[tuple[str, str, int], ...] = ((DEFAULT_COUNTRY, DEFAULT_GROUP, DEFAULT_SINCE),)
    supplements: tuple[tuple[str, str, int, Path | None], ...] = ()


@dataclass(frozen=True)
class Project:
    """A project file's settings, checked (path None: no file, the shipped defaults)."""

    path: Path | None = None
    data_dir: Path | None = None
    out_dir: Path = Path("out")
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    year: int | None = None
    names: tuple[tuple[str, str], ...] = ()
    documents: Documents = field(default_factory=Documents)
    groups: tuple[tuple[str, tuple[str, ...], tuple], ...] = ()  # key, members as typed, names
    look: Look = SHIPPED
    # what each document is written as: without a project file every format (the default
    # documents); a file without formats: each kind's default (report/build/request.py)
    formats: tuple[str, ...] = FORMATS
    separator: str = ","  # of the CSV files

    def dataset(self, data_dir: Path | None = None) -> Dataset:
        """The project's data (data_dir, if given, instead of its own) with its groups."""
        from report.data import paths

        ds = load_dataset(data_dir or self.data_dir or paths.default_data_dir())
        return ds.with_groups(self.user_groups(ds))

    def user_groups(self, ds: Dataset) -> tuple[UserGroup, ...]:
        """The project's groups, their members resolved on the data's country table."""
        taken = set(group_names(ds))
        groups = []
        for key, members, names in self.groups:
            if key in taken:
                self.fail(f"groups.{key}", "duplicate group name: the data already define it")
            codes = tuple(dict.fromkeys(self._member(ds, key, i, m) for i, m in enumerate(members)))
            groups.append(UserGroup(key, codes, names))
        return tuple(groups)

    def _member(self, ds: Dataset, key: str, index: int, token: str) -> str:
        try:
            return ds.countries.resolve(token)
        except ReportError as exc:
            self.fail(f"groups.{key}.members[{index}]", str(exc))

    def fail(self, key: str, problem: str):
        """Raise the one-line error of a key of this project's file."""
        raise ProjectError(self.path or Path(PROJECT_FILE), key, problem)

    def names_for(self, kind: str) -> str | None:
        """The file-name pattern of a kind of document (None: the default)."""
        return dict(self.names).get(kind)


def find_project(config: Path | None, directory: Path = Path(".")) -> Project:
    """The project of a command: the file given, else egdi.toml in the directory, else the
    defaults."""
    if config is not None:
        return load_project(config)
    candidate = directory / PROJECT_FILE
    return load_project(candidate) if candidate.is_file() else Project()


def load_project(path: Path) -> Project:
    """Read and check a project file; a fault is one line naming the file, the key (or the
    line, for TOML syntax) and the problem."""
    path = Path(path)
    table = _read_toml(path)
    base = path.parent
    reader = _Reader(path, base)
    reader.keys(table, "", TOP_KEYS)
    return Project(
        path=path,
        data_dir=reader.path(table, "data", must_exist=True),
        out_dir=reader.path(table, "out") or base / "out",
        languages=reader.languages(table),
        formats=reader.formats(table),
        separator=reader.separator(table),
        year=table.get("year"),  # type-checked by keys()
        names=reader.names(table.get("names", {})),
        documents=reader.documents(table),
        groups=reader.groups(table.get("groups", {})),
        look=reader.look(table),
    )


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            raw = handle.read(_MAX_BYTES + 1)
    except OSError as exc:
        from report.errors import os_error_line

        raise ReportError(os_error_line(exc)) from None
    if len(raw) > _MAX_BYTES:
        raise ProjectError(path, "", "larger than 1 MB; not a project file")
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ProjectError(path, "", f"not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column \d+\)|\(at end of document\)", str(exc))
        where = f"line {found[1]}" if found and found[1] else "end of file"
        problem = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        raise ProjectError(path, where, f"not valid TOML: {problem}") from None


TOP_KEYS = {
    "data": str,
    "out": str,
    "languages": list,
    "formats": (list, str),
    "csv_separator": str,
    "year": int,
    "names": dict,
    "briefs": list,
    "analyses": list,
    "supplements": list,
    "groups": dict,
    "branding": dict,
    "overrides": dict,
}
BRIEF_KEYS = {"countries": (list, str), "group": str, "peers": str}  # peers: group's old name
ANALYSIS_KEYS = {"focus": str, "group": str, "since": int}
SUPPLEMENT_KEYS = {"claims": str, "focus": str, "group": str, "since": int}
BRANDING_KEYS = {
    "organisation": (dict, str),
    "logo": str,
    "accent": str,
    "author": (dict, str),
    "subject": (dict, str),
    "prepared_by": bool,
}
OVERRIDE_KEYS = {"templates": str, "catalogs": str}
_TYPE_NAMES = {
    str: "a string",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "a table",
}


class _Reader:
    """Checks the tables of one project file, naming each fault by its dotted key."""

    def __init__(self, path: Path, base: Path):
        self.file, self.base = path, base

    def fail(self, key: str, problem: str):
        raise ProjectError(self.file, key, problem)

    def keys(self, table: dict, prefix: str, allowed: dict) -> None:
        """Refuse unknown keys and values of the wrong type."""
        for key, value in table.items():
            where = f"{prefix}{key}"
            if key not in allowed:
                self.fail(where, f"unknown key; known: {', '.join(allowed)}")
            self.check_type(where, value, allowed[key])

    def check_type(self, where: str, value: object, wanted) -> None:
        """Refuse a value that is not of the wanted type(s)."""
        kinds = wanted if isinstance(wanted, tuple) else (wanted,)
        ok = any(isinstance(value, k) and not (k is int and isinstance(value, bool)) for k in kinds)
        if not ok:
            expected = " or ".join(_TYPE_NAMES[k] for k in kinds)
            self.fail(where, f"must be {expected}, not {_toml_type(value)}")

    def text(self, where: str, value: object) -> str:
        """A non-empty string."""
        self.check_type(where, value, str)
        if not value.strip():
            self.fail(where, "is empty")
        return value.strip()

    def path(self, table: dict, key: str, must_exist: bool = False) -> Path | None:
        """A path relative to the project's directory."""
        if key not in table:
            return None
        path = self.base / self.text(key, table[key])
        if must_exist and not path.exists():
            self.fail(key, f"no such directory: {shown(path)}")
        return path

    def languages(self, table: dict) -> tuple[str, ...]:
        """The languages, checked."""
        langs = table.get("languages", list(DEFAULT_LANGUAGES))
        for i, lang in enumerate(langs):
            if lang not in LANGUAGES:
                self.fail(f"languages[{i}]", f"unknown language {lang!r}; choose from ru, kk, en")
        if not langs:
            self.fail("languages", "is empty")
        return tuple(dict.fromkeys(langs))

    def formats(self, table: dict) -> tuple[str, ...]:
        """What the documents are written as: a list of formats or "all" (default: the PDF,
        a supplement also its CSV tables and workbook)."""
        if "formats" not in table:
            return ()
        try:
            return parse_formats(table["formats"])
        except ReportError as exc:
            self.fail("formats", str(exc))

    def separator(self, table: dict) -> str:
        """The CSV files' separator: ',' (the default) or ';'."""
        try:
            return check_separator(table.get("csv_separator", ","))
        except ReportError as exc:
            self.fail("csv_separator", str(exc))

    def names(self, table: dict) -> tuple[tuple[str, str], ...]:
        """The file-name patterns, each with known fields and at most one folder."""
        self.keys(table, "names.", dict.fromkeys(NAMES, str))
        for kind, pattern in table.items():
            fields = re.findall(r"{([^{}]*)}", pattern)
            unknown = [f for f in fields if f not in NAME_FIELDS]
            if unknown:
                self.fail(
                    f"names.{kind}",
                    f"unknown field {{{unknown[0]}}}; known: "
                    + ", ".join(f"{{{f}}}" for f in NAME_FIELDS),
                )
            if pattern.count("/") > 1 or ".." in pattern or pattern.startswith("/"):
                self.fail(f"names.{kind}", "at most one folder, inside the output directory")
            if pattern.lower().endswith((".pdf", ".xlsx")):
                self.fail(f"names.{kind}", "leave out the extension: egdi adds .pdf (and .xlsx)")
        return tuple(table.items())

    def documents(self, table: dict) -> Documents:
        """The documents to build; none listed: the defaults."""
        if not any(k in table for k in ("briefs", "analyses", "supplements")):
            return Documents()
        return Documents(
            tuple(self.brief(i, t) for i, t in self.tables(table, "briefs", BRIEF_KEYS)),
            tuple(self.analysis(i, t) for i, t in self.tables(table, "analyses", ANALYSIS_KEYS)),
            tuple(
                self.supplement(i, t) for i, t in self.tables(table, "supplements", SUPPLEMENT_KEYS)
            ),
        )

    def tables(self, table: dict, key: str, allowed: dict):
        """The entries of an array of tables, each checked."""
        for i, entry in enumerate(table.get(key, [])):
            self.check_type(f"{key}[{i}]", entry, dict)
            self.keys(entry, f"{key}[{i}].", allowed)
            yield i, entry

    def brief(self, i: int, entry: dict):
        """(countries or 'all', the group compared with)."""
        where = f"briefs[{i}].countries"
        countries = entry.get("countries")
        if countries is None:
            self.fail(where, 'missing; give a list of countries or "all"')
        group = self.brief_group(i, entry)
        if isinstance(countries, str):
            if countries != "all":
                self.fail(where, 'must be a list of countries or "all"')
            if group is not None:
                self.fail(f"briefs[{i}].group", 'countries = "all" takes the default peers')
            return "all", None
        codes = tuple(self.text(f"{where}[{n}]", c) for n, c in enumerate(countries))
        if not codes:
            self.fail(where, "is empty")
        return codes, group

    def brief_group(self, i: int, entry: dict) -> str | None:
        """A brief's group, under its name or (deprecated) its old name peers."""
        if "peers" not in entry:
            return entry.get("group")
        if "group" in entry:
            self.fail(f"briefs[{i}]", "give group or peers (its old name), not both")
        warnings.warn(
            ProjectWarning(
                f"{shown(self.file)}: briefs[{i}].peers is deprecated and will go in a later "
                "version; use group"
            ),
            stacklevel=2,
        )
        return entry["peers"]

    def analysis(self, i: int, entry: dict):
        """(focus, group, since)."""
        return (
            entry.get("focus", DEFAULT_COUNTRY),
            entry.get("group", DEFAULT_GROUP),
            entry.get("since", DEFAULT_SINCE),
        )

    def supplement(self, i: int, entry: dict):
        """(focus, group, since, claims)."""
        claims = self.path(entry, "claims")
        if claims is not None and not claims.is_file():
            self.fail(f"supplements[{i}].claims", f"no such file: {shown(claims)}")
        return (*self.analysis(i, entry), claims)

    def groups(self, table: dict) -> tuple:
        """The user's groups: (key, members as typed, names per language)."""
        found = []
        for key, entry in table.items():
            where = f"groups.{key}"
            if not _KEY.match(key):
                self.fail(where, "a group's name is lower-case letters, digits, '_' or '-'")
            self.check_type(where, entry, dict)
            self.keys(entry, f"{where}.", {"members": list, **dict.fromkeys(LANGUAGES, dict)})
            members = entry.get("members") or self.fail(f"{where}.members", "missing or empty")
            typed = tuple(self.text(f"{where}.members[{n}]", m) for n, m in enumerate(members))
            names = tuple((lang, self.forms(where, lang, entry)) for lang in LANGUAGES)
            found.append((key, typed, names))
        return tuple(found)

    def forms(self, where: str, lang: str, entry: dict) -> tuple[tuple[str, str], ...]:
        """A group's name in one language, in every form its sentences take."""
        given = entry.get(lang)
        if given is None:
            self.fail(f"{where}.{lang}", "missing: give " + ", ".join(FORMS[lang]))
        self.keys(given, f"{where}.{lang}.", dict.fromkeys(FORMS[lang], str))
        missing = [form for form in FORMS[lang] if form not in given]
        if missing:
            self.fail(f"{where}.{lang}", "missing the forms " + ", ".join(missing))
        return tuple(
            (form, self.text(f"{where}.{lang}.{form}", given[form])) for form in FORMS[lang]
        )

    def look(self, table: dict) -> Look:
        """Branding and the override directories."""
        branding = table.get("branding", {})
        self.keys(branding, "branding.", BRANDING_KEYS)
        overrides = table.get("overrides", {})
        self.keys(overrides, "overrides.", OVERRIDE_KEYS)
        accent = branding.get("accent")
        if accent is not None and not _COLOUR.match(accent):
            self.fail("branding.accent", f"{accent!r} is not a colour as #RRGGBB")
        brand = Branding(
            organisation=self.per_language(branding, "organisation"),
            logo=self.logo(branding),
            accent=accent,
            author=self.per_language(branding, "author"),
            subject=self.per_language(branding, "subject"),
            prepared_by=branding.get("prepared_by", False),
        )
        dirs = {key: self.directory(overrides, key) for key in OVERRIDE_KEYS}
        _warn_unused(dirs["templates"], dirs["catalogs"])
        look = Look(brand, dirs["templates"], dirs["catalogs"], self.base.resolve())
        return SHIPPED if look == Look(root=look.root) else look

    def per_language(self, table: dict, key: str) -> tuple[tuple[str, str], ...]:
        """A text per language: a table {ru, kk, en}, or one string for all."""
        value = table.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple((lang, self.text(f"branding.{key}", value)) for lang in LANGUAGES)
        self.keys(value, f"branding.{key}.", dict.fromkeys(LANGUAGES, str))
        return tuple((lang, self.text(f"branding.{key}.{lang}", v)) for lang, v in value.items())

    def logo(self, branding: dict) -> Path | None:
        """The logo: an SVG or PNG file inside the project's directory."""
        if "logo" not in branding:
            return None
        path = self.base / self.text("branding.logo", branding["logo"])
        if not path.resolve().is_relative_to(self.base.resolve()):
            self.fail("branding.logo", f"{shown(path)} is outside the project's directory")
        if path.suffix.lower() not in (".svg", ".png"):
            self.fail("branding.logo", "must be an SVG or PNG file")
        if not path.is_file():
            self.fail("branding.logo", f"no such file: {shown(path)}")
        problem = _image_problem(path)
        if problem:
            self.fail("branding.logo", f"{shown(path)}: {problem}")
        return path.resolve()

    def directory(self, table: dict, key: str) -> Path | None:
        """An override directory inside the project's directory, which must exist."""
        path = self.path(table, key)
        if path is None:
            return None
        if not path.is_dir():
            self.fail(f"overrides.{key}", f"no such directory: {shown(path)}")
        if not path.resolve().is_relative_to(self.base.resolve()):
            self.fail(f"overrides.{key}", f"{shown(path)} is outside the project's directory")
        return path


class ProjectWarning(UserWarning):
    """A file in an override directory that replaces nothing (it is never used)."""


def _warn_unused(templates: Path | None, catalogs: Path | None) -> None:
    """Say which override files replace nothing: a template name the package does not ship,
    a catalog not at <lang>/LC_MESSAGES/messages.po."""
    from report.render.pdf import templates_dir

    shipped = {p.relative_to(templates_dir()) for p in templates_dir().rglob("*") if p.is_file()}
    for path in sorted(templates.rglob("*") if templates else []):
        if (
            path.is_file()
            and not path.name.startswith(".")
            and path.relative_to(templates) not in shipped
        ):
            warnings.warn(
                ProjectWarning(f"{shown(path)}: no shipped template has this name; it is not used"),
                stacklevel=2,
            )
    wanted = {Path(lang) / "LC_MESSAGES" / "messages.po" for lang in LANGUAGES}
    for path in sorted(catalogs.rglob("*.po") if catalogs else []):
        if path.relative_to(catalogs) not in wanted:
            warnings.warn(
                ProjectWarning(
                    f"{shown(path)}: not used; a catalog goes to "
                    "<lang>/LC_MESSAGES/messages.po (ru, kk, en)"
                ),
                stacklevel=2,
            )


_PNG = b"\x89PNG\r\n\x1a\n"
_MAX_LOGO_BYTES = 4 << 20


def _image_problem(path: Path) -> str | None:
    """Why a logo cannot be drawn (not an SVG document, not a PNG, too large), or None."""
    data = path.read_bytes()
    if len(data) > _MAX_LOGO_BYTES:
        return "larger than 4 MB; not a logo"
    if path.suffix.lower() == ".png":
        return None if data.startswith(_PNG) else "not a PNG image"
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return f"not a readable SVG ({exc})"
    return None if root.tag.rsplit("}", 1)[-1] == "svg" else "not an SVG document (no <svg> root)"


def _toml_type(value: object) -> str:
    names = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }
    return next((n for k, n in names.items() if isinstance(value, k)), type(value).__name__)


def requests(project: Project, ds: Dataset, year: int | None = None) -> list[DocumentRequest]:
    """The documents of a project in each of its languages, 'all' briefs left out (the batch
    builds them, see all_briefs); an unknown country or group, or a bad since, is an error
    naming its key before any document is built."""
    year = ds.check_year(year or project.year)
    found: list[DocumentRequest] = []
    for i, (countries, peers) in enumerate(project.documents.briefs):
        if countries == "all":
            continue
        if peers is not None:
            _checked(project, f"briefs[{i}].group", group_key, ds, year, peers)
        for n, country in enumerate(countries):
            iso3 = _checked(project, f"briefs[{i}].countries[{n}]", ds.countries.resolve, country)
            found += _each_language(project, "brief", iso3, year, peers=peers)
    for i, (focus, name, since) in enumerate(project.documents.analyses):
        iso3, key = _focus_and_group(project, f"analyses[{i}]", ds, year, focus, name, since)
        found += _each_language(project, "analysis", iso3, year, group=key, since=since)
    for i, (focus, name, since, claims) in enumerate(project.documents.supplements):
        when = _checked(project, f"supplements[{i}].claims", supplement_year, ds, claims,
                        project.year)  # fmt: skip
        iso3, key = _focus_and_group(project, f"supplements[{i}]", ds, when, focus, name, since)
        found += _each_language(
            project, "supplement", iso3, when, group=key, since=since, claims=claims
        )
    _check_names(project, found)
    return with_languages(found)


def _check_names(project: Project, found: list[DocumentRequest]) -> None:
    """Refuse file-name patterns under which two of the project's documents, in any of its
    languages, would share a file."""
    pair = clash(found, project.out_dir)
    if pair is None:
        return
    other, request = pair
    problem = (
        f"{other.command} and {request.command} would both be written to "
        f"{shown(request.target(project.out_dir))}; the pattern must tell them apart"
    )
    if project.path is None:
        raise ReportError(problem)
    project.fail(f"names.{request.kind}" if project.names_for(request.kind) else "", problem)


def _focus_and_group(project, where, ds, year, focus, name, since) -> tuple[str, str]:
    """The ISO3 code of a focus country and the key of its group, both checked, and its
    since checked against the surveys that assessed it."""
    iso3 = _checked(project, f"{where}.focus", ds.countries.resolve, focus)
    key = _checked(project, f"{where}.group", group_key, ds, year, name)
    _checked(project, f"{where}.since", check_since, ds, iso3, year, since)
    return iso3, key


def _each_language(project: Project, kind: str, iso3: str, year: int, **options):
    names = project.names_for(kind)
    return [
        DocumentRequest(
            kind,
            iso3,
            year,
            lang,
            names=names,
            formats=project.formats,
            separator=project.separator,
            **options,
        )
        for lang in project.languages
    ]


def _checked(project: Project, key: str, check, *args):
    """check(*args), its error said as one of the project file's key."""
    try:
        return check(*args)
    except ReportError as exc:
        if project.path is None:
            raise
        project.fail(key, str(exc))


def all_briefs(project: Project) -> bool:
    """Whether the project builds every country's brief (a world refresh)."""
    return any(countries == "all" for countries, _ in project.documents.briefs)


SCAFFOLD = Path(__file__).with_name("scaffold.toml")


def new_project(directory: Path) -> Path:
    """Write DIRECTORY/egdi.toml (commented, the shipped defaults); refuse to overwrite one."""
    from report.data.storage import atomic_write_bytes

    target = Path(directory) / PROJECT_FILE
    if target.exists() or target.is_symlink():
        raise ReportError(f"{shown(target)}: already exists; edit it, or choose another directory")
    try:
        Path(directory).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from report.errors import os_error_line

        raise ReportError(os_error_line(exc)) from None
    atomic_write_bytes(target, SCAFFOLD.read_bytes())
    return target
