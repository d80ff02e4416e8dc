"""Headless Chromium for tests that open the HTML editions and check them.

Not a test file: test files import it. `why_not()` says why browser tests must skip here;
`browser(width)` gives a Selenium Chrome driver whose viewport is exactly `width` CSS pixels;
`load`, `overflow`, `axe` and `screenshot` check a page in it. Selenium gets the chromedriver
path through a Service, so Selenium Manager never runs and nothing is downloaded.
"""

from __future__ import annotations

import base64
import importlib.util
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

ROOT = Path(__file__).resolve().parent.parent
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
PHONE = 600  # narrower viewports are emulated as a phone (mobile=True: <meta viewport> applies)
IMPACTS = ("serious", "critical")
FLAGS = (  # --disable-dev-shm-usage: containers have a small /dev/shm
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--force-device-scale-factor=1",
    "--hide-scrollbars",
    "--allow-file-access-from-files",
)

# a page to measure the viewport on: like the editions, it asks for width=device-width
BLANK = (
    "data:text/html,<!doctype html><meta name=viewport"
    " content='width=device-width, initial-scale=1'><title>blank</title>"
)

# Resources that did not load. On file:// the Resource Timing sizes are always 0, so each
# element is checked: a broken image has naturalWidth 0, a stylesheet may have no sheet. A
# failed stylesheet often still has an empty sheet, and scripts, <source>, <use> and SVG
# <image> have no such property: those are fetched again with XHR (allowed on file:// by
# --allow-file-access-from-files). Fonts that failed have status 'error'.
MISSING_JS = r"""
const done = arguments[arguments.length - 1];
const missing = [];
const probe = (u) => new Promise((ok) => {
  const x = new XMLHttpRequest();
  x.onload = () => ok(x.status === 0 || x.status < 400);
  x.onerror = x.ontimeout = () => ok(false);
  try { x.open('GET', u); x.timeout = 5000; x.send(); } catch (e) { ok(false); }
});
for (const img of document.images) {
  if (img.hasAttribute('src') && img.complete && img.naturalWidth === 0)
    missing.push('img ' + (img.currentSrc || img.src || '(empty src)'));
}
for (const link of document.querySelectorAll('link[rel~=stylesheet]')) {
  if (!link.disabled && link.sheet === null) missing.push('link ' + link.href);
}
const probed = [], others = 'link[rel~=stylesheet], script[src], source, use, image';
for (const el of document.querySelectorAll(others)) {
  let u = el.getAttribute('src') || el.getAttribute('srcset') || el.getAttribute('href')
    || el.getAttribute('xlink:href') || '';
  u = u.trim().split(/[\s,]/)[0];
  if (!u || u.startsWith('#') || u.startsWith('data:')) continue;
  const abs = new URL(u, document.baseURI).href.split('#')[0];
  probed.push(probe(abs).then((ok) => ok || missing.push(el.localName + ' ' + abs)));
}
document.fonts.ready.then(() => Promise.all(probed)).then(() => {
  for (const f of document.fonts) {
    if (f.status === 'error') missing.push(`font ${f.family} ${f.style} ${f.weight}`);
  }
  done([...new Set(missing)]);
});
"""

# Elements that stick out of the viewport, unless a scrolling/clipping ancestor holds them.
OVERFLOW_JS = r"""
const vw = Math.min(window.innerWidth, screen.width), sw = document.documentElement.scrollWidth;
if (sw <= vw) return [];
const clips = (el) => {
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX))
      return true;
  }
  return false;
};
const shown = (el) => el.getClientRects().length > 0
  && getComputedStyle(el).visibility !== 'hidden';
const name = (el) => el.localName + (el.id ? '#' + el.id : '')
  + [...el.classList].map((c) => '.' + c).join('');
const found = new Set(), out = [`document is ${sw}px wide in a ${vw}px viewport`];
if (window.innerWidth > vw) out.push(`layout viewport ${window.innerWidth}px: no <meta viewport>?`);
const limit = out.length + 10;
for (const el of document.body.querySelectorAll('*')) {
  const right = el.getBoundingClientRect().right + window.scrollX;
  if (right <= vw + 1 || !shown(el) || clips(el)) continue;
  found.add(el);
  if (found.has(el.parentElement) || out.length >= limit) continue;
  const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
  out.push(`${name(el)} "${text}" right=${Math.round(right)}`);
}
return out;
"""

