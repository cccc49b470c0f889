"""Pinyin as it is written (GB/T 16159), for the pop-up and the exports."""

import pytest

from reader.text.orthography import (
    PERSON,
    entry_pinyin,
    numbered_to_marks,
    sentence_pinyin,
    word_pinyin,
)


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [
        ("yin2 hang2", "yín háng"),
        ("lu:4", "lǜ"),
        ("lv4", "lǜ"),
        ("gou3", "gǒu"),
        ("liu2", "liú"),
        ("gui4", "guì"),
        ("er2", "ér"),
        ("de5", "de"),
        ("Pu3 jing1", "Pǔ jīng"),
        ("xx", "xx"),
    ],
)
def test_numbered_pinyin_becomes_tone_marks(numbered, marked):
    assert numbered_to_marks(numbered) == marked


@pytest.mark.parametrize(
    ("numbered", "written"),
    [
        ("gao4 su5", "gàosu"),  # a word is written together
        ("Pu3 jing1", "Pǔjīng"),  # a name with its capital, not "Pǔ jīng"
        ("Di4 er4 Ci4 Shi4 jie4 Da4 zhan4", "Dì-èr Cì Shìjiè Dàzhàn"),
        ("Xi2 Jin4 ping2", "Xí Jìnpíng"),  # surname and given name apart
        ("Xi1 an1", "Xī'ān"),  # apostrophe before a syllable opening with a, o, e
        ("tian1 e2", "tiān'é"),
        ("ping2 an1", "píng'ān"),
        ("ka3 la1 O K", "kǎlā O K"),
        ("dong1 xi5", "dōngxi"),
        ("nu:3 er2", "nǚ'ér"),
    ],
)
def test_entries_are_written_as_words(numbered, written):
    assert entry_pinyin(numbered) == written


def test_the_ordinal_prefix_takes_a_hyphen_only_before_a_number():
    assert word_pinyin(["dì", "shí", "sān"]) == "dì-shísān"
    assert word_pinyin(["dì", "fang"]) == "dìfang"


def test_a_sentence_is_written_with_capitals_and_punctuation_in_place():
    tokens = [
        ("记者", ("jì", "zhě"), False),
        ("陈晓", ("chén", "xiǎo"), PERSON),
        ("说", ("shuō",), False),
        ("：", (), False),
        ("“", (), False),
        ("马克", ("mǎ", "kè"), True),
        ("·", (), False),
        ("米利", ("mǐ", "lì"), True),
        ("来", ("lái",), False),
        ("了", ("le",), False),
        ("。", (), False),
        ("”", (), False),
        ("他", ("tā",), False),
        ("第二", ("dì", "èr"), False),
        ("次", ("cì",), False),
        ("去", ("qù",), False),
        ("西安", ("xī", "ān"), True),
        ("，", (), False),
        ("花", ("huā",), False),
        ("了", ("le",), False),
        ("3.5", (), False),
        ("%", (), False),
        ("。", (), False),
    ]
    assert sentence_pinyin(tokens) == (
        "Jìzhě Chén Xiǎo shuō: “Mǎkè Mǐlì lái le.” Tā dì-èr cì qù Xī'ān, huā le 3.5%."
    )
