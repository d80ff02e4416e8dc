"""Properties that hold for any input (hypothesis): ingest round trips, corrupted exports fail
cleanly and write nothing, statistics keep their invariants."""

from __future__ import annotations

import csv
import io
import math
import shutil
import tempfile
from pathlib import Path

import pandas as pd
from conftest import Cli, tree_digest, un_export
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report.compute import indicators
from report.data import paths
from report.data.countries import CountryTable
from report.data.dataset import PANEL_COLUMNS, read_panel
from report.data.ingest import UN_COLUMNS, ingest

SHIPPED = paths.shipped_data_dir()
COUNTRIES = CountryTable.from_csv(SHIPPED / "countries.csv")
UN_NAMES = {c.iso3: c.un_name for c in COUNTRIES.countries}
EXAMPLES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def empty_data_dir(root: Path) -> Path:
    """A data directory with the reference tables and no survey data."""
    data = root / "data"
    data.mkdir()
    for name in ("countries.csv", "errata.csv", "surveys.csv", "method_changes.csv"):
        shutil.copy(SHIPPED / name, data / name)
    return data


# --- a random valid panel, written as a UN Data Center export -------------------------------

index_value = st.integers(0, 100_000).map(lambda n: f"{n / 100_000:.5f}")
panel_row = st.tuples(st.one_of(st.just(""), st.integers(1, 193).map(str)), *[index_value] * 5)
panels = st.dictionaries(
    keys=st.tuples(st.sampled_from(sorted(UN_NAMES)), st.sampled_from([2003, 2022, 2024])),
    values=panel_row,
    min_size=1,
    max_size=40,
)
layouts = st.fixed_dictionaries(
    {
        "columns": st.permutations(list(UN_COLUMNS)),
        "quoting": st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
        "newline": st.sampled_from(["\n", "\r\n"]),
        "padding": st.sampled_from(["", " ", "  "]),  # the UN pads names with spaces
        "bom": st.booleans(),
    }
)


