"""Building documents: a request -> context -> HTML -> PDF, and the default documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from report.build.cache import BuildCache
from report.build.request import DEFAULT_CLAIMS, DEFAULT_SINCE, DocumentRequest
from report.data.csvio import atomic_write_many
from report.data.dataset import Dataset
from report.render.html import pdf_bytes, render_html, write_pdf

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
    return DocumentRequest.brief(iso3, year, lang).target(out_dir)


def analysis_path(out_dir: Path, lang: str, focus: str, group: str, year: int) -> Path:
    """Where an analysis goes: OUT/<lang>/analysis-<ISO3>-<group>-<year>.pdf."""
    return DocumentRequest.analysis(focus, group, year, lang).target(out_dir)


def render_brief(
    ds: Dataset, iso3: str, year: int, lang: str, out_dir: Path, peers: str | None = None
) -> Document:
    """The brief's HTML and its target path."""
    from report.layout.brief import brief_context

    html = render_html("brief.html", brief_context(ds, iso3, year, lang, peers), lang)
    return Document(brief_path(out_dir, lang, iso3, year), html)


def build_brief(
    ds: Dataset, iso3: str, year: int | None, lang: str, out_dir: Path, peers: str | None = None
) -> Path:
    """Write the country brief PDF and return its path."""
    (path,) = build(ds, DocumentRequest.brief(iso3, ds.check_year(year), lang, peers), out_dir)
    return path


def render_analysis(
    ds: Dataset, focus: str, group: str, year: int, lang: str, out_dir: Path, since: int = 2016
) -> Document:
    """The comparative analysis' HTML and its target path."""
    from report.layout.analysis import analysis_context

    context = analysis_context(ds, focus, group, year, lang, since)
    html = render_html("analysis.html", context, lang)
    return Document(analysis_path(out_dir, lang, focus, group, year), html)


def build_analysis(
    ds: Dataset,
    focus: str,
    group: str,
    year: int | None,
    lang: str,
    out_dir: Path,
    since: int = DEFAULT_SINCE,
) -> Path:
    """Write the comparative analysis PDF and return its path."""
    request = DocumentRequest.analysis(focus, group, ds.check_year(year), lang, since)
    (path,) = build(ds, request, out_dir)
    return path


def supplement_year(ds: Dataset, claims_path: Path | None, year: int | None) -> int:
    """A supplement's survey year: the one given, else its claims file's, else the latest."""
    from report.compute.audit import load_claims

    if year is None:
        year = load_claims(claims_path or ds.data_dir / DEFAULT_CLAIMS).year
    return ds.check_year(year)


def _write_supplement(ds: Dataset, request: DocumentRequest, out_dir: Path) -> list[Path]:
    """Write the supplement PDF, its tables as CSV and as an XLSX workbook; return the paths.
    The files are renamed into place together, only once all of them are on disk, so a
    failure leaves the previous supplement whole rather than a mix of old and new tables."""
    from report.compute.audit import load_claims
    from report.layout.supplement import supplement_context, supplement_tables, table_files
    from report.words.text import Text

    claims = load_claims(request.claims_file(ds.data_dir))
    focus, group, since = request.country, request.group, request.since
    year, lang = request.year, request.lang
    tables = supplement_tables(ds, claims, focus, group, year, since, Text(lang))
    command = request.command
    context = supplement_context(ds, claims, tables, focus, group, year, lang, command)
    pdf, csv_dir, xlsx = request.paths(out_dir)
    files = {pdf: pdf_bytes(render_html("supplement.html", context, lang))}
    files.update(table_files(tables, csv_dir, xlsx, year))
    atomic_write_many(files)
    return list(files)


def build_supplement(
    ds: Dataset,
    claims_path: Path | None,
    focus: str,
    group: str,
    year: int | None,
    lang: str,
    out_dir: Path,
    since: int = DEFAULT_SINCE,
) -> list[Path]:
    """Write the supplement's PDF, CSV tables and workbook (year: see supplement_year)."""
    year = supplement_year(ds, claims_path, year)
    request = DocumentRequest.supplement(focus, group, year, lang, since, claims_path)
    return build(ds, request, out_dir)


def brief_requests(
    ds: Dataset, countries: list[str], year: int, langs: list[str], peers: str | None = None
) -> list[DocumentRequest]:
    """The briefs of countries (ISO3 codes or exact UN names) in each language, country by
    country; an unknown country or peer group is an error before any document is written."""
    from report.compute.selection import group

    if peers is not None:
        group(ds, year, peers)
    codes = [ds.countries.resolve(token) for token in countries]
    return [DocumentRequest.brief(iso3, year, lang, peers) for iso3 in codes for lang in langs]


def build(ds: Dataset, request: DocumentRequest, out_dir: Path) -> list[Path]:
    """Write the document a request asks for; return the files written."""
    country, year, lang = request.country, ds.check_year(request.year), request.lang
    if request.kind == "brief":
        document = render_brief(ds, country, year, lang, out_dir, request.peers)
    elif request.kind == "analysis":
        document = render_analysis(ds, country, request.group, year, lang, out_dir, request.since)
    else:
        return _write_supplement(ds, request, out_dir)
    return [write_pdf(document.html, document.path)]


def build_cached(
    cache: BuildCache, ds: Dataset, request: DocumentRequest, out_dir: Path
) -> list[Path]:
    """Build a document unless the cache finds it up to date; return the files it consists of."""
    return cache.build(
        request.target(out_dir),
        ds.data_dir,
        request.lang,
        request.options,
        lambda: build(ds, request, out_dir),
    )


def default_requests(year: int, langs: list[str] | None = None) -> list[DocumentRequest]:
    """The default documents of a survey, per language: the Kazakhstan brief and the analysis
    of Kazakhstan among the CIS countries."""
    return [
        request
        for lang in langs or DEFAULT_LANGUAGES
        for request in (
            DocumentRequest.brief(DEFAULT_COUNTRY, year, lang),
            DocumentRequest.analysis(DEFAULT_COUNTRY, DEFAULT_GROUP, year, lang),
        )
    ]


def build_defaults(
    ds: Dataset, out_dir: Path, langs: list[str] | None = None, force: bool = False
) -> BuildCache:
    """The default documents of the latest survey (default_requests). Documents whose inputs
    have not changed since the last build are kept (see report/build/cache.py); force
    rebuilds them all."""
    cache = BuildCache(out_dir, force)
    for request in default_requests(ds.latest_year, langs):
        build_cached(cache, ds, request, out_dir)
    return cache
