"""Sentence mechanics: capitals, list joining, Kazakh numeral suffixes, no-break rules, and the
names of country sets in the forms sentences take."""

from __future__ import annotations

import pytest

from report.words.groups import FORMS, group_name, keys
from report.words.mechanics import NBSP, WORD_JOINER, capital, join_list, kk_suffix, no_break
from report.words.narrative import sentences
from report.words.text import Text


def plain(text: str) -> str:
    return text.replace(WORD_JOINER, "")


def test_a_sentence_opening_with_an_article_starts_with_a_capital():
    assert capital("the United States is above the mean.") == "The United States is above the mean."
    assert sentences(["the Netherlands ranks 10th.", None, "EGDI rose."]) == [
        "The Netherlands ranks 10th.",
        "EGDI rose.",
    ]
    assert capital("") == ""


@pytest.mark.parametrize(
    "lang, expected",
    [("en", "OSI, HCI and TII"), ("ru", "OSI, HCI и TII"), ("kk", "OSI, HCI және TII")],
)
def test_lists_end_with_the_languages_conjunction(lang, expected):
    assert join_list(lang, ["OSI", "HCI", "TII"]) == expected
    assert join_list(lang, ["OSI"]) == "OSI"


def test_two_items_join_without_a_comma():
    assert join_list("kk", ["2003", "2012"]) == "2003 және 2012"
    assert join_list("en", ["2003", "2012"]) == "2003 and 2012"


@pytest.mark.parametrize(
    "number, case, expected",
    [
        ("0", "abl", "0-ден"),  # нөл: front vowel, л
        ("1", "dat", "1-ге"),  # бір
        ("28", "dat", "28-ге"),  # сегіз
        ("143", "poss", "143-і"),  # үш: voiceless consonant
        ("10", "poss", "10-ы"),  # он: back vowel
        ("6", "poss", "6-сы"),  # алты: ends in a vowel
        ("2003", "abl", "2003-тен"),  # үш
        ("2012", "abl", "2012-ден"),  # екі
        ("2020", "abl", "2020-дан"),  # жиырма
        ("10", "abl", "10-нан"),  # он: nasal
        ("40", "loc", "40-та"),  # қырық: voiceless
        ("50", "gen", "50-дің"),  # елу
        ("100", "gen", "100-дің"),  # жүз
        ("1000", "abl", "1000-нан"),  # мың
        ("2000000", "dat", "2000000-ға"),  # миллион
        ("9", "ins", "9-бен"),  # тоғыз: з takes -бен
        ("5", "ins", "5-пен"),  # бес
        ("0,456", "abl", "0,456-дан"),  # ... төрт жүз елу алты
        ("0,514", "abl", "0,514-тен"),  # ... бес жүз он төрт
        ("19,0%", "dat", "19,0%-ға"),  # пайыз
    ],
)
def test_kazakh_numeral_suffixes_follow_the_last_word_and_vowel_harmony(number, case, expected):
    assert plain(kk_suffix(number, case)) == expected


def test_a_suffixed_numeral_never_breaks_at_its_hyphen():
    assert kk_suffix("0", "abl") == "0-" + WORD_JOINER + "ден"


def test_kazakh_messages_take_numeral_endings_by_name():
    # %(critical_abl)s in a Kazakh message is the number given as critical, with its ablative
    sentence = Text("kk").gettext(
        "The table gives r and, in brackets, its two-sided p-value; n = %(n)s. To be "
        "significant at the %(level)s level, |r| must exceed %(critical)s.",
        n=19,
        level="5%",
        critical="0,456",
    )
    assert plain(sentence).endswith("0,456-дан асуы керек.")


def test_no_break_binds_numbers_signs_ranges_and_paths():
    text = no_break("EGDI < 0,25 для 193 стран, 2003–2022, 28-орын, БҰҰ-ның, data/provenance.json")
    assert f"EGDI{NBSP}<{NBSP}0,25" in text
    assert f"193{NBSP}стран" in text
    assert f"2003–{WORD_JOINER}2022" in text
    assert f"28-{WORD_JOINER}орын" in text and f"БҰҰ-{WORD_JOINER}ның" in text
    assert f"data/{WORD_JOINER}provenance" in text
    assert no_break("(|r| ≤ 0,143)") == f"(|{WORD_JOINER}r|{WORD_JOINER}{NBSP}≤{NBSP}0,143)"
    assert no_break(text) == text  # idempotent
    assert no_break("e-government online-population") == "e-government online-population"


