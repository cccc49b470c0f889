"""Pinyin in context: polyphones, tone numbers, tokens without pinyin."""

import doctest
import importlib
import json
from pathlib import Path

import pytest

from reader.text.lang import han_count
from reader.text.pinyin import Token, annotate, annotate_tokens, readings, tone_numbers

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "tests" / "data" / "seed-alignment.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("银行", ["yín", "háng"]),
        ("行走", ["xíng", "zǒu"]),
        ("重庆", ["chóng", "qìng"]),
        ("长大", ["zhǎng", "dà"]),
        ("音乐", ["yīn", "yuè"]),
        ("快乐", ["kuài", "lè"]),
        ("还是", ["hái", "shi"]),
        ("了解", ["liǎo", "jiě"]),
        ("朝鲜", ["cháo", "xiǎn"]),
        ("绿色", ["lǜ", "sè"]),
    ],
)
def test_polyphones_read_in_their_word(word, syllables):
    assert annotate(word) == [(word, syllables)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们去银行。", "wǒ men/qù/yín háng/"),
        ("好了", "hǎo/le"),
        # jieba cuts 还/书, but the run of one-character words is read
        # together, so 还 is still read as "give back".
        ("他还书了", "tā/huán/shū/le"),
        ("我要还钱", "wǒ/yào/huán/qián"),
        ("他还没来", "tā/hái/méi/lái"),
        ("银行行长", "yín háng/háng zhǎng"),
    ],
)
def test_sentences_read_in_context(text, expected):
    assert "/".join(" ".join(syllables) for _, syllables in annotate(text)) == expected


def test_punctuation_latin_and_numbers_get_no_pinyin():
    assert annotate("在与Raddatz的谈话中，2023年3.5%") == [
        ("在", ["zài"]),
        ("与", ["yǔ"]),
        ("Raddatz", []),
        ("的", ["de"]),
        ("谈话", ["tán", "huà"]),
        ("中", ["zhōng"]),
        ("，", []),
        ("2023", []),
        ("年", ["nián"]),
        ("3.5", []),
        ("%", []),
    ]


def test_mixed_token_gets_syllables_for_its_han_characters_only():
    assert annotate("B超") == [("B超", ["chāo"])]


def test_rare_character_still_gets_one_syllable():
    assert annotate("𪚥") == [("𪚥", ["zhé"])]


def test_readings_of_pre_segmented_tokens():
    assert readings(["我们", "去", "银行", "。"]) == [["wǒ", "men"], ["qù"], ["yín", "háng"], []]


@pytest.mark.parametrize("text", GOLD["zh"])
def test_one_syllable_per_han_character_on_the_seed(text):
    for token, syllables in annotate(text):
        assert len(syllables) == han_count(token), token
        assert all(syllables)


def test_tone_numbers_with_neutral_tone_five():
    assert tone_numbers(["yín", "háng", "wǒ", "men", "qù", "ā", "lǜ", "nǚ"]) == [
        2,
        2,
        3,
        5,
        4,
        1,
        4,
        3,
    ]
    assert tone_numbers([]) == []


def test_annotate_tokens_and_their_compact_dicts():
    tokens = annotate_tokens("我们去银行。")
    assert tokens[0] == Token(text="我们", pinyin=["wǒ", "men"], tones=[3, 5])
    assert [token.as_dict() for token in tokens] == [
        {"t": "我们", "py": ["wǒ", "men"], "tn": [3, 5]},
        {"t": "去", "py": ["qù"], "tn": [4]},
        {"t": "银行", "py": ["yín", "háng"], "tn": [2, 2]},
        {"t": "。"},
    ]


def test_latin_token_dict_has_text_only():
    assert [token.as_dict() for token in annotate_tokens("ABC新闻")] == [
        {"t": "ABC"},
        {"t": "新闻", "py": ["xīn", "wén"], "tn": [1, 2]},
    ]


@pytest.mark.parametrize("text", ["", "  ", "。！"])
def test_text_without_words_annotates_to_punctuation_only(text):
    assert all(syllables == [] for _, syllables in annotate(text))


@pytest.mark.parametrize("name", ["lang", "parse", "sentences", "segment", "pinyin"])
def test_module_docstring_examples_hold(name):
    module = importlib.import_module(f"reader.text.{name}")
    failed, attempted = doctest.testmod(module)
    assert attempted and not failed
