"""Localised text: gettext catalogs from locales/, CLDR numbers and names through Babel."""

from __future__ import annotations

import io
from functools import cache

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from . import paths
from .errors import ReportError

LANGUAGES = ("ru", "kk", "en")
DOMAIN = "messages"
MINUS = "\u2212"
NBSP = "\u00a0"
# PT Serif and PT Sans have no narrow or thin spaces: WeasyPrint would embed a second font.
_SPACES = str.maketrans({"\u202f": NBSP, "\u2009": NBSP})


def check_language(lang: str) -> str:
    """Return the language code if the project has a catalog for it."""
    if lang not in LANGUAGES:
        raise ReportError(f"unknown language {lang!r}; choose from {', '.join(LANGUAGES)}")
    return lang


def parse_languages(value: str) -> list[str]:
    """Parse a comma-separated language list such as 'ru,kk,en'."""
    langs = [part.strip() for part in value.split(",") if part.strip()]
    if not langs:
        raise ReportError("no language given; choose from " + ", ".join(LANGUAGES))
    return [check_language(lang) for lang in dict.fromkeys(langs)]


@cache
def translations(lang: str) -> Translations:
    """The compiled catalog of a language, read from its .po file (fuzzy entries excluded)."""
    po_path = paths.resource_dir("locales") / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


class Text:
    """Messages, numbers and names for one document language."""

    def __init__(self, lang: str):
        self.lang = check_language(lang)
        self.locale = Locale.parse(lang)
        self._t = translations(lang)

    def gettext(self, message: str, **values: object) -> str:
        """Translate a message and fill its %(name)s placeholders."""
        text = self._t.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """Translate a message whose form follows the number n (CLDR plural rules)."""
        return self._t.ngettext(singular, plural, n) % {"num": n, **values}

    def pgettext(self, context: str, message: str, **values: object) -> str:
        """Translate a message in a context and fill its placeholders."""
        text = self._t.pgettext(context, message)
        return text % values if values else text

    def number(self, value: float, digits: int = 4) -> str:
        """A decimal with a fixed number of digits: 0,8628 (ru, kk) or 0.8628 (en)."""
        pattern = "#,##0." + "0" * digits if digits else "#,##0"
        text = format_decimal(value, pattern, locale=self.locale)
        return text.translate(_SPACES).replace("-", MINUS)

    def signed(self, value: float, digits: int = 4) -> str:
        """A change with its sign: +0,0253, −0,0120, or 0,0000 when it rounds to zero."""
        text = self.number(abs(value), digits)
        if text == self.number(0, digits):
            return text
        return ("+" if value > 0 else MINUS) + text

    def integer(self, value: int) -> str:
        """A whole number with the locale's grouping."""
        return self.number(value, 0)

    def ordinal(self, n: int) -> str:
        """A rank as an ordinal in the nominative: 28th, 28-е место, 28-орын."""
        category = self.locale.ordinal_form(n)
        forms = {
            "one": self.pgettext("ordinal rank, one", "%(n)sst", n=n),
            "two": self.pgettext("ordinal rank, two", "%(n)snd", n=n),
            "few": self.pgettext("ordinal rank, few", "%(n)srd", n=n),
        }
        return forms.get(category) or self.pgettext("ordinal rank, other", "%(n)sth", n=n)

    def egdi_group(self, group: str) -> str:
        """The label of an EGDI group (very_high, high, middle, low)."""
        return {
            "very_high": self.pgettext("EGDI group", "Very high EGDI"),
            "high": self.pgettext("EGDI group", "High EGDI"),
            "middle": self.pgettext("EGDI group", "Middle EGDI"),
            "low": self.pgettext("EGDI group", "Low EGDI"),
        }[group]

    def set_label(self, label: str) -> str:
        """A country set's label for a title: named groups translated, 'top N' worded."""
        if label.startswith("top "):
            return self.gettext("top %(n)s", n=label.removeprefix("top "))
        names = {
            "world": self.pgettext("country set", "world"),
            "cis": self.pgettext("country set", "CIS"),
            "eaeu": self.pgettext("country set", "EAEU"),
            "central_asia": self.pgettext("country set", "Central Asia"),
            "oecd": self.pgettext("country set", "OECD"),
            "eu": self.pgettext("country set", "EU"),
        }
        if label in names:
            return names[label]
        if label in ("very_high", "high", "middle", "low"):
            return self.egdi_group(label)
        return label
