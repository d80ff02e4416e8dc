"""The contents' page numbers in one layout pass fewer (report/render/paging.py): the same
bytes as WeasyPrint's own three passes, and the right numbers."""

from __future__ import annotations

import io

import pytest
import weasyprint.layout.page
from pypdf import PdfReader

from report.build.documents import analysis_layout, brief_layout
from report.render import paging, pdf
from report.render.html import render_document

TOY = """<html lang="en"><head><style>
a::after {{ content: " p. " target-counter(attr(href), page); }}
h2 {{ break-before: page; }}
.total::after {{ content: " of " counter(pages); }}
</style></head><body>
<nav>{links}</nav><p class="total">Pages</p>
<h2 id="one">One</h2><h2 id="two">Two</h2><h2 id="three">Three</h2>
</body></html>"""


@pytest.fixture
def passes(monkeypatch):
    """The index of every page WeasyPrint lays out (again), in order."""
    made = []
    original = weasyprint.layout.page.remake_page

    def remake_page(index, *args, **kwargs):
        made.append(index)
        return original(index, *args, **kwargs)

    monkeypatch.setattr(weasyprint.layout.page, "remake_page", remake_page)
    return made


def _without_rereading(monkeypatch, html: str) -> bytes:
    with monkeypatch.context() as patch:
        patch.setattr(paging, "reread", lambda collector, total: None)
        return pdf.pdf_bytes(html)


@pytest.mark.parametrize("kind", ["brief", "analysis"])
def test_a_document_comes_out_as_with_three_passes_with_its_contents_page_laid_out_twice(
    dataset, monkeypatch, passes, kind
):
    if kind == "brief":
        document = brief_layout(dataset, "KAZ", 2024, "kk")
    else:
        document = analysis_layout(dataset, "KAZ", "cis", 2024, "ru")
    html = render_document(document)
    ours = pdf.pdf_bytes(html)
    twice = list(passes)
    passes.clear()
    assert ours == _without_rereading(monkeypatch, html)
    pages = len(PdfReader(io.BytesIO(ours)).pages)
    assert twice == [*range(pages), 0]  # the contents are on the first page
    assert passes == [*range(pages), 0, 0]


def test_the_numbers_point_to_the_targets_and_the_page_total_stays_weasyprints(monkeypatch, passes):
    links = "".join(f'<a href="#{name}">{name}</a>' for name in ("one", "two", "three"))
    html = TOY.format(links=links)
    ours = pdf.pdf_bytes(html)
    assert ours == _without_rereading(monkeypatch, html)
    first = PdfReader(io.BytesIO(ours)).pages[0].extract_text()
    for name, page in (("one", 2), ("two", 3), ("three", 4)):
        assert f"{name} p. {page}" in first
    assert "Pages of 4" in first
