"""Ingest of UN Data Center exports: every raw file, merging, revisions, and bad input."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import (
    LATEST,
    NEXT,
    OGHIST_XLSX,
    SHARED_RAW,
    SURVEY_YEARS,
    UN_EXPORTS,
    tree_digest,
    un_export,
)

from report.data.dataset import read_panel


def export_lines(year: int) -> list[str]:
    return un_export(year).read_text(encoding="utf-8").splitlines()


def write_lines(path, lines, newline="\n"):
    path.write_bytes(newline.join(lines).encode("utf-8") + newline.encode())
    return path


def parse_export(path) -> dict[str, dict[str, str]]:
    """An independent reading of an export: stripped name -> row (csv.DictReader)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["Country Name"].strip(): row for row in csv.DictReader(handle)}


@pytest.mark.parametrize("year", SURVEY_YEARS)
def test_each_un_export_is_ingested(cli, empty_data, year):
    result = cli("ingest", "--data-dir", empty_data, un_export(year))
    assert result.exit_code == 0, result.stderr
    assert f"new survey year {year}: 193 countries" in result.stdout
    panel = read_panel(empty_data / "egdi.csv")
    assert len(panel) == 193
    source = parse_export(un_export(year))["Kazakhstan"]
    rank, egdi, osi, hci, tii, epi = panel[("KAZ", year)]
    assert rank == source["E-Government Rank"]
    assert (egdi, osi, hci, tii, epi) == (
        source["E-Government Index"],
        source["Online Service Index"],
        source["Human Capital Index"],
        source["Telecommunication Infrastructure Index"],
        source["E-Participation Index"],
    )


def test_all_exports_reproduce_the_shipped_data_byte_for_byte(cli, empty_data, shipped):
    assert cli("ingest", "--data-dir", empty_data, *UN_EXPORTS).exit_code == 0
    assert cli("ingest-income", "--data-dir", empty_data, OGHIST_XLSX).exit_code == 0
    for name in ("egdi.csv", "income.csv", "provenance.json"):
        assert (empty_data / name).read_bytes() == (shipped / name).read_bytes(), name


