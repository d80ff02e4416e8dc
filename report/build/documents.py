"""Building documents: a request, its facts, their layout in a language, HTML, PDF."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from report import interrupts
from report.build.cache import BuildCache, check_out_dir
from report.build.outputs import document_files, with_languages, write_assets
from report.build.request import DEFAULT_CLAIMS, DEFAULT_SINCE, FORMATS, DocumentRequest
from report.compute.audit import load_claims
from report.compute.brief import brief_facts
from report.compute.study import study_facts
from report.compute.supplement import supplement_facts
from report.data.dataset import Dataset
from report.data.project import Look
from report.data.storage import atomic_write_many
from report.errors import ReportError, shown
from report.layout.analysis import analysis_document
from report.layout.branding import branded
from report.layout.brief import brief_document
from report.layout.model import Document as LaidOut
from report.layout.supplement import supplement_document
from report.render.html import render_document
from report.words.groups import project_names
from report.words.text import Text

DEFAULT_COUNTRY = "KAZ"
DEFAULT_GROUP = "cis"
DEFAULT_LANGUAGES = ("ru", "kk", "en")
SHIPPED = Look()  # no branding, the shipped templates and catalogs


@dataclass(frozen=True)
class Document:
    """A rendered document: where it goes and its HTML."""

    path: Path
    html: str


# The facts of the last documents built, kept with their dataset: the languages of a
# document are laid out from the same facts, computed once.
_FACTS: OrderedDict[tuple, tuple[Dataset, object]] = OrderedDict()
_FACTS_KEPT = 8


def _once(ds: Dataset, key: tuple, compute):
    """compute() for a dataset and key, or its result kept from an earlier call."""
    key = (id(ds), *key)
    kept = _FACTS.get(key)
    if kept is not None and kept[0] is ds:  # the dataset is held, so its id is not reused
        _FACTS.move_to_end(key)
        return kept[1]
    facts = compute()
    _FACTS[key] = (ds, facts)
    while len(_FACTS) > _FACTS_KEPT:
        _FACTS.popitem(last=False)
    return facts


def words(ds: Dataset, lang: str, look: Look = SHIPPED) -> Text:
    """The text of a language for a dataset's documents: the catalogs of the look, and the
    names of the user's groups and of lists of countries."""
    return Text(lang, look.catalogs, project_names(ds, lang))


def facts_of(ds: Dataset, request: DocumentRequest):
    """The facts of a request's document, computed once for all its languages."""
    year = ds.check_year(request.year)
    if request.kind == "brief":
        key = ("brief", request.country, year, request.peers)
        return _once(ds, key, lambda: brief_facts(ds, request.country, year, request.peers))
    if request.kind == "analysis":
        key = ("analysis", request.country, request.group, year, request.since)
        return _once(
            ds,
            key,
            lambda: study_facts(ds, request.country, request.group, year, request.since),
        )
    claims = load_claims(request.claims_file(ds.data_dir))
    key = ("supplement", claims.path, claims.sha256, request.country, request.group, year)
    return _once(
        ds,
        (*key, request.since),
        lambda: supplement_facts(ds, claims, request.country, request.group, year, request.since),
    )


def brief_layout(
    ds: Dataset, iso3: str, year: int, lang: str, peers: str | None = None, look: Look = SHIPPED
) -> LaidOut:
    """The brief of a country laid out in a language: its facts computed (once for all its
    languages), then worded."""
    facts = facts_of(ds, DocumentRequest.brief(iso3, year, lang, peers))
    text = words(ds, lang, look)
    return branded(brief_document(facts, ds, text), look, text, ds.editions.get(year))


def analysis_layout(
    ds: Dataset,
    focus: str,
    group: str,
    year: int,
    lang: str,
    since: int = DEFAULT_SINCE,
    look: Look = SHIPPED,
) -> LaidOut:
    """The comparative analysis laid out in a language: its facts computed (once for all its
    languages), then worded."""
    facts = facts_of(ds, DocumentRequest.analysis(focus, group, year, lang, since))
    text = words(ds, lang, look)
    return branded(analysis_document(facts, ds, text), look, text, ds.editions.get(year))


