"""The gettext catalogs: complete, not fuzzy, real plural forms, Kazakh written in Kazakh,
and compiled to .mo files that say what the .po files say."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from report.data import paths
from report.words.catalogs import compile_po
from report.words.groups import FORMS
from report.words.mechanics import KK_CASES
from report.words.text import LANGUAGES, number_words

REPO = Path(__file__).resolve().parent.parent
LOCALES = paths.resource_dir("locales")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
# Latin words allowed inside Kazakh messages: index abbreviations and rating classes, the
# tool, the hash name, file names; single letters are mathematical symbols.
LATIN_ALLOWED = {
    "EGDI",
    "OSI",
    "HCI",
    "TII",
    "EPI",
    "SHA",
    *("PDF", "SVG", "PNG", "CSV", "JSON", "XLSX", "ZIP"),  # file formats, named as such
    "egdi",
    "report",
    "data",
    "provenance",
    "json",
    "VH",
    "HV",
    "MH",
    "LM",
    "CSV",
    "XLSX",
    "DOI",
}


def extracted() -> set[tuple[str | None, str]]:
    """(context, msgid) of every message in the code and the templates, extracted anew."""
    found = set()
    for _, _, message, _, context in extract_from_dir(
        REPO,
        method_map=[("report/**.py", "python"), ("templates/**.html", "jinja2")],
        options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}},
    ):
        found.add((context, message if isinstance(message, str) else message[0]))
    return found


@pytest.fixture(scope="module")
def messages() -> set[tuple[str | None, str]]:
    return extracted()


def load(lang: str):
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def entries(catalog):
    return [m for m in catalog if m.id]


def test_extraction_finds_the_messages(messages):
    assert len(messages) > 40
    assert (None, "World mean") in messages
    assert ("ordinal rank, other", "%(n)sth") in messages


def test_template_is_up_to_date(messages):
    with (LOCALES / "messages.pot").open("rb") as handle:
        pot = read_po(handle)
    in_pot = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in entries(pot)}
    assert in_pot == messages, "run 'make catalogs'"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_complete_and_not_fuzzy(messages, lang):
    catalog = load(lang)
    nplurals = get_plural(lang).num_plurals
    assert catalog.num_plurals == nplurals
    by_key = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in entries(catalog)}
    missing = messages - set(by_key)
    assert not missing, f"{lang}: missing {sorted(missing, key=str)[:5]}"
    assert not set(by_key) - messages, f"{lang}: obsolete entries"
    for key, message in by_key.items():
        assert not message.fuzzy, f"{lang}: fuzzy {key}"
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.pluralizable:
            assert len(strings) == nplurals, f"{lang}: {key} needs {nplurals} forms"
        assert all(s.strip() for s in strings), f"{lang}: untranslated {key}"


def derived(name: str, known: set[str], lang: str) -> bool:
    """Whether a placeholder is a form of a known one: peers_gen (a country set's form in
    groups.csv), num_abl (a Kazakh case ending on a number), num_word (a count in words)."""
    words = {form for code, form in number_words() if code == lang}
    forms = set(FORMS[lang]) | (set(KK_CASES) if lang == "kk" else set()) | words
    return any(
        name.startswith(base + "_") and name.removeprefix(base + "_") in forms for base in known
    )


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_placeholders_are_known(lang):
    # A translation may use a sibling placeholder the code passes (rank for rank_ordinal) or a
    # derived form of one (peers_gen), but never one the code does not pass.
    siblings = {"rank", "before", "after", "num"}
    for message in entries(load(lang)):
        msgids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        known = {name for msgid in msgids for name in PLACEHOLDER.findall(msgid)} | siblings
        # the code may offer more in a comment to translators ('# Translators: also ...')
        known |= {
            name for comment in message.auto_comments for name in PLACEHOLDER.findall(comment)
        }
        for string in strings:
            unknown = {n for n in PLACEHOLDER.findall(string) if n not in known}
            unknown = {n for n in unknown if not derived(n, known, lang)}
            assert not unknown, f"{lang}: {message.id!r} uses {unknown}"


def test_kazakh_is_kazakh():
    ru = {m.id: m.string for m in entries(load("ru"))}
    sentences = with_kazakh_letters = 0
    for message in entries(load("kk")):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        russian = ru[message.id] if isinstance(ru[message.id], tuple) else (ru[message.id],)
        for string in strings:
            text = PLACEHOLDER.sub("", string)
            latin = set(re.findall(r"[A-Za-z]{2,}", text)) - LATIN_ALLOWED  # x, n, r: symbols
            assert not latin, f"Latin words in kk: {latin} in {string!r}"
            if len(text.split()) >= 3:
                assert string not in russian, f"kk equals ru: {string!r}"
                sentences += 1
                with_kazakh_letters += bool(KAZAKH_LETTERS & set(text))
    # A few short Kazakh phrases need none of the letters (Деректер файлы), sentences do.
    assert with_kazakh_letters >= 0.9 * sentences


def compiled_messages(data: bytes) -> tuple[str, dict]:
    """The plural rule and the messages of a .mo file (its header aside: Babel and POT dates)."""
    catalog = read_mo(io.BytesIO(data))
    messages = {}
    for message in entries(catalog):
        msgid = message.id if isinstance(message.id, str) else tuple(message.id)
        messages[message.context, msgid] = message.string
    return catalog.plural_forms, messages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalog_is_up_to_date(lang):
    # The program reads only the .mo; installing the package compiles it, so a .po edited
    # since then would silently not be used.
    po_path = LOCALES / lang / "LC_MESSAGES" / "messages.po"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.is_file(), f"{mo_path} is missing: run 'make catalogs'"
    fresh = compiled_messages(compile_po(po_path, lang))
    assert compiled_messages(mo_path.read_bytes()) == fresh, (
        f"{mo_path} is stale (compiled from an older {po_path.name}): run 'make catalogs'"
    )
