"""Paragraph and sentence alignment: the seed, hand-made cases, degenerate input."""

import json
from pathlib import Path

import pytest

from reader.text.align import AlignmentError, align_paragraphs, align_sentences
from reader.text.align_features import is_paratext_en, is_paratext_zh

DATA = Path(__file__).resolve().parent.parent / "data"


def _beads(raw):
    return [(list(z), list(e)) for z, e in raw]


def test_seed_alignment_equals_the_fixture():
    seed = json.loads((DATA / "seed-alignment.json").read_text(encoding="utf-8"))
    assert align_paragraphs(seed["zh"], seed["en"]) == _beads(seed["gold"])


def test_caption_and_credit_are_one_sided_not_merged():
    zh = [
        "普京周一在莫斯科会见了朝鲜领导人金正恩。",
        "2023年9月11日，米利将军在五角大楼接受采访。",
        "内森·卢纳/美国广播公司新闻",
        "美国官员认为，这次访问说明俄罗斯在战争中很虚弱。",
    ]
    en = [
        "Putin met North Korean leader Kim Jong Un in Moscow on Monday.",
        "U.S. officials believe the visit shows that Russia is weak in the war.",
    ]
    assert align_paragraphs(zh, en) == [([0], [0]), ([1], []), ([2], []), ([3], [1])]


def test_english_only_lines_are_zero_one_beads():
    zh = ["科学家在深海发现了一种新的鱼。", "这种鱼生活在三千米以下的海底。"]
    en = [
        "Scientists have found a new fish in the deep sea.",
        "Related: Ten strange creatures of the ocean floor",
        "The fish lives on the seabed more than 3,000 meters down.",
        "Read more at our science desk.",
    ]
    assert align_paragraphs(zh, en) == [([0], [0]), ([], [1]), ([1], [2]), ([], [3])]


def test_sentences_one_to_one():
    zh = ["天气很冷。", "河水结冰了。"]
    en = ["The weather is cold.", "The river has frozen."]
    assert align_sentences(zh, en) == [([0], [0]), ([1], [1])]


def test_sentences_one_to_two():
    zh = ["她打开窗户，看见了远处的山和山上的白雪。", "学生们在图书馆里读书。"]
    en = [
        "She opened the window.",
        "She saw the distant mountains and the snow on them.",
        "The students are reading in the library.",
    ]
    assert align_sentences(zh, en) == [([0], [0, 1]), ([1], [2])]


def test_sentences_two_to_one():
    zh = ["医生来了。", "他建议病人多喝水。", "火车从北京开往上海。"]
    en = [
        "The doctor came and advised the patient to drink more water.",
        "The train runs from Beijing to Shanghai.",
    ]
    assert align_sentences(zh, en) == [([0, 1], [0]), ([2], [1])]


def test_sentences_caption_is_one_to_zero():
    zh = ["三十名工人在工厂里工作。", "图：新华社记者 摄", "他们每天工作八个小时。"]
    en = ["Thirty workers work in the factory.", "They work eight hours a day."]
    assert align_sentences(zh, en) == [([0], [0]), ([1], []), ([2], [1])]


@pytest.mark.parametrize(
    ("zh", "en", "side"),
    [([], ["Hello."], "Chinese"), (["你好。"], [], "English"), ([], [], "both")],
)
def test_an_empty_side_is_a_clear_error(zh, en, side):
    with pytest.raises(AlignmentError, match=side):
        align_paragraphs(zh, en)
    with pytest.raises(ValueError):
        align_sentences(zh, en)


def _is_partition(beads, n, m):
    zs = [i for z, _ in beads for i in z]
    es = [j for _, e in beads for j in e]
    return zs == list(range(n)) and es == list(range(m))


def test_one_paragraph_against_fifty():
    en = [f"Sentence number {i} about the weather in the city." for i in range(50)]
    beads = align_paragraphs(["城市的天气很好。"], en)
    assert _is_partition(beads, 1, 50)
    beads = align_paragraphs(["城市的天气很好。"] * 50, ["The weather is fine."])
    assert _is_partition(beads, 50, 1)


def test_the_same_text_on_both_sides():
    text = ["Milley said Putin met Kim.", "The war goes on.", "ABC News reported it."]
    assert align_paragraphs(text, text) == [([0], [0]), ([1], [1]), ([2], [2])]
    zh = ["普京会见了金正恩。", "战争还在继续。"]
    assert _is_partition(align_paragraphs(zh, zh), 2, 2)


def test_a_five_thousand_character_paragraph():
    zh = ["天气很冷，河水结冰了，学生们在图书馆里读书。" * 230, "米利说。"]
    en = ["The weather is cold, the river froze, students read in the library. " * 230]
    en.append("Milley said.")
    assert len(zh[0]) > 5000
    assert align_paragraphs(zh, en) == [([0], [0]), ([1], [1])]
    assert _is_partition(align_sentences(zh[:1], en[:1]), 1, 1)