def test_shipped_panel_shape(shipped):
    panel = read_panel(shipped / "egdi.csv")
    assert len(panel) == len(SURVEY_YEARS) * 193
    assert sorted({year for _, year in panel}) == SURVEY_YEARS
    header = (shipped / "egdi.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "iso3,year,rank,egdi,osi,hci,tii,epi"
    assert panel[("MNE", 2003)][0] == ""  # not assessed: blank rank
    assert panel[("KAZ", 2022)] == ("28", "0.86280", "0.93440", "0.90210", "0.75200", "0.80680")
    assert panel[("KAZ", 2024)] == ("24", "0.90093", "0.93903", "0.84029", "0.92353", "0.84930")


def test_reingesting_changes_no_byte(cli, data_copy):
    before = tree_digest(data_copy)
    result = cli("ingest", "--data-dir", data_copy, *UN_EXPORTS)
    assert result.exit_code == 0
    assert f"{len(SURVEY_YEARS) * 193} rows already in the panel, unchanged" in result.stdout
    assert tree_digest(data_copy) == before


@pytest.mark.skipif(not SHARED_RAW.is_dir(), reason="../shared/data/raw is not in this checkout")
def test_raw_files_in_shared_reproduce_the_shipped_data(cli, empty_data, shipped):
    raw = sorted((SHARED_RAW / "egov").glob("EGOV_DATA_*.csv"))
    assert [p.read_bytes() for p in raw] == [p.read_bytes() for p in UN_EXPORTS]
    assert cli("ingest", "--data-dir", empty_data, *raw).exit_code == 0
    oghist = SHARED_RAW / "income" / "OGHIST_2025_10_07.xlsx"
    assert cli("ingest-income", "--data-dir", empty_data, oghist).exit_code == 0
    for name in ("egdi.csv", "income.csv", "provenance.json"):
        assert (empty_data / name).read_bytes() == (shipped / name).read_bytes(), name


def test_crlf_and_xlsx_copies_change_nothing(cli, data_copy, tmp_path):
    from openpyxl import Workbook

    before = tree_digest(data_copy)
    crlf = write_lines(tmp_path / "crlf.csv", export_lines(2022), newline="\r\n")
    rows = list(csv.reader(io.StringIO(un_export(2022).read_text(encoding="utf-8"))))
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(rows[0])
    for row in rows[1:]:
        year, name, rank, *values = row
        sheet.append([int(year), name, int(rank) if rank else None, *map(float, values)])
    workbook.save(tmp_path / "export.xlsx")
    result = cli("ingest", "--data-dir", data_copy, crlf, tmp_path / "export.xlsx")
    assert result.exit_code == 0, result.stderr
    assert tree_digest(data_copy) == before


def test_a_new_survey_year_adds_rows(cli, data_copy, tmp_path):
    lines = [line.replace(f"{LATEST},", f"{NEXT},", 1) for line in export_lines(LATEST)]
    new = write_lines(tmp_path / f"EGOV_DATA_{NEXT}.csv", lines)
    result = cli("ingest", "--data-dir", data_copy, new)
    assert result.exit_code == 0, result.stderr
    assert f"new survey year {NEXT}: 193 countries" in result.stdout
    assert f"warning: {NEXT}: no row in surveys.csv yet" in result.stderr
    panel = read_panel(data_copy / "egdi.csv")
    assert len(panel) == (len(SURVEY_YEARS) + 1) * 193
    assert panel[("KAZ", NEXT)] == panel[("KAZ", LATEST)]
    assert (data_copy / "egdi.csv").read_text().splitlines()[-1].startswith(f"ZWE,{NEXT},")
    # the World Bank history does not reach the new survey's fiscal year: a warning, not BAD
    validate = cli("validate", "--data-dir", data_copy)
    assert validate.exit_code == 0 and "BAD" not in validate.stdout
    assert f"warning: income groups: the {NEXT} Survey needs FY{(NEXT + 1) % 100}" in (
        validate.stderr
    )
    assert f"  warn income groups: the {NEXT} Survey" in validate.stdout


def test_the_previous_panel_is_kept_as_a_backup(cli, data_copy, tmp_path, shipped):
    lines = [line.replace(f"{LATEST},", f"{NEXT},", 1) for line in export_lines(LATEST)]
    new = write_lines(tmp_path / f"EGOV_DATA_{NEXT}.csv", lines)
    result = cli("ingest", "--data-dir", data_copy, new)
    backup = data_copy / "egdi.csv.bak"
    assert f"previous panel kept as {backup}" in result.stdout
    assert backup.read_bytes() == (shipped / "egdi.csv").read_bytes()
    again = cli("ingest", "--data-dir", data_copy, new)  # nothing to write: backup kept
    assert "previous panel" not in again.stdout
    assert backup.read_bytes() == (shipped / "egdi.csv").read_bytes()
    copy = tmp_path / "copy"
    assert cli("init", copy, "--data-dir", data_copy).exit_code == 0
    assert not (copy / "egdi.csv.bak").exists()  # a new data directory starts clean


def test_a_revised_value_is_reported_then_written(cli, data_copy, tmp_path):
    lines = export_lines(2022)
    index = next(i for i, line in enumerate(lines) if "Kazakhstan" in line)
    lines[index] = lines[index].replace("0.93440", "0.93450")
    revised = write_lines(tmp_path / "EGOV_DATA_2022.csv", lines)
    result = cli("ingest", "--data-dir", data_copy, revised)
    assert result.exit_code == 0
    assert "revised 2022 KAZ osi: 0.93440 -> 0.93450" in result.stdout
    assert read_panel(data_copy / "egdi.csv")[("KAZ", 2022)][2] == "0.93450"
    sources = (data_copy / "provenance.json").read_text()
    assert sources.count('"file": "EGOV_DATA_2022.csv"') == 2  # the original and the revision


def test_dry_run_writes_nothing(cli, data_copy, tmp_path):
    before = tree_digest(data_copy)
    lines = [line.replace(f"{LATEST},", f"{NEXT},", 1) for line in export_lines(LATEST)]
    result = cli(
        "ingest", "--dry-run", "--data-dir", data_copy, write_lines(tmp_path / "n.csv", lines)
    )
    assert result.exit_code == 0
    assert "dry run" in result.stdout
    assert tree_digest(data_copy) == before


def test_errata_load_with_a_warning(cli, empty_data):
    result = cli("ingest", "--data-dir", empty_data, un_export(2003))
    assert result.exit_code == 0
    assert "accepted erratum FSM 2003 hci = 1.42200" in result.stderr
    assert "accepted erratum TUV 2003 hci = 1.03000" in result.stderr


def test_without_errata_the_2003_hci_values_are_errors(cli, empty_data):
    (empty_data / "errata.csv").write_text("year,iso3,indicator,value,note\n")
    result = cli("ingest", "--data-dir", empty_data, un_export(2003))
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    fsm_line = next(i for i, line in enumerate(export_lines(2003), 1) if "Micronesia" in line)
    assert errors[0] == (
        f"error: {un_export(2003)}:{fsm_line}: Human Capital Index: 1.42200 is above 1 "
        "(indices lie in [0, 1])"
    )
    assert not (empty_data / "egdi.csv").exists()


def independent_identity_gaps(year: int) -> tuple[int, int]:
    """Rows with |EGDI - (OSI+HCI+TII)/3| > 0.001, and those with EGDI = 0, by plain floats."""
    gaps = zeros = 0
    for row in parse_export(un_export(year)).values():
        egdi = float(row["E-Government Index"])
        mean = (
            float(row["Online Service Index"])
            + float(row["Human Capital Index"])
            + float(row["Telecommunication Infrastructure Index"])
        ) / 3
        if abs(egdi - mean) > 0.001 + 1e-12:
            gaps += 1
            zeros += egdi == 0
    return gaps, zeros


def test_identity_warning_counts_per_year(cli, empty_data):
    result = cli(
        "ingest", "--data-dir", empty_data, un_export(2008), un_export(2010), un_export(2022)
    )
    warning = next(line for line in result.stderr.splitlines() if "(OSI+HCI+TII)/3" in line)
    for year in (2008, 2010):
        gaps, zeros = independent_identity_gaps(year)
        assert gaps > 50
        assert f"{year}: {gaps} rows ({zeros} with EGDI = 0)" in warning
    assert independent_identity_gaps(2022) == (0, 0)
    assert "2022:" not in warning


# Each case: a change to the 2022 export, and what the one error line must say.
KAZ = '2022,"Kazakhstan ",28,0.86280,0.80680,0.93440,0.90210,0.75200'


def _replace(old, new):
    return lambda lines: [line.replace(old, new) for line in lines]


def _kaz(new_line):
    return lambda lines: [new_line if line == KAZ else line for line in lines]


BAD_INPUTS = {
    "unknown country": (
        _replace('"Kazakhstan "', '"Kazakstan"'),
        "KAZ",
        "unknown country name 'Kazakstan'; close names (not applied): Kazakhstan",
    ),
    "missing column": (
        lambda lines: [",".join(line.split(",")[:4] + line.split(",")[5:]) for line in lines],
        1,
        "missing column(s) E-Participation Index",
    ),
    "renamed column": (
        _replace("Online Service Index", "Online Services Index"),
        1,
        "missing column(s) Online Service Index (found instead: 'Online Services Index')",
    ),
    "non-numeric value": (
        _kaz(KAZ.replace("0.93440", "n/a")),
        "KAZ",
        "Online Service Index: 'n/a' is not a number",
    ),
    "value above 1": (
        _kaz(KAZ.replace("0.93440", "1.93440")),
        "KAZ",
        "Online Service Index: 1.93440 is above 1 (indices lie in [0, 1])",
    ),
    "negative value": (
        _kaz(KAZ.replace("0.75200", "-0.75200")),
        "KAZ",
        "Telecommunication Infrastructure Index: -0.75200 is negative",
    ),
    "decimal comma": (
        _kaz(KAZ.replace("0.93440", '"0,93440"')),
        "KAZ",
        "Online Service Index: '0,93440' has a decimal comma; expected a point",
    ),
    "missing value": (
        _kaz(KAZ.replace("0.93440", "")),
        "KAZ",
        "Online Service Index: missing value",
    ),
    "duplicate country": (
        lambda lines: [*lines, KAZ],
        195,
        "'Kazakhstan' (KAZ) 2022 appears again (first on line KAZ)",
    ),
    "empty file": (lambda lines: [], 1, "the file is empty"),
    "header only": (lambda lines: lines[:1], 2, "no data rows after the header"),
    "broken quoting": (
        _kaz(KAZ.replace('"Kazakhstan "', '"Kazakhstan ')),
        "KAZ",
        "broken CSV",
    ),
    "repeated header": (
        lambda lines: [*lines[:10], lines[0], *lines[10:]],
        11,
        "the header line is repeated",
    ),
    "bad survey year": (
        _kaz(KAZ.replace("2022,", "22,", 1)),
        "KAZ",
        "Survey Year: '22' is not a survey year",
    ),
    "too few fields": (_kaz(KAZ.rsplit(",", 1)[0]), "KAZ", "expected 8 fields, found 7"),
    "more than five decimals": (
        _kaz(KAZ.replace("0.93440", "0.934401")),
        "KAZ",
        "Online Service Index: '0.934401' has more than 5 decimals",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_gives_one_clear_line_and_leaves_data_untouched(cli, data_copy, tmp_path, case):
    mutate, line, message = BAD_INPUTS[case]
    lines = export_lines(2022)
    kaz_line = lines.index(KAZ) + 1
    bad = tmp_path / "EGOV_DATA_2022.csv"
    mutated = mutate(lines)
    bad.write_bytes("".join(f"{line}\n" for line in mutated).encode("utf-8"))
    line = kaz_line if line == "KAZ" else line
    message = message.replace("line KAZ", f"line {kaz_line}")
    before = tree_digest(data_copy)
    result = cli("ingest", "--data-dir", data_copy, bad)
    assert result.exit_code == 2
    assert result.stdout == ""
    errors = result.stderr.splitlines()
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"error: {bad}:{line}: {message}"), errors[0]
    assert "Traceback" not in result.stderr
    assert tree_digest(data_copy) == before


def test_undecodable_bytes(cli, data_copy, tmp_path):
    raw = un_export(2022).read_bytes().replace(b"Kazakhstan", "Казахстан".encode("cp1251"))
    bad = tmp_path / "cp1251.csv"
    bad.write_bytes(raw)
    kaz_line = export_lines(2022).index(KAZ) + 1
    before = tree_digest(data_copy)
    result = cli("ingest", "--data-dir", data_copy, bad)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {bad}:{kaz_line}: not UTF-8 text (byte 0xCA); save the file as UTF-8\n"
    )
    assert tree_digest(data_copy) == before


def test_a_bom_is_accepted(cli, data_copy, tmp_path):
    with_bom = tmp_path / "bom.csv"
    with_bom.write_bytes(b"\xef\xbb\xbf" + un_export(2022).read_bytes())
    before = tree_digest(data_copy)
    assert cli("ingest", "--data-dir", data_copy, with_bom).exit_code == 0
    assert tree_digest(data_copy) == before


def test_a_missing_file(cli, data_copy, tmp_path):
    result = cli("ingest", "--data-dir", data_copy, tmp_path / "nope.csv")
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'nope.csv'}: no such file\n"


