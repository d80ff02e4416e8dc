"""Chart labels set whole: one Pango layout and one run of glyphs per SVG text, not per letter.

WeasyPrint (70) lays out and draws every letter of an SVG text on its own, so that per-letter
x, dx, rotate and letter-spacing can apply; a brief's charts hold some 2,000 letters, and that
cost a tenth of a second per document. The chart stage writes labels with one x and one y and
none of those attributes (report/render/svg.py), so they are set here in one piece, with
kerning and ligatures off: each glyph then advances by its own width, exactly where the
letter-by-letter drawing put it (tests/test_svg_text.py compares the two). Any other text
keeps WeasyPrint's own drawing.
"""

from __future__ import annotations

import importlib
from functools import cache
from math import inf

PER_LETTER = ("dx", "dy", "rotate", "textLength", "letter-spacing", "lengthAdjust")
BASELINES = ("display-anchor", "dominant-baseline", "alignment-baseline")  # kept by WeasyPrint
WEIGHTS = {"normal": 400, "bold": 700}


def is_whole(node) -> bool:
    """Whether a text node can be set in one piece: text, one x and one y at most, and no
    attribute that places letters one by one or shifts the baseline."""
    attributes = node.attrib
    return (
        bool(node.text)
        and not any(name in attributes for name in (*PER_LETTER, *BASELINES))
        and all(len(attributes.get(axis, "0").replace(",", " ").split()) == 1 for axis in "xy")
    )


@cache
def set_labels_whole() -> None:
    """Make WeasyPrint draw the SVG texts that is_whole accepts in one piece (once per process)."""
    import weasyprint.svg as svg_module

    original = importlib.import_module("weasyprint.svg.text").text

    def text(svg, node, font_size):
        if not is_whole(node):
            return original(svg, node, font_size)
        return _whole(svg, node, font_size)

    # draw_node dispatches through TAGS and tests `TAGS[tag] == text` for text anchors
    svg_module.text = text
    for tag, function in list(svg_module.TAGS.items()):
        if function is original:
            svg_module.TAGS[tag] = text


def _style(svg, node, font_size) -> dict:
    """The text's style as WeasyPrint's SVG text builds it."""
    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.svg.text import Style

    style = Style(INITIAL_VALUES)
    style.font_config = svg.font_config
    families = node.get("font-family", "sans-serif").split(",")
    style["font_family"] = [family.strip("\"'") for family in families]  # as WeasyPrint does
    style["font_style"] = node.get("font-style", "normal")
    weight = node.get("font-weight", 400)
    try:
        style["font_weight"] = int(WEIGHTS.get(weight, weight))
    except ValueError:
        style["font_weight"] = 400
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    return style


@cache
def _unkerned():
    """One Pango attribute list, kept for the life of the process: kerning and ligatures off.
    Not set through the style's font-kerning: WeasyPrint then makes a new Pango attribute for
    every layout and never frees it (a worker grew by some 50 kB per brief)."""
    from weasyprint.text.ffi import pango
    from weasyprint.text.fonts import font_features

    features = font_features(font_kerning="none", font_variant_ligatures="none")
    attribute = pango.pango_attr_font_features_new(
        ",".join(f"{key} {value}" for key, value in features.items()).encode()
    )
    attributes = pango.pango_attr_list_new()
    pango.pango_attr_list_insert(attributes, attribute)  # the list owns it from now on
    return attributes


def _whole(svg, node, font_size) -> None:
    """Lay out and draw one text node in one piece, moving the text cursor past it."""
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    from weasyprint.svg.text import TextBox
    from weasyprint.svg.utils import size
    from weasyprint.text.ffi import FROM_UNITS, pango
    from weasyprint.text.line_break import create_layout, line_size

    style = _style(svg, node, font_size)
    layout = create_layout(node.text, style, svg.context, inf, 0)
    pango.pango_layout_set_attributes(layout.layout, _unkerned())
    width, height = line_size(layout.get_first_line()[0], style)
    baseline = pango.pango_layout_get_baseline(layout.layout) * FROM_UNITS
    start = list(svg.cursor_position)
    for axis, extent in ((0, svg.inner_width), (1, svg.inner_height)):
        if "xy"[axis] in node.attrib:
            start[axis] = size(node.attrib["xy"[axis]].strip(), font_size, extent)
            if start[axis]:  # as WeasyPrint does: a position of 0 keeps the shift (dy)
                svg.cursor_d_position[axis] = 0
    x, y = start
    svg.cursor_position = x + width, y
    left, top = x + svg.cursor_d_position[0], y + svg.cursor_d_position[1]
    corners = ((left, top - baseline), (left + width, top - baseline + height))
    node.text_bounding_box = extend_bounding_box(node.text_bounding_box, corners)

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    svg.fill_stroke(fill, stroke, text=True)
    box = TextBox(layout, style)
    box.baseline = baseline
    emojis = draw_first_line(svg.stream, box, "none", "none", Matrix(a=1, d=-1, e=left, f=top))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)
