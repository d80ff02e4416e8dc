"""Localised text: gettext catalogs from locales/, CLDR numbers and names through Babel."""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

from report.data import paths
from report.errors import ReportError
from report.words.mechanics import KK_CASES, kk_suffix

LANGUAGES = ("ru", "kk", "en")
DOMAIN = "messages"
MINUS = "\u2212"
NBSP = "\u00a0"
DATE_LOCALES = {"en": "en_GB"}  # English dates day first: 17 September 2024
# Kazakh official style writes the year as an attribute (2024 жылғы 17 қыркүйек) where CLDR
# abbreviates it (2024 ж. 17 қыркүйек): (date, month and year) patterns.
DATE_PATTERNS = {"kk": ("y 'жылғы' d MMMM", "y 'жылғы' MMMM")}
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
def translations(lang: str, override: Path | None = None) -> Translations:
    """The compiled catalog of a language, read from its .mo file (built by the install);
    with an override directory holding <lang>/LC_MESSAGES/messages.po, its messages first
    and the shipped catalog for the rest."""
    mo_path = paths.resource_dir("locales") / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with mo_path.open("rb") as handle:
            shipped = Translations(handle, domain=DOMAIN)
    except FileNotFoundError:
        raise ReportError(
            f"{mo_path}: compiled catalog not found; run 'make catalogs' in a checkout,"
            " or reinstall egdi-report"
        ) from None
    po_path = Path(override or "") / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if override is None or not po_path.is_file():
        return shipped
    own = _compiled(po_path, lang, set(shipped._catalog))
    own.add_fallback(shipped)
    return own


_PLACEHOLDER = re.compile(r"%\((\w+)\)")


def _check_placeholders(po_path: Path, message) -> None:
    """Refuse a user's translation that names a value its message does not give (a value may
    take a derived form: %(group)s as %(group_gen)s)."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    offered = [*ids, *message.auto_comments]  # 'Translators: also %(x)s' offers x
    given = {name for text in offered for name in _PLACEHOLDER.findall(text or "")}
    given |= {"num"} if isinstance(message.id, tuple) else set()
    for text in strings:
        for name in _PLACEHOLDER.findall(text or ""):
            related = (name.startswith(g + "_") or g.startswith(name + "_") for g in given)
            if name not in given and not any(related):
                raise ReportError(
                    f"{po_path}: line {message.lineno}: %({name})s is not a value of this "
                    f"message (it gives {', '.join(sorted(given)) or 'none'})"
                )


class CatalogWarning(UserWarning):
    """A user's catalog holds a message egdi-report does not have (it is never used)."""


def _compiled(po_path: Path, lang: str, known: set) -> Translations:
    """A user's .po catalog compiled in memory (untranslated and fuzzy messages left out);
    a message the shipped catalog does not have is said, as it would never be used."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    try:
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=lang, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        raise ReportError(f"{po_path}: not a readable catalog: {exc}") from None
    for message in catalog:
        _check_placeholders(po_path, message)
        first = message.id[0] if isinstance(message.id, tuple) else message.id
        key = f"{message.context}\x04{first}" if message.context else first
        if first and key not in known and (key, 0) not in known:
            warnings.warn(
                CatalogWarning(
                    f"{po_path}: line {message.lineno}: {first!r} is not a message "
                    "of egdi-report; it is not used"
                ),
                stacklevel=2,
            )
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


# Per cent in running text: UN English style writes the word, Russian and Kazakh the sign
# (ru with a non-breaking space, kk without: the CLDR patterns). Tables use the sign.
PER_CENT_WORDS = {"en": "%(value)s per cent"}


NUMBERS_FILE = "numbers.csv"


@cache
def number_words() -> dict[tuple[str, str], tuple[str, ...]]:
    """{(lang, form): words for one to nine} from locales/numbers.csv: %(num_word)s spells a
    count out, %(num_word_gen_f)s in the Russian feminine genitive (двух стран)."""
    path = paths.resource_dir("locales") / NUMBERS_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    table = {}
    for line, row in enumerate(rows, start=2):
        words = tuple((row.get(str(n)) or "").strip() for n in range(1, 10))
        if (
            row.get("lang") not in LANGUAGES
            or not row.get("form", "").startswith(("word", "ordinal"))
            or not all(words)
        ):
            raise ReportError(f"{path}: row {line}: unknown language or form, or a missing word")
        table[row["lang"], row["form"]] = words
    return table


def _as_printed(value: float, digits: int) -> Decimal:
    """A value rounded as Babel prints it: its shortest decimal form, to even on a tie."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)


class _Values(dict):
    """Message values that also answer derived names: %(peers_gen)s is the 'gen' form of the
    country set given as peers, %(num_abl)s the number given as num with its Kazakh ablative
    ending, %(num_word)s the number in words (so a translation can take the form its grammar
    needs)."""

    def __init__(self, values: dict, words=None):
        super().__init__(values)
        self._words = words

    def __missing__(self, key: str) -> object:
        for cut in range(len(key) - 1, 0, -1):
            base, form = key[:cut], key[cut + 1 :]
            if key[cut] != "_" or base not in self:
                continue
            value = self[base]
            if hasattr(value, "form"):
                return value.form(form)
            if form in KK_CASES:
                return kk_suffix(str(value), form)
            if form.startswith("word") and self._words:
                return self._words(value, form)
        raise KeyError(key)


