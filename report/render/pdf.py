"""WeasyPrint: HTML to PDF (PDF/A-3b, tagged), with an URL fetcher that serves only the
project's own assets and the charts of the documents being made; written atomically."""

from __future__ import annotations

import atexit
import contextlib
import gc
import hashlib
import os
import shutil
from collections import OrderedDict
from collections.abc import Iterator
from functools import cache
from multiprocessing.util import Finalize
from pathlib import Path
from urllib.parse import unquote, urlparse

from report import interrupts
from report.data import paths
from report.data.project import Look
from report.data.storage import atomic_write_bytes
from report.render.fonts import pin_subsetter
from report.render.paging import read_numbers_before_each_pass
from report.render.svgtext import set_labels_whole

PDF_VARIANT = "pdf/a-3b"
SHIPPED = Look()


def templates_dir() -> Path:
    """The directory of templates, the stylesheet and fonts."""
    return paths.resource_dir("templates")


def template_dirs(look: Look = SHIPPED) -> list[Path]:
    """Where templates are looked for, in order: the look's own directory, then the shipped."""
    return [*([look.templates] if look.templates else []), templates_dir()]


@cache
def asset_fetcher(roots: tuple[Path, ...] = ()):
    """A WeasyPrint URL fetcher that serves the templates directory (and the given roots: a
    project's directory, its templates), the charts of the documents being made, and data:
    URLs; it refuses everything else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed_roots = tuple(root.resolve() for root in (templates_dir(), *roots))

    class AssetFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("chart:"):
                name = url.removeprefix("chart:").removesuffix(".svg")
                if name in _CHARTS:
                    return URLFetcherResponse(url, _CHARTS[name], {"Content-Type": "image/svg+xml"})
                raise ValueError(f"no chart {url!r}")
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            if parsed.scheme == "file":
                target = Path(unquote(parsed.path)).resolve()
                if any(target.is_relative_to(root) for root in allowed_roots):
                    return super().fetch(url, headers)
            raise ValueError(f"refused {url!r}: documents use only their own assets")

    return AssetFetcher(allowed_protocols=("file", "data", "chart"))


@cache
def _font_config():
    """One WeasyPrint font configuration per process: the @font-face fonts load once."""
    from weasyprint.text.fonts import FontConfiguration

    atexit.register(interrupts.at_exit, _release)
    return FontConfiguration()


def _release() -> None:
    """Free WeasyPrint's fonts and stylesheets at exit, while Pango is still whole: left to
    the interpreter's last collection, their GObjects were released in an order that could
    crash the process after its work was done (a segmentation fault, exit status 139)."""
    if _font_config.cache_info().currsize:
        _remove_font_folder(_font_config())
    for cached in (_own_stylesheet, _stylesheet, _font_config, asset_fetcher):
        cached.cache_clear()
    gc.collect()


@cache
def _stylesheet():
    """templates/style.css, parsed once per process."""
    from weasyprint import CSS

    font_config = _font_config()
    stylesheet = CSS(
        filename=str(templates_dir() / "style.css"),
        font_config=font_config,
        url_fetcher=asset_fetcher(),
    )
    # Parsing the @font-face rules copied the fonts into a temporary folder, which WeasyPrint
    # removes in FontConfiguration.__del__: at interpreter exit that runs too late (shutil is
    # gone) and never in a worker process, leaving 3 MB in /tmp per run. multiprocessing's
    # finalizers run at the exit of the main process and of every worker.
    if font_config._folder:
        Finalize(None, _remove_font_folder, (font_config,), exitpriority=1)
    return stylesheet


def _remove_font_folder(font_config) -> None:
    if font_config._folder:
        shutil.rmtree(font_config._folder, ignore_errors=True)
    font_config._folder = None  # nothing left for __del__ to do


# Charts reach WeasyPrint by short "chart:" URLs that the asset fetcher serves from memory,
# not as data: URLs: a data URL of 30 kB is tokenised as an HTML attribute and kept in
# urllib's URL cache, which slowed the HTML parsing and made memory grow over a batch.
_CHARTS: OrderedDict[str, bytes] = OrderedDict()
_CHARTS_KEPT = 64  # the charts of the documents rendered but not yet written


def chart_url(svg: str) -> str:
    """Keep a chart for the fetcher and return the short URL it serves it under."""
    data = svg.encode()
    name = hashlib.sha256(data).hexdigest()[:32]
    _CHARTS[name] = data
    _CHARTS.move_to_end(name)
    while len(_CHARTS) > _CHARTS_KEPT:
        _CHARTS.popitem(last=False)
    return f"chart:{name}.svg"


def pdf_bytes(html: str, look: Look = SHIPPED) -> bytes:
    """Lay out HTML with WeasyPrint and return the PDF (PDF/A-3b, tagged). The font
    configuration and the stylesheet are shared by every document of the process; a look's
    own stylesheet (style.css in its templates) is added after the shipped one."""
    from weasyprint import HTML

    pin_subsetter()
    set_labels_whole()
    read_numbers_before_each_pass()
    document = HTML(
        string=html, base_url=templates_dir().as_uri() + "/", url_fetcher=_fetcher(look)
    ).render(stylesheets=[_stylesheet(), *_own_stylesheet(look)], font_config=_font_config())
    with _fixed_font_timestamps():
        return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)


@contextlib.contextmanager
def _fixed_font_timestamps() -> Iterator[None]:
    """A variable or colour font of a project's own look is rewritten by fontTools, which
    stamps it with the clock unless SOURCE_DATE_EPOCH is set: fix the stamp (a user's own
    SOURCE_DATE_EPOCH wins) so that the same inputs give the same bytes on every machine."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


@cache
def _own_stylesheet(look: Look) -> tuple:
    """The look's templates/style.css, parsed once per process (none where it has none)."""
    from weasyprint import CSS

    path = look.templates / "style.css" if look.templates else None
    if path is None or not path.is_file():
        return ()
    return (CSS(filename=str(path), font_config=_font_config(), url_fetcher=_fetcher(look)),)


def _fetcher(look: Look):
    """The asset fetcher of a look: the shipped templates, its project and its templates."""
    return asset_fetcher(tuple(p for p in (look.root, look.templates) if p))


def write_pdf(html: str, target: Path, look: Look = SHIPPED) -> Path:
    """Lay out HTML as a PDF and write it atomically."""
    atomic_write_bytes(target, pdf_bytes(html, look))
    return target
