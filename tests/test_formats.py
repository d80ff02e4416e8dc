"""Every format of a document (report/build/outputs.py): the files each writes, the chart data
against the facts, the CSV dialect, the bundle, the HTML edition's markup, and the bytes."""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from pathlib import Path

import pytest

from report.build.documents import build
from report.build.outputs import asset_files, with_languages
from report.build.request import FORMATS, DocumentRequest, parse_formats
from report.errors import ReportError

FIGURES = {"brief": 5, "analysis": 3}
TABLES = {"brief": 2, "analysis": 5}


@pytest.fixture(scope="module")
def built(tmp_path_factory, dataset):
    """The Kazakhstan brief (kk, en) and the CIS analysis (ru) in every format."""
    out = tmp_path_factory.mktemp("formats")
    requests = with_languages(
        [
            DocumentRequest("brief", "KAZ", 2024, "kk", formats=FORMATS),
            DocumentRequest("brief", "KAZ", 2024, "en", formats=FORMATS),
            DocumentRequest("analysis", "KAZ", 2024, "ru", group="cis", formats=FORMATS),
        ]
    )
    from report.build.outputs import write_assets

    write_assets(out)
    files = {r.lang: build(dataset, r, out) for r in requests}
    return out, files


def read_csv(path: Path) -> tuple[list[str], list[str], list[list[str]]]:
    """(header lines without '# ', headings, rows) of a CSV written by the downloads."""
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff"), f"{path.name}: no byte-order mark"
    lines = text[1:].split("\n")
    about = [line[2:] for line in lines if line.startswith("# ")]
    body = [line for line in lines if not line.startswith("# ")]
    rows = list(csv.reader(io.StringIO("\n".join(body))))
    return about, rows[0], [r for r in rows[1:] if r]


def test_every_format_writes_its_files(built):
    out, files = built
    for lang, kind, stem in (
        ("kk", "brief", "brief-KAZ-2024"),
        ("ru", "analysis", "analysis-KAZ-cis-2024"),
    ):
        folder = out / lang / stem
        names = {p.relative_to(out / lang).as_posix() for p in files[lang]}
        expected = {f"{stem}.{suffix}" for suffix in ("pdf", "html", "xlsx", "zip")}
        for n in range(1, FIGURES[kind] + 1):
            expected |= {f"{stem}/figure-{n}.{suffix}" for suffix in ("svg", "png", "csv")}
        expected |= {f"{stem}/table-{n}.csv" for n in range(1, TABLES[kind] + 1)}
        expected.add(f"{stem}/facts.json")
        assert names == expected
        assert all((folder.parent / name).stat().st_size > 0 for name in names)


def test_chart_data_hold_the_numbers_of_the_facts(built):
    out, _ = built
    facts = json.loads((out / "kk/brief-KAZ-2024/facts.json").read_text(encoding="utf-8"))
    surveys = {s["year"]: s for s in facts["surveys"]}
    about, headings, rows = read_csv(out / "kk/brief-KAZ-2024/figure-2.csv")
    assert headings[1] == "ISO3" and len(headings) == 6
    kaz = {int(r[4]): float(r[5]) for r in rows if r[1] == "KAZ"}
    assert kaz == {y: s["egdi"] for y, s in surveys.items() if s["rank"]}
    world = {int(r[4]): float(r[5]) for r in rows if r[2] == "world"}
    assert world == {
        y: v for y, v in zip(facts["years"], facts["world_trend"], strict=True) if v is not None
    }
    # the component trends: one series per index, each the country's values
    _, _, rows = read_csv(out / "kk/brief-KAZ-2024/figure-3.csv")
    for indicator in ("OSI", "HCI", "TII"):
        got = {int(r[4]): float(r[5]) for r in rows if r[3] == indicator}
        assert got == {y: s[indicator.lower()] for y, s in surveys.items() if s["rank"]}
    # ranks and the number of countries assessed
    _, _, rows = read_csv(out / "kk/brief-KAZ-2024/figure-4.csv")
    ranks = {int(r[4]): int(r[5]) for r in rows if r[3] == "Орны"}
    assert ranks == {y: s["rank"] for y, s in surveys.items() if s["rank"]}
    assert any(line.startswith("Лицензия:") for line in about)
    assert about[0].startswith("2-сурет.")


def test_the_peers_chart_data_are_the_ranking_and_its_mean(built, dataset):
    out, _ = built
    facts = json.loads((out / "en/brief-KAZ-2024/facts.json").read_text(encoding="utf-8"))
    _, _, rows = read_csv(out / "en/brief-KAZ-2024/figure-5.csv")
    bars = {r[1]: float(r[5]) for r in rows if r[1]}
    assert bars == {iso3: value for iso3, value in facts["peers"]["ranking"]}
    frame = dataset.year_frame(2024)
    for iso3, value in bars.items():
        assert math.isclose(value, float(frame.loc[iso3, "egdi"]))
    (mean,) = [float(r[5]) for r in rows if r[2] == "cis"]
    assert math.isclose(mean, sum(bars.values()) / len(bars))


