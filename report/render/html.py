"""A laid-out document to HTML: charts drawn, formulas typeset, its Jinja template filled."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

import jinja2
from markupsafe import Markup

from report import __version__
from report.compute.indicators import EGDI_GROUPS
from report.data.project import Look
from report.errors import ReportError, shown
from report.layout.model import Cell, Column, Document, Figure, Formula
from report.render.charts import Numbers, draw, formula
from report.render.pdf import SHIPPED, chart_url, template_dirs
from report.words.mechanics import no_break
from report.words.text import Text


@cache
def environment(lang: str, look: Look = SHIPPED) -> jinja2.Environment:
    """The Jinja environment of a language: autoescaping, gettext and number filters; a
    look's templates and catalogs come before the shipped ones."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dirs(look)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    text = Text(lang, look.catalogs)
    # The templates' messages go through Text, as the code's do: a translation may then take
    # a derived form of a value (%(group_gen)s, %(num_abl)s); autoescaping applies to the result.
    env.install_gettext_callables(
        lambda message, **values: text.gettext(message, **values),
        lambda singular, plural, n, **values: text.ngettext(singular, plural, n, **values),
        newstyle=False,
        pgettext=lambda context, message, **values: text.pgettext(context, message, **values),
    )
    env.filters["num"] = text.number
    env.filters["signed"] = text.signed
    env.filters["integer"] = text.integer
    env.filters["ordinal"] = text.ordinal
    env.filters["percent_change"] = lambda value: (
        "–" if value is None else text.percent(value, signed=True)
    )
    env.filters["svg_image"] = svg_image
    env.filters["cell_text"] = lambda cell: cell_text(text, cell)
    env.filters["value_text"] = lambda value, column, blank="": value_text(
        text, column, value, blank
    )
    env.filters["column_class"] = lambda column: _class_attribute(_column_classes(column))
    env.filters["cell_attributes"] = cell_attributes
    env.globals["lang"] = lang
    env.globals["version"] = __version__
    env.globals["egdi_bounds"] = {name: text.number(lower, 2) for name, lower in EGDI_GROUPS}
    # The placeholders stay placeholders: page_counter_content turns them into CSS counters.
    footer = text.gettext("Page %(page)s of %(pages)s", page="%(page)s", pages="%(pages)s")
    env.globals["page_counter"] = page_counter_content(footer)
    return env


def value_text(text: Text, column: Column, value: object, blank: str = "") -> str:
    """A value as printed by the format of its column (blank: for a missing value)."""
    if column.percent:  # the heading or row label carries the unit: "Change, %"
        return "–" if value is None else text.signed(float(value), column.digits)
    if value is None:
        return blank
    if column.digits is None:
        return str(value)
    if column.signed:
        return text.signed(value, column.digits)
    if column.digits == 0:
        return text.integer(int(value))
    return text.number(float(value), column.digits)


def cell_text(text: Text, cell: Cell) -> str:
    """A cell's value as printed, by the format of its column."""
    return value_text(text, cell.column, cell.value)


def _column_classes(column: Column) -> list[str]:
    return ["num"] * column.numeric + ["focus"] * column.focus


def _class_attribute(classes: list[str]) -> Markup:
    return Markup(' class="{}"').format(" ".join(classes)) if classes else Markup("")


def cell_attributes(cell: Cell) -> Markup:
    """The class and colspan attributes of a table cell."""
    classes = _column_classes(cell.column) + ["muted"] * cell.muted
    span = Markup(' colspan="{}"').format(cell.span) if cell.span > 1 else Markup("")
    return _class_attribute(classes) + span


def render_html(template: str, context: dict, lang: str, look: Look = SHIPPED) -> str:
    """Render a template of the templates directory in a language, its text set so that no
    line breaks between a number and what belongs to it (mechanics.no_break)."""
    try:
        found = environment(lang, look).get_template(template)
        return unbroken(found.render(**{"brand": None, "edition": None, **context}))
    except jinja2.TemplateSyntaxError as exc:  # a user's template (shipped ones are tested)
        raise ReportError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise ReportError(f"{template} (in {_dirs(look)}): {exc}") from None


def _dirs(look: Look) -> str:
    return ", ".join(shown(d) for d in template_dirs(look))


