"""Hostile data: markup and template syntax in data stay text; rendering reaches no network and
no file beyond the project's own assets."""

from __future__ import annotations

import csv
import io
import logging
import socket

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from report.build.documents import brief_layout, build_brief, build_supplement
from report.data.dataset import load_dataset
from report.render.html import render_document
from report.render.pdf import asset_fetcher, templates_dir, write_pdf

ROOT = templates_dir().parent
HOSTILE = '<img src="file:///etc/passwd">{{ 7*7 }}{% raw %}$x^2$</p><script>alert(1)</script>'
REFUSED = [
    "http://127.0.0.1:9/track.png",
    "https://example.org/font.woff",
    "ftp://example.org/x",
    "file:///etc/passwd",
    "file:///etc/hostname",
    templates_dir().as_uri() + "/../pyproject.toml",
    templates_dir().as_uri() + "/fonts/../../data/egdi.csv",
    "chart:0000.svg",
]


@pytest.fixture
def no_network(monkeypatch):
    """Record, and block, any attempt to open a connection."""
    attempts = []

    def refuse(self, address, *args):
        attempts.append(address)
        raise OSError("network use in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.mark.parametrize("url", REFUSED)
def test_the_fetcher_refuses_everything_but_own_assets(url):
    with pytest.raises(ValueError, match=r"refused|no chart"):
        asset_fetcher().fetch(url)


def test_the_fetcher_serves_the_fonts():
    response = asset_fetcher().fetch(templates_dir().as_uri() + "/fonts/PTS55F.ttf")
    try:
        assert response.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
    finally:
        response.close()


def test_foreign_urls_in_a_template_are_refused_while_rendering(tmp_path, caplog, no_network):
    html = """<html><head><style>
      @import url("http://127.0.0.1:9/x.css");
      body { background: url("file:///etc/passwd"); }
    </style><link rel="stylesheet" href="https://example.org/x.css"></head><body>
      <p>Text</p>
      <img src="http://127.0.0.1:9/pixel.png"><img src="file:///etc/passwd">
      <img src="../pyproject.toml"><img src="fonts/../../data/egdi.csv">
    </body></html>"""
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        write_pdf(html, tmp_path / "hostile.pdf")
    log = caplog.text
    refused = [
        "http://127.0.0.1:9/x.css",
        "https://example.org/x.css",
        "http://127.0.0.1:9/pixel.png",
        "file:///etc/passwd",
        (ROOT / "pyproject.toml").as_uri(),
        (ROOT / "data" / "egdi.csv").as_uri(),
    ]
    for url in refused:
        assert f"refused {url!r}: documents use only their own assets" in log, url
    assert no_network == []
    reader = PdfReader(tmp_path / "hostile.pdf")
    assert reader.pages[0].extract_text().strip() == "Text"
    objects = [
        o.get_object() for p in reader.pages for o in p["/Resources"].get("/XObject", {}).values()
    ]
    assert not [o for o in objects if o["/Subtype"] == "/Image"]


@pytest.fixture
def hostile_data(data_copy):
    """Data whose country names (every language) and claims carry markup and Jinja syntax."""
    path = data_copy / "countries.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    for row in rows:
        if row["iso3"] in ("KAZ", "KGZ"):
            for lang in ("en", "ru", "kk"):
                row[f"name_{lang}"] = f"{HOSTILE} {row['iso3']}"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return data_copy


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_country_names_with_markup_are_escaped(hostile_data, lang, no_network):
    ds = load_dataset(hostile_data)
    html = render_document(brief_layout(ds, "KAZ", 2022, lang))
    assert "<script>" not in html and '<img src="file' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}{% raw %}" in html  # template syntax in data is never evaluated
    assert "$x^2$" in html  # and '$' in a chart label is not a formula
    assert no_network == []


def test_a_brief_of_a_hostile_name_is_a_pdf_showing_it_as_text(hostile_data, tmp_path):
    ds = load_dataset(hostile_data)
    pdf = build_brief(ds, "KAZ", 2022, "en", tmp_path)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "<script>alert(1)</script>" in text.replace("\n", "")


def test_claims_with_markup_and_formulas_stay_text(data_copy, tmp_path):
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "claims:\n"
        '  - id: \'=HYPERLINK("http://example.org","x")\'\n'
        "    printed: '0,8628'\n"
        "    where: {table: '<b>{{ config }}</b>'}\n"
        "    compute: {statistic: value, country: KAZ, indicator: egdi, year: 2022}\n",
        encoding="utf-8",
    )
    ds = load_dataset(data_copy)
    paths = build_supplement(ds, claims, "KAZ", "cis", 2022, "en", tmp_path, 2016)
    workbook = load_workbook(next(p for p in paths if p.suffix == ".xlsx"))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    formula_cells = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]
    assert formula_cells and all(c.data_type == "s" for c in formula_cells)
    audit_csv = next(p for p in paths if p.name == "S6.csv")
    lines = audit_csv.read_text(encoding="utf-8-sig").splitlines()
    rows = list(csv.reader(io.StringIO("\n".join(x for x in lines if not x.startswith("# ")))))
    assert rows[1][:2] == [
        '=HYPERLINK("http://example.org","x")',
        "table: “<b>{{ config }}</b>”",
    ]  # the article's words, quoted
    pdf = next(p for p in paths if p.suffix == ".pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\n", "")
    assert '=HYPERLINK("http://example.org","x")' in text and "<b>{{ config }}</b>" in text
