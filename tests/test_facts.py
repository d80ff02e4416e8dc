"""The facts of the documents: recomputed here from data/*.csv with plain arithmetic, and
printed by `--json` as numbers, codes and years only."""

from __future__ import annotations

import csv
import json
import math
import re
import statistics
from pathlib import Path

import pytest
from conftest import LATEST

from report.compute.brief import brief_facts
from report.compute.study import study_facts

DATA = Path(__file__).resolve().parent.parent / "data"


def _panel() -> dict[tuple[str, int], dict]:
    with (DATA / "egdi.csv").open(encoding="utf-8") as handle:
        return {(r["iso3"], int(r["year"])): r for r in csv.DictReader(handle)}


def _countries() -> dict[str, dict]:
    with (DATA / "countries.csv").open(encoding="utf-8") as handle:
        return {r["iso3"]: r for r in csv.DictReader(handle)}


PANEL = _panel()
COUNTRIES = _countries()
GROUPS = {i: set(filter(None, r["groups"].split("|"))) for i, r in COUNTRIES.items()}


def _default_peers(iso3: str) -> set[str]:
    """The CIS for its members, otherwise the countries of the same World Bank region."""
    if "cis" in GROUPS[iso3]:
        return {i for i, g in GROUPS.items() if "cis" in g}
    region = COUNTRIES[iso3]["wb_region"]
    return {i for i, r in COUNTRIES.items() if r["wb_region"] == region}


def _assessed(year: int) -> dict[str, dict]:
    return {iso3: r for (iso3, y), r in PANEL.items() if y == year and r["rank"]}


@pytest.mark.parametrize(("iso3", "year"), [("KAZ", LATEST), ("UZB", 2010), ("MNE", 2008)])
def test_brief_facts_against_the_csv(dataset, iso3, year):
    facts = brief_facts(dataset, iso3, year)
    row = PANEL[(iso3, year)]
    assert facts.now.egdi == float(row["egdi"]) and facts.now.rank == int(row["rank"])
    assessed = _assessed(year)
    world = facts.comparator("world")
    assert world.means["egdi"] == pytest.approx(
        sum(float(r["egdi"]) for r in assessed.values()) / len(assessed), abs=1e-12
    )
    peers = _default_peers(iso3) & set(assessed)
    assert {i for i, _ in facts.peers.ranking} == peers
    better = sum(float(assessed[i]["egdi"]) > float(row["egdi"]) for i in peers)
    assert facts.peers.rank == 1 + better and facts.peers.count == len(peers)
    assert facts.now.total == len(assessed)


def test_study_facts_against_the_csv(dataset):
    facts = study_facts(dataset, "KAZ", "cis", LATEST)
    assessed = _assessed(LATEST)
    leaders = [r.iso3 for r in facts.leaders]
    osi = [float(assessed[i]["osi"]) for i in leaders]
    hci = [float(assessed[i]["hci"]) for i in leaders]
    assert facts.r("osi", "hci").r == pytest.approx(statistics.correlation(osi, hci), abs=1e-12)
    assert facts.described["osi"].sd == pytest.approx(statistics.pstdev(osi), abs=1e-12)
    cis = [i for i, g in GROUPS.items() if "cis" in g and i in assessed]
    for index in ("egdi", "osi", "hci", "tii"):
        mean = statistics.fmean(float(assessed[i][index]) for i in cis)
        assert facts.group.means[index] == pytest.approx(mean, abs=1e-12)
    start = facts.dynamics.start
    before, after = float(PANEL[("KAZ", start)]["egdi"]), float(PANEL[("KAZ", LATEST)]["egdi"])
    assert facts.dynamics.changes["egdi"].pct == pytest.approx((after / before - 1) * 100)
    growth = ((after / before) ** (1 / (LATEST - start)) - 1) * 100
    assert facts.dynamics.changes["egdi"].annual_growth == pytest.approx(growth)


