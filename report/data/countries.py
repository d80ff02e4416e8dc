"""The country table: ISO codes, exact UN names, regions, groups and localised names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from babel import Locale

from report.data.csvio import read_table
from report.errors import InputError, ReportError, close_matches

COUNTRY_COLUMNS = (
    "iso3",
    "iso2",
    "m49",
    "un_name",
    "aliases",
    "wb_region",
    "groups",
    "en_article",
    "name_en",
    "name_ru",
    "name_kk",
)
LANGUAGES = ("ru", "kk", "en")


def slug(text: str) -> str:
    """'Europe & Central Asia' -> 'europe_central_asia' (how commands name regions)."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


@dataclass(frozen=True)
class Country:
    """One UN member state as the country table describes it."""

    iso3: str
    iso2: str
    m49: str
    un_name: str
    aliases: tuple[str, ...]
    wb_region: str
    groups: frozenset[str]
    en_article: str = ""
    name_overrides: dict[str, str] = field(default_factory=dict, compare=False)
    common: tuple[str, ...] = ()  # forms users type ('Russia', «Россия»); one may name two


class UnknownCountry(ReportError):
    """A country given on the command line that the table does not know."""


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def _typed_form(name: str) -> str:
    """A name as typed forms are compared: normalised, in any case, ’ as '."""
    return _normal(name).replace("\u2019", "'").casefold()


def _normal(name: str) -> str:
    """A name as the table compares names: stripped, in Unicode normal form C."""
    return unicodedata.normalize("NFC", name.strip())


