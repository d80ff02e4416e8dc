"""A user's report series: egdi.toml, groups of their own, lists of countries as groups, a
focus country outside its group, branding, overrides, and incremental builds of it all."""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

import pytest
from pypdf import PdfReader

from report.build.documents import analysis_layout, depends, words
from report.build.project import (
    SCAFFOLD,
    Documents,
    Project,
    ProjectError,
    ProjectWarning,
    load_project,
    requests,
)
from report.build.request import DocumentRequest
from report.compute import DYNAMICS_SINCE
from report.compute.study import study_facts
from report.errors import ReportError
from report.render.html import render_document
from report.words.groups import group_name

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "uzbekistan"
OTS = ["AZE", "KAZ", "KGZ", "TUR", "UZB"]


@pytest.fixture(scope="module")
def uzbek(tmp_path_factory) -> tuple[Path, object]:
    """A copy of the worked example, built once: its directory and the first build's result."""
    from conftest import Cli

    project = tmp_path_factory.mktemp("example") / "uzbekistan"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("out"))
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(project)
        return project, Cli()("build")


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def built(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if not line.endswith("(up to date)")]


def test_the_worked_example_builds_then_rebuilds_only_what_changed(uzbek, cli, monkeypatch):
    project, first = uzbek
    monkeypatch.chdir(project)
    assert first.exit_code == 0, first.stderr
    names = [f"{lang}/{doc}-2024.pdf" for doc in ("brief-UZB", "analysis-UZB-central_asia",
             "analysis-UZB-ots") for lang in ("ru", "kk", "en")]  # fmt: skip
    assert sorted(built(first)) == sorted(f"out/{n}" for n in names)
    assert built(cli("build")) == []  # a second build rebuilds nothing
    toml = (project / "egdi.toml").read_text(encoding="utf-8")
    (project / "egdi.toml").write_text(toml.replace('"TUR", "UZB"', '"TKM", "UZB"'), "utf-8")
    again = cli("build")
    assert sorted(built(again)) == [f"out/{lang}/analysis-UZB-ots-2024.pdf" for lang in
                                    ("en", "kk", "ru")]  # fmt: skip


def test_the_worked_example_carries_the_ministry_in_each_language(uzbek):
    project, _ = uzbek
    kk = project / "out" / "kk" / "analysis-UZB-ots-2024.pdf"
    text = pdf_text(kk)
    assert "Өзбекстан Республикасының Цифрлық технологиялар министрлігі" in text
    assert "Түркі мемлекеттері ұйымы елдерінің" in text
    assert "«" not in text.split("Мазмұны")[0]  # the group's name, not a quoted label
    assert "жарияланған күні: 2024" in text  # the prepared-by line, dated by the data
    reader = PdfReader(project / "out" / "en" / "brief-UZB-2024.pdf")
    assert (
        reader.metadata.author == "Ministry of Digital Technologies of the Republic of Uzbekistan"
    )
    first_page = reader.pages[0]
    images = first_page["/Resources"].get("/XObject", {}).values()
    assert not any(x.get_object().get("/Subtype") == "/Image" for x in images)
    # the logo, drawn as vectors in its own green (#0B6E4F)
    green = " ".join(f"{c / 255:.6f}".rstrip("0") for c in (0x0B, 0x6E, 0x4F)) + " rg"
    assert green in first_page.get_contents().get_data().decode("latin-1")


def test_a_list_of_countries_is_the_comparison_group_labelled_by_its_members(dataset):
    names = {lang: group_name(words(dataset, lang), "EST,KOR,SGP") for lang in ("ru", "kk", "en")}
    assert names["ru"].label == "Эстония, Республика Корея и Сингапур"
    assert names["ru"].form("mean_gen") == "среднего по группе сравнения"
    assert names["kk"].label == "Эстония, Корея Республикасы және Сингапур"
    assert names["kk"].form("gen") == "салыстыру тобының"
    assert str(names["en"]) == "the comparison group"


