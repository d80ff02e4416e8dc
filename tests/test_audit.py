"""egdi audit: the article's claims file, statuses, precision, and malformed claims files."""

from __future__ import annotations

import json

import pytest

from report.compute.audit import parse_printed
from report.data import paths

CLAIMS = paths.shipped_data_dir() / "claims" / "egdi-kazakhstan-article.yaml"


@pytest.fixture(scope="module")
def article():
    from typer.testing import CliRunner

    from report.cli.app import app

    result = CliRunner().invoke(app, ["audit", str(CLAIMS), "--json"])
    assert result.exit_code == 1, result.stderr  # the article has mismatches
    return {c["id"]: c for c in json.loads(result.stdout)["claims"]}, json.loads(result.stdout)


def test_every_table_1_and_table_4_data_value_matches(article):
    claims, _ = article
    data = [c for i, c in claims.items() if i.startswith("T1-") or
            (i.startswith("T4-") and not i.startswith("T4-mean"))]  # fmt: skip
    assert len(data) == 15 * 3 + 1 + 10 * 7
    assert all(c["status"] == "match" for c in data), [c for c in data if c["status"] != "match"]


def test_tables_2_and_3_are_mismatches_with_the_right_values(article):
    claims, _ = article
    expected = {  # recomputed from the fifteen 2022 VH countries, at the printed precision
        "T2-OSI-mean": 0.9337, "T2-HCI-mean": 0.9335, "T2-TII-mean": 0.9247,
        "T2-OSI-sd": 0.0395, "T2-HCI-sd": 0.0392, "T2-TII-sd": 0.034,
        "T3-OSI-HCI": 0.186, "T3-OSI-TII": -0.215, "T3-HCI-TII": 0.039,
    }  # fmt: skip
    for claim_id, value in expected.items():
        claim = claims[claim_id]
        assert claim["status"] == "mismatch", claim_id
        assert claim["computed_at_printed_precision"] == value, claim_id
        assert claim["error"] == pytest.approx(claim["computed"] - claim["published"])


def test_group_means_of_table_4_and_the_text(article):
    claims, _ = article
    # CIS means of 2022, by hand from Table 4's (correct) rows: EGDI 7.0011/10, OSI 6.3298/10,
    # TII 6.3978/10, HCI 8.2756/10
    assert claims["T4-mean-egdi"]["computed"] == pytest.approx(0.70011)
    assert claims["text-mean-osi"]["computed"] == pytest.approx(0.63298)
    assert claims["text-mean-tii"]["computed"] == pytest.approx(0.63978)
    assert claims["text-mean-hci"]["computed"] == pytest.approx(0.82756)
    # printed 0,639 and 0,827: the article truncated; rounding gives 0.640 and 0.828
    assert claims["T4-mean-tii"]["computed_at_printed_precision"] == 0.64
    assert all(claims[i]["status"] == "mismatch" for i in claims if "mean" in i and "T2" not in i)


def test_named_maxima(article):
    claims, _ = article
    assert claims["text-top-osi-1"]["computed"] == "EST"
    assert claims["text-top-hci-1"]["status"] == "match"
    # "HCI is highest in Australia, New Zealand and Finland": Iceland and Sweden beat Finland
    assert claims["text-top-hci-3"]["computed"] == "ISL"
    assert claims["text-top-hci-3"]["status"] == "mismatch"
    # the article gives Finland's own 0,964 as the third value; the third is Iceland's
    assert claims["text-top-hci-3-value"]["computed"] == pytest.approx(0.9657, abs=5e-5)
    assert claims["text-top-hci-3-value"]["status"] == "mismatch"


def test_summary_and_keys(article):
    claims, result = article
    assert result["summary"] == {"match": 142, "mismatch": 22, "error": 0}
    assert len(claims) == 164
    for claim in claims.values():
        assert {"id", "where", "printed", "published", "computed", "status"} <= set(claim)


def test_readable_audit(cli):
    result = cli("audit", CLAIMS, "--lang", "ru")
    assert result.exit_code == 1
    assert "Проверка: совпадают — 142, расходятся — 22, не удалось пересчитать — 0" in result.stdout


@pytest.mark.parametrize(
    ("printed", "value", "decimals"),
    [("0,9797", "0.9797", 4), ("1", "1", 0), ("−0,215", "-0.215", 3), ("19,0 %", "19.0", 1),
     ("1 234,5", "1234.5", 1)],
)  # fmt: skip
def test_printed_numbers(printed, value, decimals):
    number, places = parse_printed(printed)
    assert (str(number), places) == (value, decimals)


@pytest.mark.parametrize("printed", ["NaN", "Infinity", "-inf", "1e5", "9" * 400, "0,1,2", ""])
def test_what_no_article_prints_is_no_number(printed):
    # Decimal would take NaN, Infinity and 1e5; an audit of them would print NaN as JSON
    with pytest.raises(ValueError, match="is not a printed number"):
        parse_printed(printed)


GOOD = """\
defaults:
  year: 2022
sets:
  cis: {group: cis}
claims:
  - id: a
    printed: "0,8628"
    compute: {statistic: value, country: KAZ, indicator: egdi}
"""


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("claims: [\n  - id: a\n", 2, "YAML error"),
        ("title: no claims\n", 1, "expected a mapping with a 'claims' list"),
        (
            GOOD.replace("statistic: value", "statistic: average"),
            8,
            "a: unknown statistic 'average'",
        ),
        (GOOD.replace("indicator: egdi", "indicatr: egdi"), 8, "a: value needs ['indicator']"),
        (GOOD.replace("indicator: egdi", "indicator: gdp"), 8, "a: unknown indicator 'gdp'"),
        (
            GOOD.replace('printed: "0,8628"', 'printed: "zero"'),
            6,
            "a: printed 'zero' is not a printed number",
        ),
        (GOOD.replace('    printed: "0,8628"\n', ""), 6, "claim without 'printed'"),
        (GOOD + GOOD[GOOD.index("  - id") :], 9, "claim id 'a' already used on line 6"),
        (
            GOOD.replace("country: KAZ, indicator: egdi", "set: g7, indicator: egdi").replace(
                "statistic: value", "statistic: mean"
            ),
            8,
            "a: no set named 'g7'",
        ),
        (
            GOOD.replace("cis: {group: cis}", "cis: {group: cis, top: 3}"),
            4,
            "set 'cis': give exactly one",
        ),
    ],
)
def test_malformed_claims_files(cli, tmp_path, text, line, message):
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("audit", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}:{line}: {message}"), result.stderr
    assert result.stderr.count("\n") == 1


def test_a_claim_that_cannot_be_computed_is_an_error_status(cli, tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD.replace("year: 2022", "year: 2030"), encoding="utf-8")
    result = cli("audit", path, "--json")
    assert result.exit_code == 1
    claim = json.loads(result.stdout)["claims"][0]
    assert claim["status"] == "error"
    assert claim["message"].startswith("no survey year 2030 in the data")


def test_a_missing_claims_file(cli, tmp_path):
    result = cli("audit", tmp_path / "none.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'none.yaml'}: no such file\n"


def test_all_matching_claims_exit_zero(cli, tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert cli("audit", path).exit_code == 0
