"""Word-to-word links: golden cases, what stays unlinked, and the gold-set bar."""

import random

import pytest

from bench.bench_wordalign import evaluate, load_gold
from reader.text.english import is_word, lemma, tokenize
from reader.text.wordalign import link_words
from reader.text.words import split_words


def linked(zh: str, en: str) -> set[tuple[str, str]]:
    """The links of a sentence pair as (Chinese token, English token) strings."""
    zh_tokens = split_words(zh)
    en_tokens = tokenize(en)
    return {(zh_tokens[i], en_tokens[j]) for i, j in link_words(zh_tokens, en_tokens)}


def english_of(zh: str, en: str, word: str) -> set[str]:
    return {e for z, e in linked(zh, en) if z == word}


# --- golden cases -------------------------------------------------------------------------


def test_howitzer_links_to_its_dictionary_translation():
    zh = "普京被认为是从朝鲜为俄罗斯的榴弹炮寻找弹药。"
    en = "Putin is thought to be seeking ammunition from North Korea for Russia's howitzers."
    assert english_of(zh, en, "榴弹炮") == {"howitzers"}
    assert english_of(zh, en, "弹药") == {"ammunition"}


def test_putin_links_to_putin_and_not_to_the_rest_of_his_definition():
    # CC-CEDICT: "Vladimir Putin (1952-), president of Russia".
    zh = "俄罗斯总统普京会见了朝鲜领导人。"
    en = "Russian President Putin met the North Korean leader."
    links = linked(zh, en)
    assert english_of(zh, en, "普京") == {"Putin"}
    assert ("俄罗斯", "Russian") in links
    assert ("总统", "President") in links


def test_north_korea_links_both_words():
    assert english_of("他来自朝鲜。", "He comes from North Korea.", "朝鲜") == {"North", "Korea"}


def test_a_date_links_year_month_and_day():
    zh = "2023年9月11日，米利接受了采访。"
    en = "Milley was interviewed on September 11, 2023."
    links = linked(zh, en)
    assert {("2023", "2023"), ("年", "2023"), ("9", "September"), ("11", "11")} <= links
    assert ("月", "September") in links and ("日", "11") in links


def test_weekdays_and_months_link_to_their_names():
    links = linked(
        "我们周一去上海，十月回来。", "We go to Shanghai on Monday and come back in October."
    )
    assert ("周一", "Monday") in links
    assert {e for z, e in links if "十月" in z or z == "月"} == {"October"}


def english_inside(zh: str, en: str, chars: str) -> set[str]:
    """English words linked to the tokens that lie inside ``chars`` (however jieba cuts it)."""
    return {e for z, e in linked(zh, en) if z in chars}


def test_numbers_in_words_and_digits_meet():
    zh, en = "这本书有三百二十页。", "The book has three hundred and twenty pages."
    assert {"three", "hundred", "twenty"} <= english_inside(zh, en, "三百二十页")
    zh, en = "中国人口超过十四亿。", "China's population exceeds 1.4 billion."
    assert english_inside(zh, en, "十四亿") == {"1.4", "billion"}


def test_latin_words_in_the_chinese_link_to_the_same_word():
    zh = "在与Raddatz的谈话中，Milley描述了普京对Kim的要求。"
    en = "Speaking with Raddatz, Milley described Putin's request of Kim."
    links = linked(zh, en)
    assert {("Raddatz", "Raddatz"), ("Milley", "Milley"), ("Kim", "Kim")} <= links


def test_latin_match_ignores_case():
    assert ("abc", "ABC") in linked("他在abc工作。", "He works at ABC.")


def test_transliterated_names_link_by_sound():
    zh = "参谋长联席会议主席马克·米利将军告诉玛莎·拉德达茨。"
    en = "Gen. Mark Milley, the chairman of the Joint Chiefs of Staff, told Martha Raddatz."
    links = linked(zh, en)
    assert ("马克", "Mark") in links and ("玛莎", "Martha") in links
    assert {e for z, e in links if z in "米利"} == {"Milley"}
    assert {e for z, e in links if z in "拉德达茨"} == {"Raddatz"}
    assert ("将军", "Gen") in links


def test_kim_jong_un_links_all_three_words():
    zh = "普京将会见朝鲜领导人金正恩。"
    en = "Putin will meet North Korean leader Kim Jong Un."
    assert english_of(zh, en, "金正恩") == {"Kim", "Jong", "Un"}


