"""Pinyin in context: polyphones, tone numbers, tokens without pinyin."""

import csv
import json
import unicodedata
from pathlib import Path

import pytest

from reader.text.lang import han_count
from reader.text.pinyin import (
    annotate,
    annotate_tokens,
    char_readings,
    readings,
    tone_numbers,
)

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


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["去", "银", "行"], "qù yín háng"),  # 行 alone would be xíng
        (["朝", "阳", "区", "的", "银", "行", "卡"], "cháo yáng qū de yín háng kǎ"),
        (["重", "庆", "火", "锅"], "chóng qìng huǒ guō"),
    ],
)
def test_run_of_one_character_words_is_read_by_its_phrases(tokens, expected):
    assert " ".join(s for syllables in readings(tokens) for s in syllables) == expected


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


def test_annotate_tokens_gives_syllables_and_tones():
    tokens = annotate_tokens("我们去银行。")
    assert [(t.text, t.syllables, t.tones) for t in tokens] == [
        ("我们", ("wǒ", "men"), (3, 5)),
        ("去", ("qù",), (4,)),
        ("银行", ("yín", "háng"), (2, 2)),
        ("。", (), ()),
    ]


def test_latin_tokens_have_no_syllables():
    assert [(t.text, t.syllables) for t in annotate_tokens("ABC新闻")] == [
        ("ABC", ()),
        ("新闻", ("xīn", "wén")),
    ]


@pytest.mark.parametrize("text", ["", "  ", "。！"])
def test_text_without_words_annotates_to_punctuation_only(text):
    assert all(syllables == [] for _, syllables in annotate(text))


POLYPHONES = ROOT / "tests" / "data" / "polyphones" / "polyphones.tsv"
_TONE_DIGIT = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def _numbered(syllable: str) -> str:
    d = unicodedata.normalize("NFD", syllable).replace("u\u0308", "v")
    tone = next((_TONE_DIGIT[c] for c in d if c in _TONE_DIGIT), "5")
    return "".join(c for c in d if "a" <= c <= "z") + tone


def _polyphone_rows() -> list[dict]:
    with POLYPHONES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_polyphone_set_is_read_right_at_least_95_percent():
    rows = _polyphone_rows()
    assert len(rows) >= 320
    right = sum(
        _numbered(char_readings(r["sentence"])[int(r["index"])]) == _numbered(r["gold"])
        for r in rows
    )
    assert right / len(rows) >= 0.95


def test_polyphone_set_marks_its_targets_right():
    for r in _polyphone_rows():
        assert r["sentence"][int(r["index"])] == r["char"], r["id"]


@pytest.mark.parametrize(
    ("text", "char", "reading"),
    [
        ("他还没还书。", 1, "hái"),
        ("他还没还书。", 3, "huán"),
        ("借了钱要按时还。", 6, "huán"),
        ("孩子长得很高。", 2, "zhǎng"),
        ("这条河很长。", 4, "cháng"),
        ("行长走进了银行。", 0, "háng"),
        ("行长走进了银行。", 6, "háng"),
        ("他跑得很快。", 2, "de"),
        ("我得走了。", 1, "děi"),
        ("她得了第一名。", 1, "dé"),
        ("他慢慢地走回家。", 3, "de"),
        ("他很安静地看书。", 4, "de"),  # 安静, which jieba tags a name, after 很
        ("这样的地不能种。", 3, "dì"),
        ("那样的地没有人要。", 3, "dì"),
        ("太多的地被卖掉了。", 3, "dì"),
        ("我家很多地都是租的。", 4, "dì"),
        ("地上有很多落叶。", 0, "dì"),
        ("这么多菜我吃不了。", 7, "liǎo"),
        ("我买了一本书。", 2, "le"),
        ("风太大，火柴点不着。", 8, "zháo"),
        ("他笑着说。", 2, "zhe"),
        ("他被选为班长。", 3, "wéi"),
        ("他为大家买了晚饭。", 1, "wèi"),
        ("他把作业重写了一遍。", 4, "chóng"),
        ("这个箱子很重。", 5, "zhòng"),
        ("朝鲜半岛", 0, "cháo"),
        ("朝阳照在湖面上。", 0, "zhāo"),
        ("请把名字写在第三行。", 8, "háng"),
        ("我们去看了一场电影。", 6, "chǎng"),
    ],
)
def test_polyphone_read_by_its_sentence(text, char, reading):
    assert char_readings(text)[char] == reading


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("银行", "yín háng"),
        ("行走", "xíng zǒu"),
        ("重庆", "chóng qìng"),
        ("长大", "zhǎng dà"),
        ("朝鲜", "cháo xiǎn"),
        ("还书", "huán shū"),
        ("了解", "liǎo jiě"),
    ],
)
def test_golden_polyphones(word, syllables):
    assert " ".join(s for _, syl in annotate(word) for s in syl) == syllables


