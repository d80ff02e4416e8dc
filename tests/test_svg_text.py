"""Chart labels set whole (report/render/svgtext.py): every word where WeasyPrint's own
letter-by-letter drawing puts it, in far fewer text operations."""

from __future__ import annotations

import re
import shutil
import subprocess
from xml.etree import ElementTree

import pytest
from conftest import charts_pdf

from report.build.documents import analysis_layout, brief_layout
from report.render import svgtext
from report.render.html import figure_svg

DOCUMENTS = [("brief", "KAZ", "kk"), ("brief", "NGA", "ru"), ("analysis", "KAZ", "en")]
PLACES = 0.01  # points: a word's box may move by rounding, never by a kerned pair (~0.3 pt)


@pytest.fixture(scope="module")
def charts(dataset):
    """The chart SVGs of DOCUMENTS, as the chart stage writes them."""
    found = []
    for kind, iso3, lang in DOCUMENTS:
        if kind == "brief":
            layout = brief_layout(dataset, iso3, 2024, lang)
        else:
            layout = analysis_layout(dataset, iso3, "cis", 2024, lang)
        found += [figure_svg(figure, lang) for figure in layout.figures()]
    return found


def _words(data: bytes, tmp_path, name: str) -> list[tuple[str, float, float, float]]:
    """Each word of the PDF with the left, right and top of its box, as poppler reads them."""
    source, boxes = tmp_path / f"{name}.pdf", tmp_path / f"{name}.html"
    source.write_bytes(data)
    subprocess.run(["pdftotext", "-bbox", str(source), str(boxes)], check=True)
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        boxes.read_text(),
    )
    return [(word, float(x0), float(x1), float(y0)) for x0, y0, x1, word in found]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler's pdftotext")
def test_every_word_is_where_the_letter_by_letter_drawing_put_it(charts, tmp_path, monkeypatch):
    whole = charts_pdf(charts, "kk")
    monkeypatch.setattr(svgtext, "is_whole", lambda node: False)
    letters = charts_pdf(charts, "kk")
    assert whole != letters
    ours, theirs = _words(whole, tmp_path, "whole"), _words(letters, tmp_path, "letters")
    assert len(ours) == len(theirs) > 400
    assert "Қазақстан" in {word for word, *_ in ours}
    for (word, *box), (expected, *expected_box) in zip(ours, theirs, strict=True):
        assert word == expected
        assert box == pytest.approx(expected_box, abs=PLACES), word
    assert len(whole) < 0.97 * len(letters)  # one run of glyphs per label, not one per letter


def _node(markup: str):
    return ElementTree.fromstring(markup)


def test_only_labels_with_one_position_and_nothing_per_letter_are_set_whole():
    assert svgtext.is_whole(_node('<text x="1" y="2" font-size="8">Әлем</text>'))
    assert svgtext.is_whole(_node("<text>Әлем</text>"))  # at the cursor
    assert not svgtext.is_whole(_node('<text x="1 5 9" y="2">Әлем</text>'))
    assert not svgtext.is_whole(_node('<text x="1" y="2" dx="0 1">Әлем</text>'))
    assert not svgtext.is_whole(_node('<text x="1" y="2" rotate="10">Әлем</text>'))
    assert not svgtext.is_whole(_node('<text x="1" letter-spacing="2">Әлем</text>'))
    assert not svgtext.is_whole(_node('<text x="1" dominant-baseline="middle">Әлем</text>'))
    assert not svgtext.is_whole(_node('<text x="1" y="2"></text>'))


def test_labels_set_whole_ask_weasyprint_for_no_font_features():
    # WeasyPrint makes a Pango attribute for a style's font features at every layout and
    # never frees it: kerning is turned off by one attribute list kept for the process
    from weasyprint.text.fonts import font_features

    class Svg:
        font_config = None

    style = svgtext._style(Svg(), _node('<text font-weight="bold">Әлем</text>'), 8.0)
    keys = ("font_kerning", "font_variant_ligatures", "font_variant_position")
    keys += ("font_variant_caps", "font_variant_numeric", "font_variant_alternates")
    keys += ("font_variant_east_asian", "font_feature_settings")
    assert font_features(*(style[key] for key in keys)) == {}
    assert style["font_weight"] == 700
    assert svgtext._unkerned() is svgtext._unkerned()