# The pieces of an HTML page: a style, SVG, script, pre or title element whole (the title is
# the PDF's metadata, searched as typed: no word joiners), a tag, or text.
_PIECES = re.compile(r"<(style|svg|script|pre|title)\b.*?</\1>|<[^>]*>|[^<]+", re.S | re.I)


def unbroken(html: str) -> str:
    """The HTML with no_break applied to its text, never to tags, styles, SVG or code."""
    return _PIECES.sub(lambda m: m[0] if m[0].startswith("<") else no_break(m[0]), html)


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


def svg_image(svg: str, description: str = "") -> Markup:
    """A chart as an <img> whose SVG the asset fetcher serves; the description is its alt
    text in the tagged PDF."""
    return Markup('<img class="chart" src="{}" alt="{}">').format(chart_url(svg), description)


@dataclass(frozen=True)
class Edition:
    """What a document's HTML edition links to, each link relative to its page: the shared
    assets, the site's index, the document's other files (label, url), the downloads of
    each figure and table by number, and the document in every language (code, name, url;
    no url for the page's own)."""

    assets: str = "../assets/"
    index: str | None = None
    files: tuple[tuple[str, str], ...] = ()
    figures: Mapping[int, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    tables: Mapping[object, str] = field(default_factory=dict)
    languages: tuple[tuple[str, str, str | None], ...] = ()


_PROLOG = re.compile(r"<\?xml[^>]*>\s*|<!DOCTYPE[^>]*>\s*", re.S)
_REFERENCES = re.compile(r'(\bid="|url\(#|href="#)')


def inline_svg(svg: str, prefix: str) -> Markup:
    """An SVG for a page of several: without its XML prolog, its ids (and the references to
    them) prefixed so that no two charts share one, hidden from assistive technology (the
    chart's wrapper carries its description)."""
    body = _REFERENCES.sub(lambda m: m[1] + prefix, _PROLOG.sub("", svg)).strip()
    return Markup(body.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))


def _drawn(value, numbers: Numbers, edition: Edition | None, svgs: dict):
    """The parts of a document with each figure drawn and each formula typeset (inline, with
    the figure's downloads, in the HTML edition); svgs keeps what was drawn, by object."""
    if isinstance(value, Figure):
        drawn = {"caption": value.caption, "alt": value.alt, "note": value.note}
        svg = _kept(svgs, value, lambda: draw(value.chart, numbers))
        if edition is None:
            return {**drawn, "svg": svg}
        downloads = edition.figures.get(value.number, ())
        return {**drawn, "inline": inline_svg(svg, f"f{value.number}-"), "downloads": downloads}
    if isinstance(value, Formula):
        svg = _kept(svgs, value, lambda: formula(value.tex, value.size))
        # a formula's ids follow from its text: the same formula twice draws the same glyphs
        name = hashlib.sha256(f"{value.tex}/{value.size}".encode()).hexdigest()[:8]
        return svg if edition is None else inline_svg(svg, f"x{name}-")
    if isinstance(value, dict):
        return {key: _drawn(item, numbers, edition, svgs) for key, item in value.items()}
    return value


def _kept(svgs: dict, part: object, make) -> str:
    """What make() draws for a part of a document, drawn once (the PDF and the HTML edition
    of one document draw the same charts)."""
    if id(part) not in svgs:
        svgs[id(part)] = (part, make())  # the part is held, so its id is not reused
    return svgs[id(part)][1]


def figure_svg(figure: Figure, lang: str) -> str:
    """A figure's chart drawn as SVG in a language's number format."""
    text = Text(lang)
    return draw(figure.chart, Numbers.of(text))


def render_document(
    document: Document,
    look: Look = SHIPPED,
    edition: Edition | None = None,
    svgs: dict | None = None,
) -> str:
    """A laid-out document as HTML: charts drawn, formulas typeset, the template filled; with
    an edition, the HTML edition for screens (inline charts, links to the downloads). Give
    the same svgs dict to the renderings of one document to draw its charts once."""
    text = Text(document.lang)
    numbers = Numbers.of(text)
    context = _drawn(dict(document.parts), numbers, edition, {} if svgs is None else svgs)
    return render_html(
        f"{document.kind}.html", {**context, "edition": edition}, document.lang, look
    )
