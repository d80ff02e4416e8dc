"""egdi validate on the shipped data and on damaged copies; the integrity check at load."""

from __future__ import annotations

import warnings

import pytest

from report.data.dataset import DataIntegrityWarning, load_dataset


def test_shipped_data_is_valid(cli):
    result = cli("validate")
    assert result.exit_code == 0, result.stdout
    assert "BAD" not in result.stdout
    assert "12 survey years (2003–2024) × 193 countries" in result.stdout
    assert "warn" not in result.stdout and result.stderr == ""
    assert "except 2 listed in errata.csv" in result.stdout


def test_a_changed_panel_fails_the_provenance_hash(cli, data_copy):
    panel = data_copy / "egdi.csv"
    panel.write_text(panel.read_text().replace("KAZ,2022,28,0.86280", "KAZ,2022,28,0.86281"))
    result = cli("validate", "--data-dir", data_copy)
    assert result.exit_code == 1
    assert (
        f"BAD  provenance: {panel} does not match the SHA-256 in provenance.json" in result.stdout
    )


def test_a_changed_panel_is_a_warning_whenever_the_data_is_loaded(cli, data_copy):
    panel = data_copy / "egdi.csv"
    panel.write_text(panel.read_text().replace("KAZ,2022,28,0.86280", "KAZ,2022,28,0.86281"))
    result = cli("country", "KAZ", "--data-dir", data_copy, "--json")
    assert result.exit_code == 0
    assert result.stderr == (
        f"warning: {panel} does not match the SHA-256 in provenance.json: changed since "
        "'egdi ingest' wrote it, so documents may not show the recorded sources\n"
    )
    with pytest.warns(DataIntegrityWarning, match="egdi.csv does not match"):
        load_dataset(data_copy)


def test_untouched_data_loads_without_a_warning(data_copy):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_dataset(data_copy)


def test_a_value_above_one_without_erratum(cli, data_copy):
    (data_copy / "errata.csv").write_text("year,iso3,indicator,value,note\n")
    result = cli("validate", "--data-dir", data_copy)
    assert result.exit_code == 1
    assert "BAD  values in [0, 1]: FSM 2003 hci = 1.422; TUV 2003 hci = 1.03" in result.stdout


def test_ranks_out_of_order(cli, data_copy):
    panel = data_copy / "egdi.csv"
    panel.write_text(panel.read_text().replace("KAZ,2022,28,", "KAZ,2022,90,"))
    result = cli("validate", "--data-dir", data_copy)
    assert result.exit_code == 1
    assert "BAD  ranks: 2022: ranks do not follow EGDI" in result.stdout


def test_a_missing_data_directory(cli, tmp_path):
    result = cli("validate", "--data-dir", tmp_path / "nowhere")
    assert result.exit_code == 2
    hint = "create one with 'egdi init DIR'"
    assert result.stderr == f"error: {tmp_path / 'nowhere'}: no such data directory ({hint})\n"


def test_an_empty_panel(cli, data_copy):
    (data_copy / "egdi.csv").write_text("iso3,year,rank,egdi,osi,hci,tii,epi\n")
    result = cli("validate", "--data-dir", data_copy)
    assert result.exit_code == 1
    assert "BAD  schema: egdi.csv is missing or empty" in result.stdout


def test_an_erratum_that_no_longer_matches(cli, data_copy):
    errata = data_copy / "errata.csv"
    errata.write_text(errata.read_text() + "2022,KAZ,osi,0.99999,made up\n")
    result = cli("validate", "--data-dir", data_copy)
    assert result.exit_code == 1
    assert "erratum no longer matches the panel: KAZ 2022 osi" in result.stdout