class CountryTable:
    """The 193 member states, looked up by ISO code or exact name, never fuzzily."""

    def __init__(self, countries: list[Country]):
        self.countries = sorted(countries, key=lambda c: c.iso3)
        self._by_iso3 = {c.iso3: c for c in self.countries}
        self._by_name: dict[str, str] = {}
        for country in self.countries:
            for name in (country.un_name, *country.aliases):
                self._by_name[_normal(name)] = country.iso3

    @classmethod
    def from_csv(cls, path: Path) -> CountryTable:
        """Load and check the country table."""
        countries: list[Country] = []
        seen: dict[str, int] = {}
        for line, rec in read_table(path, COUNTRY_COLUMNS):
            rec = {key: value.strip() for key, value in rec.items()}
            if len(rec["iso3"]) != 3 or not rec["iso3"].isupper():
                raise InputError(path, line, f"bad ISO3 code {rec['iso3']!r}")
            if len(rec["iso2"]) != 2 or not rec["iso2"].isupper():
                raise InputError(path, line, f"bad ISO2 code {rec['iso2']!r}")
            if len(rec["m49"]) != 3 or not rec["m49"].isdigit():
                raise InputError(path, line, f"bad M49 code {rec['m49']!r}")
            aliases = tuple(a.strip() for a in rec["aliases"].split("|") if a.strip())
            for key in (rec["iso3"], rec["iso2"], rec["m49"], rec["un_name"], *aliases):
                if key in seen:
                    raise InputError(path, line, f"{key!r} already used on line {seen[key]}")
                seen[key] = line
            countries.append(
                Country(
                    iso3=rec["iso3"],
                    iso2=rec["iso2"],
                    m49=rec["m49"],
                    un_name=rec["un_name"],
                    aliases=aliases,
                    wb_region=rec["wb_region"],
                    groups=frozenset(g.strip() for g in rec["groups"].split("|") if g.strip()),
                    en_article=rec["en_article"],
                    name_overrides={
                        lang: rec[f"name_{lang}"] for lang in LANGUAGES if rec[f"name_{lang}"]
                    },
                    common=tuple(f.strip() for f in rec.get("common", "").split("|") if f.strip()),
                )
            )
        return cls(countries)

    def __len__(self) -> int:
        return len(self.countries)

    def __iter__(self):
        return iter(self.countries)

    def __contains__(self, iso3: str) -> bool:
        return iso3 in self._by_iso3

    def get(self, iso3: str) -> Country:
        """Return the country with this ISO3 code."""
        return self._by_iso3[iso3]

    @property
    def iso3_codes(self) -> list[str]:
        """All ISO3 codes, sorted."""
        return [c.iso3 for c in self.countries]

    def iso3_for_name(self, name: str) -> str | None:
        """Map a UN name or a known alias, exactly as spelled (after stripping and Unicode
        normalisation: Côte d'Ivoire typed with a combining accent is the same name), to ISO3."""
        return self._by_name.get(_normal(name))

    def close_names(self, name: str, n: int = 3) -> list[str]:
        """Suggest known names that look like this one; for messages only, never applied."""
        return close_matches(_normal(name), list(self._by_name), n)

    @cached_property
    def _typed(self) -> dict[str, tuple[str, ...]]:
        """Forms a user may type, any case, to the countries they name: the exact names, the
        names the documents print in each language, and the table's common forms."""
        typed: dict[str, set[str]] = {}
        for c in self.countries:
            printed = (self.name(c.iso3, lang) for lang in LANGUAGES)
            for form in (c.un_name, *c.aliases, *printed, *c.common):
                typed.setdefault(_typed_form(form), set()).add(c.iso3)
        return {form: tuple(sorted(codes)) for form, codes in typed.items()}

    def resolve(self, token: str) -> str:
        """Map a user's ISO3 code or country name to ISO3: exactly (after Unicode
        normalisation, in any case) on the table's names, never by likeness; a form that
        names several countries ('Korea') is an error listing them."""
        code = token.strip().upper()
        if code in self._by_iso3:
            return code
        by_name = self.iso3_for_name(token)
        if by_name:
            return by_name
        codes = self._typed.get(_typed_form(token), ())
        if len(codes) == 1:
            return codes[0]
        if codes:
            named = ", ".join(f"{self.get(c).un_name} ({c})" for c in codes)
            raise UnknownCountry(f"{token.strip()!r} names several countries: {named}; give one")
        hint = self.close_names(token)
        suggestion = f"; close names: {', '.join(hint)}" if hint else ""
        raise UnknownCountry(f"unknown country {token!r} (use an ISO3 code{suggestion})")

    def knows(self, token: str) -> bool:
        """Whether a token names one country or more (resolve() then says which, or lists
        them)."""
        return (
            token.strip().upper() in self._by_iso3
            or bool(self.iso3_for_name(token))
            or _typed_form(token) in self._typed
        )

    def groups(self) -> list[str]:
        """Names of the country groups the table defines."""
        return sorted({g for c in self.countries for g in c.groups})

    def members(self, group: str) -> list[str]:
        """ISO3 codes of a group's members."""
        members = [c.iso3 for c in self.countries if group in c.groups]
        if not members:
            raise ReportError(f"unknown group {group!r}; known groups: {', '.join(self.groups())}")
        return members

    def region_members(self, region: str) -> list[str]:
        """ISO3 codes of the countries in a World Bank region."""
        return [c.iso3 for c in self.countries if c.wb_region == region]

    def name(self, iso3: str, lang: str) -> str:
        """The country's name for a document in this language: the override, else in English
        the Survey's own (UN) name, in other languages CLDR's."""
        country = self._by_iso3[iso3]
        if lang == "en":  # with a typographic apostrophe: Côte d’Ivoire
            return (country.name_overrides.get(lang) or country.un_name).replace("'", "’")
        return country.name_overrides.get(lang) or _locale(lang).territories[country.iso2]

    def name_in_text(self, iso3: str, lang: str) -> str:
        """The name as it stands inside a sentence (English adds 'the' where usage wants it)."""
        name = self.name(iso3, lang)
        article = self._by_iso3[iso3].en_article
        return f"{article} {name}" if lang == "en" and article else name
