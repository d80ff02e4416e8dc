"""Sentence mechanics every language needs: capitals, lists, Kazakh suffixes on numerals and
the spaces and joins that keep a number with what belongs to it on one line."""

from __future__ import annotations

import re
from collections.abc import Sequence

from babel.lists import format_list

NBSP = "\u00a0"
WORD_JOINER = "\u2060"  # forbids a line break where it stands; it has no width and no glyph
LIST_LOCALES = {"en": "en_GB"}  # no serial comma: 'OSI, HCI and TII', as the UN writes

# Kazakh numerals by the word a numeral ends with: units, tens, then the powers of ten.
_KK_UNITS = ("нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
_KK_TENS = ("", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан")
_KK_POWERS = ((10**9, "миллиард"), (10**6, "миллион"), (10**3, "мың"))
_BACK_VOWELS, _FRONT_VOWELS = set("аоұыяё"), set("әеөүіэию")
_VOICELESS = set("пткқсшфхцчщ")
_NASALS = set("мнң")
# Each case: (after a vowel, after м н ң, after л р й у з ж, after a voiceless consonant),
# each as (back, front).
KK_CASES = {
    "gen": (("ның", "нің"), ("ның", "нің"), ("дың", "дің"), ("тың", "тің")),
    "acc": (("ны", "ні"), ("ды", "ді"), ("ды", "ді"), ("ты", "ті")),
    "dat": (("ға", "ге"), ("ға", "ге"), ("ға", "ге"), ("қа", "ке")),
    "loc": (("да", "де"), ("да", "де"), ("да", "де"), ("та", "те")),
    "abl": (("дан", "ден"), ("нан", "нен"), ("дан", "ден"), ("тан", "тен")),
    "ins": (("мен", "мен"), ("мен", "мен"), ("мен", "мен"), ("пен", "пен")),
    "poss": (("сы", "сі"), ("ы", "і"), ("ы", "і"), ("ы", "і")),
}


def capital(sentence: str) -> str:
    """The sentence with its first letter a capital ('the United States …' → 'The …')."""
    return sentence[:1].upper() + sentence[1:]


# Alphabetical order as each language's readers expect it: Kazakh puts ә after а, қ after к,
# і after ы (code points would put them after я); Russian ё with е.
_ALPHABETS = {
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
}


def sort_key(lang: str, name: str) -> tuple:
    """A key that sorts names in the language's alphabetical order."""
    alphabet = _ALPHABETS.get(lang)
    folded = name.casefold().replace("ё", "е") if lang == "ru" else name.casefold()
    if alphabet is None:
        return (folded,)
    return tuple((alphabet.index(c), c) if c in alphabet else (len(alphabet), c) for c in folded)


def join_list(lang: str, items: Sequence[str]) -> str:
    """Items joined as the language lists them: 'OSI, HCI and TII', «OSI, HCI и TII»,
    «OSI, HCI және TII» (CLDR's Kazakh pattern has no conjunction; Kazakh writes one)."""
    items = list(items)
    if lang == "kk" and len(items) > 1:
        return ", ".join(items[:-1]) + " және " + items[-1]
    return format_list(items, locale=LIST_LOCALES.get(lang, lang))


def _kk_last_word(number: str) -> str:
    """The word a written numeral ends with when read aloud: 2003 → 'үш', 0,514 → 'төрт',
    1000 → 'мың', 19,0% → 'пайыз'."""
    if number.rstrip().endswith("%"):
        return "пайыз"
    digits = re.sub(r"[^\d,.]", "", number)
    parts = re.split(r"[,.]", digits)
    whole, fraction = parts[0], "".join(parts[1:])
    value = int(fraction or whole or "0")
    if value == 0:
        return _KK_UNITS[0]
    if value % 10:
        return _KK_UNITS[value % 10]
    if value % 100:
        return _KK_TENS[value % 100 // 10]
    if value % 1000:
        return "жүз"
    for power, word in reversed(_KK_POWERS):
        if value % (power * 1000) or power == 10**9:
            return word
    return "мың"


def kk_suffix(number: str, case: str) -> str:
    """A Kazakh case or possessive ending on a numeral written in digits, by vowel harmony and
    the numeral's last word, joined so the line never breaks at the hyphen: 0-ден, 1-ге,
    143-і, 2020-дан, 10-нан, 19,0%-ға. Cases: gen acc dat loc abl ins poss."""
    word = _kk_last_word(number)
    vowels = [ch for ch in word if ch in _BACK_VOWELS | _FRONT_VOWELS]
    front = bool(vowels) and vowels[-1] in _FRONT_VOWELS
    last = word[-1]
    if last in _BACK_VOWELS | _FRONT_VOWELS:
        kind = 0
    elif last in _NASALS:
        kind = 1
    elif last in _VOICELESS or last in "бвгд":
        kind = 3
    else:
        kind = 2
    ending = "бен" if case == "ins" and last in "зж" else KK_CASES[case][kind][front]
    return f"{number}-{WORD_JOINER}{ending}"


_CAPITALS = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_UNBREAKABLE = (
    # a number and the word or unit after it: 193 стран, 2022 года, 0,0381 бірлікке, 10 countries
    (re.compile(r"(?<=\d)(%?) (?=[^\W\d_])"), r"\1" + NBSP),
    # comparison signs bind to both sides: EGDI < 0,25, p ≥ 0,558, n − 2 (also as the HTML
    # entities &lt; and &gt;, the form they take in a document's text)
    (re.compile(r" ([<>≤≥=−]|&lt;|&gt;) "), NBSP + r"\1" + NBSP),
    # a one-letter Russian or Kazakh word stays with the next: в 2003 году, с лидерами
    (re.compile(r"(?<![\w-])([вВсСиИкКоОуУаАяЯ]) (?=\S)"), r"\1" + NBSP),
    # a typographic apostrophe inside a word (the country’s, Côte d’Ivoire), also where the
    # HTML holds the straight one as &#39;
    (re.compile(r"(?<=[^\W\d_])(?:'|&#39;)(?=[^\W\d_])"), "’"),
    (re.compile(r"(?<=[^\W\d_]s)(?:'|&#39;)(?= )"), "’"),  # a plural's: the countries’ values
    # a range of numbers: 2003–2022
    (re.compile(r"(?<=\d)–(?=\d)"), "–" + WORD_JOINER),
    # a suffix after the hyphen of a numeral or an abbreviation: 28-орын, 0-ден, БҰҰ-ның
    (re.compile(rf"(?<=[\d{_CAPITALS}])-(?=\w)"), "-" + WORD_JOINER),
    # a path (data/provenance.json) and an absolute value (|r|)
    (re.compile(r"(?<=\w)/(?=\w)"), "/" + WORD_JOINER),
    (re.compile(r"\|(?=\w)"), "|" + WORD_JOINER),
    # ... and after its closing bar, which line breaking treats as a place to break after
    (re.compile(r"(?<=\w)\|(?!\u2060)"), "|" + WORD_JOINER),
)


def no_break(text: str) -> str:
    """The text with non-breaking spaces and word joiners where a line must not break:
    between a number and its word or unit, around comparison signs, in ranges, after the
    hyphen of a suffix and inside paths; and a typographic apostrophe inside a word. Applying
    it twice changes nothing more."""
    for pattern, replacement in _UNBREAKABLE:
        text = pattern.sub(replacement, text)
    return text
