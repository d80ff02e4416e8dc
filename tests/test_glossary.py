"""The glossary (locales/glossary.csv): every term has its three languages and a source, and
the catalogs use each term as the glossary writes it."""

from __future__ import annotations

import csv
import re

import pytest
from babel.messages.pofile import read_po

from report.data import paths

LOCALES = paths.resource_dir("locales")


def glossary() -> list[dict[str, str]]:
    with (LOCALES / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def messages(lang: str) -> list[tuple[str, str]]:
    """(English msgid, translation) of every message and plural form."""
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    pairs = []
    for m in catalog:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        pairs += [(ids[min(i, len(ids) - 1)], s) for i, s in enumerate(strings)]
    return pairs


def test_every_term_has_three_languages_and_a_source():
    rows = glossary()
    assert len(rows) >= 15
    for row in rows:
        assert all(row[k].strip() for k in ("term", "en", "ru", "kk", "source")), row


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_catalogs_use_each_term_as_the_glossary_writes_it(lang):
    pairs = messages(lang)
    for row in glossary():
        english = re.compile(r"\b" + re.escape(row["en"]), re.IGNORECASE)
        used = [s for msgid, s in pairs if english.search(msgid)]
        assert used, f"{row['term']}: no message uses it"
        for string in used:
            assert row[lang].lower() in string.lower(), f"{lang}: {row[lang]!r} not in {string!r}"
        avoid = row[f"{lang}_avoid"]
        if avoid:
            offenders = [s for _, s in pairs if avoid.lower() in s.lower()]
            assert not offenders, f"{lang}: {avoid!r} (glossary: {row[lang]!r}) in {offenders[0]!r}"