def test_every_named_set_has_every_form_of_every_language():
    for key in keys():
        for lang, forms in FORMS.items():
            name = group_name(Text(lang), key)
            assert [form for form, _ in name.forms] == list(forms)
            assert all(text.strip() for _, text in name.forms), (key, lang)


def test_named_sets_read_as_noun_phrases_and_only_user_labels_are_quoted():
    kk, ru, en = (Text(lang) for lang in ("kk", "ru", "en"))
    assert group_name(kk, "cis").form("mean_abl") == "ТМД елдерінің орташа мәнінен"
    assert group_name(kk, "world").form("mean_abl") == "әлемдік орташа мәннен"
    assert (
        group_name(ru, "region:europe_central_asia").form("gen")
        == "стран Европы и Центральной Азии"
    )
    assert (
        str(group_name(en, "region:middle_east_north_africa")) == "the Middle East and North Africa"
    )
    for key in keys():
        for text in (kk, ru, en):
            written = "".join(form for _, form in group_name(text, key).forms)
            assert not set('«»“”"') & set(written), (key, text.lang)
    assert group_name(kk, "Менің тобым").form("gen") == "«Менің тобым» тобының"
    assert group_name(en, "top 10").form("text") == "the top 10"


def test_counts_under_ten_are_words_in_the_case_the_sentence_needs():
    from report.words.text import Text

    assert Text("en").count_word(5) == "five" and Text("en").count_word(10) == "10"
    assert Text("kk").count_word(9) == "тоғыз"
    ru = Text("ru")
    assert ru.count_word(2, "word_f") == "две"  # две страны
    assert ru.count_word(2, "word") == "два"  # два компонента
    assert ru.count_word(5, "word_gen_f") == "пяти"  # среди пяти стран
    assert ru.count_word(9, "word_ins_f") == "девятью"  # с девятью странами
    assert ru.count_word(1, "word_dat_f") == "одной"
    # the same through a message: the translation asks for the form, the code passes num
    line = ru.ngettext(
        "That mean covers only %(num)d country, %(country)s itself, so it is a weak yardstick.",
        "That mean covers only %(num)d countries, %(country)s among them, so it is a weak "
        "yardstick.",
        2,
        country="США",
    )
    assert "всего по двум странам" in line


def test_names_sort_in_each_alphabet():
    from report.words.mechanics import sort_key

    kk = ["Өзбекстан", "Қазақстан", "Армения", "Әзербайжан", "Қырғызстан", "Ресей", "Беларусь"]
    assert sorted(kk, key=lambda n: sort_key("kk", n)) == [
        "Армения", "Әзербайжан", "Беларусь", "Қазақстан", "Қырғызстан", "Өзбекстан", "Ресей"
    ]  # fmt: skip
    assert sorted(["Ёлка", "Ель", "Жук"], key=lambda n: sort_key("ru", n))[-1] == "Жук"


def test_one_letter_words_and_escaped_signs_do_not_end_a_line():
    assert no_break("место в рейтинге") == f"место в{NBSP}рейтинге"
    assert no_break("и с лидерами") == f"и{NBSP}с{NBSP}лидерами"
    assert no_break("EGDI &lt; 0,25") == f"EGDI{NBSP}&lt;{NBSP}0,25"  # as the HTML holds it
    assert no_break("Vitamin A tablets") == "Vitamin A tablets"  # Latin letters are left alone


def test_apostrophes_inside_words_are_typographic():
    assert no_break("the country's rank") == "the country’s rank"
    assert no_break("Côte d&#39;Ivoire") == "Côte d’Ivoire"  # as the HTML holds it
    assert no_break("'quoted'") == "'quoted'"  # not inside a word: left alone