def test_xlsx_with_a_renamed_column(cli, data_copy, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    rows = list(csv.reader(io.StringIO(un_export(2022).read_text(encoding="utf-8"))))
    rows[0][3] = "EGDI"
    for row in rows:
        workbook.active.append(row)
    workbook.save(tmp_path / "renamed.xlsx")
    result = cli("ingest", "--data-dir", data_copy, tmp_path / "renamed.xlsx")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path / 'renamed.xlsx'}:1: missing column(s) E-Government Index "
        "(found instead: 'EGDI')\n"
    )


def test_one_bad_file_among_good_ones_writes_nothing(cli, data_copy, tmp_path):
    good = write_lines(
        tmp_path / "good.csv",
        [line.replace(f"{LATEST},", f"{NEXT},", 1) for line in export_lines(LATEST)],
    )
    bad = write_lines(
        tmp_path / "bad.csv",
        [line.replace('"Kazakhstan "', '"Qazaqstan"') for line in export_lines(2020)],
    )
    before = tree_digest(data_copy)
    result = cli("ingest", "--data-dir", data_copy, good, bad)
    assert result.exit_code == 2
    assert "unknown country name 'Qazaqstan'" in result.stderr
    assert tree_digest(data_copy) == before


def test_every_error_in_a_file_is_listed(cli, data_copy, tmp_path):
    lines = [
        line.replace('"Kazakhstan "', '"Kazakstan"').replace('"Ireland "', '"Eire"')
        for line in export_lines(2022)
    ]
    result = cli("ingest", "--data-dir", data_copy, write_lines(tmp_path / "two.csv", lines))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 2


