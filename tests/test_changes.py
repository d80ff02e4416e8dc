"""egdi changes: two surveys compared, checked against arithmetic on the shipped panel's CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from report.data import paths

PANEL = paths.default_data_dir() / "egdi.csv"


def survey(year: int) -> dict[str, tuple[int, float]]:
    """rank and EGDI of every assessed country, read with the csv module alone."""
    with Path(PANEL).open(encoding="utf-8", newline="") as handle:
        return {
            r["iso3"]: (int(r["rank"]), float(r["egdi"]))
            for r in csv.DictReader(handle)
            if int(r["year"]) == year and r["rank"]
        }


def group_of(egdi: float) -> str:
    """The UN's EGDI groups by their lower bounds."""
    return (
        "very_high"
        if egdi >= 0.75
        else "high"
        if egdi >= 0.5
        else "middle"
        if egdi >= 0.25
        else "low"
    )


def classes_of(year: int) -> dict[str, str]:
    """Rating classes: quartiles of each group by the share scoring strictly higher; a tie at
    the foot of a group takes the last quartile."""
    letters = {"very_high": "VH V3 V2 V1", "high": "HV H3 H2 H1", "middle": "MH M3 M2 M1",
               "low": "LM L3 L2 L1"}  # fmt: skip
    values = {iso3: egdi for iso3, (_, egdi) in survey(year).items()}
    found = {}
    for iso3, egdi in values.items():
        members = [v for v in values.values() if group_of(v) == group_of(egdi)]
        higher = sum(v > egdi for v in members)
        quarter = min(3, 4 * higher // len(members))
        if higher and egdi == min(members):
            quarter = 3
        found[iso3] = letters[group_of(egdi)].split()[quarter]
    return found


def largest(sizes: dict[str, float], top: int) -> list[str]:
    """The top largest positive sizes, every one tied with the last kept."""
    positive = sorted((s, c) for c, s in sizes.items() if s > 1e-9)
    positive.reverse()
    if len(positive) <= top:
        return [c for _, c in positive]
    cut = positive[top - 1][0]
    return [c for s, c in positive if s >= cut - 1e-9]


@pytest.fixture(scope="module")
def changes_2022_2024():
    from typer.testing import CliRunner

    from report.cli.app import app

    result = CliRunner().invoke(app, ["changes", "2022", "2024", "--json"], prog_name="egdi")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_kazakhstan_gained_four_places(changes_2022_2024):
    before, after = survey(2022), survey(2024)
    kaz = next(m for m in changes_2022_2024["moves"] if m["iso3"] == "KAZ")
    assert kaz["places"] == before["KAZ"][0] - after["KAZ"][0] == 4
    assert (kaz["before"]["rank"], kaz["after"]["rank"]) == (28, 24)
    assert kaz["egdi_change"] == pytest.approx(after["KAZ"][1] - before["KAZ"][1], abs=1e-9)


def test_every_move_against_the_panel(changes_2022_2024):
    before, after = survey(2022), survey(2024)
    moves = {m["iso3"]: m for m in changes_2022_2024["moves"]}
    assert set(moves) == set(before) | set(after)
    for iso3, move in moves.items():
        assert move["places"] == before[iso3][0] - after[iso3][0]
        assert move["before"]["group"] == group_of(before[iso3][1])
        assert move["after"]["group"] == group_of(after[iso3][1])


def test_risers_and_fallers(changes_2022_2024):
    before, after = survey(2022), survey(2024)
    both = set(before) & set(after)
    places = {c: before[c][0] - after[c][0] for c in both}
    egdi = {c: after[c][1] - before[c][1] for c in both}
    result = changes_2022_2024
    assert set(result["rank_risers"]) == set(largest(places, 10))
    assert set(result["rank_fallers"]) == set(largest({c: -p for c, p in places.items()}, 10))
    assert result["egdi_risers"] == largest(egdi, 10)
    assert result["egdi_fallers"] == largest({c: -d for c, d in egdi.items()}, 10)
    # ties at the cut are all listed: more than ten fallers when the tenth shares its fall
    tenth = sorted(places.values())[9]
    assert len(result["rank_fallers"]) == sum(p <= tenth for p in places.values())
    assert result["rank_risers"][0] == max(places, key=places.get)


def test_groups_and_classes_that_changed(changes_2022_2024):
    before, after = survey(2022), survey(2024)
    both = set(before) & set(after)
    old, new = classes_of(2022), classes_of(2024)
    groups = {c for c in both if group_of(before[c][1]) != group_of(after[c][1])}
    classes = {c for c in both if old[c] != new[c]}
    assert set(changes_2022_2024["group_changes"]) == groups
    assert set(changes_2022_2024["class_changes"]) == classes
    assert "KAZ" not in classes  # V3 in both surveys
    by_rank = sorted(groups, key=lambda c: after[c][0])
    assert changes_2022_2024["group_changes"] == by_rank


def test_the_vh_class(changes_2022_2024):
    old, new = classes_of(2022), classes_of(2024)
    vh = sorted((c for c, k in new.items() if k == "VH"), key=lambda c: survey(2024)[c][0])
    assert changes_2022_2024["vh_class"] == vh
    assert set(changes_2022_2024["vh_entered"]) == {c for c in vh if old.get(c) != "VH"}
    assert set(changes_2022_2024["vh_left"]) == {c for c, k in old.items() if k == "VH"} - set(vh)
    assert changes_2022_2024["newly_assessed"] == changes_2022_2024["no_longer_assessed"] == []


def test_countries_that_came_and_went(cli):
    result = json.loads(cli("changes", "2005", "2008", "--json").stdout)
    assert result["newly_assessed"] == sorted(set(survey(2008)) - set(survey(2005)))
    assert result["no_longer_assessed"] == sorted(set(survey(2005)) - set(survey(2008)))
    assert result["newly_assessed"]  # Montenegro, assessed from 2008


def test_defaults_are_the_two_latest_surveys(cli):
    latest = json.loads(cli("changes", "--json").stdout)
    assert (latest["from"], latest["to"]) == (2022, 2024)
    one = json.loads(cli("changes", "2016", "--json").stdout)
    assert (one["from"], one["to"]) == (2014, 2016)


@pytest.mark.parametrize(
    ("lang", "phrases"),
    [
        ("en", ("Kazakhstan", "Largest rises in rank, 2022–2024", "The VH rating class, 2024: 19")),
        (
            "ru",
            ("Казахстан", "Наибольший подъём в рейтинге", "Рейтинговый класс VH, 2024: 19 стран"),
        ),
        (
            "kk",
            ("Қазақстан", "Рейтингте ең көп көтерілген елдер", "VH рейтингтік сыныбы, 2024: 19 ел"),
        ),
    ],
)
def test_tables_in_each_language(cli, lang, phrases):
    result = cli("changes", "--lang", lang, "--width", "100")
    assert result.exit_code == 0, result.stderr
    for phrase in phrases:
        assert phrase in result.stdout
    kaz = next(line for line in result.stdout.splitlines() if line.lstrip().startswith(phrases[0]))
    assert "+4" in kaz.split()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2024", "2022"], "FROM 2024 is after TO 2022; the earlier survey comes first"),
        (["2021", "2024"], "no survey year 2021 in the data"),
        (["2003"], "2003 is the first survey: there is nothing before it"),
        (["--top", "0"], "--top 0: give one or more"),
        (["--countries", "Korea", "--json"], "'Korea' names several countries"),
    ],
)
def test_bad_requests_are_one_line(cli, args, message):
    result = cli("changes", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {message}"), result.stderr
    assert result.stderr.count("\n") == 1