def _flat(text: str, *, sandhi: bool = True) -> str:
    return " ".join(s for _, syl in annotate(text, sandhi=sandhi) for s in syl)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("不是", "bú shì"),  # 不 before a fourth tone
        ("不对", "bú duì"),
        ("不好", "bù hǎo"),  # before 1/2/3 it keeps bù
        ("不来", "bù lái"),
        ("一个", "yí gè"),  # 一 before a fourth tone
        ("一天", "yì tiān"),  # before 1/2/3
        ("一年", "yì nián"),
        ("一起", "yì qǐ"),
        ("第一", "dì yī"),  # ordinal
        ("一月", "yī yuè"),  # month
        ("十一", "shí yī"),  # counting
        ("统一", "tǒng yī"),  # word-final
        ("一九九八年", "yī jiǔ jiǔ bā nián"),  # digits read out
        ("看一看", "kàn yi kàn"),  # between a reduplicated verb
        ("好不好", "hǎo bu hǎo"),  # A-not-A
        ("对不起", "duì bu qǐ"),  # V不C
        ("你好", "nǐ hǎo"),  # third-tone sandhi is not written
    ],
)
def test_yi_bu_tone_changes_as_textbooks_print_them(text, expected):
    assert _flat(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("不是", "bù shì"), ("一个", "yī gè"), ("一天", "yī tiān"), ("看一看", "kàn yī kàn")],
)
def test_citation_tones_without_sandhi(text, expected):
    assert _flat(text, sandhi=False) == expected


def test_annotate_tokens_passes_the_sandhi_setting():
    assert annotate_tokens("不是", sandhi=True)[0].tones == (2, 4)
    assert annotate_tokens("不是", sandhi=False)[0].tones == (4, 4)


def test_char_readings_has_one_item_per_character():
    assert char_readings("我去 ABC。") == ["wǒ", "qù", "", "", "", "", ""]


# Readings a learner notices (issue 12): each sentence written for these tests.
@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # 东西 "thing" is dōngxi; "east and west" only beside an extent.
        ("桌上的东西是谁的？", "东西", "dōng xi"),
        ("这条街东西长两公里。", "东西", "dōng xī"),
        ("请告诉我你的名字。", "告诉", "gào su"),
        ("我认识那位先生。", "认识", "rèn shi"),
        ("我认识那位先生。", "先生", "xiān sheng"),
        ("这件衣服很好看。", "衣服", "yī fu"),
        ("这个地方很安静。", "地方", "dì fang"),
        ("地方政府出台了新规定。", "地方", "dì fāng"),
        # After a degree word, the adjective sense: "lively", not "spirit".
        ("他今天看起来很精神。", "精神", "jīng shen"),
        ("这种精神值得学习。", "精神", "jīng shén"),
    ],
)
def test_words_read_in_the_sense_they_have(text, word, expected):
    assert dict(annotate(text))[word] == expected.split()


@pytest.mark.parametrize(
    ("text", "char", "reading"),
    [
        ("这次展览以丝绸之路为主题。", 9, "wéi"),  # 以 X 为 Y
        ("图为工人们正在修路。", 1, "wéi"),  # "the picture shows"
        ("旧厂房被改建为博物馆。", 6, "wéi"),
        ("他一直坚持为老人服务。", 5, "wèi"),  # 为 X + verb: "for"
        ("我们在公园里转了半个小时。", 6, "zhuàn"),  # going round
        ("他把钱转给了我。", 3, "zhuǎn"),
        ("我去过上海。", 2, "guo"),  # the aspect particle
        ("过几天再说吧。", 0, "guò"),
        ("他吃了半个西瓜。", 4, "gè"),
        ("她养了两只猫。", 4, "zhī"),
        ("天气太干了。", 3, "gān"),
        ("我得回家了。", 1, "děi"),
    ],
)
def test_character_read_by_its_grammar(text, char, reading):
    assert char_readings(text)[char] == reading


@pytest.mark.parametrize(
    ("text", "expected"),
    [("你试试这双鞋。", "nǐ shì shi"), ("我们出去走走吧。", "wǒ men chū qù zǒu zou")],
)
def test_doubled_verb_is_neutral_the_second_time(text, expected):
    assert _flat(text).startswith(expected)


@pytest.mark.parametrize(
    ("text", "char", "reading"),
    [
        ("肖红是我的同学。", 0, "xiāo"),  # surname Xiāo, not xiào "resemble"
        ("葛明在北京工作。", 0, "gě"),
        ("翟永明是一位诗人。", 0, "zhái"),  # rare: read by the model
        ("阿卜杜勒是他的名字。", 1, "bǔ"),  # bo is only for 萝卜
        ("萝卜很便宜。", 1, "bo"),
    ],
)
def test_names_and_rare_characters(text, char, reading):
    assert char_readings(text)[char] == reading


SENTENCES = ROOT / "tests" / "data" / "pinyin" / "sentences.tsv"


def test_full_sentence_set_polyphones_read_right_at_least_95_percent():
    from pypinyin.constants import PINYIN_DICT

    with SENTENCES.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) >= 300
    right = total = 0
    for row in rows:
        sentence = row["sentence"]
        han = [(c, r) for c, r in zip(sentence, char_readings(sentence), strict=True) if r]
        gold = row["pinyin"].split()
        assert len(han) == len(gold), row["id"]
        for (char, reading), slot in zip(han, gold, strict=True):
            if "," in PINYIN_DICT.get(ord(char), ""):
                total += 1
                right += _numbered(reading) in {_numbered(s) for s in slot.split("|")}
    assert right / total >= 0.95


@pytest.mark.parametrize(
    ("word", "english", "expected"),
    [
        ("东西", ["thing"], ("dōng", "xi")),
        ("东西", ["east", "and", "west"], ("dōng", "xī")),
        ("告诉", ["told"], None),  # no sense says "told": the reading in context stays
        ("银行", ["bank"], None),  # one reading only
    ],
)
def test_reading_for_links_follows_the_linked_sense(word, english, expected):
    from reader.text.pinyin import reading_for_links

    assert reading_for_links(word, english) == expected