def test_the_same_country_with_two_values_in_two_files(cli, data_copy, tmp_path):
    first = write_lines(tmp_path / "a.csv", export_lines(2022))
    lines = export_lines(2022)
    lines[lines.index(KAZ)] = KAZ.replace("0.93440", "0.93000")
    second = write_lines(tmp_path / "b.csv", lines)
    result = cli("ingest", "--data-dir", data_copy, first, second)
    assert result.exit_code == 2
    assert "KAZ 2022 differs from" in result.stderr


def test_ingest_needs_a_data_directory(cli, tmp_path):
    result = cli("ingest", "--data-dir", tmp_path / "none", un_export(2022))
    assert result.exit_code == 2
    assert "no such data directory (create one with 'egdi init DIR')" in result.stderr


def test_init_copies_the_shipped_data(cli, tmp_path, shipped):
    target = tmp_path / "mine"
    assert cli("init", target).exit_code == 0
    assert tree_digest(target) == tree_digest(shipped)
    assert cli("init", target).exit_code == 2  # not empty any more


def test_fixtures_keep_the_un_file_names():
    # provenance records base names, so the fixtures must keep the UN's file names
    assert [p.name for p in UN_EXPORTS] == [f"EGOV_DATA_{y}.csv" for y in SURVEY_YEARS]
