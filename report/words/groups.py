"""Names of country sets in the forms sentences need, read from locales/groups.csv.

A sentence takes a set's name in a grammatical form: English with or without its article,
Russian in the genitive («стран СНГ») or as a mean («среднего по странам СНГ»), Kazakh as a
noun phrase in its case («ТМД елдерінің орташа мәнінен»). The file gives each named set every
form of each language; a set without a name of its own takes the forms of a pattern: 'top'
with {n} for the top N, 'ad_hoc' with the countries' names for a list of countries, 'custom'
with {label} for anything else (the only place names stand in quotes). A user's own groups
bring their forms with them (report/data/project.py): Text.groups gives them.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from report.compute.selection import is_ad_hoc
from report.data import paths
from report.data.dataset import Dataset
from report.errors import ReportError
from report.words.mechanics import join_list
from report.words.text import Text

FILE_NAME = "groups.csv"
PATTERNS = ("top", "ad_hoc", "custom")  # forms of sets without a name of their own
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
            forms = table.setdefault((row["key"], lang), {})
            if form in forms:
                raise ReportError(f"{path}: row {line}: {row['key']} ({lang}) has {form} twice")
            forms[form] = text
    for (key, lang), forms in table.items():
        missing = [form for form in FORMS[lang] if form not in forms]
        if missing:
            raise ReportError(f"{path}: {key} ({lang}) lacks the forms {', '.join(missing)}")
    return table


def keys() -> set[str]:
    """The sets groups.csv names (not the patterns 'top' and 'custom')."""
    return {key for key, _ in _table()} - set(PATTERNS)


def group_name(text: Text, key: str) -> GroupName:
    """The name of a country set (world, cis, region:<slug>, income:H, top 10, a user's group,
    a list of countries, a label) in the document's language."""
    table = _table()
    own = text.groups(key) if text.groups else None
    if own is not None:
        pattern, values = own, {}
    elif (key, text.lang) in table and key not in PATTERNS:
        pattern, values = table[key, text.lang], {}
    elif key.startswith("top ") and key.removeprefix("top ").isdigit():
        pattern, values = table["top", text.lang], {"n": key.removeprefix("top ")}
    else:
        pattern, values = table["custom", text.lang], {"label": key}
    forms = tuple((form, pattern[form].format(**values)) for form in FORMS[text.lang])
    return GroupName(key, forms)


def project_names(ds: Dataset, lang: str) -> Callable[[str], dict[str, str] | None]:
    """The forms of the sets a dataset knows beyond locales/groups.csv, for Text(groups=):
    a user's groups with the names they gave, lists of countries (EST,KOR,SGP) named by
    their members; None for every other key."""

    def forms(key: str) -> dict[str, str] | None:
        user = ds.user_group(key)
        if user is not None:
            given = user.forms(lang)
            if given is None:
                raise ReportError(f"the group {key!r} has no names in {lang}; give them")
            return given
        codes = key.split(",")
        if len(codes) < 2 or not is_ad_hoc(key) or not all(c in ds.countries for c in codes):
            return None
        names = join_list(lang, [ds.countries.name(c, lang) for c in codes])
        pattern = _table()["ad_hoc", lang]
        return {form: pattern[form].format(names=names) for form in FORMS[lang]}

    return forms
