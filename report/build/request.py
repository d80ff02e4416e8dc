"""What one document is: its kind, country, year, language and the rest of its options.

A DocumentRequest is the one place that knows where a document goes, what its entry in the
incremental cache (report/build/cache.py) depends on, and the command that makes it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from report.compute import DYNAMICS_SINCE
from report.errors import ReportError, shown
from report.render.downloads import SEPARATORS

Kind = Literal["brief", "analysis", "supplement"]
KINDS: tuple[Kind, ...] = ("brief", "analysis", "supplement")
DEFAULT_SINCE = DYNAMICS_SINCE
DEFAULT_CLAIMS = Path("claims") / "egdi-kazakhstan-article.yaml"  # inside the data directory
DEFAULT_FOCUS, DEFAULT_GROUP = "KAZ", "cis"  # a supplement's, as its claims file has them
# Where each kind of document goes inside the output directory, without its extension;
# {options} says what differs from the defaults (peers, another focus or group, since).
NAMES = {
    "brief": "{lang}/brief-{country}{options}-{year}",
    "analysis": "{lang}/analysis-{country}-{group}{options}-{year}",
    "supplement": "{lang}/supplement-{claims}{options}-{year}",
}
NAME_FIELDS = ("lang", "kind", "country", "group", "peers", "since", "claims", "options", "year")
# What a document can be written as: the PDF, its HTML edition, its charts as SVG (text as
# outlines) and PNG, its charts' data and tables as CSV, its facts as JSON, its tables as an
# XLSX workbook, and a ZIP of all its files.
FORMATS = ("pdf", "html", "svg", "png", "csv", "json", "xlsx", "zip")
DEFAULT_FORMATS = {
    "brief": ("pdf",),
    "analysis": ("pdf",),
    "supplement": ("pdf", "csv", "xlsx"),
}


@dataclass(frozen=True)
class DocumentRequest:
    """One document to build. country is an ISO3 code (the focus of an analysis or a
    supplement); group is the compared group of an analysis or a supplement; peers the peer
    group of a brief (None: its default); claims the claims file of a supplement (None: the
    data directory's DEFAULT_CLAIMS)."""

    kind: Kind
    country: str
    year: int
    lang: str
    group: str | None = None
    peers: str | None = None
    since: int = DEFAULT_SINCE
    claims: Path | None = None
    names: str | None = None  # the file-name pattern (None: NAMES of its kind)
    formats: tuple[str, ...] = ()  # what to write (FORMATS; empty: DEFAULT_FORMATS of its kind)
    separator: str = ","  # of the CSV files: ';' writes decimal commas too
    languages: tuple[str, ...] = ()  # the HTML editions of the same document to link to

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown document kind {self.kind!r}")
        unknown = [f for f in self.formats if f not in FORMATS]
        if unknown:
            raise ValueError(f"unknown format {unknown[0]!r}")
        if self.separator not in SEPARATORS:
            raise ValueError(f"unknown CSV separator {self.separator!r}")
        if self.kind == "brief" and self.group is not None:
            raise ValueError("a brief takes peers, not a group")
        if self.kind != "brief" and not self.group:
            raise ValueError(f"a {self.kind} needs a group")
        if self.peers is not None and self.kind != "brief":
            raise ValueError("only a brief takes peers")
        if self.claims is not None and self.kind != "supplement":
            raise ValueError("only a supplement takes a claims file")

    @classmethod
    def brief(cls, country: str, year: int, lang: str, peers: str | None = None):
        """A country brief."""
        return cls("brief", country, year, lang, peers=peers)

    @classmethod
    def analysis(cls, focus: str, group: str, year: int, lang: str, since: int = DEFAULT_SINCE):
        """The comparative analysis of a focus country among a group."""
        return cls("analysis", focus, year, lang, group=group, since=since)

    @classmethod
    def supplement(
        cls,
        focus: str,
        group: str,
        year: int,
        lang: str,
        since: int = DEFAULT_SINCE,
        claims: Path | None = None,
    ):
        """The supplementary material of the article a claims file describes."""
        return cls("supplement", focus, year, lang, group=group, since=since, claims=claims)

    @property
    def written(self) -> tuple[str, ...]:
        """The formats written, in the order of FORMATS."""
        wanted = set(self.formats or DEFAULT_FORMATS[self.kind])
        return tuple(f for f in FORMATS if f in wanted)

    def stem(self, out_dir: Path) -> Path:
        """The document's path without an extension; its downloads go in the folder of that
        name (brief-KAZ-2024/figure-1.svg)."""
        return Path(out_dir) / (self.names or NAMES[self.kind]).format(**self.name_fields)

    def target(self, out_dir: Path) -> Path:
        """The PDF, which also names the document in the build manifest."""
        return self.paths(out_dir)[0]

    def paths(self, out_dir: Path) -> tuple[Path, ...]:
        """Where the document goes (NAMES): OUT/<lang>/brief-<ISO3>-<year>.pdf,
        OUT/<lang>/analysis-<ISO3>-<group>-<year>.pdf, or a supplement's PDF, CSV directory
        and XLSX, OUT/<lang>/supplement-<claims>-<year>.{pdf,,xlsx}; a document with other
        options than the defaults has them in its name (brief-KAZ-oecd-2024.pdf)."""
        stem = self.stem(out_dir)
        if self.kind != "supplement":
            return (stem.with_name(stem.name + ".pdf"),)
        return stem.with_name(stem.name + ".pdf"), stem, stem.with_name(stem.name + ".xlsx")

    @property
    def name_fields(self) -> dict[str, str]:
        """The values a file-name pattern takes (NAME_FIELDS), safe in a file name."""
        varied = [self.peers] if self.kind == "brief" else []
        if self.kind == "supplement" and (self.country, self.group) != (
            DEFAULT_FOCUS,
            DEFAULT_GROUP,
        ):
            varied += [self.country, self.group]
        if self.since != DEFAULT_SINCE:
            varied.append(f"since{self.since}")
        fields = {
            "lang": self.lang,
            "kind": self.kind,
            "country": self.country,
            "group": self.group or "",
            "peers": self.peers or "",
            "since": str(self.since),
            "claims": Path(self.claims or DEFAULT_CLAIMS).stem,
            "options": "".join(f"-{value}" for value in varied if value),
            "year": str(self.year),
        }
        return {key: _safe(value) for key, value in fields.items()}

    def claims_file(self, data_dir: Path) -> Path:
        """The claims file of a supplement: the one given, or the data directory's default."""
        return self.claims or Path(data_dir) / DEFAULT_CLAIMS

    @property
    def options(self) -> dict:
        """What the document's cache fingerprint takes besides data, code, assets and language.
        The keys and values are those written before requests existed (a brief's peers are
        always recorded, an analysis' since too); the fingerprint also hashes the package's
        source, so any change of the code rebuilds every document once. Supplements are
        always rebuilt today; caching them would also need the hash of a claims file kept
        outside the data directory."""
        if self.kind == "brief":
            return {
                "document": "brief",
                "country": self.country,
                "year": self.year,
                "peers": self.peers,
            } | self._output_options
        options = {
            "document": self.kind,
            "country": self.country,
            "group": self.group,
            "year": self.year,
            "since": self.since,
        }
        if self.kind == "supplement":
            options["claims"] = None if self.claims is None else str(self.claims)
        return options | self._output_options

    @property
    def _output_options(self) -> dict:
        """What is written, where it is not the default (the default documents' fingerprints
        stay those of the PDF-only builds before formats existed)."""
        options: dict = {}
        if self.written != DEFAULT_FORMATS[self.kind]:
            options["formats"] = list(self.written)
        if self.separator != ",":
            options["separator"] = self.separator
        if "html" in self.written and self.languages:
            options["languages"] = list(self.languages)
        return options

    @property
    def command(self) -> str:
        """The egdi command that builds this document again (the output directory does not
        matter)."""
        return self._document_command + self._output_arguments

    @property
    def _output_arguments(self) -> str:
        formats = self.written != DEFAULT_FORMATS[self.kind]
        separator = f" --csv-separator '{self.separator}'" if self.separator != "," else ""
        return (f" --formats {','.join(self.written)}" if formats else "") + separator

    @property
    def _document_command(self) -> str:
        if self.kind == "brief":
            group = f" --group {self.peers}" if self.peers is not None else ""
            return f"egdi brief {self.country} --year {self.year} --lang {self.lang}{group}"
        if self.kind == "analysis":
            return (
                f"egdi analysis {self.country} --group {self.group} --year {self.year} "
                f"--since {self.since} --lang {self.lang}"
            )
        # the supplement prints this line: --since only where it is not the default
        given = f" --claims {shown(self.claims)}" if self.claims is not None else ""
        since = f" --since {self.since}" if self.since != DEFAULT_SINCE else ""
        return (
            f"egdi supplement {self.country}{given} --group {self.group} "
            f"--year {self.year}{since} --lang {self.lang}"
        )


def parse_formats(items: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Formats as given ("pdf,html", ["pdf", "html"] or "all"), checked, in FORMATS order."""
    given = items.split(",") if isinstance(items, str) else list(items)
    given = [item.strip().lower() for item in given if item.strip()]
    if given == ["all"]:
        return FORMATS
    unknown = [item for item in given if item not in FORMATS]
    if unknown or not given:
        what = f"unknown format {unknown[0]!r}" if unknown else "no format given"
        raise ReportError(f"{what}: give some of {','.join(FORMATS)}, or all")
    return tuple(f for f in FORMATS if f in given)


def check_separator(separator: str) -> str:
    """A CSV separator, checked."""
    if separator not in SEPARATORS:
        raise ReportError(
            f"CSV separator {separator!r}: give ',' or ';' (';' also writes decimal commas, "
            "as Excel reads them in Russian and Kazakh settings)"
        )
    return separator


def _safe(value: str) -> str:
    """A value as a part of a file name: separators of sets and keys as hyphens."""
    return value.replace(":", "-").replace(",", "-").replace("/", "-")