def render_brief(
    ds: Dataset, iso3: str, year: int, lang: str, out_dir: Path, peers: str | None = None
) -> Document:
    """The brief's HTML and its target path."""
    html = render_document(brief_layout(ds, iso3, year, lang, peers))
    return Document(DocumentRequest.brief(iso3, year, lang, peers).target(out_dir), html)


def build_brief(
    ds: Dataset, iso3: str, year: int | None, lang: str, out_dir: Path, peers: str | None = None
) -> Path:
    """Write the country brief PDF and return its path."""
    (path,) = build(ds, DocumentRequest.brief(iso3, ds.check_year(year), lang, peers), out_dir)
    return path


def build_analysis(
    ds: Dataset,
    focus: str,
    group: str,
    year: int | None,
    lang: str,
    out_dir: Path,
    since: int = DEFAULT_SINCE,
) -> Path:
    """Write the comparative analysis PDF and return its path."""
    request = DocumentRequest.analysis(focus, group, ds.check_year(year), lang, since)
    (path,) = build(ds, request, out_dir)
    return path


def supplement_year(ds: Dataset, claims_path: Path | None, year: int | None) -> int:
    """A supplement's survey year: the one given, else its claims file's, else the latest."""
    if year is None:
        year = load_claims(claims_path or ds.data_dir / DEFAULT_CLAIMS).year
    return ds.check_year(year)


def supplement_layout(
    ds: Dataset,
    claims_path: Path | None,
    focus: str,
    group: str,
    year: int | None,
    lang: str,
    since: int = DEFAULT_SINCE,
) -> LaidOut:
    """The supplement laid out in a language (claims_path None: the data's default claims)."""
    year = supplement_year(ds, claims_path, year)
    request = DocumentRequest.supplement(focus, group, year, lang, since, claims_path)
    return _supplement(ds, request)[0]


def _supplement(ds: Dataset, request: DocumentRequest, look: Look = SHIPPED):
    """The supplement of a request laid out, and its tables; its facts (the audit among
    them) computed once for all its languages."""
    facts = facts_of(ds, request)
    text = words(ds, request.lang, look)
    document, tables = supplement_document(facts, ds, text, request.command)
    return branded(document, look, text, ds.editions.get(request.year)), tables


def build_supplement(
    ds: Dataset,
    claims_path: Path | None,
    focus: str,
    group: str,
    year: int | None,
    lang: str,
    out_dir: Path,
    since: int = DEFAULT_SINCE,
) -> list[Path]:
    """Write the supplement's PDF, CSV tables and workbook (year: see supplement_year)."""
    year = supplement_year(ds, claims_path, year)
    request = DocumentRequest.supplement(focus, group, year, lang, since, claims_path)
    return build(ds, request, out_dir)


def brief_requests(
    ds: Dataset, countries: list[str], year: int, langs: list[str], peers: str | None = None
) -> list[DocumentRequest]:
    """The briefs of countries (ISO3 codes or exact UN names) in each language, country by
    country; an unknown country or peer group is an error before any document is written."""
    from report.compute.selection import group_key

    if peers is not None:
        peers = group_key(ds, year, peers)
    codes = [ds.countries.resolve(token) for token in countries]
    return [DocumentRequest.brief(iso3, year, lang, peers) for iso3 in codes for lang in langs]


def build(ds: Dataset, request: DocumentRequest, out_dir: Path, look: Look = SHIPPED) -> list[Path]:
    """Write the document a request asks for; return the files written. A stop signal
    meanwhile abandons it before anything is written (report/interrupts.py)."""
    with interrupts.deferred():
        interrupts.check()
        return _build(ds, request, out_dir, look)


def layout(ds: Dataset, request: DocumentRequest, look: Look = SHIPPED) -> LaidOut:
    """The document a request asks for, laid out (a supplement without its tables)."""
    year = ds.check_year(request.year)
    if request.kind == "brief":
        return brief_layout(ds, request.country, year, request.lang, request.peers, look)
    if request.kind == "analysis":
        return analysis_layout(
            ds, request.country, request.group, year, request.lang, request.since, look
        )
    return _supplement(ds, request, look)[0]


