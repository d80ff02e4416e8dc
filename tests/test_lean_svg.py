"""Lean chart SVG (report/render/svg.py): the same pictures as matplotlib's own SVG, drawn by
WeasyPrint with fewer operations, the text still text."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import numpy as np
import pytest
from conftest import charts_pdf
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader

from report.build.documents import analysis_layout, brief_layout
from report.data import paths
from report.render import charts
from report.render.html import figure_svg
from report.render.svg import label_width, lean_svg

# Documents whose charts cover every kind and its hard cases: the three languages, a region
# of fifty bars (the compact rows), the first survey, rank 1, a country named at length.
DOCUMENTS = [
    ("brief", "KAZ", 2024, "kk"),
    ("brief", "KAZ", 2024, "ru"),
    ("brief", "KAZ", 2024, "en"),
    ("brief", "NGA", 2024, "kk"),
    ("brief", "USA", 2003, "en"),
    ("brief", "KOR", 2010, "ru"),
    ("brief", "GBR", 2024, "kk"),
    ("analysis", "KAZ", 2024, "kk"),
]
DPI = 100
MOST_PIXELS_APART = 30  # of about a million per page: a label placed 1/1000 point over
MOST_LEVELS_APART = 8  # of 255: antialiasing, never a shape moved


def _layout(dataset, kind, iso3, year, lang):
    if kind == "brief":
        return brief_layout(dataset, iso3, year, lang)
    return analysis_layout(dataset, iso3, "cis", year, lang)


@pytest.fixture(scope="module")
def drawn(dataset):
    """Every chart of DOCUMENTS as (name, lang, lean SVG, matplotlib's own SVG)."""
    figures = [
        (f"{kind}-{iso3}-{year}-{lang} figure {f.number}", lang, f)
        for kind, iso3, year, lang in DOCUMENTS
        for f in _layout(dataset, kind, iso3, year, lang).figures()
    ]
    lean = [figure_svg(figure, lang) for _, lang, figure in figures]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(charts, "lean_svg", lambda svg: svg)
        plain = [figure_svg(figure, lang) for _, lang, figure in figures]
    return [(n, lang, a, b) for (n, lang, _), a, b in zip(figures, lean, plain, strict=True)]


def _pages(data: bytes, tmp_path, name: str) -> list[np.ndarray]:
    """The pages of a PDF as grey levels, rasterised by poppler."""
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(DPI), str(source), str(tmp_path / name)], check=True
    )
    images = sorted(tmp_path.glob(f"{name}-*.pgm"))
    return [np.asarray(Image.open(image), dtype=int) for image in images]


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler's pdftoppm")
def test_every_chart_looks_as_matplotlibs_own_svg_did(drawn, tmp_path):
    lean = _pages(charts_pdf([d[2] for d in drawn]), tmp_path, "lean")
    plain = _pages(charts_pdf([d[3] for d in drawn]), tmp_path, "plain")
    assert len(lean) == len(plain) == len(drawn)
    for (name, *_), a, b in zip(drawn, lean, plain, strict=True):
        apart = np.abs(a - b)
        assert (apart > 0).sum() <= MOST_PIXELS_APART, name
        assert apart.max() <= MOST_LEVELS_APART, name
        assert (b < 128).sum() > 300, name  # a chart was drawn, not two blank pages


def test_the_lean_svg_has_none_of_what_weasyprint_pays_for(drawn):
    for name, _, svg, plain in drawn:
        assert "<use" in plain and "text-anchor" in plain, name
        assert not re.search(r"<use|style=|text-anchor|rotate\(-?0 |<metadata|<g>", svg), name
        assert not re.search(r'id="[A-Za-z][\w.]*_\d+"', svg), name  # matplotlib's own ids


def test_the_chart_text_stays_text_in_the_pdf(drawn):
    kazakh = [d for d in drawn if d[0].startswith("brief-KAZ-2024-kk")]
    text = "".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(charts_pdf([d[2] for d in kazakh]))).pages
    )
    for label in ("Қазақстан", "Әлем", "0,2", "2024"):
        assert label in text, label
    labels = [re.findall(r">([^<>]+)</text>", svg) for *_, svg, _ in kazakh]
    assert sum(map(len, labels)) > 80


def test_a_label_is_as_wide_as_the_fonts_advances_say():
    font = TTFont(paths.resource_dir("templates") / "fonts" / "PTS75F.ttf")
    advances = font["hmtx"].metrics
    cmap = font.getBestCmap()
    label, size = "Қазақстан 0,75", 7.5
    expected = sum(advances[cmap[ord(c)]][0] for c in label) * size / font["head"].unitsPerEm
    assert label_width(label, size, "700") == pytest.approx(expected, abs=len(label) / 1024)


def test_anchors_become_x_positions_and_what_cannot_be_measured_keeps_its_anchor():
    def text(label, anchor, weight=""):
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 20"><text style="'
            f"{weight}font-size: 8px; font-family: 'PT Sans', 'DejaVu Sans'; text-anchor: "
            f'{anchor}" x="50" y="10">{label}</text></svg>'
        )

    centred = lean_svg(text("0,25", "middle"))
    x = float(re.search(r'x="([\d.]+)"', centred)[1])
    assert x == pytest.approx(50 - label_width("0,25", 8) / 2) and "text-anchor" not in centred
    right = lean_svg(text("Eesti", "end", "font-weight: 700; "))
    assert float(re.search(r'x="([\d.]+)"', right)[1]) == pytest.approx(
        50 - label_width("Eesti", 8, "700")
    )
    assert 'text-anchor="middle"' in lean_svg(text("✓ ok", "middle"))  # no ✓ in PT Sans
    assert 'text-anchor="end"' in lean_svg(text("a  b", "end"))  # spaces WeasyPrint would fold


def test_a_marker_is_inlined_at_its_place_and_its_definition_dropped():
    svg = lean_svg(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<defs><path id="m1" d="M 0 -1 L 1 0 L 0 1 z" style="stroke: #000000"/></defs>'
        '<g id="line2d_1"><use xlink:href="#m1" x="10" y="20" style="fill: #ff0000"/></g></svg>'
    )
    assert '<path d="M 10.0 19.0 L 11.0 20.0 L 10.0 21.0 z"' in svg
    assert 'fill="#ff0000"' in svg and 'stroke="#000000"' in svg
    assert "<defs" not in svg and "<g" not in svg and "line2d" not in svg