def test_a_focus_outside_its_group_is_compared_not_counted(dataset):
    facts = study_facts(dataset, "KAZ", "EST,KOR,SGP", 2024)
    frame = dataset.year_frame(2024)
    assert [r.iso3 for r in facts.members] == ["EST", "SGP", "KOR"]  # by rank
    assert facts.outsider.iso3 == "KAZ" == facts.focus_row.iso3
    for index in ("egdi", "osi", "hci", "tii"):
        mean = statistics.fmean(frame.loc[["EST", "KOR", "SGP"], index])
        assert facts.group.means[index] == pytest.approx(mean, abs=1e-12)
    higher = sum(frame.loc[c, "egdi"] > frame.loc["KAZ", "egdi"] for c in ["EST", "KOR", "SGP"])
    assert facts.focus_rank_in_group == 1 + higher


@pytest.mark.parametrize(
    ("lang", "title", "said"),
    [("ru", "Казахстан и группа сравнения (Эстония, Сингапур, Республика Корея), 2024",
      "Казахстан не входит в число стран группы сравнения, поэтому средние рассчитаны"),
     ("kk", "Қазақстан және салыстыру тобы (Эстония, Сингапур, Корея Республикасы), 2024",
      "Қазақстан салыстыру тобының қатарына кірмейді, сондықтан орташа мәндер онсыз"),
     ("en", "Kazakhstan compared with Estonia, Singapore and the Republic of Korea, 2024",
      "Kazakhstan is not part of the comparison group, and the means exclude it")],
)  # fmt: skip
def test_an_ad_hoc_comparison_reads_in_each_language(dataset, lang, title, said):
    parts = analysis_layout(dataset, "KAZ", "EST,KOR,SGP", 2024, lang).parts
    assert title in parts["title"]
    assert said in parts["intro"]
    table = parts["group_table"].rows
    assert table[-1].role == "focus-row" and table[-2].role == "mean-row"  # after the mean
    sentences = " ".join(parts["conclusions"])
    assert "{" not in sentences and "%(" not in sentences
    assert {"ru": "место из четырёх", "kk": "төрт елдің ішінде 4-орында", "en": "fourth of four"}[
        lang
    ] in sentences  # its place among the three members and itself


def test_the_ad_hoc_analysis_from_the_command_line(cli, tmp_path):
    result = cli("analysis", "KAZ", "--group", "Estonia,KOR,Singapore",
                 "--lang", "en", "--out", tmp_path)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{tmp_path}/en/analysis-KAZ-EST-KOR-SGP-2024.pdf\n"
    again = cli("analysis", "KAZ", "--group", "EST,KOR,SGP", "--lang", "en",
                "--out", tmp_path)  # fmt: skip
    assert again.stdout.endswith("(up to date)\n")


def test_non_default_options_never_overwrite_the_default_brief(cli, tmp_path):
    assert cli("brief", "KAZ", "--lang", "en", "--out", tmp_path).exit_code == 0
    peers = cli("brief", "KAZ", "--lang", "en", "--group", "oecd", "--out", tmp_path)
    assert peers.stdout == f"{tmp_path}/en/brief-KAZ-oecd-2024.pdf\n"
    assert sorted(p.name for p in (tmp_path / "en").iterdir()) == [
        "brief-KAZ-2024.pdf",
        "brief-KAZ-oecd-2024.pdf",
    ]
    since = DocumentRequest.analysis("KAZ", "cis", 2024, "en", since=2008)
    assert since.target(tmp_path).name == "analysis-KAZ-cis-since2008-2024.pdf"