def test_emoji_and_empty_strings_do_not_crash():
    zh = ["今天天气很好😀🎉", "", "👍"]
    en = ["The weather is nice today 😀🎉", "👍"]
    assert _is_partition(align_paragraphs(zh, en), 3, 2)


def test_traditional_characters_align_like_simplified():
    zh = ["俄羅斯總統普京週一會見了朝鮮領導人。", "圖：新華社記者 攝", "經濟增長了百分之三點五。"]
    en = [
        "Russian President Putin met the North Korean leader on Monday.",
        "The economy grew 3.5%.",
    ]
    assert align_paragraphs(zh, en) == [([0], [0]), ([1], []), ([2], [1])]


def test_a_sentence_moved_across_a_paragraph_boundary_makes_a_two_two_bead():
    zh = [
        "今年夏天，江州的气温比往年高。",
        "市政府周一宣布，明年将在河边新建一座公共图书馆。市长说，这座图书馆将是全市最大的文化设施。",
        "新图书馆占地八千平方米，可以容纳一千二百名读者。馆内还将设立儿童阅览室和一个小型电影院，周末免费开放。",
        "工程预计两年后完工。",
    ]
    en = [
        "This summer, temperatures in Jiangzhou were higher than usual.",
        "The city government announced on Monday that it will build a new public library by the "
        "river next year. The mayor said the library would be the largest cultural facility in the "
        "city. The new library will cover 8,000 square metres and seat 1,200 readers.",
        "It will also have a children's reading room and a small cinema, open free of charge at "
        "weekends.",
        "The work is expected to be finished in two years.",
    ]
    assert align_paragraphs(zh, en) == [([0], [0]), ([1, 2], [1, 2]), ([3], [3])]


def test_neighbouring_translations_stay_one_to_one():
    zh = [
        "市政府周一宣布，明年将在河边新建一座公共图书馆。市长说，这座图书馆将是全市最大的文化设施。",
        "新图书馆占地八千平方米，可以容纳一千二百名读者。馆内还将设立儿童阅览室和一个小型电影院。",
    ]
    en = [
        "The city government announced on Monday that it will build a new public library by the "
        "river next year. The mayor said the library would be the largest cultural facility in the "
        "city.",
        "The new library will cover 8,000 square metres and seat 1,200 readers. "
        "It will also have a children's reading room and a small cinema.",
    ]
    assert align_paragraphs(zh, en) == [([0], [0]), ([1], [1])]


def test_interview_turns_pair_a_question_split_in_two():
    zh = [
        "问：你最喜欢哪一本书？又为什么喜欢它？",
        "答：我最喜欢《红楼梦》，因为里面的人物写得很真实。",
    ]
    en = [
        "Q: Which book do you like best?",
        "Q: And why?",
        "A: My favourite is Dream of the Red Chamber, because its characters feel real.",
    ]
    assert align_paragraphs(zh, en) == [([0], [0, 1]), ([1], [2])]


@pytest.mark.parametrize(
    "line",
    [
        "新华社北京5月3日电（记者 张明）",
        "王小明　著",
        "刘芳/江州日报",
        "图为游客在湖边拍照。",
        "本文图片由作者提供",
    ],
)
def test_chinese_datelines_bylines_and_captions_are_paratext_by_shape(line):
    assert is_paratext_zh(line) == 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Sarah Lee in Beijing", 2),
        ("Text as prepared for delivery.", 2),
        ("The views expressed here are the author's own.", 2),
        ("By the time we arrived, it was dark.", 0),
        ("By 6 pm the streets were empty.", 0),
    ],
)
def test_english_bylines_need_a_name_after_by(line, expected):
    assert is_paratext_en(line) == expected


def test_a_short_paragraph_merged_into_the_next_translation_is_a_two_one_bead():
    zh = [
        "市中心的老街最近又热闹起来了。",
        "这个想法并不新鲜。",
        "很多城市早就把老街改成了步行街，商店的生意也变好了。",
        "下一步，市政府将听取市民的意见。",
    ]
    en = [
        "The old streets downtown are busy again.",
        "The idea is not new. Many cities turned their old streets into pedestrian streets long "
        "ago, and the shops there now do better business.",
        "Next, the city government will listen to residents' views.",
    ]
    assert align_paragraphs(zh, en) == [([0], [0]), ([1, 2], [1]), ([3], [2])]


def test_a_navigation_line_is_not_merged_into_a_translation():
    zh = ["他想了想，说：“那我们明天再去吧。”", "上一章　目录　下一章"]
    en = ["He thought for a moment. 'Then we'll go tomorrow,' he said. 'Agreed?'"]
    assert align_paragraphs(zh, en) == [([0], [0]), ([1], [])]
