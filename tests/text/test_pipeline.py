"""The save-time pipeline and the small text modules around it (no database)."""

import doctest
import importlib

import pytest

from reader.text import gloss, matching, pipeline


@pytest.mark.parametrize("name", ["pipeline", "gloss", "levels", "matching"])
def test_module_docstring_examples_hold(name):
    module = importlib.import_module(f"reader.text.{name}")
    failed, attempted = doctest.testmod(module)
    assert attempted and not failed


def test_every_sentence_becomes_a_segment_and_captions_stand_alone():
    pairs = pipeline.build_pairs(
        ["我们去银行。他在行走。", "图为银行门口。（新华社记者 张三 摄）"],
        ["We go to the bank. He is walking."],
    )
    assert [(p.zh[:4], p.en[:5]) for p in pairs] == [("我们去银", "We go"), ("图为银行", "")]
    first, second = pairs[0].segments
    assert (first.zh, first.en) == ("我们去银行。", "We go to the bank.")
    assert (second.zh, second.en) == ("他在行走。", "He is walking.")
    assert pairs[1].is_unmatched
    assert all(not s.en for s in pairs[1].segments)


def test_annotation_links_words_both_ways():
    segment = pipeline.annotate_segment("普京用榴弹炮。", "Putin uses a howitzer.")
    zh = {t["t"]: t.get("l", []) for t in segment.tokens}
    en = [t["t"] for t in segment.en_tokens]
    assert [en[j] for j in zh["普京"]] == ["Putin"]
    assert [en[j] for j in zh["榴弹炮"]] == ["howitzer"]
    back = segment.en_tokens[en.index("howitzer")]["l"]
    assert [segment.tokens[i]["t"] for i in back] == ["榴弹炮"]
    assert "".join(en) == "Putin uses a howitzer."


def test_citation_tones_are_a_choice():
    textbook = pipeline.annotate_segment("不是一个", "", pipeline.Options(tone_sandhi=True))
    citation = pipeline.annotate_segment("不是一个", "", pipeline.Options(tone_sandhi=False))
    assert [t["py"] for t in textbook.tokens] == [["bú", "shì"], ["yí"], ["gè"]]
    assert [t["py"] for t in citation.tokens] == [["bù", "shì"], ["yī"], ["gè"]]


def test_hsk_levels_follow_the_chosen_standard():
    new = pipeline.annotate_segment("银行", "", pipeline.Options(hsk_standard="2025"))
    old = pipeline.annotate_segment("银行", "", pipeline.Options(hsk_standard="2021"))
    assert new.tokens[0]["h"] == 3
    assert old.tokens[0]["h"] == 2


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
    assert gloss.numbered_to_marks(numbered) == marked


def test_moved_sentence_is_found_by_text_then_by_overlap():
    candidates = ["完全不同的句子。", "普京将在未来几天会见金正恩。"]
    assert matching.best_match("普京将在未来几天会见金正恩。", candidates) == 1
    assert matching.best_match("普京将在未来数天会见金正恩。", candidates) == 1
    assert matching.best_match("今天天气很好。", candidates) is None
