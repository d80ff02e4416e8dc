"""Building documents: facts, layout, HTML, PDF; one function per document, and the defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from report.build.cache import BuildCache
from report.compute.audit import load_claims
from report.compute.brief import brief_facts
from report.compute.study import study_facts
from report.compute.supplement import supplement_facts
from report.data.csvio import atomic_write_many
from report.data.dataset import Dataset
from report.layout.analysis import analysis_document
from report.layout.brief import brief_document
from report.layout.model import Document as LaidOut
from report.layout.supplement import supplement_document
from report.render.html import render_document
from report.render.pdf import pdf_bytes, write_pdf
from report.render.tables import table_files
from report.words.text import Text

DEFAULT_COUNTRY = "KAZ"
DEFAULT_GROUP = "cis"
DEFAULT_LANGUAGES = ("ru", "kk", "en")


@dataclass(frozen=True)
class Document:
    """A rendered document: where it goes and its HTML."""

    path: Path
    html: str


def brief_path(out_dir: Path, lang: str, iso3: str, year: int) -> Path:
    """Where a brief goes: OUT/<lang>/brief-<ISO3>-<year>.pdf."""
    return Path(out_dir) / lang / f"brief-{iso3}-{year}.pdf"


def analysis_path(out_dir: Path, lang: str, focus: str, group: str, year: int) -> Path:
    """Where an analysis goes: OUT/<lang>/analysis-<ISO3>-<group>-<year>.pdf."""
    safe_group = group.replace(":", "-")
    return Path(out_dir) / lang / f"analysis-{focus}-{safe_group}-{year}.pdf"


def brief_layout(ds: Dataset, iso3: str, year: int, lang: str, peers: str | None = None) -> LaidOut:
    """The brief of a country laid out in a language: its facts computed, then worded."""
    return brief_document(brief_facts(ds, iso3, year, peers), ds, Text(lang))


def analysis_layout(
    ds: Dataset, focus: str, group: str, year: int, lang: str, since: int = 2016
) -> LaidOut:
    """The comparative analysis laid out in a language: its facts computed, then worded."""
    return analysis_document(study_facts(ds, focus, group, year, since), ds, Text(lang))


def render_brief(
    ds: Dataset, iso3: str, year: int, lang: str, out_dir: Path, peers: str | None = None
) -> Document:
    """The brief's HTML and its target path."""
    html = render_document(brief_layout(ds, iso3, year, lang, peers))
    return Document(brief_path(out_dir, lang, iso3, year), html)


def build_brief(
    ds: Dataset, iso3: str, year: int | None, lang: str, out_dir: Path, peers: str | None = None
) -> Path:
    """Write the country brief PDF and return its path."""
    year = ds.check_year(year)
    document = render_brief(ds, iso3, year, lang, out_dir, peers)
    return write_pdf(document.html, document.path)


def render_analysis(
    ds: Dataset, focus: str, group: str, year: int, lang: str, out_dir: Path, since: int = 2016
) -> Document:
    """The comparative analysis' HTML and its target path."""
    html = render_document(analysis_layout(ds, focus, group, year, lang, since))
    return Document(analysis_path(out_dir, lang, focus, group, year), html)


def build_analysis(
    ds: Dataset,
    focus: str,
    group: str,
    year: int | None,
    lang: str,
    out_dir: Path,
    since: int = 2016,
) -> Path:
    """Write the comparative analysis PDF and return its path."""
    year = ds.check_year(year)
    document = render_analysis(ds, focus, group, year, lang, out_dir, since)
    return write_pdf(document.html, document.path)


def supplement_paths(out_dir: Path, lang: str, claims: Path, year: int) -> tuple[Path, Path, Path]:
    """PDF, CSV directory and XLSX of a supplement: OUT/<lang>/supplement-<claims>-<year>.*"""
    stem = Path(out_dir) / lang / f"supplement-{Path(claims).stem}-{year}"
    return stem.with_suffix(".pdf"), stem, stem.with_suffix(".xlsx")


DEFAULT_CLAIMS = Path("claims") / "egdi-kazakhstan-article.yaml"  # inside the data directory


def supplement_command(claims: Path | None, focus: str, group: str, year: int, lang: str) -> str:
    """The command that reproduces a supplement (the output directory does not matter)."""
    given = f"--claims {claims} " if claims is not None else ""
    return f"egdi supplement {given}--focus {focus} --group {group} --year {year} --lang {lang}"


def supplement_layout(
    ds: Dataset,
    claims_path: Path | None,
    focus: str,
    group: str,
    year: int | None,
    lang: str,
    since: int = 2016,
) -> LaidOut:
    """The supplement laid out in a language (claims_path None: the data's default claims)."""
    claims = load_claims(claims_path or ds.data_dir / DEFAULT_CLAIMS)
    year = ds.check_year(year if year is not None else claims.year)
    facts = supplement_facts(ds, claims, focus, group, year, since)
    command = supplement_command(claims_path, focus, group, year, lang)
    return supplement_document(facts, ds, Text(lang), command)[0]


def build_supplement(
    ds: Dataset,
    claims_path: Path | None,
    focus: str,
    group: str,
    year: int | None,
    lang: str,
    out_dir: Path,
    since: int = 2016,
) -> list[Path]:
    """Write the supplement PDF, its tables as CSV and as an XLSX workbook; return the paths.
    The files are renamed into place together, only once all of them are on disk, so a
    failure leaves the previous supplement whole rather than a mix of old and new tables."""
    claims = load_claims(claims_path or ds.data_dir / DEFAULT_CLAIMS)
    year = ds.check_year(year if year is not None else claims.year)
    facts = supplement_facts(ds, claims, focus, group, year, since)
    command = supplement_command(claims_path, focus, group, year, lang)
    document, tables = supplement_document(facts, ds, Text(lang), command)
    pdf, csv_dir, xlsx = supplement_paths(out_dir, lang, claims.path, year)
    files = {pdf: pdf_bytes(render_document(document))}
    files.update(table_files(tables, csv_dir, xlsx, year))
    atomic_write_many(files)
    return list(files)


def build_defaults(
    ds: Dataset, out_dir: Path, langs: list[str] | None = None, force: bool = False
) -> BuildCache:
    """The default documents of the latest survey, per language: the Kazakhstan brief and the
    analysis of Kazakhstan among the CIS countries. Documents whose inputs have not changed
    since the last build are kept (see report/build.py); force rebuilds them all."""
    cache = BuildCache(out_dir, force)
    year = ds.latest_year
    for lang in langs or DEFAULT_LANGUAGES:
        cache.build(
            brief_path(out_dir, lang, DEFAULT_COUNTRY, year),
            ds.data_dir,
            lang,
            {"document": "brief", "country": DEFAULT_COUNTRY, "year": year, "peers": None},
            lambda lang=lang: [build_brief(ds, DEFAULT_COUNTRY, year, lang, out_dir)],
        )
        cache.build(
            analysis_path(out_dir, lang, DEFAULT_COUNTRY, DEFAULT_GROUP, year),
            ds.data_dir,
            lang,
            {
                "document": "analysis",
                "country": DEFAULT_COUNTRY,
                "group": DEFAULT_GROUP,
                "year": year,
                "since": 2016,
            },
            lambda lang=lang: [
                build_analysis(ds, DEFAULT_COUNTRY, DEFAULT_GROUP, year, lang, out_dir)
            ],
        )
    return cache