def test_the_analysis_tables_and_correlations(built):
    out, _ = built
    facts = json.loads((out / "ru/analysis-KAZ-cis-2024/facts.json").read_text(encoding="utf-8"))
    _, headings, rows = read_csv(out / "ru/analysis-KAZ-cis-2024/table-3.csv")
    assert headings[2:] == ["r", "p"] and len(rows) == 3
    leaders = facts["leaders"]
    xs = [r["values"]["osi"] for r in leaders]
    ys = [r["values"]["hci"] for r in leaders]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    r = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / math.sqrt(
        sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys)
    )
    (osi_hci,) = [row for row in rows if row[:2] == ["OSI", "HCI"]]
    assert math.isclose(float(osi_hci[2]), r, abs_tol=1e-12)


def test_the_bundle_holds_every_file_and_the_assets(built):
    out, files = built
    with zipfile.ZipFile(out / "kk/brief-KAZ-2024.zip") as archive:
        names = set(archive.namelist())
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        for path in files["kk"]:
            name = path.relative_to(out).as_posix()
            if name.endswith(".zip"):
                continue
            assert archive.read(name) == path.read_bytes()
    assert set(asset_files()) <= names


def test_the_html_edition_is_semantic_and_links_its_files(built):
    out, _ = built
    html = (out / "kk/brief-KAZ-2024.html").read_text(encoding="utf-8")
    assert '<html lang="kk">' in html
    assert html.count("<figure") == 5 and html.count("<figcaption>") == 5
    assert html.count('role="img"') == 5 and "<img" not in html
    assert 'scope="col"' in html and "<svg" in html and "<text" in html  # real text
    assert 'href="../assets/edition.css"' in html
    assert 'href="brief-KAZ-2024/figure-2.csv"' in html and 'href="brief-KAZ-2024.pdf"' in html
    assert 'href="../en/brief-KAZ-2024.html"' in html  # the language switch
    # the alt text says what the chart shows, from the facts
    assert "2003 жылы — 0,3866, 2024 жылы — 0,9009" in html
    ids = [part.split('"', 1)[0] for part in html.split(' id="')[1:]]
    assert len(ids) == len(set(ids)), "two elements share an id"


def test_downloaded_svg_has_outlines_and_png_is_a_slide(built):
    out, _ = built
    svg = (out / "kk/brief-KAZ-2024/figure-1.svg").read_text(encoding="utf-8")
    assert "<text" not in svg and "<path" in svg  # opens alike where PT Sans is missing
    png = (out / "kk/brief-KAZ-2024/figure-1.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert width >= 1800


def test_the_same_request_gives_the_same_bytes(built, dataset, tmp_path):
    out, _ = built
    request = DocumentRequest("analysis", "KAZ", 2024, "ru", group="cis", formats=FORMATS)
    again = build(dataset, request, tmp_path)
    for path in again:
        assert path.read_bytes() == (out / path.relative_to(tmp_path)).read_bytes(), path.name


def test_semicolon_csv_writes_decimal_commas(dataset, tmp_path):
    request = DocumentRequest("brief", "KAZ", 2024, "ru", formats=("csv",), separator=";")
    build(dataset, request, tmp_path)
    text = (tmp_path / "ru/brief-KAZ-2024/figure-2.csv").read_text(encoding="utf-8-sig")
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert body[0] == "Ряд;ISO3;Код группы;Показатель;Год;Значение"
    assert body[1] == "Казахстан;KAZ;;EGDI;2003;0,38661"
    assert not (tmp_path / "ru/brief-KAZ-2024.pdf").exists()


def test_formats_are_checked():
    assert parse_formats("all") == FORMATS
    assert parse_formats("PNG, pdf") == ("pdf", "png")
    with pytest.raises(ReportError, match="unknown format 'docx'"):
        parse_formats("pdf,docx")
    default = DocumentRequest.brief("KAZ", 2024, "kk")
    assert default.written == ("pdf",) and "formats" not in default.options
    assert DocumentRequest("brief", "KAZ", 2024, "kk", formats=FORMATS).command.endswith(
        "--formats pdf,html,svg,png,csv,json,xlsx,zip"
    )


def test_cli_formats_and_a_bad_separator(cli, tmp_path):
    result = cli("brief", "KGZ", "--lang", "en", "--formats", "html,json", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "en/brief-KGZ-2024.html").is_file()
    assert (tmp_path / "assets/edition.css").is_file()
    assert not (tmp_path / "en/brief-KGZ-2024.pdf").exists()
    bad = cli("brief", "KGZ", "--csv-separator", "|", "--out", tmp_path)
    assert bad.exit_code != 0 and "CSV separator '|'" in bad.output
    assert "Traceback" not in bad.output
