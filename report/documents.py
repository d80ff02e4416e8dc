"""Building documents: context -> HTML -> PDF, one function per document, and the defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .dataset import Dataset
from .render import render_html, write_pdf

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


def render_brief(
    ds: Dataset, iso3: str, year: int, lang: str, out_dir: Path, peers: str | None = None
) -> Document:
    """The brief's HTML and its target path."""
    from .brief import brief_context

    html = render_html("brief.html", brief_context(ds, iso3, year, lang, peers), lang)
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
    from .analysis import analysis_context

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
    since: int = 2016,
) -> Path:
    """Write the comparative analysis PDF and return its path."""
    year = ds.check_year(year)
    document = render_analysis(ds, focus, group, year, lang, out_dir, since)
    return write_pdf(document.html, document.path)


def build_defaults(ds: Dataset, out_dir: Path, langs: list[str] | None = None) -> list[Path]:
    """The default documents of the latest survey, per language: the Kazakhstan brief and the
    analysis of Kazakhstan among the CIS countries."""
    paths = []
    for lang in langs or DEFAULT_LANGUAGES:
        paths.append(build_brief(ds, DEFAULT_COUNTRY, ds.latest_year, lang, out_dir))
        paths.append(
            build_analysis(ds, DEFAULT_COUNTRY, DEFAULT_GROUP, ds.latest_year, lang, out_dir)
        )
    return paths
