"""The reader's script: conversion one character for one, so positions hold in every script."""

import pytest

from reader.text.levels import word_level
from reader.text.script import Script, convert, convert_words


@pytest.mark.parametrize("script", list(Script))
def test_conversion_keeps_the_length(script):
    text = "俄罗斯总统普京在他的国家入侵乌克兰的时候，软件、头发和干部。ABC新闻"
    assert len(convert(text, script)) == len(text)


def test_guo_is_traditional_in_taiwan_and_hong_kong():
    assert convert("国家", Script.TAIWAN) == "國家"
    assert convert("国家", Script.HONG_KONG) == "國家"


def test_taiwan_is_written_the_taiwanese_way_and_the_hong_kong_way():
    assert convert("台湾", Script.TAIWAN) == "臺灣"
    assert convert("台湾", Script.HONG_KONG) == "台灣"


def test_a_phrase_decides_a_character_with_two_traditional_forms():
    assert convert("头发", Script.TAIWAN) == "頭髮"
    assert convert("发展", Script.TAIWAN) == "發展"


def test_vocabulary_is_never_changed():
    # s2twp would say 軟體: another word, another length.
    assert convert("软件", Script.TAIWAN) == "軟件"


def test_traditional_text_is_shown_simplified():
    assert convert("我們去銀行。", Script.SIMPLIFIED) == "我们去银行。"
    assert convert("我们去银行。", Script.SIMPLIFIED) == "我们去银行。"


def test_words_are_converted_together_and_keep_their_lengths():
    assert convert_words(["头", "发", "很", "长"], Script.TAIWAN) == ["頭", "髮", "很", "長"]
    assert convert_words(["我们", "去", "银行", "。"], "taiwan") == ["我們", "去", "銀行", "。"]


def test_latin_text_is_left_alone():
    assert convert("ABC 2023", Script.TAIWAN) == "ABC 2023"


def test_a_traditional_word_has_the_level_of_its_simplified_form():
    assert word_level("銀行") == word_level("银行") == 3
