"""Jinja templates to HTML, and WeasyPrint HTML to PDF, written atomically."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import jinja2
from markupsafe import Markup

from . import __version__, paths
from .csvio import atomic_write_bytes
from .indicators import EGDI_GROUPS
from .text import Text, translations

PDF_VARIANT = "pdf/a-3b"


def templates_dir() -> Path:
    """The directory of templates, the stylesheet and fonts."""
    return paths.resource_dir("templates")


@cache
def environment(lang: str) -> jinja2.Environment:
    """The Jinja environment of a language: autoescaping, gettext and number filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)
    text = Text(lang)
    env.filters["num"] = text.number
    env.filters["signed"] = text.signed
    env.filters["integer"] = text.integer
    env.filters["ordinal"] = text.ordinal
    env.filters["percent_change"] = lambda value: (
        "–" if value is None else text.percent(value, signed=True)
    )
    env.globals["lang"] = lang
    env.globals["version"] = __version__
    env.globals["egdi_bounds"] = {name: text.number(lower, 2) for name, lower in EGDI_GROUPS}
    # The placeholders stay placeholders: page_counter_content turns them into CSS counters.
    footer = text.gettext("Page %(page)s of %(pages)s", page="%(page)s", pages="%(pages)s")
    env.globals["page_counter"] = page_counter_content(footer)
    return env


def render_html(template: str, context: dict, lang: str) -> str:
    """Render a template of the templates directory in a language."""
    return environment(lang).get_template(template).render(**context)


def css_string(value: str) -> Markup:
    """Quote text as a CSS string literal."""
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\A ")
        .replace("<", "\\3C ")  # keeps '</style>' out of a <style> block
    )
    return Markup(f'"{escaped}"')


def page_counter_content(message: str) -> Markup:
    """Turn a message such as 'Page %(page)s of %(pages)s' into a CSS content value."""
    parts: list[str] = []
    rest = message
    while rest:
        positions = {name: rest.find(f"%({name})s") for name in ("page", "pages")}
        found = {name: pos for name, pos in positions.items() if pos >= 0}
        if not found:
            parts.append(css_string(rest))
            break
        name = min(found, key=found.get)
        before, rest = rest[: found[name]], rest[found[name] + len(f"%({name})s") :]
        if before:
            parts.append(css_string(before))
        parts.append(f"counter({name})")
    return Markup(" ".join(parts))


@cache
def asset_fetcher():
    """A WeasyPrint URL fetcher that serves the templates directory and data: URLs only."""
    from weasyprint.urls import URLFetcher

    allowed_root = templates_dir().resolve()

    class AssetFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file":
                target = Path(unquote(parsed.path)).resolve()
                if target.is_relative_to(allowed_root):
                    return super().fetch(url, headers)
            raise ValueError(f"refused {url!r}: documents use only their own assets")

    return AssetFetcher(allowed_protocols=("file", "data"))


def write_pdf(html: str, target: Path) -> Path:
    """Lay out HTML with WeasyPrint and write the PDF atomically (PDF/A-3b, tagged)."""
    from weasyprint import HTML

    document = HTML(
        string=html, base_url=templates_dir().as_uri() + "/", url_fetcher=asset_fetcher()
    ).render()
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    atomic_write_bytes(target, pdf)
    return target