# Codes the facts may carry: ISO3, rating classes, set keys, index and change codes, file
# names and SHA-256 digests. Anything else would be display text.
CODE = re.compile(
    r"^([A-Z]{3}|[A-Z][A-Z0-9]?|[a-z0-9_]+(:([a-z0-9_-]+|[A-Z]{1,2}))?|[\w.-]+\.(csv|xlsx|json|yaml)|"
    r"[0-9a-f]{64}|top \d+)$"
)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_brief_json_is_facts_only(cli):
    result = cli("brief", "KAZ", "Estonia", "--json", "--group", "oecd")
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    assert [f["iso3"] for f in facts] == ["KAZ", "EST"]
    assert facts[0]["peers"]["key"] == "oecd" and facts[0]["peers"]["is_member"] is False
    texts = [s for s in _strings(facts) if not CODE.match(s)]
    assert texts == []
    assert all(math.isfinite(v) for v in facts[0]["world_trend"] if v is not None)


def test_analysis_json_is_facts_only(cli):
    result = cli("analysis", "KAZ", "--group", "central_asia", "--json")
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    assert facts["group_key"] == "central_asia" and facts["year"] == LATEST
    assert {r["iso3"] for r in facts["members"]} <= {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert [s for s in _strings(facts) if not CODE.match(s)] == []
    assert not re.search(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", result.stdout)


def test_json_writes_no_document(cli, tmp_path):
    assert cli("brief", "KAZ", "--json", "--out", tmp_path).exit_code == 0
    assert list(tmp_path.iterdir()) == []


def test_facts_are_computed_once_for_the_languages_of_a_document(dataset, monkeypatch):
    from report.build import documents

    calls = []
    real = documents.brief_facts
    monkeypatch.setattr(documents, "brief_facts", lambda *a: calls.append(a) or real(*a))
    models = [documents.brief_layout(dataset, "ARM", 2022, lang) for lang in ("ru", "kk", "en")]
    assert len(calls) == 1 and len({m.lang for m in models}) == 3
    documents.brief_layout(dataset, "ARM", 2020, "en")  # another document: its own facts
    assert len(calls) == 2


def test_a_supplement_audits_once_for_its_languages(dataset, monkeypatch, tmp_path):
    from report.build import documents

    calls = []
    real = documents.supplement_facts
    monkeypatch.setattr(documents, "supplement_facts", lambda *a: calls.append(a) or real(*a))
    for lang in ("ru", "kk", "en"):
        documents.supplement_layout(dataset, None, "KAZ", "cis", 2022, lang)
    assert len(calls) == 1
    claims = tmp_path / "claims.yaml"  # another claims file: its own audit
    claims.write_bytes((dataset.data_dir / documents.DEFAULT_CLAIMS).read_bytes() + b"\n")
    documents.supplement_layout(dataset, claims, "KAZ", "cis", 2022, "en")
    assert len(calls) == 2


def _field_names(value) -> set[str]:
    """Every field name of the dataclasses inside a fact, however deep."""
    import dataclasses

    names = set()
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            names |= {f.name} | _field_names(getattr(value, f.name))
    elif isinstance(value, dict):
        for item in value.values():
            names |= _field_names(item)
    elif isinstance(value, list | tuple):
        for item in value:
            names |= _field_names(item)
    return names


def test_the_readme_documents_every_key_of_the_json(dataset):
    readme = (DATA.parent / "README.md").read_text(encoding="utf-8")
    facts = [brief_facts(dataset, "KAZ", 2005), study_facts(dataset, "KAZ", "cis", LATEST)]
    missing = {n for f in facts for n in _field_names(f) if f"`{n}`" not in readme}
    assert missing == set()


@pytest.mark.parametrize(("iso3", "year"), [("KOR", 2020), ("KAZ", LATEST)])
def test_trends_and_comparators_are_one_mean(dataset, iso3, year):
    facts = brief_facts(dataset, iso3, year)
    assert facts.world_trend[-1] == facts.comparator("world").means["egdi"]
    assert facts.peer_trend[-1] == facts.comparator(facts.peer_role).means["egdi"]


@pytest.mark.parametrize("peers", ["income:UM", "world", "region:Europe & Central Asia", " cis"])
def test_peers_that_are_another_comparator_are_not_shown_twice(dataset, peers):
    facts = brief_facts(dataset, "KAZ", LATEST, peers)
    keys = [c.key for c in facts.comparators]
    assert len(keys) == len(set(keys)) and facts.peers.key in keys
    assert facts.comparator(facts.peer_role).key == facts.peers.key