def _build(ds: Dataset, request: DocumentRequest, out_dir: Path, look: Look) -> list[Path]:
    """Write every file of the document; they are renamed into place together, only once all
    of them are on disk, so a failure leaves the previous document whole rather than a mix of
    old and new files."""
    if request.kind == "supplement":
        document, tables = _supplement(ds, request, look)
    else:
        document, tables = layout(ds, request, look), []
    files = document_files(request, out_dir, document, tables, facts_of(ds, request), look)
    atomic_write_many(files)
    return list(files)


def build_cached(
    cache: BuildCache, ds: Dataset, request: DocumentRequest, out_dir: Path, look: Look = SHIPPED
) -> list[Path]:
    """Build a document unless the cache finds it up to date; return the files it consists of."""
    return cache.build(
        request.target(out_dir),
        ds.fingerprint,
        request.lang,
        depends(ds, request, look),
        lambda: build(ds, request, out_dir, look),
    )


def depends(ds: Dataset, request: DocumentRequest, look: Look = SHIPPED) -> dict:
    """What a document's cache entry depends on besides the data, code and shipped assets:
    its options, the definitions of the user's groups it uses, its claims file, its look."""
    options = dict(request.options)
    for group in (ds.user_group(key) for key in (request.group, request.peers) if key):
        if group:
            options.setdefault("user_groups", {})[group.key] = group.definition
    if request.kind == "supplement":
        options["claims_sha256"] = load_claims(request.claims_file(ds.data_dir)).sha256
    return with_look(options, look)


def with_look(options: dict, look: Look) -> dict:
    """A document's options with the fingerprint of its look (none for the shipped one)."""
    return options if look.is_default else {**options, "look": look.fingerprint()}


def clash(requests: list[DocumentRequest], out_dir: Path) -> tuple | None:
    """The first two different documents that would be written to one file, or None."""
    seen: dict[Path, DocumentRequest] = {}
    for request in requests:
        other = seen.setdefault(request.target(out_dir), request)
        if other != request:
            return other, request
    return None


def check_distinct(requests: list[DocumentRequest], out_dir: Path) -> None:
    """Refuse two different documents that would be written to one file."""
    found = clash(requests, out_dir)
    if found:
        other, request = found
        raise ReportError(
            f"{shown(request.target(out_dir))}: two documents would be written here "
            f"({other.command}; {request.command}); the file-name pattern must tell them apart"
        )


def default_requests(year: int, langs: list[str] | None = None) -> list[DocumentRequest]:
    """The default documents of a survey, per language: the Kazakhstan brief and the analysis
    of Kazakhstan among the CIS countries."""
    return [
        request
        for lang in langs or DEFAULT_LANGUAGES
        for request in (
            DocumentRequest.brief(DEFAULT_COUNTRY, year, lang),
            DocumentRequest.analysis(DEFAULT_COUNTRY, DEFAULT_GROUP, year, lang),
        )
    ]


def build_defaults(
    ds: Dataset,
    out_dir: Path,
    langs: list[str] | None = None,
    force: bool = False,
    formats: tuple[str, ...] = FORMATS,
) -> BuildCache:
    """The default documents of the latest survey (default_requests) in the formats given
    (default: every one, as egdi build writes them), their HTML editions linked across the
    three languages. Documents whose inputs have not changed since the last build are kept
    (see report/build/cache.py); force rebuilds them all."""
    every = [replace(r, formats=formats) for r in default_requests(ds.latest_year)]
    wanted = [r for r in with_languages(every) if r.lang in (langs or DEFAULT_LANGUAGES)]
    return build_many(ds, wanted, out_dir, force)


def build_many(
    ds: Dataset,
    requests: list[DocumentRequest],
    out_dir: Path,
    force: bool = False,
    on_files: Callable[[list[Path], bool], None] | None = None,
    look: Look = SHIPPED,
) -> BuildCache:
    """Build documents in turn, holding the output directory (other builds into it wait);
    those up to date are kept unless force. on_files gets each document's files and
    whether they were kept."""
    check_out_dir(Path(out_dir), ds.data_dir)
    check_distinct(requests, out_dir)
    with BuildCache(out_dir, force) as cache:
        if any("html" in r.written for r in requests):
            write_assets(out_dir)
        for request in requests:
            kept = len(cache.skipped)
            files = build_cached(cache, ds, request, out_dir, look)
            if on_files:
                on_files(files, len(cache.skipped) > kept)
    return cache
