"""Lean chart SVG: matplotlib's output rewritten into what WeasyPrint paints with the fewest
operations, the same picture and the same selectable text.

What WeasyPrint pays for and this removes:
- a centred or right-aligned label is drawn into a Form XObject of its own, measured, then
  placed: the anchor is resolved here into the label's x, from the advance widths of the
  shipped fonts computed the way WeasyPrint sets SVG text (letter by letter, no kerning);
- a marker placed with <use> is looked up and drawn with a state of its own: inlined as a path;
- a style attribute is parsed as CSS on every element, a stylesheet rule matched against every
  element: both become presentation attributes;
- groups that only carry matplotlib's automatic ids, no-op rotations and the metadata block.
A label this cannot measure (a character or a weight the fonts lack) keeps its anchor.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache, lru_cache

import uharfbuzz as hb

from report.data import paths

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
HREF = f"{{{XLINK}}}href"
PROLOG = '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'

# The faces of 'PT Sans' that the documents' @font-face rules give each weight.
FACES = {"400": "PTS55F.ttf", "700": "PTS75F.ttf"}
_AUTOMATIC_ID = re.compile(r"[A-Za-z][\w.]*_\d+")  # figure_1, axes_1, line2d_3, matplotlib.axis_2
_NO_OP_ROTATION = re.compile(r"rotate\(-?0 [-\d.e]+ [-\d.e]+\)")
_URL = re.compile(r"url\(#([^)]+)\)")
_STYLE_RULE = re.compile(r"\*\s*\{([^}]*)\}")


def lean_svg(svg: str) -> str:
    """A matplotlib SVG (text as text) rewritten for WeasyPrint: the same picture."""
    root = ET.fromstring(svg)
    _prune(root, root, _markers(root))
    _drop_unused_markers(root)
    return PROLOG + ET.tostring(_unqualified(root), encoding="unicode")


def _unqualified(root: ET.Element) -> ET.Element:
    """The tree with plain names and its own namespace declarations (ElementTree's global
    prefix table is shared with every other user of it in the process), without the layout's
    whitespace (the labels' text kept)."""
    linked = False
    for element in root.iter():
        element.tail = None
        if element.tag != f"{{{SVG}}}text":
            element.text = element.text.strip() or None if element.text else None
        element.tag = element.tag.removeprefix(f"{{{SVG}}}")
        if HREF in element.attrib:
            element.set("xlink:href", element.attrib.pop(HREF))
            linked = True
    root.set("xmlns", SVG)
    if linked:
        root.set("xmlns:xlink", XLINK)
    return root


def _markers(root: ET.Element) -> dict[str, dict[str, str]]:
    """The paths that <use> elements place, by id: their outline and own style (read before
    the styles become attributes)."""
    return {
        path.get("id"): {"d": path.get("d"), **_declarations(path.get("style", ""))}
        for defs in root.iter(f"{{{SVG}}}defs")
        for path in defs.findall(f"{{{SVG}}}path")
        if path.get("id") and set(path.attrib) <= {"id", "d", "style"}
    }


def _prune(root: ET.Element, parent: ET.Element, markers: dict[str, dict[str, str]]) -> None:
    """Rewrite the children of parent in place, depth first."""
    children = []
    for child in list(parent):
        tag = child.tag.removeprefix(f"{{{SVG}}}")
        if tag == "metadata":
            continue
        if tag == "defs":
            _rule_to_attributes(root, child)
        marker = markers.get(child.get(HREF, "").removeprefix("#"))
        if tag == "use" and marker is not None:
            child = _inlined(child, marker)
        _attributes(child)
        if tag == "text":
            _resolve_anchor(child)
        _prune(root, child, markers)
        if tag == "g" and not child.attrib:
            children.extend(child)
        else:
            children.append(child)
    parent[:] = children


def _drop_unused_markers(root: ET.Element) -> None:
    """Definitions no <use> refers to any more, and the <defs> left empty."""
    used = {use.get(HREF, "").removeprefix("#") for use in root.iter(f"{{{SVG}}}use")}
    used |= {
        reference
        for element in root.iter()
        for value in element.attrib.values()
        for reference in _URL.findall(value)
    }
    for parent in root.iter():
        for child in list(parent):
            if child.tag == f"{{{SVG}}}defs":
                child[:] = [d for d in child if d.get("id") is None or d.get("id") in used]
                if not len(child):
                    parent.remove(child)


def _rule_to_attributes(root: ET.Element, defs: ET.Element) -> None:
    """matplotlib's one stylesheet rule, `*{...}`, as attributes that every element inherits."""
    for style in defs.findall(f"{{{SVG}}}style"):
        rule = _STYLE_RULE.fullmatch(style.text.strip()) if style.text else None
        if rule:
            for name, value in _declarations(rule[1]).items():
                root.set(name, value)
            defs.remove(style)


def _declarations(text: str) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in text.split(";") if ":" in part)
    return {name.strip(): value.strip() for name, value in pairs}


