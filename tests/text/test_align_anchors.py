"""Anchors that survive translation: numbers, dates, weekdays, names."""

import pytest

from reader.text.align_features import en_unit, zh_unit
from reader.text.anchors import name_skeleton_en, name_skeleton_pinyin, numbers_en, numbers_zh


def _shared(zh: str, en: str) -> set[str]:
    return set(zh_unit(zh).keys & en_unit(en).keys)


def test_dates_in_both_notations_share_their_numbers():
    zh = set(numbers_zh("2023年9月11日"))
    en = set(numbers_en("September 11, 2023"))
    assert {"#2023", "month:9", "#11"} <= zh & en


def test_percent_in_digits_and_in_chinese_words():
    assert "#3.5" in numbers_zh("3.5%") and "#3.5" in numbers_zh("百分之三点五")
    assert "#3.5" in numbers_en("3.5 percent")


def test_chinese_numerals_against_digits_and_words():
    assert (
        "#30" in numbers_zh("三十") and "#30" in numbers_en("30") and "#30" in numbers_en("thirty")
    )
    assert "#28" in numbers_zh("二十八") and "#28" in numbers_en("twenty-eight")
    assert "#1993" in numbers_zh("一九九三年")
    assert "#250000000" in numbers_zh("2.5亿") and "#250000000" in numbers_en("250 million")


def test_words_that_look_like_numerals_are_not_numbers():
    assert numbers_zh("他十分高兴，一个人走了") == []


def test_weekday():
    assert numbers_zh("周一") == ["weekday:1"] == numbers_en("Monday")
    assert numbers_zh("星期天") == ["weekday:7"] == numbers_en("on Sunday")


@pytest.mark.parametrize(
    ("zh", "en"),
    [("普京", "Putin"), ("米利", "Milley"), ("拉达茨", "Raddatz")],
)
def test_names_anchor_across_scripts(zh, en):
    assert _shared(f"{zh}说，我们走吧。", f"Later {en} said that we should go.")


@pytest.mark.parametrize(("zh", "en"), [("拉达茨", "Raddatz"), ("米利", "Milley")])
def test_transliteration_skeletons_meet(zh, en):
    assert name_skeleton_pinyin(zh) == name_skeleton_en(en)


def test_chinese_names_meet_their_pinyin():
    assert _shared("沙瑞山看着汪淼。", "Then Sha Ruishan looked at Wang Miao.")


def test_latin_words_inside_chinese_match():
    assert {"abc", "raddatz"} <= _shared("ABC新闻的Raddatz说", "Then Raddatz of ABC News said")