class Text:
    """Messages, numbers and names for one document language."""

    def __init__(
        self,
        lang: str,
        catalogs: Path | None = None,
        groups: Callable[[str], dict[str, str] | None] | None = None,
    ):
        """catalogs: a directory of the user's catalogs (see translations); groups: the
        forms of the sets locales/groups.csv does not name (words/groups.project_names)."""
        self.lang = check_language(lang)
        self.locale = Locale.parse(lang)
        self._t = translations(lang, catalogs)
        self.catalogs = catalogs
        self.groups = groups

    def gettext(self, message: str, **values: object) -> str:
        """Translate a message and fill its %(name)s placeholders; a literal % is written %%,
        as in the templates (Jinja's newstyle gettext formats every message)."""
        return self._t.gettext(message) % _Values(values, self.count_word)

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """Translate a message whose form follows the number n (CLDR plural rules)."""
        return self._t.ngettext(singular, plural, n) % _Values(
            {"num": n, **values}, self.count_word
        )

    def pgettext(self, context: str, message: str, **values: object) -> str:
        """Translate a message in a context and fill its placeholders."""
        return self._t.pgettext(context, message) % _Values(values, self.count_word)

    def count_word(self, n: object, form: str = "word") -> str:
        """A count as running text writes it: one to nine in words (in a form of
        locales/numbers.csv: word, ru word_f, word_gen ...), larger ones as figures."""
        if not isinstance(n, int) or not 1 <= n <= 9:
            return str(n)
        return number_words()[self.lang, form][n - 1]

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

    def change(self, before: float, after: float, digits: int = 4) -> str:
        """A signed change as the text prints it: the difference of the printed values, so
        that it agrees with a table of them (+0,3567, not the unrounded +0,3568)."""
        return self.signed(float(_as_printed(after, digits) - _as_printed(before, digits)), digits)

    def gap(self, a: float, b: float, digits: int = 4) -> str:
        """The distance between two values as the text prints them: |a − b| of the rounded
        values, so that it agrees with the numbers printed beside it."""
        return self.number(abs(_as_printed(a, digits) - _as_printed(b, digits)), digits)

    def percent(
        self, value: float, digits: int = 1, signed: bool = False, in_text: bool = False
    ) -> str:
        """A value given in per cent: 19,0 % (ru), 19,0% (kk), 19.0% (en); with a sign if asked;
        in running text as the language writes it there (19.0 per cent)."""
        if in_text and self.lang in PER_CENT_WORDS:
            number = self.percent(value, digits, signed).removesuffix("%")
            return PER_CENT_WORDS[self.lang] % {"value": number}
        pattern = self.locale.percent_formats[None].pattern  # e.g. '#,##0 %' (ru), '#,##0%'
        if digits:
            pattern = pattern.replace("0", "0." + "0" * digits, 1)
        text = format_percent(abs(value) / 100, pattern, locale=self.locale).translate(_SPACES)
        if text == format_percent(0, pattern, locale=self.locale).translate(_SPACES):
            return text
        sign = ("+" if value > 0 else MINUS) if signed else ("" if value >= 0 else MINUS)
        return sign + text

    def integer(self, value: int) -> str:
        """A whole number with the locale's grouping."""
        return self.number(value, 0)

    def ordinal(self, n: int, in_text: bool = False) -> str:
        """A rank as an ordinal in the nominative: 28th, 28-е место, 28-орын; in running text
        English writes first to ninth as words (locales/numbers.csv, form 'ordinal')."""
        words = number_words().get((self.lang, "ordinal"))
        if in_text and words and 1 <= n <= 9:
            return words[n - 1]
        category = self.locale.ordinal_form(n)
        forms = {
            "one": self.pgettext("ordinal rank, one", "%(n)sst", n=n),
            "two": self.pgettext("ordinal rank, two", "%(n)snd", n=n),
            "few": self.pgettext("ordinal rank, few", "%(n)srd", n=n),
        }
        return forms.get(category) or self.pgettext("ordinal rank, other", "%(n)sth", n=n)

    def date(self, value: date) -> str:
        """A date written out, never broken across lines: 1 July 2022, 1 июля 2022 г.,
        2022 жылғы 1 шілде (day-month-year in English too, as the UN writes it)."""
        pattern = DATE_PATTERNS.get(self.lang, ("long",))[0]
        text = format_date(value, format=pattern, locale=DATE_LOCALES.get(self.lang, self.locale))
        return text.translate(_SPACES).replace(" ", NBSP)

    def month(self, value: date) -> str:
        """A month and year standing alone: November 2004, ноябрь 2004 г., 2004 жылғы қараша."""
        if self.lang in DATE_PATTERNS:
            text = format_date(value, format=DATE_PATTERNS[self.lang][1], locale=self.locale)
        else:
            text = format_skeleton("yMMMM", value, locale=self.locale)
        return text.translate(_SPACES).replace(" ", NBSP)
