"""The HTML editions and the site in a real browser (headless Chromium, tests/browser.py):
no console error, no missing resource, nothing wider than a 360 px phone or a 1280 px
screen, and no serious or critical axe-core violation. Skips, saying why, where Chromium,
chromedriver, Selenium or axe-core is missing (.ci/run installs them).

EGDI_SCREENSHOTS=DIR keeps the full-page screenshots there, to look at."""

from __future__ import annotations

import os
from pathlib import Path

import browser
import pytest

from report.build.documents import build_many
from report.build.outputs import with_languages
from report.build.request import DocumentRequest
from report.build.site import build_site

pytestmark = pytest.mark.skipif(browser.why_not() is not None, reason=browser.why_not() or "")
WIDTHS = (360, 1280)
FORMATS = ("pdf", "html", "svg", "png", "csv", "zip")


@pytest.fixture(scope="module")
def site(tmp_path_factory, dataset) -> Path:
    """The Kazakhstan brief in three languages and the CIS analysis in Kazakh, as HTML
    editions, and the site's index pages over them."""
    out = tmp_path_factory.mktemp("site")
    requests = [
        DocumentRequest("brief", "KAZ", 2024, lang, formats=FORMATS) for lang in ("ru", "kk", "en")
    ]
    requests.append(DocumentRequest("analysis", "KAZ", 2024, "kk", group="cis", formats=FORMATS))
    build_many(dataset, with_languages(requests), out)
    build_site(dataset, out)
    return out


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    kept = os.environ.get("EGDI_SCREENSHOTS")
    return Path(kept) if kept else tmp_path_factory.mktemp("screenshots")


PAGES = [
    "kk/brief-KAZ-2024.html",
    "ru/brief-KAZ-2024.html",
    "en/brief-KAZ-2024.html",
    "kk/analysis-KAZ-cis-2024.html",
    "kk/index.html",
    "kk/index-egdi-very_high.html",
    "index.html",
]


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_load_whole_fit_and_pass_axe(site, shots, width):
    problems = []
    with browser.browser(width) as driver:
        for name in PAGES:
            page = browser.load(driver, site / name)
            assert page.width == width
            found = {
                "console": page.console,
                "missing": page.missing,
                "overflow": browser.overflow(driver),
                "axe": browser.axe(driver),
            }
            problems += [f"{name} at {width}px: {key}: {v}" for key, v in found.items() if v]
            browser.screenshot(driver, shots / f"{name.replace('/', '-')[:-5]}-{width}.png")
    assert not problems, "\n".join(problems)


def test_the_site_links_every_document_and_language(site):
    index = (site / "kk/index.html").read_text(encoding="utf-8")
    assert 'href="brief-KAZ-2024.html"' in index and 'href="brief-KAZ-2024.pdf"' in index
    assert 'href="analysis-KAZ-cis-2024.zip"' in index
    assert 'href="../ru/index.html"' in index and 'href="../en/index.html"' in index
    assert 'href="index-region-europe_central_asia.html"' in index
    assert "<script" not in index
    english = (site / "en/index.html").read_text(encoding="utf-8")
    assert "analysis" not in english.split("<ul")[1]  # only the brief was built in English


def test_the_downloaded_charts_open_in_the_browser(site, shots):
    figures = sorted((site / "kk/brief-KAZ-2024").glob("figure-*.svg"))
    assert len(figures) == 5
    with browser.browser(1280) as driver:
        for path in [*figures, *(p.with_suffix(".png") for p in figures)]:
            page = browser.load(driver, path)
            assert (page.console, page.missing) == ([], []), path.name
            size = driver.execute_script(
                "const e = document.querySelector('svg, img');"
                "const r = e.getBoundingClientRect(); return [r.width, r.height];"
            )
            assert size[0] > 400 and size[1] > 100, (path.name, size)
            browser.screenshot(driver, shots / f"kk-{path.name}.png", full_page=False)