def test_names_spelled_in_pinyin_link():
    links = linked(
        "习近平和普京在莫斯科签署了声明。", "Xi Jinping and Putin signed a statement in Moscow."
    )
    assert {("习近平", "Xi"), ("习近平", "Jinping"), ("莫斯科", "Moscow")} <= links


def test_a_name_jieba_cut_in_two_links_to_the_surname_it_transliterates():
    # CC-CEDICT has 马克龙 "Emmanuel Macron"; the Chinese says only Macron.
    zh = "法国总统马克龙周三在伦敦。"
    en = "French President Emmanuel Macron was in London on Wednesday."
    assert english_inside(zh, en, "马克龙") == {"Macron"}


def test_surname_and_title_in_one_token():
    assert "Li" in english_inside("李老师教我们中文。", "Teacher Li teaches us Chinese.", "李老师")


def test_year_of_a_duration_is_years_not_the_number():
    links = linked("他在这里住了五年。", "He has lived here for five years.")
    assert {e for z, e in links if z == "年"} <= {"years"}
    assert ("五", "five") in links or ("五年", "five") in links


def test_a_compound_missing_from_the_dictionary_links_through_its_parts():
    # Tokens given, not segmented: whether jieba keeps 锡杯 whole is jieba's business.
    zh_tokens = ["手里", "拿着", "一个", "锡杯"]
    en_tokens = tokenize("with a tin cup in hand")
    links = {(zh_tokens[i], en_tokens[j]) for i, j in link_words(zh_tokens, en_tokens)}
    assert links == {("手里", "hand"), ("锡杯", "tin"), ("锡杯", "cup")}


def test_english_inflections_and_irregular_verbs_are_normalised():
    links = linked("他告诉我他买了三本书。", "He told me he bought three books.")
    assert {("告诉", "told"), ("买", "bought")} <= links
    assert {e for z, e in links if "书" in z} == {"books"}
    assert lemma("told") == lemma("tell")


def test_repeated_words_link_in_order():
    zh = "金正日将在俄罗斯会见普京，金正日正乘火车前往俄罗斯。"
    en = "Kim would meet with Putin in Russia and Kim was traveling by train to Russia."
    zh_tokens = split_words(zh)
    en_tokens = tokenize(en)
    pairs = [(zh_tokens[i], i, j) for i, j in link_words(zh_tokens, en_tokens)]
    russia = [(i, j) for z, i, j in pairs if z == "俄罗斯"]
    assert len(russia) == 2 and russia[0][1] < russia[1][1]


# --- what must stay unlinked --------------------------------------------------------------


@pytest.mark.parametrize("word", ["的", "了", "是", "在", "着", "和", "把"])
def test_function_words_link_to_nothing(word):
    zh = "他是在北京的大学里学了历史和数学，把书看着。"
    en = "He is the one who studied history and math at the university in Beijing, reading books."
    assert english_of(zh, en, word) == set()


def test_an_idiom_without_shared_words_links_nothing_at_random():
    assert linked("天有不测风云。", "Life is full of surprises.") == set()


def test_links_only_join_words():
    zh_tokens = split_words("“现在，”米利说。")
    en_tokens = tokenize('"Now," Milley said.')
    for i, j in link_words(zh_tokens, en_tokens):
        assert is_word(en_tokens[j])
        assert any(ch.isalnum() for ch in zh_tokens[i])


def test_links_are_valid_indices_for_any_input():
    rng = random.Random(7)
    alphabet = "的了是在和他我们普京朝鲜年月日一二三十百万点周号2023.,:;-'’ ABCabc·“”。，\t\n"
    for n in range(300):
        zh = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        en = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        zh_tokens = split_words(zh) if n % 2 else list(zh)
        en_tokens = tokenize(en)
        links = link_words(zh_tokens, en_tokens)
        assert links == sorted(set(links))
        for i, j in links:
            assert 0 <= i < len(zh_tokens) and is_word(en_tokens[j])


def test_empty_sides_give_no_links():
    assert link_words([], tokenize("Hello.")) == []
    assert link_words(["你好"], []) == []
    assert link_words(["。"], ["."]) == []


# --- the gold set -------------------------------------------------------------------------


def test_gold_set_is_large_enough_and_resolves():
    pairs = load_gold()
    assert len(pairs) >= 45
    assert sum(len(p.links) for p in pairs) >= 300


def test_gold_set_precision_and_recall():
    score = evaluate(load_gold())
    assert score.precision >= 0.90, f"precision {score.precision:.3f}"
    assert score.recall >= 0.60, f"recall {score.recall:.3f}"
