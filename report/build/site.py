"""`egdi site OUT`: index pages for the documents built into OUT, one per language, with
links to each document's PDF, HTML edition and bundle, pages that filter them by World Bank
region and by EGDI group, and a language switch. Plain HTML and CSS: it reads from file://
and from any static host, with no JavaScript.

The documents are those the build manifest (OUT/.egdi-build.json) records, with what they
are (kind, country, group, year, language); files since removed are left out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from report.build.cache import MANIFEST, BuildCache
from report.build.outputs import ASSETS, language_name, write_assets
from report.compute.indicators import egdi_group
from report.data.countries import slug as region_slug
from report.data.dataset import Dataset
from report.data.storage import atomic_write_many
from report.errors import ReportError, shown
from report.render.html import render_html
from report.words import labels
from report.words.groups import group_name
from report.words.mechanics import sort_key
from report.words.text import Text

KINDS = ("brief", "analysis")  # what the index lists
EGDI_ORDER = ("very_high", "high", "middle", "low")


@dataclass(frozen=True)
class Listed:
    """A document the site lists: what it is and its files, relative to OUT."""

    kind: str
    country: str
    group: str | None
    year: int
    lang: str
    files: tuple[str, ...]

    def file(self, suffix: str) -> str | None:
        """Its file with a suffix (.pdf, .html, .zip), if it was written."""
        return next((f for f in self.files if f.endswith(suffix)), None)


def listed(out_dir: Path) -> list[Listed]:
    """The briefs and analyses the manifest of OUT records whose files are all in place (none
    where OUT has no manifest this tool wrote)."""
    found = []
    for _, entry in sorted(BuildCache(out_dir).entries.items()):
        about = entry.get("document")
        if not isinstance(about, dict) or about.get("document") not in KINDS:
            continue
        files = tuple(sorted(entry.get("outputs", {})))
        if all((Path(out_dir) / f).is_file() for f in files):
            found.append(
                Listed(
                    about["document"],
                    about["country"],
                    about.get("group") or about.get("peers"),
                    int(about["year"]),
                    about["lang"],
                    files,
                )
            )
    return found


def build_site(ds: Dataset, out_dir: Path) -> list[Path]:
    """Write OUT/index.html (the languages) and, per language, OUT/<lang>/index.html with its
    filter pages; return the paths written."""
    documents = listed(out_dir)
    if not documents:
        raise ReportError(
            f"{shown(out_dir)}: no briefs or analyses are recorded in its {MANIFEST}; "
            "build them there first"
        )
    langs = sorted({d.lang for d in documents}, key=["ru", "kk", "en"].index)
    files: dict[Path, bytes] = {}
    for lang in langs:
        mine = [d for d in documents if d.lang == lang]
        files |= _language_pages(ds, Path(out_dir), lang, langs, mine)
    files[Path(out_dir) / "index.html"] = _root_page(Path(out_dir), langs).encode()
    write_assets(out_dir)
    atomic_write_many(files)
    return list(files)


def _root_page(out_dir: Path, langs: list[str]) -> str:
    choices = [(lang, language_name(lang), f"{lang}/index.html") for lang in langs]
    title = " / ".join(
        Text(lang).gettext("E-Government Development: briefs and analyses") for lang in langs
    )
    context = {"choices": choices, "assets": f"{ASSETS}/", "title": title}
    return render_html("site-languages.html", context, langs[0])


def _facets(ds: Dataset, doc: Listed) -> dict[str, str]:
    """The filters a document belongs to: its country's region and EGDI group."""
    found = {"region": ds.countries.get(doc.country).wb_region}
    frame = ds.year_frame(doc.year)
    if doc.country in frame.index:
        found["egdi"] = egdi_group(float(frame.loc[doc.country, "egdi"]))
    return found


def _language_pages(ds, out_dir: Path, lang: str, langs: list[str], docs: list[Listed]) -> dict:
    text = Text(lang)
    facets = {id(d): _facets(ds, d) for d in docs}
    regions = sorted({f["region"] for f in facets.values()})
    groups = [g for g in EGDI_ORDER if any(f.get("egdi") == g for f in facets.values())]
    filters = [("", text.gettext("All documents"), None)]
    filters += [
        (
            f"region-{region_slug(r)}",
            labels.set_label(text, f"region:{region_slug(r)}"),
            ("region", r),
        )
        for r in regions
    ]
    filters += [(f"egdi-{g}", labels.egdi_group(text, g), ("egdi", g)) for g in groups]
    pages = {}
    for slug, label, rule in filters:
        name = "index.html" if not slug else f"index-{slug}.html"
        shown_docs = [d for d in docs if rule is None or facets[id(d)].get(rule[0]) == rule[1]]
        context = {
            "title": text.gettext("E-Government Development: briefs and analyses"),
            "subtitle": label,
            "assets": f"../{ASSETS}/",
            "filters": _filter_links(filters, slug, text),
            "languages": [
                (code, language_name(code), None if code == lang else f"../{code}/{name}")
                for code in langs
            ],
            "documents": [_entry(ds, text, d) for d in _sorted(ds, lang, shown_docs)],
        }
        pages[out_dir / lang / name] = render_html("site.html", context, lang).encode()
    return pages


def _filter_links(filters, current: str, text: Text) -> list[tuple[str, list]]:
    """The filter links by facet: (heading, [(label, url or None for the page's own)])."""
    by_facet: dict[str, list] = {"": [], "region": [], "egdi": []}
    for slug, label, rule in filters:
        url = None if slug == current else ("index.html" if not slug else f"index-{slug}.html")
        by_facet["" if rule is None else rule[0]].append((label, url))
    return [
        ("", by_facet[""]),
        (text.gettext("By region"), by_facet["region"]),
        (text.gettext("By EGDI group"), by_facet["egdi"]),
    ]


def _sorted(ds: Dataset, lang: str, docs: list[Listed]) -> list[Listed]:
    return sorted(
        docs,
        key=lambda d: (KINDS.index(d.kind), sort_key(lang, ds.countries.name(d.country, lang)), d),
    )


def _entry(ds: Dataset, text: Text, doc: Listed) -> dict:
    """A document's line: its name, what it is, and links to its files."""
    country = ds.countries.name(doc.country, text.lang)
    if doc.kind == "brief":
        about = text.gettext("Country brief, %(year)s", year=doc.year)
    else:
        about = text.gettext(
            "Comparative analysis: %(group)s, %(year)s",
            group=group_name(text, doc.group).label,
            year=doc.year,
        )
    links = [
        (label, _from_index(found, doc.lang))
        for label, found in (
            ("HTML", doc.file(".html")),
            ("PDF", doc.file(".pdf")),
            (text.gettext("all files (ZIP)"), doc.file(".zip")),
        )
        if found
    ]
    return {"name": country, "about": about, "links": links, "lang": doc.lang}


def _from_index(path: str, lang: str) -> str:
    """A file's link from OUT/<lang>/index.html."""
    return path.removeprefix(f"{lang}/") if path.startswith(f"{lang}/") else f"../{path}"
