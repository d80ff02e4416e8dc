"""Documents as a reader gets them: every country renders, the six defaults are real PDFs."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from conftest import LATEST
from pypdf import PdfReader

from report.build.documents import brief_layout, build_brief, build_defaults
from report.data import paths
from report.render.html import render_document
from report.render.pdf import templates_dir

LANGS = ("ru", "kk", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_every_country_renders_at_the_html_stage(dataset, lang, monkeypatch):
    # Charts are not drawn here (tests/test_charts.py draws them for the hard cases); all text,
    # numbers and the template are exercised for all 193 countries.
    monkeypatch.setattr("report.render.html.draw", lambda chart, numbers: "<svg></svg>")
    year = dataset.latest_year
    for iso3 in dataset.countries.iso3_codes:
        html = render_document(brief_layout(dataset, iso3, year, lang))
        assert dataset.countries.name(iso3, lang).replace("'", "&#39;") in html, iso3
        assert not re.search(r"%\(|\bNone\b|\bnan\b", html), iso3


@pytest.mark.parametrize(("iso3", "year"), [("MNE", 2008), ("KIR", 2012), ("IRQ", 2003)])
def test_early_surveys_render(dataset, iso3, year, monkeypatch):
    monkeypatch.setattr("report.render.html.draw", lambda chart, numbers: "<svg></svg>")
    for lang in LANGS:
        html = render_document(brief_layout(dataset, iso3, year, lang))
        assert not re.search(r"%\(|\bNone\b|\bnan\b", html)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def fonts_in(path: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font of every page, charts included."""
    found = []
    for page in PdfReader(path).pages:
        found += _fonts(page["/Resources"])
    return found


def _fonts(resources) -> list[tuple[str, bool]]:
    found = []
    for font in resources.get("/Font", {}).values():
        font = font.get_object()
        descendants = font.get("/DescendantFonts")
        target = descendants[0].get_object() if descendants else font
        descriptor = target["/FontDescriptor"].get_object()
        embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        found.append((re.sub(r"^/[A-Z]{6}\+", "", str(font["/BaseFont"])), embedded))
    for xobject in resources.get("/XObject", {}).values():  # SVG charts are form XObjects
        xobject = xobject.get_object()
        if "/Resources" in xobject:
            found += _fonts(xobject["/Resources"])
    return found


@pytest.fixture(scope="module")
def defaults(dataset, tmp_path_factory) -> dict[tuple[str, str], Path]:
    out = tmp_path_factory.mktemp("out")
    cache = build_defaults(dataset, out)
    return {(p.parent.name, p.name.split("-")[0]): p for p in cache.built}


def test_build_makes_six_documents(defaults):
    assert sorted(defaults) == [(lang, kind) for lang in ("en", "kk", "ru")
                                for kind in ("analysis", "brief")]  # fmt: skip
    assert defaults[("kk", "analysis")].name == f"analysis-KAZ-cis-{LATEST}.pdf"


@pytest.mark.parametrize("lang", LANGS)
def test_fonts_are_embedded_pt_fonts_only(defaults, lang):
    for kind in ("brief", "analysis"):
        fonts = fonts_in(defaults[(lang, kind)])
        assert fonts and all(embedded for _, embedded in fonts), fonts
        assert {name for name, _ in fonts} <= {
            "PT-Serif", "PT-Serif-Bold", "PT-Serif-Italic", "PT-Sans", "PT-Sans-Bold",
        }, fonts  # fmt: skip


def test_table_digits_line_up_without_font_features():
    # Columns of figures align only if every digit has one width; the stylesheet asks for no
    # OpenType feature (tabular-nums would leak memory in WeasyPrint 70), so the fonts must.
    from fontTools.ttLib import TTFont

    fonts = templates_dir() / "fonts"
    for path in sorted(fonts.glob("*.ttf")):
        font = TTFont(path)
        cmap, metrics = font.getBestCmap(), font["hmtx"]
        assert len({metrics[cmap[ord(digit)]][0] for digit in "0123456789"}) == 1, path.name
    css = (templates_dir() / "style.css").read_text()
    assert not re.search(r"^\s*font-(variant|feature-settings|kerning)", css, re.M)