def _attributes(element: ET.Element) -> None:
    """Its style as presentation attributes; matplotlib's automatic id and no-op rotation
    dropped."""
    if style := element.attrib.pop("style", None):
        for name, value in _declarations(style).items():
            element.set(name, value)
    if _AUTOMATIC_ID.fullmatch(element.get("id", "")):
        del element.attrib["id"]
    if _NO_OP_ROTATION.fullmatch(element.get("transform", "")):
        del element.attrib["transform"]
    if "d" in element.attrib:
        element.set("d", " ".join(element.get("d").split()))


def _inlined(use: ET.Element, marker: dict[str, str]) -> ET.Element:
    """A <use> of a marker as the marker's own path moved to the use's position (a use with
    a transform or other attributes stays); the marker's own style wins over the use's, as
    it would in the referenced copy."""
    if set(use.attrib) - {HREF, "x", "y", "style", "clip-path"}:
        return use
    path = ET.Element(f"{{{SVG}}}path")
    path.set("d", _moved(marker["d"], float(use.get("x", 0)), float(use.get("y", 0))))
    styles = {**_declarations(use.get("style", "")), **marker}
    for name, value in styles.items():
        if name != "d":
            path.set(name, value)
    if "clip-path" in use.attrib:
        path.set("clip-path", use.get("clip-path"))
    return path


def _moved(d: str, dx: float, dy: float) -> str:
    """A path of absolute coordinate pairs (matplotlib writes only M L Q C z) moved by dx, dy."""
    tokens, coordinate = [], 0
    for token in d.split():
        if token.isalpha():
            tokens.append(token)
            continue
        tokens.append(_number(float(token) + (dy if coordinate % 2 else dx)))
        coordinate += 1
    return " ".join(tokens)


def _number(value: float) -> str:
    """A coordinate to the precision of a double: rounded, a label could land a pixel over."""
    return repr(value + 0.0)  # + 0.0: no "-0.0"


def _resolve_anchor(text: ET.Element) -> None:
    """A centred or right-aligned label moved to the x where it starts."""
    anchor = text.attrib.pop("text-anchor", "start")
    if anchor == "start":
        return
    width = None if "x" not in text.attrib or len(text) else _width(text)
    if width is None:
        text.set("text-anchor", anchor)
        return
    share = 0.5 if anchor == "middle" else 1.0
    text.set("x", _number(float(text.get("x")) - share * width))


def _width(text: ET.Element) -> float | None:
    """The label's width as WeasyPrint sets it, or None where it cannot be measured here."""
    label = text.text or ""
    family = text.get("font-family", "")
    if not label or label != " ".join(label.split()) or not family.startswith("'PT Sans'"):
        return None
    given = text.get("font-weight")
    weight = {None: "400", "normal": "400", "bold": "700"}.get(given, given)
    if weight not in FACES:
        return None
    try:
        return label_width(label, float(text.get("font-size", "").removesuffix("px")), weight)
    except (KeyError, ValueError):
        return None


@lru_cache(maxsize=4096)
def label_width(label: str, size: float, weight: str = "400") -> float:
    """The sum of the letters' advances at a size in pixels, each rounded as Pango rounds it
    (a font size in 1/1024 pixel, truncated); KeyError for a letter the font lacks."""
    return sum(_advance(letter, size, weight) for letter in label)


@lru_cache(maxsize=4096)
def _advance(letter: str, size: float, weight: str) -> float:
    font = _hb_font(weight)
    scale = int(size * 1024)
    font.scale = (scale, scale)
    glyph = font.get_nominal_glyph(ord(letter))
    if glyph is None:
        raise KeyError(letter)
    return font.get_glyph_h_advance(glyph) / 1024


@cache
def _hb_font(weight: str) -> hb.Font:
    data = (paths.resource_dir("templates") / "fonts" / FACES[weight]).read_bytes()
    return hb.Font(hb.Face(data))