def export_text(panel: dict, layout: dict) -> str:
    """A panel as a UN export: any column order, quoting, line ends, padded names, a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=layout["quoting"], lineterminator=layout["newline"])
    writer.writerow(layout["columns"])
    for (iso3, year), values in panel.items():
        row = dict(zip(PANEL_COLUMNS[2:], values, strict=True))
        row.update(year=str(year), name=UN_NAMES[iso3] + layout["padding"])
        writer.writerow([row[UN_COLUMNS[title]] for title in layout["columns"]])
    return ("\ufeff" if layout["bom"] else "") + buffer.getvalue()


@EXAMPLES
@given(panel=panels, layout=layouts)
def test_any_valid_panel_round_trips_through_ingest(panel, layout):
    with tempfile.TemporaryDirectory() as tmp:
        data = empty_data_dir(Path(tmp))
        export = Path(tmp) / "export.csv"
        export.write_text(export_text(panel, layout), encoding="utf-8", newline="")
        result = ingest([export], data)
        assert result.written
        assert read_panel(data / "egdi.csv") == panel
        before = tree_digest(data)
        assert not ingest([export], data).written  # the same file again changes nothing
        assert tree_digest(data) == before


# --- random corruption of a valid export ----------------------------------------------------

VALID = un_export(2022).read_bytes().splitlines(keepends=True)
SMALL_EXPORT = b"".join(VALID[:25])

positions = st.integers(0, len(SMALL_EXPORT) - 1)
some_bytes = st.binary(min_size=1, max_size=8)
corruptions = st.one_of(
    # overwrite, insert or delete bytes anywhere, or cut the file short
    st.tuples(st.just("overwrite"), positions, some_bytes),
    st.tuples(st.just("insert"), positions, some_bytes),
    st.tuples(st.just("delete"), positions, st.integers(1, 40)),
    st.tuples(st.just("truncate"), positions, st.just(0)),
    # characters that mean something in CSV or in numbers
    st.tuples(
        st.just("insert"),
        positions,
        st.sampled_from([b'"', b",", b"\n", b"\r", b"-", b".", b"e9", b"\x00", b"\xff", b" "]),
    ),
)


def corrupt(data: bytes, corruption: tuple) -> bytes:
    kind, at, extra = corruption
    if kind == "overwrite":
        return data[:at] + extra + data[at + len(extra) :]
    if kind == "insert":
        return data[:at] + extra + data[at:]
    if kind == "delete":
        return data[:at] + data[at + extra :]
    return data[:at]


@EXAMPLES
@given(changes=st.lists(corruptions, min_size=1, max_size=3))
def test_a_corrupted_export_fails_cleanly_or_ingests_whole(changes):
    cli = Cli()
    with tempfile.TemporaryDirectory() as tmp:
        data = empty_data_dir(Path(tmp))
        damaged = SMALL_EXPORT
        for change in changes:
            damaged = corrupt(damaged, change)
        export = Path(tmp) / "EGOV_DATA_2022.csv"
        export.write_bytes(damaged)
        before = tree_digest(data)

        result = cli("ingest", "--data-dir", data, export)  # raises on any stray exception

        assert "Traceback" not in result.stdout + result.stderr
        assert not list(data.glob(".*.tmp"))
        if result.exit_code == 2:
            lines = result.stderr.splitlines()
            assert lines and all(line.startswith(f"error: {export}") for line in lines), lines
            assert tree_digest(data) == before  # nothing written
        else:
            assert result.exit_code == 0, result.stderr
            panel = read_panel(data / "egdi.csv")  # a whole, valid panel
            assert 0 < len(panel) <= len(VALID[:25])


# --- statistics ------------------------------------------------------------------------------

finite = st.floats(0, 1, allow_nan=False, allow_subnormal=False)
samples = st.lists(finite, min_size=1, max_size=60)
five_places = st.integers(0, 100_000).map(lambda n: n / 100_000)  # as the indices are published
pairs = st.lists(st.tuples(five_places, five_places), min_size=3, max_size=60).filter(
    lambda ps: len({x for x, _ in ps}) > 1 and len({y for _, y in ps}) > 1
)


@EXAMPLES
@given(values=samples)
def test_descriptive_statistics_keep_their_invariants(values):
    low, high = min(values), max(values)
    assert low <= indicators.mean(values) <= high
    assert low <= indicators.median(values) <= high
    assert indicators.sd_population(values) >= 0
    if len(values) > 1:
        assert indicators.sd_sample(values) >= indicators.sd_population(values)
    if len(set(values)) == 1:
        assert indicators.sd_population(values) == 0


@EXAMPLES
@given(values=samples, data=st.data())
def test_descriptions_do_not_depend_on_row_order(values, data):
    codes = [f"C{i:02d}" for i in range(len(values))]
    series = pd.Series(values, index=codes)
    shuffled = data.draw(st.permutations(codes))
    assert indicators.describe(series) == indicators.describe(series[shuffled])


@EXAMPLES
@given(points=pairs, data=st.data())
def test_correlations_keep_their_invariants(points, data):
    x, y = [p[0] for p in points], [p[1] for p in points]
    r = indicators.pearson(x, y)
    assert -1 <= r.r <= 1 and 0 <= r.p <= 1 and r.n == len(points)
    assert indicators.pearson(y, x).r == r.r
    order = data.draw(st.permutations(range(len(points))))
    assert indicators.pearson([x[i] for i in order], [y[i] for i in order]).r == r.r
    rho = indicators.spearman(x, y)
    assert -1 <= rho.r <= 1 and 0 <= rho.p <= 1
    assert indicators.pearson([-v for v in x], y).r == -r.r  # reversing x reverses r
    scaled = indicators.pearson([v / 2 + 0.25 for v in x], y).r  # r ignores units and origin
    assert math.isclose(scaled, r.r, abs_tol=1e-9)