@pytest.mark.parametrize(
    ("lang", "name", "egdi", "title_word"),
    [("kk", "Қазақстан", "0,8628", "Мазмұны"), ("ru", "Казахстан", "0,8628", "Содержание"),
     ("en", "Kazakhstan", "0.8628", "Contents")],
)  # fmt: skip
def test_text_is_selectable_localised_and_has_contents(defaults, lang, name, egdi, title_word):
    for kind in ("brief", "analysis"):
        text = pdf_text(defaults[(lang, kind)])
        assert name in text and egdi in text and title_word in text
        assert ("0.8628" if egdi == "0,8628" else "0,8628") not in text


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_a_tags_metadata_and_bookmarks(defaults, dataset, lang):
    for kind in ("brief", "analysis"):
        reader = PdfReader(defaults[(lang, kind)])
        root = reader.trailer["/Root"]
        xmp = root["/Metadata"].get_object().get_data().decode()
        assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
        assert root["/Lang"] == lang
        assert root["/MarkInfo"]["/Marked"]
        assert dataset.countries.name("KAZ", lang) in reader.metadata.title
        assert reader.metadata.subject and reader.metadata.author and reader.metadata.keywords
        assert len(flatten(reader.outline)) >= 5  # the title and the sections, as bookmarks
        pages = len(reader.pages)
        assert 3 <= pages <= 6, (kind, pages)
        footer = {"ru": f"Страница {pages} из {pages}", "kk": f"{pages} беттің {pages}-беті",
                  "en": f"Page {pages} of {pages}"}[lang]  # fmt: skip
        assert footer in reader.pages[-1].extract_text()


def flatten(outline) -> list:
    """Every bookmark of a PDF outline, nested ones included."""
    return [e for item in outline for e in (flatten(item) if isinstance(item, list) else [item])]


ORIGINAL_TITLES = sorted(
    {
        row["title_en"]
        for row in csv.DictReader((paths.shipped_data_dir() / "surveys.csv").open(encoding="utf-8"))
    },
    key=len,
    reverse=True,
)


def sentences(path: Path) -> set[str]:
    """Sentences of a PDF's text, with names, numbers and abbreviations taken out."""
    text = re.sub(r"\s+", " ", pdf_text(path))
    parts = re.split(r"(?<=[.!?:;])\s", text)
    cleaned = set()
    for part in parts:
        part = re.sub(
            r"EGOV_DATA_\S+|OGHIST\S+|data/provenance\.json|egdi-report|SHA-256", "", part
        )
        for title in ORIGINAL_TITLES:  # cited as published: the original of a translated title
            part = part.replace(title, "")
        part = re.sub(r"[\d.,%+−–·\-=()/|≤<≥]|EGDI|OSI|HCI|TII|EPI|VH|V\d|H\d|HV|MH|M\d|LM|L\d",
                      "", part)  # fmt: skip
        words = part.split()
        if len(words) >= 3:
            cleaned.add(" ".join(words))
    return cleaned


@pytest.mark.parametrize("kind", ["brief", "analysis"])
def test_kazakh_shares_no_sentence_with_russian_or_english(defaults, kind):
    kk = sentences(defaults[("kk", kind)])
    assert len(kk) > 20
    assert not kk & sentences(defaults[("ru", kind)])
    assert not kk & sentences(defaults[("en", kind)])


@pytest.mark.parametrize(
    ("iso3", "lang"), [("NGA", "en"), ("TJK", "kk"), ("USA", "ru"), ("SSD", "en")]
)
def test_briefs_of_other_countries_as_pdf(dataset, tmp_path, iso3, lang):
    path = build_brief(dataset, iso3, None, lang, tmp_path)
    reader = PdfReader(path)
    assert 3 <= len(reader.pages) <= 4  # a large peer group too (SSD, NGA: 48 countries)
    assert dataset.countries.name(iso3, lang) in pdf_text(path)
