"""What one document is: its kind, country, year, language and the rest of its options.

A DocumentRequest is the one place that knows where a document goes, what its entry in the
incremental cache (report/build/cache.py) depends on, and the command that makes it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from report.compute import DYNAMICS_SINCE
from report.errors import shown

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

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown document kind {self.kind!r}")
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

    def target(self, out_dir: Path) -> Path:
        """The PDF, which also names the document in the build manifest."""
        return self.paths(out_dir)[0]

    def paths(self, out_dir: Path) -> tuple[Path, ...]:
        """Where the document goes (NAMES): OUT/<lang>/brief-<ISO3>-<year>.pdf,
        OUT/<lang>/analysis-<ISO3>-<group>-<year>.pdf, or a supplement's PDF, CSV directory
        and XLSX, OUT/<lang>/supplement-<claims>-<year>.{pdf,,xlsx}; a document with other
        options than the defaults has them in its name (brief-KAZ-oecd-2024.pdf)."""
        stem = Path(out_dir) / (self.names or NAMES[self.kind]).format(**self.name_fields)
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
            }
        options = {
            "document": self.kind,
            "country": self.country,
            "group": self.group,
            "year": self.year,
            "since": self.since,
        }
        if self.kind == "supplement":
            options["claims"] = None if self.claims is None else str(self.claims)
        return options

    @property
    def command(self) -> str:
        """The egdi command that builds this document again (the output directory does not
        matter)."""
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


def _safe(value: str) -> str:
    """A value as a part of a file name: separators of sets and keys as hyphens."""
    return value.replace(":", "-").replace(",", "-").replace("/", "-")
