"""Sentence splitting: golden lists per language, and nothing lost."""

import json
from pathlib import Path

import pytest

from reader.text.sentences import split_en, split_zh

SPLIT = {"zh": split_zh, "en": split_en}

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "tests" / "data" / "seed-alignment.json").read_text(encoding="utf-8"))

ZH_CASES = [
    ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
    ("我们去银行。你呢？", ["我们去银行。", "你呢？"]),
    ("太好了！我们走吧！！", ["太好了！", "我们走吧！！"]),
    ("他想了想……没有回答。", ["他想了想……", "没有回答。"]),
    ("春天来了；花开了。", ["春天来了；", "花开了。"]),
    ("增长了3.5%，达到1.2万亿元。", ["增长了3.5%，达到1.2万亿元。"]),
    ("U.S.官员说,这是真的.他们很高兴.", ["U.S.官员说,这是真的.", "他们很高兴."]),
    ('他问:"你来吗?"我说:"来!"', ['他问:"你来吗?"', '我说:"来!"']),
    ("（见图。）下一句。", ["（见图。）", "下一句。"]),
    ("《红楼梦》很长，很好看，我读了三遍", ["《红楼梦》很长，很好看，我读了三遍"]),
    ("她说「我走了。」他没说话。", ["她说「我走了。」", "他没说话。"]),
    ("真的吗？！不会吧", ["真的吗？！", "不会吧"]),
    ("第一句。 \n 第二句。", ["第一句。", "第二句。"]),
    ("访问www.example.com。谢谢。", ["访问www.example.com。", "谢谢。"]),
    # From the seed: one paragraph of two sentences; two quotations in a row.
    (GOLD["zh"][5], [GOLD["zh"][5][:40], GOLD["zh"][5][40:]]),
    (
        GOLD["zh"][12],
        [
            "当Raddatz问及他可能从会晤中获得什么时,Milley谈到普京时说:“他可能会得到一些东西。”",
            "“我不确定有多少或多快,但他可能会从朝鲜人那里得到一些东西。”",
        ],
    ),
    # ASCII quotes with no sentence end inside stay in one sentence.
    (GOLD["zh"][0], [GOLD["zh"][0]]),
]

EN_CASES = [
    ("It rained. We stayed in!", ["It rained.", "We stayed in!"]),
    ("Gen. Mark Milley spoke to Mr. Smith.", ["Gen. Mark Milley spoke to Mr. Smith."]),
    (
        "U.S. officials agree. The U.S. Army does not.",
        ["U.S. officials agree.", "The U.S. Army does not."],
    ),
    (
        "He lives in the U.S. The rest live in Canada.",
        ["He lives in the U.S.", "The rest live in Canada."],
    ),
    ("Growth was 3.5 percent. It fell.", ["Growth was 3.5 percent.", "It fell."]),
    (
        "J. R. R. Tolkien wrote it. Kim Jong Un read it.",
        ["J. R. R. Tolkien wrote it.", "Kim Jong Un read it."],
    ),
    (
        "They met at 10 a.m. on Monday. Then they left.",
        ["They met at 10 a.m. on Monday.", "Then they left."],
    ),
    (
        "It ended at 5 p.m. The talks resume today.",
        ["It ended at 5 p.m.", "The talks resume today."],
    ),
    ('"Why?" he asked. "Because," she said.', ['"Why?" he asked.', '"Because," she said.']),
    ("I think... maybe not. Wait... What?", ["I think... maybe not.", "Wait...", "What?"]),
    (
        "Apples, pears, etc. are fruit. See No. 5 on the list.",
        ["Apples, pears, etc. are fruit.", "See No. 5 on the list."],
    ),
    ("He said “Stop.” Then he left.", ["He said “Stop.”", "Then he left."]),
    ("(It was late.) Everyone slept.", ["(It was late.)", "Everyone slept."]),
    (
        "Acme Inc. said so. Sen. Warren e.g. agreed.",
        ["Acme Inc. said so.", "Sen. Warren e.g. agreed."],
    ),
    ('It ended."I\'m done," he said.', ["It ended.", '"I\'m done," he said.']),
    ("On Sept. 11 they met. 2024 was calmer.", ["On Sept. 11 they met.", "2024 was calmer."]),
    ("no final punctuation", ["no final punctuation"]),
    # From the seed.
    (GOLD["en"][5], [GOLD["en"][5][:165], GOLD["en"][5][166:]]),
    (
        GOLD["en"][10],
        [
            '"He\'ll probably get something," Milley said of Putin, when asked by Raddatz '
            "what he might obtain from the meeting.",
            "\"I'm not sure how much or how fast, but he'll probably get something out of the "
            'North Koreans."',
        ],
    ),
    (GOLD["en"][11], [GOLD["en"][11]]),
    (GOLD["en"][0], [GOLD["en"][0]]),
    (GOLD["en"][8], [GOLD["en"][8]]),
]


@pytest.mark.parametrize(("text", "expected"), ZH_CASES)
def test_split_zh_golden(text, expected):
    assert split_zh(text) == expected


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_split_en_golden(text, expected):
    assert split_en(text) == expected


def test_seed_chinese_paragraph_five_splits_after_the_first_full_stop():
    first, second = split_zh(GOLD["zh"][5])
    assert first.endswith("弹药。")
    assert second.startswith("美国官员认为")


def test_seed_english_paragraph_five_splits_before_us_officials():
    first, second = split_en(GOLD["en"][5])
    assert first.endswith("in the war in Ukraine.")
    assert second.startswith("U.S. officials believe")


def test_seed_quote_with_comma_does_not_split():
    assert len(split_en(GOLD["en"][9])) == 1  # '...munitions," Milley said.'


@pytest.mark.parametrize("text", ["", "   ", "\n\t\u3000"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_blank_text_has_no_sentences(text, lang):
    assert SPLIT[lang](text) == []


def _squeeze(text):
    return "".join(text.split())


ALL_ZH = [text for text, _ in ZH_CASES] + GOLD["zh"]
ALL_EN = [text for text, _ in EN_CASES] + GOLD["en"] + [GOLD["title_en"]]


@pytest.mark.parametrize(
    ("text", "lang"), [(t, "zh") for t in ALL_ZH] + [(t, "en") for t in ALL_EN]
)
def test_sentences_join_back_to_the_text_and_are_stripped(text, lang):
    sentences = SPLIT[lang](text)
    assert _squeeze("".join(sentences)) == _squeeze(text)
    assert all(s and s == s.strip() for s in sentences)
