"""The whole document model of chosen documents, per language, against reviewed snapshots:
every sentence, caption, table cell and chart label. After a deliberate change, run
`pytest tests/test_snapshots.py --snapshot-update`, read the diff in all three languages and
commit it with the change."""

from __future__ import annotations

import pytest

from report.build.documents import analysis_layout, brief_layout, supplement_layout

LANGS = ("en", "ru", "kk")
# KAZ rises, AUS falls, DNK keeps its rank, TJK and LBY had EGDI = 0 in early surveys, NLD
# 2003 is the first survey, MNE 2008 was not assessed in 2005; KAZ 2024 has method breaks.
BRIEFS = ["KAZ-2024", "KAZ-2022", "AUS-2022", "DNK-2022", "TJK-2022", "LBY-2022", "NLD-2003",
          "MNE-2008"]  # fmt: skip


@pytest.mark.parametrize("case", BRIEFS)
def test_brief_model(dataset, snapshot, case):
    iso3, year = case.split("-")
    models = {lang: brief_layout(dataset, iso3, int(year), lang).as_json() for lang in LANGS}
    snapshot(f"brief-{case}", models)


@pytest.mark.parametrize(("focus", "group", "year"), [("KAZ", "cis", 2022), ("KAZ", "cis", 2024)])
def test_analysis_model(dataset, snapshot, focus, group, year):
    models = {lang: analysis_layout(dataset, focus, group, year, lang).as_json() for lang in LANGS}
    snapshot(f"analysis-{focus}-{group}-{year}", models)


def test_supplement_model(dataset, snapshot):
    models = {lang: supplement_layout(dataset, None, "KAZ", "cis", 2022, lang).as_json()
              for lang in LANGS}  # fmt: skip
    for model in models.values():
        model["parts"].pop("versions")  # the libraries installed here, not the document's
    snapshot("supplement-KAZ-cis-2022", models)
