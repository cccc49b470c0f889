"""The save-time pipeline and the small text modules around it (no database)."""

import pytest

from reader.text import gloss, matching, pipeline


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
    annotation = pipeline.annotate_segment("普京用榴弹炮。", "Putin uses a howitzer.").annotation
    zh = {t.text: t.links for t in annotation.zh}
    en = [t.text for t in annotation.en]
    assert [en[j] for j in zh["普京"]] == ["Putin"]
    assert [en[j] for j in zh["榴弹炮"]] == ["howitzer"]
    back = annotation.en[en.index("howitzer")].links
    assert [annotation.zh[i].text for i in back] == ["榴弹炮"]
    assert "".join(en) == "Putin uses a howitzer."


def test_citation_tones_are_a_choice():
    textbook = pipeline.annotate_segment("不是一个", "", pipeline.Options(tone_sandhi=True))
    citation = pipeline.annotate_segment("不是一个", "", pipeline.Options(tone_sandhi=False))
    assert [t.syllables for t in textbook.annotation.zh] == [("bú", "shì"), ("yí",), ("gè",)]
    assert [t.syllables for t in citation.annotation.zh] == [("bù", "shì"), ("yī",), ("gè",)]


def test_hsk_levels_follow_the_chosen_standard():
    new = pipeline.annotate_segment("银行", "", pipeline.Options(hsk_standard="2025"))
    old = pipeline.annotate_segment("银行", "", pipeline.Options(hsk_standard="2021"))
    assert new.annotation.zh[0].level == 3
    assert old.annotation.zh[0].level == 2


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


def test_bead_operations_keep_every_paragraph_once_in_order():
    from reader.text import beads as ops

    start = [(["甲"], ["A"]), (["乙", "丙"], []), ([], ["B"]), (["丁"], ["C", "D"])]
    flat = ["甲", "乙", "丙", "丁"], ["A", "B", "C", "D"]
    results = [
        ops.move_paragraph(start, 1, "zh", -1),
        ops.move_paragraph(start, 3, "en", -1),
        ops.merge_with_next(start, 1),
        ops.split(start, 1),
        ops.split(start, 3),
        ops.unmatch(start, 0),
    ]
    for result in results:
        assert [p for zh, _ in result for p in zh] == flat[0]
        assert [p for _, en in result for p in en] == flat[1]
        assert all(zh or en for zh, en in result)
    for bad in [
        lambda: ops.move_paragraph(start, 0, "zh", -1),
        lambda: ops.move_paragraph(start, 2, "zh", 1),
        lambda: ops.merge_with_next(start, 3),
        lambda: ops.split(start, 0),
        lambda: ops.unmatch(start, 2),
        lambda: ops.move_paragraph(start, 0, "fr", 1),
    ]:
        with pytest.raises(ops.BeadError):
            bad()


@pytest.mark.parametrize(
    ("kind", "word", "value", "message"),
    [
        ("join", "朝", "", "at least two characters"),
        ("split", "朝鲜", "朝鲜", "the parts must spell 朝鲜"),
        ("pinyin", "朝鲜", "chao", "one syllable for each of the 2 characters"),
        ("pinyin", "Kim", "kim", "Chinese characters only"),
        ("rename", "朝鲜", "", "unknown kind"),
    ],
)
def test_malformed_corrections_say_what_is_wrong(kind, word, value, message):
    from reader.text.corrections import Correction, CorrectionError

    with pytest.raises(CorrectionError, match=message):
        Correction(kind, word, value)
