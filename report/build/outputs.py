"""Every file of one document, by path: the PDF, the HTML edition, the charts, the data, the
facts and the bundle, as its request's formats ask (report/build/request.py FORMATS).

OUT/<lang>/brief-KAZ-2024.pdf, .html, .xlsx and .zip beside the folder brief-KAZ-2024/ of
its downloads: figure-N.svg and .png, figure-N.csv (the chart's data), table-N.csv, and
facts.json; the HTML editions share OUT/assets/ (their stylesheet and fonts)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from babel import Locale

from report.build.request import DocumentRequest
from report.compute.facts import as_json
from report.data import paths
from report.data.project import Look
from report.data.storage import atomic_write_bytes
from report.layout.model import Document, Grid, Table
from report.render import downloads
from report.render.charts import Numbers, draw
from report.render.html import Edition, render_document
from report.render.pdf import pdf_bytes
from report.render.tables import grid_table, xlsx_bytes
from report.words.text import Text

ASSETS = "assets"  # OUT/assets: the editions' stylesheet and fonts
FONTS = ("PTF55F", "PTF56F", "PTF75F", "PTF76F", "PTS55F", "PTS56F", "PTS75F", "PTS76F")


def asset_files() -> dict[str, bytes]:
    """The files the HTML editions share, by their path under OUT."""
    templates = paths.resource_dir("templates")
    files = {f"{ASSETS}/edition.css": (templates / "edition.css").read_bytes()}
    for name in (*(f"{font}.ttf" for font in FONTS), "LICENSE-ParaType.txt"):
        files[f"{ASSETS}/fonts/{name}"] = (templates / "fonts" / name).read_bytes()
    return files


def write_assets(out_dir: Path) -> None:
    """Write the editions' shared files where they are missing or differ."""
    for name, data in asset_files().items():
        target = Path(out_dir) / name
        if not target.is_file() or target.read_bytes() != data:
            atomic_write_bytes(target, data)


def _link(target: Path, page: Path) -> str:
    """A link from a page to a file, relative, with forward slashes."""
    return Path(os.path.relpath(target, page.parent)).as_posix()


def language_name(lang: str) -> str:
    """A language's name in itself, capitalised: Русский, Қазақ тілі, English."""
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


