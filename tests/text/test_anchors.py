"""Anchors that survive translation: numbers, dates and weekdays, per text and per token."""

from reader.text.anchors import en_number_keys, numbers_en, numbers_zh, zh_number_keys


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


def test_numbers_inside_latin_tokens_count():
    assert numbers_en("3:45 p.m.") == ["#3", "#45"]
    assert numbers_en("the COVID-19 rules, the 3rd time") == ["#19", "#3"]


def test_a_number_cut_into_tokens_gives_each_token_its_keys():
    keys = zh_number_keys(["2023", "年", "9", "月", "来", "了", "五", "年"])
    assert keys[0] == keys[1] == {"#2023"}
    assert keys[2] == keys[3] == {"#9", "month:9"}
    assert keys[6] == {"#5"} and keys[7] == frozenset()  # the 年 of 五年 is "years"


def test_english_number_words_share_the_value():
    keys = en_number_keys(["two", "hundred", "and", "fifty", "thousand", "people"])
    assert keys[0] == keys[4] == {"#250000"} and keys[2] == frozenset() and keys[5] == frozenset()


def test_keys_from_a_texts_known_words_are_the_texts_keys():
    from reader.text.english import words

    text = "On Monday, May 5, twenty-eight of three hundred and fifty people paid $3,000."
    assert numbers_en(text, words=words(text)) == numbers_en(text)
    assert numbers_en(text) == ["weekday:1", "month:5", "#5", "#5", "#28", "#350", "#3000"]