AXE_JS = r"""
const impacts = arguments[0], done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then((r) => done(r.violations.filter((v) => impacts.includes(v.impact)).map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  }))))
  .catch((e) => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
"""


@dataclass
class Page:
    """What loading one page showed: console errors and warnings, resources that failed."""

    path: Path
    console: list[str]
    missing: list[str]
    width: int  # window.innerWidth once loaded


def chromium() -> str | None:
    """The Chromium or Chrome binary on PATH, or None."""
    return next(filter(None, map(shutil.which, BROWSERS)), None)


def axe_path() -> Path:
    """Where axe.min.js is: $EGDI_AXE, else the copy .ci/run installs with npm."""
    default = ROOT / ".ci" / "node_modules" / "axe-core" / "axe.min.js"
    return Path(os.environ.get("EGDI_AXE") or default)


def why_not() -> str | None:
    """Why browser tests cannot run on this machine, or None when they can."""
    if not chromium():
        return f"no Chromium on PATH (looked for {', '.join(BROWSERS)})"
    if not shutil.which("chromedriver"):
        return "no chromedriver on PATH"
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed (pip install -e '.[dev]')"
    if not axe_path().is_file():
        return f"axe-core not found at {axe_path()} (.ci/run installs it; or set EGDI_AXE)"
    return None


@contextmanager
def browser(width: int, height: int = 900) -> Iterator[WebDriver]:
    """A headless Chromium whose viewport is `width` CSS pixels wide; quit on exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_AVOID_STATS"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium() or BROWSERS[0]
    for arg in (*FLAGS, f"--window-size={width},{height}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    try:
        driver.set_script_timeout(120)
        _fit(driver, width, height)
        yield driver
    finally:
        driver.quit()


def _fit(driver: WebDriver, width: int, height: int) -> None:
    """Make the viewport and screen `width` x `height`; below PHONE px, behave like a phone."""
    size = {"width": width, "height": height, "screenWidth": width, "screenHeight": height}
    metrics = {**size, "deviceScaleFactor": 1, "mobile": width < PHONE}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    driver.get(BLANK)
    inner = driver.execute_script("return window.innerWidth")
    if inner != width:
        raise RuntimeError(f"viewport is {inner}px wide, not {width}px")


def _counts(entry: dict) -> bool:
    """Whether a browser log entry is an error or warning (a failed load always is)."""
    message = entry.get("message", "")
    failed = "Failed to load resource" in message or "net::ERR_" in message
    return entry.get("level") in ("SEVERE", "WARNING") or failed


def load(driver: WebDriver, path: Path) -> Page:
    """Open `path`, wait until it is complete, and gather console errors and missing files."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(path.resolve().as_uri())
    ready = "return document.readyState === 'complete'"
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(ready))
    console = [e["message"] for e in driver.get_log("browser") if _counts(e)]
    missing = driver.execute_async_script(MISSING_JS)  # its XHRs log again: read the log first
    width = driver.execute_script("return window.innerWidth")
    return Page(path, console, missing, width)


def overflow(driver: WebDriver) -> list[str]:
    """Why the page is wider than the viewport (a summary, up to 10 elements), or []."""
    return driver.execute_script(OVERFLOW_JS)


def axe(driver: WebDriver) -> list[dict]:
    """The page's serious and critical axe-core violations: {id, impact, help, nodes}."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_path().read_text(encoding="utf-8"))
    return driver.execute_async_script(AXE_JS, list(IMPACTS))


def screenshot(driver: WebDriver, path: Path, full_page: bool = True) -> Path:
    """Save a PNG of the page (all of it by default) at the viewport's width; return `path`."""
    args: dict = {"format": "png", "captureBeyondViewport": full_page}
    if full_page:
        box = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        args["clip"] = {"x": 0, "y": 0, "width": box["width"], "height": box["height"], "scale": 1}
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", args)
    path.write_bytes(base64.b64decode(shot["data"]))
    return path
