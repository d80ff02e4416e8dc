"""Names of country sets in the forms sentences need, read from locales/groups.csv.

A sentence takes a set's name in a grammatical form: English with or without its article,
Russian in the genitive («стран СНГ») or as a mean («среднего по странам СНГ»), Kazakh as a
noun phrase in its case («ТМД елдерінің орташа мәнінен»). The file gives each named set every
form of each language; a set without a name of its own (the top N, a user's label) takes the
forms of 'top' or 'custom' with {n} or {label} filled in, the only place names stand in quotes.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache

from report.data import paths
from report.errors import ReportError
from report.words.text import Text

FILE_NAME = "groups.csv"
PATTERNS = ("top", "custom")  # the forms of sets without a name of their own, {n} or {label}
# The forms of each language; a message's %(peers)s is the first, %(peers_<form>)s any other.
FORMS = {
    "en": ("text", "label", "mean", "countries"),
    "ru": ("label", "whose", "gen", "loc", "mean_nom", "mean_gen"),
    "kk": ("label", "nom", "gen", "loc", "mean", "mean_abl", "mean_ins"),
}


@dataclass(frozen=True)
class GroupName:
    """A country set's name in one language: its label and the forms sentences use."""

    key: str
    forms: tuple[tuple[str, str], ...]

    @property
    def label(self) -> str:
        """The name as a table heading or legend entry: CIS, СНГ, ТМД."""
        return dict(self.forms)["label"]

    def form(self, name: str) -> str:
        """One form by its name in groups.csv ('gen', 'mean_abl', ...)."""
        return dict(self.forms)[name]

    def __str__(self) -> str:
        """The form a message's bare %(peers)s takes: 'the CIS', «СНГ», «ТМД»."""
        return self.forms[0][1]


@cache
def _table() -> dict[tuple[str, str], dict[str, str]]:
    """{(key, lang): {form: text}} from locales/groups.csv, checked complete."""
    path = paths.resource_dir("locales") / FILE_NAME
    table: dict[tuple[str, str], dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            lang, form = row.get("lang"), row.get("form")
            if lang not in FORMS or form not in FORMS[lang] or not (row.get("text") or "").strip():
                raise ReportError(f"{path}: row {line}: unknown language or form, or no text")
            text = unicodedata.normalize("NFC", row["text"].strip())
            table.setdefault((row["key"], lang), {})[form] = text
    for (key, lang), forms in table.items():
        missing = [form for form in FORMS[lang] if form not in forms]
        if missing:
            raise ReportError(f"{path}: {key} ({lang}) lacks the forms {', '.join(missing)}")
    return table


def keys() -> set[str]:
    """The sets groups.csv names (not the patterns 'top' and 'custom')."""
    return {key for key, _ in _table()} - set(PATTERNS)


def group_name(text: Text, key: str) -> GroupName:
    """The name of a country set (world, cis, region:<slug>, income:H, top 10, a user's label)
    in the document's language."""
    table = _table()
    if (key, text.lang) in table and key not in PATTERNS:
        pattern, values = table[key, text.lang], {}
    elif key.startswith("top ") and key.removeprefix("top ").isdigit():
        pattern, values = table["top", text.lang], {"n": key.removeprefix("top ")}
    else:
        pattern, values = table["custom", text.lang], {"label": key}
    forms = tuple((form, pattern[form].format(**values)) for form in FORMS[text.lang])
    return GroupName(key, forms)
