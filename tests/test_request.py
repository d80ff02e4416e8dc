"""Document requests: where each document goes, what its cache entry depends on, and the
command that makes it again."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import typer.main
from conftest import LATEST

from report.build import batch
from report.build.batch import Task
from report.build.cache import BuildCache
from report.build.documents import build_cached, default_requests
from report.build.request import DocumentRequest
from report.cli.app import app

OUT = Path("out")


def test_paths_of_each_kind():
    assert DocumentRequest.brief("KAZ", 2024, "kk").paths(OUT) == (
        OUT / "kk" / "brief-KAZ-2024.pdf",
    )
    analysis = DocumentRequest.analysis("UZB", "region:europe_central_asia", 2020, "ru")
    assert analysis.target(OUT) == OUT / "ru" / "analysis-UZB-region-europe_central_asia-2020.pdf"
    stem = OUT / "en" / "supplement-egdi-kazakhstan-article-2022"
    default = DocumentRequest.supplement("KAZ", "cis", 2022, "en")
    assert default.paths(OUT) == (stem.with_suffix(".pdf"), stem, stem.with_suffix(".xlsx"))
    given = DocumentRequest.supplement("UZB", "central_asia", 2020, "en", claims=Path("a/b.yaml"))
    assert given.target(OUT) == OUT / "en" / "supplement-b-UZB-central_asia-2020.pdf"


def test_what_differs_from_the_defaults_is_in_the_name():
    # a brief with other peers, a list of countries as a group, another since: none of
    # them overwrites the default document
    assert DocumentRequest.brief("KAZ", 2024, "en", peers="oecd").target(OUT).name == (
        "brief-KAZ-oecd-2024.pdf"
    )
    ad_hoc = DocumentRequest.analysis("KAZ", "EST,KOR,SGP", 2024, "en", since=2008)
    assert ad_hoc.target(OUT).name == "analysis-KAZ-EST-KOR-SGP-since2008-2024.pdf"
    own = DocumentRequest("brief", "KAZ", 2024, "kk", names="{year}/{lang}-{country}")
    assert own.target(OUT) == OUT / "2024" / "kk-KAZ.pdf"


def test_claims_file_defaults_to_the_data_directorys():
    data = Path("data")
    default = DocumentRequest.supplement("KAZ", "cis", 2022, "en")
    assert default.claims_file(data) == data / "claims" / "egdi-kazakhstan-article.yaml"
    given = DocumentRequest.supplement("KAZ", "cis", 2022, "en", claims=Path("mine.yaml"))
    assert given.claims_file(data) == Path("mine.yaml")


# The options as build_defaults and the batch wrote them before requests existed: the cache
# fingerprint hashes json.dumps(options, sort_keys=True), so these bytes must not change.
BRIEF_OPTIONS = '{"country": "KAZ", "document": "brief", "peers": null, "year": 2024}'
ANALYSIS_OPTIONS = (
    '{"country": "KAZ", "document": "analysis", "group": "cis", "since": 2016, "year": 2024}'
)


def test_cache_options_are_the_bytes_of_before():
    brief, analysis = default_requests(2024, ["en"])
    assert json.dumps(brief.options, sort_keys=True) == BRIEF_OPTIONS
    assert json.dumps(analysis.options, sort_keys=True) == ANALYSIS_OPTIONS
    assert json.dumps(Task("KAZ", "en", 2024).request.options, sort_keys=True) == BRIEF_OPTIONS
    assert DocumentRequest.brief("KAZ", 2024, "en", peers="oecd").options["peers"] == "oecd"
    supplement = DocumentRequest.supplement("KAZ", "cis", 2022, "en", 2010, Path("a.yaml"))
    assert supplement.options == {"document": "supplement", "country": "KAZ", "group": "cis",
                                  "year": 2022, "since": 2010, "claims": "a.yaml"}  # fmt: skip


def test_the_batch_and_the_defaults_ask_for_the_same_brief():
    assert Task("KAZ", "en", 2024).request == default_requests(2024, ["en"])[0]


def test_a_document_recorded_with_the_old_options_is_up_to_date(dataset, tmp_path):
    old_options = (BRIEF_OPTIONS, ANALYSIS_OPTIONS)
    for request, options in zip(default_requests(2024, ["en"]), old_options, strict=True):
        cache = BuildCache(tmp_path)
        target = request.target(tmp_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"%PDF- built before requests existed")
        old_print = cache.fingerprint(dataset.fingerprint, "en", json.loads(options))
        cache.record(target, old_print, [target])
        cache.save()

        again = BuildCache(tmp_path)
        assert build_cached(again, dataset, request, tmp_path) == [target]  # nothing rebuilt
        assert again.skipped == [target] and again.built == []


def test_default_requests_per_language_brief_first():
    requests = default_requests(2024, ["ru", "en"])
    assert [(r.kind, r.lang) for r in requests] == [
        ("brief", "ru"), ("analysis", "ru"), ("brief", "en"), ("analysis", "en"),
    ]  # fmt: skip
    assert {(r.country, r.group, r.year, r.since) for r in requests if r.kind == "analysis"} == {
        ("KAZ", "cis", 2024, 2016)
    }
    assert [r.lang for r in default_requests(2024)] == ["ru", "ru", "kk", "kk", "en", "en"]


def test_commands():
    assert (
        DocumentRequest.brief("KAZ", 2024, "en").command == "egdi brief KAZ --year 2024 --lang en"
    )
    assert (
        DocumentRequest.brief("USA", 2003, "kk", peers="cis").command
        == "egdi brief USA --year 2003 --lang kk --group cis"
    )
    assert (
        DocumentRequest.analysis("EST", "eu", 2020, "en", since=2010).command
        == "egdi analysis EST --group eu --year 2020 --since 2010 --lang en"
    )
    # printed in every supplement: --since only where it is not the default
    assert (
        DocumentRequest.supplement("KAZ", "cis", 2022, "ru").command
        == "egdi supplement KAZ --group cis --year 2022 --lang ru"
    )
    assert (
        DocumentRequest.supplement(
            "UZB", "central_asia", 2020, "en", since=2010, claims=Path("my.yaml")
        ).command
        == "egdi supplement UZB --claims my.yaml --group central_asia --year 2020 --since 2010 "
        "--lang en"
    )


def test_every_command_a_document_prints_runs_without_a_deprecation(cli):
    for request in (
        DocumentRequest.brief("USA", 2022, "kk", peers="cis"),
        DocumentRequest.analysis("EST", "eu", 2020, "en", since=2010),
    ):
        result = cli(*request.command.split()[1:], "--json")
        assert result.exit_code == 0 and result.stderr == "", request.command
    supplement = DocumentRequest.supplement("UZB", "central_asia", 2022, "en", since=2018)
    args = supplement.command.split()[1:]
    parsed = (
        typer.main.get_command(app)
        .get_command(None, "supplement")
        .make_context("supplement", args[1:])
    )
    assert parsed.params["countries"] == ["UZB"] and parsed.params["since"] == 2018


@pytest.mark.parametrize(
    ("kind", "fields", "message"),
    [
        ("memo", {}, "unknown document kind"),
        ("brief", {"group": "cis"}, "takes peers, not a group"),
        ("analysis", {}, "needs a group"),
        ("analysis", {"group": "cis", "peers": "oecd"}, "only a brief takes peers"),
        ("brief", {"claims": Path("a.yaml")}, "only a supplement takes a claims file"),
    ],
)
def test_a_request_that_makes_no_sense_is_refused(kind, fields, message):
    with pytest.raises(ValueError, match=message):
        DocumentRequest(kind, "KAZ", 2024, "en", **fields)


def test_requests_are_values():
    request = DocumentRequest.brief("KAZ", 2024, "en")
    assert request == DocumentRequest("brief", "KAZ", 2024, "en")
    assert len({request, DocumentRequest.brief("KAZ", 2024, "en")}) == 1
    with pytest.raises(AttributeError):
        request.year = 2022


# The commands build from requests: what each prints is what its request names.


@pytest.mark.parametrize(
    "request_",
    [
        DocumentRequest.brief("KAZ", LATEST, "en", peers="oecd"),
        DocumentRequest.analysis("UZB", "region:europe_central_asia", 2020, "ru", since=2010),
        DocumentRequest.supplement("KAZ", "cis", 2022, "kk"),
    ],
    ids=lambda r: r.kind,
)
def test_the_command_of_a_request_writes_its_files(cli, tmp_path, request_):
    result = cli(*shlex.split(request_.command)[1:], "--out", tmp_path)
    assert result.exit_code == 0, result.stderr
    written = [Path(line) for line in result.stdout.splitlines()]
    if request_.kind == "supplement":
        pdf, csv_dir, xlsx = request_.paths(tmp_path)
        assert written == [pdf, *(csv_dir / f"S{i}.csv" for i in range(1, 7)), xlsx]
    else:
        assert written == [request_.target(tmp_path)]
    assert all(path.is_file() for path in written)


def test_build_and_brief_all_share_the_briefs_cache_entry(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(
        batch,
        "brief_tasks",
        lambda ds, langs, year, names=None, *rest: [Task(c, "en", year) for c in ("KAZ", "KGZ")],
    )
    out = tmp_path / "out"
    # the PDF, as egdi brief --all writes it (egdi build writes every format by default)
    assert cli("build", "--out", out, "--lang", "en", "--formats", "pdf").exit_code == 0
    result = cli("brief", "--all", "--lang", "en", "--jobs", "1", "--out", out)
    assert result.exit_code == 0, result.stderr
    # KAZ was built by egdi build
    assert re.match(r"2 briefs in \d+ s: 1 written, 1 up to date, 0 failed", result.stdout)
    again = cli("build", "--out", out, "--lang", "en", "--formats", "pdf")
    assert again.stdout.splitlines() == [
        f"{out / 'en' / f'brief-KAZ-{LATEST}.pdf'} (up to date)",
        f"{out / 'en' / f'analysis-KAZ-cis-{LATEST}.pdf'} (up to date)",
    ]