def _project_file(tmp_path, text: str) -> Path:
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (tmp_path / "broken.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect')
    (tmp_path / "fake.png").write_text("not an image")
    path = tmp_path / "egdi.toml"
    path.write_text(text, encoding="utf-8")
    return path


GROUP = """
[groups.ots]
members = {members}
en = {{ label = "OTS", text = "the OTS", mean = "the OTS mean", countries = "the OTS states" }}
ru = {{ label = "ОТГ", whose = "ОТГ", gen = "стран ОТГ", loc = "в странах ОТГ", mean_nom = "ср", mean_gen = "ср" }}
kk = {{ label = "ТМҰ", nom = "ТМҰ елдері", gen = "ТМҰ елдерінің", loc = "ТМҰ елдерінде", mean = "м", mean_abl = "м", mean_ins = "м" }}
"""  # noqa: E501

BAD = [
    ("colour = 'red'", "colour: unknown key; known: data, out, languages"),
    ("year = '2024'", "year: must be a whole number, not a string"),
    ("languages = 'ru'", "languages: must be a list, not a string"),
    (GROUP.format(members='["AZE", "Uzbekstan"]'),
     "groups.ots.members[1]: unknown country 'Uzbekstan' (use an ISO3 code; close names: "
     "Uzbekistan"),
    ("[branding]\nlogo = '../outside.svg'", "branding.logo: "),
    ("[branding]\nlogo = '/etc/hostname'", "branding.logo: /etc/hostname is outside the project"),
    (GROUP.format(members='["AZE"]').replace("groups.ots", "groups.cis"),
     "groups.cis: duplicate group name: the data already define it"),
    ("[groups.x]\nmembers = ['AZE']\n[groups.x]\nmembers = ['KAZ']",
     "line 3: not valid TOML: Cannot declare ('groups', 'x') twice"),
    (GROUP.format(members='["AZE"]').replace(', mean_gen = "ср"', ""),
     "groups.ots.ru: missing the forms mean_gen"),
    ("[branding]\naccent = 'green'", "branding.accent: 'green' is not a colour as #RRGGBB"),
    ("[[analyses]]\nfocus = 'KAZ'\ngroup = 'g7'", "analyses[0].group: unknown group 'g7'"),
    ("[[analyses]]\nfocus = 'KAZ'\nsince = 2009", "analyses[0].since: --since 2009 is not a"),
    ("[[briefs]]\ncountries = ['Korea']", "briefs[0].countries[0]: 'Korea' names several"),
    ("[names]\nbrief = '{lang}/{nope}'", "names.brief: unknown field {nope}"),
    ("[overrides]\ntemplates = 'mine'", "overrides.templates: no such directory"),
    ("[overrides]\ntemplates = '..'", "overrides.templates: .. is outside the project"),
    ("[branding]\nlogo = 'broken.svg'", "branding.logo: broken.svg: not a readable SVG"),
    ("[branding]\nlogo = 'fake.png'", "branding.logo: fake.png: not a PNG image"),
    ("[names]\nbrief = '{lang}/{country}.pdf'", "names.brief: leave out the extension"),
    ("languages = ['ru', 'en']\n[names]\nbrief = '{country}-{year}'",
     "names.brief: egdi brief KAZ --year 2024 --lang ru and egdi brief KAZ --year 2024 --lang "
     "en would both be written to out/KAZ-2024.pdf"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m.split(":")[0] for _, m in BAD])
def test_a_bad_project_file_is_one_line_naming_the_key(tmp_path, cli, monkeypatch, text, message):
    project = tmp_path / "p"
    project.mkdir()
    (tmp_path / "outside.svg").write_text("<svg/>")
    _project_file(project, text)
    monkeypatch.chdir(project)
    result = cli("build", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: egdi.toml: {message}")
    assert result.stderr.count("\n") == 1
    assert not (project / "out").exists()


def test_a_config_given_elsewhere_and_its_paths(tmp_path, cli):
    path = _project_file(tmp_path, 'languages = ["en"]\n[[briefs]]\ncountries = ["Казахстан"]\n')
    result = cli("--config", path, "build")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{tmp_path}/out/en/brief-KAZ-2024.pdf\n"  # beside the file
    missing = cli("--config", tmp_path / "none.toml", "build")
    assert missing.exit_code == 2 and "none.toml" in missing.stderr


def test_the_scaffold_holds_the_defaults(tmp_path, cli):
    result = cli("new", tmp_path / "series")
    assert result.exit_code == 0 and (tmp_path / "series" / "egdi.toml").is_file()
    project = load_project(tmp_path / "series" / "egdi.toml")
    assert project.documents == Documents() and project.languages == Project().languages
    assert project.look == Project().look
    assert f"(without it: {DYNAMICS_SINCE}, as the article)" in SCAFFOLD.read_text("utf-8")
    again = cli("new", tmp_path / "series")
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_every_commented_example_of_the_scaffold_loads(tmp_path, shipped):
    # uncomment the examples (lines '# key = ...' and '# [table]'), not the prose
    lines = SCAFFOLD.read_text("utf-8").splitlines()
    examples = "\n".join(
        line[2:] if line.startswith("# ") and ("=" in line or line.startswith("# [")) else line
        for line in lines
    )
    for directory in ("data", "templates", "locales", "claims"):
        (tmp_path / directory).mkdir()
    shutil.copy(
        shipped / "claims" / "egdi-kazakhstan-article.yaml", tmp_path / "claims" / "my-article.yaml"
    )
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (tmp_path / "egdi.toml").write_text(examples, encoding="utf-8")
    project = load_project(tmp_path / "egdi.toml")
    assert [key for key, _, _ in project.groups] == ["ots"]
    assert project.look.branding.prepared_by and project.look.templates == tmp_path / "templates"
    assert project.names_for("brief") == "{lang}/brief-{country}{options}-{year}"


def test_a_group_change_changes_only_its_documents(dataset):
    ots = Project(groups=(("ots", tuple(OTS), ()),))
    ds = dataset.with_groups(ots.user_groups(dataset))
    other = dataset.with_groups(Project(groups=(("ots", ("AZE", "KAZ"), ()),)).user_groups(dataset))
    uses = DocumentRequest.analysis("UZB", "ots", 2024, "en")
    not_uses = DocumentRequest.analysis("UZB", "cis", 2024, "en")
    assert depends(ds, uses) != depends(other, uses)
    assert depends(ds, not_uses) == depends(other, not_uses)


def test_overrides_replace_templates_and_messages(tmp_path, dataset):
    templates, catalogs = tmp_path / "templates", tmp_path / "locales" / "en" / "LC_MESSAGES"
    templates.mkdir()
    catalogs.mkdir(parents=True)
    shipped = (Path(__file__).resolve().parent.parent / "templates" / "brief.html").read_text()
    (templates / "brief.html").write_text(shipped.replace("<h1>", "<h1 data-own='yes'>"))
    (catalogs / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Contents"\nmsgstr "In this brief"\n',
        encoding="utf-8",
    )
    path = _project_file(tmp_path, "[overrides]\ntemplates = 'templates'\ncatalogs = 'locales'\n")
    project = load_project(path)
    from report.build.documents import layout

    html = render_document(layout(dataset, DocumentRequest.brief("KAZ", 2024, "en"),
                                  project.look), project.look)  # fmt: skip
    assert "data-own='yes'" in html and "In this brief" in html
    assert "Components against reference groups" in html  # the rest from the shipped catalog


def test_requests_of_a_project_in_its_languages(dataset, tmp_path):
    path = _project_file(tmp_path, 'languages = ["kk"]\n[[analyses]]\nfocus = "UZB"\n'
                         'group = "Russia,KAZ"\n')  # fmt: skip
    (found,) = requests(load_project(path), dataset)
    assert (found.country, found.group, found.lang) == ("UZB", "RUS,KAZ", "kk")


def test_a_briefs_group_and_its_old_name_peers(dataset, tmp_path):
    path = _project_file(tmp_path, '[[briefs]]\ncountries = ["KAZ"]\ngroup = "oecd"\n')
    (found, *_) = requests(load_project(path), dataset)
    assert (found.kind, found.country, found.peers) == ("brief", "KAZ", "oecd")
    old = _project_file(tmp_path, '[[briefs]]\ncountries = ["KAZ"]\npeers = "oecd"\n')
    with pytest.warns(ProjectWarning, match=r"briefs\[0\]\.peers is deprecated .*; use group"):
        project = load_project(old)
    assert requests(project, dataset)[0].peers == "oecd"
    both = _project_file(
        tmp_path, '[[briefs]]\ncountries = ["KAZ"]\npeers = "oecd"\ngroup = "eu"\n'
    )
    with pytest.raises(ProjectError, match=r"briefs\[0\]: give group or peers"):
        load_project(both)


def test_no_project_file_keeps_the_defaults(tmp_path, cli, monkeypatch, dataset):
    monkeypatch.chdir(tmp_path)
    result = cli("build", "--lang", "en")
    # every format (README, Formats): a brief has 5 figures and 2 tables, an analysis 3 and 5
    expected = []
    for stem, figures, tables in (("brief-KAZ-2024", 5, 2), ("analysis-KAZ-cis-2024", 3, 5)):
        expected += [f"out/en/{stem}.pdf", f"out/en/{stem}.html"]
        expected += [
            f"out/en/{stem}/figure-{n}.{suffix}"
            for n in range(1, figures + 1)
            for suffix in ("svg", "png", "csv")
        ]
        expected += [f"out/en/{stem}/table-{n}.csv" for n in range(1, tables + 1)]
        expected += [f"out/en/{stem}/facts.json", f"out/en/{stem}.xlsx", f"out/en/{stem}.zip"]
    assert result.stdout.splitlines() == expected
    with pytest.raises(ReportError, match="unknown group"):
        requests(Project(documents=Documents(analyses=(("KAZ", "nope", 2016),))), dataset)


def test_the_same_project_reached_another_way_is_up_to_date(tmp_path, monkeypatch):
    path = _project_file(tmp_path, "[branding]\norganisation = 'Ministry'\nlogo = 'logo.svg'\n")
    monkeypatch.chdir(tmp_path)
    here, absolute = load_project(Path("egdi.toml")), load_project(path.resolve())
    assert here.look.fingerprint() == absolute.look.fingerprint() != ""


def _overrides(tmp_path, template: str, po: str) -> Project:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "brief.html").write_text(template, encoding="utf-8")
    (tmp_path / "templates" / "breif.html").write_text("misspelt", encoding="utf-8")
    catalogs = tmp_path / "locales" / "en" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    (catalogs / "messages.po").write_text(header + po, encoding="utf-8")
    path = _project_file(tmp_path, "[overrides]\ntemplates = 'templates'\ncatalogs = 'locales'\n")
    with pytest.warns(UserWarning, match="breif.html: no shipped template has this name"):
        return load_project(path)


def test_a_broken_override_template_is_one_line_naming_it(tmp_path, dataset):
    from report.build.documents import build

    project = _overrides(tmp_path, "{% if %}", "")
    with pytest.raises(ReportError, match=r"brief.html:1: "):
        build(dataset, DocumentRequest.brief("KAZ", 2024, "en"), tmp_path / "out", project.look)
    assert not (tmp_path / "out" / "en").exists()


def test_an_override_catalog_is_checked(tmp_path, dataset):
    from report.build.documents import layout

    po = 'msgid "Change since %(year)s"\nmsgstr "Since %(yaer)s"\n'
    project = _overrides(tmp_path, "{{ title }}", po + '\nmsgid "Contentz"\nmsgstr "X"\n')
    with pytest.raises(ReportError, match=r"messages.po: line \d+: %\(yaer\)s is not a value"):
        layout(dataset, DocumentRequest.brief("KAZ", 2024, "en"), project.look)