class _Files:
    """The paths of one document's files."""

    def __init__(self, request: DocumentRequest, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.folder = request.stem(out_dir)  # the downloads' folder, and the files' stem
        self.pdf, self.html = self.beside(".pdf"), self.beside(".html")
        self.xlsx, self.zip = self.beside(".xlsx"), self.beside(".zip")

    def beside(self, suffix: str) -> Path:
        return self.folder.with_name(self.folder.name + suffix)

    def figure(self, number: int, suffix: str) -> Path:
        return self.folder / f"figure-{number}{suffix}"

    def table(self, number: object) -> Path:
        name = number if isinstance(number, str) else f"table-{number}"
        return self.folder / f"{name}.csv"


def document_files(
    request: DocumentRequest,
    out_dir: Path,
    document: Document,
    tables: Sequence[Table],
    facts: object,
    look: Look,
) -> dict[Path, bytes]:
    """Every file the request's formats ask for, by path (the ZIP last, holding the rest)."""
    at, formats = _Files(request, out_dir), request.written
    text = Text(document.lang)
    about, svgs = _about(text, document), {}
    files: dict[Path, bytes] = {}
    if "pdf" in formats:
        files[at.pdf] = pdf_bytes(render_document(document, look, svgs=svgs), look)
    if "html" in formats:
        edition = _edition(text, request, at, document, tables)
        files[at.html] = render_document(document, look, edition, svgs).encode()
    files |= _charts(text, request, at, document, about)
    if "csv" in formats:
        files |= _tables(text, request, at, document, tables, about)
    if "json" in formats:
        files[at.folder / "facts.json"] = downloads.json_bytes(as_json(facts))
    if "xlsx" in formats:
        workbook = list(tables) or [grid_table(g) for g in document.grids() if isinstance(g, Grid)]
        files[at.xlsx] = xlsx_bytes(workbook, request.year)
    if "zip" in formats:
        files[at.zip] = _bundle(files, at, "html" in formats)
    return files


def _about(text: Text, document: Document) -> list[str]:
    """The header lines every CSV of a document shares: its title, source and licence."""
    sources = document.parts.get("sources") or []
    return [
        text.gettext("Document: %(title)s", title=document.parts.get("title", "")),
        *sources[:1],
        text.gettext(
            "Licence: the data are the United Nations' (UN DESA), reused with their source "
            "cited under the United Nations' terms of use; income groups are the World Bank's, "
            "under %(licence)s.",
            licence="CC BY 4.0",
        ),
    ]


def _charts(text: Text, request, at: _Files, document: Document, about) -> dict[Path, bytes]:
    formats, numbers = request.written, Numbers.of(text)
    files: dict[Path, bytes] = {}
    for figure in document.figures():
        if "svg" in formats:
            files[at.figure(figure.number, ".svg")] = draw(
                figure.chart, numbers, "outlines"
            ).encode()
        if "png" in formats:
            files[at.figure(figure.number, ".png")] = draw(figure.chart, numbers, "png")
        if "csv" in formats:
            files[at.figure(figure.number, ".csv")] = downloads.chart_csv(
                text, figure, about, request.separator
            )
    return files


def _tables(text: Text, request, at, document: Document, tables, about) -> dict[Path, bytes]:
    separator = request.separator
    files = {at.table(t.number): downloads.table_csv(t, about, separator) for t in tables}
    for grid in document.grids():
        if isinstance(grid, Grid):
            files[at.table(grid.number)] = downloads.grid_csv(grid, about, separator)
        else:
            files[at.table(grid.number)] = downloads.matrix_csv(text, grid, about, separator)
    return files


def _edition(text: Text, request, at: _Files, document: Document, tables) -> Edition:
    """The links of the document's HTML edition."""
    formats, page = request.written, at.html
    files = [
        (label, _link(path, page))
        for fmt, label, path in (
            ("pdf", "PDF", at.pdf),
            ("xlsx", "XLSX", at.xlsx),
            ("json", text.gettext("facts (JSON)"), at.folder / "facts.json"),
            ("zip", text.gettext("all files (ZIP)"), at.zip),
        )
        if fmt in formats
    ]
    kinds = [
        ("svg", text.gettext("chart (SVG)"), ".svg"),
        ("png", text.gettext("image (PNG)"), ".png"),
        ("csv", text.gettext("data (CSV)"), ".csv"),
    ]
    figures = {
        f.number: tuple(
            (label, _link(at.figure(f.number, suffix), page))
            for fmt, label, suffix in kinds
            if fmt in formats
        )
        for f in document.figures()
    }
    numbers = [t.number for t in tables] + [g.number for g in document.grids()]
    linked = {n: _link(at.table(n), page) for n in numbers} if "csv" in formats else {}
    return Edition(
        assets=_link(at.out_dir / ASSETS, page) + "/",
        files=tuple(files),
        figures=figures,
        tables=linked,
        languages=_languages(request, at),
    )


def _languages(request: DocumentRequest, at: _Files) -> tuple:
    """The document's HTML editions in its languages, for the language switch."""
    if len(request.languages) < 2:
        return ()
    return tuple(
        (
            lang,
            language_name(lang),
            None
            if lang == request.lang
            else _link(_Files(replace(request, lang=lang), at.out_dir).html, at.html),
        )
        for lang in request.languages
    )


def _bundle(files: dict[Path, bytes], at: _Files, with_assets: bool) -> bytes:
    """The ZIP of a document's files, laid out as in OUT (with the assets its HTML uses)."""
    inside = {_link(path, at.out_dir / "x"): data for path, data in files.items()}
    if with_assets:
        inside |= asset_files()
    return downloads.zip_bytes(dict(sorted(inside.items())))


def with_languages(requests: list[DocumentRequest]) -> list[DocumentRequest]:
    """The requests, each HTML edition told the languages of the same document in the list
    (its language switch links to them)."""

    def document(request: DocumentRequest) -> DocumentRequest:
        return replace(request, lang="", languages=())

    found: dict[DocumentRequest, list[str]] = {}
    for request in requests:
        if "html" in request.written:
            found.setdefault(document(request), []).append(request.lang)
    linked = []
    for request in requests:
        langs = found.get(document(request), []) if "html" in request.written else []
        linked.append(replace(request, languages=tuple(langs)) if len(langs) > 1 else request)
    return linked
